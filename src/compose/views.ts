import { type FilledSection, filledSections } from '../check/contexts.ts';
import type { Deck } from '../check/deck.ts';
import type { BackKind, Category, Context, Event, Phase, Profile } from '../check/schema.ts';
import { formatLabel } from '../localize/labels.ts';
import { mix, readableOn, textOn } from './colour.ts';

/*
 * The data each layout is filled with: plain objects (Handlebars denies prototype access), every key present
 * (strict mode: an absent optional field is `null`, not missing), lengths in millimetres as plain numbers so
 * a layout writes `x="{{size.safe}}mm"`. docs/templates.md lists these keys for designers.
 */

export type LabelSet = Readonly<Record<string, string>>;

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
  /** The card's short number (`C-07`), printed in the band; see `cardNumbers`. */
  number: string,
) {
  const names = event.appliesTo?.map((id) => deck.contexts.find((c) => c.id === id)?.name ?? id) ?? null;
  const category = event.category ? deck.categories.find((c) => c.id === event.category) : undefined;
  const fields = { ...event.fields };
  return {
    ...common,
    side: 'front',
    kind: 'event',
    ...parts,
    // A category with its own colour (a suit) colours its cards' band and accents instead of the phase.
    ...(category?.colour ? { tone: toneView(deck, category.colour) } : {}),
    category: category ? categoryView(category) : null,
    card: {
      id: event.id,
      number,
      title: event.title,
      situation: event.situation,
      questions: [...event.questions],
      constraint: event.constraint ?? null,
      rank: event.rank ?? null,
      icon: event.icon ?? null,
      image: event.image ?? null,
      url: event.url ?? null,
      /** The address to print beside its QR code, breakable after `/`, `.`, `?`, `&`, `=`, `-` and `_`. */
      urlText: event.url ? breakableUrl(event.url) : null,
      fields,
      /** Names of the free fields, in the order written, to print them all: `card.fields.<name>`. */
      fieldNames: Object.keys(fields),
      appliesTo: names ? names.join(' · ') : null,
      copy,
      copies: event.copies,
    },
  };
}

/** An address with zero-width spaces after its separators: a long URL wraps there instead of overflowing. */
export function breakableUrl(url: string): string {
  return url.replace(/^(\w+:\/\/)|([/.?&=_-])(?=.)/g, (whole, scheme: string | undefined) =>
    scheme ? whole : `${whole}\u200b`,
  );
}

export function categoryView(category: Category) {
  return {
    id: category.id,
    title: category.title,
    colour: category.colour ?? null,
    icon: category.icon ?? null,
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

/**
 * The back of a card: `phase` (event cards telling their phase), `uniform` (event cards of a deck whose backs
 * must not tell cards apart: nothing from the card or its phase), `light` (like `phase`, printed light: see
 * below) or `profile`. With `print.backs: light`, every back (profile cards too) is white paper with an outline
 * and a band in its colour: its text then takes the colour's readable ink.
 */
export function cardBackView(
  common: Common,
  deck: Deck,
  back: { kind: BackKind | 'profile'; phase?: Phase | undefined },
) {
  const phase = back.kind === 'phase' || back.kind === 'light' ? back.phase : undefined;
  const tone = toneView(deck, phase ? phase.colour : deck.theme.colours.accent);
  const light = deck.print.backs === 'light';
  return {
    ...common,
    side: 'back',
    kind: back.kind === 'profile' ? 'profile' : 'event',
    back: { kind: back.kind, art: phase?.cardBack ?? deck.theme.cardBack ?? null },
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
  const filled = filledSections(deck.contextSections, context);
  const content: Record<string, unknown> = {};
  const headings: Record<string, { title: string; legend: string | null }> = {};
  for (const f of filled) {
    const id = f.section.id;
    content[id] = f.text ?? f.entries ?? f.figures ?? f.gauges?.map((g) => gaugeView(f, g)) ?? null;
    headings[id] = { title: f.section.title, legend: gaugeLegend(common, f) };
  }
  const views = filled.map(sectionView);
  const ofKind = (...kinds: string[]) => views.filter((v) => kinds.includes(v.kind));
  return {
    ...common,
    page: { ...page, margin: 14 },
    sheet: { number: deck.contexts.indexOf(context) + 1, count: deck.contexts.length },
    context: {
      ...content,
      id: context.id,
      name: context.name,
      kind: context.kind ?? null,
      tagline: context.tagline ?? null,
    },
    /** Section headings (`headings.<id>.title`) and gauge legends, by section id: deck text, read by `field`. */
    headings,
    /** The context's sections in deck order, and grouped the way the default layout places them. */
    sections: {
      all: views,
      figures: ofKind('figures'),
      text: ofKind('paragraph', 'bullets', 'numbered'),
      gauges: ofKind('gauges'),
      notes: ofKind('notes'),
    },
  };
}

/** What a layout needs to place one section; its texts are read by `field` from `context.<id>`. */
function sectionView(f: FilledSection) {
  return {
    id: f.section.id,
    kind: f.section.kind,
    count: (f.entries ?? f.figures ?? f.gauges ?? []).length,
    max: f.section.scale?.max ?? 4,
    /** Indexes of the entries, to write `field="context.{{../id}}.{{this}}"` in an `each`. */
    indexes: (f.entries ?? f.figures ?? f.gauges ?? []).map((_, i) => i),
    /** Per rating: its level, and whether it has a level word and a reason to print. */
    ratings:
      f.gauges?.map((g) => ({
        level: g.level,
        word: f.section.scale?.levels?.[g.level] !== undefined,
        reason: g.reason !== undefined,
      })) ?? [],
  };
}

function gaugeView(f: FilledSection, g: { who: string; level: number; reason?: string | undefined }) {
  return {
    who: g.who,
    level: g.level,
    reason: g.reason ?? null,
    levelLabel: f.section.scale?.levels?.[g.level] ?? null,
  };
}

/** "From 0 (hostile) to 4 (champions)": the ends of a gauge section's scale, when the deck names them. */
function gaugeLegend(common: Common, f: FilledSection): string | null {
  const scale = f.section.scale;
  if (f.section.kind !== 'gauges' || !scale) return null;
  const low = scale.low ?? scale.levels?.[0];
  const high = scale.high ?? scale.levels?.[scale.max];
  if (low === undefined || high === undefined) return null;
  return formatLabel(common.labels, 'gauge-legend', { low, high, max: scale.max }, common.locale);
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
      steps: formatLabel(common.labels, 'calibration-steps', values, common.locale),
      setting: formatLabel(common.labels, 'calibration-setting', values, common.locale),
      back: formatLabel(common.labels, 'calibration-back', values, common.locale),
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
      summary: formatLabel(labels, 'print-shop-order-summary', values, common.locale),
      instructions: formatLabel(labels, 'print-shop-order-instructions', values, common.locale),
      rows: order.lines.slice(part.from, part.to).map((line) => ({
        pages: `${line.pages[0]}–${line.pages[1]}`,
        card: `${labels[line.kind === 'event' ? 'event-cards' : 'profile-cards'] ?? line.kind} · ${line.title} (${line.id})`,
        copies: String(line.copies),
      })),
      last: part.page === part.pages,
      total: formatLabel(labels, 'print-shop-order-total', values, common.locale),
      page: formatLabel(labels, 'page-x-of-y', { page: part.page, pages: part.pages }, common.locale),
    },
  };
}
