/**
 * Brings the schema up to date: applies, in version order, each migration not yet recorded in
 * `schema_migrations`, each in its own transaction under a transaction-scoped advisory lock, so replicas
 * starting together (or two test workers) apply each migration exactly once. Works the same on PGlite and a
 * server. It never rolls back, edits or re-applies a recorded migration.
 */
import type { Database, StoreLog, Transaction } from '../database.js';
import { StorageError } from '../storage-error.js';
import { initial } from './001-initial.js';
import { guardedActions } from './002-guarded-actions.js';
import { memoryAndUsage } from './003-memory-and-usage.js';
import { answerSources } from './004-answer-sources.js';
import { feedbackLoop } from './005-feedback-loop.js';
import { retention } from './006-retention.js';

/** One schema change. `sql` may hold several statements; it runs in one transaction. */
export interface Migration {
  /** Positive, unique, strictly increasing in {@link migrations}. */
  version: number;
  /** Short kebab-case label, recorded with the version. */
  name: string;
  sql: string;
}

/** Every migration Ward knows, oldest first. Append only. */
export const migrations: readonly Migration[] = [
  initial,
  guardedActions,
  memoryAndUsage,
  answerSources,
  feedbackLoop,
  retention,
];

/** What {@link runMigrations} did. */
export interface MigrationReport {
  /** Versions this call applied (empty when another process or an earlier start already had). */
  applied: number[];
  /** Highest version recorded after the run. */
  current: number;
}

// One lock per schema: replicas sharing a schema serialise, isolated test schemas do not wait on each other.
const lockSql = `SELECT pg_advisory_xact_lock(hashtext('ward.schema_migrations:' || current_schema()))`;

/** Applies pending migrations. Throws a `StorageError` naming the migration that failed (nothing of it is kept). */
export async function runMigrations(
  db: Database,
  options: { log?: StoreLog; migrations?: readonly Migration[] } = {},
): Promise<MigrationReport> {
  const list = options.migrations ?? migrations;
  assertOrdered(list);
  await db.transaction(async (tx) => {
    await tx.query(lockSql);
    const exists = await tx.query<{ exists: boolean }>(
      `SELECT to_regclass('schema_migrations') IS NOT NULL AS exists`,
    );
    if (exists.rows[0]?.exists !== true) {
      await tx.exec(`CREATE TABLE schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    }
  });

  const applied: number[] = [];
  for (const migration of list) {
    const done = await db.transaction(async (tx) => {
      await tx.query(lockSql);
      if (await isRecorded(tx, migration.version)) return false;
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        const cause = StorageError.from(error);
        throw new StorageError(
          `Migration ${migration.version} (${migration.name}) failed: ${cause.message}`,
          {
            cause: error,
            sqlState: cause.sqlState,
            constraint: cause.constraint,
          },
        );
      }
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (done) {
      applied.push(migration.version);
      options.log?.info({ version: migration.version, name: migration.name }, 'migration applied');
    }
  }

  const latest = await db.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM schema_migrations',
  );
  const current = latest.rows[0]?.version ?? 0;
  const known = list.at(-1)?.version ?? 0;
  if (current > known) {
    options.log?.warn(
      { current, known },
      'the database schema is newer than this Ward: was a newer version run here?',
    );
  }
  return { applied, current };
}

async function isRecorded(tx: Transaction, version: number): Promise<boolean> {
  const result = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [version]);
  return result.rowCount > 0;
}

function assertOrdered(list: readonly Migration[]): void {
  let previous = 0;
  for (const migration of list) {
    if (!Number.isInteger(migration.version) || migration.version <= previous) {
      throw new StorageError(
        `Migrations are out of order: version ${migration.version} (${migration.name}) follows ${previous}.`,
      );
    }
    previous = migration.version;
  }
}
