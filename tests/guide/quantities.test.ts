import { describe, expect, it } from 'vitest';
import { buildGuideModel } from '../../src/compose/guide/model.ts';
import { printQuantities } from '../../src/compose/guide/quantities.ts';
import { fixtureDeck } from './helpers.ts';

describe('print quantities', () => {
  const deck = fixtureDeck();

  it('counts from the deck’s teams, contexts and participants', () => {
    const q = printQuantities(deck);
    // 3 teams on 2 contexts: teams 1 and 3 play the first context, team 2 the second.
    expect(q.teamsByContext).toEqual({ departement: [1, 3], ville: [2] });
    expect(q.contextSheets.total).toBe(3 + 2);
    // One deck per team, each with the cards for its authority: 1×3 + 1×1 + 2×3 + 1×2 + 1×3.
    expect(q.eventCards).toEqual({ total: 15, set: 6, aside: 3 });
    // 18 participants at most, 3 profiles: 6 of each.
    expect(q.profileCards).toEqual({ total: 18, each: 6, profiles: 3 });
    // One worksheet per card played (a card per team per phase by default) plus a spare per team.
    expect(q.worksheets).toEqual({ total: 3 * (2 + 1), phases: 2, cards: 2 });
  });

  it('counts worksheets from the cards each phase deals', () => {
    const dealing = { ...deck, phases: deck.phases.map((p, i) => ({ ...p, cardsPerTeam: i + 3 })) };
    // 3 + 4 cards per team, plus a spare, for 3 teams.
    expect(printQuantities(dealing).worksheets).toEqual({ total: 3 * (3 + 4 + 1), phases: 2, cards: 7 });
  });

  it('follows the deck when it grows', () => {
    const bigger = { ...deck, meta: { ...deck.meta, teams: 4, participants: { min: 12, max: 25 } } };
    const q = printQuantities(bigger);
    expect(q.contextSheets.total).toBe(6);
    expect(q.profileCards).toEqual({ total: 27, each: 9, profiles: 3 });
    expect(q.eventCards.set).toBe(6);
    expect(q.eventCards.total).toBe(1 * 4 + 1 * 2 + 2 * 4 + 1 * 2 + 1 * 4);
  });
});

describe('agenda', () => {
  const deck = fixtureDeck();

  it('starts each step when the previous one ends and adds the steps up', () => {
    const { model, diagnostics } = buildGuideModel(deck, {}, 'fr');
    const agenda = model.agenda as {
      rows: { id: string; start: number; minutes: number }[];
      totalMinutes: number;
    };
    expect(agenda.rows.map((r) => [r.id, r.start, r.minutes])).toEqual([
      ['accueil', 0, 15],
      ['phase-cadrage', 15, 40],
      ['pause', 55, 10],
      ['phase-realisation', 65, 45],
      ['debrief', 110, 25],
    ]);
    expect(agenda.totalMinutes).toBe(135);
    expect(diagnostics).toEqual([]);
  });

  it('warns, at the agenda, when the steps run past the session’s length', () => {
    const short = { ...deck, meta: { ...deck.meta, durationMinutes: 120 } };
    const { diagnostics } = buildGuideModel(short, {}, 'fr');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      severity: 'warning',
      code: 'guide/agenda-overrun',
      file: 'tests/fixtures/guide/deck.yaml',
    });
    expect(diagnostics[0]?.message).toContain('15 more');
  });
});
