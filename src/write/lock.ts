import { randomBytes } from 'node:crypto';
import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

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
  const token = `${process.pid} ${randomBytes(6).toString('hex')}`;
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (tryCreate(path, token)) return { release: () => releaseLock(path, token) };
    takeOverIfStale(path);
    if (Date.now() > deadline) return undefined;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10 + Math.random() * 20);
  }
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

function takeOverIfStale(path: string): void {
  let content: string;
  let age: number;
  try {
    content = readFileSync(path, 'utf8');
    age = Date.now() - statSync(path).mtimeMs;
  } catch {
    return;
  }
  const pid = Number(content.split(' ')[0]);
  // An empty lock is one being written this instant, unless it has been empty for a while.
  if (content === '' ? age < 5_000 : processAlive(pid) && age < STALE_AFTER_MS) return;
  // Moved aside first, then checked: if another build took it over meanwhile, what was moved is its fresh lock,
  // and it is put back.
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  try {
    if (readFileSync(aside, 'utf8') !== content) linkSync(aside, path);
  } catch {}
  try {
    unlinkSync(aside);
  } catch {}
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
