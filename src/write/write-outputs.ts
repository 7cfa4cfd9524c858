import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OutputFile } from '../render/types.ts';
import { type Manifest, manifestJson } from './manifest.ts';

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

/**
 * Writes every output set or none: each goes to a temporary folder beside its target first, and only when all
 * are written are they swapped into place. A crash or a failed build leaves the previous outputs as they were;
 * two builds at once each swap a complete folder, never a half-written one.
 */
export function writeOutputs(outRoot: string, sets: readonly OutputSet[]): string[] {
  const token = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staged: { temp: string; target: string }[] = [];
  try {
    for (const set of sets) {
      const target = join(outRoot, set.folder);
      const temp = `${target}.tmp-${token}`;
      mkdirSync(temp, { recursive: true });
      staged.push({ temp, target });
      for (const file of set.files) {
        if (set.unchanged?.includes(file.name) && linked(join(target, file.name), join(temp, file.name)))
          continue;
        writeFileSync(join(temp, file.name), file.bytes);
      }
      writeFileSync(join(temp, 'manifest.json'), manifestJson(set.manifest));
    }
  } catch (e) {
    for (const { temp } of staged) rmSync(temp, { recursive: true, force: true });
    throw e;
  }
  for (const { temp, target } of staged) {
    const old = `${target}.old-${token}`;
    let hadPrevious = true;
    try {
      renameSync(target, old);
    } catch {
      hadPrevious = false;
    }
    renameSync(temp, target);
    if (hadPrevious) rmSync(old, { recursive: true, force: true });
  }
  return staged.map((s) => s.target);
}

function linked(existing: string, path: string): boolean {
  try {
    linkSync(existing, path);
    return true;
  } catch {
    return false;
  }
}
