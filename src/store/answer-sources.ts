/**
 * Answer snapshots (`answer_sources`): for each stored answer, every source it consulted as it was consulted —
 * plugin, skill, plugin version, the validated input (secrets redacted), whether it answered or why not, how
 * long it took, and the data it returned (secrets redacted, at most 256 KB per source; bigger data is stored
 * cut, wrapped in a `wardSnapshotTruncated` marker that says how — see `core/snapshots/source-snapshot.ts`).
 * Written once, with the answer, in its transaction; read by "how I got this", "Re-run", the audit trail and
 * `npm run eval:feedback`. Rows are never updated here; they go when their answer goes (ON DELETE CASCADE).
 */
import { z } from 'zod/v4';
import { redactInput } from '../core/grounding/recorded-input.js';
import { redactSecrets } from '../core/redact-secrets.js';
import { jsonSafeText } from '../core/snapshots/json-safe-value.js';
import { snapshotData } from '../core/snapshots/source-snapshot.js';
import type { Queryable } from './database.js';
import { StorageError } from './storage-error.js';

/** One source of an answer as stored. */
export interface AnswerSourceRow {
  /** The citation id, `S1` ... */
  sourceId: string;
  plugin: string;
  skill: string;
  pluginVersion: string | null;
  /** The validated input, secrets redacted. */
  input: Record<string, unknown>;
  ok: boolean;
  error: string | null;
  /**
   * What the source returned (null when it failed), secrets redacted; over 256 KB it is
   * `{ wardSnapshotTruncated: {...}, data }` — read it with `readSnapshotData`.
   */
  data: unknown;
  durationMs: number | null;
}

/** What {@link insertAnswerSources} stores per source: a skill ledger's call record fits as it is. */
export interface AnswerSourceInput {
  sourceId: string;
  plugin: string;
  skill: string;
  pluginVersion?: string | null;
  input?: unknown;
  ok: boolean;
  error?: string | null;
  data?: unknown;
  durationMs?: number | null;
}

const sourceIdSchema = z.string().regex(/^S\d{1,4}$/);
const idSchema = z.guid();

interface Row {
  source_id: string;
  plugin: string | null;
  skill: string | null;
  plugin_version: string | null;
  input: unknown;
  ok: boolean | null;
  error: string | null;
  data: unknown;
  duration_ms: number | null;
}

/**
 * Stores the sources of one answer (call it in the answer's transaction). Each one's data is made storable,
 * redacted and bounded here, whoever calls. Returns how many rows were written.
 * @throws StorageError for a source id that is not `S<n>` or appears twice, or when the database refuses.
 */
export async function insertAnswerSources(
  db: Queryable,
  answerId: string,
  sources: readonly AnswerSourceInput[],
): Promise<number> {
  const seen = new Set<string>();
  for (const source of sources) {
    if (!sourceIdSchema.safeParse(source.sourceId).success || seen.has(source.sourceId)) {
      throw new StorageError(`Answer source id "${source.sourceId}" is not a unique S<n> citation id.`);
    }
    seen.add(source.sourceId);
  }
  for (const source of sources) {
    const data =
      source.ok && source.data !== undefined && source.data !== null ? snapshotData(source.data) : undefined;
    await db.query(
      `INSERT INTO answer_sources (answer_id, source_id, plugin, skill, plugin_version, input, ok, error, data,
         duration_ms)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9::jsonb, $10)`,
      [
        answerId,
        source.sourceId,
        jsonSafeText(source.plugin),
        jsonSafeText(source.skill),
        source.pluginVersion == null ? null : jsonSafeText(source.pluginVersion),
        JSON.stringify(redactInput(source.input ?? {})),
        source.ok,
        source.error == null ? null : jsonSafeText(redactSecrets(source.error)),
        data === undefined ? null : JSON.stringify(data.data),
        source.durationMs == null ? null : Math.max(0, Math.round(source.durationMs)),
      ],
    );
  }
  return sources.length;
}

/** The sources of an answer in citation order (S1, S2 ...); empty for an unknown id or one that is not a UUID. */
export async function listAnswerSources(db: Queryable, answerId: string): Promise<AnswerSourceRow[]> {
  if (!idSchema.safeParse(answerId).success) return [];
  const result = await db.query<Row>(
    `SELECT source_id, plugin, skill, plugin_version, input, ok, error, data, duration_ms
     FROM answer_sources WHERE answer_id = $1
     ORDER BY length(source_id), source_id`,
    [answerId],
  );
  return result.rows.map((row) => ({
    sourceId: row.source_id,
    plugin: row.plugin ?? '',
    skill: row.skill ?? '',
    pluginVersion: row.plugin_version,
    input:
      row.input !== null && typeof row.input === 'object' && !Array.isArray(row.input)
        ? (row.input as Record<string, unknown>)
        : {},
    ok: row.ok === true,
    error: row.error,
    data: row.data ?? null,
    durationMs: row.duration_ms,
  }));
}
