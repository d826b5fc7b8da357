/**
 * Teams-shaped activities for wire-protocol tests, as Teams sends them: channel @mentions with `entities`
 * and `channelData`, group chats, 1:1 chats and `adaptiveCard/action` invokes.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_TENANT_ID, SOC_TEAM } from '../../src/demo/seed/people.js';

export const BOT = { id: '28:ward-test-bot', name: 'Ward' };
export const ANALYST = {
  id: '29:1-patti',
  name: 'Patti Fernandez',
  aadObjectId: SOC_TEAM.patti.id,
};
export const CHANNEL_ID = '19:soc-general@thread.tacv2';
export const TEAM_ID = '19:contoso-soc@thread.tacv2';

type Activity = Record<string, unknown>;

function base(serviceUrl: string, conversation: Record<string, unknown>, from = ANALYST): Activity {
  return {
    id: `${Date.now()}${Math.floor(Math.random() * 1000)}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from,
    recipient: BOT,
    conversation: { tenantId: DEMO_TENANT_ID, ...conversation },
    locale: 'en-US',
  };
}

/** A new channel post @mentioning Ward: Teams puts it in a thread whose root is the post itself. */
export function channelMention(
  serviceUrl: string,
  question: string,
  options: { threadRoot?: string; channelName?: string } = {},
): Activity {
  const root = options.threadRoot ?? `${Date.now()}`;
  return {
    ...base(serviceUrl, {
      id: `${CHANNEL_ID};messageid=${root}`,
      conversationType: 'channel',
      isGroup: true,
    }),
    type: 'message',
    text: `<at>Ward</at> ${question}`,
    textFormat: 'plain',
    entities: [
      { type: 'mention', mentioned: BOT, text: '<at>Ward</at>' },
      { type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web' },
    ],
    channelData: {
      teamsChannelId: CHANNEL_ID,
      teamsTeamId: TEAM_ID,
      channel: { id: CHANNEL_ID, name: options.channelName },
      team: { id: TEAM_ID, name: 'Contoso SOC' },
      tenant: { id: DEMO_TENANT_ID },
    },
  };
}

export function groupChatMessage(serviceUrl: string, question: string, mention = true): Activity {
  return {
    ...base(serviceUrl, { id: '19:group-chat-1@thread.v2', conversationType: 'groupChat', isGroup: true }),
    type: 'message',
    text: mention ? `<at>Ward</at> ${question}` : question,
    entities: mention ? [{ type: 'mention', mentioned: BOT, text: '<at>Ward</at>' }] : [],
    channelData: { tenant: { id: DEMO_TENANT_ID } },
  };
}

export function personalMessage(serviceUrl: string, question: string): Activity {
  return {
    ...base(serviceUrl, { id: `a:1-personal-${ANALYST.aadObjectId}`, conversationType: 'personal' }),
    type: 'message',
    text: question,
    channelData: { tenant: { id: DEMO_TENANT_ID } },
  };
}

/** An `Action.Execute` click on a card in a conversation. */
export function cardAction(
  serviceUrl: string,
  conversationId: string,
  verb: string,
  data: Record<string, unknown>,
  from = ANALYST,
): Activity {
  const conversationType = conversationId.startsWith('a:')
    ? 'personal'
    : conversationId.includes('tacv2')
      ? 'channel'
      : 'groupChat';
  return {
    ...base(serviceUrl, { id: conversationId, conversationType }, from),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: randomUUID(),
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    channelData: { tenant: { id: DEMO_TENANT_ID } },
  };
}
