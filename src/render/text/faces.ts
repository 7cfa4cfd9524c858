import {
  type Face,
  type FontFiles,
  fallbackFaces,
  fallbacksFor,
  fontFile,
  isBoldFace,
} from '../../fonts/font-files.ts';
import { entryOf } from '../../maps.ts';
import { fractionalExample } from './number-fields.ts';
import {
  CONNECTED_SCRIPT,
  GLYPH_ADVANCE,
  GLYPH_DX,
  GLYPH_DY,
  GLYPH_FIELDS,
  GLYPH_ID,
  GLYPH_WIDTH,
  type ShapedText,
  Shaper,
} from './shaper.ts';

/*
 * The fonts of one PDF document, seen from the layout engine: shaping and encoding words once, finding the face
 * that draws each character. This reaches into PDFKit's embedded-font objects (the same ones `doc.text()`
 * uses) for subsetting, widths and the ToUnicode map; glyphs come from HarfBuzz (see `shaper.ts`), and
 * `emit.ts` writes them.
 */

/** The part of PDFKit's EmbeddedFont used here. */
interface PdfKitFont {
  id: string;
  ascender: number;
  descender: number;
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
}

/** A stretch of an encoded word's TJ text drawn at one text rise (thousandths of an em). */
export interface RisenSegment {
  tj: string;
  rise: number;
}

/**
 * A word encoded in one face: its advance in thousandths of an em, and its glyphs as the inside of a TJ array
 * made of literal strings (`\000\003) -12 (\000\004`): wrapped in `(` `)`, it is a valid TJ operand, and words
 * joined end to end stay one. Literal strings take two bytes a glyph where hex takes four. Marks that HarfBuzz
 * raises or lowers (Arabic dots, Indic vowel signs) need a text rise, which depends on the size: such words
 * come as segments, each with its rise in thousandths of an em.
 *
 * A class, so that every encoded word has one layout (V8 compiles the code reading them once).
 */
export class EncodedWord {
  constructor(
    readonly units: number,
    readonly tj: string,
    /** Glyphs drawn (what letter spacing applies to). */
    readonly glyphs: number,
    /** Set when a glyph sits above or below the baseline: the TJ split where the rise changes. */
    readonly segments: readonly RisenSegment[] | undefined,
  ) {}
}
fractionalExample(new EncodedWord(0.5, '', 0, undefined));

/** A stretch of text drawn in one face and colour, encoded. Shared between every use of the same text. */
export interface Piece {
  readonly face: Face;
  readonly colour: string;
  readonly text: string;
  readonly word: EncodedWord;
  /** Glyphs that take letter spacing: none in connected scripts (Arabic, Devanagari), whose letters join. */
  readonly chars: number;
}

/** Text split by the face that draws each character, and the characters no face can draw. */
export interface Pieces {
  readonly pieces: readonly Piece[];
  readonly missing: readonly string[];
}

const TEXT_FACES: readonly Face[] = ['regular', 'bold', 'italic', 'boldItalic', 'symbol'];

export class FontSet {
  private readonly fonts = new Map<Face, PdfKitFont>();
  private readonly shapers = new Map<Face, Shaper>();
  private readonly words = new Map<Face, Map<string, EncodedWord>>();
  private readonly split = new Map<Face, Map<string, Map<string, Pieces>>>();
  /** Fallback faces tried for regular and italic text, and for bold text (bold faces where a fallback has one). */
  private readonly fallbacks: readonly Face[];
  private readonly boldFallbacks: readonly Face[];
  /** The font dictionary `resource` last registered fonts in, and the faces it holds. */
  private registeredIn: object | undefined;
  private readonly registered = new Set<Face>();
  /** Texts HarfBuzz had to draw with a dotted circle (a mark without its base), once each. */
  readonly dottedCircles = new Set<string>();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    files: FontFiles,
  ) {
    this.fallbacks = fallbacksFor(files, 'regular');
    this.boldFallbacks = fallbacksFor(files, 'bold');
    for (const face of [...TEXT_FACES, ...fallbackFaces(files)]) {
      this.shapers.set(face, Shaper.of(fontFile(files, face)));
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
    return (this.shapers.get(face) as Shaper).has(codePoint);
  }

  /** The face that draws `codePoint` in text set in `face`: itself, a fallback, the symbol font, or none. */
  private drawnBy(face: Face, codePoint: number): Face | undefined {
    if (this.has(face, codePoint)) return face;
    const fallbacks = isBoldFace(face) ? this.boldFallbacks : this.fallbacks;
    for (const fallback of fallbacks) if (this.has(fallback, codePoint)) return fallback;
    return this.has('symbol', codePoint) ? 'symbol' : undefined;
  }

  /** The cache `pieces` fills for one face and colour, for callers that look up many stretches of one run. */
  piecesTable(face: Face, colour: string): Map<string, Pieces> {
    const byColour = entryOf(this.split, face, () => new Map<string, Map<string, Pieces>>());
    return entryOf(byColour, colour, () => new Map<string, Pieces>());
  }

  /**
   * `text` in `face` and `colour`, split where a character needs a fallback or the symbol face, once per
   * document. Characters no face has are left out and listed in `missing`. Combining marks stay with the face
   * of their base, so that a cluster is shaped whole.
   */
  pieces(face: Face, colour: string, text: string): Pieces {
    const byText = this.piecesTable(face, colour);
    let found = byText.get(text);
    if (found) return found;
    found =
      text !== '' && this.drawsAll(face, text)
        ? { pieces: [this.piece(face, colour, text)], missing: NONE_MISSING }
        : this.splitByFace(face, colour, text);
    byText.set(text, found);
    return found;
  }

  /** Whether `face` draws every character of `text` (the common case: one piece, no character to examine twice). */
  private drawsAll(face: Face, text: string): boolean {
    const shaper = this.shapers.get(face) as Shaper;
    for (let i = 0; i < text.length; i++) {
      const codePoint = text.codePointAt(i) as number;
      if (!shaper.has(codePoint)) return false;
      if (codePoint > 0xffff) i++;
    }
    return true;
  }

  /** `pieces` for text that needs a fallback face, or has characters no face draws. */
  private splitByFace(face: Face, colour: string, text: string): Pieces {
    const pieces: Piece[] = [];
    const missing: string[] = [];
    let current: Face | undefined;
    let start = 0;
    const flush = (end: number) => {
      if (current !== undefined && end > start)
        pieces.push(this.piece(current, colour, text.slice(start, end)));
    };
    for (let i = 0; i < text.length; ) {
      const codePoint = text.codePointAt(i) as number;
      const width = codePoint > 0xffff ? 2 : 1;
      const mark = current !== undefined && COMBINING.test(String.fromCodePoint(codePoint));
      const drawnBy =
        mark && current !== undefined && this.has(current, codePoint)
          ? current
          : this.drawnBy(face, codePoint);
      if (drawnBy !== current || drawnBy === undefined) {
        flush(i);
        current = drawnBy;
        start = drawnBy === undefined ? i + width : i;
        if (drawnBy === undefined) missing.push(String.fromCodePoint(codePoint));
      }
      i += width;
    }
    flush(text.length);
    return { pieces, missing };
  }

  private piece(face: Face, colour: string, text: string): Piece {
    const word = this.encode(face, text);
    return { face, colour, text, word, chars: CONNECTED_SCRIPT.test(text) ? 0 : word.glyphs };
  }

  /**
   * `text` shaped by HarfBuzz in `face`, its glyphs registered in PDFKit's subset, widths and ToUnicode map as
   * PDFKit's own `encode` does, once per document.
   */
  encode(face: Face, text: string): EncodedWord {
    const cache = this.words.get(face) as Map<string, EncodedWord>;
    let word = cache.get(text);
    if (!word) {
      word = this.encodeShaped(face, text);
      cache.set(text, word);
    }
    return word;
  }

  private encodeShaped(face: Face, text: string): EncodedWord {
    const shaper = this.shapers.get(face) as Shaper;
    const shaped = shaper.shape(text);
    if (shaped.dottedCircle) this.dottedCircles.add(text);
    const pdf = this.pdfFont(face);
    const plan = planOf(shaped, text, shaper.scale);
    const { moves, rises, scale } = plan;
    const { glyphs, codePoints } = shaped;
    const n = shaped.count;
    const segments: RisenSegment[] = [];
    let tj = '';
    let rise = 0;
    // Whether text extraction reads these glyphs back as `text` through the document's ToUnicode map: surely
    // so when the glyphs' own characters spell the text and the map gives each glyph those characters.
    let reads = plan.spellsText;
    for (let i = 0; i < n; i++) {
      const newRise = rises?.[i];
      if (newRise !== undefined) {
        segments.push({ tj, rise });
        tj = '';
        rise = newRise;
      }
      tj += moves[i] as string;
      const glyph = i * GLYPH_FIELDS;
      const gid = pdf.subset.includeGlyph(glyphs[glyph + GLYPH_ID] as number);
      pdf.widths[gid] ??= (glyphs[glyph + GLYPH_WIDTH] as number) * scale;
      if (!pdf.unicode[gid]?.length) pdf.unicode[gid] = codePoints[i] as number[];
      if (reads) reads = sameNumbers(pdf.unicode[gid] as number[], codePoints[i] as readonly number[]);
      tj += literalGlyph(gid);
    }
    tj += plan.tail;
    // Otherwise the map may give some glyph other characters (a glyph another word met first), or the glyphs
    // come in another order than their characters: what extraction reads is compared with the text.
    if (!reads) reads = extractedText(pdf, shaped) === text;
    const units = plan.units;
    // Glyphs that do not read back as the text in drawing order (a vowel sign drawn before its consonant,
    // right-to-left text, a glyph the map already gives another reading) carry the text as ActualText, a
    // marked-content span around them, so that copying and extraction read the word as written.
    const actual = plan.unsettled || !reads;
    const open = actual ? `)] TJ\n/Span <</ActualText <${utf16Hex(text)}>>> BDC\n[(` : '';
    const close = actual ? ')] TJ\nEMC\n[(' : '';
    if (segments.length === 0 && rise === 0) return new EncodedWord(units, open + tj + close, n, undefined);
    segments.push({ tj, rise });
    if (rise !== 0) segments.push({ tj: '', rise: 0 });
    const first = segments[0] as RisenSegment;
    const last = segments[segments.length - 1] as RisenSegment;
    first.tj = open + first.tj;
    last.tj += close;
    return new EncodedWord(units, segments.map((s) => s.tj).join(''), n, segments);
  }

  /**
   * Name of the face's font resource, registering it on the current page (or the form being captured, which
   * has a font dictionary of its own). The faces registered in the current dictionary are remembered: looking
   * them up in it by name meets a new layout of that object with every font added to it.
   */
  resource(face: Face): string {
    const font = this.pdfFont(face);
    const fonts = (this.doc.page as unknown as { fonts: Record<string, unknown> }).fonts;
    if (fonts !== this.registeredIn) {
      this.registeredIn = fonts;
      this.registered.clear();
    }
    if (!this.registered.has(face)) {
      this.registered.add(face);
      if (fonts[font.id] == null) fonts[font.id] = font.ref();
    }
    return font.id;
  }
}

/**
 * What encoding a shaped text takes in any document, worked out once per process: the moves between glyphs
 * where HarfBuzz's pen and the PDF's text position part (kerning, marks), and the rises. Glyph ids, widths and
 * characters are read from the shaped text itself. Only the subset's glyph numbers and the ToUnicode map are
 * the document's own.
 */
export class EncodingPlan {
  /** TJ text before each glyph: a move (`) -12 (`) or nothing. */
  readonly moves: string[];
  /** Where the text rise changes, the new rise (thousandths of an em), before the glyph's move; none: no rise. */
  rises: (number | undefined)[] | undefined = undefined;
  /** The move after the last glyph, to where HarfBuzz's pen ends. */
  tail = '';
  /** A glyph stands for no character here (a later word may give it a reading). */
  unsettled = false;
  /** The glyphs' characters, in drawing order, are the text. */
  spellsText = false;

  /** A class, not a literal, for the reason `ShapedText` gives: plans are kept for the whole process. */
  constructor(
    glyphs: number,
    /** The text's advance, and thousandths of an em per font unit (a glyph's width in the PDF is its own times this). */
    readonly units: number,
    readonly scale: number,
  ) {
    this.moves = new Array(glyphs);
  }
}

fractionalExample(new EncodingPlan(0, 0.5, 0.5));

/** The plan of `shaped`, worked out on first use and kept with it. */
function planOf(shaped: ShapedText, text: string, scale: number): EncodingPlan {
  if (shaped.encoding) return shaped.encoding;
  const n = shaped.count;
  const glyphs = shaped.glyphs;
  const plan = new EncodingPlan(n, shaped.advance * scale, scale);
  let rise = 0;
  // Where HarfBuzz's pen is, and where the PDF's text position is, in thousandths of an em: the PDF moves by
  // each glyph's own width, HarfBuzz by its shaped advance (kerning, marks of no width) and offsets.
  let pen = 0;
  let at = 0;
  const moveTo = (x: number): string => {
    const move = Math.abs(x - at) > 1e-6 ? `) ${fmt(at - x)} (` : '';
    at = x;
    return move;
  };
  for (let i = 0; i < n; i++) {
    const glyph = i * GLYPH_FIELDS;
    const dy = (glyphs[glyph + GLYPH_DY] as number) * scale;
    if (dy !== rise) {
      plan.rises ??= new Array(n);
      plan.rises[i] = dy;
      rise = dy;
    }
    plan.moves[i] = moveTo(pen + (glyphs[glyph + GLYPH_DX] as number) * scale);
    if ((shaped.codePoints[i] as readonly number[]).length === 0) plan.unsettled = true;
    at += (glyphs[glyph + GLYPH_WIDTH] as number) * scale;
    pen += (glyphs[glyph + GLYPH_ADVANCE] as number) * scale;
  }
  plan.tail = moveTo(pen);
  plan.spellsText = spells(shaped.codePoints, text);
  shaped.encoding = plan;
  return plan;
}

/** Whether `codePoints`, one after the other, are the characters of `text`. */
function spells(codePoints: readonly (readonly number[])[], text: string): boolean {
  let read = 0;
  for (const characters of codePoints)
    for (const cp of characters) {
      if (text.codePointAt(read) !== cp) return false;
      read += cp > 0xffff ? 2 : 1;
    }
  return read === text.length;
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** What text extraction reads from a shaped text's glyphs through a document's ToUnicode map. */
function extractedText(pdf: PdfKitFont, shaped: ShapedText): string {
  let extracted = '';
  for (let i = 0; i < shaped.count; i++) {
    const gid = pdf.subset.includeGlyph(shaped.glyphs[i * GLYPH_FIELDS + GLYPH_ID] as number);
    extracted += String.fromCodePoint(...(pdf.unicode[gid] as number[]));
  }
  return extracted;
}

const NONE_MISSING: readonly string[] = [];

/** Combining marks and joiners: drawn with the face of the character they attach to. */
const COMBINING = /[\p{M}\u200c\u200d]/u;

/** Text as a PDF hex string in UTF-16BE with its byte order mark, the form ActualText takes. */
function utf16Hex(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return hex;
}

/**
 * A glyph id as the two bytes of a literal string (content streams are written as binary strings), escaping
 * what a literal string cannot hold as is: parentheses, backslash, and line ends (which readers normalize).
 */
function literalGlyph(gid: number): string {
  let literal = LITERAL_GLYPHS[gid];
  if (literal === undefined) {
    literal = literalByte(gid >> 8) + literalByte(gid & 0xff);
    LITERAL_GLYPHS[gid] = literal;
  }
  return literal;
}

/** Each glyph number's literal, made once per process (every encoded word of every document needs them). */
const LITERAL_GLYPHS: string[] = [];

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
