/**
 * An exclusive lock on PGlite's data folder. PGlite has no lock of its own, and two processes on one folder
 * silently lose writes, so Ward creates `ward.lock` (O_EXCL) in the folder before opening it and refuses to
 * start when a live process holds it. A lock left by a dead process (crash, kill -9, container restart that
 * reused the pid) is taken over. A lock written on another host (shared volume) is judged by its heartbeat.
 * It never deletes a lock it cannot prove stale, and never releases a lock it does not own.
 */
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod/v4';
import { StorageError } from './storage-error.js';

/** File name of the lock inside the data folder. */
export const dataDirLockFileName = 'ward.lock';

/** How often the holder touches the lock, so another host can tell a live lock from an abandoned one. */
const heartbeatMs = 10_000;
/** A lock from another host whose heartbeat is older than this is abandoned. */
const foreignStaleMs = 3 * heartbeatMs;
/** A lock file that is still empty or half-written after this long was left by a crash during creation. */
const unreadableStaleMs = 2_000;

const lockContentSchema = z.object({
  pid: z.number().int().positive(),
  /** Kernel start time of the process (Linux `/proc/<pid>/stat` field 22), to detect a reused pid. */
  startTicks: z.string().optional(),
  startedAt: z.string(),
  hostname: z.string(),
  nonce: z.string(),
});
type LockContent = z.infer<typeof lockContentSchema>;

/** A held lock. */
export interface DataDirLock {
  /** Full path of the lock file. */
  readonly path: string;
  /** Stops the heartbeat and deletes the lock file if it is still ours. Safe to call twice. */
  release(): void;
}

/** Options for {@link acquireDataDirLock}. */
export interface AcquireDataDirLockOptions {
  /** How to name the folder in messages (as the user configured it, e.g. `./data`). Default: `dataDir`. */
  displayName?: string;
  log?: { warn(object: object, message?: string): void };
}

/**
 * Takes the lock on `dataDir` (which must exist) or throws a `StorageError` naming the process that holds it.
 */
export function acquireDataDirLock(dataDir: string, options: AcquireDataDirLockOptions = {}): DataDirLock {
  const path = join(dataDir, dataDirLockFileName);
  const shown = options.displayName ?? dataDir;
  const mine: LockContent = {
    pid: process.pid,
    startTicks: processStartTicks(process.pid),
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    hostname: hostname(),
    nonce: randomUUID(),
  };
  const serialized = JSON.stringify(mine);

  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (tryCreate(path, serialized)) return holdLock(path, mine.nonce, options);
    const existing = readLock(path);
    if (existing === 'missing') continue;
    const verdict = judge(existing);
    if (verdict.kind === 'held') throw new StorageError(heldMessage(verdict.owner, shown, path));
    if (takeOver(path, existing.raw)) {
      options.log?.warn(
        { lock: path, previous: existing.raw.slice(0, 300) },
        'took over a stale data folder lock',
      );
    }
  }
  throw new StorageError(
    `Could not lock the data folder ${shown}: its lock file kept changing. Is another Ward process starting?`,
  );
}

function tryCreate(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    throw StorageError.from(error, `Could not create the data folder lock ${path}`);
  }
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

type ReadLock = 'missing' | { raw: string; content?: LockContent; modifiedAt: number };

function readLock(path: string): ReadLock {
  try {
    const raw = readFileSync(path, 'utf8');
    const modifiedAt = statSync(path).mtimeMs;
    let content: LockContent | undefined;
    try {
      const parsed = lockContentSchema.safeParse(JSON.parse(raw));
      content = parsed.success ? parsed.data : undefined;
    } catch {
      content = undefined;
    }
    return { raw, content, modifiedAt };
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return 'missing';
    throw StorageError.from(error, `Could not read the data folder lock ${path}`);
  }
}

type Verdict = { kind: 'held'; owner?: LockContent } | { kind: 'stale' };

function judge(existing: Exclude<ReadLock, 'missing'>): Verdict {
  const owner = existing.content;
  const age = Date.now() - existing.modifiedAt;
  if (owner === undefined) {
    // Just created by a process that has not written it yet, or left half-written by a crash.
    return age > unreadableStaleMs ? { kind: 'stale' } : { kind: 'held' };
  }
  if (owner.hostname !== hostname()) {
    return age > foreignStaleMs ? { kind: 'stale' } : { kind: 'held', owner };
  }
  if (!isAlive(owner.pid)) return { kind: 'stale' };
  const ticks = processStartTicks(owner.pid);
  // The pid is alive but belongs to a newer process (pid reuse, e.g. pid 1 in a restarted container).
  if (owner.startTicks !== undefined && ticks !== undefined && owner.startTicks !== ticks)
    return { kind: 'stale' };
  return { kind: 'held', owner };
}

/** Moves the stale lock aside atomically; only one contender wins the rename. Returns whether we moved it. */
function takeOver(path: string, judgedRaw: string): boolean {
  const aside = `${path}.stale-${process.pid}-${randomUUID().slice(0, 8)}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false;
    throw StorageError.from(error, `Could not replace the stale data folder lock ${path}`);
  }
  const moved = readFileSync(aside, 'utf8');
  if (moved !== judgedRaw) {
    // Another process replaced the stale lock with its own between our read and our rename: put it back.
    if (readLock(path) === 'missing') renameSync(aside, path);
    else unlinkSync(aside);
    return false;
  }
  unlinkSync(aside);
  return true;
}

function holdLock(path: string, nonce: string, options: AcquireDataDirLockOptions): DataDirLock {
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(path, now, now).catch((error: unknown) => {
      options.log?.warn({ err: error, lock: path }, 'could not refresh the data folder lock');
    });
  }, heartbeatMs);
  heartbeat.unref();
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      const current = readLock(path);
      if (current !== 'missing' && current.content?.nonce === nonce) unlinkSync(path);
    },
  };
}

function heldMessage(owner: LockContent | undefined, shown: string, path: string): string {
  const advice = `Stop it, or set DATA_DIR to another folder, or DATABASE_URL to a PostgreSQL server.`;
  const manual = `If no Ward process is running, delete ${path}.`;
  if (owner === undefined) return `Another Ward process is starting on ${shown}. ${advice} ${manual}`;
  if (owner.hostname !== hostname()) {
    const expiry = `Its lock counts as abandoned ${foreignStaleMs / 1000} s after its last heartbeat.`;
    return `A Ward process on host ${owner.hostname} (pid ${owner.pid}) is using ${shown}. ${advice} ${expiry} ${manual}`;
  }
  if (owner.pid === process.pid) {
    return `This process (pid ${owner.pid}) already has ${shown} open: close that database before opening it again.`;
  }
  return `Another Ward process (pid ${owner.pid}) is using ${shown}. ${advice} ${manual}`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return !isErrno(error, 'ESRCH');
  }
}

/** The kernel's start time of `pid` in clock ticks since boot (Linux only), or undefined. */
function processStartTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the command) may contain spaces and parentheses: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}

function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
