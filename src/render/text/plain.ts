import type { Face } from '../../fonts/font-files.ts';
import type { TextEmitter } from './emit.ts';
import type { FontSet } from './faces.ts';
import { breakLines } from './lines.ts';
import { tokenize } from './words.ts';

/**
 * One line of plain text drawn by the layout engine's emitter (rulers, marks): going through `doc.text()` even
 * once would make fontkit decode the fonts' whole positioning tables for the document.
 */
export function drawPlainText(
  fonts: FontSet,
  emitter: TextEmitter,
  text: string,
  options: {
    face: Face;
    size: number;
    colour: string;
    x: number;
    baseline: number;
    align?: 'left' | 'center' | 'right';
  },
): number {
  const atoms = tokenize([{ text, face: options.face, colour: options.colour }], fonts, {
    upper: false,
    locale: 'en',
    onMissing: () => {},
  });
  const line = breakLines(atoms, Number.POSITIVE_INFINITY, { size: options.size, tracking: 0 })[0];
  if (!line) return 0;
  const shift = options.align === 'center' ? line.width / 2 : options.align === 'right' ? line.width : 0;
  emitter.line(atoms, line, options.x - shift, options.baseline, options.size, 0);
  return line.width;
}
