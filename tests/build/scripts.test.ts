import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateDeck } from '../../src/api.ts';
import { buildDecks } from '../../src/build/build.ts';
import { sourceHash } from '../../src/locale-files/hash.ts';
import { listStrings } from '../../src/localize/strings.ts';
import { normalize, pdfText } from '../render/helpers.ts';

/*
 * Whole builds of a locale in another script: the fonts must draw Greek and Cyrillic, and a character no font
 * has must stop the build with a diagnostic that names it, never print an empty box.
 */
const FIXTURE = resolve('tests/fixtures/build/tiny');
const work = mkdtempSync(join(tmpdir(), 'atelier-scripts-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function deckWithLocale(locale: string, strings: Record<string, string>): string {
  const dir = join(work, locale);
  cpSync(FIXTURE, dir, { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  // Each translation records the hash of the source it was made from, as `atelier i18n import` writes it.
  const { deck } = validateDeck(dir);
  if (!deck) throw new Error('the fixture deck must validate');
  const sources = new Map(listStrings(deck).map((s) => [s.key, s.text]));
  const entries = Object.entries(strings)
    .map(
      ([key, text]) =>
        `  ${key}:\n    text: ${JSON.stringify(text)}\n    source: ${sourceHash(sources.get(key) ?? '')}`,
    )
    .join('\n');
  writeFileSync(join(dir, 'locales', `${locale}.yaml`), `locale: ${locale}\nstrings:\n${entries}\n`);
  return dir;
}

describe('builds in other scripts', () => {
  it.each([
    ['el', { 'event.licence.title': 'Ποια άδεια;', 'event.bus.title': 'Τα δρομολόγια του αναδόχου' }],
    ['ru', { 'event.licence.title': 'Какая лицензия?', 'event.bus.title': 'Расписание перевозчика' }],
  ])('draws %s card titles with real glyphs', async (locale, strings) => {
    const deck = deckWithLocale(locale, strings);
    const out = join(work, `out-${locale}`);
    const result = await buildDecks([deck], { outDir: out, cwd: work, locales: [locale], only: ['cards'] });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const text = normalize(
      (await pdfText(readFileSync(join(out, 'tiny', locale, 'event-cards.pdf')))).join(' '),
    );
    for (const title of Object.values(strings)) expect(text).toContain(title);
  });

  it('stops on a character no font can draw, naming it and where it is', async () => {
    const deck = deckWithLocale('ja', { 'event.licence.title': 'ライセンス' });
    const out = join(work, 'out-ja');
    const result = await buildDecks([deck], { outDir: out, cwd: work, locales: ['ja'] });
    expect(result.ok).toBe(false);
    const missing = result.diagnostics.filter(
      (d) => d.code === 'render/missing-glyph' && d.file?.endsWith(join('locales', 'ja.yaml')),
    );
    // ラ (U+30E9) opens the translated title, whose `text:` is on line 4 of the locale file.
    expect(missing.map((d) => d.message).join('\n')).toContain('U+30E9');
    expect(missing[0]?.line).toBe(4);
    expect(existsSync(join(out, 'tiny', 'ja'))).toBe(false);
  });
});
