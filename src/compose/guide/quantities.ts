import type { Deck } from '../../check/deck.ts';
import type { QuantityName } from '../../check/quantity-names.ts';

/*
 * How many of each printed thing and supply a session needs, computed once from the deck's participants, teams,
 * phases and dealing rules. The checklist, the room section, the worksheet's intro and the manifest all read
 * these figures (deck prose through `{placeholders}`, see `QUANTITY_NAMES`), so they cannot disagree. The rules:
 * - context sheets: two per team (one to read, one to annotate), plus a full set for the facilitator;
 * - event cards: one deck per team, so that every team can be dealt the same card and the debrief can compare
 *   plans; a team's deck only keeps the cards that apply to its context (`appliesTo`), each in its `copies`;
 * - envelopes: one per team and phase, holding that phase's deal;
 * - profile cards: one per participant (the maximum), so every profile is printed ceil(max / profiles) times;
 * - worksheets: one per team and phase, plus one per team for the synthesis it presents.
 */

export interface PrintQuantities {
  teams: number;
  contexts: number;
  participants: number;
  phases: number;
  /** Context id → team numbers (1-based) that play it; team n plays context (n - 1) mod contexts. */
  teamsByContext: Record<string, number[]>;
  contextSheets: { total: number; perTeam: number; facilitator: number };
  eventCards: { total: number; set: number; aside: number };
  /** Cards a team plays over the session (each phase's `cardsPerTeam`, summed). */
  cardsPerTeam: number;
  envelopes: { total: number; perTeam: number };
  profileCards?: { total: number; each: number; profiles: number };
  worksheets?: { total: number; perTeam: number };
}

const CONTEXT_SHEETS_PER_TEAM = 2;

export function printQuantities(deck: Deck): PrintQuantities {
  const teams = deck.meta.teams;
  const contexts = deck.contexts.length;
  const participants = deck.meta.participants.max;
  const phases = deck.phases.length;
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
  const contextSheetsPerTeam = contexts > 0 ? CONTEXT_SHEETS_PER_TEAM : 0;
  const worksheetsPerTeam = phases + 1;
  return {
    teams,
    contexts,
    participants,
    phases,
    teamsByContext,
    contextSheets: {
      total: teams * contextSheetsPerTeam + contexts,
      perTeam: contextSheetsPerTeam,
      facilitator: contexts,
    },
    eventCards: { total, set, aside: teams * set - total },
    cardsPerTeam: deck.phases.reduce((sum, p) => sum + p.cardsPerTeam, 0),
    envelopes: { total: teams * phases, perTeam: phases },
    ...(profiles > 0 ? { profileCards: { total: each * profiles, each, profiles } } : {}),
    ...(deck.guide.worksheet
      ? { worksheets: { total: teams * worksheetsPerTeam, perTeam: worksheetsPerTeam } }
      : {}),
  };
}

/** The figures deck prose may print as `{name}`: the same numbers as the print checklist. */
export function quantityValues(q: PrintQuantities): Record<QuantityName, number> {
  return {
    teams: q.teams,
    participants: q.participants,
    phases: q.phases,
    contexts: q.contexts,
    'context-sheets': q.contextSheets.total,
    'context-sheets-per-team': q.contextSheets.perTeam,
    'event-cards': q.eventCards.total,
    'cards-per-team': q.cardsPerTeam,
    envelopes: q.envelopes.total,
    'envelopes-per-team': q.envelopes.perTeam,
    'profile-cards': q.profileCards?.total ?? 0,
    worksheets: q.worksheets?.total ?? 0,
    'worksheets-per-team': q.worksheets?.perTeam ?? 0,
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
