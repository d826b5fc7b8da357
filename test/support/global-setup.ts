/**
 * Vitest global setup: builds ONE migrated PGlite database per test run and hands its tarball's path to the
 * test files (`inject('wardPgliteTemplate')`), so each file loads a ready database in ~0.5 s instead of paying
 * initdb (7–8 s, ~850 MB) itself. It never touches a real data folder and deletes the tarball at teardown.
 */
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { runMigrations } from '../../src/store/migrations/run-migrations.js';
import { openPgliteDatabase } from '../../src/store/pglite-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of a gzipped PGlite data folder with every migration applied. */
    wardPgliteTemplate: string;
  }
}

/** Builds the template and provides its path; returns the teardown that deletes it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now();
  const db = await openPgliteDatabase();
  try {
    await runMigrations(db);
    const path = join(tmpdir(), `ward-pglite-template-${process.pid}-${randomUUID().slice(0, 8)}.tgz`);
    await writeFile(path, Buffer.from(await (await db.dump()).arrayBuffer()));
    project.provide('wardPgliteTemplate', path);
    if (process.env.WARD_TEST_TIMINGS === '1') {
      console.info(`PGlite template built in ${Math.round(performance.now() - started)} ms: ${path}`);
    }
    return async () => {
      await rm(path, { force: true });
    };
  } finally {
    await db.close();
  }
}
