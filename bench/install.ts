import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root (the bench runs from it). */
export const ROOT = resolve(import.meta.dirname, '..');

/**
 * A copy of atelier as a fresh clone has it after `npm ci`: sources, layouts, fonts, package.json, and the
 * installed packages (linked). Its `dist/` is empty: the first command builds the bundle, compiles the layouts
 * and writes the code cache, as a trainer's first run would. Edits to its layouts and labels stay in the copy.
 */
export function freshInstall(): string {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-install-'));
  for (const part of ['src', 'templates', 'fonts', 'package.json', 'decks'])
    cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
};

export const range = (values: readonly number[], digits = 2, scale = 1) =>
  `${(Math.min(...values) * scale).toFixed(digits)}-${(Math.max(...values) * scale).toFixed(digits)}`;
