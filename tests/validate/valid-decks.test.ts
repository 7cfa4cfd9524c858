import { describe, expect, it } from 'vitest';
import { findDecks, validateDeck } from '../../src/api.ts';
import { MINIMAL_DECK, REPO_ROOT, SPLIT_DECK } from '../helpers/paths.ts';

describe('valid decks', () => {
  it('accepts the minimal deck and applies the defaults', () => {
    const { deck, diagnostics } = validateDeck(MINIMAL_DECK, MINIMAL_DECK);
    expect(diagnostics).toEqual([]);
    expect(deck?.dir).toBe('.');
    expect(deck?.files).toEqual(['deck.yaml']);
    expect(deck?.meta.version).toBe('1.0');
    expect(deck?.print.card).toEqual({ name: 'poker', width: 63.5, height: 88.9 });
    expect(deck?.print.bleed).toBe(3);
    expect(deck?.print.safeMargin).toBe(4);
    expect(deck?.theme.colours.paper).toBe('#ffffff');
    expect(deck?.events.map((e) => e.copies)).toEqual([1, 1]);
    expect(deck?.guide.sections).toEqual([]);
  });

  it('points back at where any item was written', () => {
    const { deck } = validateDeck(MINIMAL_DECK, MINIMAL_DECK);
    expect(deck?.origin('event', 'transport-data')?.position(['title'])).toMatchObject({
      file: 'deck.yaml',
      line: 90,
      column: 12,
    });
    expect(deck?.origin('context', 'agglo')?.position()).toMatchObject({
      file: 'deck.yaml',
      line: 55,
      column: 5,
    });
    expect(deck?.origin('guide')?.position(['agenda', 1, 'phase'])).toMatchObject({
      file: 'deck.yaml',
      line: 107,
      column: 14,
    });
    expect(deck?.origin('event', 'no-such-event')).toBeUndefined();
  });

  it('accepts a deck split over two files, deck.yaml first', () => {
    const { deck, diagnostics } = validateDeck(SPLIT_DECK, SPLIT_DECK);
    expect(diagnostics).toEqual([]);
    expect(deck?.files).toEqual(['deck.yaml', 'cards.yaml']);
    expect(deck?.theme.logo).toBe('assets/logo.png');
    expect(deck?.origin('event', 'licence-choice')?.position()).toMatchObject({
      file: 'cards.yaml',
      line: 46,
      column: 5,
    });
    expect(deck?.events.map((e) => e.phase)).toEqual(['cadrage', 'realisation']);
  });

  it('accepts every shipped deck under decks/ with no error', () => {
    for (const dir of findDecks(REPO_ROOT)) {
      const { deck, diagnostics } = validateDeck(dir, REPO_ROOT);
      expect(
        diagnostics.filter((d) => d.severity === 'error'),
        dir,
      ).toEqual([]);
      expect(deck, dir).toBeDefined();
    }
  });
});
