import { mix } from '../../../compose/colour.ts';
import type { FlowBlock } from '../../../compose/guide/flow.ts';
import { mm } from '../../pdf/document.ts';
import { type Atom, type DrawItem, StructNode } from '../model.ts';
import type { TextStyle } from '../typesetter.ts';
import { type Box, type LayoutContext, lengthPt, linesAt } from './context.ts';
import { sectionHeading } from './sections.ts';

/** Handwriting rule: lines this far apart, and at least this many of them in every box. */
export const WRITING_RULE = mm(7);
export const MIN_WRITING_LINES = 5;

/**
 * The action-plan worksheet: a new page, a title (a section of the guide), labelled lines to fill in, the
 * instructions, then one box per prompt with ruled lines to write on (7 mm apart, at least five a box). The
 * sheet is one page to photocopy: the boxes go in as few columns as fit the page (one, two or three), their
 * prompts set smaller in narrow columns, and the boxes of a row share what height is left over.
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
  if (block.prompts.length === 0) return atoms;

  const used = atoms.reduce((sum, a, i) => sum + a.height + (i === 0 ? 0 : a.spaceBefore), 0);
  const gap = mm(4);
  const available = ctx.page.bodyHeight - used - 1;
  const plan = planBoxes(ctx, block.prompts, box.width, gap, available);
  const frame = mix(s.palette.muted, '#ffffff', 0.4);
  const writing = mix(s.palette.muted, '#ffffff', 0.7);
  const rows = Math.ceil(block.prompts.length / plan.columns);
  // What the page has left is shared by the rows, by the weight of their prompts.
  const spare = Math.max(0, available - plan.height);
  const weights = Array.from({ length: rows }, (_, r) =>
    Math.max(...block.prompts.slice(r * plan.columns, (r + 1) * plan.columns).map((p) => p.weight)),
  );
  const totalWeight = weights.reduce((a, b) => a + b, 0) || 1;
  for (let r = 0; r < rows; r++) {
    const cells = block.prompts.slice(r * plan.columns, (r + 1) * plan.columns);
    const height = (plan.rowHeights[r] as number) + (spare * (weights[r] as number)) / totalWeight;
    // A last row with fewer boxes spreads them over the whole width.
    const width = (box.width - gap * (cells.length - 1)) / cells.length;
    const items: DrawItem[] = [];
    cells.forEach((prompt, i) => {
      const x = box.x + i * (width + gap);
      const lines = ctx.ts.lines(prompt.runs, plan.style, width - 2 * PAD);
      const textHeight = linesAt(lines, plan.style, x + PAD, PAD, new StructNode('P', node), items);
      items.unshift({ kind: 'rect', x, y: 0, w: width, h: height, stroke: frame, lineWidth: 0.9, radius: 4 });
      for (let ly = PAD + textHeight + WRITING_RULE; ly <= height - PAD / 2 + 0.01; ly += WRITING_RULE) {
        items.push({
          kind: 'line',
          x1: x + PAD,
          y1: ly,
          x2: x + width - PAD,
          y2: ly,
          colour: writing,
          width: 0.4,
          dash: 1.2,
        });
      }
    });
    atoms.push({ height, spaceBefore: gap, keepWithNext: false, items, frames: box.frames });
  }
  return atoms;
}

/** Inner margin of a box, in points. */
const PAD = 8;

/**
 * The fewest columns whose boxes, each with its prompt and five ruled lines, fit the height left on the page;
 * three columns (the most) when none does, the sheet then running onto a second page.
 */
function planBoxes(
  ctx: LayoutContext,
  prompts: Extract<FlowBlock, { kind: 'worksheet' }>['prompts'],
  width: number,
  gap: number,
  available: number,
): { columns: number; style: TextStyle; rowHeights: number[]; height: number } {
  let plan: { columns: number; style: TextStyle; rowHeights: number[]; height: number } | undefined;
  for (const columns of [1, 2, 3]) {
    if (columns > 1 && columns > prompts.length) break;
    const base = ctx.styles.prompt;
    const scale = columns === 1 ? 1 : columns === 2 ? 0.9 : 0.82;
    const style = { ...base, size: base.size * scale, leading: base.leading * scale };
    const rowHeights: number[] = [];
    for (let start = 0; start < prompts.length; start += columns) {
      const cells = prompts.slice(start, start + columns);
      const w = (width - gap * (cells.length - 1)) / cells.length;
      const text = Math.max(
        ...cells.map((p) => ctx.ts.lines(p.runs, style, w - 2 * PAD).length * style.leading),
      );
      rowHeights.push(PAD + text + MIN_WRITING_LINES * WRITING_RULE + PAD / 2);
    }
    const height = rowHeights.reduce((a, b) => a + b, 0) + gap * rowHeights.length;
    plan = { columns, style, rowHeights, height };
    if (height <= available) break;
  }
  return plan as { columns: number; style: TextStyle; rowHeights: number[]; height: number };
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
