/**
 * Labelled cases: negative feedback and risks dismissed as false positives, kept as examples for
 * `npm run eval:feedback` (see `core/feedback/labelled-case.ts`). One case per answer and source (an analyst,
 * or a pending action): recording again replaces the label and marks the case for export again; a change of
 * mind (the analyst now says "looks right") withdraws it. The conversation context is captured in the same
 * statement that first stores the case (the conversation's name and the remembered turns before the answer),
 * because conversation memory forgets after a day. It also reads an answer's source snapshot
 * (`answer_sources`, when the database has it). It never decides what a label means.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod/v4';
import { InvalidInputError, NotFoundError } from '../core/errors.js';
import {
  type CaseContext,
  type CaseLabel,
  caseContextSchema,
  caseLabelSchema,
  type LabelledCaseKind,
  labelledCaseKinds,
} from '../core/feedback/labelled-case.js';
import { redactDeep } from '../core/redact-secrets.js';
import type { Queryable } from './database.js';
import { StorageError } from './storage-error.js';

/** How many remembered turns before the answer a case keeps (conversation memory's default bound). */
export const CASE_HISTORY_TURNS = 6;

/** A case to record. */
export interface RecordLabelledCaseInput {
  answerId: string;
  kind: LabelledCaseKind;
  /** What produced the label: `feedback:<analyst id>` or `action:<pending action id>`. */
  source: string;
  label: CaseLabel;
}

/** A stored case. */
export interface LabelledCaseRow {
  id: string;
  answerId: string;
  kind: LabelledCaseKind;
  source: string;
  label: CaseLabel;
  context: CaseContext;
  createdAt: Date;
  updatedAt: Date;
  exportedAt: Date | null;
}

const inputSchema = z.object({
  answerId: z.guid({ error: 'answerId must be a UUID' }),
  kind: z.enum(labelledCaseKinds),
  source: z.string().min(1).max(300),
  label: caseLabelSchema,
});

interface Row {
  id: string;
  answer_id: string;
  kind: LabelledCaseKind;
  source: string;
  label: unknown;
  context: unknown;
  created_at: Date;
  updated_at: Date;
  exported_at: Date | null;
}

/**
 * Stores a case, or replaces the label of the same answer and source (and clears its export mark, so the next
 * `eval:feedback` writes it again). Returns the case id and whether it is new.
 * Throws `InvalidInputError` for a malformed case, `NotFoundError` when the answer is not stored.
 */
export async function recordLabelledCase(
  db: Queryable,
  input: RecordLabelledCaseInput,
): Promise<{ id: string; created: boolean }> {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    throw new InvalidInputError(`Invalid labelled case: ${z.prettifyError(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  const value = parsed.data;
  try {
    const result = await db.query<{ id: string; created: boolean }>(
      `INSERT INTO labelled_cases (id, answer_id, kind, source, label, context)
       SELECT $1, a.id, $3, $4, $5::jsonb, jsonb_build_object(
         'conversationKind', r.kind,
         'conversationName', r.name,
         'tenantId', r.tenant_id,
         'history', COALESCE((
           SELECT jsonb_agg(jsonb_build_object(
             'at', m.at, 'question', m.question, 'answerId', m.answer_id, 'intent', m.intent,
             'title', m.title, 'summary', m.summary, 'subject', m.subject) ORDER BY m.id)
           FROM (
             SELECT * FROM conversation_memory
             WHERE conversation_id = a.conversation_id AND at <= a.created_at
               AND answer_id IS DISTINCT FROM a.id
             ORDER BY id DESC LIMIT ${CASE_HISTORY_TURNS}
           ) m), '[]'::jsonb))
       FROM answers a LEFT JOIN conversation_references r ON r.conversation_id = a.conversation_id
       WHERE a.id = $2
       ON CONFLICT (answer_id, source) DO UPDATE SET
         kind = EXCLUDED.kind,
         label = EXCLUDED.label,
         updated_at = now(),
         exported_at = NULL
       RETURNING id, (xmax = 0) AS created`,
      // Secrets in the analyst's comment never reach the table, whoever calls.
      [randomUUID(), value.answerId, value.kind, value.source, JSON.stringify(redactDeep(value.label))],
    );
    const row = result.rows[0];
    if (!row) throw new NotFoundError(`Answer ${value.answerId} is not stored, so it cannot be labelled.`);
    return { id: row.id, created: row.created };
  } catch (error) {
    if (StorageError.isInstance(error) && error.sqlState === '23503') {
      throw new NotFoundError(`Answer ${value.answerId} is not stored, so it cannot be labelled.`, {
        cause: error,
      });
    }
    throw error;
  }
}

/** Removes the case of this answer and source (the analyst changed their mind); true when there was one. */
export async function withdrawLabelledCase(
  db: Queryable,
  answerId: string,
  source: string,
): Promise<boolean> {
  if (!z.guid().safeParse(answerId).success) return false;
  const result = await db.query('DELETE FROM labelled_cases WHERE answer_id = $1 AND source = $2', [
    answerId,
    source,
  ]);
  return result.rowCount > 0;
}

/** Cases, oldest first: every one, or only those not yet written to a case file. */
export async function listLabelledCases(
  db: Queryable,
  options: { unexportedOnly?: boolean; answerId?: string } = {},
): Promise<LabelledCaseRow[]> {
  if (options.answerId !== undefined && !z.guid().safeParse(options.answerId).success) return [];
  const result = await db.query<Row>(
    `SELECT id, answer_id, kind, source, label, context, created_at, updated_at, exported_at
     FROM labelled_cases
     WHERE ($1::boolean IS NOT TRUE OR exported_at IS NULL) AND ($2::uuid IS NULL OR answer_id = $2)
     ORDER BY created_at, id`,
    [options.unexportedOnly ?? false, options.answerId ?? null],
  );
  return result.rows.map((row) => {
    const label = caseLabelSchema.safeParse(row.label);
    if (!label.success) {
      throw new StorageError(
        `Labelled case ${row.id} has a label Ward cannot read: ${z.prettifyError(label.error)}`,
      );
    }
    const context = caseContextSchema.safeParse(row.context ?? {});
    return {
      id: row.id,
      answerId: row.answer_id,
      kind: row.kind,
      source: row.source,
      label: label.data,
      // A context that no longer reads is dropped, not the case: the replay then has the question alone.
      context: context.success ? context.data : { history: [] },
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      exportedAt: row.exported_at,
    };
  });
}

/** Marks cases as written to their case files (only if unchanged since `readAt`); returns how many. */
export async function markLabelledCasesExported(
  db: Queryable,
  ids: readonly string[],
  at: Date,
  readAt: Date = at,
): Promise<number> {
  const valid = ids.filter((id) => z.guid().safeParse(id).success);
  if (valid.length === 0) return 0;
  const result = await db.query(
    'UPDATE labelled_cases SET exported_at = $2 WHERE id = ANY($1::uuid[]) AND updated_at <= $3',
    [valid, at, readAt],
  );
  return result.rowCount;
}

/** One skill call of an answer as `answer_sources` keeps it: the tenant data the answer was built from. */
export interface SnapshotRow {
  sourceId: string;
  plugin: string;
  skill: string;
  pluginVersion: string | null;
  input: unknown;
  ok: boolean;
  error: string | null;
  data: unknown;
  durationMs: number | null;
}

/**
 * The answer's source snapshot (`answer_sources`), in citation order; `undefined` when this database has no
 * such table (a Ward from before answer sources were stored).
 */
export async function answerSnapshot(db: Queryable, answerId: string): Promise<SnapshotRow[] | undefined> {
  const table = await db.query<{ present: boolean }>(
    `SELECT to_regclass('answer_sources') IS NOT NULL AS present`,
  );
  if (table.rows[0]?.present !== true) return undefined;
  if (!z.guid().safeParse(answerId).success) return [];
  const result = await db.query<{
    source_id: string;
    plugin: string;
    skill: string;
    plugin_version: string | null;
    input: unknown;
    ok: boolean;
    error: string | null;
    data: unknown;
    duration_ms: number | null;
  }>(
    `SELECT source_id, plugin, skill, plugin_version, input, ok, error, data, duration_ms
     FROM answer_sources WHERE answer_id = $1
     ORDER BY length(source_id), source_id`,
    [answerId],
  );
  return result.rows.map((row) => ({
    sourceId: row.source_id,
    plugin: row.plugin,
    skill: row.skill,
    pluginVersion: row.plugin_version,
    input: row.input,
    ok: row.ok,
    error: row.error,
    data: row.data,
    durationMs: row.duration_ms,
  }));
}
