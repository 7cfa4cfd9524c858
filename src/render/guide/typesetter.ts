import type { Run } from '../../compose/markdown.ts';
import { hasHyphenation, hyphenate } from '../../localize/hyphenate.ts';
import { entryOf } from '../../maps.ts';
import { type Face, type FontFiles, faceFor, faceOf, fontFile } from '../fonts.ts';
import { isRightToLeftLocale, reorder, wordLevels } from '../text/breaks.ts';
import { CONNECTED_SCRIPT, RIGHT_TO_LEFT, Shaper } from '../text/shaper.ts';

/*
 * Breaks styled runs into lines for the flowing guide. Written here rather than left to PDFKit's wrapper
 * because the layout must know every line before drawing (page breaks, widows, contents page numbers), mix
 * faces on one line, and fall back to the symbol font per character. Rules:
 * - breaks at ordinary spaces, after a hard hyphen or slash inside a word, and at soft hyphens (U+00AD, drawn
 *   as a hyphen only when the line breaks there); never at no-break spaces (U+00A0, U+202F);
 * - `\n` in a run is a forced line break;
 * - in narrow measures words get the locale's hyphenation points, used only when a word does not fit;
 * - a character that neither the face nor the symbol font has is reported and left out, never drawn as a box.
 */

export type FontName = Face;

export interface TextStyle {
  size: number;
  /** Distance from one baseline to the next, in points. */
  leading: number;
  colour: string;
  bold?: boolean;
  italic?: boolean;
  /** Letter spacing in points (small-caps labels). */
  tracking?: number;
  uppercase?: boolean;
}

/** A stretch of one line drawn in one font and colour, `dx` points from the line's start. */
export interface Piece {
  text: string;
  font: FontName;
  size: number;
  colour: string;
  tracking: number;
  dx: number;
  width: number;
}

export interface Line {
  pieces: Piece[];
  width: number;
}

export interface Measurer {
  widthOf(text: string, font: FontName, size: number): number;
  /** Glyphs of `text` that take letter spacing (none in connected scripts); its characters when not given. */
  trackedGlyphs?(text: string, font: FontName): number;
}

/** A stretch of a word in one font and colour (before line breaking). */
interface Chunk {
  text: string;
  font: FontName;
  colour: string;
  size: number;
  tracking: number;
}

/**
 * Part of a word between break opportunities. Its width is measured only when the word has to be broken:
 * most words fit whole, and shaping every syllable would cost as much as setting the text twice.
 */
class Syllable {
  private measured: number | undefined;
  private length: number | undefined;

  constructor(
    readonly chunks: Chunk[],
    /** Breaking after this syllable needs a hyphen drawn (soft hyphen), or not (hard hyphen, slash). */
    readonly hyphen: boolean,
    private readonly measure: (chunks: Chunk[]) => number,
    width?: number,
  ) {
    this.measured = width;
  }

  get width(): number {
    this.measured ??= this.measure(this.chunks);
    return this.measured;
  }

  /** Its length in UTF-16 code units (what the hyphenation limits count). */
  get chars(): number {
    if (this.length === undefined) {
      let n = 0;
      for (const c of this.chunks) n += c.text.length;
      this.length = n;
    }
    return this.length;
  }

  with(chunks: Chunk[], hyphen: boolean, width: number): Syllable {
    return new Syllable(chunks, hyphen, this.measure, width);
  }
}

type Token =
  | { kind: 'word'; syllables: Syllable[]; width: number }
  | { kind: 'space'; chunk: Chunk; width: number }
  | { kind: 'break' };

const SOFT_HYPHEN = '\u00ad';
/** Characters after which a word may break without adding a hyphen. */
const BREAK_AFTER = new Set(['-', '/', '\u2010', '\u2013', '\u200b']);
/** Kinds of UTF-16 code units for `tokens`: not looked at yet, a character the face draws, anything else. */
const UNKNOWN = 0;
const PLAIN = 1;
const OTHER = 2;
/** Code points `tokens` handles one by one: spaces, forced breaks, soft hyphens, break opportunities. */
const SPECIAL = new Set([
  0x20,
  0x09,
  0x0a,
  0x0d,
  0xad,
  ...[...BREAK_AFTER].map((ch) => ch.codePointAt(0) as number),
]);

export interface TypesetterOptions {
  fonts: FontFiles;
  /** Defaults to measuring as the guide is drawn (see `shaperMeasurer`). */
  measurer?: Measurer;
  locale: string;
  /** Called once per character no font can draw. */
  onMissingGlyph(ch: string, text: string): void;
}

/** Widths by font, size, letter spacing and text: nested maps, so that a lookup builds no string key. */
type WidthTable = Map<FontName, Map<number, Map<number, Map<string, number>>>>;

export class Typesetter {
  private readonly widths: WidthTable = new Map();
  private lastWidths:
    | { font: FontName; size: number; tracking: number; table: Map<string, number> }
    | undefined;
  /** The font drawing each code point in text set in a face (null: none can), by face. */
  private readonly coverage = new Map<Face, Map<number, FontName | null>>();
  private readonly plainCodes = new Map<Face, Uint8Array>();
  /** Lines of short one-run texts, by style and text (see `lines`). */
  private readonly shortLines = new WeakMap<TextStyle, Map<string, Line[]>>();
  /** Characters reported missing so far. */
  private missing = 0;
  private readonly measureChunksOf = (chunks: Chunk[]) => this.measureChunks(chunks);
  private readonly hyphenate: ((text: string) => string) | undefined;
  private readonly measurer: Measurer;
  private readonly rtl: boolean;

  constructor(private readonly options: TypesetterOptions) {
    const { locale } = options;
    this.rtl = isRightToLeftLocale(locale);
    this.hyphenate = hasHyphenation(locale) ? (text) => hyphenate(text, locale) : undefined;
    this.measurer = options.measurer ?? shaperMeasurer(options.fonts);
  }

  width(text: string, font: FontName, size: number, tracking = 0): number {
    const table = this.widthTable(font, size, tracking);
    let w = table.get(text);
    if (w === undefined) {
      w = this.measurer.widthOf(text, font, size);
      if (tracking !== 0) w += tracking * (this.measurer.trackedGlyphs?.(text, font) ?? [...text].length);
      table.set(text, w);
    }
    return w;
  }

  /**
   * Width of a placed piece: the measurer's own, word by word, without the cache of `width`, where a stretch
   * of a line would be one more long key to hash and keep for nothing (lines seldom come back).
   */
  private pieceWidth(piece: Piece): number {
    if (!piece.text.includes(' ')) return this.width(piece.text, piece.font, piece.size, piece.tracking);
    const w = this.measurer.widthOf(piece.text, piece.font, piece.size);
    if (piece.tracking === 0) return w;
    const glyphs = this.measurer.trackedGlyphs?.(piece.text, piece.font) ?? [...piece.text].length;
    return w + piece.tracking * glyphs;
  }

  /** The widths of texts set in one font, size and letter spacing. */
  private widthTable(font: FontName, size: number, tracking: number): Map<string, number> {
    // Most lookups in a row are in one font, size and spacing (the words of a paragraph).
    const last = this.lastWidths;
    if (last && last.font === font && last.size === size && last.tracking === tracking) return last.table;
    const bySize = entryOf(this.widths, font, () => new Map<number, Map<number, Map<string, number>>>());
    const byTracking = entryOf(bySize, size, () => new Map<number, Map<string, number>>());
    const table = entryOf(byTracking, tracking, () => new Map<string, number>());
    this.lastWidths = { font, size, tracking, table };
    return table;
  }

  /** Lines of `runs` set in `style` within `width` points. `narrow` turns hyphenation on. */
  lines(runs: readonly Run[], style: TextStyle, width: number, narrow = false): Line[] {
    // Short texts come back in one style many times (bullets, list numbers, field labels): set once each.
    // Lines are not changed once set, so they can be shared.
    const run = runs.length === 1 ? (runs[0] as Run) : undefined;
    if (!run || run.text.length > 40) return this.setLines(runs, style, width, narrow);
    const byText = entryOf(this.shortLines, style, () => new Map<string, Line[]>());
    const key = `${width}\u0000${narrow ? 1 : 0}${run.bold ? 1 : 0}${run.italic ? 1 : 0}${run.text}`;
    let lines = byText.get(key);
    if (!lines) {
      const missing = this.missing;
      lines = this.setLines(runs, style, width, narrow);
      // A text with a character no font has is set again each time, so that each use is reported.
      if (this.missing === missing) byText.set(key, lines);
    }
    return lines;
  }

  private setLines(runs: readonly Run[], style: TextStyle, width: number, narrow: boolean): Line[] {
    const tokens = this.tokens(runs, style, narrow);
    const measure = Math.max(1, width);
    const breakAt = (w: number) =>
      breakLines(
        tokens,
        w,
        (s) => this.hyphenChunk(s, style),
        (c) => this.measureChunks(c),
      );
    let lines = breakAt(measure);
    // A paragraph that ends in a runt (one short word alone on its last line) is set again a little narrower,
    // so that a word comes down to keep it company, when that costs no extra line.
    if (lines.length >= 2 && Number.isFinite(width) && isRunt(lines.at(-1) as Line, measure)) {
      for (const narrower of [0.97, 0.94, 0.91, 0.88, 0.85]) {
        const again = breakAt(measure * narrower);
        if (
          again.length === lines.length &&
          !isRunt(again.at(-1) as Line, measure) &&
          hyphenatedLines(again) <= hyphenatedLines(lines)
        ) {
          lines = again;
          break;
        }
      }
    }
    // Place pieces by their measured widths, so drawing matches what the breaking assumed.
    // Right-to-left text is looked for once per paragraph rather than on every line.
    const bidi = this.rtl || runs.some((run) => RIGHT_TO_LEFT.test(run.text));
    for (const line of lines) {
      if (bidi) this.toVisualOrder(line);
      let x = 0;
      for (const piece of line.pieces) {
        piece.dx = x;
        piece.width = this.pieceWidth(piece);
        x += piece.width;
      }
      line.width = x;
      // Right-to-left paragraphs start at the right edge of the measure.
      if (this.rtl && Number.isFinite(width) && width > x)
        for (const piece of line.pieces) piece.dx += width - x;
    }
    return lines;
  }

  /**
   * Reorders a line holding right-to-left text word by word, as the Unicode bidirectional algorithm orders
   * it (each word's glyphs come in drawing order from HarfBuzz); the space after a right-to-left word goes to
   * its left. Lines of left-to-right text in a left-to-right locale are left as they are.
   */
  private toVisualOrder(line: Line): void {
    const words = line.pieces.flatMap((piece) => guideWords(piece.text).map((text) => ({ ...piece, text })));
    const levels = wordLevels(
      words.map((w) => w.text.trimEnd()),
      this.options.locale,
    );
    if (!levels) return;
    const order = reorder((i) => levels[i] ?? 0, 0, words.length);
    line.pieces = order.map((i) => {
      const word = words[i] as Piece;
      if (((levels[i] ?? 0) & 1) === 0) return word;
      const text = word.text.trimEnd();
      return { ...word, text: word.text.slice(text.length) + text };
    });
  }

  /** Width of the widest word of `runs` in `style` (what a line must hold unbroken). */
  widestWord(runs: readonly Run[], style: TextStyle): number {
    let widest = 0;
    for (const token of this.tokens(runs, style, false))
      if (token.kind === 'word') widest = Math.max(widest, token.width);
    return widest;
  }

  /** One line, never broken (labels, numbers, running headers). */
  line(runs: readonly Run[], style: TextStyle): Line {
    return this.lines(runs, style, Number.POSITIVE_INFINITY)[0] ?? { pieces: [], width: 0 };
  }

  private tokens(runs: readonly Run[], style: TextStyle, narrow: boolean): Token[] {
    const tokens: Token[] = [];
    const tracking = style.tracking ?? 0;
    let word: Syllable[] = [];
    let syllable: Chunk[] = [];
    const endSyllable = (hyphen: boolean) => {
      if (syllable.length > 0) word.push(new Syllable(syllable, hyphen, this.measureChunksOf));
      syllable = [];
    };
    const endWord = () => {
      endSyllable(false);
      if (word.length > 0)
        tokens.push({
          kind: 'word',
          syllables: word,
          width: this.measureChunks(
            word.length === 1 ? (word[0] as Syllable).chunks : word.flatMap((y) => y.chunks),
          ),
        });
      word = [];
    };
    const append = (text: string, font: FontName) => {
      const last = syllable.at(-1);
      if (last && last.font === font) last.text += text;
      else syllable.push({ text, font, colour: style.colour, size: style.size, tracking });
    };
    for (const run of runs) {
      const face = faceOf({ bold: style.bold || run.bold, italic: style.italic || run.italic });
      let text = style.uppercase ? run.text.toLocaleUpperCase(this.options.locale) : run.text;
      if (narrow && this.hyphenate) text = this.hyphenate(text);
      // Characters the face draws itself and that are no break opportunity (nearly all of them) are taken
      // as whole stretches, from `plain` on; the others one by one.
      const plainCodes = this.plainCodesOf(face);
      let plain = -1;
      for (let i = 0; i < text.length; ) {
        const unit = text.charCodeAt(i);
        let kind = plainCodes[unit] as number;
        if (kind === UNKNOWN) {
          kind = this.kindOf(face, unit);
          plainCodes[unit] = kind;
        }
        if (kind === PLAIN) {
          if (plain < 0) plain = i;
          i++;
          continue;
        }
        if (plain >= 0) {
          append(text.slice(plain, i), face);
          plain = -1;
        }
        const length = (text.codePointAt(i) as number) > 0xffff ? 2 : 1;
        const ch = text.slice(i, i + length);
        i += length;
        if (ch === ' ' || ch === '\t') {
          endWord();
          if (tokens.at(-1)?.kind !== 'space') {
            const chunk = { text: ' ', font: face, colour: style.colour, size: style.size, tracking };
            tokens.push({ kind: 'space', chunk, width: this.width(' ', face, style.size, tracking) });
          }
        } else if (ch === '\n' || ch === '\r') {
          endWord();
          tokens.push({ kind: 'break' });
        } else if (ch === SOFT_HYPHEN) {
          endSyllable(true);
        } else {
          const font = this.fontFor(face, ch, text);
          if (font === null) continue;
          if (ch !== '\u200b') append(ch, font);
          if (BREAK_AFTER.has(ch)) endSyllable(false);
        }
      }
      if (plain >= 0) append(text.slice(plain), face);
    }
    endWord();
    return tokens;
  }

  /** Width of chunks as drawn: neighbours in the same font are shaped together. */
  private measureChunks(chunks: readonly Chunk[]): number {
    if (chunks.length === 1) {
      const c = chunks[0] as Chunk;
      return this.width(c.text, c.font, c.size, c.tracking);
    }
    let total = 0;
    let run: Chunk | undefined;
    let text = '';
    for (const c of chunks) {
      if (run && run.font === c.font && run.size === c.size && run.tracking === c.tracking) text += c.text;
      else {
        if (run) total += this.width(text, run.font, run.size, run.tracking);
        run = c;
        text = c.text;
      }
    }
    if (run) total += this.width(text, run.font, run.size, run.tracking);
    return total;
  }

  private hyphenChunk(s: Syllable, style: TextStyle): { chunk: Chunk; width: number } {
    const last = s.chunks.at(-1);
    const font = last?.font ?? faceOf(style);
    const chunk = {
      text: '-',
      font,
      colour: last?.colour ?? style.colour,
      size: last?.size ?? style.size,
      tracking: last?.tracking ?? 0,
    };
    return { chunk, width: this.width('-', font, chunk.size, chunk.tracking) };
  }

  /** What each UTF-16 code unit is in text set in `face` (see `PLAIN`), learnt as met. */
  private plainCodesOf(face: Face): Uint8Array {
    let codes = this.plainCodes.get(face);
    if (!codes) {
      codes = new Uint8Array(0x10000);
      this.plainCodes.set(face, codes);
    }
    return codes;
  }

  /** PLAIN when `unit` is a character of its own that `face` draws and no break opportunity, else OTHER. */
  private kindOf(face: Face, unit: number): number {
    if (SPECIAL.has(unit) || (unit >= 0xd800 && unit <= 0xdfff)) return OTHER;
    const coverage = this.coverageOf(face);
    let font = coverage.get(unit);
    if (font === undefined) {
      font = faceFor(this.options.fonts, face, unit) ?? null;
      coverage.set(unit, font);
    }
    return font === face ? PLAIN : OTHER;
  }

  private coverageOf(face: Face): Map<number, FontName | null> {
    return entryOf(this.coverage, face, () => new Map<number, FontName | null>());
  }

  /** The face itself when it has the glyph, else the symbol font, else null (reported). */
  private fontFor(face: Face, ch: string, text: string): FontName | null {
    const coverage = this.coverageOf(face);
    const code = ch.codePointAt(0) ?? 0;
    let font = coverage.get(code);
    if (font === undefined) {
      font = faceFor(this.options.fonts, face, code) ?? null;
      coverage.set(code, font);
    }
    if (font === null) {
      this.missing++;
      this.options.onMissingGlyph(ch, text);
    }
    return font;
  }
}

/** Greedy line breaking over words, spaces and forced breaks; words too long for a line break at syllables. */
function breakLines(
  tokens: Token[],
  width: number,
  hyphenFor: (s: Syllable) => { chunk: Chunk; width: number },
  measure: (chunks: Chunk[]) => number,
): Line[] {
  const lines: Line[] = [];
  let chunks: Chunk[] = [];
  let lineWidth = 0;
  let pendingSpace: { chunk: Chunk; width: number } | undefined;
  const flush = () => {
    lines.push(toLine(chunks, lineWidth));
    chunks = [];
    lineWidth = 0;
    pendingSpace = undefined;
  };
  const add = (syllables: Syllable[], withSpace: boolean) => {
    if (withSpace && pendingSpace) {
      chunks.push(pendingSpace.chunk);
      lineWidth += pendingSpace.width;
    }
    for (const s of syllables) {
      for (const c of s.chunks) chunks.push(c);
      lineWidth += s.width;
    }
    pendingSpace = undefined;
  };

  // Hyphenated lines in a row so far: a third one is avoided where the text allows.
  let hyphensInRow = 0;
  const place = (word: Syllable[], wordWidth: number) => {
    // Indexes into `syllables` rather than slices, and running sums: a word of a hundred thousand letters
    // (or syllables) costs time in proportion to its length.
    let syllables = word;
    let from = 0;
    let restWidth = wordWidth;
    let restChars = 0;
    for (const s of syllables) restChars += s.chars;
    while (from < syllables.length) {
      const empty = chunks.length === 0;
      const space = empty || !pendingSpace ? 0 : pendingSpace.width;
      if (lineWidth + space + restWidth <= width + SLACK) {
        add(from === 0 ? syllables : syllables.slice(from), !empty);
        hyphensInRow = 0;
        return;
      }
      // Fit as many syllables as the line takes, with a hyphen where the break needs one; but a line that is
      // already full enough is not hyphenated, nor the third line in a row.
      const loose = empty || lineWidth < LOOSE * width;
      const room = width - lineWidth - space;
      let fit = loose ? fittingPrefix(syllables, from, restChars, room, hyphenFor, hyphensInRow) : 0;
      const first = syllables[from] as Syllable;
      if (fit === 0 && empty) fit = fittingPrefix(syllables, from, restChars, width, hyphenFor, 0);
      if (fit === 0 && empty && first.width + (first.hyphen ? hyphenFor(first).width : 0) <= width + SLACK)
        fit = 1;
      if (fit > 0) {
        const head = syllables.slice(from, from + fit);
        add(head, !empty);
        const last = head.at(-1);
        if (last?.hyphen) {
          const h = hyphenFor(last);
          chunks.push(h.chunk);
          lineWidth += h.width;
          hyphensInRow++;
        } else hyphensInRow = 0;
        flush();
        for (const s of head) {
          restWidth -= s.width;
          restChars -= s.chars;
        }
        from += fit;
      } else if (!empty) {
        flush();
        hyphensInRow = 0;
      } else {
        // A single syllable wider than the line (a long code, a word with no hyphenation point): cut into
        // pieces that fit, each but the last ending in a hyphen, so that no word is cut without one.
        const pieces = splitSyllable(first, width, measure, hyphenFor);
        for (const piece of pieces.slice(0, -1)) {
          add([piece], false);
          const h = hyphenFor(piece);
          chunks.push(h.chunk);
          lineWidth += h.width;
          flush();
        }
        const tail = pieces.at(-1) as Syllable;
        restWidth += tail.width - first.width;
        syllables = [tail, ...syllables.slice(from + 1)];
        from = 0;
      }
    }
  };

  for (const token of tokens) {
    if (token.kind === 'break') {
      flush();
    } else if (token.kind === 'space') {
      if (chunks.length > 0) pendingSpace = { chunk: token.chunk, width: token.width };
    } else {
      place(token.syllables, token.width);
    }
  }
  if (chunks.length > 0 || lines.length === 0) flush();
  return lines;
}

/**
 * How far past the measure a line may run: widths are sums of floating-point advances, so a line that fits
 * exactly can come out a hair wider. Half a hundredth of a point is invisible, and leaves room for rounding
 * in the sums that add the line up afterwards.
 */
const SLACK = 0.005;

/** Lines that end in a hyphen (hyphenated words, words cut to fit). */
function hyphenatedLines(lines: readonly Line[]): number {
  return lines.filter((l) => l.pieces.at(-1)?.text.endsWith('-')).length;
}

/** A last line holding one word that takes less than a fifth of the measure. */
function isRunt(line: Line, measure: number): boolean {
  const text = line.pieces
    .map((p) => p.text)
    .join('')
    .trim();
  return text !== '' && !/[ \t]/.test(text) && line.width < measure / 5;
}

/**
 * Below this share of the measure a line counts as too loose (too short, in ragged text): only then is the
 * next word hyphenated to fill it.
 */
const LOOSE = 0.8;

/**
 * How many syllables from `from` fit in `room` (counting the hyphen the break would add); 0 if none. A break
 * at a soft hyphen keeps at least 2 letters before it and 3 after, and is not taken for a third hyphenated
 * line in a row.
 */
function fittingPrefix(
  syllables: readonly Syllable[],
  from: number,
  /** Characters of the syllables from `from` on. */
  total: number,
  room: number,
  hyphenFor: (s: Syllable) => { width: number },
  hyphensInRow: number,
): number {
  let used = 0;
  let best = 0;
  let before = 0;
  // Never break after the last syllable (that is not a break).
  for (let i = from; i < syllables.length - 1; i++) {
    const s = syllables[i] as Syllable;
    used += s.width;
    const extra = s.hyphen ? hyphenFor(s).width : 0;
    if (used + extra > room + SLACK) break;
    before += s.chars;
    if (!s.hyphen || (before >= 2 && total - before >= 3 && hyphensInRow < 2)) best = i + 1 - from;
  }
  return best;
}

/**
 * Emergency cut of a syllable that alone is wider than the line (a URL, a code): pieces of whole characters
 * (grapheme clusters, so a letter keeps its marks) that fit with the hyphen drawn after them, the last piece
 * holding the rest. Characters are measured one by one (kerning between them is small, and leaves a margin in
 * the measure), so the cut costs time in proportion to the length.
 */
function splitSyllable(
  s: Syllable,
  width: number,
  measure: (chunks: Chunk[]) => number,
  hyphenFor: (s: Syllable) => { width: number },
): Syllable[] {
  const chars = s.chunks.flatMap((c) => graphemes(c.text).map((ch) => ({ ...c, text: ch })));
  if (chars.length <= 1) return [s];
  const room = width - hyphenFor(s).width;
  const widths = new Map<string, number>();
  const widthOf = (c: Chunk) => {
    const key = `${c.font}\u0000${c.size}\u0000${c.tracking}\u0000${c.text}`;
    let w = widths.get(key);
    if (w === undefined) {
      w = measure([c]);
      widths.set(key, w);
    }
    return w;
  };
  const pieces: Syllable[] = [];
  let start = 0;
  let used = 0;
  for (let i = 0; i < chars.length; i++) {
    const w = widthOf(chars[i] as Chunk);
    if (i > start && used + w > room) {
      // Measured whole once: kerning may make the piece a little wider than its characters added up.
      let end = i;
      let head = merge(chars.slice(start, end));
      let exact = measure(head);
      while (exact > room + SLACK && end - start > 1) {
        end--;
        head = merge(chars.slice(start, end));
        exact = measure(head);
      }
      pieces.push(s.with(head, true, exact));
      start = end;
      used = 0;
      for (let j = end; j < i; j++) used += widthOf(chars[j] as Chunk);
    }
    used += w;
  }
  const tail = merge(chars.slice(start));
  pieces.push(s.with(tail, s.hyphen, measure(tail)));
  return pieces;
}

/** A character with the marks and joiners that follow it (Intl.Segmenter is some fifty times slower). */
const CLUSTER = /\P{M}[\p{M}\u200c\u200d]*|[\p{M}\u200c\u200d]+/gsu;

function graphemes(text: string): string[] {
  return text.match(CLUSTER) ?? [];
}

/** Whether two pieces of text are set alike, so that they can be drawn as one. */
function sameStyle(a: Pick<Chunk, 'font' | 'colour' | 'size' | 'tracking'>, b: Chunk): boolean {
  return a.font === b.font && a.colour === b.colour && a.size === b.size && a.tracking === b.tracking;
}

function merge(chunks: Chunk[]): Chunk[] {
  const out: Chunk[] = [];
  for (const c of chunks) {
    const last = out.at(-1);
    if (last && sameStyle(last, c)) last.text += c.text;
    else out.push({ ...c });
  }
  return out;
}

/** Joins neighbouring chunks of one font and colour into pieces placed along the line. */
function toLine(chunks: Chunk[], width: number): Line {
  const pieces: Piece[] = [];
  for (const c of chunks) {
    const last = pieces.at(-1);
    if (last && sameStyle(last, c)) last.text += c.text;
    else
      pieces.push({
        text: c.text,
        font: c.font,
        size: c.size,
        colour: c.colour,
        tracking: c.tracking,
        dx: 0,
        width: 0,
      });
  }
  // Trailing spaces are not drawn: a line ends at its last glyph.
  const last = pieces.at(-1);
  if (last) last.text = last.text.replace(/ +$/, '');
  return { pieces: pieces.filter((p) => p.text !== ''), width };
}

/** Widths in em by font file and word, shared by every document of the process (fonts are parsed once). */
const emWidths = new Map<string, Map<string, number>>();

/**
 * Measures as the guide is drawn (see `LineWriter`): word by word, each word with its following space, each
 * word shaped by HarfBuzz as `FontSet` encodes it. The sum is the drawn width exactly.
 */
export function shaperMeasurer(fonts: FontFiles): Measurer {
  return {
    widthOf(text, font, size) {
      const path = fontFile(fonts, font);
      let cache = emWidths.get(path);
      // A long watch session meets many words: start over rather than grow without bound.
      if (!cache || cache.size > 100_000) {
        cache = new Map();
        emWidths.set(path, cache);
      }
      let em = 0;
      // A single word (what breaking measures) is its own only guide word: no need to split it.
      for (const word of hasSpace(text) ? guideWords(text) : text === '' ? [] : [text]) {
        let w = cache.get(word);
        if (w === undefined) {
          const shaper = Shaper.of(path);
          w = shaper.shape(word).advance / shaper.unitsPerEm;
          cache.set(word, w);
        }
        em += w;
      }
      return em * size;
    },
    trackedGlyphs(text, font) {
      const shaper = Shaper.of(fontFile(fonts, font));
      let n = 0;
      for (const word of guideWords(text))
        if (!CONNECTED_SCRIPT.test(word)) n += shaper.shape(word).glyphs.length;
      return n;
    },
  };
}

function hasSpace(text: string): boolean {
  return text.includes(' ') || text.includes('\t');
}

/** Words with their following space or tab, the units the guide is measured and drawn in. */
export function guideWords(text: string): string[] {
  return text.match(/[^ \t]*[ \t]|[^ \t]+$/g) ?? [];
}
