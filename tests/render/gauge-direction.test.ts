import { describe, expect, it } from 'vitest';
import type { Layout } from '../../src/compose/layout/nodes.ts';
import { mirroredLayout } from '../../src/render/layout/mirror.ts';
import { drawGauge } from '../../src/render/layout/shapes.ts';

/*
 * A gauge fills from the start of the line: from the left, and from the right in a layout mirrored for a
 * right-to-left locale. Drawn on a stand-in document that records each segment's position and colour.
 */

function segments(fromRight: boolean): { x: number; filled: boolean }[] {
  const drawn: { x: number; filled: boolean }[] = [];
  let x = 0;
  const doc = {
    roundedRect(at: number) {
      x = at;
      return doc;
    },
    fillColor(colour: string) {
      drawn.push({ x, filled: colour === '#111111' });
      return doc;
    },
    fill() {
      return doc;
    },
  };
  const gauge = { level: 1, max: 4, colour: '#111111', track: '#eeeeee', gap: 2 };
  drawGauge(doc as unknown as PDFKit.PDFDocument, { x: 10, y: 0, w: 80, h: 4 }, gauge, fromRight);
  return drawn.sort((a, b) => a.x - b.x);
}

describe('gauges', () => {
  it('fill from the left', () => {
    expect(segments(false).map((s) => s.filled)).toEqual([true, false, false, false]);
  });

  it('fill from the right when mirrored', () => {
    expect(segments(true).map((s) => s.filled)).toEqual([false, false, false, true]);
  });

  it('are mirrored, and marked to fill from the right, in a mirrored layout', () => {
    const layout: Layout = {
      kind: 'page',
      width: 100,
      height: 100,
      images: [],
      children: [
        {
          kind: 'gauge',
          rect: { x: 10, y: 0, w: 30, h: 4 },
          level: 1,
          max: 4,
          colour: '#111111',
          track: '#eeeeee',
          gap: 2,
          at: { file: 'x', line: 1, column: 1 },
        },
      ],
    };
    const [gauge] = mirroredLayout(layout).children;
    expect(gauge).toMatchObject({ kind: 'gauge', rect: { x: 60, w: 30 }, mirrored: true });
  });
});
