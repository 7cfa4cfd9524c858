import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
  type Stats,
} from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * "Is this a regular file inside the deck, and can it be read without risk": the one guard every stage that
 * opens a deck's file goes through (loader, locale files, fonts, images, the reporter's code frames). Below
 * every stage so that none imports it upward. A FIFO would block a read forever and a device (/dev/zero)
 * never ends, so files are opened non-blocking and their type is checked on the open descriptor.
 */

/** What a path turned out to be when it is not a readable regular file. */
export type FileProblem = 'missing' | 'outside' | 'folder' | 'fifo' | 'device' | 'socket' | 'too-large';

/** Words for a problem, to finish "`x` is …". */
export function describeProblem(problem: FileProblem): string {
  switch (problem) {
    case 'missing':
      return 'does not exist';
    case 'outside':
      return 'is outside the deck folder';
    case 'folder':
      return 'is a folder, not a file';
    case 'fifo':
      return 'is a named pipe (FIFO), not a file';
    case 'device':
      return 'is a device, not a file';
    case 'socket':
      return 'is a socket, not a file';
    case 'too-large':
      return 'is too large';
  }
}

/** Whether a relative path climbs out of the folder it is relative to. */
export function leavesFolder(rel: string): boolean {
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}

/** Whether `path` is `folder` itself or lies inside it (both absolute). */
export function isWithin(path: string, folder: string): boolean {
  return !leavesFolder(relative(folder, path));
}

function kindProblem(stats: Stats): FileProblem | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'folder';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isSocket()) return 'socket';
  return 'device';
}

/**
 * Where a path written in a deck leads: the absolute path of a regular file inside the deck folder (links
 * followed, and the file they reach must be inside too), or the reason it cannot be used. Never opens the file.
 */
export function fileInsideDeck(
  absoluteDir: string,
  file: string,
): { path: string; problem?: undefined } | { path?: undefined; problem: FileProblem } {
  const target = resolve(absoluteDir, file);
  if (target === absoluteDir || !isWithin(target, absoluteDir)) return { problem: 'outside' };
  let real: string;
  try {
    real = realpathSync(target);
  } catch {
    return { problem: 'missing' };
  }
  let realDir: string;
  try {
    realDir = realpathSync(absoluteDir);
  } catch {
    return { problem: 'missing' };
  }
  if (real === realDir || !isWithin(real, realDir)) return { problem: 'outside' };
  let stats: Stats;
  try {
    stats = lstatSync(real);
  } catch {
    return { problem: 'missing' };
  }
  const problem = kindProblem(stats);
  return problem ? { problem } : { path: target };
}

/** Resolves a path written in a deck to a regular file inside the deck folder (links followed), or undefined. */
export function resolveInsideDeck(absoluteDir: string, file: string): string | undefined {
  return fileInsideDeck(absoluteDir, file).path;
}

export type ReadBytesResult =
  | { bytes: Buffer; size: number; problem?: undefined; code?: undefined }
  | { bytes?: undefined; size?: number; problem: FileProblem; code?: undefined }
  | { bytes?: undefined; size?: undefined; problem?: undefined; code: string };

/**
 * Reads a regular file, at most `maxBytes` of it: opened non-blocking (a FIFO never blocks), its type checked on
 * the open descriptor (what was checked is what is read), and reading stops past the cap (a device or a file
 * growing while read cannot exhaust memory). `code` is the system error when it cannot be opened at all.
 */
export function readRegularFile(absolutePath: string, maxBytes: number): ReadBytesResult {
  let fd: number;
  try {
    fd = openSync(absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unknown error';
    if (code === 'ENOENT' || code === 'ENOTDIR') return { problem: 'missing' };
    if (code === 'ENXIO') return { problem: 'socket' };
    return { code };
  }
  try {
    const stats = fstatSync(fd);
    const problem = kindProblem(stats);
    if (problem) return { problem };
    if (stats.size > maxBytes) return { problem: 'too-large', size: stats.size };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) return { problem: 'too-large', size: total };
    }
    return { bytes: Buffer.concat(chunks, total), size: total };
  } catch (e) {
    return { code: (e as NodeJS.ErrnoException).code ?? 'unknown error' };
  } finally {
    closeSync(fd);
  }
}
