import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDeck } from '../../src/api.ts';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { LIMITS } from '../../src/load/limits.ts';
import { BROKEN_DECKS, MINIMAL_DECK } from '../helpers/paths.ts';
import { tempDeck } from '../helpers/temp-dirs.ts';

/*
 * Hostile or odd input that is better made at test time than committed: megabytes, symbolic links, folders
 * named like files, other line endings. Each must give a located diagnostic, quickly, and never throw.
 */

const MINIMAL = readFileSync(join(MINIMAL_DECK, 'deck.yaml'), 'utf8');

function where(d: Diagnostic | undefined) {
  return d && { code: d.code, file: d.file, line: d.line, column: d.column };
}

/** Symbolic links need a privilege on Windows: skip those cases where they cannot be made. */
function trySymlink(target: string, path: string): boolean {
  try {
    symlinkSync(target, path);
    return true;
  } catch {
    return false;
  }
}

describe('hostile input made at test time', () => {
  it('refuses an oversized file without parsing it', () => {
    const dir = tempDeck({
      'deck.yaml': MINIMAL,
      'huge.yaml': `# ${'x'.repeat(80)}\n`.repeat(Math.ceil((LIMITS.maxFileBytes * 1.5) / 83)),
    });
    const started = performance.now();
    const { deck, diagnostics } = validateDeck(dir, dir);
    const elapsed = performance.now() - started;
    expect(diagnostics.map(where)).toEqual([
      { code: 'load/file-too-large', file: 'huge.yaml', line: 1, column: 1 },
    ]);
    expect(deck).toBeUndefined();
    // A guard against a hang, not a speed goal (those live in `npm run bench`): this runs beside other tests.
    expect(elapsed).toBeLessThan(10_000);
  });

  it('stops the alias bomb at the alias limit instead of expanding it', () => {
    const started = performance.now();
    const { diagnostics } = validateDeck('alias-bomb', BROKEN_DECKS);
    const elapsed = performance.now() - started;
    expect(diagnostics.map((d) => d.code)).toEqual(['yaml/alias-limit']);
    // Expanded, the bomb would take minutes and gigabytes; `npm run bench` times it (a few ms).
    expect(elapsed).toBeLessThan(10_000);
  });

  it('refuses a YAML file that links outside the deck folder', (context) => {
    const outside = tempDeck({ 'secret.yaml': 'events: []\n' });
    const dir = tempDeck({ 'deck.yaml': MINIMAL });
    if (!trySymlink(join(outside, 'secret.yaml'), join(dir, 'linked.yaml'))) context.skip();
    const { deck, diagnostics } = validateDeck(dir, dir);
    // No line: a file refused unread is never quoted in a code frame either.
    expect(diagnostics.map(where)).toEqual([
      { code: 'load/outside-deck', file: 'linked.yaml', line: undefined, column: undefined },
    ]);
    expect(deck).toBeUndefined();
  });

  it('accepts a link that stays inside the deck folder', (context) => {
    const dir = tempDeck({ 'deck.yaml': MINIMAL, 'parts/extra.yaml': 'profiles: []\n' });
    if (!trySymlink(join(dir, 'parts', 'extra.yaml'), join(dir, 'extra.yaml'))) context.skip();
    const { deck, diagnostics } = validateDeck(dir, dir);
    expect(diagnostics).toEqual([]);
    expect(deck?.files).toEqual(['deck.yaml', 'extra.yaml']);
  });

  it('refuses an image linked from outside the deck folder', (context) => {
    const outside = tempDeck({ 'logo.png': 'not really a png' });
    const withLogo = MINIMAL.replace(
      '    accent: "#1f6feb"\n',
      '    accent: "#1f6feb"\n  logo: assets/logo.png\n',
    );
    const dir = tempDeck({ 'deck.yaml': withLogo });
    mkdirSync(join(dir, 'assets'));
    if (!trySymlink(join(outside, 'logo.png'), join(dir, 'assets', 'logo.png'))) context.skip();
    const { diagnostics } = validateDeck(dir, dir);
    expect(diagnostics.map(where)).toEqual([
      { code: 'asset/outside-deck', file: 'deck.yaml', line: 22, column: 9 },
    ]);
  });

  it('refuses absolute asset paths', () => {
    const withLogo = MINIMAL.replace(
      '    accent: "#1f6feb"\n',
      '    accent: "#1f6feb"\n  logo: /etc/passwd\n',
    );
    const dir = tempDeck({ 'deck.yaml': withLogo });
    expect(validateDeck(dir, dir).diagnostics.map(where)).toEqual([
      { code: 'asset/outside-deck', file: 'deck.yaml', line: 22, column: 9 },
    ]);
  });

  it('reports a deck folder that does not exist', () => {
    const { deck, diagnostics } = validateDeck('no-such-deck', BROKEN_DECKS);
    expect(deck).toBeUndefined();
    expect(diagnostics.map(where)).toEqual([
      { code: 'load/no-deck-folder', file: 'no-such-deck', line: undefined, column: undefined },
    ]);
  });

  it('reports a folder named like a deck file', () => {
    const dir = tempDeck({ 'deck.yaml': MINIMAL, 'events.yaml/readme.txt': 'a folder, not a file' });
    const { deck, diagnostics } = validateDeck(dir, dir);
    expect(deck).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.file])).toEqual([['load/not-a-file', 'events.yaml']]);
  });

  it('only warns about an empty extra file', () => {
    const dir = tempDeck({ 'deck.yaml': MINIMAL, 'profiles.yaml': '# profiles: to be written\n' });
    const { deck, diagnostics } = validateDeck(dir, dir);
    expect(diagnostics.map((d) => [d.severity, d.code, d.file])).toEqual([
      ['warning', 'load/empty-file', 'profiles.yaml'],
    ]);
    expect(deck?.files).toEqual(['deck.yaml', 'profiles.yaml']);
  });

  it('ignores hidden files such as macOS resource forks', () => {
    const dir = tempDeck({
      'deck.yaml': MINIMAL,
      '._deck.yaml': new Uint8Array([0, 5, 22, 7, 0, 2, 0, 0, 0xff]),
    });
    const { deck, diagnostics } = validateDeck(dir, dir);
    expect(diagnostics).toEqual([]);
    expect(deck?.files).toEqual(['deck.yaml']);
  });

  it('gives the same positions for CRLF line endings and a byte-order mark', () => {
    const broken = MINIMAL.replace('  teams: 2\n', '  teams: deux\n');
    const lf = tempDeck({ 'deck.yaml': broken });
    const crlf = tempDeck({ 'deck.yaml': `\ufeff${broken.replace(/\n/g, '\r\n')}` });
    const expected = [{ code: 'schema/wrong-type', file: 'deck.yaml', line: 13, column: 10 }];
    expect(validateDeck(lf, lf).diagnostics.map(where)).toEqual(expected);
    expect(validateDeck(crlf, crlf).diagnostics.map(where)).toEqual(expected);
  });

  it('treats a clean CRLF deck as valid', () => {
    const dir = tempDeck({ 'deck.yaml': MINIMAL.replace(/\n/g, '\r\n') });
    const { deck, diagnostics } = validateDeck(dir, dir);
    expect(diagnostics).toEqual([]);
    expect(deck?.events.map((e) => e.id)).toEqual(['licence-choice', 'transport-data']);
  });

  it('bounds the work on a file full of unknown keys', () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => `  k${i}: 1`).join('\n');
    const dir = tempDeck({ 'deck.yaml': `meta:\n${keys}\n` });
    const started = performance.now();
    const { diagnostics } = validateDeck(dir, dir);
    const elapsed = performance.now() - started;
    expect(diagnostics.length).toBeLessThanOrEqual(52);
    expect(diagnostics.at(-1)?.code).toBe('schema/too-many-problems');
    expect(elapsed).toBeLessThan(20_000);
  });

  it('caps syntax errors per file, saying that more follow', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `k${i}: "bad \\q escape"`).join('\n');
    const dir = tempDeck({ 'deck.yaml': `${lines}\n` });
    const codes = validateDeck(dir, dir).diagnostics.map((d) => d.code);
    expect(codes).toEqual([...Array(20).fill('yaml/syntax'), 'yaml/too-many-errors']);
  });

  it('reports deep flow nesting once, without a stack overflow', () => {
    const dir = tempDeck({ 'deck.yaml': `meta: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n` });
    const { diagnostics } = validateDeck(dir, dir);
    expect(diagnostics.map((d) => d.code)).toEqual(['yaml/too-deep']);
  });

  it('refuses prototype keys in every spelling, and pollutes nothing', () => {
    for (const text of [
      'meta: {__proto__: {polluted: true}}\n',
      '"__proto__":\n  polluted: true\n',
      'meta:\n  ? constructor\n  : {prototype: {polluted: true}}\n',
    ]) {
      const dir = tempDeck({ 'deck.yaml': text });
      const codes = validateDeck(dir, dir).diagnostics.map((d) => d.code);
      expect(codes).toContain('yaml/forbidden-key');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('refuses a key that is itself a collection or an alias', () => {
    const dir = tempDeck({ 'deck.yaml': '? [a, b]\n: 1\n' });
    expect(validateDeck(dir, dir).diagnostics.map(where)).toEqual([
      { code: 'yaml/complex-key', file: 'deck.yaml', line: 1, column: 3 },
    ]);
  });

  it('refuses an alias used inside its own anchor', () => {
    const dir = tempDeck({ 'deck.yaml': 'meta: &m\n  id: *m\n' });
    expect(validateDeck(dir, dir).diagnostics.map(where)).toEqual([
      { code: 'yaml/recursive-alias', file: 'deck.yaml', line: 2, column: 7 },
    ]);
  });
});
