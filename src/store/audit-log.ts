/**
 * The audit log: one append-only row per step of a guarded action (proposed, clicked, refused, approved,
 * executing, succeeded ...), saying who, what, on what, why, with what result, and which answer and sources
 * led to it. Rows form a hash chain: `hash = sha256(prev_hash + canonicalJson(fields))`, where `fields` are
 * the columns below (snake_case keys, nulls included, `recorded_at` as ISO text with milliseconds) and the
 * first record's `prev_hash` is 64 zeros. Appends are serialised by a transaction-scoped advisory lock, so
 * processes sharing a database extend one chain; a unique `prev_hash` makes a fork fail even if that were
 * bypassed. `verifyAuditChain` recomputes every hash, a page at a time.
 *
 * What it detects: any edited field, a deleted or inserted record anywhere but the end, reordering. What it
 * cannot: someone with write access rewriting every hash after an edit, or deleting the newest records; keep
 * the head hash (`verifyAuditChain` returns it) somewhere else if that matters. This module never updates or
 * deletes a record (the database refuses it too) and never writes a record it could not hash.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod/v4';
import { type Source, sourceSchema, type Target, targetSchema } from '../core/answer.js';
import { InvalidInputError } from '../core/errors.js';
import { redactDeep, redactSecrets } from '../core/redact-secrets.js';
import { canonicalJson, type JsonValue } from './canonical-json.js';
import type { Database, Queryable, Transaction } from './database.js';
import type { ExecutionResult } from './pending-actions.js';
import { StorageError } from './storage-error.js';

/** `prev_hash` of the first record. */
export const auditGenesisHash = '0'.repeat(64);

/** What an audit record says happened. */
export const auditEventSchema = z.enum([
  'proposed',
  'clicked',
  'refused',
  'confirmation-shown',
  'approval-requested',
  'approved',
  'executing',
  'succeeded',
  'failed',
  'cancelled',
  'expired',
]);
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** Who did it, with the roles that authorised them at that moment. */
export interface AuditActor {
  aadObjectId: string;
  name: string | null;
  roles: string[];
}

/** One record to append. Everything but `event` is optional (null when unknown). */
export interface AuditRecordInput {
  event: AuditEvent;
  tenantId?: string | null;
  conversationId?: string | null;
  actor?: { aadObjectId: string; name?: string | null; roles?: readonly string[] } | null;
  pendingActionId?: string | null;
  /** `plugin.action`. */
  action?: string | null;
  target?: Target | null;
  /** The action's input as it was (or would have been) executed. */
  inputs?: Record<string, unknown> | null;
  answerId?: string | null;
  /** The sources of the answer that proposed the action. */
  sources?: readonly Source[] | null;
  /** Why: the refusal reason, the analyst's justification, the answer's "why" ... */
  reason?: string | null;
  result?: ExecutionResult | null;
  requestIds?: readonly string[] | null;
  /** When it happened; default: now. Stored and hashed with millisecond precision. */
  recordedAt?: Date;
}

/** A stored audit record. `seq` is a bigserial, hence a string. */
export interface AuditEntry {
  seq: string;
  recordedAt: Date;
  tenantId: string | null;
  conversationId: string | null;
  actor: AuditActor | null;
  event: AuditEvent;
  pendingActionId: string | null;
  action: string | null;
  target: Target | null;
  inputs: Record<string, unknown> | null;
  answerId: string | null;
  sources: Source[] | null;
  reason: string | null;
  result: ExecutionResult | null;
  requestIds: string[] | null;
  prevHash: string;
  hash: string;
}

/** Filters for {@link listAudit}. */
export interface ListAuditOptions {
  /** Only records about this target (`target.id`, e.g. a user principal name or device id). */
  targetId?: string;
  pendingActionId?: string;
  /** At most this many, newest first. Default 50, at most 1000. */
  limit?: number;
}

/** What {@link verifyAuditChain} found. */
export type AuditChainVerdict =
  | {
      ok: true;
      /** How many records were checked. */
      records: number;
      /** `seq` of the newest record, null for an empty log. */
      lastSeq: string | null;
      /** Hash of the newest record (the genesis hash for an empty log): keep it elsewhere to detect truncation. */
      lastHash: string;
    }
  | {
      ok: false;
      /** `seq` of the first record that does not check out. */
      brokenAt: string;
      reason: string;
      /** How many records before it checked out. */
      records: number;
    };

/** The hashed fields of a record, keyed by column name; `recorded_at` is ISO text with milliseconds. */
export type AuditHashedFields = {
  recorded_at: string;
  tenant_id: string | null;
  conversation_id: string | null;
  actor: JsonValue;
  event: string;
  pending_action_id: string | null;
  action: string | null;
  target: JsonValue;
  inputs: JsonValue;
  answer_id: string | null;
  sources: JsonValue;
  reason: string | null;
  result: JsonValue;
  request_ids: string[] | null;
};

interface Row {
  seq: string;
  recorded_at: Date;
  tenant_id: string | null;
  conversation_id: string | null;
  actor: JsonValue;
  event: string;
  pending_action_id: string | null;
  action: string | null;
  target: JsonValue;
  inputs: JsonValue;
  answer_id: string | null;
  sources: JsonValue;
  reason: string | null;
  result: JsonValue;
  request_ids: string[] | null;
  prev_hash: string;
  hash: string;
}

const columns = `seq, recorded_at, tenant_id, conversation_id, actor, event, pending_action_id, action, target,
  inputs, answer_id, sources, reason, result, request_ids, prev_hash, hash`;

// One chain per schema, like the migration lock: replicas sharing a schema serialise, test schemas do not.
const lockSql = `SELECT pg_advisory_xact_lock(hashtext('ward.audit_log:' || current_schema()))`;

const uuid = z
  .guid()
  .transform((id) => id.toLowerCase())
  .nullish()
  .transform((id) => id ?? null);
const optionalText = z
  .string()
  .nullish()
  .transform((text) => text ?? null);
const executionResultSchema = z.object({
  ok: z.boolean(),
  message: z.string(),
  requestIds: z.array(z.string()),
});

const recordInputSchema = z.object({
  event: auditEventSchema,
  tenantId: optionalText,
  conversationId: optionalText,
  actor: z
    .object({
      aadObjectId: z.string().min(1),
      name: optionalText,
      roles: z.array(z.string()).default([]),
    })
    .nullish()
    .transform((actor) => actor ?? null),
  // Ids are lower-cased: the uuid columns return them so, and the hash must match what is read back.
  pendingActionId: uuid,
  action: optionalText,
  target: targetSchema
    .loose()
    .nullish()
    .transform((target) => target ?? null),
  inputs: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((inputs) => inputs ?? null),
  answerId: uuid,
  sources: z
    .array(sourceSchema.loose())
    .nullish()
    .transform((sources) => sources ?? null),
  reason: optionalText,
  result: executionResultSchema.nullish().transform((result) => result ?? null),
  requestIds: z
    .array(z.string())
    .nullish()
    .transform((ids) => ids ?? null),
  recordedAt: z.date().optional(),
});

/** Read back leniently where the shape may have grown since the record was written: history is never rejected. */
const storedSchema = z.object({
  event: auditEventSchema,
  actor: z
    .object({
      aadObjectId: z.string(),
      name: z.string().nullable().default(null),
      roles: z.array(z.string()),
    })
    .nullable(),
  target: targetSchema.loose().nullable(),
  inputs: z.record(z.string(), z.unknown()).nullable(),
  sources: z.array(sourceSchema.loose()).nullable(),
  result: executionResultSchema.nullable(),
});

/**
 * Appends one record to the chain and returns it as stored. Given the database, it opens its own transaction;
 * given a transaction, it appends inside it and the chain stays locked until that transaction ends (append
 * last and commit soon, so other appends do not wait). Throws `InvalidInputError` for a record that does not
 * fit (unknown event, an id that is not a UUID, a value JSON cannot hold), and a `StorageError` when the
 * record would not read back as hashed; inside a caller's transaction, let that error roll it back.
 */
export async function appendAudit(db: Database | Transaction, record: AuditRecordInput): Promise<AuditEntry> {
  const fields = prepare(record);
  if ('transaction' in db) return db.transaction((tx) => appendLocked(tx, fields));
  return appendLocked(db, fields);
}

/** The records about a target or a pending action (or all), newest first. */
export async function listAudit(db: Queryable, options: ListAuditOptions = {}): Promise<AuditEntry[]> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), 1000);
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (options.pendingActionId !== undefined) {
    if (!z.guid().safeParse(options.pendingActionId).success) return [];
    params.push(options.pendingActionId);
    conditions.push(`pending_action_id = $${params.length}`);
  }
  if (options.targetId !== undefined) {
    params.push(options.targetId);
    conditions.push(`target ->> 'id' = $${params.length}`);
  }
  params.push(limit);
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const result = await db.query<Row>(
    `SELECT ${columns} FROM audit_log ${where} ORDER BY seq DESC LIMIT $${params.length}`,
    params,
  );
  return result.rows.map(toEntry);
}

/**
 * Recomputes the whole chain, oldest first, `pageSize` rows per query (memory stays flat however long the
 * log is). Stops at the first record whose `prev_hash` is not its predecessor's hash (a record before it was
 * deleted, or records were reordered) or whose hash does not match its fields (it was edited).
 */
export async function verifyAuditChain(
  db: Queryable,
  options: { pageSize?: number } = {},
): Promise<AuditChainVerdict> {
  const pageSize = Math.min(Math.max(Math.trunc(options.pageSize ?? 2000), 1), 50_000);
  let previousHash = auditGenesisHash;
  let previousSeq: string | null = null;
  let records = 0;
  for (;;) {
    const after: string = previousSeq ?? '0';
    const page: { rows: Row[] } = await db.query<Row>(
      `SELECT ${columns} FROM audit_log WHERE seq > $1::bigint ORDER BY seq LIMIT $2`,
      [after, pageSize],
    );
    for (const row of page.rows) {
      if (row.prev_hash !== previousHash) {
        const reason =
          previousSeq === null
            ? 'it does not start from the genesis hash: the records before it were deleted, or its prev_hash was edited'
            : `its prev_hash is not the hash of record #${previousSeq}: a record between them was deleted or inserted, or a hash was edited`;
        return { ok: false, brokenAt: row.seq, reason, records };
      }
      if (auditRecordHash(row.prev_hash, fieldsOfRow(row)) !== row.hash) {
        return {
          ok: false,
          brokenAt: row.seq,
          reason: 'its hash does not match its contents: the record was edited',
          records,
        };
      }
      previousHash = row.hash;
      previousSeq = row.seq;
      records += 1;
    }
    if (page.rows.length < pageSize) break;
  }
  return { ok: true, records, lastSeq: previousSeq, lastHash: previousHash };
}

/** `sha256(prevHash + canonicalJson(fields))` in lower-case hex: the hash a record with these fields must carry. */
export function auditRecordHash(prevHash: string, fields: AuditHashedFields): string {
  return createHash('sha256')
    .update(prevHash + canonicalJson(fields), 'utf8')
    .digest('hex');
}

/**
 * The hashed fields of a record to append, exactly as they will read back: ids lower-cased, JSON values
 * passed through JSON (a Date inside becomes its ISO text, undefined members vanish), the time cut to ms.
 * Exported for tools that build chains in bulk (tests, imports); `appendAudit` is the way to write one.
 */
export function prepareAuditFields(record: AuditRecordInput): AuditHashedFields {
  return prepare(record);
}

function prepare(record: AuditRecordInput): AuditHashedFields {
  const parsed = recordInputSchema.safeParse(record);
  if (!parsed.success) {
    throw new InvalidInputError(`Invalid audit record: ${z.prettifyError(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  const value = parsed.data;
  try {
    // Redacted before hashing: a secret in a record could never be removed again without breaking the chain.
    return {
      recorded_at: (value.recordedAt ?? new Date()).toISOString(),
      tenant_id: value.tenantId,
      conversation_id: value.conversationId,
      actor: asJson(value.actor),
      event: value.event,
      pending_action_id: value.pendingActionId,
      action: value.action,
      target: asJson(value.target),
      inputs: redactDeep(asJson(value.inputs)),
      answer_id: value.answerId,
      sources: asJson(value.sources),
      reason: value.reason === null ? null : redactSecrets(value.reason),
      result: redactDeep(asJson(value.result)),
      request_ids: value.requestIds,
    };
  } catch (error) {
    throw new InvalidInputError(
      `Invalid audit record: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
}

async function appendLocked(tx: Queryable, fields: AuditHashedFields): Promise<AuditEntry> {
  await tx.query(lockSql);
  const last = await tx.query<{ hash: string }>('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const prevHash = last.rows[0]?.hash ?? auditGenesisHash;
  const hash = auditRecordHash(prevHash, fields);
  const inserted = await tx.query<Row>(
    `INSERT INTO audit_log (recorded_at, tenant_id, conversation_id, actor, event, pending_action_id, action,
       target, inputs, answer_id, sources, reason, result, request_ids, prev_hash, hash)
     VALUES ($1::timestamptz, $2, $3, $4::jsonb, $5, $6::uuid, $7, $8::jsonb, $9::jsonb, $10::uuid, $11::jsonb,
       $12, $13::jsonb, $14::text[], $15, $16)
     RETURNING ${columns}`,
    [
      fields.recorded_at,
      fields.tenant_id,
      fields.conversation_id,
      jsonParam(fields.actor),
      fields.event,
      fields.pending_action_id,
      fields.action,
      jsonParam(fields.target),
      jsonParam(fields.inputs),
      fields.answer_id,
      jsonParam(fields.sources),
      fields.reason,
      jsonParam(fields.result),
      fields.request_ids,
      prevHash,
      hash,
    ],
  );
  const entry = toEntry(inserted.rows[0]!);
  // Catches, at write time, a value that does not survive the round trip (it would break the chain later).
  if (auditRecordHash(prevHash, fieldsOfRow(inserted.rows[0]!)) !== hash) {
    throw new StorageError(
      `Audit record #${entry.seq} does not read back as written, so its hash would not verify; it was not kept.`,
    );
  }
  return entry;
}

/** Passes a value through JSON, so what is hashed is what jsonb stores and gives back. */
function asJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

/** SQL NULL for null, so a missing value is a NULL column rather than a jsonb `null`. */
function jsonParam(value: JsonValue): string | null {
  return value === null ? null : JSON.stringify(value);
}

function fieldsOfRow(row: Row): AuditHashedFields {
  return {
    recorded_at: row.recorded_at.toISOString(),
    tenant_id: row.tenant_id,
    conversation_id: row.conversation_id,
    actor: row.actor,
    event: row.event,
    pending_action_id: row.pending_action_id,
    action: row.action,
    target: row.target,
    inputs: row.inputs,
    answer_id: row.answer_id,
    sources: row.sources,
    reason: row.reason,
    result: row.result,
    request_ids: row.request_ids,
  };
}

function toEntry(row: Row): AuditEntry {
  const parsed = storedSchema.safeParse(row);
  if (!parsed.success) {
    throw new StorageError(`Stored audit record #${row.seq} is not valid: ${z.prettifyError(parsed.error)}`);
  }
  const stored = parsed.data;
  return {
    seq: row.seq,
    recordedAt: row.recorded_at,
    tenantId: row.tenant_id,
    conversationId: row.conversation_id,
    actor: stored.actor,
    event: stored.event,
    pendingActionId: row.pending_action_id,
    action: row.action,
    target: stored.target,
    inputs: stored.inputs,
    answerId: row.answer_id,
    sources: stored.sources,
    reason: row.reason,
    result: stored.result,
    requestIds: row.request_ids,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
