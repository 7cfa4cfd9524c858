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
  encode(
    text: string,
  ): [string[], { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }[]];
  ref(): unknown;
}

/**
 * A word encoded in one face: its advance in thousandths of an em, and its glyphs as the inside of a TJ array
 * made of literal strings (`\000\003) -12 (\000\004`): wrapped in `(` `)`, it is a valid TJ operand, and words
 * joined end to end stay one. Literal strings take two bytes a glyph where hex takes four.
 */
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
  private readonly split = new Map<Face, Map<string, Map<string, Pieces>>>();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    files: FontFiles,
  ) {
    for (const face of FACES) {
      this.shapers.set(face, Shaper.of(files[face]));
      this.words.set(face, new Map());
    }
  }

  /**
   * PDFKit's font object for a face, made on first use: making one reads the font's metrics tables (about
   * 10 ms each), and a document often never uses the symbol or bold italic face.
   */
  private pdfFont(face: Face): PdfKitFont {
    let font = this.fonts.get(face);
    if (!font) {
      const doc = this.doc as unknown as { _font: PdfKitFont | null };
      const current = doc._font;
      this.doc.font(face);
      font = doc._font as PdfKitFont;
      this.fonts.set(face, font);
      // Only `doc.text()` reads the current font, and it always names one first; leave it as it was anyway.
      doc._font = current;
    }
    return font;
  }

  /** Ascender and descender (negative) of a face, in thousandths of an em. */
  metrics(face: Face): { ascender: number; descender: number } {
    const f = this.pdfFont(face);
    return { ascender: f.ascender, descender: f.descender };
  }

  has(face: Face, codePoint: number): boolean {
    return (this.shapers.get(face) as Shaper).glyph(codePoint) !== undefined;
  }

  /** The cache `pieces` fills for one face and colour, for callers that look up many stretches of one run. */
  piecesTable(face: Face, colour: string): Map<string, Pieces> {
    let byColour = this.split.get(face);
    if (!byColour) {
      byColour = new Map();
      this.split.set(face, byColour);
    }
    let byText = byColour.get(colour);
    if (!byText) {
      byText = new Map();
      byColour.set(colour, byText);
    }
    return byText;
  }

  /**
   * `text` in `face` and `colour`, split where a character needs the symbol face, once per document. Characters
   * neither face has are left out and listed in `missing`.
   */
  pieces(face: Face, colour: string, text: string): Pieces {
    const byText = this.piecesTable(face, colour);
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
      const drawnBy: Face | undefined = this.has(face, codePoint)
        ? face
        : this.has('symbol', codePoint)
          ? 'symbol'
          : undefined;
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
    const shaped = shaper.shape(text);
    if (!shaped) return undefined;
    const pdf = this.pdfFont(face);
    const scale = 1000 / shaper.unitsPerEm;
    let units = 0;
    let tj = '';
    for (const { glyph, codePoint, kern } of shaped) {
      if (kern !== 0) {
        units += kern * scale;
        tj += `) ${fmt(-kern * scale)} (`;
      }
      const gid = pdf.subset.includeGlyph(glyph.id);
      pdf.widths[gid] ??= glyph.advance * scale;
      pdf.unicode[gid] ??= [codePoint];
      tj += literalGlyph(gid);
      units += glyph.advance * scale;
    }
    return { units, tj, simple: true };
  }

  /** Full OpenType shaping through PDFKit and fontkit, for text that needs it. */
  private encodeShaped(face: Face, text: string): EncodedWord {
    const [hex, positions] = this.pdfFont(face).encode(text);
    let units = 0;
    let simple = true;
    let tj = '';
    for (let i = 0; i < positions.length; i++) {
      const p = positions[i] as (typeof positions)[number];
      units += p.xAdvance;
      if (p.xOffset || p.yOffset) simple = false;
      tj += literalGlyph(Number.parseInt(hex[i] as string, 16));
      const kern = p.xAdvance - p.advanceWidth;
      if (kern !== 0 && i < positions.length - 1) tj += `) ${fmt(-kern)} (`;
    }
    return { units, tj, simple };
  }

  /** Name of the face's font resource, registering it on the current page. */
  resource(face: Face): string {
    const font = this.pdfFont(face);
    const page = this.doc.page as unknown as { fonts: Record<string, unknown> };
    if (page.fonts[font.id] == null) page.fonts[font.id] = font.ref();
    return font.id;
  }
}

/**
 * A glyph id as the two bytes of a literal string (content streams are written as binary strings), escaping
 * what a literal string cannot hold as is: parentheses, backslash, and line ends (which readers normalize).
 */
function literalGlyph(gid: number): string {
  return literalByte(gid >> 8) + literalByte(gid & 0xff);
}

const LITERAL_BYTES = Array.from({ length: 256 }, (_, b) => {
  if (b === 0x28) return '\\(';
  if (b === 0x29) return '\\)';
  if (b === 0x5c) return '\\\\';
  if (b === 0x0a) return '\\n';
  if (b === 0x0d) return '\\r';
  return String.fromCharCode(b);
});

function literalByte(b: number): string {
  return LITERAL_BYTES[b] as string;
}

/**
 * Numbers in content streams: three decimals are a thousandth of a point, far below what a printer shows.
 * Written from integers: the same text as `String` of the rounded number, which is several times slower.
 */
export function fmt(n: number): string {
  const thousandths = Math.round(n * 1000);
  if (thousandths === 0) return '0';
  if (!Number.isSafeInteger(thousandths)) return String(thousandths / 1000);
  const sign = thousandths < 0 ? '-' : '';
  const magnitude = sign ? -thousandths : thousandths;
  const whole = Math.floor(magnitude / 1000);
  let fraction = magnitude % 1000;
  if (fraction === 0) return `${sign}${whole}`;
  let width = 3;
  while (fraction % 10 === 0) {
    fraction /= 10;
    width--;
  }
  return `${sign}${whole}.${String(fraction).padStart(width, '0')}`;
}
