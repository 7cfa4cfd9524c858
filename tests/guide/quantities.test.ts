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
    // Two context sheets per team (one to read, one to write on) and a set for the facilitator.
    expect(q.contextSheets).toEqual({ total: 3 * 2 + 2, perTeam: 2, facilitator: 2 });
    // One deck per team, each with the cards for its authority: 1×3 + 1×1 + 2×3 + 1×2 + 1×3.
    expect(q.eventCards).toEqual({ total: 15, set: 6, aside: 3 });
    // 18 participants at most, 3 profiles: 6 of each.
    expect(q.profileCards).toEqual({ total: 18, each: 6, profiles: 3 });
    // One worksheet per team and phase (the plan of that phase), plus one per team for the synthesis.
    expect(q.worksheets).toEqual({ total: 3 * (2 + 1), perTeam: 3 });
    // One envelope per team and phase, holding that phase's deal.
    expect(q.envelopes).toEqual({ total: 3 * 2, perTeam: 2 });
  });

  it('counts the cards a team plays from each phase, and worksheets from the phases', () => {
    const dealing = { ...deck, phases: deck.phases.map((p, i) => ({ ...p, cardsPerTeam: i + 3 })) };
    const q = printQuantities(dealing);
    expect(q.cardsPerTeam).toBe(3 + 4);
    // However many cards a phase deals, a team writes one plan per phase and a synthesis.
    expect(q.worksheets).toEqual({ total: 3 * (2 + 1), perTeam: 3 });
  });

  it('follows the deck when it grows', () => {
    const bigger = { ...deck, meta: { ...deck.meta, teams: 4, participants: { min: 12, max: 25 } } };
    const q = printQuantities(bigger);
    expect(q.contextSheets.total).toBe(4 * 2 + 2);
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
