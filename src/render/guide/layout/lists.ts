import type { Fact } from '../../../compose/guide/flow.ts';
import type { Run } from '../../../markdown.ts';
import { mm } from '../../pdf/document.ts';
import { type Atom, type DrawItem, StructNode } from '../model.ts';
import { baselineIn } from '../styles.ts';
import type { TextStyle } from '../typesetter.ts';
import { type Box, holdLines, type LayoutContext, linesAt, NARROW } from './context.ts';

/** A bulleted or numbered list: label in a gutter, text aligned after it; tagged L › LI › Lbl + LBody. */
export function list(
  ctx: LayoutContext,
  items: Run[][],
  ordered: boolean,
  style: TextStyle,
  box: Box,
): Atom[] {
  const node = new StructNode('L', box.struct);
  const gutter = ordered ? ctx.ts.width(`${items.length}.`, 'bold', style.size) + 6 : mm(4.5);
  const width = box.width - gutter;
  const labelStyle = { ...style, colour: ordered ? style.colour : ctx.styles.palette.accent, bold: ordered };
  const atoms: Atom[] = [];
  items.forEach((runs, index) => {
    const li = new StructNode('LI', node);
    const lbl = new StructNode('Lbl', li);
    const body = new StructNode('LBody', li);
    const label = ctx.ts.line([{ text: ordered ? `${index + 1}.` : '•' }], labelStyle);
    const lines = ctx.ts.lines(runs, style, width, width < NARROW);
    const itemAtoms = lines.map((line, i): Atom => {
      const drawn: DrawItem[] = [];
      if (i === 0) drawn.push({ kind: 'text', x: box.x, y: baselineIn(style), line: label, struct: lbl });
      drawn.push({ kind: 'text', x: box.x + gutter, y: baselineIn(style), line, struct: body });
      const space = i > 0 ? 0 : index === 0 ? ctx.styles.paragraphSpace : 3;
      return {
        height: style.leading,
        spaceBefore: space,
        keepWithNext: false,
        items: drawn,
        frames: box.frames,
      };
    });
    atoms.push(...holdLines(itemAtoms));
  });
  return atoms;
}

/** Label and value pairs on a grid (key figures, gauges): a row of the grid is one atom. */
export function facts(ctx: LayoutContext, list: Fact[], columns: number, box: Box): Atom[] {
  const s = ctx.styles;
  const gap = mm(5);
  const n = Math.max(1, columns);
  const w = (box.width - gap * (n - 1)) / n;
  const valueStyle = { ...s.body, bold: true };
  const atoms: Atom[] = [];
  for (let start = 0; start < list.length; start += n) {
    const items: DrawItem[] = [];
    let height = 0;
    list.slice(start, start + n).forEach((fact, i) => {
      const x = box.x + i * (w + gap);
      const label = ctx.ts.lines([{ text: fact.label }], s.factLabel, w);
      let y = linesAt(label, s.factLabel, x, 0, new StructNode('P', box.struct), items);
      y += linesAt(
        ctx.ts.lines(fact.value, valueStyle, w, w < NARROW),
        valueStyle,
        x,
        y,
        new StructNode('P', box.struct),
        items,
      );
      height = Math.max(height, y);
    });
    atoms.push({
      height,
      spaceBefore: start === 0 ? s.paragraphSpace : 5,
      keepWithNext: false,
      items,
      frames: box.frames,
    });
  }
  return atoms;
}
