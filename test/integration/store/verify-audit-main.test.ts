import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type AuditEntry, type AuditRecordInput, appendAudit } from '../../../src/store/audit-log.js';
import { type Database, openDatabase } from '../../../src/store/database.js';
import { runMigrations } from '../../../src/store/migrations/run-migrations.js';
import { openPgliteDatabase } from '../../../src/store/pglite-database.js';
import { randomTestSchema, testDatabaseUrl, withSchemaDroppedOnClose } from '../../support/test-database.js';
import { spawnDataDirProcess } from './fixtures/spawn-data-dir-process.js';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const script = join(projectRoot, 'src/store/verify-audit-main.ts');

/** Runs `npm run audit:verify`'s entry as a real process with exactly `env` (plus PATH). */
function runVerify(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const record = (index: number): AuditRecordInput => ({
  event: 'succeeded',
  actor: { aadObjectId: 'aad-megan', name: 'Megan Bowen', roles: ['responder'] },
  action: 'entra.revokeSessions',
  target: { kind: 'user', id: 'adele@contoso.example' },
  reason: `record ${index}`,
  result: { ok: true, message: 'Sessions revoked.', requestIds: [`req-${index}`] },
});

async function tamperReason(db: Database, seq: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await tx.query(`UPDATE audit_log SET reason = 'nothing happened' WHERE seq = $1`, [seq]);
    await tx.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
  });
}

describe('npm run audit:verify on a PGlite data folder (DATA_DIR)', () => {
  let parent: string;
  let dataDir: string;
  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'ward-audit-verify-'));
    dataDir = join(parent, 'data');
    // Start from the run's migrated template instead of paying initdb for a fresh folder.
    const db = await openPgliteDatabase({
      dataDir,
      loadDataDir: new Blob([await readFile(inject('wardPgliteTemplate'))]),
    });
    await runMigrations(db);
    await db.close();
  });
  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('says an empty log is intact', async () => {
    expect(await runVerify({ DATA_DIR: dataDir })).toEqual({
      code: 0,
      output: 'audit chain OK (0 records)\n',
    });
  });

  it('says OK with the record count, then BROKEN at the edited record with exit code 1', async () => {
    const db = await openDatabase({ dataDir });
    const entries: AuditEntry[] = [];
    try {
      for (let index = 0; index < 5; index += 1) entries.push(await appendAudit(db, record(index)));
    } finally {
      await db.close();
    }
    const ok = await runVerify({ DATA_DIR: dataDir });
    expect(ok.code).toBe(0);
    expect(ok.output).toMatch(/^audit chain OK \(5 records\)\nlast record #\d+, hash [0-9a-f]{64}/);

    const again = await openDatabase({ dataDir });
    try {
      await tamperReason(again, entries[3]!.seq);
    } finally {
      await again.close();
    }
    const broken = await runVerify({ DATA_DIR: dataDir });
    expect(broken.code).toBe(1);
    expect(broken.output).toContain(
      `audit chain BROKEN at record #${entries[3]!.seq}: its hash does not match`,
    );
  });

  it('refuses with exit code 2, saying so, while Ward holds the data folder', async () => {
    const ward = spawnDataDirProcess(['lock', dataDir]);
    try {
      await ward.waitFor('won');
      const result = await runVerify({ DATA_DIR: dataDir });
      expect(result.code).toBe(2);
      expect(result.output).toContain(`Ward is running on DATA_DIR ${dataDir}`);
      expect(result.output).toContain(`pid ${ward.child.pid}`);
    } finally {
      ward.child.stdin?.end();
      await ward.exited;
    }
  });

  it('refuses with exit code 2, creating nothing, when DATA_DIR holds no database', async () => {
    const empty = join(parent, 'nothing-here');
    const result = await runVerify({ DATA_DIR: empty });
    expect(result.code).toBe(2);
    expect(result.output).toContain(`There is no Ward database in DATA_DIR ${empty}`);
  });
});

describe.skipIf(testDatabaseUrl() === undefined)('npm run audit:verify on PostgreSQL (DATABASE_URL)', () => {
  let db: Database;
  let databaseUrl: string;
  beforeAll(async () => {
    const schema = randomTestSchema();
    db = withSchemaDroppedOnClose(await openDatabase({ url: testDatabaseUrl()!, schema }), schema);
    await runMigrations(db);
    const url = new URL(testDatabaseUrl()!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    databaseUrl = url.toString();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('says OK, then BROKEN at a deleted record’s successor', async () => {
    const entries: AuditEntry[] = [];
    for (let index = 0; index < 4; index += 1) entries.push(await appendAudit(db, record(index)));
    const ok = await runVerify({ DATABASE_URL: databaseUrl });
    expect(ok.code).toBe(0);
    expect(ok.output).toContain('audit chain OK (4 records)');

    await db.transaction(async (tx) => {
      await tx.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await tx.query('DELETE FROM audit_log WHERE seq = $1', [entries[1]!.seq]);
      await tx.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    });
    const broken = await runVerify({ DATABASE_URL: databaseUrl });
    expect(broken.code).toBe(1);
    expect(broken.output).toContain(
      `audit chain BROKEN at record #${entries[2]!.seq}: its prev_hash is not the hash of record #${entries[0]!.seq}`,
    );
  });

  it('refuses with exit code 2 when the database has no audit log', async () => {
    const url = new URL(testDatabaseUrl()!);
    url.searchParams.set('options', `-c search_path=${randomTestSchema()}`);
    const result = await runVerify({ DATABASE_URL: url.toString() });
    expect(result.code).toBe(2);
    expect(result.output).toContain('this database has no audit log yet');
  });
});
