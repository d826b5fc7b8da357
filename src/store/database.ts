/**
 * The database Ward talks to, whichever engine runs it: PGlite (PostgreSQL in WASM, embedded, persisted in
 * a data folder) by default, or a PostgreSQL server when DATABASE_URL is set. Both speak the same SQL with
 * `$1` parameters and return the same shapes (int8 as string, `rowCount` always a number, SQLSTATE kept on
 * errors), so repositories are written once. This module never holds SQL of its own beyond opening.
 */
import { ConfigError } from '../core/errors.js';

/** Anything that runs one parameterised statement: the database itself or a transaction. */
export interface Queryable {
  /**
   * Runs one statement with `$1`-style parameters. `rowCount` is the number of rows returned or changed
   * (0 for DDL). int8/bigint columns come back as strings, timestamps as `Date`, json/jsonb parsed.
   */
  query<T = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
  ): Promise<{ rows: T[]; rowCount: number }>;
}

/** The handle a transaction callback receives: run statements on it, never on the database. */
export interface Transaction extends Queryable {
  /** Runs several statements without parameters (used by migrations). */
  exec(sql: string): Promise<void>;
}

/** A connected database. Every method rejects with a `StorageError` when the driver fails. */
export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws (its error is
   * rethrown unchanged). Inside `fn` use only `tx`: calling this database there throws a `StorageError`.
   */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Closes the connection(s) and releases the data-folder lock. Safe to call twice. */
  close(): Promise<void>;
}

/** Pino-compatible subset the store logs to. */
export interface StoreLog {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
}

/** How to reach the database. */
export interface OpenDatabaseOptions {
  /** PostgreSQL connection string (DATABASE_URL). When set, a `pg` pool is used and `dataDir` is ignored. */
  url?: string;
  /** Folder PGlite persists to; created if missing (its parent must exist). Omitted: in memory. */
  dataDir?: string;
  /** Server only: a schema to create if missing and put first on every connection's search_path (test isolation). */
  schema?: string;
  log?: StoreLog;
}

/**
 * Opens the database: a PostgreSQL server pool when `url` is set, else PGlite in `dataDir` (locked against a
 * second process). Fails fast: the connection is checked before this resolves.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.url !== undefined && options.url !== '') {
    const { openPostgresDatabase } = await import('./postgres-database.js');
    return openPostgresDatabase({ url: options.url, schema: options.schema, log: options.log });
  }
  if (options.schema !== undefined) {
    throw new ConfigError('A database schema can only be chosen with a PostgreSQL server (DATABASE_URL).');
  }
  // Imported lazily so a server deployment never loads the WASM engine.
  const { openPgliteDatabase } = await import('./pglite-database.js');
  return openPgliteDatabase({ dataDir: options.dataDir, log: options.log });
}
