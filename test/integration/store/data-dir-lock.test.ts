import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { acquireDataDirLock, dataDirLockFileName } from '../../../src/store/data-dir-lock.js';
import { openDatabase } from '../../../src/store/database.js';
import { openPgliteDatabase } from '../../../src/store/pglite-database.js';
import { spawnDataDirProcess } from './fixtures/spawn-data-dir-process.js';

const advice = 'Stop it, or set DATA_DIR to another folder, or DATABASE_URL to a PostgreSQL server.';

let base: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'ward-lock-test-'));
});
afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

/** Pid of a process that has already exited. */
function deadPid(): number {
  return Number(
    execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).toString(),
  );
}

function readLockPid(dataDir: string): number {
  return (JSON.parse(readFileSync(join(dataDir, dataDirLockFileName), 'utf8')) as { pid: number }).pid;
}

describe('the PGlite data folder', () => {
  let dataDir: string;
  beforeAll(async () => {
    // Start from the migrated template instead of paying initdb; the folder is then reopened like at every start.
    dataDir = join(base, 'data');
    const template = new Blob([readFileSync(inject('wardPgliteTemplate'))]);
    const db = await openPgliteDatabase({ dataDir, loadDataDir: template });
    await db.exec('CREATE TABLE crash_log (name text PRIMARY KEY)');
    await db.close();
  });

  it('refuses a second process with a clear message while Ward has it open, and is free after close', async () => {
    const db = await openDatabase({ dataDir });
    try {
      expect(readLockPid(dataDir)).toBe(process.pid);
      const second = spawnDataDirProcess(['open', dataDir]);
      expect(await second.exited).toBe(3);
      expect(second.output()).toContain(
        `error: Another Ward process (pid ${process.pid}) is using ${dataDir}. ${advice}`,
      );
    } finally {
      await db.close();
    }
    expect(existsSync(join(dataDir, dataDirLockFileName))).toBe(false);
  });

  it('keeps this process out while another process has it open, and lets it in once that one stops', async () => {
    const other = spawnDataDirProcess(['open', dataDir]);
    await other.waitFor('open');
    await expect(openDatabase({ dataDir })).rejects.toMatchObject({
      name: 'StorageError',
      message: expect.stringContaining(
        `Another Ward process (pid ${other.child.pid}) is using ${dataDir}. ${advice}`,
      ),
    });
    other.child.stdin?.end();
    expect(await other.exited).toBe(0);
    const db = await openDatabase({ dataDir });
    await db.close();
  });

  it('takes over the lock of a process killed while it had the folder open, and keeps what it wrote', async () => {
    const crashed = spawnDataDirProcess(['open-insert-crash', dataDir, 'before-crash']);
    expect(await crashed.exited).toBe('SIGKILL');
    expect(crashed.output()).toContain('inserted');
    expect(readLockPid(dataDir)).toBe(crashed.child.pid);

    const db = await openDatabase({ dataDir });
    try {
      expect(readLockPid(dataDir)).toBe(process.pid);
      const rows = await db.query<{ name: string }>('SELECT name FROM crash_log');
      expect(rows.rows).toEqual([{ name: 'before-crash' }]);
    } finally {
      await db.close();
    }
  });

  it('refuses to open the folder twice in one process', async () => {
    const db = await openDatabase({ dataDir });
    try {
      await expect(openDatabase({ dataDir })).rejects.toThrow(
        `This process (pid ${process.pid}) already has ${dataDir} open`,
      );
    } finally {
      await db.close();
    }
  });

  it('creates the folder, but says so clearly when its parent does not exist', async () => {
    const dataDir = join(base, 'missing-parent', 'data');
    await expect(openDatabase({ dataDir })).rejects.toMatchObject({
      name: 'StorageError',
      message: expect.stringContaining('its parent folder must exist'),
    });
  });
});

describe('the data folder lock file', () => {
  function folder(name: string): string {
    const dir = join(base, name);
    mkdirSync(dir);
    return dir;
  }

  function writeLock(dir: string, content: Record<string, unknown> | string, ageMs = 0): void {
    const path = join(dir, dataDirLockFileName);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    if (ageMs > 0) {
      const then = new Date(Date.now() - ageMs);
      utimesSync(path, then, then);
    }
  }

  const staleOwner = () => ({
    pid: deadPid(),
    startedAt: new Date().toISOString(),
    hostname: hostname(),
    nonce: 'old',
  });

  it('lets exactly one of several processes racing for a stale lock win', async () => {
    const dir = folder('race');
    writeLock(dir, staleOwner());
    const racers = Array.from({ length: 4 }, () => spawnDataDirProcess(['lock', dir]));
    await Promise.all(racers.map((racer) => racer.waitFor('\n')));
    const winners = racers.filter((racer) => racer.output().startsWith('won'));
    expect(winners).toHaveLength(1);
    const winnerPid = winners[0]!.child.pid;
    expect(readLockPid(dir)).toBe(winnerPid);
    for (const racer of racers.filter((candidate) => candidate !== winners[0])) {
      expect(racer.output()).toContain(`lost: Another Ward process (pid ${winnerPid}) is using ${dir}.`);
    }
    for (const racer of racers) racer.child.stdin?.end();
    await Promise.all(racers.map((racer) => racer.exited));
  });

  it('takes over a lock whose pid now belongs to a newer process (pid reuse after a container restart)', () => {
    const dir = folder('reused-pid');
    writeLock(dir, {
      pid: process.pid,
      startTicks: '1',
      startedAt: '2020-01-01T00:00:00.000Z',
      hostname: hostname(),
      nonce: 'old',
    });
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(lock.path, 'utf8')).not.toContain('"nonce":"old"');
    lock.release();
  });

  it('refuses a lock held by a live process it cannot tell apart', () => {
    const dir = folder('live');
    // pid 1 is alive; without a start time the lock cannot be proven stale.
    writeLock(dir, { pid: 1, startedAt: new Date().toISOString(), hostname: hostname(), nonce: 'theirs' });
    expect(() => acquireDataDirLock(dir, { displayName: './data' })).toThrow(
      `Another Ward process (pid 1) is using ./data. ${advice} If no Ward process is running, delete ${join(dir, dataDirLockFileName)}.`,
    );
  });

  it('refuses a fresh lock from another host and takes over one whose heartbeat stopped', () => {
    const dir = folder('foreign');
    const owner = {
      pid: 7,
      startedAt: new Date().toISOString(),
      hostname: 'ward-replica-elsewhere',
      nonce: 'theirs',
    };
    writeLock(dir, owner);
    expect(() => acquireDataDirLock(dir)).toThrow(
      `A Ward process on host ward-replica-elsewhere (pid 7) is using ${dir}.`,
    );
    writeLock(dir, owner, 60_000);
    const lock = acquireDataDirLock(dir);
    expect(readLockPid(dir)).toBe(process.pid);
    lock.release();
  });

  it('waits out a lock being written, and takes over one left half-written by a crash', () => {
    const dir = folder('half-written');
    writeLock(dir, '{"pid":');
    expect(() => acquireDataDirLock(dir)).toThrow(`Another Ward process is starting on ${dir}.`);
    writeLock(dir, '{"pid":', 10_000);
    const lock = acquireDataDirLock(dir);
    lock.release();
    expect(existsSync(join(dir, dataDirLockFileName))).toBe(false);
  });

  it('never deletes a lock that is no longer its own', () => {
    const dir = folder('not-mine');
    const lock = acquireDataDirLock(dir);
    writeLock(dir, {
      pid: 1,
      startedAt: new Date().toISOString(),
      hostname: hostname(),
      nonce: 'someone-else',
    });
    lock.release();
    expect(readLockPid(dir)).toBe(1);
  });
});
