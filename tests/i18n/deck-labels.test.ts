import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateDeck } from '../../src/api.ts';
import { buildDecks } from '../../src/build/build.ts';
import { formatLabel, LABELS_DIR, loadLabels } from '../../src/localize/labels.ts';
import { formatMessage } from '../../src/localize/messages.ts';
import { hasTool } from '../helpers/tools.ts';

/*
 * Deck-local label catalogs (`labels/<locale>.yaml` in the deck folder) and plural forms in labels. The
 * ru-labels fixture is an English deck with a Russian edition: its locale file translates the deck's strings,
 * its labels/ru.yaml every template label, since atelier ships no Russian catalog.
 */

const RU_DECK = resolve('tests/fixtures/i18n/ru-labels');
const work = mkdtempSync(join(tmpdir(), 'atelier-deck-labels-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const pdftotext = hasTool('pdftotext');
if (!pdftotext)
  console.warn('Russian edition text check skipped: pdftotext not installed (apt-get install poppler-utils)');

function ruDeck(dir = RU_DECK) {
  const { deck, diagnostics } = validateDeck(dir);
  expect(diagnostics).toEqual([]);
  if (!deck) throw new Error('ru-labels fixture does not validate');
  return deck;
}

describe('plural forms', () => {
  const counts = [1, 2, 5, 21];
  const cards = {
    en: '{n, plural, one {# card} other {# cards}}',
    fr: '{n, plural, one {# carte} other {# cartes}}',
    ru: '{n, plural, one {# карта} few {# карты} many {# карт} other {# карты}}',
  };

  it('follow each language’s CLDR rules for 1, 2, 5 and 21', () => {
    const forms = (locale: keyof typeof cards) =>
      counts.map((n) => formatMessage(cards[locale], { n }, locale));
    expect(forms('en')).toEqual(['1 card', '2 cards', '5 cards', '21 cards']);
    expect(forms('fr')).toEqual(['1 carte', '2 cartes', '5 cartes', '21 cartes']);
    expect(forms('ru')).toEqual(['1 карта', '2 карты', '5 карт', '21 карта']);
  });

  it('are written in the shipped catalogs and in a deck’s own Russian catalog', () => {
    const en = loadLabels('en').labels;
    const fr = loadLabels('fr').labels;
    const ru = loadLabels('ru', { deck: ruDeck() }).labels;
    const copies = (labels: Record<string, string>, locale: string) =>
      counts.map((copies) => formatLabel(labels, 'guide-copies', { copies }, locale));
    expect(copies(en, 'en')).toEqual(['1 copy', '2 copies', '5 copies', '21 copies']);
    expect(copies(fr, 'fr')).toEqual(['1 exemplaire', '2 exemplaires', '5 exemplaires', '21 exemplaires']);
    expect(copies(ru, 'ru')).toEqual(['1 экземпляр', '2 экземпляра', '5 экземпляров', '21 экземпляр']);
    const teams = (labels: Record<string, string>, locale: string) =>
      counts.map(
        (teams) => formatLabel(labels, 'guide-teams-intro', { teams, min: 3, max: 5 }, locale).split(' ')[0],
      );
    expect(formatLabel(en, 'guide-teams-intro', { teams: 1, min: 3, max: 5 }, 'en')).toContain(
      ': 1 team of 3',
    );
    expect(formatLabel(fr, 'guide-teams-intro', { teams: 1, min: 3, max: 5 }, 'fr')).toContain(
      '1 équipe de 3',
    );
    expect(formatLabel(fr, 'guide-events-intro', { count: 21 }, 'fr')).toMatch(/^Les 21 cartes/);
    expect(formatLabel(fr, 'guide-events-intro', { count: 1 }, 'fr')).toMatch(/^La carte,/);
    expect(formatLabel(en, 'teams', { count: 1 }, 'en')).toBe('Team');
    expect(formatLabel(en, 'teams', { count: 3 }, 'en')).toBe('Teams');
    expect(teams(en, 'en')).toHaveLength(4);
    expect(
      counts.map((set) => formatLabel(ru, 'guide-check-event-cards-detail', { teams: set, set }, 'ru')),
    ).toEqual([
      expect.stringContaining('файл 1 раз (1 карта в колоде)'),
      expect.stringContaining('файл 2 раза (2 карты в колоде)'),
      expect.stringContaining('файл 5 раз (5 карт в колоде)'),
      expect.stringContaining('файл 21 раз (21 карта в колоде)'),
    ]);
  });

  it('write numbers the locale’s way', () => {
    expect(formatMessage('{n, plural, one {# card} other {# cards}}', { n: 12000 }, 'en')).toBe(
      '12,000 cards',
    );
    expect(formatMessage('{n, plural, one {# carte} other {# cartes}}', { n: 12000 }, 'fr')).toBe(
      '12\u202f000 cartes',
    );
  });

  it('flags a label that is not a valid message and shows the reference text instead', () => {
    const dir = join(work, 'bad-message');
    cpSync(RU_DECK, dir, { recursive: true });
    const path = join(dir, 'labels', 'ru.yaml');
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace('guide-copies: "{copies, plural,', 'guide-copies: "{copies, plural'),
    );
    const result = loadLabels('ru', { deck: ruDeck(dir) });
    const bad = result.diagnostics.filter((d) => d.code === 'i18n/bad-label');
    expect(bad).toHaveLength(1);
    expect(bad[0]?.file).toMatch(/labels\/ru\.yaml$/);
    expect(bad[0]?.line).toBeGreaterThan(1);
    expect(formatLabel(result.labels, 'guide-copies', { copies: 2 }, 'ru')).toBe('2 copies');
  });
});

describe('deck-local labels', () => {
  it('give a locale atelier does not ship every label, with nothing to report', () => {
    const result = loadLabels('ru', { deck: ruDeck() });
    expect(result.diagnostics).toEqual([]);
    expect(result.labels.questions).toBe('Вопросы');
    expect(result.positionOf('questions')?.file).toMatch(/ru-labels\/labels\/ru\.yaml$/);
  });

  it('override and add to atelier’s catalogs, and report a missing one at the deck’s catalog', () => {
    const dir = join(work, 'override');
    cpSync(RU_DECK, dir, { recursive: true });
    writeFileSync(join(dir, 'labels', 'en.yaml'), 'questions: To discuss\nround: Round {n}\n');
    const path = join(dir, 'labels', 'ru.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^cut-here: .*\n/m, ''));
    const deck = ruDeck(dir);
    const en = loadLabels('en', { deck });
    expect(en.diagnostics).toEqual([]);
    expect(en.labels.questions).toBe('To discuss');
    expect(formatLabel(en.labels, 'round', { n: 2 }, 'en')).toBe('Round 2');
    expect(loadLabels('fr', { deck }).labels.questions).toBe('Questions');
    const ru = loadLabels('ru', { deck });
    expect(ru.labels['cut-here']).toBe('Cut here');
    const missing = ru.diagnostics
      .filter((d) => d.code === 'i18n/missing-label')
      .map((d) => [d.message, d.file]);
    expect(missing).toEqual([
      [expect.stringContaining('`cut-here`'), expect.stringMatching(/override\/labels\/ru\.yaml$/)],
      [expect.stringContaining('`round`'), expect.stringMatching(/override\/labels\/ru\.yaml$/)],
    ]);
  });

  it.skipIf(!pdftotext)('build a Russian edition with no English label left', async () => {
    const out = join(work, 'out');
    const result = await buildDecks([RU_DECK], { outDir: out, locales: ['ru'] });
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
    const folder = join(out, 'ru-labels', 'ru');
    const text = readdirSync(folder)
      .filter((f) => f.endsWith('.pdf'))
      .map((f) => execFileSync('pdftotext', ['-enc', 'UTF-8', join(folder, f), '-'], { encoding: 'utf8' }))
      .join('\n');
    expect(text.toLowerCase()).toContain('вопросы');
    expect(text.toLowerCase()).toContain('руководство ведущего');
    // Every English label's words, as printed: none may be left (ids, file names and code are not labels).
    const english = parse(readFileSync(join(LABELS_DIR, 'en.yaml'), 'utf8')) as Record<string, string>;
    const words = new Set<string>();
    for (const value of Object.values(english))
      for (const word of value.replace(/\{[^{}]*\}|`[^`]*`|\([^)]*\.pdf\)/g, ' ').match(/\p{L}{4,}/gu) ?? [])
        words.add(word.toLowerCase());
    // File names and the calibration page's `backOffset` setting are code, the same in every language.
    const printed = text
      .replace(/[\w.-]+\.(?:pdf|yaml)/g, ' ')
      .replace(/print: backOffset: \{[^}]*\}|backOffset/g, ' ');
    expect(printed.length).toBeGreaterThan(text.length - 400);
    const latin = new Set((printed.match(/\p{Script=Latin}{4,}/gu) ?? []).map((w) => w.toLowerCase()));
    const left = [...words].filter((w) => latin.has(w));
    expect(left).toEqual([]);
  });
});
