import { describe, expect, it } from 'vitest';
import { cardNumbers } from '../../src/check/card-numbers.ts';

const events = (phase: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `${phase}-${i + 1}`, phase }));

describe('card numbers', () => {
  it("join the phase's code and the card's place in the phase", () => {
    const numbers = cardNumbers({
      phases: [{ id: 'scoping', code: 'C' }, { id: 'running' }],
      events: [...events('scoping', 2), ...events('running', 12)],
    });
    expect(numbers.get('scoping-2')).toBe('C-02');
    // No code: the phase's position.
    expect(numbers.get('running-1')).toBe('2-01');
  });

  it('widen the place when a phase has a hundred cards or more', () => {
    const numbers = cardNumbers({ phases: [{ id: 'a', code: 'A' }], events: events('a', 120) });
    expect(numbers.get('a-7')).toBe('A-007');
  });

  it('are the place alone in a deck of one phase without a code, and keep a code when there is one', () => {
    expect(cardNumbers({ phases: [{ id: 'play' }], events: events('play', 3) }).get('play-3')).toBe('03');
    expect(
      cardNumbers({ phases: [{ id: 'play', code: 'P' }], events: events('play', 3) }).get('play-3'),
    ).toBe('P-03');
  });
});
