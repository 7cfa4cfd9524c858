import type { Face } from '../fonts.ts';
import { type FontSet, fmt } from './faces.ts';
import type { Line } from './lines.ts';
import { type Atom, Break } from './words.ts';

interface Group {
  face: Face;
  colour: string;
  x: number;
  tj: string;
  text: string;
  simple: boolean;
}

type AddContent = (data: string | Uint8Array) => PDFKit.PDFDocument;

/**
 * Draws laid-out lines as TJ arrays of words encoded once per document: `doc.text()` costs about 25 µs a call
 * here (options, graphics state, re-encoding), which alone would eat the budget of a 1,000-card deck. Glyphs
 * still go through PDFKit's font objects, so subsetting, widths and the ToUnicode map (text extraction) are
 * PDFKit's own. Words with positioned marks (rare in NFC text) fall back to `doc.text()`.
 *
 * Consecutive lines share one text object and repeat neither colour nor font: the text is held back and
 * written just before anything else is drawn (the emitter wraps `doc.addContent`), at a page break
 * (`flush`), or when a drawing is captured into a form.
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
    const groups = this.groups(atoms, line, x, size, tracking, false);
    if (groups.length === 0) return;
    if (groups.some((g) => !g.simple)) {
      this.flush();
      this.fallback(this.groups(atoms, line, x, size, tracking, true), baseline, size, tracking);
      return;
    }
    let out = this.pending || 'BT\n';
    if (tracking !== this.tracking) {
      out += `${fmt(tracking)} Tc\n`;
      this.tracking = tracking;
    }
    const y = fmt(baseline);
    for (const g of groups) {
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

  /**
   * The line's runs of one face and colour, placed. Their plain text is collected only for the rare line
   * that has to go through `doc.text()` (`withText`): most lines never need it.
   */
  private groups(
    atoms: readonly Atom[],
    line: Line,
    x: number,
    size: number,
    tracking: number,
    withText: boolean,
  ): Group[] {
    const groups: Group[] = [];
    let group: Group | undefined;
    let cursor = x;
    const space = size / 1000;
    for (let i = line.start; i < line.end; i++) {
      const atom = atoms[i] as Atom;
      for (const piece of atom.pieces) {
        if (!group || group.face !== piece.face || group.colour !== piece.colour) {
          group = { face: piece.face, colour: piece.colour, x: cursor, tj: '', text: '', simple: true };
          groups.push(group);
        }
        group.tj += piece.word.tj;
        if (withText) group.text += piece.text;
        if (!piece.word.simple) group.simple = false;
        cursor += piece.word.units * space + piece.chars * tracking;
      }
      const lastPiece = atom.pieces.at(-1);
      if (!lastPiece || !group) continue;
      const end =
        i < line.end - 1 && atom.brk === Break.Space ? ' ' : i === line.end - 1 && line.hyphen ? '-' : '';
      if (end) {
        const mark = this.fonts.encode(lastPiece.face, end);
        group.tj += mark.tj;
        if (withText) group.text += end;
        cursor += mark.units * space + tracking;
      }
    }
    return groups;
  }

  private fallback(groups: Group[], baseline: number, size: number, tracking: number): void {
    for (const g of groups) {
      this.doc
        .font(g.face)
        .fontSize(size)
        .fillColor(g.colour)
        .text(g.text, g.x, baseline, {
          lineBreak: false,
          baseline: 'alphabetic',
          characterSpacing: tracking,
        } as PDFKit.Mixins.TextOptions);
    }
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
