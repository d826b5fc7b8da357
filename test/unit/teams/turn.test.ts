/**
 * The Teams edge: Teams-shaped message activities turned into the core's Turn. Where the message came from
 * (channel thread, group chat, 1:1), who asked, and the question as the analyst meant it: Ward's own
 * @mention gone, other people's mentions kept as their names, Teams' HTML decoded. Malformed activities are
 * explained, never thrown on.
 */
import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID } from '../../../src/demo/seed/people.js';
import { mentionsBot, questionText, toTurn } from '../../../src/teams/turn.js';
import {
  ANALYST,
  BOT,
  CHANNEL_ID,
  channelMention,
  groupChatMessage,
  personalMessage,
  TEAM_ID,
} from '../../support/teams-activities.js';

const SERVICE_URL = 'https://smba.trafficmanager.net/amer/';
const ADELE = { id: '29:1-adele', name: 'Adele Vance', aadObjectId: 'adele-object-id' };

function asActivity(activity: Record<string, unknown>): Partial<Activity> {
  return activity as Partial<Activity>;
}

/** toTurn that must succeed. */
function turnOf(activity: Record<string, unknown>) {
  const built = toTurn(asActivity(activity));
  if (!built.ok) throw new Error(`expected a turn, got: ${built.reason}`);
  return built.turn;
}

describe('toTurn: where the message came from', () => {
  it('reads a channel post: thread root, channel id and name, team, tenant from channelData', () => {
    const activity = channelMention(SERVICE_URL, 'is adele.vance@contoso.com compromised?', {
      threadRoot: '1732000000001',
      channelName: 'Incident 4711',
    });
    // Teams puts the tenant of a channel message in channelData; conversation.tenantId may be missing.
    delete (activity.conversation as Record<string, unknown>).tenantId;
    const turn = turnOf(activity);
    expect(turn).toEqual({
      id: activity.id,
      user: { id: ANALYST.id, aadObjectId: ANALYST.aadObjectId, name: ANALYST.name },
      tenantId: DEMO_TENANT_ID,
      conversation: {
        id: `${CHANNEL_ID};messageid=1732000000001`,
        kind: 'channel',
        channelId: CHANNEL_ID,
        teamId: TEAM_ID,
        threadRootId: '1732000000001',
        name: 'Incident 4711',
      },
      text: 'is adele.vance@contoso.com compromised?',
      locale: 'en-US',
    });
  });

  it('reads a group chat: no channel, no thread, the chat name when Teams gives one', () => {
    const activity = groupChatMessage(SERVICE_URL, 'risky users today');
    (activity.conversation as Record<string, unknown>).name = 'Night shift';
    const turn = turnOf(activity);
    expect(turn.conversation).toEqual({
      id: '19:group-chat-1@thread.v2',
      kind: 'groupChat',
      channelId: undefined,
      teamId: undefined,
      threadRootId: undefined,
      name: 'Night shift',
    });
    expect(turn.tenantId).toBe(DEMO_TENANT_ID);
    expect(turn.text).toBe('risky users today');
  });

  it('treats an isGroup conversation without a type as a group chat', () => {
    const activity = groupChatMessage(SERVICE_URL, 'hello');
    delete (activity.conversation as Record<string, unknown>).conversationType;
    expect(turnOf(activity).conversation.kind).toBe('groupChat');
  });

  it('reads a personal chat', () => {
    const turn = turnOf(personalMessage(SERVICE_URL, 'who is megan?'));
    expect(turn.conversation.kind).toBe('personal');
    expect(turn.conversation.threadRootId).toBeUndefined();
    expect(turn.conversation.channelId).toBeUndefined();
    expect(turn.text).toBe('who is megan?');
    expect(turn.user.aadObjectId).toBe(ANALYST.aadObjectId);
  });

  it('prefers conversation.tenantId over channelData', () => {
    const activity = personalMessage(SERVICE_URL, 'hi');
    activity.channelData = { tenant: { id: 'other-tenant' } };
    expect(turnOf(activity).tenantId).toBe(DEMO_TENANT_ID);
  });

  it('reads a thread root only from a numeric messageid', () => {
    const activity = channelMention(SERVICE_URL, 'hi');
    (activity.conversation as Record<string, unknown>).id = `${CHANNEL_ID};messageid=abc`;
    expect(turnOf(activity).conversation.threadRootId).toBeUndefined();
  });
});

describe('toTurn: malformed activities', () => {
  it('explains a missing `from`', () => {
    const activity = personalMessage(SERVICE_URL, 'hi');
    delete activity.from;
    const built = toTurn(asActivity(activity));
    expect(built).toEqual({ ok: false, reason: expect.stringContaining('from') });
  });

  it('explains a missing `conversation`', () => {
    const activity = personalMessage(SERVICE_URL, 'hi');
    delete activity.conversation;
    const built = toTurn(asActivity(activity));
    expect(built).toEqual({ ok: false, reason: expect.stringContaining('conversation') });
  });

  it('explains an empty sender id', () => {
    const activity = personalMessage(SERVICE_URL, 'hi');
    activity.from = { id: '' };
    expect(toTurn(asActivity(activity)).ok).toBe(false);
  });

  it('gives a message without an id one, and reads a message without text as empty', () => {
    const activity = personalMessage(SERVICE_URL, 'hi');
    delete activity.id;
    delete activity.text;
    const turn = turnOf(activity);
    expect(turn.id).toMatch(/^no-id-\d+$/);
    expect(turn.text).toBe('');
  });

  it('ignores entities of junk shapes without throwing', () => {
    const activity = channelMention(SERVICE_URL, 'is adele compromised?');
    activity.entities = [
      null,
      5,
      'mention',
      [],
      { type: 'mention' },
      { type: 'mention', mentioned: null, text: '<at>Ward</at>' },
      { type: 'mention', mentioned: { id: 42 }, text: '<at>Ward</at>' },
      { type: 'mention', mentioned: BOT, text: '' },
      { type: 'mention', mentioned: BOT, text: '<at>Ward</at>' },
    ];
    expect(turnOf(activity).text).toBe('is adele compromised?');
    expect(mentionsBot(asActivity(activity))).toBe(true);
  });

  it('ignores `entities` that is not a list at all', () => {
    for (const entities of [{}, 'mention', 7, null]) {
      const activity = channelMention(SERVICE_URL, 'is adele compromised?');
      activity.entities = entities;
      expect(mentionsBot(asActivity(activity))).toBe(false);
      expect(toTurn(asActivity(activity)).ok).toBe(true);
    }
  });
});

describe('mentionsBot', () => {
  it('is true when the bot (the recipient) is mentioned', () => {
    expect(mentionsBot(asActivity(channelMention(SERVICE_URL, 'hi')))).toBe(true);
  });

  it('is false when only another person is mentioned, even by the bot’s name', () => {
    const activity = channelMention(SERVICE_URL, 'hi');
    activity.text = '<at>Ward</at> hi';
    activity.entities = [
      { type: 'mention', mentioned: { id: '29:1-not-the-bot', name: 'Ward' }, text: '<at>Ward</at>' },
    ];
    expect(mentionsBot(asActivity(activity))).toBe(false);
  });

  it('is false without entities or without a recipient', () => {
    const activity = channelMention(SERVICE_URL, 'hi');
    delete activity.entities;
    expect(mentionsBot(asActivity(activity))).toBe(false);
    const noRecipient = channelMention(SERVICE_URL, 'hi');
    delete noRecipient.recipient;
    expect(mentionsBot(asActivity(noRecipient))).toBe(false);
  });
});

describe('questionText', () => {
  const botMention = { type: 'mention', mentioned: BOT, text: '<at>Ward</at>' };
  const adeleMention = { type: 'mention', mentioned: ADELE, text: '<at>Adele Vance</at>' };

  it('removes the bot mention and keeps another person’s as their plain name', () => {
    expect(
      questionText('<at>Ward</at> is <at>Adele Vance</at> compromised?', BOT.id, [botMention, adeleMention]),
    ).toBe('is Adele Vance compromised?');
  });

  it('removes the bot mention wherever it is', () => {
    expect(questionText('is adele compromised <at>Ward</at>?', BOT.id, [botMention])).toBe(
      'is adele compromised ?',
    );
  });

  it('keeps a mention of another user even when it is the only one', () => {
    expect(questionText('<at>Adele Vance</at> signed in from where?', BOT.id, [adeleMention])).toBe(
      'Adele Vance signed in from where?',
    );
  });

  it('decodes the HTML Teams sends: paragraphs, &nbsp;, &amp;, quotes', () => {
    expect(
      questionText(
        '<p><at>Ward</at>&nbsp;sign-ins for O&#39;Brien &amp; Sons&nbsp;&quot;today&quot;</p>',
        BOT.id,
        [botMention],
      ),
    ).toBe('sign-ins for O\'Brien & Sons "today"');
  });

  it('strips tags before decoding, so an escaped tag the analyst typed stays text', () => {
    expect(questionText('<div>what does &lt;script&gt; mean?</div>', BOT.id, [])).toBe(
      'what does <script> mean?',
    );
    expect(questionText('a &amp;lt; b', BOT.id, [])).toBe('a &lt; b');
  });

  it('collapses whitespace and line breaks', () => {
    expect(questionText('<p>risky</p>\n<p>users</p>\r\n  today\u00a0 ', BOT.id, [])).toBe(
      'risky users today',
    );
  });

  it('leaves text without a bot id untouched apart from HTML', () => {
    expect(questionText('<at>Ward</at> hi', undefined, [botMention])).toBe('Ward hi');
  });
});
