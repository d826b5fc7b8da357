/**
 * The server engine: a `pg` pool on DATABASE_URL, shared by every replica of Ward. Transactions take a
 * dedicated client (BEGIN/COMMIT/ROLLBACK); an optional schema isolates one test run from another. It never
 * logs or throws the connection string (it may hold a password), and never lets a driver error escape unwrapped.
 */
import pg from 'pg';
import { ConfigError } from '../core/errors.js';
import type { Database, Queryable, StoreLog, Transaction } from './database.js';
import { StorageError } from './storage-error.js';
import { TransactionScope } from './transaction-scope.js';

/** Options for {@link openPostgresDatabase}. */
export interface OpenPostgresOptions {
  /** `postgres://user:password@host:port/database`. */
  url: string;
  /** Lower-case identifier; created if missing and made the only schema on each connection's search_path. */
  schema?: string;
  log?: StoreLog;
}

const schemaPattern = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens a pool and checks the server answers (and creates `schema`) before resolving. */
export async function openPostgresDatabase(options: OpenPostgresOptions): Promise<Database> {
  const { schema } = options;
  if (schema !== undefined && !schemaPattern.test(schema)) {
    throw new ConfigError(`Schema name "${schema}" is not a plain lower-case identifier.`);
  }
  const server = describeServer(options.url);
  const pool = new pg.Pool({
    connectionString: options.url,
    // Set at connection start-up, so every pooled connection has it before its first query.
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', (error) => options.log?.warn({ err: error, server }, 'idle PostgreSQL connection failed'));

  try {
    if (schema !== undefined) await createSchema(pool, schema);
    else await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw StorageError.from(error, `Could not use the PostgreSQL server ${server} (check DATABASE_URL)`);
  }
  options.log?.info({ server, schema: schema ?? null }, 'PostgreSQL database open');

  const scope = new TransactionScope();
  const direct = bind(pool);
  let closed = false;

  return {
    kind: 'postgres',
    query<T = Record<string, unknown>>(sql: string, params?: unknown[]) {
      scope.assertOutside('query()');
      return direct.query<T>(sql, params);
    },
    exec(sql: string) {
      scope.assertOutside('exec()');
      return direct.exec(sql);
    },
    async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      scope.assertOutside('transaction()');
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw StorageError.from(error, `Could not get a connection to ${server}`);
      }
      let broken: unknown;
      try {
        await run(client, 'BEGIN');
        let result: T;
        try {
          result = await scope.run(() => fn(bind(client)));
        } catch (error) {
          await client.query('ROLLBACK').catch((rollbackError: unknown) => {
            broken = rollbackError;
          });
          throw error;
        }
        await run(client, 'COMMIT');
        return result;
      } finally {
        // A connection whose ROLLBACK failed is in an unknown state: destroy it rather than reuse it.
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await pool.end();
      } catch (error) {
        throw StorageError.from(error, 'Could not close the PostgreSQL pool');
      }
    },
  };
}

async function run(client: pg.PoolClient, sql: string): Promise<void> {
  try {
    await client.query(sql);
  } catch (error) {
    throw StorageError.from(error, `${sql} failed`);
  }
}

/** Adapts the pool (or one client) to Ward's shapes, wrapping errors. */
function bind(target: pg.Pool | pg.PoolClient): Transaction & Queryable {
  return {
    async query<T = Record<string, unknown>>(sql: string, params?: unknown[]) {
      try {
        const result = await target.query(sql, params);
        return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
      } catch (error) {
        throw StorageError.from(error);
      }
    },
    async exec(sql: string) {
      try {
        await target.query(sql);
      } catch (error) {
        throw StorageError.from(error, 'Database script failed');
      }
    },
  };
}

async function createSchema(pool: pg.Pool, schema: string): Promise<void> {
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (error) {
    // Two openers racing on CREATE SCHEMA IF NOT EXISTS: one gets a unique violation; the schema exists.
    if ((error as { code?: unknown }).code !== '23505') throw error;
  }
}

/** `host:port/database` without user or password, for messages and logs. */
function describeServer(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'from DATABASE_URL';
  }
}
