/**
 * The embedded engine: PGlite (PostgreSQL compiled to WASM) in this process, persisted in a data folder that
 * is locked against a second process. PGlite has one backend and queues calls; its transaction holds that
 * backend for the whole callback, so code inside must use `tx`: this adapter makes the mistake throw instead
 * of deadlocking. It never shares a data folder and never lets a driver error escape unwrapped.
 */
import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction as PgliteTransaction } from '@electric-sql/pglite';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import type { Database, Queryable, StoreLog, Transaction } from './database.js';
import { StorageError } from './storage-error.js';
import { TransactionScope } from './transaction-scope.js';

/** Return int8 (bigint, count(*), bigserial) as a string, like `pg` does, instead of a lossy number. */
const parsers = { 20: (value: string) => value } as const;

/** Options for {@link openPgliteDatabase}. */
export interface OpenPgliteOptions {
  /** Folder to persist to; created if missing (its parent must exist) and locked. Omitted: in memory. */
  dataDir?: string;
  /** A tarball from {@link PgliteDatabase.dump} to start from (tests: a migrated template, ~0.5 s instead of initdb). */
  loadDataDir?: Blob;
  log?: StoreLog;
}

/** A PGlite database, which can also dump its data folder. */
export interface PgliteDatabase extends Database {
  readonly kind: 'pglite';
  /** The whole data folder as a gzipped tarball, loadable with `loadDataDir`. */
  dump(): Promise<Blob>;
}

type PgliteQueryable = Pick<PgliteTransaction, 'query' | 'exec'>;

/** Opens PGlite. Fresh data folders run initdb (7–8 s, ~850 MB peak); reopening takes under a second. */
export async function openPgliteDatabase(options: OpenPgliteOptions = {}): Promise<PgliteDatabase> {
  let lock: DataDirLock | undefined;
  if (options.dataDir !== undefined) {
    createFolder(options.dataDir);
    lock = acquireDataDirLock(options.dataDir, { log: options.log });
  }
  let pglite: PGlite;
  const started = performance.now();
  try {
    pglite = await PGlite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir, parsers });
  } catch (error) {
    lock?.release();
    throw StorageError.from(error, `Could not open the embedded database${where(options.dataDir)}`);
  }
  options.log?.info(
    { dataDir: options.dataDir ?? null, ms: Math.round(performance.now() - started) },
    'embedded database (PGlite) open',
  );

  const scope = new TransactionScope();
  const direct = bind(pglite);
  let closed = false;

  return {
    kind: 'pglite',
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
      let thrownByCallback: { error: unknown } | undefined;
      try {
        return await pglite.transaction((tx) =>
          scope.run(async () => {
            try {
              return await fn(bind(tx));
            } catch (error) {
              thrownByCallback = { error };
              throw error;
            }
          }),
        );
      } catch (error) {
        if (thrownByCallback !== undefined && thrownByCallback.error === error) throw error;
        throw StorageError.from(error, 'Transaction failed');
      }
    },
    async dump() {
      scope.assertOutside('dump()');
      try {
        return await pglite.dumpDataDir('gzip');
      } catch (error) {
        throw StorageError.from(error, 'Could not dump the embedded database');
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await pglite.close();
      } catch (error) {
        throw StorageError.from(error, 'Could not close the embedded database');
      } finally {
        lock?.release();
      }
    },
  };
}

/** Adapts PGlite (or one of its transactions) to Ward's shapes, wrapping errors. */
function bind(target: PgliteQueryable): Transaction & Queryable {
  return {
    async query<T = Record<string, unknown>>(sql: string, params?: unknown[]) {
      try {
        const result = await target.query<T>(sql, params);
        return { rows: result.rows, rowCount: result.rowCount ?? result.affectedRows ?? 0 };
      } catch (error) {
        throw StorageError.from(error);
      }
    },
    async exec(sql: string) {
      try {
        await target.exec(sql);
      } catch (error) {
        throw StorageError.from(error, 'Database script failed');
      }
    },
  };
}

function createFolder(dataDir: string): void {
  try {
    mkdirSync(dataDir);
  } catch (error) {
    if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EEXIST')
      return;
    throw StorageError.from(
      error,
      `Could not create the data folder ${dataDir} (its parent folder must exist; set DATA_DIR to change it)`,
    );
  }
}

function where(dataDir: string | undefined): string {
  return dataDir === undefined ? ' (in memory)' : ` in ${dataDir}`;
}
