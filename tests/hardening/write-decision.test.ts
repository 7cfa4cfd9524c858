import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { validateDeck } from '../../src/api.ts';
import { buildDecks } from '../../src/build/build.ts';
import { buildDate } from '../../src/build/build-date.ts';
import { localeStatus } from '../../src/i18n/status.ts';
import { tempDir } from '../helpers/temp-dirs.ts';
import { copyI18nDeck, kitProblems, snapshot } from './helpers.ts';

/*
 * The write decision itself: a build writes every kit it was asked for, or nothing. Each failing case starts
 * from an out/ holding a good kit and checks it is byte-for-byte the same afterwards, with no debris.
 */

const FAST = { only: ['cards' as const] };
let deck: string;
let out: string;
let before: Record<string, string> | undefined;

beforeAll(async () => {
  deck = copyI18nDeck();
  out = join(tempDir(), 'out');
  const first = await buildDecks([deck], { ...FAST, outDir: out, cwd: deck });
  expect(first.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(first.built.map((b) => b.locale)).toEqual(['fr', 'en']);
  before = snapshot(out);
}, 60_000);

afterEach(() => {
  // Every case leaves the kit as it found it, and nothing beside it.
  expect(snapshot(out)).toEqual(before);
});

function edit(file: string, from: string, to: string): () => void {
  const path = join(deck, file);
  const original = readFileSync(path, 'utf8');
  expect(original).toContain(from);
  writeFileSync(path, original.replace(from, to));
  return () => writeFileSync(path, original);
}

describe('the write decision', () => {
  it('--strict with one warning writes nothing', async () => {
    // The source title changes: the English title is now stale, a warning (an error under --strict).
    const restore = edit('deck.yaml', 'Ouvrir les données de la commune', 'Ouvrir les données de la ville');
    try {
      const lenient = await buildDecks([deck], { ...FAST, outDir: join(tempDir(), 'out'), cwd: deck });
      expect(lenient.ok).toBe(true);
      expect(lenient.diagnostics.some((d) => d.severity === 'warning')).toBe(true);
      const strict = await buildDecks([deck], { ...FAST, outDir: out, cwd: deck, strict: true });
      expect(strict.ok).toBe(false);
      expect(strict.built).toEqual([]);
    } finally {
      restore();
    }
  }, 60_000);

  it('one locale failing while the others succeed writes nothing', async () => {
    const broken = join(deck, 'locales', 'de.yaml');
    writeFileSync(broken, 'locale: de\nstrings: [\n');
    try {
      const result = await buildDecks([deck], { ...FAST, outDir: out, cwd: deck });
      expect(result.ok).toBe(false);
      expect(result.built).toEqual([]);
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      expect(new Set(errors.map((d) => d.file))).toEqual(new Set(['locales/de.yaml']));
    } finally {
      rmSync(broken);
    }
  }, 60_000);

  it('a file write failing midway leaves the previous kit and no staging folder', async () => {
    let writes = 0;
    const result = await buildDecks([deck], {
      ...FAST,
      outDir: out,
      cwd: deck,
      writeIo: {
        writeFile: (path, bytes) => {
          if (++writes === 3) throw Object.assign(new Error('no space left'), { code: 'ENOSPC', path });
          writeFileSync(path, bytes);
        },
      },
    });
    expect(writes).toBe(3);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toContain('write/failed');
    expect(result.diagnostics.find((d) => d.code === 'write/failed')?.message).toMatch(/ENOSPC/);
  }, 60_000);

  it('a move failing after the first kit was swapped puts that kit back', async () => {
    let moves = 0;
    const result = await buildDecks([deck], {
      ...FAST,
      outDir: out,
      cwd: deck,
      writeIo: {
        // fr: old aside, new in; en: old aside, then the new one fails to move in.
        rename: (from, to) => {
          if (++moves === 4) throw Object.assign(new Error('I/O error'), { code: 'EIO', path: to });
          renameSync(from, to);
        },
      },
    });
    expect(moves).toBe(4);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.find((d) => d.code === 'write/failed')?.message).toMatch(/previous kit/);
    for (const locale of ['fr', 'en']) expect(kitProblems(join(out, 'mini-atelier', locale))).toEqual([]);
  }, 60_000);

  it('SOURCE_DATE_EPOCH sets the date stamped in the kit', async () => {
    expect(buildDate('2024-05-01', { SOURCE_DATE_EPOCH: '1700000000' }).toISOString()).toBe(
      '2023-11-14T22:13:20.000Z',
    );
    expect(buildDate('2024-05-01', {}).toISOString()).toBe('2024-05-01T00:00:00.000Z');
    const elsewhere = join(tempDir(), 'out');
    const saved = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = '1700000000';
    try {
      const result = await buildDecks([deck], { ...FAST, outDir: elsewhere, cwd: deck, locales: ['fr'] });
      expect(result.ok).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
    const folder = join(elsewhere, 'mini-atelier', 'fr');
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
    expect(manifest.date).toBe('2023-11-14T22:13:20.000Z');
    const pdf = readFileSync(join(folder, 'event-cards.pdf')).toString('latin1');
    expect(pdf).toContain('<xmp:CreateDate>2023-11-14T22:13:20Z');
    // And without it, the deck's own date, never the clock.
    const plain = join(tempDir(), 'out');
    await buildDecks([deck], { ...FAST, outDir: plain, cwd: deck, locales: ['fr'] });
    expect(JSON.parse(readFileSync(join(plain, 'mini-atelier', 'fr', 'manifest.json'), 'utf8')).date).toBe(
      '2024-05-01T00:00:00.000Z',
    );
  }, 60_000);

  it('a locale entry without a source hash counts as stale', () => {
    const checked = validateDeck(deck, deck);
    if (!checked.deck) throw new Error('the fixture deck must check');
    const keyed = localeStatus(checked.deck, 'en');
    expect(keyed.translated.map((e) => e.key)).toContain('meta.title');
    const restore = edit('locales/en.yaml', '    source: 2579fce4e2de\n', '');
    try {
      const status = localeStatus(checked.deck, 'en');
      expect(status.stale.map((e) => e.key)).toEqual(['meta.title']);
      expect(status.translated.map((e) => e.key)).not.toContain('meta.title');
    } finally {
      restore();
    }
  });

  it('leaves no staging or moved-aside folder after a good build', async () => {
    const again = join(tempDir(), 'out');
    await buildDecks([deck], { ...FAST, outDir: again, cwd: deck });
    expect(readdirSync(join(again, 'mini-atelier')).sort()).toEqual(['en', 'fr']);
    expect(existsSync(join(again, '.atelier-lock'))).toBe(false);
  }, 60_000);
});
