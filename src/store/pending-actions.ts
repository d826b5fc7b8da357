/**
 * Pending actions: the writes an answer proposed (reset a password, isolate a device ...), stored so that a
 * card button carries only an id. This module stores and loads them; it never runs, authorises or changes
 * the state of an action (the actions core owns transitions).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod/v4';
import { type Target, targetSchema } from '../core/answer.js';
import type { Queryable } from './database.js';
import { StorageError } from './storage-error.js';

/** Lifecycle states; the database rejects any other. */
export const pendingActionStatusSchema = z.enum([
  'proposed',
  'confirming',
  'executing',
  'succeeded',
  'failed',
  'expired',
  'refused',
]);
export type PendingActionStatus = z.infer<typeof pendingActionStatusSchema>;

/** One action to store. */
export interface NewPendingAction {
  /** The stored answer that proposed it. */
  answerId: string;
  conversationId: string;
  /** `plugin.action`, e.g. `entra.resetPassword`. */
  action: string;
  target: Target;
  /** The action's input, already validated against its schema. Default `{}`. */
  input?: Record<string, unknown>;
  why: string;
  destructive: boolean;
  expiresAt: Date;
}

/** A stored pending action. */
export interface PendingActionRow {
  id: string;
  answerId: string;
  conversationId: string;
  action: string;
  target: Target;
  input: Record<string, unknown>;
  why: string;
  destructive: boolean;
  status: PendingActionStatus;
  createdAt: Date;
  expiresAt: Date;
}

interface Row {
  id: string;
  answer_id: string;
  conversation_id: string;
  action: string;
  target: unknown;
  input: unknown;
  why: string;
  destructive: boolean;
  status: string;
  created_at: Date;
  expires_at: Date;
}

const idSchema = z.guid();
const inputSchema = z.record(z.string(), z.unknown());
const columnsPerRow = 9;

/** Stores the actions in one statement (all or none) and returns their new ids, in the same order. */
export async function insertPendingActions(
  db: Queryable,
  rows: readonly NewPendingAction[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const ids = rows.map(() => randomUUID());
  const params: unknown[] = [];
  const values = rows.map((row, index) => {
    params.push(
      ids[index],
      row.answerId,
      row.conversationId,
      row.action,
      JSON.stringify(row.target),
      JSON.stringify(row.input ?? {}),
      row.why,
      row.destructive,
      row.expiresAt.toISOString(),
    );
    const n = index * columnsPerRow;
    return `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}::jsonb, $${n + 6}::jsonb, $${n + 7}, $${n + 8}, $${n + 9}::timestamptz)`;
  });
  await db.query(
    `INSERT INTO pending_actions (id, answer_id, conversation_id, action, target, input, why, destructive, expires_at)
     VALUES ${values.join(', ')}`,
    params,
  );
  return ids;
}

/** The pending action with this id, or undefined (also for an id that is not a UUID, e.g. from a forged card). */
export async function getPendingAction(db: Queryable, id: string): Promise<PendingActionRow | undefined> {
  if (!idSchema.safeParse(id).success) return undefined;
  const result = await db.query<Row>(
    `SELECT id, answer_id, conversation_id, action, target, input, why, destructive, status, created_at, expires_at
     FROM pending_actions WHERE id = $1`,
    [id],
  );
  const row = result.rows[0];
  return row === undefined ? undefined : toRow(row);
}

/** The pending actions an answer proposed (any order; the answer's `proposedActions` give the display order). */
export async function listPendingActionsForAnswer(
  db: Queryable,
  answerId: string,
): Promise<PendingActionRow[]> {
  if (!idSchema.safeParse(answerId).success) return [];
  const result = await db.query<Row>(
    `SELECT id, answer_id, conversation_id, action, target, input, why, destructive, status, created_at, expires_at
     FROM pending_actions WHERE answer_id = $1`,
    [answerId],
  );
  return result.rows.map(toRow);
}

function toRow(row: Row): PendingActionRow {
  const target = targetSchema.safeParse(row.target);
  const input = inputSchema.safeParse(row.input);
  const status = pendingActionStatusSchema.safeParse(row.status);
  if (!target.success || !input.success || !status.success) {
    const error = target.error ?? input.error ?? status.error;
    throw new StorageError(
      `Stored pending action ${row.id} is not valid: ${error === undefined ? 'unknown shape' : z.prettifyError(error)}`,
    );
  }
  return {
    id: row.id,
    answerId: row.answer_id,
    conversationId: row.conversation_id,
    action: row.action,
    target: target.data,
    input: input.data,
    why: row.why,
    destructive: row.destructive,
    status: status.data,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}
