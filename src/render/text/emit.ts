import type { Face } from '../fonts.ts';
import { type FontSet, fmt, type Piece } from './faces.ts';
import type { Line } from './lines.ts';
import { type Atom, Break, visualOrder } from './words.ts';

interface Group {
  face: Face;
  colour: string;
  x: number;
  tj: string;
  /** Letter spacing applies (not in connected scripts). */
  tracked: boolean;
}

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
  private tracking = 0;

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
    this.tracking = 0;
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
    const groups = this.groups(atoms, line, x, size, tracking);
    if (groups.length === 0) return;
    let out = this.pending || 'BT\n';
    const y = fmt(baseline);
    for (const g of groups) {
      const tc = g.tracked ? tracking : 0;
      if (tc !== this.tracking) {
        out += `${fmt(tc)} Tc\n`;
        this.tracking = tc;
      }
      const colour = this.fillOperator ? this.fillOperator(g.colour, size) : `${this.rgbOf(g.colour)} rg`;
      if (colour !== this.colour) {
        out += `${colour}\n`;
        this.colour = colour;
      }
      const font = `/${this.fonts.resource(g.face)} ${fmt(size)} Tf\n`;
      if (font !== this.font) {
        out += font;
        this.font = font;
      }
      out += `1 0 0 -1 ${fmt(g.x)} ${y} Tm\n[(${g.tj})] TJ\n`;
    }
    this.pending = out;
  }

  /** The line's runs of one face, colour and tracking, placed from left to right. */
  private groups(atoms: readonly Atom[], line: Line, x: number, size: number, tracking: number): Group[] {
    const groups: Group[] = [];
    let group: Group | undefined;
    let cursor = x;
    const space = size / 1000;
    const order = visualOrder(atoms, line.start, line.end);
    const add = (piece: Piece) => {
      const tracked = piece.chars > 0 || piece.word.glyphs === 0;
      if (!group || group.face !== piece.face || group.colour !== piece.colour || group.tracked !== tracked) {
        group = { face: piece.face, colour: piece.colour, x: cursor, tj: '', tracked };
        groups.push(group);
      }
      group.tj += piece.word.segments ? risen(piece.word.segments, size) : piece.word.tj;
      cursor += piece.word.units * space + piece.chars * tracking;
    };
    // A space or hyphen, in the face the line breaking measured it in (that of the word's last piece).
    const mark = (face: Face, text: string) => {
      if (!group) return;
      if (group.face !== face) {
        group = { face, colour: group.colour, x: cursor, tj: '', tracked: group.tracked };
        groups.push(group);
      }
      const word = this.fonts.encode(group.face, text);
      group.tj += word.tj;
      cursor += word.units * space + tracking;
      // Spacing owed to the mark that this group, untracked, does not apply.
      if (!group.tracked && tracking !== 0) group.tj += `) ${fmt((-tracking * 1000) / size)} (`;
    };
    for (let k = 0; k < order.length; k++) {
      const i = order[k] as number;
      const atom = atoms[i] as Atom;
      const rtl = (atom.level & 1) === 1;
      const last = atom.pieces.at(-1);
      // A hyphen drawn at a break goes after the word's end: on its left in right-to-left text.
      const hyphen = i === line.end - 1 && line.hyphen && last !== undefined;
      if (rtl) {
        if (hyphen) mark(last.face, '-');
        for (let p = atom.pieces.length - 1; p >= 0; p--) add(atom.pieces[p] as Piece);
      } else {
        for (const piece of atom.pieces) add(piece);
        if (hyphen) mark(last.face, '-');
      }
      if (k < order.length - 1 && last) {
        const next = order[k + 1] as number;
        // The space between two neighbours on the line: the one after the first of them in reading order.
        const before = atoms[Math.min(i, next)] as Atom;
        if (before.brk === Break.Space) mark(last.face, ' ');
      }
    }
    return groups;
  }

  /** `#rrggbb` as the three operands of `rg`. */
  private rgbOf(hex: string): string {
    let value = this.rgb.get(hex);
    if (!value) {
      const n = Number.parseInt(hex.slice(1), 16);
      value = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => fmt(c / 255)).join(' ');
      this.rgb.set(hex, value);
    }
    return value;
  }
}

/** A word whose marks sit above or below the baseline: its TJ split by text rises at this size. */
function risen(segments: readonly { tj: string; rise: number }[], size: number): string {
  let tj = '';
  segments.forEach((s, i) => {
    if (i > 0) tj += `)] TJ\n${fmt((s.rise * size) / 1000)} Ts\n[(`;
    tj += s.tj;
  });
  return tj;
}
