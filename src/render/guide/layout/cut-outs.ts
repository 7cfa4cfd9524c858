import type { FlowBlock } from '../../../compose/guide/flow.ts';
import { mm } from '../../pdf/document.ts';
import { extendFrames, type FrameExtent, frameRects, shiftItem } from '../frames.ts';
import type { Anchor, Atom, DrawItem } from '../model.ts';
import type { Box, LayoutContext } from './context.ts';

/*
 * Pieces to cut out (envelope labels, name tags): each block laid out on its own in a column, the columns side
 * by side, and dashed cutting lines on a shared grid around them. A row of pieces is one atom, so that no
 * piece is cut by a page break. The pieces of a row are as tall as the tallest, their boxes stretched to it.
 */

/** Space between two pieces; the cutting line runs down its middle. */
const GAP = mm(4);
const CUT_LINE = { width: 0.6, dash: 5 } as const;

interface Piece {
  items: DrawItem[];
  /** Frames of the piece's own boxes, in piece coordinates. */
  extents: FrameExtent[];
  anchors: Anchor[];
  height: number;
}

export function cutOuts(
  ctx: LayoutContext,
  block: Extract<FlowBlock, { kind: 'cut-outs' }>,
  box: Box,
): Atom[] {
  const columns = Math.max(1, block.columns);
  const width = (box.width - GAP * (columns - 1)) / columns;
  const atoms: Atom[] = [];
  for (let start = 0; start < block.children.length; start += columns) {
    const row = block.children.slice(start, start + columns).map((child, column) =>
      piece(ctx, child, {
        x: box.x + column * (width + GAP),
        width,
        frames: [],
        struct: box.struct,
        level: box.level,
      }),
    );
    const height = Math.max(...row.map((p) => p.height));
    const items: DrawItem[] = [];
    for (const p of row) {
      // The outer box of a shorter piece reaches down to the row's foot, like its neighbours'.
      for (const extent of p.extents)
        if (extent.depth === 0 && extent.bottom >= p.height - 0.01) extent.bottom = height;
      items.push(...frameRects(p.extents), ...p.items);
    }
    items.push(...cuttingLines(box.x, width, row.length, height, ctx.styles.palette.muted));
    atoms.push({
      height,
      spaceBefore: start === 0 ? ctx.styles.paragraphSpace + GAP : GAP,
      keepWithNext: false,
      items,
      frames: box.frames,
      ...(row.some((p) => p.anchors.length > 0) ? { anchors: row.flatMap((p) => p.anchors) } : {}),
    });
  }
  return atoms;
}

/** A block laid out in `box` and stacked into one piece: its atoms one under the other, as on a page. */
function piece(ctx: LayoutContext, block: FlowBlock, box: Box): Piece {
  const items: DrawItem[] = [];
  const extents = new Map<number, FrameExtent>();
  const anchors: Anchor[] = [];
  let y = 0;
  ctx.blocks([block], box).forEach((atom, i) => {
    if (i > 0) y += atom.spaceBefore;
    extendFrames(extents, atom.frames, y, y + atom.height);
    for (const item of atom.items) items.push(shiftItem(item, y));
    anchors.push(...(atom.anchors ?? []));
    y += atom.height;
  });
  return { items, extents: [...extents.values()], anchors, height: y };
}

/** The grid around a row of `count` pieces: a line above and below, and one left and right of every piece. */
function cuttingLines(x: number, width: number, count: number, height: number, colour: string): DrawItem[] {
  const half = GAP / 2;
  const left = x - half;
  const right = x + count * (width + GAP) - half;
  const line = (x1: number, y1: number, x2: number, y2: number): DrawItem => ({
    kind: 'line',
    x1,
    y1,
    x2,
    y2,
    colour,
    width: CUT_LINE.width,
    dash: CUT_LINE.dash,
  });
  const lines = [line(left, -half, right, -half), line(left, height + half, right, height + half)];
  for (let i = 0; i <= count; i++) {
    const at = left + i * (width + GAP);
    lines.push(line(at, -half, at, height + half));
  }
  return lines;
}
