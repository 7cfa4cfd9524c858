import type { Face } from '../../fonts/font-files.ts';
import { type FontSet, fmt, type Piece, type RisenSegment } from './faces.ts';
import type { Line } from './lines.ts';
import { type Atom, Break, isLeftToRightIn, visualOrder } from './words.ts';

type AddContent = (data: string | Uint8Array) => PDFKit.PDFDocument;

/**
 * Draws laid-out lines as TJ arrays of words encoded once per document: `doc.text()` costs about 25 µs a call
 * here (options, graphics state, re-encoding), which alone would eat the budget of a 1,000-card deck. Glyphs
 * still go through PDFKit's font objects, so subsetting, widths and the ToUnicode map (text extraction) are
 * PDFKit's own.
 *
 * Consecutive lines share one text object and repeat neither colour nor font: the text is held back and
 * written just before anything else is drawn (the emitter wraps `doc.addContent`), at a page break
 * (`flush`), or when a drawing is captured into a form.
 *
 * A line is drawn in visual order: words of right-to-left text (bidi levels from `words.ts`) are reversed as
 * the Unicode bidirectional algorithm orders them, each word's glyphs already in drawing order from HarfBuzz.
 */
export class TextEmitter {
  private readonly rgb = new Map<string, string>();
  /** Another colour space for text (CMYK for a print shop): the fill operator for a colour at a size. */
  fillOperator: ((hex: string, size: number) => string) | undefined;
  private pending = '';
  private colour = '';
  private font = '';
  /** Letter spacing set in the text object; -0 (equal to 0) makes V8 keep the field a double (see `EncodedWord`). */
  private tracking = -0;
  /** The line being drawn: one object for every line, so that drawing a line allocates only its text. */
  private readonly run = new LineRun();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly fonts: FontSet,
  ) {
    const original = (doc.addContent as AddContent).bind(doc);
    (doc as unknown as { addContent: AddContent }).addContent = (data: string | Uint8Array) => {
      this.flush();
      return original(data);
    };
  }

  /** Writes held-back text (through `doc.addContent`, so that a capture in progress receives it). */
  flush(): void {
    if (!this.pending) return;
    const out = `${this.pending}ET${this.tracking ? '\n0 Tc' : ''}\n`;
    this.pending = '';
    this.colour = '';
    this.font = '';
    this.tracking = -0;
    // As bytes: PDFKit would copy a string into a byte array one character at a time. The text is binary (glyph
    // codes and ASCII), so Latin-1 maps each character to its byte, as PDFKit does.
    (this.doc.addContent as AddContent)(Buffer.from(out, 'latin1'));
  }

  line(
    atoms: readonly Atom[],
    line: Line,
    x: number,
    baseline: number,
    size: number,
    tracking: number,
  ): void {
    const run = this.run;
    run.start(x, fmt(baseline), size, tracking);
    const { start, end } = line;
    // Left-to-right lines (nearly all) are drawn in reading order, with no list of the atoms in drawing order.
    if (isLeftToRightIn(atoms, start, end))
      for (let i = start; i < end; i++) this.atom(atoms, line, i, i + 1 < end ? i + 1 : -1);
    else {
      const order = visualOrder(atoms, start, end);
      for (let k = 0; k < order.length; k++)
        this.atom(atoms, line, order[k] as number, k + 1 < order.length ? (order[k + 1] as number) : -1);
    }
    this.close();
    if (run.out) this.pending = (this.pending || 'BT\n') + run.out;
    run.out = '';
  }

  /** Adds atom `i` of `line`, and the space after it when atom `next` (-1: none) follows it on the line. */
  private atom(atoms: readonly Atom[], line: Line, i: number, next: number): void {
    const atom = atoms[i] as Atom;
    const rtl = (atom.level & 1) === 1;
    const last = atom.pieces.at(-1);
    // A hyphen drawn at a break goes after the word's end: on its left in right-to-left text.
    const hyphen = i === line.end - 1 && line.hyphen && last !== undefined;
    if (rtl) {
      if (hyphen) this.mark(last.face, '-');
      for (let p = atom.pieces.length - 1; p >= 0; p--) this.add(atom.pieces[p] as Piece);
    } else {
      for (const piece of atom.pieces) this.add(piece);
      if (hyphen) this.mark(last.face, '-');
    }
    if (next !== -1 && last) {
      // The space between two neighbours on the line: the one after the first of them in reading order.
      const before = atoms[Math.min(i, next)] as Atom;
      if (before.brk === Break.Space) this.mark(last.face, ' ');
    }
  }

  /** Adds a piece to the line's current group of one face, colour and tracking, or starts a new group. */
  private add(piece: Piece): void {
    const run = this.run;
    const tracked = piece.chars > 0 || piece.word.glyphs === 0;
    if (!run.open || run.face !== piece.face || run.colour !== piece.colour || run.tracked !== tracked) {
      this.close();
      run.open = true;
      run.face = piece.face;
      run.colour = piece.colour;
      run.x = run.cursor;
      run.tracked = tracked;
    }
    const word = piece.word;
    run.tj += word.segments ? risen(word.segments, run.size) : word.tj;
    run.cursor += word.units * run.space + piece.chars * run.tracking;
  }

  /** A space or hyphen, in the face the line breaking measured it in (that of the word's last piece). */
  private mark(face: Face, text: string): void {
    const run = this.run;
    if (!run.open) return;
    if (run.face !== face) {
      const { colour, tracked } = run;
      this.close();
      run.open = true;
      run.face = face;
      run.colour = colour;
      run.x = run.cursor;
      run.tracked = tracked;
    }
    const word = this.fonts.encode(face, text);
    run.tj += word.tj;
    run.cursor += word.units * run.space + run.tracking;
    // Spacing owed to the mark that this group, untracked, does not apply.
    if (!run.tracked && run.tracking !== 0) run.tj += `) ${fmt((-run.tracking * 1000) / run.size)} (`;
  }

  /** Writes the current group (a run of one face, colour and tracking) to the line's text, if one is open. */
  private close(): void {
    const run = this.run;
    if (!run.open) return;
    run.open = false;
    const tc = run.tracked ? run.tracking : 0;
    let out = run.out;
    if (tc !== this.tracking) {
      out += `${fmt(tc)} Tc\n`;
      this.tracking = tc;
    }
    const colour = this.fillOperator
      ? this.fillOperator(run.colour, run.size)
      : `${this.rgbOf(run.colour)} rg`;
    if (colour !== this.colour) {
      out += `${colour}\n`;
      this.colour = colour;
    }
    const font = `/${this.fonts.resource(run.face)} ${fmt(run.size)} Tf\n`;
    if (font !== this.font) {
      out += font;
      this.font = font;
    }
    run.out = `${out}1 0 0 -1 ${fmt(run.x)} ${run.y} Tm\n[(${run.tj})] TJ\n`;
    run.tj = '';
  }

  /** `#rrggbb` as the three operands of `rg`. */
  private rgbOf(hex: string): string {
    let value = this.rgb.get(hex);
    if (!value) {
      const n = Number.parseInt(hex.slice(1), 16);
      value = `${fmt(((n >> 16) & 255) / 255)} ${fmt(((n >> 8) & 255) / 255)} ${fmt((n & 255) / 255)}`;
      this.rgb.set(hex, value);
    }
    return value;
  }
}

/** The state of the line `TextEmitter.line` draws: where it is, and the group of pieces it is adding to. */
class LineRun {
  /** Operators written for the line's finished groups. */
  out = '';
  y = '';
  size = Number.NaN;
  /** Points per thousandth of an em at this size. */
  space = Number.NaN;
  tracking = Number.NaN;
  /** Where the next piece starts. */
  cursor = Number.NaN;
  /** A group is open: its face, colour, tracking, left end and text so far. */
  open = false;
  face: Face = 'regular';
  colour = '';
  tracked = false;
  x = Number.NaN;
  tj = '';

  start(x: number, y: string, size: number, tracking: number): void {
    this.out = '';
    this.y = y;
    this.size = size;
    this.space = size / 1000;
    this.tracking = tracking;
    this.cursor = x;
    this.open = false;
    this.tj = '';
  }
}

/** A word whose marks sit above or below the baseline: its TJ split by text rises at this size. */
function risen(segments: readonly RisenSegment[], size: number): string {
  let tj = '';
  segments.forEach((s, i) => {
    if (i > 0) tj += `)] TJ\n${fmt((s.rise * size) / 1000)} Ts\n[(`;
    tj += s.tj;
  });
  return tj;
}
