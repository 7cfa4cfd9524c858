import { calibrationView } from '../compose/views.ts';
import type { Flip, Rect } from './imposition.ts';
import { drawLayout } from './layout/draw.ts';
import type { Session } from './session.ts';
import { drawPlainText } from './text/plain.ts';

/*
 * The duplex calibration page: a ruler on the front, a cross on the back at the mirrored place. Held against
 * the light, the back's cross meets the front's rulers at the printer's drift. The rulers are numbered with the
 * value to enter as `print.backOffset` (dx, dy in the back page's own directions), which depends on the flip:
 * turning over the long edge mirrors x, over the short edge mirrors y.
 */

export const CALIBRATION_TEMPLATES = ['calibration-front', 'calibration-back'] as const;
export const CALIBRATION_LABEL_KEYS = [
  'duplex-long-edge',
  'duplex-short-edge',
  'calibration-steps',
  'calibration-setting',
  'calibration-back',
  'print-actual-size',
];

const MM = 72 / 25.4;
/** Each ruler reads drifts of up to this many millimetres either way. */
const REACH = 15;
/** Distance from the target to each ruler, in millimetres: more than REACH, so the rulers never meet. */
const OFFSET = 21;
/** Half length of the back's cross lines: past the rulers, even with the largest drift they read. */
const CROSS = OFFSET + REACH + 6;
const INK = '#1d2433';
const FAINT = '#8a93a3';

/** Where the ruler's zero is on the front page, in points: centred, in the lower half where no text is. */
export function calibrationTarget(paper: { width: number; height: number }): { x: number; y: number } {
  return { x: paper.width / 2, y: paper.height * 0.64 };
}

/** The same physical point seen on the back page. */
export function mirrorPoint(
  point: { x: number; y: number },
  paper: { width: number; height: number },
  flip: Flip,
): { x: number; y: number } {
  return flip === 'long-edge'
    ? { x: paper.width - point.x, y: point.y }
    : { x: point.x, y: paper.height - point.y };
}

/**
 * Signs that turn a drift seen from the front (right, down) into the offset that cancels it, in the back page's
 * directions: long edge, a back line seen 1 mm right needs dx = +1 and one seen 1 mm low needs dy = −1; short
 * edge, the other way round.
 */
export function rulerSigns(flip: Flip): { x: 1 | -1; y: 1 | -1 } {
  return flip === 'long-edge' ? { x: 1, y: -1 } : { x: -1, y: 1 };
}

export function drawCalibration(
  session: Session,
  paper: { width: number; height: number },
  flip: Flip,
  printable: Rect,
): void {
  const { deck, doc, ctx } = session;
  const size: [number, number] = [paper.width, paper.height];
  const target = calibrationTarget(paper);
  const toMm = (p: { x: number; y: number }) => ({ x: round(p.x / MM), y: round(p.y / MM) });
  const pageMm = { width: round(paper.width / MM), height: round(paper.height / MM) };
  ctx.subject = { label: 'calibration page', roots: { deck: deck.origin('meta') } };

  session.addPage(size);
  // Nothing in the edge the printer cannot print, even the cross of a large back offset.
  doc.save().rect(printable.x, printable.y, printable.w, printable.h).clip();
  const front = calibrationView(session.common, deck, pageMm, 'front', toMm(target), flip);
  const frontLayout = session.layouts.fill('calibration-front', front, paper);
  // Never mirrored: its text is placed by the rulers and crosses drawn here, whatever the locale's direction.
  if (frontLayout) drawLayout(frontLayout, front, ctx, 0, false);
  drawRulers(session, target, rulerSigns(flip));
  doc.restore();

  session.addPage(size);
  doc.save().rect(printable.x, printable.y, printable.w, printable.h).clip();
  const backTarget = mirrorPoint(target, paper, flip);
  const back = calibrationView(session.common, deck, pageMm, 'back', toMm(backTarget), flip);
  const backLayout = session.layouts.fill('calibration-back', back, paper);
  if (backLayout) drawLayout(backLayout, back, ctx, 0, false);
  drawCross(doc, backTarget, false);
  const { dx, dy } = deck.print.backOffset;
  if (dx !== 0 || dy !== 0) drawCross(doc, { x: backTarget.x + dx * MM, y: backTarget.y + dy * MM }, true);
  doc.restore();
}

/**
 * Where the two rulers go, in points: the dx ruler is horizontal, `OFFSET` below the target; the dy ruler is
 * vertical, `OFFSET` right of it. Each spans ±`REACH` around the target's own x (or y), so they never cross
 * each other, and the back's cross (`CROSS` long each way) passes over both whatever the drift.
 */
export function rulerLayout(at: { x: number; y: number }) {
  return {
    dx: { y: at.y + OFFSET * MM, from: at.x - REACH * MM, to: at.x + REACH * MM },
    dy: { x: at.x + OFFSET * MM, from: at.y - REACH * MM, to: at.y + REACH * MM },
    cross: CROSS * MM,
  };
}

function drawRulers(session: Session, at: { x: number; y: number }, signs: { x: 1 | -1; y: 1 | -1 }): void {
  const { doc, ctx } = session;
  const { dx, dy } = rulerLayout(at);
  doc.save().lineCap('butt');
  // Where a perfectly aligned back would put its cross: a small target and dotted guides to each ruler's 0.
  doc
    .moveTo(at.x, at.y)
    .lineTo(at.x, dx.y)
    .moveTo(at.x, at.y)
    .lineTo(dy.x, at.y)
    .lineWidth(0.4)
    .dash(1, { space: 1.5 })
    .strokeColor(FAINT)
    .stroke()
    .undash();
  doc
    .circle(at.x, at.y, 1.5 * MM)
    .lineWidth(0.5)
    .strokeColor(INK)
    .stroke();
  // The rulers' spines.
  doc
    .moveTo(dx.from, dx.y)
    .lineTo(dx.to, dx.y)
    .moveTo(dy.x, dy.from)
    .lineTo(dy.x, dy.to)
    .lineWidth(0.6)
    .strokeColor(INK)
    .stroke();
  // Ticks every half millimetre, hanging below the dx ruler and to the right of the dy ruler; longer every
  // millimetre and every five, longest at zero.
  for (const kind of TICKS) {
    for (let k = -REACH * 2; k <= REACH * 2; k++) {
      if (tickKind(k) !== kind.name) continue;
      const along = (k / 2) * MM;
      doc
        .moveTo(at.x + along, dx.y)
        .lineTo(at.x + along, dx.y + kind.length * MM)
        .moveTo(dy.x, at.y + along)
        .lineTo(dy.x + kind.length * MM, at.y + along);
    }
    doc.lineWidth(kind.width).strokeColor(kind.colour).stroke();
  }
  doc.restore();
  const text = (
    value: string,
    x: number,
    baseline: number,
    align: 'left' | 'center' | 'right',
    bold = false,
  ) =>
    drawPlainText(ctx.fonts, ctx.emitter, value, {
      face: bold ? 'bold' : 'regular',
      size: bold ? 9 : 6.5,
      colour: INK,
      x,
      baseline,
      align,
    });
  for (let v = -REACH; v <= REACH; v += 5) {
    text(signed(v * signs.x), at.x + v * MM, dx.y + 7.2 * MM, 'center');
    text(signed(v * signs.y), dy.x + 5.2 * MM, at.y + v * MM + 2.3, 'left');
  }
  text('dx', dx.from - 2.5 * MM, dx.y + 3.2, 'right', true);
  text('dy', dy.x, dy.from - 2.5 * MM, 'center', true);
}

const TICKS = [
  { name: 'half', length: 1.2, width: 0.2, colour: FAINT },
  { name: 'mm', length: 2.2, width: 0.35, colour: INK },
  { name: 'five', length: 3.8, width: 0.5, colour: INK },
  { name: 'zero', length: 5, width: 0.9, colour: INK },
] as const;

/** Which tick marks `k` half millimetres from zero. */
function tickKind(k: number): (typeof TICKS)[number]['name'] {
  if (k === 0) return 'zero';
  if (k % 10 === 0) return 'five';
  return k % 2 === 0 ? 'mm' : 'half';
}

function drawCross(doc: PDFKit.PDFDocument, at: { x: number; y: number }, dashed: boolean): void {
  const reach = CROSS * MM;
  doc
    .save()
    .lineWidth(dashed ? 0.6 : 0.8)
    .strokeColor(dashed ? FAINT : INK);
  if (dashed) doc.dash(2, { space: 1.5 });
  doc
    .moveTo(at.x - reach, at.y)
    .lineTo(at.x + reach, at.y)
    .moveTo(at.x, at.y - reach)
    .lineTo(at.x, at.y + reach)
    .stroke();
  doc.circle(at.x, at.y, 2 * MM).stroke();
  doc.restore();
}

const signed = (v: number) => (v > 0 ? `+${v}` : v < 0 ? `−${-v}` : '0');
const round = (n: number) => Math.round(n * 100) / 100;
