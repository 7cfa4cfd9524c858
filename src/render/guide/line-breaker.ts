import type { FontName, Line, Piece, Setting, Typesetter } from './typesetter.ts';

/*
 * The guide's line breaking: greedy, over the words, spaces and forced breaks the typesetter cut the text into.
 * A word too long for what is left of a line is broken at a syllable (with a hyphen where the break needs one),
 * and a syllable too long for a whole line is cut between characters.
 */

/** A stretch of a word in one font and colour (before line breaking). */
export interface Chunk {
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
export class Syllable {
  /** NaN until measured (a number field from the start: one hidden class for every syllable). */
  private measured: number;
  private length = -1;

  constructor(
    readonly chunks: Chunk[],
    /** Breaking after this syllable needs a hyphen drawn (soft hyphen), or not (hard hyphen, slash). */
    readonly hyphen: boolean,
    private readonly setter: Typesetter,
    width = Number.NaN,
  ) {
    this.measured = width;
  }

  get width(): number {
    if (Number.isNaN(this.measured)) this.measured = this.setter.measureChunks(this.chunks);
    return this.measured;
  }

  /** Its length in UTF-16 code units (what the hyphenation limits count). */
  get chars(): number {
    if (this.length < 0) {
      let n = 0;
      for (const c of this.chunks) n += c.text.length;
      this.length = n;
    }
    return this.length;
  }

  with(chunks: Chunk[], hyphen: boolean, width: number): Syllable {
    return new Syllable(chunks, hyphen, this.setter, width);
  }
}

/**
 * A word, a space or a forced break. The three kinds have every field, in one order: breaking reads tokens of
 * one hidden class (a union of three object shapes made V8 recompile the breaking code as each kind turned up).
 */
export interface Token {
  kind: 'word' | 'space' | 'break';
  /** A word's syllables; empty for the other kinds. */
  syllables: Syllable[];
  /** A space's chunk. */
  chunk: Chunk | undefined;
  width: number;
}

export const NO_SYLLABLES: Syllable[] = [];

/** Greedy line breaking over words, spaces and forced breaks; words too long for a line break at syllables. */
export class LineBreaker {
  private readonly lines: Line[] = [];
  private chunks: Chunk[] = [];
  private lineWidth = 0;
  /** The space token met since the last word, drawn only if a word follows on the line. */
  private pendingSpace: Token | undefined;
  /** Hyphenated lines in a row so far: a third one is avoided where the text allows. */
  private hyphensInRow = 0;

  constructor(
    private readonly setter: Typesetter,
    private readonly style: Setting,
    private readonly width: number,
  ) {}

  run(tokens: readonly Token[]): Line[] {
    for (const token of tokens) {
      if (token.kind === 'break') this.flush();
      else if (token.kind === 'space') {
        if (this.chunks.length > 0) this.pendingSpace = token;
      } else this.place(token.syllables, token.width);
    }
    if (this.chunks.length > 0 || this.lines.length === 0) this.flush();
    return this.lines;
  }

  private flush(): void {
    this.lines.push(toLine(this.chunks, this.lineWidth));
    this.chunks = [];
    this.lineWidth = 0;
    this.pendingSpace = undefined;
  }

  /** Adds `syllables[from..to)` to the line, after the pending space if `withSpace`. */
  private add(syllables: readonly Syllable[], from: number, to: number, withSpace: boolean): void {
    const space = this.pendingSpace;
    if (withSpace && space) {
      this.chunks.push(space.chunk as Chunk);
      this.lineWidth += space.width;
    }
    for (let i = from; i < to; i++) {
      const s = syllables[i] as Syllable;
      for (const c of s.chunks) this.chunks.push(c);
      this.lineWidth += s.width;
    }
    this.pendingSpace = undefined;
  }

  /** Ends the line with the hyphen breaking after `s` needs. */
  private hyphenate(s: Syllable): void {
    this.chunks.push(this.setter.hyphenChunk(s, this.style));
    this.lineWidth += this.setter.hyphenWidth(s, this.style);
  }

  private place(word: Syllable[], wordWidth: number): void {
    const { width } = this;
    // Indexes into `syllables` rather than slices, and running sums: a word of a hundred thousand letters
    // (or syllables) costs time in proportion to its length.
    let syllables = word;
    let from = 0;
    let restWidth = wordWidth;
    let restChars = 0;
    for (const s of syllables) restChars += s.chars;
    while (from < syllables.length) {
      const empty = this.chunks.length === 0;
      const space = empty || !this.pendingSpace ? 0 : this.pendingSpace.width;
      if (this.lineWidth + space + restWidth <= width + SLACK) {
        this.add(syllables, from, syllables.length, !empty);
        this.hyphensInRow = 0;
        return;
      }
      // Fit as many syllables as the line takes, with a hyphen where the break needs one; but a line that is
      // already full enough is not hyphenated, nor the third line in a row.
      const loose = empty || this.lineWidth < LOOSE * width;
      const room = width - this.lineWidth - space;
      let fit = loose ? this.fittingPrefix(syllables, from, restChars, room, this.hyphensInRow) : 0;
      const first = syllables[from] as Syllable;
      if (fit === 0 && empty) fit = this.fittingPrefix(syllables, from, restChars, width, 0);
      if (fit === 0 && empty && first.width + (first.hyphen ? this.hyphenWidthOf(first) : 0) <= width + SLACK)
        fit = 1;
      if (fit > 0) {
        const to = from + fit;
        this.add(syllables, from, to, !empty);
        const last = syllables[to - 1] as Syllable;
        if (last.hyphen) this.hyphenate(last);
        // One store for both cases: V8 compiles it from whichever comes first.
        this.hyphensInRow = last.hyphen ? this.hyphensInRow + 1 : 0;
        this.flush();
        for (let i = from; i < to; i++) {
          const s = syllables[i] as Syllable;
          restWidth -= s.width;
          restChars -= s.chars;
        }
        from = to;
      } else if (!empty) {
        this.flush();
        this.hyphensInRow = 0;
      } else {
        // A single syllable wider than the line (a long code, a word with no hyphenation point): cut into
        // pieces that fit, each but the last ending in a hyphen, so that no word is cut without one.
        const pieces = splitSyllable(first, width, this.setter, this.hyphenWidthOf(first));
        for (const piece of pieces.slice(0, -1)) {
          this.add([piece], 0, 1, false);
          this.hyphenate(piece);
          this.flush();
        }
        const tail = pieces.at(-1) as Syllable;
        restWidth += tail.width - first.width;
        syllables = [tail, ...syllables.slice(from + 1)];
        from = 0;
      }
    }
  }

  private hyphenWidthOf(s: Syllable): number {
    return this.setter.hyphenWidth(s, this.style);
  }

  /**
   * How many syllables from `from` fit in `room` (counting the hyphen the break would add); 0 if none. A break
   * at a soft hyphen keeps at least 2 letters before it and 3 after, and is not taken for a third hyphenated
   * line in a row.
   */
  private fittingPrefix(
    syllables: readonly Syllable[],
    from: number,
    /** Characters of the syllables from `from` on. */
    total: number,
    room: number,
    hyphensInRow: number,
  ): number {
    let used = 0;
    let best = 0;
    let before = 0;
    // Never break after the last syllable (that is not a break).
    for (let i = from; i < syllables.length - 1; i++) {
      const s = syllables[i] as Syllable;
      used += s.width;
      const extra = s.hyphen ? this.hyphenWidthOf(s) : 0;
      if (used + extra > room + SLACK) break;
      before += s.chars;
      if (!s.hyphen || (before >= 2 && total - before >= 3 && hyphensInRow < 2)) best = i + 1 - from;
    }
    return best;
  }
}

/**
 * How far past the measure a line may run: widths are sums of floating-point advances, so a line that fits
 * exactly can come out a hair wider. Half a hundredth of a point is invisible, and leaves room for rounding
 * in the sums that add the line up afterwards.
 */
const SLACK = 0.005;

/**
 * Below this share of the measure a line counts as too loose (too short, in ragged text): only then is the
 * next word hyphenated to fill it.
 */
const LOOSE = 0.8;

/**
 * Emergency cut of a syllable that alone is wider than the line (a URL, a code): pieces of whole characters
 * (grapheme clusters, so a letter keeps its marks) that fit with the hyphen drawn after them, the last piece
 * holding the rest. Characters are measured one by one (kerning between them is small, and leaves a margin in
 * the measure), so the cut costs time in proportion to the length.
 */
function splitSyllable(s: Syllable, width: number, setter: Typesetter, hyphenWidth: number): Syllable[] {
  const chars = s.chunks.flatMap((c) => graphemes(c.text).map((ch) => ({ ...c, text: ch })));
  if (chars.length <= 1) return [s];
  const room = width - hyphenWidth;
  const widths = new Map<string, number>();
  const widthOf = (c: Chunk) => {
    const key = `${c.font}\u0000${c.size}\u0000${c.tracking}\u0000${c.text}`;
    let w = widths.get(key);
    if (w === undefined) {
      w = setter.measureChunks([c]);
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
      let exact = setter.measureChunks(head);
      while (exact > room + SLACK && end - start > 1) {
        end--;
        head = merge(chars.slice(start, end));
        exact = setter.measureChunks(head);
      }
      pieces.push(s.with(head, true, exact));
      start = end;
      used = 0;
      for (let j = end; j < i; j++) used += widthOf(chars[j] as Chunk);
    }
    used += w;
  }
  const tail = merge(chars.slice(start));
  pieces.push(s.with(tail, s.hyphen, setter.measureChunks(tail)));
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

/** The words of a piece not placed yet (placing splits its text). */
const NOT_SPLIT: readonly string[] = [];

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
        // Set when the line is placed. NaN is a double, as the place will be: filling the fields in then
        // keeps the pieces' hidden class (a whole number here would make V8 change it on the first line).
        dx: Number.NaN,
        width: Number.NaN,
        words: NOT_SPLIT,
      });
  }
  // Trailing spaces are not drawn: a line ends at its last glyph. Only the last piece can be left empty.
  const last = pieces.at(-1);
  if (last) {
    last.text = last.text.replace(/ +$/, '');
    if (last.text === '') pieces.pop();
  }
  return { pieces, width };
}
