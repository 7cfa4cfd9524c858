import type { Deck } from '../../check/deck.ts';

/*
 * How many of each printed thing a session needs, from the deck's participants and teams. The rules, which the
 * guide's checklist states next to each number:
 * - context sheets: one per team, plus a full set for the facilitator;
 * - event cards: one deck per team, so that every team can be dealt the same card and the debrief can compare
 *   plans; a team's deck only keeps the cards that apply to its authority (`appliesTo`), each in its `copies`;
 * - profile cards: one per participant (the maximum), so every profile is printed ceil(max / profiles) times;
 * - worksheets: one per card played (each phase's `cardsPerTeam`, summed), plus one spare per team.
 */

export interface PrintQuantities {
  teams: number;
  contexts: number;
  participants: number;
  /** Context id → team numbers (1-based) that play it; team n plays context (n - 1) mod contexts. */
  teamsByContext: Record<string, number[]>;
  contextSheets: { total: number };
  eventCards: { total: number; set: number; aside: number };
  profileCards?: { total: number; each: number; profiles: number };
  worksheets?: { total: number; phases: number; cards: number };
}

export function printQuantities(deck: Deck): PrintQuantities {
  const teams = deck.meta.teams;
  const contexts = deck.contexts.length;
  const participants = deck.meta.participants.max;
  const teamsByContext: Record<string, number[]> = Object.fromEntries(
    deck.contexts.map((c) => [c.id, [] as number[]]),
  );
  for (let team = 1; team <= teams; team++) {
    const context = deck.contexts[(team - 1) % Math.max(1, contexts)];
    if (context) teamsByContext[context.id]?.push(team);
  }
  const set = deck.events.reduce((sum, e) => sum + e.copies, 0);
  const total = deck.events.reduce((sum, e) => {
    const playing = e.appliesTo
      ? e.appliesTo.reduce((n, id) => n + (teamsByContext[id]?.length ?? 0), 0)
      : teams;
    return sum + e.copies * playing;
  }, 0);
  const profiles = deck.profiles.length;
  const each = profiles > 0 ? Math.ceil(participants / profiles) : 0;
  const phases = deck.phases.length;
  const cards = deck.phases.reduce((sum, p) => sum + p.cardsPerTeam, 0);
  return {
    teams,
    contexts,
    participants,
    teamsByContext,
    contextSheets: { total: teams + contexts },
    eventCards: { total, set, aside: teams * set - total },
    ...(profiles > 0 ? { profileCards: { total: each * profiles, each, profiles } } : {}),
    ...(deck.guide.worksheet ? { worksheets: { total: teams * (cards + 1), phases, cards } } : {}),
  };
}

/**
 * How many of each card a session needs, by the rules above: an event card once per team that plays it (each
 * of its `copies`), a profile card `each` times. For the print shop's order.
 */
export function cardCopies(deck: Deck): { events: Map<string, number>; profileEach: number } {
  const { teamsByContext, teams, profileCards } = printQuantities(deck);
  const events = new Map<string, number>();
  for (const e of deck.events) {
    const playing = e.appliesTo
      ? e.appliesTo.reduce((n, id) => n + (teamsByContext[id]?.length ?? 0), 0)
      : teams;
    events.set(e.id, playing);
  }
  return { events, profileEach: profileCards?.each ?? 0 };
}
