import { error } from '../diagnostics/diagnostic.ts';
import { CALIBRATION_LABEL_KEYS, CALIBRATION_TEMPLATES, drawCalibration } from './calibration.ts';
import { type CardFace, FaceHasher } from './card-faces.ts';
import { CARD_LABEL_KEYS, CARD_TEMPLATES, type CardItem, type CardSet, cardItems } from './card-items.ts';
import { drawCard } from './draw-card.ts';
import {
  backSlots,
  cropMarks,
  type Imposition,
  impose,
  MARK_WIDTH,
  PAPERS,
  type Slot,
} from './imposition.ts';
import { Session } from './session.ts';
import { loadShaping } from './text/shaper.ts';
import type { RenderInput, RenderResult } from './types.ts';

/**
 * `event-cards.pdf`: event cards imposed on A4 or Letter, each sheet of fronts followed by its sheet of backs
 * placed for the deck's duplex flip and back offset, crop marks in the margins, and a calibration sheet at the
 * end; each phase starts a new sheet. With profiles, `profile-cards.pdf` too, imposed the same way: the two are
 * printed in different numbers (a deck per team, a card per participant).
 */
export async function renderEventCards(input: RenderInput): Promise<RenderResult> {
  const events = await renderCardSet(input, 'events');
  if (input.deck.profiles.length === 0 || events.files.length === 0) return events;
  const profiles = await renderCardSet(input, 'profiles');
  return {
    files: [...events.files, ...profiles.files],
    diagnostics: [...events.diagnostics, ...profiles.diagnostics],
    fitting: [...(events.fitting ?? []), ...(profiles.fitting ?? [])],
  };
}

/**
 * `reprint-cards.pdf`: only the cards named in `cards` (`event/<id>`, `profile/<id>`), imposed and backed as
 * in the full documents, event cards first, each phase and the profiles on sheets of their own; no
 * calibration sheet. Undefined when none of the deck's cards is named.
 */
export async function renderReprint(input: RenderInput, cards: ReadonlySet<string>): Promise<RenderResult> {
  const select = (item: CardItem) => cards.has(item.key);
  return renderCardSet(input, 'all', { name: REPRINT_FILE, calibration: false, select });
}

export const REPRINT_FILE = 'reprint-cards.pdf';

interface CardSetOptions {
  name?: string;
  calibration?: boolean;
  select?: (item: CardItem) => boolean;
}

const CARD_FILES: Record<CardSet, { name: string; label: string; fallback: string }> = {
  events: { name: 'event-cards.pdf', label: 'event-cards', fallback: 'Event cards' },
  profiles: { name: 'profile-cards.pdf', label: 'profile-cards', fallback: 'Profile cards' },
};

async function renderCardSet(
  input: RenderInput,
  set: CardSet | 'all',
  options: CardSetOptions = {},
): Promise<RenderResult> {
  const { deck } = input;
  const paper = PAPERS[input.options.paper ?? deck.print.paper];
  const imposition = impose(paper, deck.print.card, deck.print.bleed);
  if (!imposition) return { files: [], diagnostics: [tooLarge(input)] };
  const file = CARD_FILES[set === 'all' ? 'events' : set];
  const withCalibration = set === 'events' && options.calibration !== false;
  const sets: CardSet[] = set === 'all' ? ['events', 'profiles'] : [set];
  await loadShaping();
  const session = Session.open(input, {
    templates: [...CARD_TEMPLATES, ...(withCalibration ? CALIBRATION_TEMPLATES : [])],
    title: `${deck.meta.title} — ${input.labels[file.label] ?? file.fallback}`,
    size: [paper.width, paper.height],
    duplex: deck.print.duplex,
    labelKeys: [...CARD_LABEL_KEYS, ...(withCalibration ? CALIBRATION_LABEL_KEYS : []), file.label],
    identity: options.name ?? (set === 'profiles' ? 'profile-cards' : 'event-cards'),
  });
  if (!(session instanceof Session)) return { files: [], diagnostics: session.diagnostics };
  const hasher = new FaceHasher(session, input.fonts);
  const faces: CardFace[] = [];
  const items = function* (open: Session) {
    for (const one of sets)
      for (const item of cardItems(deck, open, one)) if (!options.select || options.select(item)) yield item;
  };

  const backs = backSlots(imposition, deck.print.duplex, deck.print.backOffset);
  let sheet: CardItem[] = [];
  let first = true;
  const flush = async () => {
    if (sheet.length === 0) return;
    if (!first) session.addPage([paper.width, paper.height]);
    first = false;
    await drawSheet(session, imposition, sheet, backs);
    sheet = [];
  };
  for (const item of items(session)) {
    if (sheet.length === imposition.slots.length || (sheet.length > 0 && sheet[0]?.group !== item.group))
      await flush();
    sheet.push(item);
    faces.push({
      card: item.key,
      copy: item.copy,
      front: hasher.face(item.front.template, item.front.data),
      back: hasher.face(item.back.template, item.back.data),
    });
  }
  if (faces.length === 0 && options.select) return { files: [], diagnostics: session.sink.list };
  await flush();
  if (withCalibration) drawCalibration(session, paper, deck.print.duplex);
  const pdf = await session.finish(options.name ?? file.name);
  pdf.faces = faces;
  return { files: [pdf], diagnostics: session.sink.list, fitting: session.fitting };
}

async function drawSheet(
  session: Session,
  imposition: Imposition,
  items: CardItem[],
  backs: Slot[],
): Promise<void> {
  for (const [i, item] of items.entries())
    await drawCard(session, item.front.template, item.front.data, imposition.slots[i] as Slot, item.subject);
  if (session.deck.print.cropMarks) drawMarks(session.doc, imposition, items.length);
  session.addPage([imposition.paper.width, imposition.paper.height]);
  for (const [i, item] of items.entries())
    await drawCard(session, item.back.template, item.back.data, backs[i] as Slot, item.backSubject, {
      repeated: true,
    });
}

function drawMarks(doc: PDFKit.PDFDocument, imposition: Imposition, used: number): void {
  const marks = cropMarks(imposition, used);
  if (marks.length === 0) return;
  doc.save().lineWidth(MARK_WIDTH).strokeColor('#000000');
  for (const m of marks) doc.moveTo(m.x1, m.y1).lineTo(m.x2, m.y2);
  doc.stroke().restore();
}

function tooLarge(input: RenderInput) {
  const { card } = input.deck.print;
  const paper = input.options.paper ?? input.deck.print.paper;
  return error(
    'render/card-too-large',
    `cards of ${card.width}×${card.height} mm do not fit on ${paper} paper with its margins`,
    input.deck.origin('print')?.position(['card']),
    'choose a smaller card size, or use --print-shop for one card per page',
  );
}
