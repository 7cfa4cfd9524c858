import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDecks, validateDeck } from '../../src/api.ts';
import { type BuildResult, buildDecks } from '../../src/build/build.ts';
import { localeStatus } from '../../src/i18n/status.ts';
import { translatedLocales } from '../../src/locale-files/locale-file.ts';
import { REPO_ROOT } from '../helpers/paths.ts';
import { hasTool } from '../helpers/tools.ts';
import { loadDeck, normalize, pdfText } from '../render/helpers.ts';
import { decodeQrCodes } from '../render/rendered.ts';

/*
 * The second shipped deck, decks/weak-links: English with a Spanish edition, no context sheets, suits and
 * ranks, one uniform back, a QR code on every card, the cards in cards.csv with their Spanish in `@es`
 * columns, the Spanish layout labels from the deck's own labels/es.yaml. It builds in every locale without a
 * warning.
 */
const DECK = resolve(REPO_ROOT, 'decks/weak-links');
const work = mkdtempSync(join(tmpdir(), 'atelier-weak-links-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const folder = (locale: string) => join(work, 'out', 'weak-links', locale);

const missing = ['pdftoppm', 'zbarimg'].filter((tool) => !hasTool(tool));
if (missing.length > 0)
  console.warn(
    `QR code check skipped: ${missing.join(', ')} not installed (apt-get install poppler-utils zbar-tools)`,
  );

describe('decks/weak-links', () => {
  let result: BuildResult;
  beforeAll(async () => {
    result = await buildDecks([DECK], { outDir: join(work, 'out'), cwd: work });
  });

  it('is one of the decks `npm start` builds, and validates without a word', () => {
    expect(findDecks(REPO_ROOT).map((d) => d.replace(/\\/g, '/'))).toContain('decks/weak-links');
    const { deck, diagnostics } = validateDeck(DECK);
    expect(diagnostics).toEqual([]);
    expect(deck?.files).toContain('cards.csv');
    expect(deck?.contexts).toEqual([]);
    expect(deck?.print.backs).toBe('uniform');
    expect(deck?.events).toHaveLength(20);
    expect(new Set(deck?.events.map((e) => e.category))).toEqual(
      new Set(['doors', 'vaults', 'wires', 'crowds']),
    );
    expect(deck?.events.every((e) => e.rank && e.url?.startsWith('https://'))).toBe(true);
    // Every card comes from the spreadsheet, located at its row.
    expect(deck?.origin('event', 'wires-3')?.position(['title'])).toMatchObject({
      file: 'decks/weak-links/cards.csv',
      line: 13,
    });
  });

  it('is translated to Spanish in full, the card text from the spreadsheet columns', () => {
    const deck = loadDeck(DECK);
    expect(translatedLocales(deck)).toEqual(['es']);
    const status = localeStatus(deck, 'es');
    expect(status.missing).toEqual([]);
    expect(status.stale).toEqual([]);
    expect(status.translated.find((e) => e.key === 'event.doors-2.title')?.position?.file).toBe(
      'decks/weak-links/cards.csv',
    );
  });

  it('builds in English and Spanish without a warning, and no context sheets', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.built.map((b) => b.locale).sort()).toEqual(['en', 'es']);
    for (const locale of ['en', 'es']) {
      expect(readdirSync(folder(locale)).sort()).toEqual([
        'event-cards.pdf',
        'facilitator-guide.pdf',
        'manifest.json',
      ]);
    }
    const manifest = JSON.parse(readFileSync(join(folder('es'), 'manifest.json'), 'utf8'));
    const sources = manifest.sources.map((s: { file: string }) => s.file.replace(/\\/g, '/'));
    expect(sources).toEqual(expect.arrayContaining(['deck.yaml', 'cards.csv', 'templates/card-front.hbs']));
  });

  it('prints the Spanish cards with Spanish labels only', async () => {
    const pages = await pdfText(readFileSync(join(folder('es'), 'event-cards.pdf')));
    const text = normalize((pages[0] ?? '').replace(/\u200b/g, ''));
    expect(text).toContain('Prueba otra vez');
    expect(text).toContain('PUERTAS');
    expect(text).toContain('PREGUNTAS');
    expect(text).not.toMatch(/QUESTIONS|Guess again|DOORS/);
  });

  it.skipIf(missing.length > 0)('prints each card’s link as a QR code that decodes to it', () => {
    const decoded = decodeQrCodes(join(folder('en'), 'event-cards.pdf'));
    // The first sheet holds the first nine cards, in the order of the spreadsheet.
    const urls = loadDeck(DECK)
      .events.slice(0, 9)
      .map((e) => e.url)
      .sort();
    expect(decoded).toEqual(urls);
  });
});
