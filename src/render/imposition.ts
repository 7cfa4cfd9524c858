/*
 * Imposition of cards on home-printer paper: as many cards as fit a sheet (turned a quarter when that fits
 * more), a 2×bleed gutter between cards where the paper allows it and shared cuts where it does not, crop
 * marks in the sheet margin on every cut line, and the back sheet mirrored for the duplex flip. All in points,
 * origin top-left, y down, like the pages PDFKit draws.
 */

export const PT_PER_MM = 72 / 25.4;
const mm = (v: number) => v * PT_PER_MM;

/** Exact page sizes in points: A4 210×297 mm, US Letter 8.5×11 in. */
export const PAPERS = {
  a4: { width: 595.28, height: 841.89 },
  letter: { width: 612, height: 792 },
} as const;
export type PaperName = keyof typeof PAPERS;

/** Cards stay this far from the paper's edge: home printers do not print the last few millimetres. */
export const MIN_MARGIN = mm(6);
/** Crop marks: hairline, starting about 3 mm from the trim, a few millimetres long. */
export const MARK_OFFSET = mm(3);
export const MARK_LENGTH = mm(5);
export const MIN_MARK_LENGTH = mm(2);
export const MARK_WIDTH = 0.25;

export type Angle = 0 | 90 | 180 | 270;

export interface Extents {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Where one card goes on a sheet: its trim box on the page, how it is turned, and how far it may paint past each side. */
export interface Slot {
  x: number;
  y: number;
  w: number;
  h: number;
  /** 0: upright; 90: the card's top towards the page's right edge; and so on, clockwise. */
  angle: Angle;
  /** Paint allowed past the trim on each side of the page (sheet directions), in points. */
  bleed: Extents;
}

export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Imposition {
  paper: { width: number; height: number };
  /** Card trim size in points, upright. */
  card: { width: number; height: number };
  bleed: number;
  cols: number;
  rows: number;
  rotated: boolean;
  gutterX: number;
  gutterY: number;
  /** Front slots, row by row from the top-left. */
  slots: Slot[];
  markOffset: number;
  markLength: number;
}

interface AxisFit {
  count: number;
  gutter: number;
}

/** Cards along one axis: with a 2×bleed gutter when that fits as many as shared cuts do, else shared cuts. */
function fitAxis(length: number, card: number, bleed: number): AxisFit {
  const room = length - 2 * MIN_MARGIN;
  const shared = Math.max(0, Math.floor((room + 1e-6) / card));
  if (bleed <= 0) return { count: shared, gutter: 0 };
  const gutter = 2 * bleed;
  const separate = Math.max(0, Math.floor((room + gutter + 1e-6) / (card + gutter)));
  return separate >= shared ? { count: separate, gutter } : { count: shared, gutter: 0 };
}

/**
 * Lays cards of `cardMm` (trim, millimetres) on `paper`. Returns undefined when not even one card fits.
 */
export function impose(
  paper: { width: number; height: number },
  cardMm: { width: number; height: number },
  bleedMm: number,
): Imposition | undefined {
  const card = { width: mm(cardMm.width), height: mm(cardMm.height) };
  const bleed = mm(bleedMm);
  const upright = {
    x: fitAxis(paper.width, card.width, bleed),
    y: fitAxis(paper.height, card.height, bleed),
  };
  const turned = { x: fitAxis(paper.width, card.height, bleed), y: fitAxis(paper.height, card.width, bleed) };
  const rotated = turned.x.count * turned.y.count > upright.x.count * upright.y.count;
  const fit = rotated ? turned : upright;
  if (fit.x.count === 0 || fit.y.count === 0) return undefined;
  const w = rotated ? card.height : card.width;
  const h = rotated ? card.width : card.height;
  const cols = fit.x.count;
  const rows = fit.y.count;
  const gridW = cols * w + (cols - 1) * fit.x.gutter;
  const gridH = rows * h + (rows - 1) * fit.y.gutter;
  const x0 = (paper.width - gridW) / 2;
  const y0 = (paper.height - gridH) / 2;
  const margin = Math.min(x0, y0);
  const markOffset = Math.min(Math.max(MARK_OFFSET, bleed), Math.max(0, margin - MIN_MARK_LENGTH));
  const markLength = Math.max(0, Math.min(MARK_LENGTH, margin - markOffset));
  // Outer edges paint the bleed, but stop where the crop marks start so the marks stay on white paper.
  const outer = Math.min(bleed, markOffset);
  const slots: Slot[] = [];
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      slots.push({
        x: x0 + col * (w + fit.x.gutter),
        y: y0 + row * (h + fit.y.gutter),
        w,
        h,
        angle: rotated ? 90 : 0,
        bleed: {
          left: col === 0 ? outer : fit.x.gutter / 2,
          right: col === cols - 1 ? outer : fit.x.gutter / 2,
          top: row === 0 ? outer : fit.y.gutter / 2,
          bottom: row === rows - 1 ? outer : fit.y.gutter / 2,
        },
      });
    }
  }
  return {
    paper,
    card,
    bleed,
    cols,
    rows,
    rotated,
    gutterX: fit.x.gutter,
    gutterY: fit.y.gutter,
    slots,
    markOffset,
    markLength,
  };
}

/**
 * Crop marks for the first `used` slots: short hairlines in the sheet margin continuing every cut line, never
 * inside a card.
 */
export function cropMarks(imposition: Imposition, used = imposition.slots.length): Segment[] {
  const slots = imposition.slots.slice(0, used);
  if (slots.length === 0 || imposition.markLength <= 0) return [];
  const all = imposition.slots;
  const top = Math.min(...all.map((s) => s.y));
  const bottom = Math.max(...all.map((s) => s.y + s.h));
  const left = Math.min(...all.map((s) => s.x));
  const right = Math.max(...all.map((s) => s.x + s.w));
  const { markOffset: off, markLength: len } = imposition;
  const cutsX = unique(slots.flatMap((s) => [s.x, s.x + s.w]));
  const cutsY = unique(slots.flatMap((s) => [s.y, s.y + s.h]));
  const marks: Segment[] = [];
  for (const x of cutsX) {
    marks.push({ x1: x, y1: top - off - len, x2: x, y2: top - off });
    marks.push({ x1: x, y1: bottom + off, x2: x, y2: bottom + off + len });
  }
  for (const y of cutsY) {
    marks.push({ x1: left - off - len, y1: y, x2: left - off, y2: y });
    marks.push({ x1: right + off, y1: y, x2: right + off + len, y2: y });
  }
  return marks;
}

function unique(values: number[]): number[] {
  const out: number[] = [];
  for (const v of values.sort((a, b) => a - b))
    if (out.length === 0 || Math.abs(v - (out.at(-1) as number)) > 0.01) out.push(v);
  return out;
}

export type Flip = 'long-edge' | 'short-edge';

/** Direction a card's top points to on the page, for each angle (y down). */
const UP: Record<Angle, [number, number]> = { 0: [0, -1], 90: [1, 0], 180: [0, 1], 270: [-1, 0] };

function angleOf([x, y]: [number, number]): Angle {
  if (y < 0) return 0;
  if (x > 0) return 90;
  if (y > 0) return 180;
  return 270;
}

/**
 * Where each card's back goes on the back sheet. The printer turns the sheet over its long edge (the back
 * page's x runs the other way: columns are mirrored) or its short edge (rows are mirrored). A back is also
 * turned so that it reads upright when the cut card is turned over sideways, like a page. `offsetMm` then
 * shifts the whole back page (positive dx: right, positive dy: down) to correct the printer's drift.
 */
export function backSlots(imposition: Imposition, flip: Flip, offsetMm: { dx: number; dy: number }): Slot[] {
  const { width: W, height: H } = imposition.paper;
  const dx = mm(offsetMm.dx);
  const dy = mm(offsetMm.dy);
  return imposition.slots.map((s) => {
    const [ux, uy] = UP[s.angle];
    if (flip === 'long-edge') {
      return {
        x: W - s.x - s.w + dx,
        y: s.y + dy,
        w: s.w,
        h: s.h,
        angle: angleOf([-ux || 0, uy]),
        bleed: { ...s.bleed, left: s.bleed.right, right: s.bleed.left },
      };
    }
    return {
      x: s.x + dx,
      y: H - s.y - s.h + dy,
      w: s.w,
      h: s.h,
      angle: angleOf([ux, -uy || 0]),
      bleed: { ...s.bleed, top: s.bleed.bottom, bottom: s.bleed.top },
    };
  });
}

/**
 * Moves the drawing origin to the top-left corner of the card's trim, turned as the slot says, and clips to
 * what the card may paint (trim plus its allowed bleed). Pair with `doc.restore()`.
 */
export function enterSlot(doc: PDFKit.PDFDocument, slot: Slot): { width: number; height: number } {
  const turned = slot.angle === 90 || slot.angle === 270;
  const width = turned ? slot.h : slot.w;
  const height = turned ? slot.w : slot.h;
  doc.save();
  switch (slot.angle) {
    case 0:
      doc.translate(slot.x, slot.y);
      break;
    case 90:
      doc.translate(slot.x + slot.w, slot.y).rotate(90, { origin: [0, 0] });
      break;
    case 180:
      doc.translate(slot.x + slot.w, slot.y + slot.h).rotate(180, { origin: [0, 0] });
      break;
    case 270:
      doc.translate(slot.x, slot.y + slot.h).rotate(270, { origin: [0, 0] });
      break;
  }
  const local = localExtents(slot);
  doc
    .rect(-local.left, -local.top, width + local.left + local.right, height + local.top + local.bottom)
    .clip();
  return { width, height };
}

/** The slot's bleed extents seen from the card: which page side each card side faces. */
export function localExtents(slot: Slot): Extents {
  const side = ([x, y]: [number, number]): keyof Extents =>
    y < 0 ? 'top' : y > 0 ? 'bottom' : x > 0 ? 'right' : 'left';
  const up = UP[slot.angle];
  const right: [number, number] = [-up[1] || 0, up[0]];
  return {
    top: slot.bleed[side(up)],
    right: slot.bleed[side(right)],
    bottom: slot.bleed[side([-up[0] || 0, -up[1] || 0])],
    left: slot.bleed[side([-right[0] || 0, -right[1] || 0])],
  };
}
