import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/store/database.js';
import { StorageError } from '../../../src/store/storage-error.js';
import { testEngines } from '../../support/test-database.js';

describe.each(testEngines)('database on $kind', ({ kind, open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
    await db.exec(`
      CREATE TABLE scratch (id bigserial PRIMARY KEY, name text UNIQUE NOT NULL, data jsonb, at timestamptz DEFAULT now());
      CREATE TABLE scratch_child (id int PRIMARY KEY, scratch_id bigint NOT NULL REFERENCES scratch (id));
    `);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('says which engine it is', () => {
    expect(db.kind).toBe(kind);
  });

  it('returns rows and counts changed rows as a number, 0 for DDL', async () => {
    const inserted = await db.query('INSERT INTO scratch (name) VALUES ($1), ($2), ($3)', ['a', 'b', 'c']);
    expect(inserted.rowCount).toBe(3);
    const updated = await db.query(`UPDATE scratch SET data = '{}' WHERE name IN ('a', 'b')`);
    expect(updated.rowCount).toBe(2);
    const selected = await db.query<{ name: string }>('SELECT name FROM scratch ORDER BY name');
    expect(selected.rows.map((row) => row.name)).toEqual(['a', 'b', 'c']);
    expect(selected.rowCount).toBe(3);
    const ddl = await db.query('CREATE INDEX scratch_at_idx ON scratch (at)');
    expect(ddl.rowCount).toBe(0);
  });

  it('returns int8 as a string, timestamptz as a Date and jsonb parsed, the same on both engines', async () => {
    const result = await db.query<{ id: string; total: string; at: Date; data: unknown; big: string }>(
      `INSERT INTO scratch (name, data) VALUES ($1, $2::jsonb)
       RETURNING id, (SELECT count(*) FROM scratch) AS total, at, data, 9007199254740993::int8 AS big`,
      ['typed', JSON.stringify({ list: [1, 'two'], nested: { ok: true } })],
    );
    const row = result.rows[0]!;
    expect(typeof row.id).toBe('string');
    expect(typeof row.total).toBe('string');
    expect(row.big).toBe('9007199254740993');
    expect(row.at).toBeInstanceOf(Date);
    expect(row.data).toEqual({ list: [1, 'two'], nested: { ok: true } });
  });

  it('runs several statements with exec', async () => {
    await db.exec(
      `INSERT INTO scratch (name) VALUES ('exec-1'); INSERT INTO scratch (name) VALUES ('exec-2');`,
    );
    const result = await db.query(`SELECT 1 FROM scratch WHERE name LIKE 'exec-%'`);
    expect(result.rowCount).toBe(2);
  });

  it('wraps driver errors in a StorageError that keeps the SQLSTATE, the constraint and the cause', async () => {
    const error = await db
      .query('INSERT INTO scratch (name) VALUES ($1)', ['a'])
      .catch((caught: unknown) => caught);
    expect(StorageError.isInstance(error)).toBe(true);
    const storageError = error as StorageError;
    expect(storageError.code).toBe('storage_error');
    expect(storageError.sqlState).toBe('23505');
    expect(storageError.constraint).toBe('scratch_name_key');
    expect(storageError.message).toContain('duplicate key');
    expect((storageError.cause as { code?: string }).code).toBe('23505');
  });

  it('rejects several statements with parameters, with a StorageError', async () => {
    await expect(db.query('SELECT $1::int; SELECT 2', [1])).rejects.toMatchObject({
      name: 'StorageError',
      sqlState: '42601',
    });
  });

  it('commits a transaction when its callback resolves', async () => {
    const value = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO scratch (name) VALUES ($1)', ['tx-commit']);
      return 42;
    });
    expect(value).toBe(42);
    expect((await db.query(`SELECT 1 FROM scratch WHERE name = 'tx-commit'`)).rowCount).toBe(1);
  });

  it('loses nothing stored before a bad insert fails inside a transaction, and keeps nothing of the transaction', async () => {
    await db.query('INSERT INTO scratch (name) VALUES ($1)', ['before-tx']);
    const failure = db.transaction(async (tx) => {
      await tx.query('INSERT INTO scratch (name) VALUES ($1)', ['inside-tx']);
      await tx.query('INSERT INTO scratch_child (id, scratch_id) VALUES (1, -1)');
    });
    await expect(failure).rejects.toMatchObject({ name: 'StorageError', sqlState: '23503' });
    const names = await db.query<{ name: string }>(
      `SELECT name FROM scratch WHERE name IN ('before-tx', 'inside-tx') ORDER BY name`,
    );
    expect(names.rows).toEqual([{ name: 'before-tx' }]);
    // The connection is usable afterwards.
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('rethrows the callback’s own error unchanged and rolls back', async () => {
    class Refused extends Error {}
    const refused = new Refused('no');
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO scratch (name) VALUES ($1)', ['refused']);
        throw refused;
      }),
    ).rejects.toBe(refused);
    expect((await db.query(`SELECT 1 FROM scratch WHERE name = 'refused'`)).rowCount).toBe(0);
  });

  it('runs exec inside a transaction on the transaction', async () => {
    await db.transaction(async (tx) => {
      await tx.exec(
        `INSERT INTO scratch (name) VALUES ('tx-exec-1'); INSERT INTO scratch (name) VALUES ('tx-exec-2');`,
      );
    });
    expect((await db.query(`SELECT 1 FROM scratch WHERE name LIKE 'tx-exec-%'`)).rowCount).toBe(2);
  });

  it('throws instead of deadlocking when the database itself is called inside its transaction', async () => {
    const misuse = db.transaction(async (tx) => {
      await tx.query('INSERT INTO scratch (name) VALUES ($1)', ['misuse']);
      await db.query('SELECT 1');
    });
    await expect(misuse).rejects.toThrow(/use the `tx` passed to the transaction callback/);
    expect((await db.query(`SELECT 1 FROM scratch WHERE name = 'misuse'`)).rowCount).toBe(0);
  });

  it('serves many concurrent queries', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, index) => db.query<{ n: number }>('SELECT $1::int AS n', [index])),
    );
    expect(results.map((result) => result.rows[0]!.n)).toEqual(
      Array.from({ length: 200 }, (_, index) => index),
    );
  });

  it('stores a 100 KB text and reads it back intact', async () => {
    const text = 'é'.repeat(50_000) + 'x'.repeat(1_000);
    await db.query('INSERT INTO scratch (name, data) VALUES ($1, $2::jsonb)', [
      text,
      JSON.stringify({ text }),
    ]);
    const result = await db.query<{ name: string; data: { text: string } }>(
      'SELECT name, data FROM scratch WHERE name = $1',
      [text],
    );
    expect(result.rows[0]!.name).toBe(text);
    expect(result.rows[0]!.data.text).toBe(text);
  });
});

describe.each(testEngines)('a closed database on $kind', ({ open }) => {
  it('can be closed twice and rejects queries afterwards with a StorageError', async () => {
    const db = await open();
    await db.close();
    await db.close();
    await expect(db.query('SELECT 1')).rejects.toMatchObject({ name: 'StorageError' });
  });
});
