import type { FlowBlock, Length, TableColumn } from '../../../compose/guide/flow.ts';
import type { Run } from '../../../markdown.ts';
import { mm } from '../../pdf/document.ts';
import { type Atom, type DrawItem, type Frame, StructNode } from '../model.ts';
import { baselineIn, type GuideStyles, type PageGeometry } from '../styles.ts';
import type { Line, TextStyle, Typesetter } from '../typesetter.ts';

/*
 * What every part of the layout shares: where content goes (a box), the tools to set text, and the rules
 * that hold atoms together across page breaks.
 */

/** Where blocks are being laid out: horizontal extent, boxes around, structure parent, heading depth. */
export interface Box {
  x: number;
  width: number;
  frames: readonly Frame[];
  struct: StructNode;
  /** Level of the heading that owns this content (0 before any section). */
  level: number;
}

export interface LayoutContext {
  ts: Typesetter;
  styles: GuideStyles;
  page: PageGeometry;
  /** Every block of the guide (the contents lists sections found anywhere). */
  all: readonly FlowBlock[];
  /** Lays out nested blocks (section bodies, box contents). */
  blocks(blocks: readonly FlowBlock[], box: Box): Atom[];
  /** A frame with a fresh id. */
  frame(spec: Omit<Frame, 'id'>): Frame;
}

/** Narrower columns than this get hyphenation points. */
export const NARROW = mm(75);

/** One atom per line; the first two and the last two lines stay together (no orphans, no widows). */
export function paragraph(
  ctx: LayoutContext,
  runs: readonly Run[],
  style: TextStyle,
  box: Box,
  space: number,
  type = 'P',
): Atom[] {
  const node = new StructNode(type, box.struct);
  const lines = ctx.ts.lines(runs, style, box.width, box.width < NARROW);
  const atoms = lines.map(
    (line, i): Atom => ({
      height: style.leading,
      spaceBefore: i === 0 ? space : 0,
      keepWithNext: false,
      items: [{ kind: 'text', x: box.x, y: baselineIn(style), line, struct: node }],
      frames: box.frames,
    }),
  );
  return holdLines(atoms);
}

/** No orphan (a first line alone at the foot of a page), no widow (a last line alone at the top). */
export function holdLines(atoms: Atom[]): Atom[] {
  const n = atoms.length;
  if (n >= 2) {
    (atoms[0] as Atom).keepWithNext = true;
    (atoms[n - 2] as Atom).keepWithNext = true;
  }
  return atoms;
}

/** A heading as one atom, kept with what follows. */
export function heading(
  ctx: LayoutContext,
  runs: readonly Run[],
  style: TextStyle,
  box: Box,
  type: string,
  space: number,
): Atom {
  const items: DrawItem[] = [];
  const height = linesAt(
    ctx.ts.lines(runs, style, box.width),
    style,
    box.x,
    0,
    new StructNode(type, box.struct),
    items,
  );
  return { height: height + 3, spaceBefore: space, keepWithNext: true, items, frames: box.frames };
}

/** Lines as items from `top`, for content drawn inside one atom. Returns the height they take. */
export function linesAt(
  lines: Line[],
  style: TextStyle,
  x: number,
  top: number,
  struct: StructNode | undefined,
  items: DrawItem[],
  width?: number,
  align: TableColumn['align'] = 'left',
): number {
  lines.forEach((line, i) => {
    const offset =
      width === undefined || align === 'left'
        ? 0
        : align === 'right'
          ? width - line.width
          : (width - line.width) / 2;
    items.push({
      kind: 'text',
      x: x + offset,
      y: top + i * style.leading + baselineIn(style),
      line,
      ...(struct ? { struct } : {}),
    });
  });
  return lines.length * style.leading;
}

/** Holds a run of atoms on one page when it fits on one (boxes, `<keep>`). */
export function keepTogether(atoms: Atom[], pageHeight: number): Atom[] {
  const total = atoms.reduce((sum, a, i) => sum + a.height + (i === 0 ? 0 : a.spaceBefore), 0);
  if (total <= pageHeight) for (const a of atoms.slice(0, -1)) a.keepWithNext = true;
  return atoms;
}

/** The first atom of a body sits close to what introduces it. */
export function trimFirstSpace(atoms: Atom[], space: number): void {
  const first = atoms[0];
  if (first && !first.breakBefore) first.spaceBefore = Math.min(first.spaceBefore, space);
}

export function lengthPt(length: Length, of: number): number {
  return 'pt' in length ? length.pt : (length.percent / 100) * of;
}
