import type { FlowBlock } from '../../../compose/guide/flow.ts';
import { type Atom, type Frame, StructNode } from '../model.ts';
import { inkOf, tint } from '../styles.ts';
import { type Box, heading, keepTogether, type LayoutContext, paragraph, trimFirstSpace } from './context.ts';

/*
 * Boxes: a frame drawn behind their atoms (see pagination), padding as empty atoms at both ends, and the
 * whole kept on one page when it fits on one.
 */

const EDGE = 4;

/** Empty atom that holds a frame's padding. */
function padding(height: number, frames: readonly Frame[], spaceBefore = 0, keepWithNext = false): Atom {
  return { height, spaceBefore, keepWithNext, items: [], frames };
}

/** A card as the facilitator sees it: tinted, with a coloured edge, title, meta line and fields. */
export function cardNote(
  ctx: LayoutContext,
  block: Extract<FlowBlock, { kind: 'card-note' }>,
  box: Box,
): Atom[] {
  const s = ctx.styles;
  const colour = block.colour ?? s.palette.accent;
  const pad = 11;
  const fill = tint(colour, 0.07);
  const frame = ctx.frame({ x: box.x, w: box.width, fill, bar: { colour, width: EDGE }, radius: 3, pad });
  const level = Math.min(6, box.level + 1);
  const inner: Box = {
    x: box.x + EDGE + pad,
    width: box.width - EDGE - 2 * pad,
    frames: [...box.frames, frame],
    struct: new StructNode('Div', box.struct, block.title),
    level,
  };
  const atoms: Atom[] = [padding(pad, inner.frames, 12, true)];
  atoms.push(heading(ctx, [{ text: block.title }], level <= 3 ? s.h3 : s.h4, inner, `H${level}`, 0));
  if (block.meta)
    atoms.push(
      ...paragraph(ctx, [{ text: block.meta }], { ...s.meta, colour: inkOf(colour, fill) }, inner, 1),
    );
  const body = ctx.blocks(block.children, inner);
  trimFirstSpace(body, 7);
  atoms.push(...body, padding(pad, inner.frames));
  return keepTogether(atoms, ctx.page.bodyHeight);
}

/**
 * A labelled part of a box. Facilitator notes get a white inset inside the card, so they read as "for you,
 * not for the table".
 */
export function field(ctx: LayoutContext, block: Extract<FlowBlock, { kind: 'field' }>, box: Box): Atom[] {
  const s = ctx.styles;
  const type = `H${Math.min(6, box.level + 1)}`;
  if (!block.notes) {
    const label = paragraph(ctx, [{ text: block.label }], s.fieldLabel, box, 8, type);
    for (const a of label) a.keepWithNext = true;
    const body = ctx.blocks(block.children, box);
    trimFirstSpace(body, 1);
    return [...label, ...body];
  }
  const pad = 8;
  const frame = ctx.frame({
    x: box.x,
    w: box.width,
    fill: '#ffffff',
    stroke: s.palette.rule,
    radius: 2.5,
    pad,
  });
  const inner: Box = { ...box, x: box.x + pad, width: box.width - 2 * pad, frames: [...box.frames, frame] };
  const label = paragraph(
    ctx,
    [{ text: block.label }],
    { ...s.fieldLabel, colour: s.palette.accent },
    inner,
    0,
    type,
  );
  for (const a of label) a.keepWithNext = true;
  const body = ctx.blocks(block.children, inner);
  trimFirstSpace(body, 2);
  return [padding(pad - 2, inner.frames, 10, true), ...label, ...body, padding(pad, inner.frames)];
}

/** A tinted box that stands out (plan B, key messages), with an optional title. */
export function callout(
  ctx: LayoutContext,
  block: Extract<FlowBlock, { kind: 'callout' }>,
  box: Box,
): Atom[] {
  const s = ctx.styles;
  const colour = block.colour ?? s.palette.accent;
  const pad = 11;
  const fill = tint(colour, 0.08);
  const frame = ctx.frame({ x: box.x, w: box.width, fill, bar: { colour, width: EDGE }, radius: 3, pad });
  const inner: Box = {
    x: box.x + EDGE + pad,
    width: box.width - EDGE - 2 * pad,
    frames: [...box.frames, frame],
    struct: new StructNode('Div', box.struct),
    level: box.level,
  };
  const atoms: Atom[] = [padding(pad, inner.frames, 12, true)];
  if (block.title) {
    const type = `H${Math.min(6, box.level + 1)}`;
    atoms.push(
      heading(ctx, [{ text: block.title }], { ...s.h3, colour: inkOf(colour, fill) }, inner, type, 0),
    );
  }
  const body = ctx.blocks(block.children, inner);
  trimFirstSpace(body, block.title ? 2 : 0);
  atoms.push(...body, padding(pad, inner.frames));
  return keepTogether(atoms, ctx.page.bodyHeight);
}
