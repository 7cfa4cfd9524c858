import type { Rect } from './imposition.ts';
import type { RenderContext } from './layout/context.ts';
import { breakLines } from './text/lines.ts';
import { tokenize } from './text/words.ts';

const LARGEST = 6.5;
const SMALLEST = 3.5;
const INK = '#1d2433';

/**
 * The "print at 100 % / actual size, on this paper" note in a sheet's margin: one line, centred in `box`, as large
 * as fits up to 6.5 pt; in a tall box, running upwards. Returns false when even the smallest size does not fit
 * (nothing is drawn then).
 */
export function drawPrintNote(ctx: RenderContext, text: string, box: Rect): boolean {
  if (box.h > box.w) {
    ctx.doc
      .save()
      .translate(box.x, box.y + box.h)
      .rotate(-90, { origin: [0, 0] });
    const drawn = drawPrintNote(ctx, text, { x: 0, y: 0, w: box.h, h: box.w });
    ctx.doc.restore();
    return drawn;
  }
  if (!text) return false;
  const atoms = tokenize([{ text, face: 'regular', colour: INK }], ctx.fonts, {
    upper: false,
    locale: ctx.locale,
    onMissing: () => {},
  });
  const widthAt = (size: number) =>
    breakLines(atoms, Number.POSITIVE_INFINITY, { size, tracking: 0 })[0]?.width ?? 0;
  const atOne = widthAt(1);
  if (atOne <= 0) return false;
  const size = Math.min(LARGEST, box.w / atOne, box.h / 1.15);
  if (size < SMALLEST) return false;
  const line = breakLines(atoms, Number.POSITIVE_INFINITY, { size, tracking: 0 })[0];
  if (!line) return false;
  const { ascender, descender } = ctx.fonts.metrics('regular');
  const height = (size * (ascender - descender)) / 1000;
  const baseline = box.y + (box.h - height) / 2 + (size * ascender) / 1000;
  ctx.emitter.line(atoms, line, box.x + (box.w - line.width) / 2, baseline, size, 0);
  return true;
}
