import { CARD_LABEL_KEYS, CARD_TEMPLATES, cardItems } from './card-items.ts';
import { drawCard } from './draw-card.ts';
import type { Slot } from './imposition.ts';
import { setPageBoxes } from './pdf/document.ts';
import { Session } from './session.ts';
import { loadShaping } from './text/shaper.ts';
import type { RenderInput, RenderResult } from './types.ts';

const MM = 72 / 25.4;

/**
 * `cards-print-shop.pdf`: one card per page at trim plus bleed, front then back, with TrimBox and BleedBox so a
 * print shop's imposition software places and cuts them. Backs are upright: the shop turns them as it binds.
 */
export async function renderPrintShop(input: RenderInput): Promise<RenderResult> {
  const { deck } = input;
  const bleed = deck.print.bleed * MM;
  const size: [number, number] = [
    deck.print.card.width * MM + 2 * bleed,
    deck.print.card.height * MM + 2 * bleed,
  ];
  await loadShaping();
  const session = Session.open(input, {
    templates: CARD_TEMPLATES,
    title: `${deck.meta.title} — ${input.labels['event-cards'] ?? 'Event cards'} (print shop)`,
    size,
    labelKeys: [...CARD_LABEL_KEYS, 'event-cards'],
    identity: 'cards-print-shop',
  });
  if (!(session instanceof Session)) return { files: [], diagnostics: session.diagnostics };
  const slot: Slot = {
    x: bleed,
    y: bleed,
    w: size[0] - 2 * bleed,
    h: size[1] - 2 * bleed,
    angle: 0,
    bleed: { top: bleed, right: bleed, bottom: bleed, left: bleed },
  };
  let first = true;
  for (const set of ['events', 'profiles'] as const) {
    for (const item of cardItems(deck, session, set)) {
      if (!first) session.addPage(size);
      first = false;
      setPageBoxes(session.doc, bleed);
      await drawCard(session, item.front.template, item.front.data, slot, item.subject);
      session.addPage(size);
      setPageBoxes(session.doc, bleed);
      await drawCard(session, item.back.template, item.back.data, slot, item.backSubject, { repeated: true });
    }
  }
  const file = await session.finish('cards-print-shop.pdf');
  return { files: [file], diagnostics: session.sink.list, fitting: session.fitting };
}
