/**
 * Opens the database Ward is configured to use, for a command run beside Ward (`npm run feedback:export`,
 * `npm run eval:feedback`): DATABASE_URL when set, else the PGlite folder DATA_DIR, read through `loadConfig()`
 * like Ward reads them, and migrated like Ward migrates it on start. PGlite lets one process use a folder: when
 * a running Ward holds it, this says so in one clear sentence instead of failing on the lock. It never creates
 * a database (a missing folder is an error) and never prints the connection string.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { WardError } from '../core/errors.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import { type Database, openDatabase } from './database.js';
import { runMigrations } from './migrations/run-migrations.js';

/** The database could not be opened; the message says why and what to do. */
export class DatabaseUnavailableError extends WardError {
  override readonly name = 'DatabaseUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('database_unavailable', message, options);
  }
}

/**
 * Opens and migrates the configured database. `command` names the caller in messages (`npm run
 * feedback:export`). Throws `DatabaseUnavailableError`.
 */
export async function openConfiguredDatabase(
  command: string,
  environment: NodeJS.ProcessEnv = process.env,
): Promise<Database> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(environment);
  } catch (error) {
    throw new DatabaseUnavailableError(`Ward's settings are not valid: ${messageOf(error)}`, {
      cause: error,
    });
  }
  const { databaseUrl, dataDir } = config.storage;
  let db: Database;
  if (databaseUrl !== undefined) {
    try {
      db = await openDatabase({ url: databaseUrl });
    } catch (error) {
      throw new DatabaseUnavailableError(
        `Could not reach the database at DATABASE_URL: ${messageOf(error)}`,
        {
          cause: error,
        },
      );
    }
  } else {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      throw new DatabaseUnavailableError(
        `There is no Ward database in DATA_DIR ${dataDir}. Set DATA_DIR to Ward's data folder, or DATABASE_URL to its PostgreSQL server.`,
      );
    }
    try {
      // Only to tell "Ward is running here" apart from other failures: opening takes the lock again.
      acquireDataDirLock(dataDir).release();
    } catch (error) {
      throw new DatabaseUnavailableError(
        `Ward is running on DATA_DIR ${dataDir}, and PGlite lets only one process use a data folder. Stop Ward and run ${command} again (or run it on a copy of the folder, or use DATABASE_URL with PostgreSQL). Details: ${messageOf(error)}`,
        { cause: error },
      );
    }
    try {
      db = await openDatabase({ dataDir });
    } catch (error) {
      throw new DatabaseUnavailableError(`Could not open DATA_DIR ${dataDir}: ${messageOf(error)}`, {
        cause: error,
      });
    }
  }
  try {
    await runMigrations(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw new DatabaseUnavailableError(
      `Could not bring the database schema up to date: ${messageOf(error)}`,
      {
        cause: error,
      },
    );
  }
  return db;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
