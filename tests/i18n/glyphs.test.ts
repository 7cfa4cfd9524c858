import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Deck } from '../../src/check/deck.ts';
import { BUNDLED_FONTS } from '../../src/fonts/font-files.ts';
import { applyLocaleEdits } from '../../src/i18n/locale-edit.ts';
import { sourceHash } from '../../src/locale-files/hash.ts';
import { checkGlyphs } from '../../src/localize/glyphs.ts';
import { loadLabels } from '../../src/localize/labels.ts';
import { localizeDeck } from '../../src/localize/localize-deck.ts';
import { listStrings } from '../../src/localize/strings.ts';
import { loadDeck, SHY, useFixtureCopies } from './helpers.ts';

const copy = useFixtureCopies();

/** Writes a complete locale file whose every string is one of `phrases`, in turn. */
function writeLocale(deck: Deck, locale: string, phrases: string[], extra = ''): void {
  const strings = listStrings(deck);
  const edits = strings.map((s, i) => ({
    key: s.key,
    value: { text: phrases[i % phrases.length] ?? '', source: sourceHash(s.text) },
  }));
  const text = applyLocaleEdits(
    undefined,
    edits,
    strings.map((s) => s.key),
    { locale, comment: `${locale} test locale` },
  );
  writeFileSync(
    join(deck.absoluteDir, 'locales', `${locale}.yaml`),
    text.replace('strings:\n', `${extra}strings:\n`),
  );
}

const GREEK = [
  'Ανοιχτά δεδομένα του δήμου',
  'Ποια άδεια χρήσης επιτρέπεται για δημόσια δεδομένα;',
  'Ο δήμαρχος υπόσχεται «ένα διαφανές δημαρχείο».',
  '**Προσοχή:** δημοσιεύστε ένα αρχείο CSV κάθε εβδομάδα.',
];
const CYRILLIC = [
  'Открытые данные муниципалитета',
  'Какая лицензия подходит для общедоступных данных?',
  'Журналист: «Где источник?»',
];

describe('glyphs per locale', () => {
  it('a Greek locale localizes completely, every glyph drawable, hyphenated with Greek patterns', () => {
    const dir = copy('greek');
    writeLocale(loadDeck(dir), 'el', GREEK);
    const deck = loadDeck(dir);
    const el = localizeDeck(deck, 'el');
    expect(el.diagnostics).toEqual([]);
    expect(el.deck?.meta.title).toBe(GREEK[0]);
    expect(el.deck?.events[0]?.situation).toContain(SHY);
    expect(checkGlyphs(el.deck as Deck, 'el', el.fonts, { origins: el.origins })).toEqual([]);
  });

  it('a Cyrillic locale draws with the bundled fonts too', () => {
    const dir = copy('cyrillic');
    writeLocale(loadDeck(dir), 'ru', CYRILLIC);
    const ru = localizeDeck(loadDeck(dir), 'ru');
    expect(ru.diagnostics).toEqual([]);
    expect(checkGlyphs(ru.deck as Deck, 'ru', ru.fonts, { origins: ru.origins })).toEqual([]);
  });

  it('a character no font has is a diagnostic naming it, its code point, the key and the locale file position', () => {
    const dir = copy('cjk');
    writeLocale(loadDeck(dir), 'ja', ['データ公開']);
    const ja = localizeDeck(loadDeck(dir), 'ja');
    const missing = checkGlyphs(ja.deck as Deck, 'ja', ja.fonts, { origins: ja.origins });
    const title = missing.filter((d) => d.message.includes('`meta.title`'));
    expect(title.map((d) => d.message.slice(0, 12))).toEqual([
      '"デ" (U+30C7)',
      '"ー" (U+30FC)',
      '"タ" (U+30BF)',
      '"公" (U+516C)',
      '"開" (U+958B)',
    ]);
    const written = readFileSync(join(dir, 'locales/ja.yaml'), 'utf8').split('\n');
    const titleLine = written.indexOf('  meta.title:') + 2;
    expect(written[titleLine - 1]).toBe('    text: データ公開');
    expect(title[0]).toMatchObject({
      severity: 'error',
      code: 'render/missing-glyph',
      line: titleLine,
      column: 11,
    });
    expect(title[0]?.file).toMatch(/locales\/ja\.yaml$/);
    expect(title[0]?.message).toContain('in ja');
    expect(missing).toHaveLength(64 * 5);
  });

  it('an emoji the fonts lack is reported too; the source text is checked where it falls back', () => {
    const deck = loadDeck(copy('emoji'));
    const fr = localizeDeck(deck, 'fr');
    const changed = { ...(fr.deck as Deck), meta: { ...(fr.deck as Deck).meta, title: 'Ouvrir 🪿' } };
    const found = checkGlyphs(changed, 'fr', fr.fonts, { origins: fr.origins });
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('(U+1FABF)');
    expect(found[0]?.file).toMatch(/deck\.yaml$/);
  });

  it('a locale may name its own fonts, inside the deck folder', () => {
    const dir = copy('fonts');
    mkdirSync(join(dir, 'fonts'));
    copyFileSync(BUNDLED_FONTS.regular, join(dir, 'fonts/Greek-Regular.ttf'));
    writeFileSync(join(dir, 'fonts/broken.ttf'), 'not a font at all');
    writeLocale(
      loadDeck(dir),
      'el',
      GREEK,
      'fonts:\n  regular: fonts/Greek-Regular.ttf\n  bold: fonts/broken.ttf\n  italic: ../../outside.ttf\n',
    );
    const el = localizeDeck(loadDeck(dir), 'el');
    expect(el.fonts.regular).toBe(join(dir, 'fonts/Greek-Regular.ttf'));
    expect(el.fonts.bold).toBe(BUNDLED_FONTS.bold);
    const written = readFileSync(join(dir, 'locales/el.yaml'), 'utf8').split('\n');
    expect(el.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['asset/bad-font', written.indexOf('  bold: fonts/broken.ttf') + 1],
      ['asset/missing', written.indexOf('  italic: ../../outside.ttf') + 1],
    ]);
  });

  it('checks template labels too, pseudo-locale included', () => {
    const deck = loadDeck(copy('labels'));
    const pseudo = localizeDeck(deck, 'qps-ploc');
    const labels = loadLabels('qps-ploc');
    expect(
      checkGlyphs(pseudo.deck as Deck, 'qps-ploc', pseudo.fonts, { origins: pseudo.origins, labels }),
    ).toEqual([]);
    const odd = checkGlyphs(deck, 'fr', BUNDLED_FONTS, { labels: { labels: { phase: 'Phase 日' } } });
    expect(odd.map((d) => d.message)).toEqual([expect.stringContaining('`label phase`')]);
  });
});

describe('distinctCharacters', () => {
  it('keeps each character once, in first-seen order, astral characters whole', async () => {
    const { distinctCharacters } = await import('../../src/localize/glyphs.ts');
    expect(distinctCharacters(['abba', 'cab', 'é🙂é', '🙂z'])).toBe('abcéz🙂');
  });
});
