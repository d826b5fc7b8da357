/**
 * Databases for tests: PGlite loaded from the run's migrated template (one per test file, ~0.5 s), and,
 * when TEST_DATABASE_URL is set, the real PostgreSQL server in a fresh random schema that is dropped on
 * close. `testEngines` lets a suite run the same tests on both with `describe.each`. Never used by `src/`.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { type Database, openDatabase, type Transaction } from '../../src/store/database.js';
import { runMigrations } from '../../src/store/migrations/run-migrations.js';
import { openPgliteDatabase } from '../../src/store/pglite-database.js';

/** A migrated in-memory PGlite, loaded from the template built by `global-setup.ts`. */
export async function createTestDatabase(): Promise<Database> {
  const template = inject('wardPgliteTemplate');
  const db = template
    ? await openPgliteDatabase({ loadDataDir: new Blob([await readFile(template)]) })
    : // Run outside the configured globalSetup: pay for initdb.
      await openPgliteDatabase();
  await runMigrations(db);
  return db;
}

/** The server URL tests may use, from TEST_DATABASE_URL. */
export function testDatabaseUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  return url === undefined || url === '' ? undefined : url;
}

/** A fresh random schema name, for a test that opens its own connections to it. */
export function randomTestSchema(): string {
  return `ward_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
}

/**
 * A migrated database on the PostgreSQL server at TEST_DATABASE_URL, alone in a fresh schema that `close()`
 * drops; undefined when TEST_DATABASE_URL is not set.
 */
export async function createServerTestDatabase(): Promise<Database | undefined> {
  const url = testDatabaseUrl();
  if (url === undefined) return undefined;
  const schema = randomTestSchema();
  const db = await openDatabase({ url, schema });
  await runMigrations(db);
  return withSchemaDroppedOnClose(db, schema);
}

/** Wraps `db` so that `close()` first drops `schema` (and everything in it). */
export function withSchemaDroppedOnClose(db: Database, schema: string): Database {
  let closed = false;
  return {
    kind: db.kind,
    query: <T>(sql: string, params?: unknown[]) => db.query<T>(sql, params),
    exec: (sql) => db.exec(sql),
    transaction: <T>(fn: (tx: Transaction) => Promise<T>) => db.transaction(fn),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await db.close();
      }
    },
  };
}

/** One engine to run a suite on. */
export interface TestEngine {
  kind: Database['kind'];
  open(): Promise<Database>;
}

/** PGlite always; the server too when TEST_DATABASE_URL is set. Use with `describe.each(testEngines)('$kind', ...)`. */
export const testEngines: TestEngine[] = [
  { kind: 'pglite', open: createTestDatabase },
  ...(testDatabaseUrl() === undefined
    ? []
    : [
        {
          kind: 'postgres' as const,
          async open() {
            const db = await createServerTestDatabase();
            if (db === undefined) throw new Error('TEST_DATABASE_URL disappeared');
            return db;
          },
        },
      ]),
];
