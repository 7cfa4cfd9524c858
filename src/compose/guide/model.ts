import type { Deck } from '../../check/deck.ts';
import { type Diagnostic, warning } from '../../diagnostics/diagnostic.ts';
import { formatDuration } from './format.ts';
import { labelText } from './labels.ts';
import { printQuantities } from './quantities.ts';

/*
 * What `templates/guide.hbs` sees: the deck plus everything the guide computes from it (agenda times, print
 * quantities, which team plays which authority, cards grouped by phase). Plain objects only: Handlebars denies
 * access to prototypes and getters.
 */

export interface AgendaRow {
  id: string;
  start: number;
  minutes: number;
  title: string;
  /** Optional values are `null` rather than absent, as the layouts' strict mode expects. */
  description: string | null;
  colour: string | null;
  phase: string | null;
}

/** The data `templates/guide.hbs` is filled with; `labels` must already hold every key the guide reads. */
export function buildGuideModel(
  deck: Deck,
  labels: Readonly<Record<string, string>>,
  locale: string,
): { model: Record<string, unknown>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const quantities = printQuantities(deck);
  const contextName = new Map(deck.contexts.map((c) => [c.id, c.name]));

  let clock = 0;
  const rows: AgendaRow[] = deck.guide.agenda.map((item) => {
    const phase = item.phase ? deck.phases.find((p) => p.id === item.phase) : undefined;
    const minutes = phase ? phase.durationMinutes : (item.minutes ?? 0);
    const row: AgendaRow = {
      id: item.id,
      start: clock,
      minutes,
      title: phase ? phase.title : (item.title ?? item.id),
      description: item.description ?? phase?.goal ?? null,
      colour: phase?.colour ?? null,
      phase: phase?.id ?? null,
    };
    clock += minutes;
    return row;
  });
  const planned = deck.meta.durationMinutes;
  if (clock > planned) {
    diagnostics.push(
      warning(
        'guide/agenda-overrun',
        `the agenda adds up to ${clock} minutes, ${clock - planned} more than the session's ${planned} (meta.durationMinutes)`,
        deck.origin('guide')?.position(['agenda']),
        'shorten a step or a phase, or raise meta.durationMinutes',
      ),
    );
  }

  const phases = deck.phases.map((phase, index) => {
    const events = deck.events
      .filter((e) => e.phase === phase.id)
      .map((e) => ({
        id: e.id,
        title: e.title,
        situation: e.situation,
        questions: e.questions,
        constraint: e.constraint ?? null,
        notes: e.notes,
        copies: e.copies,
        category: e.category,
        categoryLabel: labelText(labels, `category-${e.category}`),
        appliesToLabel: e.appliesTo
          ? e.appliesTo.map((id) => contextName.get(id) ?? id).join(', ')
          : labelText(labels, 'all-contexts'),
        copiesLabel: e.copies > 1 ? labelText(labels, 'guide-copies', { copies: e.copies }) : null,
      }));
    return {
      ...phase,
      number: index + 1,
      durationLabel: formatDuration(phase.durationMinutes, labels),
      events,
    };
  });

  const contexts = deck.contexts.map((c) => ({
    ...c,
    teams: quantities.teamsByContext[c.id] ?? [],
    teamsLabel: (quantities.teamsByContext[c.id] ?? [])
      .map((n) => `${labelText(labels, 'team')}\u00a0${n}`)
      .join(' · '),
    attitudes: c.attitudes.map((g) => ({ ...g, gauge: gauge(g.level) })),
    ecosystem: c.ecosystem.map((g) => ({ ...g, gauge: gauge(g.level) })),
    tagline: c.tagline ?? null,
  }));

  const teams = deck.meta.teams;
  const model = {
    locale,
    labels,
    meta: { ...deck.meta, subtitle: deck.meta.subtitle ?? null, authorsLabel: deck.meta.authors.join(', ') },
    theme: { ...deck.theme.colours, logo: deck.theme.logo ?? null },
    phases,
    contexts,
    profiles: deck.profiles,
    guide: { ...deck.guide, planB: deck.guide.planB ?? null, worksheet: deck.guide.worksheet ?? null },
    agenda: {
      rows,
      totalMinutes: clock,
      plannedMinutes: planned,
      overrun: clock > planned,
      exact: clock === planned,
      overMinutes: Math.max(0, clock - planned),
      marginMinutes: Math.max(0, planned - clock),
    },
    material: {
      ...quantities,
      profileCards: quantities.profileCards ?? null,
      worksheets: quantities.worksheets ?? null,
      // The event-card file ends with the duplex calibration sheet only when the printer flips the sheets.
      calibration: deck.print.duplex === 'long-edge' || deck.print.duplex === 'short-edge',
    },
    teamSize: {
      min: Math.max(1, Math.floor(deck.meta.participants.min / teams)),
      max: Math.ceil(deck.meta.participants.max / teams),
    },
    events: { total: deck.events.length },
  };
  return { model, diagnostics };
}

/** A level from 0 to 4 as filled and empty dots, readable at a glance and in extracted text. */
export function gauge(level: number): string {
  const filled = Math.max(0, Math.min(4, Math.round(level)));
  return '●'.repeat(filled) + '○'.repeat(4 - filled);
}
