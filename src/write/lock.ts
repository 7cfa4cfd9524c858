import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';

/** The lock file in an output root: one build swaps kits in it at a time. */
export const LOCK_FILE = '.atelier-lock';

export interface Lock {
  release(): void;
}

/** A lock older than this is taken over even if its process seems alive (its pid was reused). */
const STALE_AFTER_MS = 120_000;

/**
 * Takes the output root's lock, waiting for another build to finish its swap (a few milliseconds usually).
 * A lock left by a killed build (its process gone) is taken over. Undefined if the wait ran out.
 */
export function acquireLock(outRoot: string, waitMs = 60_000): Lock | undefined {
  const path = join(outRoot, LOCK_FILE);
  const token = newToken();
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (tryCreate(path, token)) {
      held.add(token);
      return {
        release: () => {
          held.delete(token);
          releaseLock(path, token);
        },
      };
    }
    takeOverIfStale(path);
    if (Date.now() > deadline) return undefined;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10 + Math.random() * 20);
  }
}

/**
 * Tokens of the locks this thread holds now. A lock with this thread's pid and thread id that is not among them
 * was left by this thread (a release that could not read the file back): nothing holds it, so it is stale at
 * once rather than after a wait that would stall a long-running watch.
 */
const held = new Set<string>();

/** What a lock or guard file holds: who made it (pid, thread) and a random part that makes it this one. */
function newToken(): string {
  return `${process.pid} ${threadId} ${randomBytes(6).toString('hex')}`;
}

function tryCreate(path: string, token: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, token);
  } finally {
    closeSync(fd);
  }
  return true;
}

function releaseLock(path: string, token: string): void {
  try {
    if (readFileSync(path, 'utf8') === token) unlinkSync(path);
  } catch {}
}

/** Held for the few file operations of removing a stale lock, so that two builds never remove a fresh one. */
const TAKEOVER_SUFFIX = '.takeover';

/** A takeover guard this old was left by a build killed while holding it (it is held for microseconds). */
const GUARD_STALE_AFTER_MS = 10_000;

/**
 * Removes the lock if its build is gone. Deciding "stale" and removing are two steps, so without a guard a
 * second build could remove the fresh lock a third build made between them, and two builds would swap at once.
 * Under the guard the lock is removed only if it is still the very file found stale (same inode, same content):
 * nobody else removes a lock meanwhile, and a live build's release removes only its own.
 */
function takeOverIfStale(path: string): void {
  const found = readLock(path);
  if (!found || !isStale(found)) return;
  const guard = `${path}${TAKEOVER_SUFFIX}`;
  const token = newToken();
  if (!tryCreate(guard, token)) {
    removeAbandonedGuard(dirname(path));
    return;
  }
  try {
    const now = readLock(path);
    if (now && now.ino === found.ino && now.content === found.content) tryUnlink(path);
  } finally {
    releaseLock(guard, token);
  }
}

/** Removes the takeover guard a build killed while holding it left, so that no stray file stays in the output root. */
export function removeAbandonedGuard(outRoot: string): void {
  const guard = join(outRoot, `${LOCK_FILE}${TAKEOVER_SUFFIX}`);
  const left = readLock(guard);
  if (left && left.age > GUARD_STALE_AFTER_MS) tryUnlink(guard);
}

interface LockFile {
  content: string;
  ino: number;
  age: number;
}

function readLock(path: string): LockFile | undefined {
  try {
    const stats = statSync(path);
    return { content: readFileSync(path, 'utf8'), ino: stats.ino, age: Date.now() - stats.mtimeMs };
  } catch {
    return undefined;
  }
}

function isStale({ content, age }: LockFile): boolean {
  // An empty lock is one being written this instant, unless it has been empty for a while.
  if (content === '') return age >= 5_000;
  const [pid, thread] = content.split(' ').map(Number);
  if (pid === process.pid && thread === threadId) return !held.has(content);
  return !processAlive(pid ?? Number.NaN) || age >= STALE_AFTER_MS;
}

function tryUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch {}
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process not yet reaped by its parent (a zombie) still answers, but holds nothing.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}
