import type { Event, Phase } from './schema.ts';

/*
 * The short number a person reads on a card and finds again in the guide, the deal and the envelope labels:
 * the phase's code and the card's place in that phase, e.g. `C-07` (just `07` in a deck of one phase without a
 * code). It is computed, never written, so it stays right when cards move; the card's id (a slug) stays in the
 * data and off the card.
 */

export function cardNumbers(deck: {
  phases: readonly Pick<Phase, 'id' | 'code'>[];
  events: readonly Pick<Event, 'id' | 'phase'>[];
}): Map<string, string> {
  const numbers = new Map<string, string>();
  // A deck of one phase without a code numbers its cards 01, 02...: a `1-` in front of every card says nothing.
  const single = deck.phases.length === 1 && deck.phases[0]?.code === undefined;
  deck.phases.forEach((phase, index) => {
    const code = phase.code ?? String(index + 1);
    const events = deck.events.filter((e) => e.phase === phase.id);
    const width = Math.max(2, String(events.length).length);
    events.forEach((event, i) => {
      const place = String(i + 1).padStart(width, '0');
      numbers.set(event.id, single ? place : `${code}-${place}`);
    });
  });
  return numbers;
}
