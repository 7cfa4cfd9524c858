import { readFileSync } from 'node:fs';
import { openFont } from '../../fonts/font-files.ts';
import { entryOf } from '../../maps.ts';
import type { EncodingPlan } from './faces.ts';

/*
 * Every piece of text is shaped by HarfBuzz (harfbuzzjs, the reference shaper compiled to WebAssembly): the same
 * glyphs `hb-shape` gives, for Latin ligatures and kerning as for Devanagari conjuncts, Arabic joining and mark
 * placement. fontkit's own layout keeps state between calls on one font (after "ऐप", "में" came out with a
 * dotted circle), so it only reads font tables here (coverage, metrics, subsetting).
 *
 * harfbuzzjs loads its WebAssembly asynchronously: `loadShaping()` is awaited once before any document is set
 * (every render entry point does); shaping itself is synchronous and cached per font and text, so a word met
 * again costs a map lookup.
 */

type HarfBuzz = typeof import('harfbuzzjs');
type HbFont = InstanceType<HarfBuzz['Font']>;
type HbBuffer = InstanceType<HarfBuzz['Buffer']>;

let hb: HarfBuzz | undefined;
let loading: Promise<HarfBuzz> | undefined;
let buffer: HbBuffer | undefined;
let importHarfBuzz: () => Promise<HarfBuzz> = () => import('harfbuzzjs');

/**
 * The CLI runs a bundle compiled from a V8 code cache, where Node 20 cannot resolve a dynamic `import()`; its
 * launcher, a plain ES module, imports harfbuzzjs for it.
 */
export function setHarfBuzzImporter(importer: () => Promise<HarfBuzz>): void {
  importHarfBuzz = importer;
}

/** Loads HarfBuzz (once per process). Must be awaited before `Shaper.shape` is called. */
export async function loadShaping(): Promise<void> {
  if (hb) return;
  loading ??= importHarfBuzz();
  hb = await loading;
}

function harfbuzz(): HarfBuzz {
  if (!hb) throw new Error('HarfBuzz is not loaded: await loadShaping() before setting text');
  return hb;
}

/*
 * Numbers per glyph in `ShapedText.glyphs`, all in font units: the glyph's id, its advance as shaped (kerning
 * included), its own advance (what a PDF's widths array holds), and its x and y offsets.
 */
export const GLYPH_FIELDS = 5;
export const GLYPH_ID = 0;
export const GLYPH_ADVANCE = 1;
export const GLYPH_WIDTH = 2;
export const GLYPH_DX = 3;
export const GLYPH_DY = 4;

/*
 * A shaped text is a class rather than an object literal: it is kept for the whole process, and V8 watches how
 * long the objects of each literal survive, deciding once enough of them have to allocate them where old
 * objects live, and throwing away the optimized code that allocates them when it does (twice in a build).
 * Objects made by `new` are not watched that way. Its glyphs are one array of small integers, not an object
 * each: a build keeps some 130,000 glyphs, and every young-generation collection copies what is still alive,
 * object by object.
 */
export class ShapedText {
  constructor(
    /** `GLYPH_FIELDS` numbers a glyph, in drawing order (left to right, so right-to-left text comes reversed). */
    readonly glyphs: number[],
    /** The characters each glyph stands for in text extraction (see `mapCluster`). */
    readonly codePoints: (readonly number[])[],
    /** Sum of the advances, font units. */
    readonly advance: number,
    /** HarfBuzz put a dotted circle (U+25CC) the text does not hold: a mark with no base, a broken cluster. */
    readonly dottedCircle: boolean,
  ) {}

  /**
   * How the PDF writer encodes these glyphs (see faces.ts), worked out on first use and kept here: a WeakMap
   * from texts to plans would hand every collection some 18,000 entries to trace.
   */
  encoding: EncodingPlan | undefined = undefined;

  get count(): number {
    return this.codePoints.length;
  }

  /** The glyphs as objects, for readers outside the drawing path (tests, inspection). */
  glyphList(): ShapedGlyph[] {
    return this.codePoints.map((codePoints, i) => {
      const at = i * GLYPH_FIELDS;
      const field = (offset: number) => this.glyphs[at + offset] as number;
      return {
        id: field(GLYPH_ID),
        advance: field(GLYPH_ADVANCE),
        width: field(GLYPH_WIDTH),
        dx: field(GLYPH_DX),
        dy: field(GLYPH_DY),
        codePoints,
      };
    });
  }
}

/** One glyph of a `ShapedText`: the fields of `GLYPH_FIELDS` by name, and its characters. */
export interface ShapedGlyph {
  id: number;
  advance: number;
  width: number;
  dx: number;
  dy: number;
  codePoints: readonly number[];
}

/**
 * Scripts whose letters join (Arabic, Syriac, N'Ko, Mongolian) or hang from a headstroke (the Indic scripts):
 * letter spacing would tear them apart, so they are never tracked.
 */
export const CONNECTED_SCRIPT =
  /[\u0600-\u08ff\u0900-\u0dff\u0f00-\u0fff\u1800-\u18af\ufb50-\ufdff\ufe70-\ufeff]/u;

/** Characters set right to left (Hebrew, Arabic and their neighbours, presentation forms). */
export const RIGHT_TO_LEFT =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]|[\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

const DOTTED_CIRCLE = 0x25cc;
/** HarfBuzz's glyph flag: breaking the text at this glyph's cluster would change the shaping. */
const UNSAFE_TO_BREAK = 1;

interface HbInfo {
  codepoint: number;
  cluster: number;
  flags: number;
}
interface HbPosition {
  xAdvance: number;
  xOffset: number;
  yOffset: number;
}
interface HbGlyphs {
  infos: HbInfo[];
  positions: HbPosition[];
}

/** One array per character for the glyphs that stand for one character: nothing changes them afterwards. */
const singles = new Map<number, number[]>();

function single(codePoint: number): number[] {
  return entryOf(singles, codePoint, () => [codePoint]);
}

/** Glyphs per cluster and cluster ends, by UTF-16 offset: scratch space reused by every `build`. */
let clusterGlyphs = new Int32Array(64);
let clusterEnds = new Int32Array(64);
/** Past this many distinct texts a font's cache starts over: a long watch session meets many words. */
const CACHE_LIMIT = 200_000;

const shapers = new Map<string, Shaper>();

interface CoverageFont {
  unitsPerEm: number;
  hasGlyphForCodePoint(cp: number): boolean;
}

const NO_CHARACTERS: readonly number[] = [];

export class Shaper {
  readonly unitsPerEm: number;
  /**
   * Thousandths of an em per font unit, worked out once: 1 for Noto's 1,000 units an em, a fraction for
   * DejaVu's 2,048. Read from a field (a double once a second font has a fraction), the arithmetic on it is
   * compiled for doubles from the start instead of for integers, then again when the first fraction comes.
   */
  readonly scale: number;
  private readonly fontkit: CoverageFont;
  private hbFont: HbFont | undefined;
  private dottedCircleId: number | undefined;
  /** Whether the cmap has each character of the Basic Multilingual Plane: 0 not looked up yet, 1 yes, 2 no. */
  private readonly coverage = new Uint8Array(0x10000);
  private readonly astralCoverage = new Map<number, boolean>();
  /** Advances by glyph id (a sparse array: glyph ids are small integers). */
  private readonly widths: number[] = [];
  private reverse: Map<number, readonly number[]> | undefined;
  private readonly cache = new Map<string, ShapedText>();

  private constructor(private readonly path: string) {
    this.fontkit = openFont(path) as unknown as CoverageFont;
    this.unitsPerEm = this.fontkit.unitsPerEm;
    this.scale = 1000 / this.unitsPerEm;
  }

  /** One shaper per font file for the whole process: shaped words outlive a document. */
  static of(path: string): Shaper {
    return entryOf(shapers, path, () => new Shaper(path));
  }

  /** Whether the font's cmap maps `codePoint` to a glyph. */
  has(codePoint: number): boolean {
    if (codePoint > 0xffff) {
      let found = this.astralCoverage.get(codePoint);
      if (found === undefined) {
        found = this.fontkit.hasGlyphForCodePoint(codePoint);
        this.astralCoverage.set(codePoint, found);
      }
      return found;
    }
    let known = this.coverage[codePoint] as number;
    if (known === 0) {
      known = this.fontkit.hasGlyphForCodePoint(codePoint) ? 1 : 2;
      this.coverage[codePoint] = known;
    }
    return known === 1;
  }

  /** `text` shaped as one run (script and direction guessed from its characters), cached. */
  shape(text: string): ShapedText {
    let shaped = this.cache.get(text);
    if (!shaped) {
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      shaped = this.shapeWithSpace(text);
    }
    return shaped;
  }

  private font(): HbFont {
    if (!this.hbFont) {
      const h = harfbuzz();
      this.hbFont = new h.Font(new h.Face(new h.Blob(readFileSync(this.path)), 0));
      this.dottedCircleId = this.hbFont.nominalGlyph(DOTTED_CIRCLE);
    }
    return this.hbFont;
  }

  /**
   * Shapes `text` and caches it, together with the same text with (or without) one following space, from
   * one HarfBuzz call: the guide measures and draws words with their space (`word `), cards without
   * (`word`), so most words are asked for both ways. HarfBuzz flags a glyph UNSAFE_TO_BREAK when the text
   * before its cluster would shape differently cut there; a space cluster without the flag gives the word
   * alone exactly as shaping it alone would (same segment properties: a space guesses no script or
   * direction). Otherwise the word is shaped again on its own.
   */
  private shapeWithSpace(text: string): ShapedText {
    const spaced = text.endsWith(' ') ? text : `${text} `;
    const bare = spaced.slice(0, -1);
    // Shaped alone: no word before the space, or the other form is known already (and could not give this one).
    if (bare === '' || bare.endsWith(' ') || this.cache.has(text === spaced ? bare : spaced)) {
      const shaped = this.build(text, this.hbShape(text));
      this.cache.set(text, shaped);
      return shaped;
    }
    const glyphs = this.hbShape(spaced);
    const whole = this.build(spaced, glyphs);
    this.cache.set(spaced, whole);
    const word = this.wordBefore(glyphs, bare.length);
    if (text === spaced && !word) return whole;
    const alone = word ? this.build(bare, word) : this.build(bare, this.hbShape(bare));
    this.cache.set(bare, alone);
    return text === spaced ? whole : alone;
  }

  /** The glyphs of `infos` before the cluster at `end` (the last character), if it is safe to break there. */
  private wordBefore(shaped: HbGlyphs, end: number): HbGlyphs | undefined {
    const { infos, positions } = shaped;
    const n = infos.length;
    if (n === 0) return undefined;
    // Left to right the space comes last; right to left (reversed by HarfBuzz), first.
    const rtl = (infos[0] as HbInfo).cluster > (infos[n - 1] as HbInfo).cluster;
    let from = 0;
    let to = n;
    if (rtl) {
      while (from < n && (infos[from] as HbInfo).cluster >= end) from++;
      if (from === 0) return undefined;
      if ((infos[from - 1] as HbInfo).cluster !== end) return undefined;
      for (let i = 0; i < from; i++) if ((infos[i] as HbInfo).flags & UNSAFE_TO_BREAK) return undefined;
    } else {
      while (to > 0 && (infos[to - 1] as HbInfo).cluster >= end) to--;
      if (to === n) return undefined;
      if ((infos[to] as HbInfo).cluster !== end) return undefined;
      for (let i = to; i < n; i++) if ((infos[i] as HbInfo).flags & UNSAFE_TO_BREAK) return undefined;
    }
    return { infos: infos.slice(from, to), positions: positions.slice(from, to) };
  }

  private hbShape(text: string): HbGlyphs {
    const h = harfbuzz();
    const font = this.font();
    buffer ??= new h.Buffer();
    buffer.clearContents();
    buffer.addText(text);
    buffer.guessSegmentProperties();
    h.shape(font, buffer);
    return {
      infos: buffer.getGlyphInfos() as HbInfo[],
      positions: buffer.getGlyphPositions() as HbPosition[],
    };
  }

  /**
   * HarfBuzz's glyphs as drawn. Clusters are UTF-16 offsets into `text`; each cluster's text ends where the
   * next larger cluster starts.
   */
  private build(text: string, { infos, positions }: HbGlyphs): ShapedText {
    const n = infos.length;
    const length = text.length;
    if (clusterGlyphs.length <= length) {
      clusterGlyphs = new Int32Array(2 * length + 16);
      clusterEnds = new Int32Array(2 * length + 16);
    }
    const count = clusterGlyphs;
    const ends = clusterEnds;
    count.fill(0, 0, length + 1);
    for (let i = 0; i < n; i++) {
      const cluster = (infos[i] as HbInfo).cluster;
      count[cluster] = (count[cluster] as number) + 1;
    }
    let next = length;
    for (let c = length - 1; c >= 0; c--) {
      if (count[c] === 0) continue;
      ends[c] = next;
      next = c;
    }
    const glyphs: number[] = new Array(n * GLYPH_FIELDS);
    const codePoints: (readonly number[])[] = new Array(n);
    let advance = 0;
    let dottedCircle = false;
    let complex: Map<number, number[]> | undefined;
    for (let i = 0; i < n; i++) {
      const info = infos[i] as HbInfo;
      const p = positions[i] as HbPosition;
      const cluster = info.cluster;
      if (info.codepoint === this.dottedCircleId && !text.includes('\u25cc')) dottedCircle = true;
      const cp = text.codePointAt(cluster) as number;
      // The common case: one character drawn by one glyph.
      if (count[cluster] === 1 && (ends[cluster] as number) - cluster === (cp > 0xffff ? 2 : 1))
        codePoints[i] = single(cp);
      else {
        codePoints[i] = NO_CHARACTERS;
        complex ??= new Map();
        const members = complex.get(cluster);
        if (members) members.push(i);
        else complex.set(cluster, [i]);
      }
      const at = i * GLYPH_FIELDS;
      glyphs[at + GLYPH_ID] = info.codepoint;
      glyphs[at + GLYPH_ADVANCE] = p.xAdvance;
      glyphs[at + GLYPH_WIDTH] = this.widthOf(info.codepoint);
      glyphs[at + GLYPH_DX] = p.xOffset;
      glyphs[at + GLYPH_DY] = p.yOffset;
      advance += p.xAdvance;
    }
    if (complex)
      for (const [cluster, members] of complex)
        this.mapCluster(text, cluster, ends[cluster] as number, members, codePoints, infos);
    return new ShapedText(glyphs, codePoints, advance, dottedCircle);
  }

  /**
   * The characters each glyph of a cluster of several glyphs or characters stands for in the ToUnicode map. A
   * glyph the cmap maps from a character of its cluster stands for that character, whatever its context (a
   * map has one entry per glyph); the characters left over (those a ligature or conjunct took in) go to the
   * cluster's first glyph that has no character of its own.
   */
  private mapCluster(
    text: string,
    cluster: number,
    end: number,
    members: readonly number[],
    codePoints: (readonly number[])[],
    infos: readonly HbInfo[],
  ): void {
    const remaining = [...text.slice(cluster, end)].map((ch) => ch.codePointAt(0) as number);
    const unmapped: number[] = [];
    for (const i of members) {
      const own = this.charactersOf((infos[i] as HbInfo).codepoint);
      const at = own.findIndex((cp) => remaining.includes(cp));
      if (at < 0) {
        unmapped.push(i);
        continue;
      }
      const cp = own[at] as number;
      remaining.splice(remaining.indexOf(cp), 1);
      codePoints[i] = [cp];
    }
    if (remaining.length === 0) return;
    const target = unmapped[0] ?? members[members.length - 1];
    if (target !== undefined)
      codePoints[target] = [...(codePoints[target] as readonly number[]), ...remaining];
  }

  /** Characters the cmap maps to a glyph (none for ligatures, conjuncts and contextual forms). */
  private charactersOf(id: number): readonly number[] {
    if (!this.reverse) {
      // The cmap read backwards, once per font: a few thousand characters.
      const font = this.font();
      const reverse = new Map<number, number[]>();
      for (const cp of font.face.collectUnicodes()) {
        const glyph = font.nominalGlyph(cp);
        if (glyph === undefined) continue;
        const list = reverse.get(glyph);
        if (list) list.push(cp);
        else reverse.set(glyph, [cp]);
      }
      this.reverse = reverse;
    }
    return this.reverse.get(id) ?? NO_CHARACTERS;
  }

  private widthOf(id: number): number {
    let width = this.widths[id];
    if (width === undefined) {
      width = (this.hbFont as HbFont).glyphHAdvance(id);
      this.widths[id] = width;
    }
    return width;
  }
}
