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

/** What home printers leave unprinted at the paper's edge, by default (`print.printerMargin`). */
export const DEFAULT_PRINTER_MARGIN_MM = 5;
/** Crop marks: hairline, starting about 3 mm from the trim, a few millimetres long. */
export const MARK_OFFSET = mm(3);
export const MARK_LENGTH = mm(5);
export const MIN_MARK_LENGTH = mm(2);
/** Closest a mark may start to the trim: a hairline nearer than this shows on a card cut a little off. */
export const MIN_MARK_OFFSET = mm(1);
export const MARK_WIDTH = 0.25;
/**
 * Room kept between the outer cards and the printable edge: enough for a short crop mark (or, on the first
 * sheet, the "print at 100 %" note). Fewer cards are placed rather than marks pushed into the unprintable edge.
 */
const MIN_OUTER = MIN_MARK_OFFSET + MIN_MARK_LENGTH;
/** On a fold-over sheet, nothing is painted closer than this to the fold line. */
export const FOLD_CLEARANCE = mm(2);

export type Angle = 0 | 90 | 180 | 270;

export interface Extents {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** A rectangle on the page, in points, origin top-left. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
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

/** Where crop marks start (from the trim) and how long they are, for one direction of cuts. */
export interface MarkGeometry {
  offset: number;
  length: number;
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
  /** Marks on the left and right of the grid (continuing horizontal cuts) and above and below it (vertical cuts). */
  marks: { sides: MarkGeometry; ends: MarkGeometry };
  /** Where ink may go on this sheet: the paper less the printer's margin (and, folding, the fold's clearance). */
  printable: Rect;
  /** The part of the printable area the cards are centred in (on a fold-over sheet, the fronts' half). */
  area: Rect;
  /** Fold-over sheets: the fold line, backs mirrored across it on the same page. */
  fold?: Segment;
}

interface AxisFit {
  count: number;
  gutter: number;
}

/** Cards along one axis: with a 2×bleed gutter when that fits as many as shared cuts do, else shared cuts. */
function fitAxis(length: number, card: number, bleed: number): AxisFit {
  const room = length - 2 * MIN_OUTER;
  const shared = Math.max(0, Math.floor((room + 1e-6) / card));
  if (bleed <= 0) return { count: shared, gutter: 0 };
  const gutter = 2 * bleed;
  const separate = Math.max(0, Math.floor((room + gutter + 1e-6) / (card + gutter)));
  return separate >= shared ? { count: separate, gutter } : { count: shared, gutter: 0 };
}

export interface ImposeOptions {
  /** Unprintable edge of the paper, millimetres (`print.printerMargin`). */
  printerMarginMm?: number;
  /** `fold`: fronts on one half of the sheet, backs mirrored on the other, a fold line between. */
  fold?: boolean;
}

/**
 * Lays cards of `cardMm` (trim, millimetres) on `paper`, everything painted (bleed, marks) inside the printable
 * area. Returns undefined when not even one card fits.
 */
export function impose(
  paper: { width: number; height: number },
  cardMm: { width: number; height: number },
  bleedMm: number,
  options: ImposeOptions = {},
): Imposition | undefined {
  const margin = mm(options.printerMarginMm ?? DEFAULT_PRINTER_MARGIN_MM);
  const printable: Rect = {
    x: margin,
    y: margin,
    w: paper.width - 2 * margin,
    h: paper.height - 2 * margin,
  };
  if (!options.fold) return imposeIn(paper, printable, printable, cardMm, bleedMm);
  // Fold over the sheet's middle, across whichever way holds more cards: fronts on the top (or left) half.
  const half = FOLD_CLEARANCE;
  const across = imposeIn(
    paper,
    { ...printable, h: paper.height / 2 - half - margin },
    printable,
    cardMm,
    bleedMm,
  );
  const along = imposeIn(
    paper,
    { ...printable, w: paper.width / 2 - half - margin },
    printable,
    cardMm,
    bleedMm,
  );
  const count = (i: Imposition | undefined) => i?.slots.length ?? 0;
  if (count(across) === 0 && count(along) === 0) return undefined;
  if (count(across) >= count(along) && across)
    return {
      ...across,
      fold: { x1: margin, y1: paper.height / 2, x2: paper.width - margin, y2: paper.height / 2 },
    };
  return (
    along && {
      ...along,
      fold: { x1: paper.width / 2, y1: margin, x2: paper.width / 2, y2: paper.height - margin },
    }
  );
}

/** Cards centred in `area`, turned a quarter when that fits more. */
function imposeIn(
  paper: { width: number; height: number },
  area: Rect,
  printable: Rect,
  cardMm: { width: number; height: number },
  bleedMm: number,
): Imposition | undefined {
  const card = { width: mm(cardMm.width), height: mm(cardMm.height) };
  const bleed = mm(bleedMm);
  const upright = { x: fitAxis(area.w, card.width, bleed), y: fitAxis(area.h, card.height, bleed) };
  const turned = { x: fitAxis(area.w, card.height, bleed), y: fitAxis(area.h, card.width, bleed) };
  const rotated = turned.x.count * turned.y.count > upright.x.count * upright.y.count;
  const fit = rotated ? turned : upright;
  if (fit.x.count === 0 || fit.y.count === 0) return undefined;
  const w = rotated ? card.height : card.width;
  const h = rotated ? card.width : card.height;
  const cols = fit.x.count;
  const rows = fit.y.count;
  const gridW = cols * w + (cols - 1) * fit.x.gutter;
  const gridH = rows * h + (rows - 1) * fit.y.gutter;
  const x0 = area.x + (area.w - gridW) / 2;
  const y0 = area.y + (area.h - gridH) / 2;
  const sides = markGeometry(x0 - area.x, bleed);
  const ends = markGeometry(y0 - area.y, bleed);
  // Outer edges paint the bleed, but stop short of where the crop marks start so the marks stay on white paper.
  const outerX = Math.min(bleed, Math.max(0, sides.offset - mm(0.5)));
  const outerY = Math.min(bleed, Math.max(0, ends.offset - mm(0.5)));
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
          left: col === 0 ? outerX : fit.x.gutter / 2,
          right: col === cols - 1 ? outerX : fit.x.gutter / 2,
          top: row === 0 ? outerY : fit.y.gutter / 2,
          bottom: row === rows - 1 ? outerY : fit.y.gutter / 2,
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
    marks: { sides, ends },
    printable,
    area,
  };
}

/** Crop marks in `room` points between the outer trim and the printable edge: as long as fit, never shorter than 2 mm. */
function markGeometry(room: number, bleed: number): MarkGeometry {
  const offset = Math.max(MIN_MARK_OFFSET, Math.min(Math.max(MARK_OFFSET, bleed), room - MIN_MARK_LENGTH));
  return { offset, length: Math.max(0, Math.min(MARK_LENGTH, room - offset)) };
}

/**
 * Crop marks for the first `used` slots: short hairlines in the sheet margin continuing every cut line, never
 * inside a card.
 */
export function cropMarks(imposition: Imposition, used = imposition.slots.length): Segment[] {
  const slots = imposition.slots.slice(0, used);
  if (slots.length === 0) return [];
  const all = imposition.slots;
  const top = Math.min(...all.map((s) => s.y));
  const bottom = Math.max(...all.map((s) => s.y + s.h));
  const left = Math.min(...all.map((s) => s.x));
  const right = Math.max(...all.map((s) => s.x + s.w));
  const { sides, ends } = imposition.marks;
  const cutsX = unique(slots.flatMap((s) => [s.x, s.x + s.w]));
  const cutsY = unique(slots.flatMap((s) => [s.y, s.y + s.h]));
  const marks: Segment[] = [];
  for (const x of cutsX) {
    marks.push({ x1: x, y1: top - ends.offset - ends.length, x2: x, y2: top - ends.offset });
    marks.push({ x1: x, y1: bottom + ends.offset, x2: x, y2: bottom + ends.offset + ends.length });
  }
  for (const y of cutsY) {
    marks.push({ x1: left - sides.offset - sides.length, y1: y, x2: left - sides.offset, y2: y });
    marks.push({ x1: right + sides.offset, y1: y, x2: right + sides.offset + sides.length, y2: y });
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

/** Backs of a fold-over sheet: mirrored across the fold line on the same page, as a duplex flip would be. */
export function foldedBacks(imposition: Imposition): Slot[] {
  const fold = imposition.fold;
  if (!fold) return [];
  return backSlots(imposition, fold.y1 === fold.y2 ? 'short-edge' : 'long-edge', { dx: 0, dy: 0 });
}

/**
 * Room for a line of text beside the cards (the first sheet's "print at 100 %" note, the fold's label): between
 * the cards' bleed and the edge of the area they are centred in, and between the crop marks of two cut lines,
 * the widest such gap. Boxes on the left and right are tall: their text runs upwards.
 */
export function marginBox(imposition: Imposition, side: keyof Extents): Rect {
  const { area, slots } = imposition;
  const clear = mm(1);
  const across = side === 'top' || side === 'bottom';
  const cuts = unique(slots.flatMap((s) => (across ? [s.x, s.x + s.w] : [s.y, s.y + s.h])));
  const [start, span] = across ? [area.x, area.w] : [area.y, area.h];
  const edges = [start - clear, ...cuts, start + span + clear];
  let best = { from: start, to: start };
  for (let i = 1; i < edges.length; i++) {
    const from = (edges[i - 1] as number) + clear;
    const to = (edges[i] as number) - clear;
    if (to - from > best.to - best.from) best = { from, to };
  }
  const length = best.to - best.from;
  switch (side) {
    case 'top': {
      const edge = Math.min(...slots.map((s) => s.y - s.bleed.top)) - clear / 2;
      return { x: best.from, y: area.y, w: length, h: Math.max(0, edge - area.y) };
    }
    case 'bottom': {
      const edge = Math.max(...slots.map((s) => s.y + s.h + s.bleed.bottom)) + clear / 2;
      return { x: best.from, y: edge, w: length, h: Math.max(0, area.y + area.h - edge) };
    }
    case 'left': {
      const edge = Math.min(...slots.map((s) => s.x - s.bleed.left)) - clear / 2;
      return { x: area.x, y: best.from, w: Math.max(0, edge - area.x), h: length };
    }
    case 'right': {
      const edge = Math.max(...slots.map((s) => s.x + s.w + s.bleed.right)) + clear / 2;
      return { x: edge, y: best.from, w: Math.max(0, area.x + area.w - edge), h: length };
    }
  }
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
