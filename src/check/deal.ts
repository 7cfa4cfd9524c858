import { type Diagnostic, error, type Position } from '../diagnostics/diagnostic.ts';
import { didYouMean } from '../diagnostics/suggest.ts';
import type { PathSegment } from '../load/positions.ts';
import type { Context, DealPhase, Event, Phase } from './schema.ts';

/*
 * The default deal against the deck: every phase dealt once, every context served in every phase, each card of
 * the right phase and meant for the context it goes to, no card given to two tables in one phase unless it is the
 * phase's shared card, and as many cards per team as the phase deals (`cardsPerTeam`, which the print checklist
 * counts worksheets from). A deal is optional; when there is one, it must be whole.
 */

interface DealDeck {
  phases: readonly Phase[];
  contexts: readonly Context[];
  events: readonly Event[];
}

export function checkDeal(
  deal: readonly DealPhase[],
  deck: DealDeck,
  at: (path: PathSegment[], options?: { key?: boolean }) => Position | undefined,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const phaseIds = deck.phases.map((p) => p.id);
  const contextIds = deck.contexts.map((c) => c.id);
  const events = new Map(deck.events.map((e) => [e.id, e]));
  const dealt = new Map<string, number>();

  deal.forEach((entry, i) => {
    const phase = deck.phases.find((p) => p.id === entry.phase);
    if (!phase) {
      diagnostics.push(
        error(
          'deal/unknown-phase',
          `the deal names phase \`${entry.phase}\`, which does not exist`,
          at([i, 'phase']),
          didYouMean(entry.phase, phaseIds) ?? `phases: ${phaseIds.join(', ')}`,
        ),
      );
      return;
    }
    const before = dealt.get(phase.id);
    if (before !== undefined) {
      diagnostics.push(
        error(
          'deal/duplicate-phase',
          `phase \`${phase.id}\` is dealt twice (entries ${before + 1} and ${i + 1})`,
          at([i, 'phase']),
          'give each phase one entry',
        ),
      );
      return;
    }
    dealt.set(phase.id, i);

    const card = (id: string, path: PathSegment[], context?: string): Event | undefined => {
      const event = events.get(id);
      const inPhase = deck.events.filter((e) => e.phase === phase.id).map((e) => e.id);
      if (!event) {
        diagnostics.push(
          error(
            'deal/unknown-event',
            `the deal names event \`${id}\`, which does not exist`,
            at(path),
            didYouMean(id, inPhase) ?? didYouMean(id, [...events.keys()]) ?? 'name an event id',
          ),
        );
        return undefined;
      }
      if (event.phase !== phase.id) {
        diagnostics.push(
          error(
            'deal/wrong-phase',
            `event \`${id}\` belongs to phase \`${event.phase}\`, not \`${phase.id}\``,
            at(path),
            `deal it in phase \`${event.phase}\`, or pick a card of phase \`${phase.id}\``,
          ),
        );
      }
      const notFor = context
        ? event.appliesTo && !event.appliesTo.includes(context)
          ? [context]
          : []
        : event.appliesTo
          ? contextIds.filter((c) => !event.appliesTo?.includes(c))
          : [];
      if (notFor.length > 0) {
        diagnostics.push(
          error(
            'deal/not-for-context',
            context
              ? `event \`${id}\` is not meant for context \`${context}\` (appliesTo: ${event.appliesTo?.join(', ')})`
              : `shared event \`${id}\` does not apply to every context (not to ${notFor.join(', ')})`,
            at(path),
            context
              ? `deal it to ${event.appliesTo?.join(' or ')}, or add \`${context}\` to its appliesTo`
              : 'a shared card goes to every table: pick a card without appliesTo',
          ),
        );
      }
      return event;
    };

    if (entry.shared !== undefined) card(entry.shared, [i, 'shared']);
    const given = new Map<string, string>();
    for (const [context, ids] of Object.entries(entry.teams)) {
      if (!contextIds.includes(context)) {
        diagnostics.push(
          error(
            'deal/unknown-context',
            `the deal names context \`${context}\`, which does not exist`,
            at([i, 'teams', context], { key: true }),
            didYouMean(context, contextIds) ?? `contexts: ${contextIds.join(', ')}`,
          ),
        );
        continue;
      }
      ids.forEach((id, j) => {
        const path = [i, 'teams', context, j];
        if (id === entry.shared) {
          diagnostics.push(
            error(
              'deal/shared-twice',
              `event \`${id}\` is the shared card of phase \`${phase.id}\`: every team has it already`,
              at(path),
              'remove it from the team list, or name another shared card',
            ),
          );
          return;
        }
        const other = given.get(id);
        if (other !== undefined) {
          diagnostics.push(
            error(
              'deal/dealt-twice',
              other === context
                ? `event \`${id}\` is dealt twice to \`${context}\` in phase \`${phase.id}\``
                : `event \`${id}\` is dealt to \`${other}\` and \`${context}\` in phase \`${phase.id}\``,
              at(path),
              'a card goes to one table per phase; to give it to all, make it the `shared` card',
            ),
          );
          return;
        }
        given.set(id, context);
        card(id, path, context);
      });
      const count = ids.length + (entry.shared === undefined ? 0 : 1);
      if (count !== phase.cardsPerTeam) {
        diagnostics.push(
          error(
            'deal/card-count',
            `context \`${context}\` gets ${count} card${count === 1 ? '' : 's'} in phase \`${phase.id}\`, which deals ${phase.cardsPerTeam} per team (cardsPerTeam)`,
            at([i, 'teams', context], { key: true }),
            count < phase.cardsPerTeam
              ? `add ${phase.cardsPerTeam - count} card${phase.cardsPerTeam - count === 1 ? '' : 's'}, or lower the phase's cardsPerTeam`
              : `remove ${count - phase.cardsPerTeam}, or raise the phase's cardsPerTeam`,
          ),
        );
      }
    }
    for (const context of contextIds) {
      if (!(context in entry.teams)) {
        diagnostics.push(
          error(
            'deal/missing-context',
            `context \`${context}\` gets no cards in phase \`${phase.id}\``,
            at([i, 'teams'], { key: true }),
            `add \`${context}: [...]\` with its cards`,
          ),
        );
      }
    }
  });
  for (const phase of deck.phases) {
    if (!dealt.has(phase.id)) {
      diagnostics.push(
        error(
          'deal/missing-phase',
          `the deal has no entry for phase \`${phase.id}\``,
          at([], { key: true }),
          `add \`- phase: ${phase.id}\` with its shared card and each context's cards`,
        ),
      );
    }
  }
  return diagnostics;
}
