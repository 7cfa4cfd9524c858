import { type Face, type FontFiles, faceFor, faceOf, fontFile } from '../../fonts/font-files.ts';
import { hasHyphenation, hyphenate } from '../../localize/hyphenate.ts';
import { entryOf } from '../../maps.ts';
import type { Run } from '../../markdown.ts';
import { isRightToLeftLocale, reorder, wordLevels } from '../text/breaks.ts';
import { CONNECTED_SCRIPT, RIGHT_TO_LEFT, Shaper } from '../text/shaper.ts';
import { type Chunk, LineBreaker, NO_SYLLABLES, Syllable, type Token } from './line-breaker.ts';

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
  /** Its guide words (see `guideWords`), as measured when placed and as drawn. */
  words: readonly string[];
}

export interface Line {
  pieces: Piece[];
  width: number;
}

/**
 * A text style with every field given, in one order: what setting text reads. Layout hands styles of many
 * shapes (some with letter spacing, some spread with a colour changed); read through one shape, the hot code
 * stays compiled for it.
 */
export class Setting {
  readonly face: Face;
  readonly colour: string;
  // Sizes and spacing are fractional in most styles. Fields that start as doubles (NaN) stay doubles whatever
  // the first style's numbers are, and so do the chunks and pieces that copy them: V8 then never has to change
  // their hidden class (and drop the code compiled for it) when a fractional size first turns up.
  readonly size: number = Number.NaN;
  readonly tracking: number = Number.NaN;
  readonly bold: boolean;
  readonly italic: boolean;
  readonly uppercase: boolean;

  constructor(style: TextStyle) {
    this.face = faceOf(style);
    this.colour = style.colour;
    this.size = style.size;
    this.tracking = style.tracking ?? 0;
    this.bold = style.bold === true;
    this.italic = style.italic === true;
    this.uppercase = style.uppercase === true;
  }
}

const SOFT_HYPHEN = 0xad;
const ZERO_WIDTH_SPACE = 0x200b;
/** Characters after which a word may break without adding a hyphen. */
const BREAK_AFTER = new Set([0x2d, 0x2f, 0x2010, 0x2013, ZERO_WIDTH_SPACE]);
/** Kinds of UTF-16 code units for `tokens`: not looked at yet, a character the face draws, anything else. */
const UNKNOWN = 0;
const PLAIN = 1;
const OTHER = 2;
/** Code points `tokens` handles one by one: spaces, forced breaks, soft hyphens, break opportunities. */
const SPECIAL = new Set([0x20, 0x09, 0x0a, 0x0d, SOFT_HYPHEN, ...BREAK_AFTER]);

export interface TypesetterOptions {
  fonts: FontFiles;
  locale: string;
  /** Called once per character no font can draw. */
  onMissingGlyph(ch: string, text: string): void;
}

/** Widths by font, size, letter spacing and text: nested maps, so that a lookup builds no string key. */
type WidthTable = Map<FontName, Map<number, Map<number, Map<string, number>>>>;

export class Typesetter {
  private readonly widths: WidthTable = new Map();
  /** The table of the last `width` lookup, and its font, size and spacing (most lookups in a row share them). */
  private lastTable: Map<string, number> | undefined;
  private lastFont: FontName = 'regular';
  private lastSize = Number.NaN;
  private lastTracking = Number.NaN;
  /** The font drawing each code point in text set in a face (null: none can), by face. */
  private readonly coverage = new Map<Face, Map<number, FontName | null>>();
  private readonly plainCodes = new Map<Face, Uint8Array>();
  /** Lines of short one-run texts, by style and text (see `lines`). */
  private readonly shortLines = new WeakMap<TextStyle, Map<string, Line[]>>();
  private readonly settings = new WeakMap<TextStyle, Setting>();
  /** Characters reported missing so far. */
  private missing = 0;
  private readonly hyphenates: boolean;
  /** Measures as the guide is drawn. */
  private readonly measurer: ShaperMeasurer;
  private readonly rtl: boolean;

  constructor(private readonly options: TypesetterOptions) {
    const { locale } = options;
    this.rtl = isRightToLeftLocale(locale);
    this.hyphenates = hasHyphenation(locale);
    this.measurer = new ShaperMeasurer(options.fonts);
  }

  width(text: string, font: FontName, size: number, tracking = 0): number {
    const table = this.widthTable(font, size, tracking);
    let w = table.get(text);
    if (w === undefined) {
      w = this.measurer.widthOf(text, font, size);
      if (tracking !== 0) w += tracking * this.measurer.trackedGlyphs(guideWords(text), font);
      table.set(text, w);
    }
    return w;
  }

  /**
   * Width of a placed piece: the measurer's own, over the words the piece is drawn in (split once, for both),
   * without the cache of `width`, where a stretch of a line would be one more long key to hash and keep for
   * nothing (lines seldom come back).
   */
  private pieceWidth(piece: Piece): number {
    if (!piece.text.includes(' ')) return this.width(piece.text, piece.font, piece.size, piece.tracking);
    const w = this.measurer.wordsWidth(piece.words, piece.font, piece.size);
    if (piece.tracking === 0) return w;
    return w + piece.tracking * this.measurer.trackedGlyphs(piece.words, piece.font);
  }

  /** The widths of texts set in one font, size and letter spacing. */
  private widthTable(font: FontName, size: number, tracking: number): Map<string, number> {
    if (this.lastTable && this.lastFont === font && this.lastSize === size && this.lastTracking === tracking)
      return this.lastTable;
    const bySize = entryOf(this.widths, font, () => new Map<number, Map<number, Map<string, number>>>());
    const byTracking = entryOf(bySize, size, () => new Map<number, Map<string, number>>());
    const table = entryOf(byTracking, tracking, () => new Map<string, number>());
    this.lastTable = table;
    this.lastFont = font;
    this.lastSize = size;
    this.lastTracking = tracking;
    return table;
  }

  private settingOf(style: TextStyle): Setting {
    return entryOf(this.settings, style, () => new Setting(style));
  }

  /** Lines of `runs` set in `style` within `width` points. `narrow` turns hyphenation on. */
  lines(runs: readonly Run[], style: TextStyle, width: number, narrow = false): Line[] {
    // Short texts come back in one style many times (bullets, list numbers, field labels): set once each.
    // Lines are not changed once set, so they can be shared.
    const run = runs.length === 1 ? (runs[0] as Run) : undefined;
    if (!run || run.text.length > 40) return this.setLines(runs, this.settingOf(style), width, narrow);
    const byText = entryOf(this.shortLines, style, () => new Map<string, Line[]>());
    const key = `${width}\u0000${narrow ? 1 : 0}${run.bold ? 1 : 0}${run.italic ? 1 : 0}${run.text}`;
    let lines = byText.get(key);
    if (!lines) {
      const missing = this.missing;
      lines = this.setLines(runs, this.settingOf(style), width, narrow);
      // A text with a character no font has is set again each time, so that each use is reported.
      if (this.missing === missing) byText.set(key, lines);
    }
    return lines;
  }

  private setLines(runs: readonly Run[], style: Setting, width: number, narrow: boolean): Line[] {
    const tokens = this.tokens(runs, style, narrow);
    const measure = Math.max(1, width);
    let lines = new LineBreaker(this, style, measure).run(tokens);
    // A paragraph that ends in a runt (one short word alone on its last line) is set again a little narrower,
    // so that a word comes down to keep it company, when that costs no extra line.
    if (lines.length >= 2 && Number.isFinite(width) && isRunt(lines.at(-1) as Line, measure)) {
      for (const narrower of [0.97, 0.94, 0.91, 0.88, 0.85]) {
        const again = new LineBreaker(this, style, measure * narrower).run(tokens);
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
    // Right-to-left text is looked for once per paragraph rather than on every line.
    const bidi = this.rtl || runs.some((run) => RIGHT_TO_LEFT.test(run.text));
    for (const line of lines) this.place(line, bidi);
    return lines;
  }

  /** Places a line's pieces by their measured widths, so that drawing matches what the breaking assumed. */
  private place(line: Line, bidi: boolean): void {
    if (bidi) this.toVisualOrder(line);
    let x = 0;
    for (const piece of line.pieces) {
      piece.words = guideWords(piece.text);
      piece.dx = x;
      piece.width = this.pieceWidth(piece);
      x += piece.width;
    }
    line.width = x;
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
    for (const token of this.tokens(runs, this.settingOf(style), false))
      if (token.kind === 'word') widest = Math.max(widest, token.width);
    return widest;
  }

  /** One line, never broken (labels, numbers, running headers). */
  line(runs: readonly Run[], style: TextStyle): Line {
    return this.lines(runs, style, Number.POSITIVE_INFINITY)[0] ?? { pieces: [], width: 0 };
  }

  private tokens(runs: readonly Run[], style: Setting, narrow: boolean): Token[] {
    const words = new Tokenizer(this, style);
    for (const run of runs) {
      const face = faceOf({ bold: style.bold || run.bold, italic: style.italic || run.italic });
      let text = style.uppercase ? run.text.toLocaleUpperCase(this.options.locale) : run.text;
      if (narrow && this.hyphenates) text = hyphenate(text, this.options.locale);
      this.tokenize(text, face, words);
    }
    return words.end();
  }

  /** Feeds `text`, set in `face`, to `words`. */
  private tokenize(text: string, face: Face, words: Tokenizer): void {
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
        words.append(text.slice(plain, i), face);
        plain = -1;
      }
      // Told apart by code point: a character sliced out of the text is not always the same kind of string.
      const code = text.codePointAt(i) as number;
      const length = code > 0xffff ? 2 : 1;
      i += length;
      if (code === 0x20 || code === 0x09) words.space(face);
      else if (code === 0x0a || code === 0x0d) words.lineBreak();
      else {
        const soft = code === SOFT_HYPHEN;
        if (!soft) {
          const ch = text.slice(i - length, i);
          const font = this.fontFor(face, ch, text);
          if (font === null) continue;
          if (code !== ZERO_WIDTH_SPACE) words.append(ch, font);
        }
        // One call for both kinds of break inside a word (soft hyphens come only with hyphenation, often after
        // V8 has compiled this loop): compiled from whichever comes first, it is not dropped at the other.
        if (soft || BREAK_AFTER.has(code)) words.endSyllable(soft);
      }
    }
    if (plain >= 0) words.append(text.slice(plain), face);
  }

  /** Width of chunks as drawn: neighbours in the same font are shaped together. */
  measureChunks(chunks: readonly Chunk[]): number {
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

  /** The hyphen drawn when a line breaks after `s`: in the font, size and colour of its last chunk. */
  hyphenChunk(s: Syllable, style: Setting): Chunk {
    const last = s.chunks.at(-1);
    if (!last) return { text: '-', font: style.face, colour: style.colour, size: style.size, tracking: 0 };
    return { text: '-', font: last.font, colour: last.colour, size: last.size, tracking: last.tracking };
  }

  /** Width of `hyphenChunk(s, style)`. */
  hyphenWidth(s: Syllable, style: Setting): number {
    const last = s.chunks.at(-1);
    return last
      ? this.width('-', last.font, last.size, last.tracking)
      : this.width('-', style.face, style.size, 0);
  }

  /** What each UTF-16 code unit is in text set in `face` (see `PLAIN`), learnt as met. */
  private plainCodesOf(face: Face): Uint8Array {
    return entryOf(this.plainCodes, face, () => new Uint8Array(0x10000));
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

/** Gathers characters into chunks, syllables and words: the state of one `tokens` call. */
class Tokenizer {
  private readonly tokens: Token[] = [];
  private word: Syllable[] = [];
  private syllable: Chunk[] = [];
  /** The last space made: spaces in one face are alike, and nothing changes a token once made. */
  private lastSpace: Token | undefined;

  constructor(
    private readonly setter: Typesetter,
    private readonly style: Setting,
  ) {}

  append(text: string, font: FontName): void {
    const last = this.syllable.at(-1);
    if (last && last.font === font) last.text += text;
    else
      this.syllable.push({
        text,
        font,
        colour: this.style.colour,
        size: this.style.size,
        tracking: this.style.tracking,
      });
  }

  endSyllable(hyphen: boolean): void {
    if (this.syllable.length === 0) return;
    this.word.push(new Syllable(this.syllable, hyphen, this.setter));
    this.syllable = [];
  }

  private endWord(): void {
    this.endSyllable(false);
    const word = this.word;
    if (word.length === 0) return;
    const chunks = word.length === 1 ? (word[0] as Syllable).chunks : word.flatMap((y) => y.chunks);
    this.tokens.push({
      kind: 'word',
      syllables: word,
      chunk: undefined,
      width: this.setter.measureChunks(chunks),
    });
    this.word = [];
  }

  /** A space or tab: ends the word; spaces in a row count as one. */
  space(face: FontName): void {
    this.endWord();
    if (this.tokens.at(-1)?.kind === 'space') return;
    let space = this.lastSpace;
    if (space?.chunk?.font !== face) {
      const { colour, size, tracking } = this.style;
      space = {
        kind: 'space',
        syllables: NO_SYLLABLES,
        chunk: { text: ' ', font: face, colour, size, tracking },
        width: this.setter.width(' ', face, size, tracking),
      };
      this.lastSpace = space;
    }
    this.tokens.push(space);
  }

  lineBreak(): void {
    this.endWord();
    this.tokens.push({ kind: 'break', syllables: NO_SYLLABLES, chunk: undefined, width: 0 });
  }

  end(): Token[] {
    this.endWord();
    return this.tokens;
  }
}

/** Lines that end in a hyphen (hyphenated words, words cut to fit). */
function hyphenatedLines(lines: readonly Line[]): number {
  return lines.filter((l) => l.pieces.at(-1)?.text.endsWith('-')).length;
}

/** A last line holding one word that takes less than a fifth of the measure. */
function isRunt(line: Line, measure: number): boolean {
  if (line.width >= measure / 5 || line.pieces.length === 0) return false;
  const text = line.pieces
    .map((p) => p.text)
    .join('')
    .trim();
  return text !== '' && !/[ \t]/.test(text);
}

/** Widths in em by font file and word, shared by every document of the process (fonts are parsed once). */
const emWidths = new Map<string, Map<string, number>>();

/**
 * Measures as the guide is drawn (see `LineWriter`): word by word, each word with its following space, each
 * word shaped by HarfBuzz as `FontSet` encodes it. The sum is the drawn width exactly. A class, so that
 * every typesetter calls the same methods (closures made per typesetter look like new call targets).
 */
class ShaperMeasurer {
  constructor(private readonly fonts: FontFiles) {}

  widthOf(text: string, font: FontName, size: number): number {
    // A single word (what breaking measures) is its own only guide word: no need to split it.
    if (!hasSpace(text))
      return text === '' ? 0 : emWidth(this.cacheOf(font), fontFile(this.fonts, font), text) * size;
    return this.wordsWidth(guideWords(text), font, size);
  }

  /** Width of guide words set one after the other. */
  wordsWidth(words: readonly string[], font: FontName, size: number): number {
    const cache = this.cacheOf(font);
    const path = fontFile(this.fonts, font);
    let em = 0;
    for (const word of words) em += emWidth(cache, path, word);
    return em * size;
  }

  /** Glyphs of guide words that take letter spacing (none in connected scripts). */
  trackedGlyphs(words: readonly string[], font: FontName): number {
    const shaper = Shaper.of(fontFile(this.fonts, font));
    let n = 0;
    for (const word of words) if (!CONNECTED_SCRIPT.test(word)) n += shaper.shape(word).count;
    return n;
  }

  private cacheOf(font: FontName): Map<string, number> {
    const path = fontFile(this.fonts, font);
    let cache = emWidths.get(path);
    // A long watch session meets many words: start over rather than grow without bound.
    if (!cache || cache.size > 100_000) {
      cache = new Map();
      emWidths.set(path, cache);
    }
    return cache;
  }
}

/** Width in em of one guide word in the font at `path`, through the process's cache. */
function emWidth(cache: Map<string, number>, path: string, word: string): number {
  let w = cache.get(word);
  if (w === undefined) {
    const shaper = Shaper.of(path);
    w = shaper.shape(word).advance / shaper.unitsPerEm;
    cache.set(word, w);
  }
  return w;
}

function hasSpace(text: string): boolean {
  return text.includes(' ') || text.includes('\t');
}

/** Words with their following space or tab, the units the guide is measured and drawn in. */
export function guideWords(text: string): string[] {
  return text.match(/[^ \t]*[ \t]|[^ \t]+$/g) ?? [];
}
