import type { Face, FontFiles } from '../fonts.ts';
import { NEEDS_SHAPING, Shaper } from './shaper.ts';

/*
 * The fonts of one PDF document, seen from the layout engine: measuring and encoding words once, checking
 * which face can draw a character. This reaches into PDFKit's embedded-font objects (the same ones
 * `doc.text()` uses), so what is measured is exactly what is drawn; see `emit.ts` for why text is not drawn
 * through `doc.text()`.
 */

/** The part of PDFKit's EmbeddedFont used here. */
interface PdfKitFont {
  id: string;
  ascender: number;
  descender: number;
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  encode(text: string): [string[], { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }[]];
  ref(): unknown;
}

/** A word encoded in one face: its advance in thousandths of an em and its glyphs as TJ array elements. */
export interface EncodedWord {
  units: number;
  tj: string;
  /** False when a glyph carries a positioning offset (combining marks) that a TJ array cannot express. */
  simple: boolean;
}

/** A stretch of text drawn in one face and colour, encoded. Shared between every use of the same text. */
export interface Piece {
  readonly face: Face;
  readonly colour: string;
  readonly text: string;
  readonly word: EncodedWord;
  /** Characters (code points), for letter spacing. */
  readonly chars: number;
}

/** Text split by the face that draws each character, and the characters no face can draw. */
export interface Pieces {
  readonly pieces: readonly Piece[];
  readonly missing: readonly string[];
}

const FACES: readonly Face[] = ['regular', 'bold', 'italic', 'boldItalic', 'symbol'];

export class FontSet {
  private readonly fonts = new Map<Face, PdfKitFont>();
  private readonly shapers = new Map<Face, Shaper>();
  private readonly words = new Map<Face, Map<string, EncodedWord>>();
  private readonly split = new Map<string, Map<string, Pieces>>();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    files: FontFiles,
  ) {
    for (const face of FACES) {
      doc.font(face);
      this.fonts.set(face, (doc as unknown as { _font: PdfKitFont })._font);
      this.shapers.set(face, Shaper.of(files[face]));
      this.words.set(face, new Map());
    }
    doc.font('regular');
  }

  private pdfFont(face: Face): PdfKitFont {
    return this.fonts.get(face) as PdfKitFont;
  }

  /** Ascender and descender (negative) of a face, in thousandths of an em. */
  metrics(face: Face): { ascender: number; descender: number } {
    const f = this.pdfFont(face);
    return { ascender: f.ascender, descender: f.descender };
  }

  has(face: Face, codePoint: number): boolean {
    return (this.shapers.get(face) as Shaper).glyph(codePoint) !== undefined;
  }

  /**
   * `text` in `face` and `colour`, split where a character needs the symbol face, once per document. Characters
   * neither face has are left out and listed in `missing`.
   */
  pieces(face: Face, colour: string, text: string): Pieces {
    const key = `${face}|${colour}`;
    let byText = this.split.get(key);
    if (!byText) {
      byText = new Map();
      this.split.set(key, byText);
    }
    let found = byText.get(text);
    if (found) return found;
    const pieces: Piece[] = [];
    const missing: string[] = [];
    let current: Face | undefined;
    let start = 0;
    let chars = 0;
    const flush = (end: number) => {
      if (current !== undefined && end > start) {
        const part = text.slice(start, end);
        pieces.push({ face: current, colour, text: part, word: this.encode(current, part), chars });
      }
    };
    for (let i = 0; i < text.length; ) {
      const codePoint = text.codePointAt(i) as number;
      const width = codePoint > 0xffff ? 2 : 1;
      const drawnBy: Face | undefined = this.has(face, codePoint) ? face : this.has('symbol', codePoint) ? 'symbol' : undefined;
      if (drawnBy !== current || drawnBy === undefined) {
        flush(i);
        current = drawnBy;
        start = drawnBy === undefined ? i + width : i;
        chars = 0;
        if (drawnBy === undefined) missing.push(String.fromCodePoint(codePoint));
      }
      if (drawnBy !== undefined) chars++;
      i += width;
    }
    flush(text.length);
    found = { pieces, missing };
    byText.set(text, found);
    return found;
  }

  /** Measures and encodes `text` in `face`, once per document. */
  encode(face: Face, text: string): EncodedWord {
    const cache = this.words.get(face) as Map<string, EncodedWord>;
    let word = cache.get(text);
    if (!word) {
      word = (!NEEDS_SHAPING.test(text) && this.encodeSimple(face, text)) || this.encodeShaped(face, text);
      cache.set(text, word);
    }
    return word;
  }

  /**
   * Glyphs from the cmap with pair kerning (see `shaper.ts`), registered in PDFKit's subset, widths and
   * ToUnicode map exactly as its own `encode` does. Undefined when the face lacks a character.
   */
  private encodeSimple(face: Face, text: string): EncodedWord | undefined {
    const shaper = this.shapers.get(face) as Shaper;
    const pdf = this.pdfFont(face);
    const scale = 1000 / shaper.unitsPerEm;
    let units = 0;
    let tj = '';
    let hex = '';
    let previous = -1;
    for (const ch of text) {
      const codePoint = ch.codePointAt(0) as number;
      const glyph = shaper.glyph(codePoint);
      if (!glyph) return undefined;
      if (previous >= 0) {
        const kern = shaper.kern(previous, glyph.id) * scale;
        if (kern !== 0) {
          units += kern;
          tj += `<${hex}> ${fmt(-kern)} `;
          hex = '';
        }
      }
      const gid = pdf.subset.includeGlyph(glyph.id);
      pdf.widths[gid] ??= glyph.advance * scale;
      pdf.unicode[gid] ??= [codePoint];
      hex += gid.toString(16).padStart(4, '0');
      units += glyph.advance * scale;
      previous = glyph.id;
    }
    return { units, tj: hex ? `${tj}<${hex}>` : tj.trimEnd(), simple: true };
  }

  /** Full OpenType shaping through PDFKit and fontkit, for text that needs it. */
  private encodeShaped(face: Face, text: string): EncodedWord {
    const [hex, positions] = this.pdfFont(face).encode(text);
    let units = 0;
    let simple = true;
    let tj = '';
    let from = 0;
    for (let i = 0; i < positions.length; i++) {
      const p = positions[i] as (typeof positions)[number];
      units += p.xAdvance;
      if (p.xOffset || p.yOffset) simple = false;
      const kern = p.xAdvance - p.advanceWidth;
      if (kern !== 0) {
        tj += `<${hex.slice(from, i + 1).join('')}> ${fmt(-kern)} `;
        from = i + 1;
      }
    }
    if (from < hex.length) tj += `<${hex.slice(from).join('')}>`;
    return { units, tj: tj.trimEnd(), simple };
  }

  /** Name of the face's font resource, registering it on the current page. */
  resource(face: Face): string {
    const font = this.pdfFont(face);
    const page = this.doc.page as unknown as { fonts: Record<string, unknown> };
    if (page.fonts[font.id] == null) page.fonts[font.id] = font.ref();
    return font.id;
  }
}

/** Numbers in content streams: three decimals are a thousandth of a point, far below what a printer shows. */
export function fmt(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}
