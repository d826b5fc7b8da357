/**
 * Pending actions: the writes an answer proposed (reset a password, isolate a device ...), stored so that a
 * card button carries only an id, and their lifecycle:
 *
 *   proposed ──claimForExecution──────────────────────────▶ executing ──finishExecution──▶ succeeded | failed
 *   proposed ──requestApproval──▶ awaiting-approval ──approveAndClaim (someone else)──▶ executing
 *   proposed | awaiting-approval ──cancel──▶ cancelled;  ──markExpired (past expires_at)──▶ expired
 *
 * Every transition is ONE conditional `UPDATE … WHERE id = $1 AND status = ANY(…) AND expires_at > now …
 * RETURNING`, so however many clicks race (in one process or in several replicas on one PostgreSQL), exactly
 * one gets the row back and the others get `undefined`. This module never reads a row to decide a write,
 * never decides who may act (the actions core authorises) and never runs an action.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod/v4';
import { type Target, targetSchema } from '../core/answer.js';
import { InvalidInputError } from '../core/errors.js';
import { redactDeep, redactSecrets } from '../core/redact-secrets.js';
import type { Queryable } from './database.js';
import { StorageError } from './storage-error.js';

/** Lifecycle states; the database rejects any other. */
export const pendingActionStatusSchema = z.enum([
  'proposed',
  'awaiting-approval',
  'executing',
  'succeeded',
  'failed',
  'expired',
  'refused',
  'cancelled',
]);
export type PendingActionStatus = z.infer<typeof pendingActionStatusSchema>;

/** Who did something to an action, as stored on it. */
export interface ActionActor {
  /** Entra object id of the analyst. */
  aadObjectId: string;
  name: string | null;
}

/** Who is doing something to an action (the clicker). `name` is for display only; identity is the object id. */
export interface ActionActorInput {
  aadObjectId: string;
  name?: string | null;
}

/** What came of executing an action. */
export interface ExecutionResult {
  ok: boolean;
  /** One line for the card and the audit record, e.g. "Password reset; temporary password sent to the manager". */
  message: string;
  /** Request ids the tenant API returned (Graph `request-id`, ...), for support cases. */
  requestIds: string[];
}

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
  /** Who clicked first (the requester of an approval, or the single person who ran it). */
  requestedBy: ActionActor | null;
  requestedAt: Date | null;
  approvedBy: ActionActor | null;
  approvedAt: Date | null;
  /** Who claimed the execution (on the approval path, the approver). */
  executedBy: ActionActor | null;
  cancelledBy: ActionActor | null;
  /** When execution was claimed. */
  startedAt: Date | null;
  /** When it succeeded, failed or was cancelled. */
  finishedAt: Date | null;
  result: ExecutionResult | null;
  /** Teams message id of the card showing this action, to update it for everyone. */
  cardActivityId: string | null;
  /** Set when execution is claimed; unique across all actions. */
  idempotencyKey: string | null;
  updatedAt: Date;
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
  requested_by: unknown;
  requested_at: Date | null;
  approved_by: unknown;
  approved_at: Date | null;
  executed_by: unknown;
  cancelled_by: unknown;
  started_at: Date | null;
  finished_at: Date | null;
  result: unknown;
  card_activity_id: string | null;
  idempotency_key: string | null;
  updated_at: Date;
}

const columns = `id, answer_id, conversation_id, action, target, input, why, destructive, status, created_at,
  expires_at, requested_by, requested_at, approved_by, approved_at, executed_by, cancelled_by, started_at,
  finished_at, result, card_activity_id, idempotency_key, updated_at`;

const idSchema = z.guid();
const inputSchema = z.record(z.string(), z.unknown());
const actorSchema = z.object({ aadObjectId: z.string().min(1), name: z.string().nullable() });
const actorInputSchema = z.object({
  aadObjectId: z.string().trim().min(1, { error: 'aadObjectId must not be empty' }),
  name: z
    .string()
    .nullish()
    .transform((name) => name ?? null),
});
const executionResultSchema = z.object({
  ok: z.boolean(),
  message: z.string(),
  requestIds: z.array(z.string()),
});
const idempotencyKeySchema = z.string().min(1).max(200);
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
      // Secrets in an action's text (a ticket's description, the planner's reasoning) never reach the table.
      JSON.stringify(redactDeep(row.input ?? {})),
      redactSecrets(row.why),
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
  const result = await db.query<Row>(`SELECT ${columns} FROM pending_actions WHERE id = $1`, [id]);
  const row = result.rows[0];
  return row === undefined ? undefined : toRow(row);
}

/** The pending actions an answer proposed (any order; the answer's `proposedActions` give the display order). */
export async function listPendingActionsForAnswer(
  db: Queryable,
  answerId: string,
): Promise<PendingActionRow[]> {
  if (!idSchema.safeParse(answerId).success) return [];
  const result = await db.query<Row>(`SELECT ${columns} FROM pending_actions WHERE answer_id = $1`, [
    answerId,
  ]);
  return result.rows.map(toRow);
}

/**
 * proposed → awaiting-approval, recording `by` as the requester. Undefined when the action is unknown, not
 * `proposed` (someone else clicked first) or expired at `now`.
 */
export async function requestApproval(
  db: Queryable,
  id: string,
  by: ActionActorInput,
  now: Date,
): Promise<PendingActionRow | undefined> {
  if (!idSchema.safeParse(id).success) return undefined;
  return transition(
    db,
    `UPDATE pending_actions
     SET status = 'awaiting-approval', requested_by = $2::jsonb, requested_at = $3, updated_at = $3
     WHERE id = $1 AND status = 'proposed' AND expires_at > $3
     RETURNING ${columns}`,
    [id, actorJson(by), timestamp(now)],
  );
}

/**
 * awaiting-approval → executing, recording `approver` as approver and executor and claiming `idempotencyKey`.
 * The database itself refuses an approver whose object id is the requester's (case-insensitive): undefined
 * then, as when the action is unknown, not awaiting approval (another approver won) or expired at `now`.
 * A key already used by another action throws a `StorageError` with SQLSTATE 23505.
 */
export async function approveAndClaim(
  db: Queryable,
  id: string,
  approver: ActionActorInput,
  idempotencyKey: string,
  now: Date,
): Promise<PendingActionRow | undefined> {
  if (!idSchema.safeParse(id).success) return undefined;
  return transition(
    db,
    `UPDATE pending_actions
     SET status = 'executing', approved_by = $2::jsonb, approved_at = $4, executed_by = $2::jsonb,
       idempotency_key = $3, started_at = $4, updated_at = $4
     WHERE id = $1 AND status = 'awaiting-approval' AND expires_at > $4
       AND lower(requested_by ->> 'aadObjectId') <> lower($2::jsonb ->> 'aadObjectId')
     RETURNING ${columns}`,
    [id, actorJson(approver), checkedKey(idempotencyKey), timestamp(now)],
  );
}

/**
 * proposed → executing on the single-person path: `by` becomes requester (if none yet) and executor, and
 * `idempotencyKey` is claimed. Undefined when the action is unknown, not `proposed` (another click won, or it
 * needs approval) or expired at `now`. A key already used by another action throws (SQLSTATE 23505).
 */
export async function claimForExecution(
  db: Queryable,
  id: string,
  by: ActionActorInput,
  idempotencyKey: string,
  now: Date,
): Promise<PendingActionRow | undefined> {
  if (!idSchema.safeParse(id).success) return undefined;
  return transition(
    db,
    `UPDATE pending_actions
     SET status = 'executing', requested_by = COALESCE(requested_by, $2::jsonb),
       requested_at = COALESCE(requested_at, $4), executed_by = $2::jsonb, idempotency_key = $3,
       started_at = $4, updated_at = $4
     WHERE id = $1 AND status = 'proposed' AND expires_at > $4
     RETURNING ${columns}`,
    [id, actorJson(by), checkedKey(idempotencyKey), timestamp(now)],
  );
}

/**
 * executing → succeeded (`result.ok`) or failed, storing the result. Only from `executing`, and regardless of
 * expiry (an execution claimed in time may finish late). Undefined when it is not executing (already finished).
 */
export async function finishExecution(
  db: Queryable,
  id: string,
  result: ExecutionResult,
  now: Date,
): Promise<PendingActionRow | undefined> {
  if (!idSchema.safeParse(id).success) return undefined;
  const checked = executionResultSchema.safeParse(result);
  if (!checked.success) {
    throw new InvalidInputError(`Invalid execution result: ${z.prettifyError(checked.error)}`, {
      cause: checked.error,
    });
  }
  return transition(
    db,
    `UPDATE pending_actions
     SET status = CASE WHEN $2::boolean THEN 'succeeded' ELSE 'failed' END, result = $3::jsonb,
       finished_at = $4, updated_at = $4
     WHERE id = $1 AND status = 'executing'
     RETURNING ${columns}`,
    [id, checked.data.ok, JSON.stringify(checked.data), timestamp(now)],
  );
}

/**
 * proposed | awaiting-approval → cancelled, recording `by`. Undefined when the action is unknown, already
 * past those states, or expired at `now` (an expired action becomes `expired`, not `cancelled`).
 */
export async function cancelPendingAction(
  db: Queryable,
  id: string,
  by: ActionActorInput,
  now: Date,
): Promise<PendingActionRow | undefined> {
  if (!idSchema.safeParse(id).success) return undefined;
  return transition(
    db,
    `UPDATE pending_actions
     SET status = 'cancelled', cancelled_by = $2::jsonb, finished_at = $3, updated_at = $3
     WHERE id = $1 AND status = ANY ('{proposed,awaiting-approval}'::text[]) AND expires_at > $3
     RETURNING ${columns}`,
    [id, actorJson(by), timestamp(now)],
  );
}

/** Marks every proposed or awaiting-approval action whose `expires_at` is at or before `now` as expired; returns how many. */
export async function markExpired(db: Queryable, now: Date): Promise<number> {
  const result = await db.query(
    `UPDATE pending_actions SET status = 'expired', updated_at = $1
     WHERE status IN ('proposed', 'awaiting-approval') AND expires_at <= $1`,
    [timestamp(now)],
  );
  return result.rowCount;
}

/**
 * Records the Teams message id of the card that shows this action (any state). Undefined for an unknown id.
 */
export async function setCardActivityId(
  db: Queryable,
  id: string,
  activityId: string,
): Promise<PendingActionRow | undefined> {
  if (!idSchema.safeParse(id).success) return undefined;
  if (activityId === '') throw new InvalidInputError('The card activity id must not be empty.');
  return transition(
    db,
    `UPDATE pending_actions SET card_activity_id = $2, updated_at = now() WHERE id = $1 RETURNING ${columns}`,
    [id, activityId],
  );
}

/**
 * Adds the analyst's choices (e.g. why a risk is dismissed) to a still-proposed action's input, so whoever
 * finally runs it (the approver, under the two-person rule) runs what the requester chose.
 */
export async function mergeActionInput(
  db: Queryable,
  id: string,
  values: Record<string, string>,
): Promise<PendingActionRow | undefined> {
  if (!idSchema.safeParse(id).success) return undefined;
  return transition(
    db,
    `UPDATE pending_actions SET input = input || $2::jsonb, updated_at = now()
     WHERE id = $1 AND status = 'proposed' RETURNING ${columns}`,
    [id, JSON.stringify(redactDeep(values))],
  );
}

async function transition(
  db: Queryable,
  sql: string,
  params: unknown[],
): Promise<PendingActionRow | undefined> {
  const result = await db.query<Row>(sql, params);
  const row = result.rows[0];
  return row === undefined ? undefined : toRow(row);
}

function actorJson(actor: ActionActorInput): string {
  const checked = actorInputSchema.safeParse(actor);
  if (!checked.success) {
    throw new InvalidInputError(`Invalid actor: ${z.prettifyError(checked.error)}`, { cause: checked.error });
  }
  const stored: ActionActor = { aadObjectId: checked.data.aadObjectId, name: checked.data.name };
  return JSON.stringify(stored);
}

function checkedKey(key: string): string {
  if (!idempotencyKeySchema.safeParse(key).success) {
    throw new InvalidInputError('The idempotency key must be 1 to 200 characters.');
  }
  return key;
}

function timestamp(now: Date): string {
  if (Number.isNaN(now.getTime())) throw new InvalidInputError('The transition time is not a valid date.');
  return now.toISOString();
}

function toRow(row: Row): PendingActionRow {
  const parsed = storedSchema.safeParse(row);
  if (!parsed.success) {
    throw new StorageError(`Stored pending action ${row.id} is not valid: ${z.prettifyError(parsed.error)}`);
  }
  const stored = parsed.data;
  return {
    id: row.id,
    answerId: row.answer_id,
    conversationId: row.conversation_id,
    action: row.action,
    target: stored.target,
    input: stored.input,
    why: row.why,
    destructive: row.destructive,
    status: stored.status,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    requestedBy: stored.requested_by,
    requestedAt: row.requested_at,
    approvedBy: stored.approved_by,
    approvedAt: row.approved_at,
    executedBy: stored.executed_by,
    cancelledBy: stored.cancelled_by,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    result: stored.result,
    cardActivityId: row.card_activity_id,
    idempotencyKey: row.idempotency_key,
    updatedAt: row.updated_at,
  };
}

/** The jsonb and enum columns, checked on the way out. */
const storedSchema = z.object({
  target: targetSchema,
  input: inputSchema,
  status: pendingActionStatusSchema,
  requested_by: actorSchema.nullable(),
  approved_by: actorSchema.nullable(),
  executed_by: actorSchema.nullable(),
  cancelled_by: actorSchema.nullable(),
  result: executionResultSchema.nullable(),
});
