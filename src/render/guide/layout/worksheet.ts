import { mix } from '../../../compose/colour.ts';
import type { FlowBlock } from '../../../compose/guide/flow.ts';
import { mm } from '../../pdf/document.ts';
import { type Atom, type DrawItem, StructNode } from '../model.ts';
import { type Box, type LayoutContext, lengthPt, linesAt } from './context.ts';
import { sectionHeading } from './sections.ts';

/**
 * The action-plan worksheet: a new page, a title (a section of the guide), labelled lines to fill in, the
 * instructions, then one box per prompt. The boxes share what is left of the page, so that the sheet is one
 * page to photocopy when it fits; each keeps room for at least two lines of writing.
 */
export function worksheet(
  ctx: LayoutContext,
  block: Extract<FlowBlock, { kind: 'worksheet' }>,
  box: Box,
): Atom[] {
  const s = ctx.styles;
  const node = new StructNode('Sect', box.struct, block.title);
  const inner: Box = { ...box, struct: node, level: 1 };
  const head = sectionHeading(ctx, block.title, undefined, undefined, 1, inner);
  head.anchors = [{ id: block.id, title: block.title, level: 1, toc: true }];
  head.breakBefore = true;
  head.spaceBefore = 0;
  const atoms: Atom[] = [head];
  if (block.blanks.length > 0) atoms.push(blanks(ctx, block.blanks, inner));
  atoms.push(...ctx.blocks(block.intro, inner));

  const used = atoms.reduce((sum, a, i) => sum + a.height + (i === 0 ? 0 : a.spaceBefore), 0);
  const gap = mm(4);
  const available = ctx.page.bodyHeight - used - gap * block.prompts.length - 1;
  const totalWeight = block.prompts.reduce((sum, p) => sum + p.weight, 0) || 1;
  const frame = mix(s.palette.muted, '#ffffff', 0.4);
  const writing = mix(s.palette.muted, '#ffffff', 0.7);
  for (const prompt of block.prompts) {
    const pad = 9;
    const items: DrawItem[] = [];
    const lines = ctx.ts.lines(prompt.runs, s.prompt, box.width - 2 * pad);
    const textHeight = linesAt(lines, s.prompt, box.x + pad, pad, new StructNode('P', node), items);
    const height = Math.max(textHeight + 2 * pad + mm(13), (available * prompt.weight) / totalWeight);
    items.unshift({
      kind: 'rect',
      x: box.x,
      y: 0,
      w: box.width,
      h: height,
      stroke: frame,
      lineWidth: 0.9,
      radius: 4,
    });
    // Faint dotted lines to write on, every 8 mm.
    for (let ly = pad + textHeight + mm(8); ly < height - pad + 1; ly += mm(8)) {
      items.push({
        kind: 'line',
        x1: box.x + pad,
        y1: ly,
        x2: box.x + box.width - pad,
        y2: ly,
        colour: writing,
        width: 0.4,
        dash: 1.2,
      });
    }
    atoms.push({ height, spaceBefore: gap, keepWithNext: false, items, frames: box.frames });
  }
  return atoms;
}

/** Labelled lines on one row; those without a width share the row, each with an equal length to write on. */
function blanks(
  ctx: LayoutContext,
  list: Extract<FlowBlock, { kind: 'worksheet' }>['blanks'],
  box: Box,
): Atom {
  const s = ctx.styles;
  const gap = mm(6);
  const labels = list.map((b) => ctx.ts.line([{ text: b.label }], s.fieldLabel));
  const fixed = list.reduce((sum, b) => sum + (b.width ? lengthPt(b.width, box.width) : 0), 0);
  const free = list.filter((b) => !b.width).length;
  const freeLabels = list.reduce((sum, b, i) => sum + (b.width ? 0 : (labels[i]?.width ?? 0) + 4), 0);
  const room =
    free > 0 ? Math.max(mm(12), (box.width - fixed - freeLabels - gap * (list.length - 1)) / free) : 0;
  const items: DrawItem[] = [];
  const lineY = 22;
  let x = box.x;
  list.forEach((blank, i) => {
    const label = labels[i];
    if (!label) return;
    const w = blank.width ? lengthPt(blank.width, box.width) : label.width + 4 + room;
    items.push({ kind: 'text', x, y: lineY - 4, line: label, struct: new StructNode('P', box.struct) });
    items.push({
      kind: 'line',
      x1: x + label.width + 4,
      y1: lineY,
      x2: x + w,
      y2: lineY,
      colour: s.palette.muted,
      width: 0.7,
    });
    x += w + gap;
  });
  return { height: lineY + 4, spaceBefore: 2, keepWithNext: true, items, frames: box.frames };
}
