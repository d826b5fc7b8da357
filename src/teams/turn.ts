/**
 * Bot Framework activity → core Turn. Validates the activity's shape with zod (the edge), removes Ward's own
 * @mention, keeps the names of other people mentioned ("is <at>Adele Vance</at> compromised?" → "is Adele
 * Vance compromised?"), decodes the HTML Teams wraps text in, and reads channel, team, thread and tenant.
 */
import type { Activity } from 'botbuilder';
import { z } from 'zod/v4';
import type { ConversationKind, Turn } from '../core/turn.js';

const mentionSchema = z.object({
  type: z.literal('mention'),
  mentioned: z.object({ id: z.string(), name: z.string().optional() }),
  text: z.string().optional(),
});

/** The fields Ward needs from a message activity; anything else is ignored. */
export const messageActivitySchema = z.object({
  id: z.string().optional(),
  type: z.string(),
  text: z.string().optional(),
  from: z.object({ id: z.string().min(1), name: z.string().optional(), aadObjectId: z.string().optional() }),
  recipient: z.object({ id: z.string().min(1), name: z.string().optional() }).optional(),
  conversation: z.object({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
    name: z.string().optional(),
    isGroup: z.boolean().optional(),
  }),
  channelData: z
    .object({
      tenant: z.object({ id: z.string() }).partial().optional(),
      channel: z.object({ id: z.string(), name: z.string().optional() }).partial().optional(),
      team: z.object({ id: z.string(), name: z.string().optional() }).partial().optional(),
    })
    .partial()
    .optional(),
  // Entities are hints (mentions, client info): a malformed list is ignored, not a reason to drop the message.
  entities: z.array(z.unknown()).optional().catch(undefined),
  locale: z.string().optional(),
});

/** Longest message Ward reads; longer ones get a short reply rather than a slow, truncated answer. */
export const MAX_QUESTION_LENGTH = 4000;

/** Whether the activity @mentions the bot (by recipient id). */
export function mentionsBot(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  if (!botId) return false;
  const entities: unknown[] = Array.isArray(activity.entities) ? activity.entities : [];
  return entities.some((entity) => {
    const mention = mentionSchema.safeParse(entity);
    return mention.success && mention.data.mentioned.id === botId;
  });
}

/** Builds a Turn from a message activity, or explains why it cannot. */
export function toTurn(
  activity: Partial<Activity>,
): { ok: true; turn: Turn } | { ok: false; reason: string } {
  const parsed = messageActivitySchema.safeParse(activity);
  if (!parsed.success) {
    return {
      ok: false,
      reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    };
  }
  const a = parsed.data;
  const kind = conversationKind(a.conversation.conversationType, a.conversation.isGroup);
  const threadRootId = /;messageid=(\d+)/.exec(a.conversation.id)?.[1];
  return {
    ok: true,
    turn: {
      id: a.id ?? `no-id-${Date.now()}`,
      user: { id: a.from.id, aadObjectId: a.from.aadObjectId, name: a.from.name },
      tenantId: a.conversation.tenantId ?? a.channelData?.tenant?.id,
      conversation: {
        id: a.conversation.id,
        kind,
        channelId: a.channelData?.channel?.id,
        teamId: a.channelData?.team?.id,
        threadRootId,
        name: a.channelData?.channel?.name ?? a.conversation.name,
      },
      text: questionText(a.text ?? '', a.recipient?.id, a.entities ?? []),
      locale: a.locale,
    },
  };
}

function conversationKind(type: string | undefined, isGroup: boolean | undefined): ConversationKind {
  if (type === 'channel') return 'channel';
  if (type === 'groupChat' || (type === undefined && isGroup)) return 'groupChat';
  return 'personal';
}

/** The question text: the bot's mention removed, other mentions kept as plain names, HTML decoded. */
export function questionText(text: string, botId: string | undefined, entities: readonly unknown[]): string {
  let result = text;
  for (const entity of entities) {
    const mention = mentionSchema.safeParse(entity);
    if (!mention.success || !mention.data.text) continue;
    const replacement = mention.data.mentioned.id === botId ? ' ' : ` ${stripTags(mention.data.text)} `;
    result = result.split(mention.data.text).join(replacement);
  }
  return decodeHtml(stripTags(result)).replace(/\s+/g, ' ').trim();
}

function stripTags(text: string): string {
  return text.replace(/<\/?[a-z][^<>]{0,200}>/gi, ' ');
}

const entities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  '#39': "'",
};

function decodeHtml(text: string): string {
  return text.replace(
    /&(amp|lt|gt|quot|apos|nbsp|#39);/g,
    (_match, name: string) => entities[name] ?? _match,
  );
}
