import type { Subject } from './diagnostics.ts';
import { enterSlot, type Slot } from './imposition.ts';
import { drawLayout, imagesPending, prepareImages } from './layout/draw.ts';
import type { Session } from './session.ts';

/**
 * Fills a card layout and draws it in a slot: turned as the slot says and clipped to the trim plus the bleed
 * the slot allows. Images are read (asynchronously) only the first time a layout needs them.
 */
export async function drawCard(
  session: Session,
  template: string,
  data: object,
  slot: Slot,
  subject: Subject,
  options: { repeated?: boolean } = {},
): Promise<void> {
  const { deck, ctx } = session;
  ctx.subject = subject;
  const size = { width: mmToPt(deck.print.card.width), height: mmToPt(deck.print.card.height) };
  const layout = session.layouts.fill(template, data, size);
  if (!layout) return;
  if (imagesPending(layout, ctx)) await prepareImages(layout, ctx);
  const bleed = mmToPt(deck.print.bleed);
  enterSlot(session.doc, slot);
  // A face drawn many times with the same data (a phase's back) is drawn once, then placed.
  if (options.repeated)
    session.stamps.draw(data, template, [-bleed, -bleed, size.width + bleed, size.height + bleed], () =>
      drawLayout(layout, data, ctx, bleed),
    );
  else drawLayout(layout, data, ctx, bleed);
  session.doc.restore();
}

export const mmToPt = (mm: number) => (mm * 72) / 25.4;
