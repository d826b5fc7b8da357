/**
 * `npm run feedback:export`: every rating Ward has recorded (card buttons and Teams thumbs), joined with the
 * answer it rates — question, intent, planner, title, risk level, the plugins its cited sources came from and
 * their versions — as CSV or JSON Lines, oldest first. Reads the database Ward is configured to use
 * (DATABASE_URL, else DATA_DIR); PGlite allows one process per folder, so with PGlite stop Ward first.
 *
 *   npm run feedback:export -- [--format csv|jsonl] [--out <file>] [--since <ISO date>]
 *
 * Writes to standard output unless --out is given; a summary goes to standard error.
 * Exit codes: 0 written, 1 not written (bad flags, no database, Ward holding the PGlite folder).
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { WardError } from '../src/core/errors.js';
import { csvHeader, csvLine, jsonlLine, toExportRecord } from '../src/core/feedback/feedback-export.js';
import { createStore } from '../src/store/create-store.js';
import type { Database } from '../src/store/database.js';
import { openConfiguredDatabase } from '../src/store/open-configured-database.js';

const PAGE = 500;

async function main(): Promise<number> {
  let values: { format?: string; out?: string; since?: string };
  try {
    ({ values } = parseArgs({
      options: {
        format: { type: 'string', default: 'csv' },
        out: { type: 'string' },
        since: { type: 'string' },
      },
    }));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const format = values.format;
  if (format !== 'csv' && format !== 'jsonl') return fail(`--format must be csv or jsonl (got "${format}")`);
  const since = values.since === undefined ? undefined : new Date(values.since);
  if (since !== undefined && Number.isNaN(since.getTime())) {
    return fail(`--since must be a date such as 2026-11-01 (got "${values.since}")`);
  }

  let db: Database;
  try {
    db = await openConfiguredDatabase('npm run feedback:export');
  } catch (error) {
    return fail(messageOf(error));
  }
  const output = values.out ? createWriteStream(values.out, { encoding: 'utf8' }) : process.stdout;
  const write = async (text: string) => {
    if (!output.write(text)) await once(output, 'drain');
  };
  let count = 0;
  try {
    const store = createStore(db);
    if (format === 'csv') await write(csvHeader());
    let afterId: string | undefined;
    for (;;) {
      const page = await store.feedback.listWithAnswers({ since, afterId, limit: PAGE });
      for (const row of page) {
        const record = toExportRecord(row);
        await write(format === 'csv' ? csvLine(record) : jsonlLine(record));
      }
      count += page.length;
      if (page.length < PAGE) break;
      afterId = page.at(-1)?.id;
    }
  } catch (error) {
    return fail(`the export stopped after ${count} ratings: ${messageOf(error)}`);
  } finally {
    await db.close().catch(() => undefined);
    if (output !== process.stdout) {
      output.end();
      await once(output, 'finish').catch(() => undefined);
    }
  }
  process.stderr.write(
    `feedback:export: ${count} rating${count === 1 ? '' : 's'} written as ${format.toUpperCase()}${
      values.out ? ` to ${values.out}` : ''
    }\n`,
  );
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`feedback:export: ${message}\n`);
  return 1;
}

function messageOf(error: unknown): string {
  return WardError.isInstance(error) || error instanceof Error ? error.message : String(error);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = fail(messageOf(error));
  },
);
