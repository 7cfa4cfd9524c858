import type { FlowBlock } from '../../../compose/guide/flow.ts';
import { mm } from '../../pdf/document.ts';
import { type Anchor, type Atom, type DrawItem, StructNode } from '../model.ts';
import { inkOf, tint } from '../styles.ts';
import { type Box, type LayoutContext, linesAt, trimFirstSpace } from './context.ts';

/** A section: its heading (anchored for contents, bookmarks and running header), then its body one level down. */
export function section(
  ctx: LayoutContext,
  block: Extract<FlowBlock, { kind: 'section' }>,
  box: Box,
): Atom[] {
  const level = Math.min(6, box.level + 1);
  const node = new StructNode('Sect', box.struct, block.title);
  const head = sectionHeading(ctx, block.title, block.kicker, block.colour, level, { ...box, struct: node });
  head.anchors = [
    {
      id: block.id,
      title: block.title,
      level,
      toc: block.toc,
      ...(block.colour ? { colour: block.colour } : {}),
    } satisfies Anchor,
  ];
  head.breakBefore = block.pageBreak;
  const inner = { ...box, struct: node, level };
  const [first, ...rest] = block.children;
  const intro = first ? ctx.blocks([first], inner) : [];
  // A short introduction (up to three lines) stays with what it introduces, as the heading stays with it.
  const last = intro.at(-1);
  if (first?.kind === 'paragraph' && last && intro.length <= 3 && rest.length > 0) last.keepWithNext = true;
  const body = [...intro, ...ctx.blocks(rest, inner)];
  trimFirstSpace(body, level === 1 ? 4 : 2);
  return [head, ...body];
}

/**
 * Level 1: an accent rule above a large title. Level 2 with a colour (phases): a tinted band with a coloured
 * edge, the kicker in the colour. Deeper levels: a bold title.
 */
export function sectionHeading(
  ctx: LayoutContext,
  title: string,
  kicker: string | undefined,
  colour: string | undefined,
  level: number,
  box: Box,
): Atom {
  const s = ctx.styles;
  const items: DrawItem[] = [];
  const runs = [{ text: title }];
  const kickerNode = () => new StructNode('P', box.struct);
  if (level === 1) {
    const kickerStyle = { ...s.kicker, colour: inkOf(colour ?? s.palette.accent) };
    items.push({ kind: 'rect', x: box.x, y: 0, w: mm(14), h: 2.2, fill: colour ?? s.palette.accent });
    let y = 12;
    if (kicker)
      y += linesAt(
        ctx.ts.lines([{ text: kicker }], kickerStyle, box.width),
        kickerStyle,
        box.x,
        y,
        kickerNode(),
        items,
      );
    y += linesAt(
      ctx.ts.lines(runs, s.h1, box.width),
      s.h1,
      box.x,
      y,
      new StructNode('H1', box.struct),
      items,
    );
    return { height: y + 6, spaceBefore: 26, keepWithNext: true, items, frames: box.frames };
  }
  const style = level === 2 ? s.h2 : level === 3 ? s.h3 : s.h4;
  if (level === 2 && colour) {
    const pad = 9;
    const edge = 4;
    const inner = box.width - 2 * pad - edge;
    const band = tint(colour, 0.14);
    const kickerStyle = { ...s.kicker, colour: inkOf(colour, band) };
    const kickerLines = kicker ? ctx.ts.lines([{ text: kicker }], kickerStyle, inner) : [];
    const titleLines = ctx.ts.lines(runs, style, inner);
    const gap = kicker ? 2 : 0;
    const height =
      pad + kickerLines.length * kickerStyle.leading + gap + titleLines.length * style.leading + pad;
    items.push({ kind: 'rect', x: box.x, y: 0, w: box.width, h: height, fill: band, radius: 3 });
    items.push({ kind: 'rect', x: box.x, y: 0, w: edge, h: height, fill: colour });
    const x = box.x + edge + pad;
    const y = pad + linesAt(kickerLines, kickerStyle, x, pad, kicker ? kickerNode() : undefined, items) + gap;
    linesAt(titleLines, style, x, y, new StructNode('H2', box.struct), items);
    return { height: height + 8, spaceBefore: 20, keepWithNext: true, items, frames: box.frames };
  }
  let y = 0;
  if (kicker)
    y += linesAt(
      ctx.ts.lines([{ text: kicker }], s.kicker, box.width),
      s.kicker,
      box.x,
      y,
      kickerNode(),
      items,
    );
  const titleStyle = colour ? { ...style, colour: inkOf(colour) } : style;
  y += linesAt(
    ctx.ts.lines(runs, style, box.width),
    titleStyle,
    box.x,
    y,
    new StructNode(`H${level}`, box.struct),
    items,
  );
  return { height: y + 4, spaceBefore: level === 2 ? 18 : 12, keepWithNext: true, items, frames: box.frames };
}
