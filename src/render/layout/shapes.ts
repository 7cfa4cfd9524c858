import type { Decoration, GaugeSpec, Rect, RuleSpec } from '../../compose/layout/nodes.ts';

/** Fills and strokes a rectangle, rounded when asked; transparency stays inside a saved graphics state. */
export function drawDecoration(doc: PDFKit.PDFDocument, rect: Rect, deco: Decoration): void {
  if (!deco.fill && !deco.stroke) return;
  const translucent = deco.opacity < 1;
  if (translucent) doc.save().fillOpacity(deco.opacity).strokeOpacity(deco.opacity);
  const r = Math.min(deco.radius, rect.w / 2, rect.h / 2);
  const path = () =>
    r > 0 ? doc.roundedRect(rect.x, rect.y, rect.w, rect.h, r) : doc.rect(rect.x, rect.y, rect.w, rect.h);
  if (deco.fill) {
    path();
    doc.fillColor(deco.fill).fill();
  }
  if (deco.stroke && deco.strokeWidth > 0) {
    // Stroked inside the box, so a frame never spills past the size the designer gave.
    const half = deco.strokeWidth / 2;
    const inner = {
      x: rect.x + half,
      y: rect.y + half,
      w: rect.w - deco.strokeWidth,
      h: rect.h - deco.strokeWidth,
    };
    const ri = Math.max(0, r - half);
    if (ri > 0) doc.roundedRect(inner.x, inner.y, inner.w, inner.h, ri);
    else doc.rect(inner.x, inner.y, inner.w, inner.h);
    doc.lineWidth(deco.strokeWidth).strokeColor(deco.stroke).stroke();
  }
  if (translucent) doc.restore();
}

/** `level` of `max` rounded segments filled in `colour`, from the left (or the right), the rest in `track`. */
export function drawGauge(doc: PDFKit.PDFDocument, rect: Rect, gauge: GaugeSpec, fromRight = false): void {
  const n = gauge.max;
  const gap = Math.min(gauge.gap, rect.w / (n * 2));
  const w = (rect.w - gap * (n - 1)) / n;
  const r = Math.min(rect.h / 2, w / 2);
  for (let i = 0; i < n; i++) {
    const slot = fromRight ? n - 1 - i : i;
    doc
      .roundedRect(rect.x + slot * (w + gap), rect.y, w, rect.h, r)
      .fillColor(i < Math.round(gauge.level) ? gauge.colour : gauge.track)
      .fill();
  }
}

export function drawHorizontalRule(
  doc: PDFKit.PDFDocument,
  x: number,
  y: number,
  width: number,
  rule: RuleSpec,
): void {
  drawLine(doc, x, y, x + width, y, rule);
}

export function drawLine(
  doc: PDFKit.PDFDocument,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  rule: RuleSpec,
): void {
  if (rule.thickness <= 0) return;
  doc.save();
  doc.moveTo(x1, y1).lineTo(x2, y2).lineWidth(rule.thickness).strokeColor(rule.colour);
  if (rule.dash > 0) doc.dash(rule.dash, { space: rule.dash });
  doc.stroke().restore();
}
