/**
 * Feedback: what analysts think of an answer (looks right / needs improvement / inappropriate, a reason and a
 * comment), from the answer card's buttons or the Teams thumbs under the message (`channel`). One row per
 * analyst per answer, whichever channel: a change of mind replaces the earlier rating, reason and comment,
 * never adds a second row. It never aggregates across answers (that is `core/feedback/`), never stores
 * feedback on an unknown answer and never cuts a comment: one over the limit is refused.
 */
import { z } from 'zod/v4';
import { type Answer, answerSchema } from '../core/answer.js';
import { InvalidInputError, NotFoundError } from '../core/errors.js';
import { FEEDBACK_COMMENT_LIMIT, FEEDBACK_COMMENT_LIMIT_TEXT } from '../core/feedback/feedback-comment.js';
import {
  type FeedbackChannel,
  type FeedbackReason,
  feedbackChannels,
  feedbackReasonSchema,
} from '../core/feedback/feedback-reason.js';
import { redactSecrets } from '../core/redact-secrets.js';
import type { Queryable } from './database.js';
import { StorageError } from './storage-error.js';

export const feedbackRatings = ['looks-right', 'needs-improvement', 'inappropriate'] as const;
export const feedbackRatingSchema = z.enum(feedbackRatings, {
  error: (issue) =>
    `rating must be one of ${feedbackRatings.join(', ')} (got ${JSON.stringify(issue.input)})`,
});
export type FeedbackRating = z.infer<typeof feedbackRatingSchema>;

/** How many analysts gave each rating. */
export type FeedbackTally = Record<FeedbackRating, number>;

/** One analyst's feedback on one answer. */
export interface RecordFeedbackInput {
  answerId: string;
  /** The analyst's Entra object id, or the host's user id when there is none. */
  userId: string;
  userName?: string | null;
  rating: FeedbackRating;
  /** Why the answer needs improvement or is inappropriate (the card's choice); none for thumbs. */
  reason?: FeedbackReason | null;
  comment?: string | null;
  /** Where the rating came from; default `card`. */
  channel?: FeedbackChannel;
}

/** A stored feedback row. `id` is a bigserial, hence a string. */
export interface FeedbackRow {
  id: string;
  answerId: string;
  userId: string;
  userName: string | null;
  rating: FeedbackRating;
  reason: FeedbackReason | null;
  comment: string | null;
  channel: FeedbackChannel;
  createdAt: Date;
  updatedAt: Date;
}

const recordFeedbackInputSchema = z.object({
  answerId: z.guid({ error: 'answerId must be a UUID' }),
  userId: z.string().min(1, { error: 'userId must not be empty' }),
  userName: z.string().nullish(),
  rating: feedbackRatingSchema,
  reason: feedbackReasonSchema.nullish(),
  comment: z
    .string()
    .max(FEEDBACK_COMMENT_LIMIT, {
      error: `comments are limited to ${FEEDBACK_COMMENT_LIMIT_TEXT} characters`,
    })
    .nullish(),
  channel: z.enum(feedbackChannels).default('card'),
});

interface Row {
  id: string;
  answer_id: string;
  user_aad_object_id: string;
  user_name: string | null;
  rating: FeedbackRating;
  reason: FeedbackReason | null;
  comment: string | null;
  channel: FeedbackChannel;
  created_at: Date;
  updated_at: Date;
}

const columns = `f.id, f.answer_id, f.user_aad_object_id, f.user_name, f.rating, f.reason, f.comment, f.channel,
  f.created_at, f.updated_at`;

function toFeedbackRow(row: Row): FeedbackRow {
  return {
    id: row.id,
    answerId: row.answer_id,
    userId: row.user_aad_object_id,
    userName: row.user_name,
    rating: row.rating,
    reason: row.reason,
    comment: row.comment,
    channel: row.channel,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Records an analyst's feedback, replacing their earlier rating, reason and comment on the same answer.
 * Throws `InvalidInputError` for a bad rating, reason or id or a comment over the limit, `NotFoundError` when
 * the answer is not stored.
 */
export async function recordFeedback(
  db: Queryable,
  input: RecordFeedbackInput,
): Promise<{ created: boolean }> {
  const parsed = recordFeedbackInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new InvalidInputError(
      `Invalid feedback: ${parsed.error.issues.map((issue) => issue.message).join('; ')}.`,
      { cause: parsed.error },
    );
  }
  const value = parsed.data;
  try {
    const result = await db.query<{ created: boolean }>(
      `INSERT INTO feedback (answer_id, user_aad_object_id, user_name, rating, reason, comment, channel)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (answer_id, user_aad_object_id) DO UPDATE SET
         user_name = COALESCE(EXCLUDED.user_name, feedback.user_name),
         rating = EXCLUDED.rating,
         reason = EXCLUDED.reason,
         comment = EXCLUDED.comment,
         channel = EXCLUDED.channel,
         updated_at = now()
       RETURNING (xmax = 0) AS created`,
      [
        value.answerId,
        value.userId,
        value.userName ?? null,
        value.rating,
        value.reason ?? null,
        // Secrets an analyst pastes into a comment never reach the table, whoever calls.
        value.comment == null ? null : redactSecrets(value.comment),
        value.channel,
      ],
    );
    return { created: result.rows[0]!.created };
  } catch (error) {
    if (StorageError.isInstance(error) && error.sqlState === '23503') {
      throw new NotFoundError(`Answer ${value.answerId} is not stored, so it cannot receive feedback.`, {
        cause: error,
      });
    }
    throw error;
  }
}

/** All feedback on an answer, oldest first. */
export async function listFeedback(db: Queryable, answerId: string): Promise<FeedbackRow[]> {
  if (!z.guid().safeParse(answerId).success) return [];
  const result = await db.query<Row>(
    `SELECT ${columns} FROM feedback f WHERE f.answer_id = $1 ORDER BY f.created_at, f.id`,
    [answerId],
  );
  return result.rows.map(toFeedbackRow);
}

/** How many analysts gave each rating to an answer; every rating is present, 0 when none. */
export async function feedbackTally(db: Queryable, answerId: string): Promise<FeedbackTally> {
  const tally: FeedbackTally = { 'looks-right': 0, 'needs-improvement': 0, inappropriate: 0 };
  if (!z.guid().safeParse(answerId).success) return tally;
  const result = await db.query<{ rating: FeedbackRating; count: number }>(
    'SELECT rating, count(*)::int AS count FROM feedback WHERE answer_id = $1 GROUP BY rating',
    [answerId],
  );
  for (const row of result.rows) tally[row.rating] = row.count;
  return tally;
}

/** A feedback row with what it rated: the question, how it was answered and the Answer itself. */
export interface FeedbackWithAnswer extends FeedbackRow {
  answer: {
    conversationId: string;
    question: string;
    intent: string;
    planner: string;
    createdAt: Date;
    /** The stored Answer; undefined when it no longer matches the Answer schema (the row is kept anyway). */
    content: Answer | undefined;
  };
}

/** Which feedback {@link listFeedbackWithAnswers} reads. */
export interface FeedbackQuery {
  /** Only feedback given or changed at or after this time. */
  since?: Date;
  /** Keyset paging: only rows with a greater id (ids are bigserial strings). */
  afterId?: string;
  /** `id` (default): oldest first, for paging; `newest`: most recently given or changed first. */
  order?: 'id' | 'newest';
  /** Most rows returned (default 1,000, at most 5,000). */
  limit?: number;
}

interface RowWithAnswer extends Row {
  conversation_id: string;
  question: string;
  intent: string;
  planner: string;
  answer: unknown;
  answer_created_at: Date;
}

/**
 * Feedback joined with the answers it rates, oldest id first, for the report and the export. Reads in pages
 * (`afterId` + `limit`) so an export never holds every answer in memory at once.
 */
export async function listFeedbackWithAnswers(
  db: Queryable,
  query: FeedbackQuery = {},
): Promise<FeedbackWithAnswer[]> {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 1_000), 1), 5_000);
  const result = await db.query<RowWithAnswer>(
    `SELECT ${columns}, a.conversation_id, a.question, a.intent, a.planner, a.answer,
       a.created_at AS answer_created_at
     FROM feedback f JOIN answers a ON a.id = f.answer_id
     WHERE ($1::timestamptz IS NULL OR f.updated_at >= $1)
       AND ($2::bigint IS NULL OR f.id > $2::bigint)
     ORDER BY ${query.order === 'newest' ? 'f.updated_at DESC, f.id DESC' : 'f.id'}
     LIMIT $3`,
    [query.since ?? null, query.afterId ?? null, limit],
  );
  return result.rows.map((row) => {
    const content = answerSchema.safeParse(row.answer);
    return {
      ...toFeedbackRow(row),
      answer: {
        conversationId: row.conversation_id,
        question: row.question,
        intent: row.intent,
        planner: row.planner,
        createdAt: row.answer_created_at,
        content: content.success ? content.data : undefined,
      },
    };
  });
}
