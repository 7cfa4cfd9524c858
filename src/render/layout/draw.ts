import type { Layout, PositionedNode } from '../../compose/layout/nodes.ts';
import { isRightToLeftLocale } from '../text/breaks.ts';
import { prepareBlocks, readField } from './content.ts';
import type { RenderContext } from './context.ts';
import { drawFlow } from './flow.ts';
import { mirroredLayout } from './mirror.ts';
import { drawQrCode } from './qr.ts';
import { drawDecoration, drawGauge, drawLine } from './shapes.ts';

/** Whether some image of the layout still has to be read and normalized (an async step) before drawing. */
export function imagesPending(layout: Layout, ctx: RenderContext): boolean {
  return layout.images.some((use) => !ctx.images.ready(use.src, use, use.fit));
}

export async function prepareImages(layout: Layout, ctx: RenderContext): Promise<void> {
  for (const use of layout.images) await ctx.images.prepare(use.src, use, use.fit, use.at);
}

/**
 * Draws a layout filled with `data` in the current coordinates (origin at the top-left of the card's trim or
 * of the page). `bleed` is how far, in points, backgrounds of a card run past its trim. In a right-to-left
 * locale the layout is drawn mirrored, unless `mirror` is false.
 */
export function drawLayout(
  designed: Layout,
  data: unknown,
  ctx: RenderContext,
  bleed = 0,
  mirror = isRightToLeftLocale(ctx.locale),
): void {
  const { doc } = ctx;
  const layout = mirror ? mirroredLayout(designed) : designed;
  if (layout.background)
    doc
      .rect(-bleed, -bleed, layout.width + 2 * bleed, layout.height + 2 * bleed)
      .fillColor(layout.background)
      .fill();
  for (const node of layout.children) drawNode(node, data, ctx, bleed);
}

function drawNode(node: PositionedNode, data: unknown, ctx: RenderContext, bleed: number): void {
  const { doc } = ctx;
  switch (node.kind) {
    case 'box': {
      const { rect, bleed: sides } = node;
      const left = sides.left ? bleed : 0;
      const top = sides.top ? bleed : 0;
      const painted = {
        x: rect.x - left,
        y: rect.y - top,
        w: rect.w + left + (sides.right ? bleed : 0),
        h: rect.h + top + (sides.bottom ? bleed : 0),
      };
      drawDecoration(doc, painted, node.deco);
      if (node.clip) doc.save().rect(rect.x, rect.y, rect.w, rect.h).clip();
      for (const child of node.children) drawNode(child, data, ctx, bleed);
      if (node.clip) doc.restore();
      return;
    }
    case 'flow':
      drawFlow(node, prepareBlocks(node.blocks, data, ctx), ctx);
      return;
    case 'image':
      ctx.images.draw(ctx, node.src, node.rect, node.fit, node.opacity, node.at);
      return;
    case 'gauge':
      drawGauge(doc, node.rect, node, node.mirrored === true);
      return;
    case 'rule':
      drawLine(doc, node.x1, node.y1, node.x2, node.y2, node);
      return;
    case 'qr': {
      const text = readField(data, node.field, node.at, ctx);
      if (text !== undefined) drawQrCode(ctx, text, node);
      return;
    }
  }
}
