import type { FlowBlock, TableColumn } from '../../../compose/guide/flow.ts';
import { mm } from '../../pdf/document.ts';
import { type Atom, type DrawItem, StructNode } from '../model.ts';
import { baselineIn } from '../styles.ts';
import { type Box, type LayoutContext, lengthPt, linesAt, NARROW } from './context.ts';

const PAD_X = 5;
const PAD_Y = 4.5;
/** Room taken in the first cell by a row's colour strip. */
const STRIP = 4;

/** A horizontal rule across a box. */
export function rule(box: Box, y: number, colour: string, width: number): DrawItem {
  return { kind: 'line', x1: box.x, y1: y, x2: box.x + box.width, y2: y, colour, width };
}

/**
 * A table: a header row (repeated, as an artifact, on each page the table continues onto), then one atom per
 * row, never split. Rules between rows; a row's colour is a strip at its left; a total row sits under a rule.
 */
export function table(ctx: LayoutContext, block: Extract<FlowBlock, { kind: 'table' }>, box: Box): Atom[] {
  const s = ctx.styles;
  const cellStyle = block.size === 'small' ? s.cellSmall : s.cell;
  const widths = columnWidths(block.columns, box.width);
  const xs = widths.map((_, i) => box.x + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const node = new StructNode('Table', box.struct);

  const headerRow = (tagged: boolean): Atom => {
    const tr = tagged ? new StructNode('TR', node) : undefined;
    const items: DrawItem[] = [];
    let height = 0;
    block.columns.forEach((column, i) => {
      const w = (widths[i] ?? 0) - 2 * PAD_X;
      const lines = ctx.ts.lines([{ text: column.label }], s.tableHead, w);
      const th = tr ? new StructNode('TH', tr) : undefined;
      height = Math.max(
        height,
        linesAt(lines, s.tableHead, (xs[i] ?? 0) + PAD_X, PAD_Y, th, items, w, column.align),
      );
    });
    height += 2 * PAD_Y;
    items.push(rule(box, height, s.palette.ink, 0.9));
    return { height, spaceBefore: s.paragraphSpace + 2, keepWithNext: true, items, frames: box.frames };
  };
  const header = headerRow(true);
  const repeat = { ...headerRow(false), spaceBefore: 0 };

  const rows = block.rows.map((row): Atom => {
    const tr = new StructNode('TR', node);
    const items: DrawItem[] = [];
    const base = row.total ? { ...cellStyle, bold: true } : cellStyle;
    let height = 0;
    row.cells.forEach((cell, i) => {
      const strip = i === 0 && row.colour ? STRIP : 0;
      const w = (widths[i] ?? 0) - 2 * PAD_X - strip;
      const style =
        cell.style === 'body'
          ? base
          : { ...s[cell.style], size: base.size - 0.5, leading: base.leading - 1, bold: row.total };
      const lines = ctx.ts.lines(cell.runs, style, w, w < NARROW);
      const x = (xs[i] ?? 0) + PAD_X + strip;
      height = Math.max(
        height,
        linesAt(
          lines,
          style,
          x,
          PAD_Y,
          new StructNode('TD', tr),
          items,
          w,
          block.columns[i]?.align ?? 'left',
        ),
      );
    });
    height += 2 * PAD_Y;
    if (row.colour)
      items.unshift({
        kind: 'rect',
        x: box.x,
        y: PAD_Y - 1,
        w: 3,
        h: height - 2 * PAD_Y + 2,
        fill: row.colour,
        radius: 1.5,
      });
    if (row.total) items.unshift(rule(box, 0, s.palette.ink, 0.9));
    else items.push(rule(box, height, s.palette.rule, 0.5));
    return { height, spaceBefore: 0, keepWithNext: false, items, frames: box.frames, repeatHeader: repeat };
  });
  // The header stays with the first row; the last two rows stay together.
  if (rows.length >= 2) (rows[rows.length - 2] as Atom).keepWithNext = true;
  return [header, ...rows];
}

/** Column widths: fixed ones as written, the rest share what is left equally. */
export function columnWidths(columns: readonly TableColumn[], total: number): number[] {
  const fixed = columns.map((c) => (c.width ? lengthPt(c.width, total) : undefined));
  const used = fixed.reduce<number>((sum, w) => sum + (w ?? 0), 0);
  const free = fixed.filter((w) => w === undefined).length;
  const share = free > 0 ? Math.max(mm(15), (total - used) / free) : 0;
  return fixed.map((w) => w ?? share);
}

/**
 * Things to prepare: a box to tick, what (bold), how many (large, on the right), how it was counted (small).
 * Tagged as a list whose items read in that order.
 */
export function checklist(
  ctx: LayoutContext,
  entries: Extract<FlowBlock, { kind: 'checklist' }>['items'],
  box: Box,
): Atom[] {
  const s = ctx.styles;
  const node = new StructNode('L', box.struct);
  const tick = mm(3.8);
  const textX = box.x + mm(8);
  const textWidth = box.width - mm(8) - mm(20);
  const top = 6;
  const baseline = top + baselineIn(s.checkLabel);
  return entries.map((entry, index): Atom => {
    const body = new StructNode('LBody', new StructNode('LI', node));
    const items: DrawItem[] = [];
    items.push({
      kind: 'rect',
      x: box.x + 1,
      y: baseline - tick + 0.5,
      w: tick,
      h: tick,
      stroke: s.palette.ink,
      lineWidth: 0.9,
      radius: 1.2,
    });
    const label = ctx.ts.lines(entry.runs, s.checkLabel, textWidth);
    let y = top + linesAt(label, s.checkLabel, textX, top, new StructNode('P', body), items);
    const quantity = ctx.ts.line([{ text: entry.quantity }], s.quantity);
    items.push({
      kind: 'text',
      x: box.x + box.width - quantity.width,
      y: baseline + 1,
      line: quantity,
      struct: new StructNode('P', body),
    });
    if (entry.detail.length > 0) {
      const detail = ctx.ts.lines(entry.detail, s.muted, textWidth);
      y += 1 + linesAt(detail, s.muted, textX, y + 1, new StructNode('P', body), items);
    }
    const height = y + 6;
    items.push(rule(box, height, s.palette.rule, 0.5));
    return {
      height,
      spaceBefore: index === 0 ? s.paragraphSpace : 0,
      keepWithNext: false,
      items,
      frames: box.frames,
    };
  });
}
