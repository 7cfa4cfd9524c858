import type { FontFiles } from '../../fonts/font-files.ts';
import { TextEmitter } from '../text/emit.ts';
import { FontSet, type Piece } from '../text/faces.ts';
import { makeLine } from '../text/lines.ts';
import { CONNECTED_SCRIPT } from '../text/shaper.ts';
import { Break, makeAtom } from '../text/words.ts';
import type { Line } from './typesetter.ts';

/**
 * Draws the guide's typeset lines with the cards' text machinery: words encoded once per document from the
 * cmap with pair kerning, consecutive lines in one text object. Through `doc.text()` every word went through
 * fontkit's full OpenType layout, most of the time of a guide build. Words are encoded exactly as
 * `ShaperMeasurer` measured them, so a line is as wide as the typesetter planned.
 */
export class LineWriter {
  private readonly fonts: FontSet;
  private readonly emitter: TextEmitter;

  constructor(doc: PDFKit.PDFDocument, files: FontFiles) {
    this.fonts = new FontSet(doc, files);
    this.emitter = new TextEmitter(doc, this.fonts);
  }

  /** Draws `line` with its left end at `x` and its baseline at `baseline`. */
  line(line: Line, x: number, baseline: number): void {
    for (const piece of line.pieces) {
      const pieces: Piece[] = [];
      let units = 0;
      let chars = 0;
      for (const text of piece.words) {
        const word = this.fonts.encode(piece.font, text);
        const p = {
          face: piece.font,
          colour: piece.colour,
          text,
          word,
          chars: CONNECTED_SCRIPT.test(text) ? 0 : word.glyphs,
        };
        pieces.push(p);
        units += word.units;
        chars += p.chars;
      }
      const atom = makeAtom(pieces, units, chars, Break.None, 0, 0, 0);
      const width = (units * piece.size) / 1000 + chars * piece.tracking;
      this.emitter.line(
        [atom],
        makeLine(0, 1, width, false, false),
        x + piece.dx,
        baseline,
        piece.size,
        piece.tracking,
      );
    }
  }

  /** Words HarfBuzz drew with a dotted circle they do not hold. */
  get dottedCircles(): ReadonlySet<string> {
    return this.fonts.dottedCircles;
  }

  /** Writes held-back text: before a page ends, and before the document does. */
  flush(): void {
    this.emitter.flush();
  }
}
