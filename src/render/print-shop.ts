import { cardCopies } from '../compose/guide/quantities.ts';
import { printOrderView } from '../compose/views.ts';
import { CARD_LABEL_KEYS, CARD_TEMPLATES, cardItems } from './card-items.ts';
import { drawCard } from './draw-card.ts';
import { PAPERS, type Slot } from './imposition.ts';
import { drawLayout } from './layout/draw.ts';
import { CmykPalette, drawInCmyk } from './pdf/cmyk.ts';
import { setPageBoxes } from './pdf/document.ts';
import { Session } from './session.ts';
import { loadShaping } from './text/shaper.ts';
import type { OutputFile, PrintOrder, RenderInput, RenderResult } from './types.ts';

const MM = 72 / 25.4;
const FILE = 'cards-print-shop.pdf';
const ORDER_FILE = 'print-shop-order.pdf';
/** The order sheet's layout, and the labels the print-shop files read in code. */
export const ORDER_TEMPLATES = ['print-shop-order'] as const;
export const PRINT_SHOP_LABEL_KEYS = [
  'event-cards',
  'profile-cards',
  'print-shop',
  'print-shop-order',
  'print-shop-order-summary',
  'print-shop-order-instructions',
  'print-shop-order-total',
  'page-x-of-y',
];
/** Rows of the order table on one page of the order sheet. */
const ROWS_PER_PAGE = 40;

/**
 * `cards-print-shop.pdf`: one card per page at trim plus bleed, front then back, with TrimBox and BleedBox so a
 * print shop's imposition software places and cuts them; in CMYK (see `pdf/cmyk.ts`). Backs are upright: the
 * shop turns them as it binds. With it, `print-shop-order.pdf`: the order sheet, card by card with its pages
 * and the copies a session needs (the same figures go into the manifest).
 */
export async function renderPrintShop(input: RenderInput): Promise<RenderResult> {
  const { deck, labels } = input;
  const bleed = deck.print.bleed * MM;
  const size: [number, number] = [
    deck.print.card.width * MM + 2 * bleed,
    deck.print.card.height * MM + 2 * bleed,
  ];
  const contents = [labels['event-cards'] ?? 'Event cards'];
  if (deck.profiles.length > 0) contents.push(labels['profile-cards'] ?? 'Profile cards');
  await loadShaping();
  const session = Session.open(input, {
    templates: CARD_TEMPLATES,
    title: `${deck.meta.title} — ${contents.join(', ')} (${labels['print-shop'] ?? 'print shop'})`,
    size,
    labelKeys: [...CARD_LABEL_KEYS, ...PRINT_SHOP_LABEL_KEYS],
    identity: 'cards-print-shop',
    imageColours: input.options.printShopImages ?? 'cmyk',
  });
  if (!(session instanceof Session)) return { files: [], diagnostics: session.diagnostics };
  drawInCmyk(session.doc, session.ctx.emitter, new CmykPalette(deck.print.cmyk));
  const slot: Slot = {
    x: bleed,
    y: bleed,
    w: size[0] - 2 * bleed,
    h: size[1] - 2 * bleed,
    angle: 0,
    bleed: { top: bleed, right: bleed, bottom: bleed, left: bleed },
  };
  const copies = cardCopies(deck);
  const order: PrintOrder = {
    file: FILE,
    trim: { width: deck.print.card.width, height: deck.print.card.height },
    bleed: deck.print.bleed,
    colour: 'CMYK',
    lines: [],
    totalCards: 0,
  };
  let first = true;
  for (const set of ['events', 'profiles'] as const) {
    for (const item of cardItems(deck, session, set)) {
      if (!first) session.addPage(size);
      first = false;
      const front = session.pages;
      setPageBoxes(session.doc, bleed);
      await drawCard(session, item.front.template, item.front.data, slot, item.subject);
      session.addPage(size);
      setPageBoxes(session.doc, bleed);
      await drawCard(session, item.back.template, item.back.data, slot, item.backSubject, { repeated: true });
      const count = item.card.kind === 'event' ? (copies.events.get(item.card.id) ?? 0) : copies.profileEach;
      order.lines.push({ pages: [front, front + 1], ...item.card, copies: count });
      order.totalCards += count;
    }
  }
  const file = { ...(await session.finish(FILE)), order };
  const sheet = await renderOrderSheet(input, order);
  return {
    files: [file, ...sheet.files],
    diagnostics: [...session.sink.list, ...sheet.diagnostics],
    fitting: session.fitting,
  };
}

/** The order sheet: what the file holds, how to print it, and a table of cards with their copies. */
async function renderOrderSheet(
  input: RenderInput,
  order: PrintOrder,
): Promise<{ files: OutputFile[]; diagnostics: RenderResult['diagnostics'] }> {
  const paper = PAPERS[input.options.paper ?? input.deck.print.paper];
  const session = Session.open(input, {
    templates: ORDER_TEMPLATES,
    title: `${input.deck.meta.title} — ${input.labels['print-shop-order'] ?? 'Print shop order'}`,
    size: [paper.width, paper.height],
    labelKeys: PRINT_SHOP_LABEL_KEYS,
    identity: ORDER_FILE,
  });
  if (!(session instanceof Session)) return { files: [], diagnostics: session.diagnostics };
  const pageCount = Math.max(1, Math.ceil(order.lines.length / ROWS_PER_PAGE));
  session.ctx.subject = { label: 'print shop order sheet', roots: { deck: input.deck.origin('meta') } };
  for (let page = 0; page < pageCount; page++) {
    if (page > 0) session.addPage([paper.width, paper.height]);
    const data = printOrderView(session.common, order, {
      from: page * ROWS_PER_PAGE,
      to: (page + 1) * ROWS_PER_PAGE,
      page: page + 1,
      pages: pageCount,
    });
    const layout = session.layouts.fill('print-shop-order', data, paper);
    if (layout) drawLayout(layout, data, session.ctx);
  }
  return { files: [await session.finish(ORDER_FILE)], diagnostics: session.sink.list };
}
