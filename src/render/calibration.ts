import { calibrationView } from '../compose/views.ts';
import type { Flip } from './imposition.ts';
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
];

const MM = 72 / 25.4;
/** Half length of each ruler, in millimetres. */
const REACH = 15;
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
): void {
  const { deck, doc, ctx } = session;
  const size: [number, number] = [paper.width, paper.height];
  const target = calibrationTarget(paper);
  const toMm = (p: { x: number; y: number }) => ({ x: round(p.x / MM), y: round(p.y / MM) });
  const pageMm = { width: round(paper.width / MM), height: round(paper.height / MM) };
  ctx.subject = { label: 'calibration page', roots: { deck: deck.origin('meta') } };

  session.addPage(size);
  const front = calibrationView(session.common, deck, pageMm, 'front', toMm(target), flip);
  const frontLayout = session.layouts.fill('calibration-front', front, paper);
  if (frontLayout) drawLayout(frontLayout, front, ctx);
  drawRulers(session, target, rulerSigns(flip));

  session.addPage(size);
  const backTarget = mirrorPoint(target, paper, flip);
  const back = calibrationView(session.common, deck, pageMm, 'back', toMm(backTarget), flip);
  const backLayout = session.layouts.fill('calibration-back', back, paper);
  if (backLayout) drawLayout(backLayout, back, ctx);
  drawCross(doc, backTarget, false);
  const { dx, dy } = deck.print.backOffset;
  if (dx !== 0 || dy !== 0) drawCross(doc, { x: backTarget.x + dx * MM, y: backTarget.y + dy * MM }, true);
}

function drawRulers(session: Session, at: { x: number; y: number }, signs: { x: 1 | -1; y: 1 | -1 }): void {
  const { doc, ctx } = session;
  doc.save().lineCap('butt');
  doc
    .moveTo(at.x - REACH * MM, at.y)
    .lineTo(at.x + REACH * MM, at.y)
    .moveTo(at.x, at.y - REACH * MM)
    .lineTo(at.x, at.y + REACH * MM)
    .lineWidth(0.5)
    .strokeColor(INK)
    .stroke();
  for (let k = -REACH * 2; k <= REACH * 2; k++) {
    const mmOff = k / 2;
    const long = k % 10 === 0 && k !== 0;
    const whole = k % 2 === 0;
    const len = (long ? 4.5 : whole ? 2.6 : 1.2) * MM;
    doc
      .moveTo(at.x + mmOff * MM, at.y - len)
      .lineTo(at.x + mmOff * MM, at.y + len)
      .moveTo(at.x - len, at.y + mmOff * MM)
      .lineTo(at.x + len, at.y + mmOff * MM)
      .lineWidth(whole ? 0.35 : 0.2)
      .strokeColor(whole ? INK : FAINT)
      .stroke();
  }
  doc.restore();
  const text = (
    value: string,
    x: number,
    baseline: number,
    align: 'left' | 'center',
    face: 'regular' | 'bold' = 'regular',
    size = 5.5,
  ) => drawPlainText(ctx.fonts, ctx.emitter, value, { face, size, colour: INK, x, baseline, align });
  // Numbers at ±10 and ±15 only: at ±5 those of the two rulers would collide; long ticks mark every 5 mm.
  for (const v of [-15, -10, 10, 15]) {
    text(signed(v * signs.x), at.x + v * MM, at.y + 8 * MM, 'center', 'regular', 7);
    text(signed(v * signs.y), at.x + 5.5 * MM, at.y + v * MM + 2.5, 'left', 'regular', 7);
  }
  text('dx', at.x + (REACH + 2) * MM, at.y + 3, 'left', 'bold', 9);
  text('dy', at.x, at.y + (REACH + 6) * MM, 'center', 'bold', 9);
  doc
    .save()
    .circle(at.x, at.y, 1.2 * MM)
    .lineWidth(0.5)
    .strokeColor(INK)
    .stroke()
    .restore();
}

function drawCross(doc: PDFKit.PDFDocument, at: { x: number; y: number }, dashed: boolean): void {
  const reach = (REACH + 6) * MM;
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
