import { cardNumbers } from '../../check/card-numbers.ts';
import { type FilledSection, filledSections } from '../../check/contexts.ts';
import type { Deck } from '../../check/deck.ts';
import { type Diagnostic, warning } from '../../diagnostics/diagnostic.ts';
import { buildDealModel } from './deal.ts';
import { formatDuration } from './format.ts';
import { labelText } from './labels.ts';
import { fillQuantities } from './placeholders.ts';
import { printQuantities, quantityValues } from './quantities.ts';

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
  const values = quantityValues(quantities);
  const fill = (text: string) => fillQuantities(text, values, locale);
  const fillOrNull = (text: string | undefined) => (text === undefined ? null : fill(text));
  const numbers = cardNumbers(deck);
  const contextName = new Map(deck.contexts.map((c) => [c.id, c.name]));
  const categoryTitle = new Map(deck.categories.map((c) => [c.id, c.title]));

  let clock = 0;
  const rows: AgendaRow[] = deck.guide.agenda.map((item) => {
    const phase = item.phase ? deck.phases.find((p) => p.id === item.phase) : undefined;
    const minutes = phase ? phase.durationMinutes : (item.minutes ?? 0);
    const row: AgendaRow = {
      id: item.id,
      start: clock,
      minutes,
      title: phase ? phase.title : (item.title ?? item.id),
      description: fillOrNull(item.description ?? phase?.goal),
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
        cardNumber: numbers.get(e.id) ?? e.id,
        title: e.title,
        situation: e.situation,
        questions: e.questions,
        constraint: e.constraint ?? null,
        notes: e.notes ?? null,
        copies: e.copies,
        category: e.category ?? null,
        categoryLabel: e.category ? (categoryTitle.get(e.category) ?? e.category) : null,
        rank: e.rank ?? null,
        url: e.url ?? null,
        fields: Object.entries(e.fields ?? {}).map(([name, text]) => ({ name, text })),
        // Without context sheets, "all contexts" says nothing.
        appliesToLabel: e.appliesTo
          ? e.appliesTo.map((id) => contextName.get(id) ?? id).join(', ')
          : deck.contexts.length > 0
            ? labelText(labels, 'all-contexts')
            : null,
        copiesLabel: e.copies > 1 ? labelText(labels, 'guide-copies', { copies: e.copies }, locale) : null,
      }));
    return {
      ...phase,
      number: index + 1,
      durationLabel: formatDuration(phase.durationMinutes, labels),
      events,
    };
  });

  const contexts = deck.contexts.map((c) => ({
    id: c.id,
    name: c.name,
    kind: c.kind ?? null,
    tagline: c.tagline ?? null,
    teams: quantities.teamsByContext[c.id] ?? [],
    teamsLabel: (quantities.teamsByContext[c.id] ?? [])
      .map((n) => `${labelText(labels, 'team')}\u00a0${n}`)
      .join(' · '),
    sections: filledSections(deck.contextSections, c).filter(inGuide).map(guideSection),
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
    guide: {
      ...deck.guide,
      purpose: fill(deck.guide.purpose),
      planB: fillOrNull(deck.guide.planB),
      runningLate: fillOrNull(deck.guide.runningLate),
      // A section for translations only (a note for facilitators abroad) is left out of the source edition.
      sections: deck.guide.sections
        .filter((section) => section.editions === 'all' || locale !== deck.meta.language)
        .map((section) => ({ ...section, body: fill(section.body) })),
      worksheet: deck.guide.worksheet
        ? {
            ...deck.guide.worksheet,
            intro: fill(deck.guide.worksheet.intro),
            example: numbers.values().next().value ?? null,
          }
        : null,
    },
    deal: buildDealModel(deck, numbers, quantities, labels),
    handout: deck.handout
      ? {
          ...deck.handout,
          rules: fill(deck.handout.rules),
          references: deck.handout.references.map((ref) => ({
            ...ref,
            identifier: ref.identifier ?? null,
            url: ref.url ?? null,
          })),
          feedback: deck.handout.feedback ?? null,
        }
      : null,
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
    },
    teamSize: {
      min: Math.max(1, Math.floor(deck.meta.participants.min / teams)),
      max: Math.ceil(deck.meta.participants.max / teams),
    },
    events: { total: deck.events.length },
  };
  return { model, diagnostics };
}

/** A level from 0 to `max` as filled and empty dots, readable at a glance and in extracted text. */
export function gauge(level: number, max = 4): string {
  const filled = Math.max(0, Math.min(max, Math.round(level)));
  return '●'.repeat(filled) + '○'.repeat(max - filled);
}

/** Sections the guide repeats in its summary of each context: at-a-glance ones unless the deck says otherwise. */
function inGuide(f: FilledSection): boolean {
  return f.section.guide ?? ['figures', 'gauges', 'notes'].includes(f.section.kind);
}

function guideSection(f: FilledSection) {
  const max = f.section.scale?.max ?? 4;
  return {
    id: f.section.id,
    kind: f.section.kind,
    title: f.section.title,
    text: f.text ?? null,
    entries: f.entries ?? [],
    figures: f.figures ?? [],
    gauges: (f.gauges ?? []).map((g) => ({ who: g.who, level: g.level, gauge: gauge(g.level, max) })),
  };
}
