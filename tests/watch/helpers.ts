import { cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.ts';
import { tempDir } from '../helpers/temp-dirs.ts';

export const SHIPPED_DECK = join(REPO_ROOT, 'decks', 'open-data-territoires');

/** A temporary copy of the shipped deck, and an output folder beside it. */
export function shippedCopy(prefix = 'atelier-watch-'): { root: string; deck: string; out: string } {
  const root = tempDir(prefix);
  const deck = join(root, 'deck');
  cpSync(SHIPPED_DECK, deck, { recursive: true });
  return { root, deck, out: join(root, 'out') };
}

/** Replaces `from` by `to` in a file (which must contain it once at least). */
export function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  writeFileSync(file, text.replace(from, to));
}

/** Modification time and bytes of a file, to see whether it was written again. */
export function snapshot(file: string): { mtimeMs: number; bytes: Buffer } {
  return { mtimeMs: statSync(file).mtimeMs, bytes: readFileSync(file) };
}
