/**
 * Feedback: what analysts think of an answer (looks right / needs improvement / inappropriate, and a comment).
 * One row per analyst per answer: a change of mind replaces the earlier rating, never adds a second one.
 * It never aggregates across answers (that is `core/feedback.ts`) and never stores feedback on an unknown answer.
 */
import { z } from 'zod/v4';
import { InvalidInputError, NotFoundError } from '../core/errors.js';
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
  comment?: string | null;
}

/** A stored feedback row. `id` is a bigserial, hence a string. */
export interface FeedbackRow {
  id: string;
  answerId: string;
  userId: string;
  userName: string | null;
  rating: FeedbackRating;
  comment: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const recordFeedbackInputSchema = z.object({
  answerId: z.guid({ error: 'answerId must be a UUID' }),
  userId: z.string().min(1, { error: 'userId must not be empty' }),
  userName: z.string().nullish(),
  rating: feedbackRatingSchema,
  comment: z.string().nullish(),
});

interface Row {
  id: string;
  answer_id: string;
  user_aad_object_id: string;
  user_name: string | null;
  rating: FeedbackRating;
  comment: string | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * Records an analyst's feedback, replacing their earlier rating and comment on the same answer.
 * Throws `InvalidInputError` for a bad rating or id, `NotFoundError` when the answer is not stored.
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
      `INSERT INTO feedback (answer_id, user_aad_object_id, user_name, rating, comment)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (answer_id, user_aad_object_id) DO UPDATE SET
         user_name = COALESCE(EXCLUDED.user_name, feedback.user_name),
         rating = EXCLUDED.rating,
         comment = EXCLUDED.comment,
         updated_at = now()
       RETURNING (xmax = 0) AS created`,
      [value.answerId, value.userId, value.userName ?? null, value.rating, value.comment ?? null],
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
    `SELECT id, answer_id, user_aad_object_id, user_name, rating, comment, created_at, updated_at
     FROM feedback WHERE answer_id = $1 ORDER BY created_at, id`,
    [answerId],
  );
  return result.rows.map((row) => ({
    id: row.id,
    answerId: row.answer_id,
    userId: row.user_aad_object_id,
    userName: row.user_name,
    rating: row.rating,
    comment: row.comment,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
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
