import type { FlowBlock } from '../../../compose/guide/flow.ts';
import { mm } from '../../pdf/document.ts';
import { type Atom, type DrawItem, StructNode } from '../model.ts';
import { inkOf } from '../styles.ts';
import { type LayoutContext, linesAt } from './context.ts';

/** Smallest size of the phase captions along the cover's foot, in points. */
const MIN_CAPTION_SIZE = 5.5;

/**
 * The cover, a page of its own: a band in the accent colour with kicker, title and subtitle; the session at a
 * glance on a grid of three; the phase colours along the foot with their names.
 */
export function cover(
  ctx: LayoutContext,
  block: Extract<FlowBlock, { kind: 'cover' }>,
  root: StructNode,
): Atom {
  const s = ctx.styles;
  const p = ctx.page;
  const colour = block.colour ?? s.palette.accent;
  const node = new StructNode('Sect', root);
  const P = () => new StructNode('P', node);
  const text: DrawItem[] = [];
  let y = mm(34);
  if (block.kicker)
    y +=
      linesAt(
        ctx.ts.lines([{ text: block.kicker }], s.coverKicker, p.bodyWidth),
        s.coverKicker,
        p.left,
        y,
        P(),
        text,
      ) + mm(5);
  y += linesAt(
    ctx.ts.lines([{ text: block.title }], s.coverTitle, p.bodyWidth),
    s.coverTitle,
    p.left,
    y,
    new StructNode('H1', node),
    text,
  );
  if (block.subtitle) {
    const lines = ctx.ts.lines([{ text: block.subtitle }], s.coverSubtitle, p.bodyWidth * 0.85);
    y += mm(3) + linesAt(lines, s.coverSubtitle, p.left, y + mm(3), P(), text);
  }
  const band = Math.max(mm(110), y + mm(16));
  const items: DrawItem[] = [
    { kind: 'rect', x: 0, y: 0, w: p.width, h: band, fill: colour },
    { kind: 'rect', x: 0, y: band, w: p.width, h: 3, fill: inkOf(colour) },
    ...text,
  ];
  // The logo sits in the band's top right corner, above the kicker.
  if (block.logo)
    items.push({
      kind: 'image',
      src: block.logo,
      x: p.right - mm(40),
      y: mm(12),
      w: mm(40),
      h: mm(16),
      at: block.at,
    });

  const gap = mm(6);
  const columns = 3;
  const w = (p.bodyWidth - gap * (columns - 1)) / columns;
  let rowTop = band + mm(16);
  for (let start = 0; start < block.facts.length; start += columns) {
    let rowHeight = 0;
    block.facts.slice(start, start + columns).forEach((fact, i) => {
      const x = p.left + i * (w + gap);
      items.push({
        kind: 'line',
        x1: x,
        y1: rowTop,
        x2: x + w,
        y2: rowTop,
        colour: s.palette.rule,
        width: 0.6,
      });
      const label = ctx.ts.lines([{ text: fact.label }], s.coverFactLabel, w);
      let h = mm(2.5) + linesAt(label, s.coverFactLabel, x, rowTop + mm(2.5), P(), items);
      h += linesAt(ctx.ts.lines(fact.value, s.factValue, w), s.factValue, x, rowTop + h + 1, P(), items) + 1;
      rowHeight = Math.max(rowHeight, h);
    });
    rowTop += rowHeight + mm(7);
  }
  for (const note of block.notes)
    rowTop += linesAt(ctx.ts.lines(note, s.muted, p.bodyWidth), s.muted, p.left, rowTop, P(), items) + 4;

  if (block.swatches.length > 0) {
    const sg = mm(3);
    const sw = (p.bodyWidth - sg * (block.swatches.length - 1)) / block.swatches.length;
    const top = p.bottom - mm(16);
    // With many phases the swatches get narrow: the captions shrink together until their longest word fits,
    // down to a floor below which a word is cut with a hyphen rather than run into its neighbour.
    const base = { ...s.meta, bold: true };
    const widest = Math.max(...block.swatches.map((w) => ctx.ts.widestWord([{ text: w.caption }], base)));
    const scale = widest > sw ? Math.max(MIN_CAPTION_SIZE / base.size, sw / widest) : 1;
    block.swatches.forEach((swatch, i) => {
      const x = p.left + i * (sw + sg);
      const caption = {
        ...base,
        size: base.size * scale,
        leading: base.leading * scale,
        colour: inkOf(swatch.colour),
      };
      items.push({ kind: 'rect', x, y: top, w: sw, h: mm(4), fill: swatch.colour, radius: 2 });
      linesAt(ctx.ts.lines([{ text: swatch.caption }], caption, sw), caption, x, top + mm(6), P(), items);
    });
  }
  return { height: p.height, spaceBefore: 0, keepWithNext: false, items, frames: [], fullPage: true };
}
