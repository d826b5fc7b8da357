/**
 * Conversation memory in the database: the last few turns of each conversation (a channel thread, a group chat,
 * a 1:1 chat), so any replica answering the next question knows who "her" is. Bounded twice: at most `turns`
 * turns per conversation and none older than `maxAgeMs`; a new turn and the trimming of that conversation's
 * surplus and expired turns commit together, serialised per conversation, so concurrent answers never leave
 * more than the bound behind. Stored texts are redacted of secrets and cut to a fixed length.
 * It never reads or trims across conversations: a channel thread's id carries its root (`;messageid=`), so each
 * thread is its own memory, matched by exact id.
 */
import { z } from 'zod/v4';
import { targetSchema } from '../core/answer.js';
import { ConfigError, InvalidInputError } from '../core/errors.js';
import type { ConversationMemory, RememberedTurn } from '../core/memory/conversation-memory.js';
import { redactSecrets } from '../core/redact-secrets.js';
import type { Database } from './database.js';

/** Longest question kept, in characters; longer ones are cut. */
export const MAX_REMEMBERED_QUESTION_LENGTH = 1_000;
/** Longest answer summary kept, in characters; longer ones are cut. */
export const MAX_REMEMBERED_SUMMARY_LENGTH = 2_000;
/** Longest answer title kept (answers' own limit). */
const MAX_REMEMBERED_TITLE_LENGTH = 200;
/** Longest conversation id accepted (Teams ids are a few hundred characters at most). */
const MAX_CONVERSATION_ID_LENGTH = 1_000;
/** Most turns a conversation may keep (MEMORY_TURNS allows 20). */
const MAX_TURNS = 100;

/** Options for {@link createConversationMemory}. */
export interface ConversationMemoryOptions {
  /** Turns kept per conversation (MEMORY_TURNS); 0 turns memory off: nothing is stored or recalled. */
  turns: number;
  /** How long a turn is remembered, in milliseconds (MEMORY_HOURS). */
  maxAgeMs: number;
  /**
   * False (RETENTION_ANSWER_DAYS=0): remember each turn without its text (question, title, summary), so a
   * follow-up still finds its subject but no words are stored. Default true.
   */
  keepText?: boolean;
  /** The clock; defaults to the system's. */
  now?: () => Date;
}

/** Conversation memory backed by the database, with housekeeping for turns no conversation will trim. */
export interface StoredConversationMemory extends ConversationMemory {
  /**
   * Deletes every conversation's expired turns (a thread nobody asks in again keeps its last turns until then)
   * and returns how many were deleted. For a periodic job; `remember` already trims its own conversation.
   */
  forgetExpired(): Promise<number>;
}

const optionsSchema = z.object({
  turns: z.number().int().min(0).max(MAX_TURNS),
  maxAgeMs: z.number().int().positive(),
});

const conversationIdSchema = z.string().min(1).max(MAX_CONVERSATION_ID_LENGTH);

/** Cuts text to `max` characters, ending with an ellipsis, never between the halves of a surrogate pair. */
function cutTo(max: number) {
  return (text: string): string => {
    if (text.length <= max) return text;
    let end = max - 1;
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end--;
    return `${text.slice(0, end)}…`;
  };
}

/** Redacts secrets, then cuts: a secret cut in half would no longer be recognised. */
const storedText = (max: number) => (text: string) => cutTo(max)(redactSecrets(text));

/** What a turn remembered without its text says instead of its title. */
export const TURN_TEXT_NOT_KEPT = 'Text not kept (RETENTION_ANSWER_DAYS=0).';

const rememberedTurnSchema = z.object({
  at: z.date(),
  question: z.string().transform(storedText(MAX_REMEMBERED_QUESTION_LENGTH)),
  answerId: z.guid().optional(),
  intent: z.string().min(1).max(100),
  title: z.string().min(1).transform(storedText(MAX_REMEMBERED_TITLE_LENGTH)),
  summary: z.string().transform(storedText(MAX_REMEMBERED_SUMMARY_LENGTH)),
  subject: targetSchema.optional(),
});

/** A stored row, read back through a schema: a subject that no longer reads as a target is dropped, not the turn. */
const rowSchema = z.object({
  at: z.date(),
  question: z.string(),
  answer_id: z.string().nullable(),
  intent: z.string(),
  title: z.string(),
  summary: z.string(),
  subject: targetSchema.nullable().catch(null),
});

// Serialises remembers of one conversation (replicas included) so the trim sees every committed turn.
// A hash collision between two conversations only makes them wait for each other.
const lockSql = `SELECT pg_advisory_xact_lock(hashtext('ward.conversation_memory:' || current_schema() || ':' || $1))`;

/**
 * Creates the memory over `db`. Throws a `ConfigError` for a `turns` outside 0–100 or a `maxAgeMs` that is not
 * a positive integer. `recall` and `remember` throw an `InvalidInputError` for an empty or over-long
 * conversation id or an invalid turn, and a `StorageError` when the database fails.
 */
export function createConversationMemory(
  db: Database,
  options: ConversationMemoryOptions,
): StoredConversationMemory {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new ConfigError(`Invalid conversation memory settings: ${z.prettifyError(parsed.error)}`);
  }
  const { turns, maxAgeMs } = parsed.data;
  const keepText = options.keepText !== false;
  const now = options.now ?? (() => new Date());
  const cutoff = () => new Date(now().getTime() - maxAgeMs);

  return {
    async recall(conversationId) {
      const id = checkConversationId(conversationId);
      if (turns === 0) return [];
      const result = await db.query(
        `SELECT at, question, answer_id, intent, title, summary, subject FROM (
           SELECT id, at, question, answer_id, intent, title, summary, subject FROM conversation_memory
           WHERE conversation_id = $1 AND at >= $2
           ORDER BY id DESC LIMIT $3
         ) recent ORDER BY id`,
        [id, cutoff(), turns],
      );
      // A row that does not read back is skipped: memory helps an answer, it must never fail one.
      return result.rows.flatMap((row) => {
        const checked = rowSchema.safeParse(row);
        return checked.success ? [toTurn(checked.data)] : [];
      });
    },

    async remember(conversationId, turn) {
      const id = checkConversationId(conversationId);
      const checked = rememberedTurnSchema.safeParse(turn);
      if (!checked.success) {
        throw new InvalidInputError(`Invalid turn to remember: ${z.prettifyError(checked.error)}`, {
          cause: checked.error,
        });
      }
      if (turns === 0) return;
      const value = keepText
        ? checked.data
        : { ...checked.data, question: '', title: TURN_TEXT_NOT_KEPT, summary: '' };
      await db.transaction(async (tx) => {
        await tx.query(lockSql, [id]);
        await tx.query(
          `INSERT INTO conversation_memory
             (conversation_id, at, question, answer_id, intent, title, summary, subject)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
          [
            id,
            value.at,
            value.question,
            value.answerId ?? null,
            value.intent,
            value.title,
            value.summary,
            value.subject === undefined ? null : JSON.stringify(value.subject),
          ],
        );
        await tx.query(
          `DELETE FROM conversation_memory
           WHERE conversation_id = $1
             AND (at < $2 OR id NOT IN (
               SELECT id FROM conversation_memory WHERE conversation_id = $1 ORDER BY id DESC LIMIT $3
             ))`,
          [id, cutoff(), turns],
        );
      });
    },

    async forgetExpired() {
      const result = await db.query('DELETE FROM conversation_memory WHERE at < $1', [cutoff()]);
      return result.rowCount;
    },
  };
}

function checkConversationId(conversationId: string): string {
  const checked = conversationIdSchema.safeParse(conversationId);
  if (!checked.success) {
    throw new InvalidInputError(
      `A conversation id must be 1 to ${MAX_CONVERSATION_ID_LENGTH} characters to remember turns by.`,
      { cause: checked.error },
    );
  }
  return checked.data;
}

function toTurn(row: z.infer<typeof rowSchema>): RememberedTurn {
  return {
    at: row.at,
    question: row.question,
    ...(row.answer_id === null ? {} : { answerId: row.answer_id }),
    intent: row.intent,
    title: row.title,
    summary: row.summary,
    ...(row.subject === null ? {} : { subject: row.subject }),
  };
}
