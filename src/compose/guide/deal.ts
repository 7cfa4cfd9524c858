import type { Deck } from '../../check/deck.ts';
import { labelText } from './labels.ts';
import type { PrintQuantities } from './quantities.ts';

/*
 * The default deal as the guide prints it: a table per phase (the shared card, then each context's cards) and
 * one envelope label per team and phase, listing the cards to slip in by number and title.
 */

interface DealtCard {
  cardNumber: string;
  title: string;
  shared: boolean;
}

export interface DealModel {
  phases: {
    id: string;
    title: string;
    colour: string;
    shared: DealtCard | null;
    rows: { context: string; teams: string; cards: DealtCard[] }[];
  }[];
  envelopes: {
    team: number;
    teamLabel: string;
    context: string;
    phase: string;
    colour: string;
    cards: DealtCard[];
  }[];
}

export function buildDealModel(
  deck: Deck,
  numbers: ReadonlyMap<string, string>,
  quantities: PrintQuantities,
  labels: Readonly<Record<string, string>>,
): DealModel | null {
  const deal = deck.guide.deal;
  if (!deal || deal.length === 0) return null;
  const events = new Map(deck.events.map((e) => [e.id, e]));
  const card = (id: string, shared = false): DealtCard => ({
    cardNumber: numbers.get(id) ?? id,
    title: events.get(id)?.title ?? id,
    shared,
  });
  const teamLabel = (n: number) => `${labelText(labels, 'team')}\u00a0${n}`;
  const model: DealModel = { phases: [], envelopes: [] };
  // Phases in the deck's order, whatever the order of the deal's entries.
  for (const phase of deck.phases) {
    const entry = deal.find((d) => d.phase === phase.id);
    if (!entry) continue;
    const shared = entry.shared === undefined ? null : card(entry.shared, true);
    const rows = deck.contexts.map((context) => ({
      context: context.name,
      teams: (quantities.teamsByContext[context.id] ?? []).map(teamLabel).join(', '),
      cards: (entry.teams[context.id] ?? []).map((id) => card(id)),
    }));
    model.phases.push({ id: phase.id, title: phase.title, colour: phase.colour, shared, rows });
  }
  for (const context of deck.contexts) {
    for (const team of quantities.teamsByContext[context.id] ?? []) {
      for (const phase of model.phases) {
        const row = phase.rows.find((r) => r.context === context.name);
        model.envelopes.push({
          team,
          teamLabel: teamLabel(team),
          context: context.name,
          phase: phase.title,
          colour: phase.colour,
          cards: [...(phase.shared ? [phase.shared] : []), ...(row?.cards ?? [])],
        });
      }
    }
  }
  model.envelopes.sort((a, b) => a.team - b.team);
  return model;
}
