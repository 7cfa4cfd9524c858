import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach } from 'vitest';
import { validateDeck } from '../../src/api.ts';
import type { Deck } from '../../src/check/deck.ts';

export const MINI = resolve('tests/fixtures/i18n/mini');

/** A fresh copy of a fixture deck in a temporary folder, so tests may edit it. */
export function copyFixture(prefix: string, fixture: string = MINI): { dir: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), `atelier-i18n-${prefix}-`));
  const dir = join(root, 'deck');
  cpSync(fixture, dir, { recursive: true });
  return { dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Loads and checks a deck folder; fails the test when it does not check. */
export function loadDeck(dir: string): Deck {
  const { deck, diagnostics } = validateDeck(dir);
  if (!deck) throw new Error(`fixture deck does not check: ${JSON.stringify(diagnostics, null, 2)}`);
  return deck;
}

/** Replaces one exact piece of text in a file (it must occur exactly once). */
export function editFile(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'utf8');
  const count = text.split(from).length - 1;
  if (count !== 1) throw new Error(`expected \`${from}\` once in ${path}, found it ${count} times`);
  writeFileSync(path, text.replace(from, to));
}

export const NNBSP = '\u202f';
export const NBSP = '\u00a0';
export const SHY = '\u00ad';

/**
 * A function that copies the mini fixture deck into a temporary folder for one test (and `prepare` it), the
 * folders being removed after each test of the file that calls this.
 */
export function useFixtureCopies(prepare: (dir: string) => void = () => {}): (prefix: string) => string {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });
  return (prefix) => {
    const { dir, cleanup } = copyFixture(prefix);
    cleanups.push(cleanup);
    prepare(dir);
    return dir;
  };
}
