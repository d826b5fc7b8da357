/**
 * The message that carried each answer: `answers.activity_id` is the id Teams (its connector) gave the
 * message when Ward sent it. A thumbs reaction names only that message (`replyToId`), so this is how it finds
 * its answer. Teams message ids are unique within a conversation, not across conversations: a lookup returns
 * every answer with the id, and the caller keeps the one of its own conversation.
 * It never changes anything else of an answer.
 */
import { z } from 'zod/v4';
import type { Queryable } from './database.js';

/** Longest message id accepted (Teams ids are timestamps or GUID-like strings, well under this). */
const MAX_ACTIVITY_ID_LENGTH = 300;
const activityIdSchema = z.string().min(1).max(MAX_ACTIVITY_ID_LENGTH);

/** Records the id of the message that carried the answer; false when the answer is not stored. */
export async function linkAnswerMessage(
  db: Queryable,
  answerId: string,
  activityId: string,
): Promise<boolean> {
  if (!z.guid().safeParse(answerId).success || !activityIdSchema.safeParse(activityId).success) return false;
  const result = await db.query('UPDATE answers SET activity_id = $2 WHERE id = $1', [answerId, activityId]);
  return result.rowCount > 0;
}

/** An answer carried by a message. */
export interface AnswerMessage {
  answerId: string;
  conversationId: string;
}

/** The answers whose message has this id (normally one; more only in different conversations). */
export async function answersForMessage(db: Queryable, activityId: string): Promise<AnswerMessage[]> {
  if (!activityIdSchema.safeParse(activityId).success) return [];
  const result = await db.query<{ id: string; conversation_id: string }>(
    'SELECT id, conversation_id FROM answers WHERE activity_id = $1 ORDER BY created_at DESC LIMIT 20',
    [activityId],
  );
  return result.rows.map((row) => ({ answerId: row.id, conversationId: row.conversation_id }));
}
