import { describe, expect, it } from 'vitest';
import { CARD_SIZES } from '../../src/check/schema.ts';
import {
  backSlots,
  cropMarks,
  foldedBacks,
  impose,
  localExtents,
  PAPERS,
  PT_PER_MM,
  type Segment,
  type Slot,
} from '../../src/render/imposition.ts';

const mm = (v: number) => v * PT_PER_MM;

function crossesRect(m: Segment, r: { x: number; y: number; w: number; h: number }): boolean {
  const x1 = Math.min(m.x1, m.x2);
  const x2 = Math.max(m.x1, m.x2);
  const y1 = Math.min(m.y1, m.y2);
  const y2 = Math.max(m.y1, m.y2);
  // Touching an edge line from outside is allowed; entering the trim is not.
  return x2 > r.x + 0.01 && x1 < r.x + r.w - 0.01 && y2 > r.y + 0.01 && y1 < r.y + r.h - 0.01;
}

const papers = Object.keys(PAPERS) as (keyof typeof PAPERS)[];
const sizes = Object.entries(CARD_SIZES);

describe('imposition', () => {
  it('fits nine poker cards on A4, and eight turned on Letter where a third row would reach the unprintable edge', () => {
    const a4 = impose(PAPERS.a4, CARD_SIZES.poker, 3);
    const letter = impose(PAPERS.letter, CARD_SIZES.poker, 3);
    expect(a4?.slots.length).toBe(9);
    // A4 is 210 mm wide: three 63.5 mm cards leave no room for gutters, but its 297 mm height does.
    expect(a4?.gutterX).toBe(0);
    expect(a4?.gutterY).toBeCloseTo(mm(6), 6);
    // Letter is 279.4 mm tall: three rows of 88.9 mm leave 6.3 mm, less than two 5 mm printer margins plus
    // marks. Turned, four rows of 63.5 mm (shared cuts) and two columns with a gutter fit.
    expect(letter?.slots.length).toBe(8);
    expect(letter?.rotated).toBe(true);
    expect(letter?.gutterX).toBeCloseTo(mm(6), 6);
    expect(letter?.gutterY).toBe(0);
  });

  it('turns cards a quarter when that fits more (A6 on A4)', () => {
    const imposition = impose(PAPERS.a4, CARD_SIZES.a6, 3);
    expect(imposition?.rotated).toBe(true);
    expect(imposition?.slots.length).toBe(2);
  });

  it('keeps every card, its bleed and its crop marks inside the printable area, for any printer margin', () => {
    for (const paper of papers) {
      for (const [name, size] of sizes) {
        for (const margin of [0, 3, 5, 8]) {
          for (const fold of [false, true]) {
            const imposition = impose(PAPERS[paper], size, 3, { printerMarginMm: margin, fold });
            if (!imposition) continue;
            const { width: W, height: H } = PAPERS[paper];
            const inside = (x: number, y: number) => {
              const what = `${paper} ${name} margin ${margin}${fold ? ' fold' : ''}: (${x}, ${y})`;
              expect(x, what).toBeGreaterThanOrEqual(mm(margin) - 1e-6);
              expect(y, what).toBeGreaterThanOrEqual(mm(margin) - 1e-6);
              expect(x, what).toBeLessThanOrEqual(W - mm(margin) + 1e-6);
              expect(y, what).toBeLessThanOrEqual(H - mm(margin) + 1e-6);
            };
            const backs = fold ? foldedBacks(imposition) : [];
            for (const s of [...imposition.slots, ...backs]) {
              inside(s.x - s.bleed.left, s.y - s.bleed.top);
              inside(s.x + s.w + s.bleed.right, s.y + s.h + s.bleed.bottom);
            }
            for (const m of cropMarks(imposition)) {
              inside(m.x1, m.y1);
              inside(m.x2, m.y2);
            }
          }
        }
      }
    }
  });

  it('puts backs on the other half of a fold-over sheet, mirrored across the fold line', () => {
    for (const paper of papers) {
      for (const [name, size] of sizes) {
        const imposition = impose(PAPERS[paper], size, 3, { fold: true });
        if (!imposition?.fold) throw new Error(`${paper} ${name}: no fold-over imposition`);
        const { fold } = imposition;
        const across = fold.y1 === fold.y2;
        foldedBacks(imposition).forEach((back, i) => {
          const front = imposition.slots[i] as Slot;
          if (across) {
            expect(front.y + front.h).toBeLessThan(fold.y1);
            expect(back.y).toBeGreaterThan(fold.y1);
            expect(back.y - fold.y1).toBeCloseTo(fold.y1 - (front.y + front.h), 6);
            expect(back.x).toBeCloseTo(front.x, 6);
          } else {
            expect(front.x + front.w).toBeLessThan(fold.x1);
            expect(back.x - fold.x1).toBeCloseTo(fold.x1 - (front.x + front.w), 6);
            expect(back.y).toBeCloseTo(front.y, 6);
          }
        });
      }
    }
  });

  it('draws crop marks outside every trim, in the margin, on every cut line', () => {
    for (const paper of papers) {
      for (const [name, size] of sizes) {
        for (const bleed of [0, 3]) {
          const imposition = impose(PAPERS[paper], size, bleed);
          if (!imposition) continue;
          for (let used = 1; used <= imposition.slots.length; used++) {
            const marks = cropMarks(imposition, used);
            expect(marks.length, `${paper} ${name}`).toBeGreaterThan(0);
            for (const m of marks) {
              for (const slot of imposition.slots)
                expect(crossesRect(m, slot), `${paper} ${name} mark ${JSON.stringify(m)}`).toBe(false);
              // On the paper, and not on any card's painted bleed.
              for (const v of [m.x1, m.x2]) expect(v).toBeGreaterThanOrEqual(0);
              for (const v of [m.y1, m.y2]) expect(v).toBeGreaterThanOrEqual(0);
              expect(Math.max(m.x1, m.x2)).toBeLessThanOrEqual(PAPERS[paper].width);
              expect(Math.max(m.y1, m.y2)).toBeLessThanOrEqual(PAPERS[paper].height);
              for (const slot of imposition.slots) {
                const painted = {
                  x: slot.x - slot.bleed.left,
                  y: slot.y - slot.bleed.top,
                  w: slot.w + slot.bleed.left + slot.bleed.right,
                  h: slot.h + slot.bleed.top + slot.bleed.bottom,
                };
                expect(crossesRect(m, painted)).toBe(false);
              }
            }
            // Each cut line of the used cards has its marks: a vertical mark at each left and right edge.
            for (const slot of imposition.slots.slice(0, used)) {
              for (const x of [slot.x, slot.x + slot.w])
                expect(marks.some((m) => m.x1 === m.x2 && Math.abs(m.x1 - x) < 0.01)).toBe(true);
              for (const y of [slot.y, slot.y + slot.h])
                expect(marks.some((m) => m.y1 === m.y2 && Math.abs(m.y1 - y) < 0.01)).toBe(true);
            }
          }
        }
      }
    }
  });

  it('never lets a card paint over its neighbour', () => {
    for (const paper of papers) {
      for (const [, size] of sizes) {
        const imposition = impose(PAPERS[paper], size, 3);
        if (!imposition) continue;
        const painted = imposition.slots.map((s) => ({
          x: s.x - s.bleed.left,
          y: s.y - s.bleed.top,
          w: s.w + s.bleed.left + s.bleed.right,
          h: s.h + s.bleed.top + s.bleed.bottom,
        }));
        painted.forEach((a, i) => {
          painted.forEach((b, j) => {
            if (i >= j) return;
            const overlap =
              Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 0.01 &&
              Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 0.01;
            expect(overlap).toBe(false);
          });
        });
      }
    }
  });
});

describe('back sheet', () => {
  const centre = (s: Slot) => ({ x: s.x + s.w / 2, y: s.y + s.h / 2 });

  it('mirrors columns for a long-edge flip and rows for a short-edge flip', () => {
    for (const paper of papers) {
      const imposition = impose(PAPERS[paper], CARD_SIZES.poker, 3);
      if (!imposition) throw new Error('no imposition');
      const { width: W, height: H } = PAPERS[paper];
      const long = backSlots(imposition, 'long-edge', { dx: 0, dy: 0 });
      const short = backSlots(imposition, 'short-edge', { dx: 0, dy: 0 });
      imposition.slots.forEach((front, i) => {
        // Turned over the long edge, a point at x on the front is at W − x on the back.
        expect(centre(long[i] as Slot).x).toBeCloseTo(W - centre(front).x, 6);
        expect(centre(long[i] as Slot).y).toBeCloseTo(centre(front).y, 6);
        expect(centre(short[i] as Slot).x).toBeCloseTo(centre(front).x, 6);
        expect(centre(short[i] as Slot).y).toBeCloseTo(H - centre(front).y, 6);
      });
      // First card (top-left) has its back at the top-right (long edge) or bottom-left (short edge).
      expect(long[0]?.x).toBeCloseTo((imposition.slots[imposition.cols - 1] as Slot).x, 6);
      expect(short[0]?.y).toBeCloseTo((imposition.slots[imposition.slots.length - 1] as Slot).y, 6);
    }
  });

  it('turns backs so they read upright when the card is turned over sideways', () => {
    const upright = impose(PAPERS.a4, CARD_SIZES.poker, 3);
    const turned = impose(PAPERS.a4, CARD_SIZES.a6, 3);
    if (!upright || !turned) throw new Error('no imposition');
    expect(backSlots(upright, 'long-edge', { dx: 0, dy: 0 }).every((s) => s.angle === 0)).toBe(true);
    expect(backSlots(upright, 'short-edge', { dx: 0, dy: 0 }).every((s) => s.angle === 180)).toBe(true);
    expect(backSlots(turned, 'long-edge', { dx: 0, dy: 0 }).every((s) => s.angle === 270)).toBe(true);
    expect(backSlots(turned, 'short-edge', { dx: 0, dy: 0 }).every((s) => s.angle === 90)).toBe(true);
  });

  it('applies the back offset to every back, in the back page’s directions', () => {
    const imposition = impose(PAPERS.letter, CARD_SIZES.bridge, 3);
    if (!imposition) throw new Error('no imposition');
    for (const flip of ['long-edge', 'short-edge'] as const) {
      const plain = backSlots(imposition, flip, { dx: 0, dy: 0 });
      const shifted = backSlots(imposition, flip, { dx: 1.5, dy: -0.8 });
      shifted.forEach((s, i) => {
        expect(s.x - (plain[i] as Slot).x).toBeCloseTo(mm(1.5), 6);
        expect(s.y - (plain[i] as Slot).y).toBeCloseTo(mm(-0.8), 6);
      });
    }
  });

  it('mirrors the bleed a back may paint with its position', () => {
    const imposition = impose(PAPERS.a4, CARD_SIZES.poker, 3);
    if (!imposition) throw new Error('no imposition');
    const front = imposition.slots[0] as Slot;
    const long = backSlots(imposition, 'long-edge', { dx: 0, dy: 0 })[0] as Slot;
    expect(long.bleed.right).toBe(front.bleed.left);
    expect(long.bleed.left).toBe(front.bleed.right);
    // Seen from the card, its own left side keeps the same allowance front and back (turned 180° for short edge).
    const short = backSlots(imposition, 'short-edge', { dx: 0, dy: 0 })[0] as Slot;
    expect(localExtents(short).top).toBe(front.bleed.top);
  });
});

describe('calibration page', async () => {
  const { calibrationTarget, mirrorPoint, rulerLayout, rulerSigns } = await import(
    '../../src/render/calibration.ts'
  );

  it('puts the back’s cross behind the front’s rulers for both flips', () => {
    for (const paper of papers) {
      const target = calibrationTarget(PAPERS[paper]);
      const long = mirrorPoint(target, PAPERS[paper], 'long-edge');
      const short = mirrorPoint(target, PAPERS[paper], 'short-edge');
      expect(PAPERS[paper].width - long.x).toBeCloseTo(target.x, 6);
      expect(long.y).toBeCloseTo(target.y, 6);
      expect(short.x).toBeCloseTo(target.x, 6);
      expect(PAPERS[paper].height - short.y).toBeCloseTo(target.y, 6);
    }
  });

  it('numbers the rulers with the offset that cancels the drift seen from the front', () => {
    // A back printed 1 mm to the right on its own page (dx drift +1) is seen 1 mm to the left through a
    // long-edge sheet: the ruler there must read −1, the correction to enter.
    const drift = { dx: 1, dy: 1 };
    for (const flip of ['long-edge', 'short-edge'] as const) {
      const seen = flip === 'long-edge' ? { x: -drift.dx, y: drift.dy } : { x: drift.dx, y: -drift.dy };
      const signs = rulerSigns(flip);
      expect(seen.x * signs.x).toBe(-drift.dx);
      expect(seen.y * signs.y).toBe(-drift.dy);
    }
  });

  it('keeps the two rulers apart, and the back’s cross over both for every drift they read', () => {
    for (const paper of papers) {
      const target = calibrationTarget(PAPERS[paper]);
      const { dx, dy, cross } = rulerLayout(target);
      // The dx ruler ends left of the dy ruler's line; the dy ruler ends above the dx ruler's line.
      expect(dx.to).toBeLessThan(dy.x);
      expect(dy.to).toBeLessThan(dx.y);
      const reach = (dx.to - dx.from) / 2;
      for (const drift of [-reach, -mm(3), 0, mm(2), reach]) {
        // Seen from the front, the back's cross sits at the target moved by the drift.
        const seen = { x: target.x + drift, y: target.y + drift };
        // Its vertical line meets the dx ruler within the ruler; its horizontal line meets the dy ruler.
        expect(seen.x).toBeGreaterThanOrEqual(dx.from - 1e-6);
        expect(seen.x).toBeLessThanOrEqual(dx.to + 1e-6);
        expect(Math.abs(dx.y - seen.y)).toBeLessThan(cross);
        expect(seen.y).toBeGreaterThanOrEqual(dy.from - 1e-6);
        expect(seen.y).toBeLessThanOrEqual(dy.to + 1e-6);
        expect(Math.abs(dy.x - seen.x)).toBeLessThan(cross);
      }
      // And the whole drawing stays on the page.
      expect(target.y + cross).toBeLessThan(PAPERS[paper].height);
      expect(dy.x + mm(15)).toBeLessThan(PAPERS[paper].width);
    }
  });
});
