import type { Deck } from '../check/deck.ts';
import type { Context, Event, Phase, Profile } from '../check/schema.ts';
import { mix, readableOn, textOn } from './colour.ts';

/*
 * The data each layout is filled with: plain objects (Handlebars denies prototype access), every key present
 * (strict mode: an absent optional field is `null`, not missing), lengths in millimetres as plain numbers so
 * a layout writes `x="{{size.safe}}mm"`. docs/templates.md lists these keys for designers.
 */

export type LabelSet = Readonly<Record<string, string>>;

/** Label key of an event category: `civil-society` → `category-civil-society`. */
export function categoryLabelKey(category: string): string {
  return `category-${category}`;
}

export function deckView(deck: Deck) {
  return {
    id: deck.meta.id,
    title: deck.meta.title,
    subtitle: deck.meta.subtitle ?? null,
    version: deck.meta.version,
    licence: deck.meta.licence,
    authors: deck.meta.authors.join(', '),
  };
}

export function themeView(deck: Deck) {
  const { ink, paper, accent, muted } = deck.theme.colours;
  return {
    colours: {
      ink,
      paper,
      accent,
      muted,
      accentTint: mix(accent, paper, 0.88),
      accentInk: readableOn(accent, paper),
      onAccent: textOn(accent, ink, paper),
      rule: mix(muted, paper, 0.6),
    },
    logo: deck.theme.logo ?? null,
    cardBack: deck.theme.cardBack ?? null,
  };
}

/** A colour with what goes with it: text on it, a light wash of it, and a version that reads as text on paper. */
export function toneView(deck: Deck, colour: string) {
  const { ink, paper } = deck.theme.colours;
  return {
    colour,
    onColour: textOn(colour, ink, paper),
    tint: mix(colour, paper, 0.86),
    ink: readableOn(colour, paper),
  };
}

export function phaseView(deck: Deck, phase: Phase) {
  return {
    id: phase.id,
    title: phase.title,
    goal: phase.goal,
    ...toneView(deck, phase.colour),
    number: deck.phases.indexOf(phase) + 1,
    count: deck.phases.length,
  };
}

export interface CardGeometry {
  width: number;
  height: number;
  bleed: number;
  safe: number;
}

export function sizeView(deck: Deck): CardGeometry {
  return {
    width: deck.print.card.width,
    height: deck.print.card.height,
    bleed: deck.print.bleed,
    safe: deck.print.safeMargin,
  };
}

interface Common {
  deck: ReturnType<typeof deckView>;
  theme: ReturnType<typeof themeView>;
  labels: LabelSet;
  locale: string;
}

export function commonView(deck: Deck, labels: LabelSet, locale: string): Common {
  return { deck: deckView(deck), theme: themeView(deck), labels, locale };
}

/** What every card of a phase shares, computed once per phase rather than per card. */
export function phaseCardParts(deck: Deck, phase: Phase) {
  return { size: sizeView(deck), phase: phaseView(deck, phase), tone: toneView(deck, phase.colour) };
}

export function eventCardView(
  common: Common,
  deck: Deck,
  event: Event,
  parts: ReturnType<typeof phaseCardParts>,
  copy: number,
) {
  const names = event.appliesTo?.map((id) => deck.contexts.find((c) => c.id === id)?.name ?? id) ?? null;
  return {
    ...common,
    side: 'front',
    kind: 'event',
    ...parts,
    card: {
      id: event.id,
      title: event.title,
      situation: event.situation,
      questions: [...event.questions],
      constraint: event.constraint ?? null,
      category: event.category,
      categoryLabel: common.labels[categoryLabelKey(event.category)] ?? event.category,
      appliesTo: names ? names.join(' · ') : null,
      copy,
      copies: event.copies,
    },
  };
}

export function profileCardView(common: Common, deck: Deck, profile: Profile, index: number) {
  return {
    ...common,
    side: 'front',
    kind: 'profile',
    size: sizeView(deck),
    phase: null,
    tone: toneView(deck, deck.theme.colours.accent),
    card: {
      id: profile.id,
      title: profile.title,
      description: profile.description,
      cares: profile.cares,
      asks: profile.asks,
      number: index + 1,
      count: deck.profiles.length,
    },
  };
}

export function cardBackView(common: Common, deck: Deck, phase: Phase | undefined) {
  const tone = toneView(deck, phase ? phase.colour : deck.theme.colours.accent);
  const light = deck.print.backs === 'light';
  return {
    ...common,
    side: 'back',
    kind: phase ? 'event' : 'profile',
    size: sizeView(deck),
    phase: phase ? phaseView(deck, phase) : null,
    light,
    fill: light ? deck.theme.colours.paper : tone.colour,
    // A light back is printed on paper: its text takes the colour's ink instead of the ink on the colour.
    tone: light ? { ...tone, onColour: tone.ink } : tone,
  };
}

export function contextSheetView(
  common: Common,
  deck: Deck,
  context: Context,
  page: { width: number; height: number },
) {
  return {
    ...common,
    page: { ...page, margin: 14 },
    sheet: { number: deck.contexts.indexOf(context) + 1, count: deck.contexts.length },
    levelMax: 4,
    context: {
      id: context.id,
      name: context.name,
      kind: context.kind,
      tagline: context.tagline ?? null,
      territory: context.territory,
      figures: context.figures.map((f) => ({ ...f })),
      objectives: [...context.objectives],
      attitudes: context.attitudes.map((g) => ({
        ...g,
        levelLabel: common.labels[`level-${g.level}`] ?? String(g.level),
      })),
      ecosystem: context.ecosystem.map((g) => ({
        ...g,
        levelLabel: common.labels[`presence-${g.level}`] ?? String(g.level),
      })),
      data: [...context.data],
      tensions: [...context.tensions],
    },
  };
}

/** `{name}` placeholders of a label filled in. */
export function formatLabel(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{([A-Za-z][\w-]*)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

export function calibrationView(
  common: Common,
  deck: Deck,
  page: { width: number; height: number },
  side: 'front' | 'back',
  target: { x: number; y: number },
  flip: 'long-edge' | 'short-edge',
) {
  const flipLabel = common.labels[flip === 'long-edge' ? 'duplex-long-edge' : 'duplex-short-edge'] ?? flip;
  const offset = { dx: round(deck.print.backOffset.dx), dy: round(deck.print.backOffset.dy) };
  const values = { flip: flipLabel, dx: offset.dx, dy: offset.dy };
  return {
    ...common,
    side,
    page: { ...page, margin: 14 },
    target,
    flip,
    flipLabel,
    offset,
    text: {
      steps: formatLabel(common.labels['calibration-steps'] ?? '', values),
      setting: formatLabel(common.labels['calibration-setting'] ?? '', values),
      back: formatLabel(common.labels['calibration-back'] ?? '', values),
      actualSize: common.labels['print-actual-size'] ?? '',
    },
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** What the print-shop order sheet shows (the render stage's order, structurally). */
interface OrderData {
  file: string;
  trim: { width: number; height: number };
  bleed: number;
  lines: readonly {
    pages: readonly [number, number];
    kind: string;
    id: string;
    title: string;
    copies: number;
  }[];
  totalCards: number;
}

/** One page of the print-shop order sheet: rows `from`..`to` of the order, the totals on the last page. */
export function printOrderView(
  common: Common,
  order: OrderData,
  part: { from: number; to: number; page: number; pages: number },
) {
  const labels = common.labels;
  const pageCount = order.lines.length * 2;
  const values = {
    file: order.file,
    cards: order.lines.length,
    pages: pageCount,
    width: round(order.trim.width),
    height: round(order.trim.height),
    bleed: round(order.bleed),
    total: order.totalCards,
  };
  return {
    ...common,
    order: {
      summary: formatLabel(labels['print-shop-order-summary'] ?? '', values),
      instructions: formatLabel(labels['print-shop-order-instructions'] ?? '', values),
      rows: order.lines.slice(part.from, part.to).map((line) => ({
        pages: `${line.pages[0]}–${line.pages[1]}`,
        card: `${labels[line.kind === 'event' ? 'event-cards' : 'profile-cards'] ?? line.kind} · ${line.title} (${line.id})`,
        copies: String(line.copies),
      })),
      last: part.page === part.pages,
      total: formatLabel(labels['print-shop-order-total'] ?? '', values),
      page: formatLabel(labels['page-x-of-y'] ?? '', { page: part.page, pages: part.pages }),
    },
  };
}
