import type { Layout, PositionedNode, Rect } from '../../compose/layout/nodes.ts';

/*
 * A layout for a right-to-left locale: its mirror image, left and right swapped. Boxes, images, gauges, rules
 * and QR codes move to the other side, a box's bleed runs past the other edge, gauges fill from the right, and
 * flows are marked so that their grids run from the right and their start and end alignments swap (see
 * flow.ts). Text itself is not mirrored: it is set right to left by the bidirectional algorithm. Made once per
 * layout.
 */

const mirrors = new WeakMap<Layout, Layout>();

export function mirroredLayout(layout: Layout): Layout {
  let mirrored = mirrors.get(layout);
  if (!mirrored) {
    const width = layout.width;
    mirrored = { ...layout, children: layout.children.map((node) => mirrorNode(node, width)) };
    mirrors.set(layout, mirrored);
  }
  return mirrored;
}

function mirrorRect(rect: Rect, width: number): Rect {
  return { ...rect, x: width - rect.x - rect.w };
}

function mirrorNode(node: PositionedNode, width: number): PositionedNode {
  switch (node.kind) {
    case 'box':
      return {
        ...node,
        rect: mirrorRect(node.rect, width),
        bleed: { ...node.bleed, left: node.bleed.right, right: node.bleed.left },
        children: node.children.map((child) => mirrorNode(child, width)),
      };
    case 'flow':
    case 'gauge':
      return { ...node, rect: mirrorRect(node.rect, width), mirrored: true };
    case 'rule':
      return { ...node, x1: width - node.x1, x2: width - node.x2 };
    default:
      return { ...node, rect: mirrorRect(node.rect, width) };
  }
}
