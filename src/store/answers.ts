/**
 * Stored answers: every question Ward answered, who asked it, where, and the validated Answer it gave, so
 * feedback, pending actions and audit records can point at it. Rows are written once and never updated
 * here; the Answer JSON is re-validated on the way out so a reader never gets a shape it did not expect.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod/v4';
import { type Answer, answerSchema, type Source } from '../core/answer.js';
import { redactDeep, redactSecrets } from '../core/redact-secrets.js';
import { answerWithoutText } from './answer-without-text.js';
import type { Queryable } from './database.js';
import { StorageError } from './storage-error.js';

/** A stored answer. `intent`, `planner`, `sources` and `partial` are copies of the Answer's, for querying. */
export interface AnswerRow {
  id: string;
  conversationId: string;
  /** Id of the message (activity) that asked. */
  turnId: string;
  userAadObjectId: string | null;
  userName: string | null;
  question: string;
  intent: string;
  planner: string;
  answer: Answer;
  sources: Source[];
  partial: boolean;
  createdAt: Date;
  /** When its text stopped being kept (never stored, or purged); `answer` is then its text-free form. */
  textRemovedAt: Date | null;
}

/** What {@link insertAnswer} stores. */
export interface InsertAnswerInput {
  /** Defaults to a new random UUID. Pass one when the card must carry the id before the row is written. */
  id?: string;
  conversationId: string;
  turnId: string;
  user?: { aadObjectId?: string; name?: string };
  question: string;
  /** Already validated by post-processing. */
  answer: Answer;
}

interface Row {
  id: string;
  conversation_id: string;
  turn_id: string;
  user_aad_object_id: string | null;
  user_name: string | null;
  question: string;
  intent: string;
  planner: string;
  answer: unknown;
  partial: boolean;
  created_at: Date;
  text_removed_at: Date | null;
}

const idSchema = z.guid();

/**
 * Stores an answer and returns it as stored: secrets redacted from the question and every text in the Answer,
 * whoever calls. With `keepText: false` (RETENTION_ANSWER_DAYS=0) only its text-free form is stored.
 */
export async function insertAnswer(
  db: Queryable,
  input: InsertAnswerInput,
  options: { keepText?: boolean } = {},
): Promise<AnswerRow> {
  const id = input.id ?? randomUUID();
  const keepText = options.keepText !== false;
  const answer = keepText ? redactDeep(input.answer) : answerWithoutText(input.answer, { kind: 'not-kept' });
  const question = keepText ? redactSecrets(input.question) : '';
  const result = await db.query<{ created_at: Date; text_removed_at: Date | null }>(
    `INSERT INTO answers (id, conversation_id, turn_id, user_aad_object_id, user_name, question, intent, planner,
       answer, sources, partial, text_removed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, CASE WHEN $12::boolean THEN NULL ELSE now() END)
     RETURNING created_at, text_removed_at`,
    [
      id,
      input.conversationId,
      input.turnId,
      input.user?.aadObjectId ?? null,
      input.user?.name ?? null,
      question,
      answer.intent,
      answer.planner,
      JSON.stringify(answer),
      JSON.stringify(answer.sources),
      answer.partial,
      keepText,
    ],
  );
  return {
    id,
    conversationId: input.conversationId,
    turnId: input.turnId,
    userAadObjectId: input.user?.aadObjectId ?? null,
    userName: input.user?.name ?? null,
    question,
    intent: answer.intent,
    planner: answer.planner,
    answer,
    sources: answer.sources,
    partial: answer.partial,
    createdAt: result.rows[0]!.created_at,
    textRemovedAt: result.rows[0]!.text_removed_at,
  };
}

/** The stored answer with this id, or undefined (also for an id that is not a UUID, e.g. from a forged card). */
export async function getAnswer(db: Queryable, id: string): Promise<AnswerRow | undefined> {
  if (!idSchema.safeParse(id).success) return undefined;
  const result = await db.query<Row>(
    `SELECT id, conversation_id, turn_id, user_aad_object_id, user_name, question, intent, planner, answer, partial,
       created_at, text_removed_at
     FROM answers WHERE id = $1`,
    [id],
  );
  const row = result.rows[0];
  if (row === undefined) return undefined;
  const answer = answerSchema.safeParse(row.answer);
  if (!answer.success) {
    throw new StorageError(
      `Stored answer ${id} does not match the Answer schema: ${z.prettifyError(answer.error)}`,
    );
  }
  return {
    id: row.id,
    conversationId: row.conversation_id,
    turnId: row.turn_id,
    userAadObjectId: row.user_aad_object_id,
    userName: row.user_name,
    question: row.question,
    intent: row.intent,
    planner: row.planner,
    answer: answer.data,
    sources: answer.data.sources,
    partial: row.partial,
    createdAt: row.created_at,
    textRemovedAt: row.text_removed_at,
  };
}
