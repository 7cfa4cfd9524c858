import { randomBytes } from 'node:crypto';
import {
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { type Diagnostic, error } from '../diagnostics/diagnostic.ts';
import type { OutputFile } from '../render/types.ts';
import { acquireLock, LOCK_FILE, removeAbandonedGuard } from './lock.ts';
import { type Manifest, manifestJson } from './manifest.ts';
import { MANIFEST_FILE, PROBE_PREFIX, targetProblem } from './out-paths.ts';

export interface OutputSet {
  /** Folder relative to the output root, e.g. `open-data-territoires/fr`. */
  folder: string;
  files: OutputFile[];
  manifest: Manifest;
  /**
   * Files already in the target folder with these very bytes (watch mode): hard-linked into the new folder
   * rather than written again, so they keep their modification time; written if linking fails.
   */
  unchanged?: readonly string[];
}

/** The file operations a write uses; tests replace one to make a write fail midway. */
export interface WriteIo {
  writeFile(path: string, bytes: Uint8Array | string): void;
  rename(from: string, to: string): void;
}

export interface WriteOptions {
  /** Folders no kit may be, contain or replace: the decks being built. */
  protect?: readonly string[];
  io?: Partial<WriteIo>;
  /** How long to wait for another build's swap in the same output root. */
  lockWaitMs?: number;
}

export interface WriteResult {
  /** Kit folders now in place (none when anything failed). */
  written: string[];
  diagnostics: Diagnostic[];
}

/** Names of the folders a write stages into and moves aside: `<locale>.tmp-<pid>-<hex>`, `<locale>.old-<pid>-<hex>`. */
const DEBRIS = /^(.+)\.(tmp|old)-\d+-[0-9a-f]{8}$/;

/**
 * Writes every output set or none. Under the output root's lock (concurrent builds take turns, so no rename
 * meets a folder another build is filling), it first clears what killed builds left, then writes each set to a
 * temporary folder beside its target, and only when all are written swaps them into place. A failure at any
 * step removes what this write made and puts back what it moved: the previous kit stays, and a diagnostic
 * says what failed. Nothing is deleted that atelier did not write: a target that is not a kit (no manifest of
 * ours) or that is or holds a deck folder is refused.
 */
export function writeOutputs(
  outRoot: string,
  sets: readonly OutputSet[],
  options: WriteOptions = {},
): WriteResult {
  const io: WriteIo = {
    writeFile: options.io?.writeFile ?? ((path, bytes) => writeFileSync(path, bytes)),
    rename: options.io?.rename ?? renameSync,
  };
  try {
    mkdirSync(outRoot, { recursive: true });
  } catch (e) {
    return failed(`cannot create the output folder ${outRoot}`, e);
  }
  const lock = acquireLock(outRoot, options.lockWaitMs);
  if (!lock) return { written: [], diagnostics: [lockedTooLong(outRoot)] };
  try {
    clearDebris(outRoot);
    const refused = sets.flatMap((set) => {
      const problem = targetProblem(join(outRoot, set.folder), options.protect ?? []);
      return problem ? [refusal(problem, join(outRoot, set.folder))] : [];
    });
    if (refused.length > 0) return { written: [], diagnostics: refused };
    return stageAndSwap(outRoot, sets, io);
  } finally {
    lock.release();
  }
}

/**
 * Why each of these kit folders must not be replaced (see `targetProblem`), checked under the output root's
 * lock: without it, a kit another build is swapping in that instant would look like a folder atelier did not
 * write. `locked` when the lock could not be had.
 */
export function checkTargets(
  outRoot: string,
  targets: readonly string[],
  protect: readonly string[],
  lockWaitMs?: number,
): { refused: Map<string, string>; locked?: Diagnostic } {
  const refused = new Map<string, string>();
  // No output root yet: no kit in it to swap, and checking must not create it.
  const lock = existsSync(outRoot) && targets.length > 0 ? acquireLock(outRoot, lockWaitMs) : null;
  if (lock === undefined) return { refused, locked: lockedTooLong(outRoot) };
  try {
    for (const target of targets) {
      const problem = targetProblem(target, protect);
      if (problem) refused.set(target, problem);
    }
  } finally {
    lock?.release();
  }
  return { refused };
}

function lockedTooLong(outRoot: string): Diagnostic {
  return error(
    'write/locked',
    `another build kept ${join(outRoot, LOCK_FILE)} for too long: nothing was written`,
    { file: outRoot },
    'wait for the other build to finish; if none runs, delete the lock file',
  );
}

function stageAndSwap(outRoot: string, sets: readonly OutputSet[], io: WriteIo): WriteResult {
  const token = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staged: { temp: string; target: string; old: string }[] = [];
  try {
    for (const set of sets) {
      const target = join(outRoot, set.folder);
      const temp = `${target}.tmp-${token}`;
      staged.push({ temp, target, old: `${target}.old-${token}` });
      mkdirSync(temp, { recursive: true });
      for (const file of set.files) {
        if (set.unchanged?.includes(file.name) && linked(join(target, file.name), join(temp, file.name)))
          continue;
        io.writeFile(join(temp, file.name), file.bytes);
      }
      io.writeFile(join(temp, MANIFEST_FILE), manifestJson(set.manifest));
    }
  } catch (e) {
    for (const { temp } of staged) rmSync(temp, { recursive: true, force: true });
    return failed('cannot write the new kit', e);
  }
  const swapped: { target: string; old?: string }[] = [];
  for (const { temp, target, old } of staged) {
    let movedAside = false;
    try {
      if (existsSync(target)) {
        io.rename(target, old);
        movedAside = true;
      }
      io.rename(temp, target);
      swapped.push(movedAside ? { target, old } : { target });
    } catch (e) {
      if (movedAside) tryRename(old, target);
      for (const done of swapped.reverse()) {
        rmSync(done.target, { recursive: true, force: true });
        if (done.old) tryRename(done.old, done.target);
      }
      for (const s of staged) rmSync(s.temp, { recursive: true, force: true });
      return failed(`cannot move the new kit into ${target}; the previous kit is back in place`, e);
    }
  }
  for (const { old } of swapped) if (old) rmSync(old, { recursive: true, force: true });
  return { written: staged.map((s) => s.target), diagnostics: [] };
}

/**
 * What builds killed mid-write left (run under the lock, so no live build is writing them): a staged folder is
 * removed; a previous kit moved aside is put back if its place is empty, removed otherwise.
 */
function clearDebris(outRoot: string): void {
  for (const deckFolder of subfolders(outRoot)) {
    for (const name of subfolders(deckFolder, false)) {
      const match = DEBRIS.exec(name);
      if (!match?.[1]) continue;
      const path = join(deckFolder, name);
      const target = join(deckFolder, match[1]);
      if (match[2] === 'old' && !existsSync(target) && tryRename(path, target)) continue;
      rmSync(path, { recursive: true, force: true });
    }
  }
  removeAbandonedGuard(outRoot);
  for (const name of safeList(outRoot)) {
    // A build killed while probing the output folder left its empty probe: rmdir removes only an empty one.
    if (name.startsWith(PROBE_PREFIX)) tryRmdir(join(outRoot, name));
  }
}

function subfolders(dir: string, absolute = true): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => (absolute ? join(dir, e.name) : e.name));
  } catch {
    return [];
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function linked(existing: string, path: string): boolean {
  try {
    linkSync(existing, path);
    return true;
  } catch {
    return false;
  }
}

function tryRmdir(path: string): void {
  try {
    rmdirSync(path);
  } catch {}
}

function tryRename(from: string, to: string): boolean {
  try {
    renameSync(from, to);
    return true;
  } catch {
    return false;
  }
}

/** Why a kit folder is not replaced, as a diagnostic at `file` (the folder as the user would name it). */
export function refusal(problem: string, target: string, file = target): Diagnostic {
  return error(
    'write/not-a-kit',
    `will not replace ${target}: ${problem}`,
    { file },
    'name another output folder with `--out`; atelier replaces only kit folders it wrote',
  );
}

function failed(what: string, e: unknown): WriteResult {
  const code = (e as NodeJS.ErrnoException).code;
  const detail = code ? `${code} on ${(e as NodeJS.ErrnoException).path ?? 'a file'}` : String(e);
  return {
    written: [],
    diagnostics: [
      error(
        'write/failed',
        `${what}: ${detail}`,
        {},
        'free some disk space or fix the folder, then build again',
      ),
    ],
  };
}
