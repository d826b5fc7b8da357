import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../../src/store/database.js';
import { type Migration, migrations, runMigrations } from '../../../src/store/migrations/run-migrations.js';
import {
  randomTestSchema,
  testDatabaseUrl,
  testEngines,
  withSchemaDroppedOnClose,
} from '../../support/test-database.js';

const tables = [
  'answer_sources',
  'answers',
  'audit_log',
  'conversation_memory',
  'conversation_references',
  'feedback',
  'labelled_cases',
  'pending_actions',
  'schema_migrations',
  'usage_daily',
];

describe.each(testEngines)('migrations on $kind', ({ open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('has created every table and recorded every migration once', async () => {
    const found = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`,
    );
    expect(found.rows.map((row) => row.table_name)).toEqual(tables);
    const recorded = await db.query<{ version: number; name: string; applied_at: Date }>(
      'SELECT version, name, applied_at FROM schema_migrations ORDER BY version',
    );
    expect(recorded.rows.map((row) => [row.version, row.name])).toEqual(
      migrations.map((m) => [m.version, m.name]),
    );
    expect(recorded.rows[0]!.applied_at).toBeInstanceOf(Date);
  });

  it('applies nothing when run again, however often', async () => {
    const latest = migrations.at(-1)!.version;
    expect(await runMigrations(db)).toEqual({ applied: [], current: latest });
    const [first, second] = await Promise.all([runMigrations(db), runMigrations(db)]);
    expect(first.applied).toEqual([]);
    expect(second.applied).toEqual([]);
    expect((await db.query('SELECT 1 FROM schema_migrations')).rowCount).toBe(migrations.length);
  });

  it('applies a new migration once, and keeps nothing of one that fails, naming it', async () => {
    const extra: Migration = {
      version: 900,
      name: 'add-notes',
      sql: 'CREATE TABLE notes (id int PRIMARY KEY);',
    };
    const broken: Migration = {
      version: 901,
      name: 'broken',
      sql: 'CREATE TABLE half_done (id int); ALTER TABLE no_such_table ADD COLUMN x int;',
    };
    expect((await runMigrations(db, { migrations: [...migrations, extra] })).applied).toEqual([900]);
    await expect(runMigrations(db, { migrations: [...migrations, extra, broken] })).rejects.toMatchObject({
      name: 'StorageError',
      sqlState: '42P01',
      message: expect.stringContaining('Migration 901 (broken) failed'),
    });
    const halfDone = await db.query(`SELECT to_regclass('half_done') IS NULL AS missing`);
    expect(halfDone.rows).toEqual([{ missing: true }]);
    const recorded = await db.query<{ version: number }>(
      'SELECT version FROM schema_migrations WHERE version >= 900',
    );
    expect(recorded.rows).toEqual([{ version: 900 }]);
  });

  it('refuses a migration list that is out of order', async () => {
    const list: Migration[] = [...migrations, { version: 1, name: 'again', sql: 'SELECT 1' }];
    await expect(runMigrations(db, { migrations: list })).rejects.toThrow(/out of order/);
  });
});

describe.skipIf(testDatabaseUrl() === undefined)('migrations on a shared PostgreSQL server', () => {
  it('are applied once when two replicas start at the same time', async () => {
    const url = testDatabaseUrl()!;
    const schema = randomTestSchema();
    const first = withSchemaDroppedOnClose(await openDatabase({ url, schema }), schema);
    const second = await openDatabase({ url, schema });
    try {
      // A slow migration makes both replicas overlap: without the lock both would apply it and one would fail.
      const slow: Migration = {
        version: 500,
        name: 'slow',
        sql: 'SELECT pg_sleep(0.3); CREATE TABLE slow_table (id int PRIMARY KEY);',
      };
      const list = [...migrations, slow];
      const [a, b] = await Promise.all([
        runMigrations(first, { migrations: list }),
        runMigrations(second, { migrations: list }),
      ]);
      expect([...a.applied, ...b.applied].sort((x, y) => x - y)).toEqual(list.map((m) => m.version));
      expect(a.current).toBe(500);
      expect(b.current).toBe(500);
      const recorded = await first.query<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      expect(recorded.rows.map((row) => row.version)).toEqual(list.map((m) => m.version));
    } finally {
      await second.close();
      await first.close();
    }
  });

  it('keeps schemas apart: a test schema sees only its own tables', async () => {
    const url = testDatabaseUrl()!;
    const schema = randomTestSchema();
    const db = withSchemaDroppedOnClose(await openDatabase({ url, schema }), schema);
    try {
      const tablesBefore = await db.query('SELECT 1 FROM information_schema.tables WHERE table_schema = $1', [
        schema,
      ]);
      expect(tablesBefore.rowCount).toBe(0);
      expect((await runMigrations(db)).applied).toEqual(migrations.map((m) => m.version));
    } finally {
      await db.close();
    }
    const gone = await openDatabase({ url });
    try {
      const found = await gone.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [
        schema,
      ]);
      expect(found.rowCount).toBe(0);
    } finally {
      await gone.close();
    }
  });
});
