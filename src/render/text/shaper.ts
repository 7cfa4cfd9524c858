import { readFileSync } from 'node:fs';
import { openFont } from '../fonts.ts';

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

/** One glyph as drawn: its id, advance and offset (font units), and the text it stands for in ToUnicode. */
export interface ShapedGlyph {
  id: number;
  /** Advance as shaped (kerning included), and the glyph's own advance (what a PDF's widths array holds). */
  advance: number;
  width: number;
  dx: number;
  dy: number;
  /** Characters the glyph stands for in text extraction (see `mapClusters`). */
  codePoints: number[];
}

export interface ShapedText {
  /** In drawing order (left to right, so right-to-left text comes reversed). */
  glyphs: ShapedGlyph[];
  /** Sum of the advances, font units. */
  advance: number;
  /** HarfBuzz put a dotted circle (U+25CC) the text does not hold: a mark with no base, a broken cluster. */
  dottedCircle: boolean;
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
  private readonly fontkit: CoverageFont;
  private hbFont: HbFont | undefined;
  private dottedCircleId: number | undefined;
  private readonly coverage = new Map<number, boolean>();
  private readonly widths = new Map<number, number>();
  private reverse: Map<number, readonly number[]> | undefined;
  private readonly cache = new Map<string, ShapedText>();

  private constructor(private readonly path: string) {
    this.fontkit = openFont(path) as unknown as CoverageFont;
    this.unitsPerEm = this.fontkit.unitsPerEm;
  }

  /** One shaper per font file for the whole process: shaped words outlive a document. */
  static of(path: string): Shaper {
    let shaper = shapers.get(path);
    if (!shaper) {
      shaper = new Shaper(path);
      shapers.set(path, shaper);
    }
    return shaper;
  }

  /** Whether the font's cmap maps `codePoint` to a glyph. */
  has(codePoint: number): boolean {
    let found = this.coverage.get(codePoint);
    if (found === undefined) {
      found = this.fontkit.hasGlyphForCodePoint(codePoint);
      this.coverage.set(codePoint, found);
    }
    return found;
  }

  /** `text` shaped as one run (script and direction guessed from its characters), cached. */
  shape(text: string): ShapedText {
    let shaped = this.cache.get(text);
    if (!shaped) {
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      shaped = this.run(text);
      this.cache.set(text, shaped);
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

  private run(text: string): ShapedText {
    const h = harfbuzz();
    const font = this.font();
    buffer ??= new h.Buffer();
    buffer.clearContents();
    buffer.addText(text);
    buffer.guessSegmentProperties();
    h.shape(font, buffer);
    const infos = buffer.getGlyphInfos();
    const positions = buffer.getGlyphPositions();
    // Clusters are UTF-16 offsets into `text`; each cluster's text ends where the next larger cluster starts.
    const starts = [...new Set(infos.map((g) => g.cluster))].sort((x, y) => x - y);
    const endOf = new Map<number, number>();
    for (const [i, start] of starts.entries()) endOf.set(start, starts[i + 1] ?? text.length);
    const mapped = this.mapClusters(text, infos, endOf);
    const glyphs: ShapedGlyph[] = [];
    let advance = 0;
    let dottedCircle = false;
    for (let i = 0; i < infos.length; i++) {
      const info = infos[i] as { codepoint: number; cluster: number };
      const p = positions[i] as { xAdvance: number; xOffset: number; yOffset: number };
      if (info.codepoint === this.dottedCircleId && !text.includes('\u25cc')) dottedCircle = true;
      const codePoints = mapped[i] as number[];
      glyphs.push({
        id: info.codepoint,
        advance: p.xAdvance,
        width: this.widthOf(font, info.codepoint),
        dx: p.xOffset,
        dy: p.yOffset,
        codePoints,
      });
      advance += p.xAdvance;
    }
    return { glyphs, advance, dottedCircle };
  }

  /**
   * The characters each glyph stands for in the ToUnicode map. A glyph the cmap maps from a character of its
   * cluster stands for that character, whatever its context (a map has one entry per glyph); the characters
   * left over (those a ligature or conjunct took in) go to the cluster's first glyph that has no character of
   * its own.
   */
  private mapClusters(
    text: string,
    infos: readonly { codepoint: number; cluster: number }[],
    endOf: ReadonlyMap<number, number>,
  ): number[][] {
    const out: number[][] = infos.map(() => []);
    const byCluster = new Map<number, number[]>();
    for (const [i, info] of infos.entries()) {
      const list = byCluster.get(info.cluster);
      if (list) list.push(i);
      else byCluster.set(info.cluster, [i]);
    }
    for (const [cluster, members] of byCluster) {
      // The common case: one character drawn by one glyph.
      const end = endOf.get(cluster) as number;
      if (members.length === 1) {
        const cp = text.codePointAt(cluster) as number;
        if (end - cluster === (cp > 0xffff ? 2 : 1)) {
          out[members[0] as number] = [cp];
          continue;
        }
      }
      const remaining = [...text.slice(cluster, end)].map((ch) => ch.codePointAt(0) as number);
      const unmapped: number[] = [];
      for (const i of members) {
        const own = this.charactersOf((infos[i] as { codepoint: number }).codepoint);
        const at = own.findIndex((cp) => remaining.includes(cp));
        if (at < 0) {
          unmapped.push(i);
          continue;
        }
        const cp = own[at] as number;
        remaining.splice(remaining.indexOf(cp), 1);
        out[i] = [cp];
      }
      if (remaining.length === 0) continue;
      const target = unmapped[0] ?? members[members.length - 1];
      if (target !== undefined) out[target] = [...(out[target] as number[]), ...remaining];
    }
    return out;
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

  private widthOf(font: HbFont, id: number): number {
    let width = this.widths.get(id);
    if (width === undefined) {
      width = font.glyphHAdvance(id);
      this.widths.set(id, width);
    }
    return width;
  }
}
