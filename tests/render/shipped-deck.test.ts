import { describe, expect, it } from 'vitest';
import { validateDeck } from '../../src/api.ts';
import { loadLabels } from '../../src/localize/labels.ts';
import { localizeDeck } from '../../src/localize/localize-deck.ts';
import { renderContextSheets, renderEventCards, styleFloors } from '../../src/render/index.ts';
import type { RenderInput } from '../../src/render/types.ts';

/*
 * The shipped kit keeps its text comfortable in the languages it ships in: nothing overflows, and the reading
 * text of the cards never shrinks under 8 pt (9 pt on the context sheets). A longer card or a tighter layout
 * that breaks this fails here, with the card named, rather than in a printed kit.
 */

const { deck } = validateDeck('decks/open-data-territoires');
if (!deck) throw new Error('the shipped deck does not validate');
const source = deck;

function inputFor(locale: string): RenderInput {
  const localized = localizeDeck(source, locale, { strict: false });
  if (!localized.deck) throw new Error(`the shipped deck does not localize to ${locale}`);
  return {
    deck: localized.deck,
    locale,
    labels: loadLabels(locale).labels,
    fonts: localized.fonts,
    options: {},
    date: new Date('2024-03-01T00:00:00Z'),
  };
}

/** Styles a participant reads on the cards and the sheets (names from the shipped layouts). */
const CARD_READING = ['body', 'question'];
const SHEET_READING = ['body', 'item', 'who'];

describe.each(['fr', 'en'])('the shipped deck in %s', async (locale) => {
  const input = inputFor(locale);
  const cards = await renderEventCards(input);
  const sheets = await renderContextSheets(input);

  it('fits every card and sheet without overflow', () => {
    const overflows = [...cards.diagnostics, ...sheets.diagnostics].filter(
      (d) => d.code === 'render/overflow',
    );
    expect(overflows.map((d) => d.message)).toEqual([]);
  });

  it('keeps the reading text of every card at 8 pt or more', () => {
    const floors = styleFloors(cards.fitting ?? [], ['event card', 'profile card']);
    const reading = floors.filter((f) => CARD_READING.includes(f.style));
    expect(reading.map((f) => f.style).sort()).toEqual(CARD_READING);
    for (const floor of reading)
      expect(floor.size, `${floor.style} on ${floor.subject}`).toBeGreaterThanOrEqual(8);
  });

  it('keeps the reading text of the context sheets at 9 pt or more', () => {
    const reading = styleFloors(sheets.fitting ?? []).filter((f) => SHEET_READING.includes(f.style));
    expect(reading).toHaveLength(SHEET_READING.length);
    for (const floor of reading)
      expect(floor.size, `${floor.style} on ${floor.subject}`).toBeGreaterThanOrEqual(9);
  });
});
