import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { po } from 'gettext-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { validateDeck } from '../../src/api.ts';
import type { Deck } from '../../src/check/deck.ts';
import { extractTranslations } from '../../src/i18n/extract.ts';
import { importTranslations } from '../../src/i18n/import.ts';
import { localeStatus } from '../../src/i18n/status.ts';
import { formatLabel, loadLabels } from '../../src/localize/labels.ts';
import { hasTool } from '../helpers/tools.ts';

/*
 * Template labels in the translator's files: a locale atelier ships no catalog for gets every label in its PO
 * or XLIFF file with the deck's strings; plural labels are msgid_plural entries in PO and ICU messages in XLIFF.
 */

const RU_DECK = resolve('tests/fixtures/i18n/ru-labels');
const work = mkdtempSync(join(tmpdir(), 'atelier-plural-exchange-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let copies = 0;

function copyDeck(edit?: (dir: string) => void): { dir: string; deck: () => Deck } {
  const dir = join(work, `deck-${copies++}`);
  cpSync(RU_DECK, dir, { recursive: true });
  edit?.(dir);
  return {
    dir,
    deck: () => {
      const { deck, diagnostics } = validateDeck(dir);
      expect(diagnostics).toEqual([]);
      if (!deck) throw new Error('deck does not validate');
      return deck;
    },
  };
}

async function extract(deck: Deck, format: 'po' | 'xliff'): Promise<string> {
  const result = await extractTranslations(deck, 'ru', format);
  expect(result.diagnostics).toEqual([]);
  return result.text ?? '';
}

const hasMsgfmt = hasTool('msgfmt');

describe('labels in the translation flow', () => {
  it('counts the labels a locale atelier does not ship needs, and takes the deck’s catalog as translated', () => {
    const withCatalog = copyDeck();
    const status = localeStatus(withCatalog.deck(), 'ru');
    expect(status.missing).toEqual([]);
    expect(status.translated.map((e) => e.key)).toContain('label.questions');
    const bare = copyDeck((dir) => rmSync(join(dir, 'labels'), { recursive: true }));
    const missing = localeStatus(bare.deck(), 'ru').missing.map((e) => e.key);
    expect(missing).toContain('label.questions');
    expect(missing).toContain('label.guide-copies');
    expect(missing.every((key) => key.startsWith('label.'))).toBe(true);
    // French is shipped: a French translation of the deck has no label to translate.
    expect(localeStatus(bare.deck(), 'fr').missing.some((e) => e.key.startsWith('label.'))).toBe(false);
  });
});

describe('plural labels in PO', () => {
  it('are msgid_plural entries with the language’s Plural-Forms, and msgfmt accepts the file', async () => {
    const { dir, deck } = copyDeck();
    const text = await extract(deck(), 'po');
    const table = po.parse(text);
    expect(table.headers['Plural-Forms']).toMatch(/^nplurals=3; plural=\(n % 10 == 1 && n % 100 != 11 \? 0/);
    const copiesEntry = Object.values(table.translations['label.guide-copies'] ?? {})[0];
    expect(copiesEntry).toMatchObject({
      msgid: '{copies} copy',
      msgid_plural: '{copies} copies',
      msgstr: ['{copies} экземпляр', '{copies} экземпляра', '{copies} экземпляров'],
    });
    expect(copiesEntry?.comments?.extracted).toMatch(/Plural: each form/);
    // Two plural arguments in one label: the ICU message itself, with its forms named.
    const worksheets = Object.values(table.translations['label.guide-check-event-cards-detail'] ?? {})[0];
    expect(worksheets?.msgid_plural).toBeUndefined();
    expect(worksheets?.msgid).toContain('{teams, plural,');
    expect(worksheets?.comments?.extracted).toMatch(/ru forms: one, few, many, other/);
    if (hasMsgfmt) {
      const path = join(dir, 'ru.po');
      writeFileSync(path, text);
      execFileSync('msgfmt', ['--check-format', '-o', '/dev/null', path]);
    }
  });

  it('round-trip without a change, and bring an edited form back as one ICU message', async () => {
    const { dir, deck } = copyDeck();
    const path = join(dir, 'locales', 'ru.po');
    const localeFile = join(dir, 'locales', 'ru.yaml');
    const before = readFileSync(localeFile, 'utf8');
    writeFileSync(path, await extract(deck(), 'po'));
    const same = await importTranslations(deck(), path, path);
    expect(same.diagnostics).toEqual([]);
    expect(same.written).toBe(false);
    expect(readFileSync(localeFile, 'utf8')).toBe(before);

    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace('msgstr[2] "{copies} экземпляров"', 'msgstr[2] "{copies} экз."'),
    );
    const edited = await importTranslations(deck(), path, path);
    expect(edited.diagnostics).toEqual([]);
    expect(edited.updated).toEqual(['label.guide-copies']);
    const labels = loadLabels('ru', { deck: deck() });
    expect(labels.diagnostics).toEqual([]);
    expect([1, 2, 5, 21].map((n) => formatLabel(labels.labels, 'guide-copies', { copies: n }, 'ru'))).toEqual(
      ['1 экземпляр', '2 экземпляра', '5 экз.', '21 экземпляр'],
    );
    // Extracted again, the entry holds exactly what was imported.
    const again = po.parse(await extract(deck(), 'po'));
    expect(Object.values(again.translations['label.guide-copies'] ?? {})[0]?.msgstr).toEqual([
      '{copies} экземпляр',
      '{copies} экземпляра',
      '{copies} экз.',
    ]);
  });

  it('fill a deck’s missing labels from a translated PO file', async () => {
    const { dir, deck } = copyDeck((d) => rmSync(join(d, 'labels'), { recursive: true }));
    const path = join(dir, 'locales', 'ru.po');
    const table = po.parse(await extract(deck(), 'po'));
    const entry = Object.values(table.translations['label.guide-copies'] ?? {})[0];
    if (!entry) throw new Error('no guide-copies entry');
    entry.msgstr = ['{copies} копия', '{copies} копии', '{copies} копий'];
    const questions = Object.values(table.translations['label.questions'] ?? {})[0];
    if (!questions) throw new Error('no questions entry');
    questions.msgstr = ['Вопросы'];
    writeFileSync(path, po.compile(table));
    const report = await importTranslations(deck(), path, path);
    expect(report.diagnostics).toEqual([]);
    expect(report.added.sort()).toEqual(['label.guide-copies', 'label.questions']);
    const labels = loadLabels('ru', { deck: deck() });
    expect(labels.labels.questions).toBe('Вопросы');
    expect([1, 3, 5, 21].map((n) => formatLabel(labels.labels, 'guide-copies', { copies: n }, 'ru'))).toEqual(
      ['1 копия', '3 копии', '5 копий', '21 копия'],
    );
    expect(labels.positionOf('questions')?.file).toMatch(/locales\/ru\.yaml$/);
    expect(localeStatus(deck(), 'ru').translated.map((e) => e.key)).toContain('label.guide-copies');
  });

  it('report a plural entry with forms left blank, and import nothing of it', async () => {
    const { dir, deck } = copyDeck();
    const path = join(dir, 'locales', 'ru.po');
    writeFileSync(
      path,
      (await extract(deck(), 'po')).replace('msgstr[1] "{copies} экземпляра"', 'msgstr[1] ""'),
    );
    const report = await importTranslations(deck(), path, path);
    expect(report.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['i18n/bad-plural', expect.any(Number)],
    ]);
    expect(report.written).toBe(false);
  });
});

describe('plural labels in XLIFF', () => {
  it('are one ICU message per unit, named in a note, and round-trip', async () => {
    const { dir, deck } = copyDeck();
    const path = join(dir, 'locales', 'ru.xlf');
    const localeFile = join(dir, 'locales', 'ru.yaml');
    const before = readFileSync(localeFile, 'utf8');
    const text = await extract(deck(), 'xliff');
    expect(text).toContain('<source>{copies, plural, one {# copy} other {# copies}}</source>');
    expect(text).toMatch(/<note>ICU MessageFormat plural: [^<]*ru forms: one, few, many, other\.<\/note>/);
    writeFileSync(path, text);
    expect((await importTranslations(deck(), path, path)).written).toBe(false);
    expect(readFileSync(localeFile, 'utf8')).toBe(before);

    const edited = '{copies, plural, one {# копия} few {# копии} many {# копий} other {# копии}}';
    writeFileSync(path, text.replace(/(<unit id="label\.guide-copies"[\s\S]*?<target>)[^<]*/, `$1${edited}`));
    const report = await importTranslations(deck(), path, path);
    expect(report.diagnostics).toEqual([]);
    expect(report.updated).toEqual(['label.guide-copies']);
    expect(await extract(deck(), 'xliff')).toContain(`<target>${edited}</target>`);
    expect(formatLabel(loadLabels('ru', { deck: deck() }).labels, 'guide-copies', { copies: 22 }, 'ru')).toBe(
      '22 копии',
    );
  });
});
