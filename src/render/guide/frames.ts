import type { DrawItem, Frame } from './model.ts';

/*
 * Drawing what atoms hold: frames become rectangles, items move down to where their atom lands. Shared by
 * pagination (atoms on a page) and cut-outs (atoms stacked into one piece).
 */

/** Where a frame runs, from the first atom it holds to the last; `depth` 0 is the outermost. */
export interface FrameExtent {
  frame: Frame;
  depth: number;
  top: number;
  bottom: number;
}

/** Records that `frames` (outer first) run through an atom from `top` to `bottom`. */
export function extendFrames(
  extents: Map<number, FrameExtent>,
  frames: readonly Frame[],
  top: number,
  bottom: number,
): void {
  frames.forEach((frame, depth) => {
    const extent = extents.get(frame.id);
    if (extent) extent.bottom = bottom;
    else extents.set(frame.id, { frame, depth, top, bottom });
  });
}

/** The frames' rectangles, outer frames first, so that text sits on top of its boxes. */
export function frameRects(extents: Iterable<FrameExtent>): DrawItem[] {
  const items: DrawItem[] = [];
  const sorted = [...extents].sort((a, b) => a.depth - b.depth || a.top - b.top);
  for (const { frame, top, bottom } of sorted) {
    const h = bottom - top;
    items.push({
      kind: 'rect',
      x: frame.x,
      y: top,
      w: frame.w,
      h,
      radius: frame.radius,
      ...(frame.fill ? { fill: frame.fill } : {}),
      ...(frame.stroke ? { stroke: frame.stroke, lineWidth: 0.7 } : {}),
    });
    if (frame.bar)
      items.push({ kind: 'rect', x: frame.x, y: top, w: frame.bar.width, h, fill: frame.bar.colour });
  }
  return items;
}

/** `item` moved `dy` points down. */
export function shiftItem(item: DrawItem, dy: number): DrawItem {
  switch (item.kind) {
    case 'line':
      return { ...item, y1: item.y1 + dy, y2: item.y2 + dy };
    default:
      return { ...item, y: item.y + dy };
  }
}
