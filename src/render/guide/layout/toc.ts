import type { FlowBlock } from '../../../compose/guide/flow.ts';
import { mm } from '../../pdf/document.ts';
import { type Atom, type DrawItem, StructNode } from '../model.ts';
import { baselineIn } from '../styles.ts';
import { type Box, type LayoutContext, linesAt, trimFirstSpace } from './context.ts';
import { sectionHeading } from './sections.ts';

export interface TocEntry {
  id: string;
  title: string;
  level: number;
  colour?: string;
}

/**
 * The contents: one entry per section (and worksheet) down to `depth`, with dotted leaders and a page number
 * filled in after pagination; each entry is a link to its section, tagged TOC › TOCI › Link.
 */
export function toc(ctx: LayoutContext, block: Extract<FlowBlock, { kind: 'toc' }>, box: Box): Atom[] {
  const s = ctx.styles;
  const sect = new StructNode('Sect', box.struct, block.title);
  const head = sectionHeading(ctx, block.title, undefined, undefined, 1, { ...box, struct: sect });
  head.anchors = [{ id: 'contents', title: block.title, level: 1, toc: false }];
  head.breakBefore = true;
  const list = new StructNode('TOC', sect);
  const numberSlot = mm(12);
  const entries: Atom[] = [];
  for (const entry of tocEntries(ctx.all, block.depth)) {
    const style = entry.level === 1 ? s.tocLevel1 : s.tocLevel2;
    const indent = entry.level === 1 ? 0 : mm(7);
    const x = box.x + indent;
    const link = new StructNode('Link', new StructNode('TOCI', list));
    const lines = ctx.ts.lines([{ text: entry.title }], style, box.width - indent - numberSlot - mm(4));
    const items: DrawItem[] = [];
    if (entry.colour) {
      items.push({
        kind: 'rect',
        x: x - mm(4),
        y: baselineIn(style) - style.size * 0.62,
        w: 4.5,
        h: 4.5,
        fill: entry.colour,
        radius: 2.25,
      });
    }
    const height = linesAt(lines, style, x, 0, link, items);
    const baseline = height - style.leading + baselineIn(style);
    const leaderStart = x + (lines.at(-1)?.width ?? 0) + 5;
    const leaderEnd = box.x + box.width - numberSlot + 2;
    items.push({
      kind: 'line',
      x1: leaderStart,
      y1: baseline,
      x2: leaderEnd,
      y2: baseline,
      colour: s.palette.rule,
      width: 0.8,
      dash: 1.6,
    });
    items.push({
      kind: 'pageref',
      x: box.x + box.width,
      align: 'right',
      y: baseline,
      target: entry.id,
      style,
      struct: link,
    });
    items.push({ kind: 'link', x: box.x, y: 0, w: box.width, h: height, target: entry.id, struct: link });
    entries.push({
      height,
      spaceBefore: entry.level === 1 ? 9 : 2.5,
      keepWithNext: false,
      items,
      frames: box.frames,
    });
  }
  trimFirstSpace(entries, 4);
  return [head, ...entries];
}

/** Contents entries: sections and worksheets, in order, down to `depth`. */
export function tocEntries(blocks: readonly FlowBlock[], depth: number, level = 1): TocEntry[] {
  const entries: TocEntry[] = [];
  for (const b of blocks) {
    if (b.kind === 'section') {
      if (b.toc) entries.push({ id: b.id, title: b.title, level, ...(b.colour ? { colour: b.colour } : {}) });
      if (level < depth) entries.push(...tocEntries(b.children, depth, level + 1));
    } else if (b.kind === 'worksheet') {
      entries.push({ id: b.id, title: b.title, level });
    } else if (b.kind === 'keep') {
      entries.push(...tocEntries(b.children, depth, level));
    }
  }
  return entries;
}
