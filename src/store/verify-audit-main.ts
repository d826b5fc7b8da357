/**
 * `npm run audit:verify`: recomputes the audit log's hash chain in the database Ward is configured to use
 * (DATABASE_URL, else the PGlite folder DATA_DIR, via `loadConfig()`) and says whether it is intact.
 * Exit codes: 0 intact, 1 broken (which record, and why), 2 could not check (bad settings, no database, no
 * audit log yet, or Ward itself has the PGlite folder open: PGlite allows one process per folder).
 * It only reads: it never migrates, repairs or creates a database, and never prints the connection string.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { WardError } from '../core/errors.js';
import { verifyAuditChain } from './audit-log.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import { type Database, openDatabase } from './database.js';

/** Exit codes of the script. */
const exitCodes = { intact: 0, broken: 1, unchecked: 2 } as const;

class CannotVerify extends Error {}

async function open(): Promise<Database> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    throw new CannotVerify(messageOf(error));
  }
  const { databaseUrl, dataDir } = config.storage;
  if (databaseUrl !== undefined) {
    try {
      return await openDatabase({ url: databaseUrl });
    } catch (error) {
      throw new CannotVerify(messageOf(error));
    }
  }
  // PGlite would run initdb in a missing or empty folder: a verifier must not create a database.
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    throw new CannotVerify(
      `There is no Ward database in DATA_DIR ${dataDir}. Set DATA_DIR to Ward's data folder, or DATABASE_URL to its PostgreSQL server.`,
    );
  }
  try {
    // Only to tell "Ward is running here" apart from other failures: opening takes the lock again.
    acquireDataDirLock(dataDir).release();
  } catch (error) {
    throw new CannotVerify(
      `Ward is running on DATA_DIR ${dataDir}, and PGlite lets only one process use a data folder. ` +
        `Stop Ward and run npm run audit:verify again (or verify a copy of the folder). Details: ${messageOf(error)}`,
    );
  }
  try {
    return await openDatabase({ dataDir });
  } catch (error) {
    throw new CannotVerify(messageOf(error));
  }
}

async function main(): Promise<number> {
  let db: Database;
  try {
    db = await open();
  } catch (error) {
    process.stderr.write(`audit:verify could not check the audit log: ${messageOf(error)}\n`);
    return exitCodes.unchecked;
  }
  try {
    const table = await db.query<{ present: boolean }>(
      `SELECT to_regclass('audit_log') IS NOT NULL AS present`,
    );
    if (table.rows[0]?.present !== true) {
      process.stderr.write(
        'audit:verify: this database has no audit log yet. Start Ward once on it (it adds the audit log when it migrates), then run this again.\n',
      );
      return exitCodes.unchecked;
    }
    const started = performance.now();
    const verdict = await verifyAuditChain(db);
    const ms = Math.round(performance.now() - started);
    if (verdict.ok) {
      process.stdout.write(`audit chain OK (${verdict.records} records)\n`);
      if (verdict.lastSeq !== null) {
        process.stdout.write(
          `last record #${verdict.lastSeq}, hash ${verdict.lastHash} (checked in ${ms} ms)\n`,
        );
      }
      return exitCodes.intact;
    }
    process.stdout.write(`audit chain BROKEN at record #${verdict.brokenAt}: ${verdict.reason}\n`);
    process.stdout.write(`${verdict.records} records before it check out.\n`);
    return exitCodes.broken;
  } catch (error) {
    process.stderr.write(`audit:verify could not check the audit log: ${messageOf(error)}\n`);
    return exitCodes.unchecked;
  } finally {
    await db.close().catch(() => undefined);
  }
}

function messageOf(error: unknown): string {
  if (error instanceof CannotVerify || WardError.isInstance(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`audit:verify failed: ${messageOf(error)}\n`);
    process.exitCode = exitCodes.unchecked;
  },
);
