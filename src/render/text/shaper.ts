import { openFont } from '../fonts.ts';

/*
 * Glyphs and pair kerning for text that needs no complex shaping (Latin, Greek, Cyrillic in precomposed form).
 * fontkit's full layout runs every OpenType feature of Noto Sans for each new word: about 0.4 ms a word, so
 * 2 s for the words of one deck. Here a word is its characters' glyphs from the cmap, their advances, and
 * the font's pair kerning (GPOS PairPos, the lookups of the `kern` feature) read once and cached per pair:
 * a few microseconds a word. Text with combining marks or scripts that need shaping goes to fontkit instead.
 */

interface Coverage {
  version: number;
  glyphs?: number[];
  rangeRecords?: { start: number; end: number; startCoverageIndex: number }[];
}

interface ClassDef {
  version: number;
  startGlyph?: number;
  classValueArray?: number[];
  classRangeRecord?: { start: number; end: number; class: number }[];
}

interface ValueRecord {
  xAdvance?: number;
}

interface PairPos {
  version: number;
  coverage: Coverage;
  pairSets?: ListOf<ListOf<{ secondGlyph: number; value1?: ValueRecord }>>;
  classDef1?: ClassDef;
  classDef2?: ClassDef;
  classRecords?: ListOf<ListOf<{ value1?: ValueRecord }>>;
}

type ListOf<T> = { get(i: number): T; length: number } | T[];

const item = <T>(list: ListOf<T>, i: number): T | undefined => (Array.isArray(list) ? list[i] : list.get(i));

interface FontkitFont {
  unitsPerEm: number;
  glyphForCodePoint(cp: number): { id: number; advanceWidth: number };
  hasGlyphForCodePoint(cp: number): boolean;
  GPOS?: {
    scriptList: { tag: string; script: { defaultLangSys?: { featureIndexes: number[] } } }[];
    featureList: { tag: string; feature: { lookupListIndexes: number[] } }[];
    lookupList: ListOf<{
      lookupType: number;
      subTables: ListOf<PairPos & { lookupType?: number; extension?: PairPos }>;
    }>;
  };
}

export interface ShapedGlyph {
  id: number;
  /** Advance in font units. */
  advance: number;
}

/** Characters that need real shaping: combining marks, and scripts whose glyphs change with their neighbours. */
export const NEEDS_SHAPING =
  /[\p{M}\u0590-\u08ff\u0900-\u0dff\u0e00-\u0eff\u0f00-\u109f\u1780-\u18af\ufb1d-\ufdff\ufe70-\ufeff]/u;

const shapers = new Map<string, Shaper>();

export class Shaper {
  readonly unitsPerEm: number;
  private readonly glyphs = new Map<number, ShapedGlyph | null>();
  private readonly kerning = new Map<number, number>();
  private pairTables?: PairPos[];

  private constructor(private readonly font: FontkitFont) {
    this.unitsPerEm = font.unitsPerEm;
  }

  /** One shaper per font file for the whole process: glyph and kerning caches outlive a document. */
  static of(path: string): Shaper {
    let shaper = shapers.get(path);
    if (!shaper) {
      shaper = new Shaper(openFont(path) as unknown as FontkitFont);
      shapers.set(path, shaper);
    }
    return shaper;
  }

  glyph(codePoint: number): ShapedGlyph | undefined {
    let glyph = this.glyphs.get(codePoint);
    if (glyph === undefined) {
      glyph = this.font.hasGlyphForCodePoint(codePoint)
        ? (({ id, advanceWidth }) => ({ id, advance: advanceWidth }))(this.font.glyphForCodePoint(codePoint))
        : null;
      this.glyphs.set(codePoint, glyph);
    }
    return glyph ?? undefined;
  }

  /**
   * The glyphs of `text` from the cmap, each with the pair kerning before it (font units); undefined when the
   * font lacks a character. What `FontSet` encodes and the guide measures, so both agree to the unit.
   */
  shape(text: string): { glyph: ShapedGlyph; codePoint: number; kern: number }[] | undefined {
    const out: { glyph: ShapedGlyph; codePoint: number; kern: number }[] = [];
    let previous = -1;
    for (const ch of text) {
      const codePoint = ch.codePointAt(0) as number;
      const glyph = this.glyph(codePoint);
      if (!glyph) return undefined;
      out.push({ glyph, codePoint, kern: previous >= 0 ? this.kern(previous, glyph.id) : 0 });
      previous = glyph.id;
    }
    return out;
  }

  /** Kerning between two glyphs, in font units (negative: closer). */
  kern(left: number, right: number): number {
    const key = left * 65536 + right;
    let value = this.kerning.get(key);
    if (value === undefined) {
      value = this.lookupKerning(left, right);
      this.kerning.set(key, value);
    }
    return value;
  }

  private lookupKerning(left: number, right: number): number {
    let total = 0;
    for (const table of this.tables()) {
      const index = coverageIndex(table.coverage, left);
      if (index < 0) continue;
      if (table.version === 1 && table.pairSets) {
        const set = item(table.pairSets, index);
        const pair =
          set &&
          (Array.isArray(set) ? set : Array.from({ length: set.length }, (_, i) => set.get(i))).find(
            (p) => p.secondGlyph === right,
          );
        if (!pair) continue;
        total += pair.value1?.xAdvance ?? 0;
      } else if (table.version === 2 && table.classRecords && table.classDef1 && table.classDef2) {
        const row = item(table.classRecords, classOf(table.classDef1, left));
        total += (row && item(row, classOf(table.classDef2, right))?.value1?.xAdvance) ?? 0;
      }
      // As in OpenType, the first subtable of a lookup that covers the pair is the one that applies.
      break;
    }
    return total;
  }

  /** The PairPos subtables of the `kern` feature, in lookup order (scripts' default language systems). */
  private tables(): PairPos[] {
    if (this.pairTables) return this.pairTables;
    const gpos = this.font.GPOS;
    const tables: PairPos[] = [];
    if (gpos) {
      const lookups = new Set<number>();
      for (const { script } of gpos.scriptList) {
        for (const f of script.defaultLangSys?.featureIndexes ?? []) {
          const feature = gpos.featureList[f];
          if (feature?.tag === 'kern') for (const l of feature.feature.lookupListIndexes) lookups.add(l);
        }
      }
      for (const l of [...lookups].sort((a, b) => a - b)) {
        const lookup = item(gpos.lookupList, l);
        if (!lookup) continue;
        const subTables = (
          Array.isArray(lookup.subTables)
            ? lookup.subTables
            : Array.from({ length: lookup.subTables.length }, (_, i) => item(lookup.subTables, i))
        ) as (PairPos & { lookupType?: number; extension?: PairPos })[];
        for (const sub of subTables) {
          if (lookup.lookupType === 2) tables.push(sub);
          else if (lookup.lookupType === 9 && sub.lookupType === 2 && sub.extension)
            tables.push(sub.extension);
        }
      }
    }
    this.pairTables = tables;
    return tables;
  }
}

function coverageIndex(coverage: Coverage, glyph: number): number {
  if (coverage.version === 1 && coverage.glyphs) {
    // Coverage glyph arrays are sorted.
    let lo = 0;
    let hi = coverage.glyphs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const g = coverage.glyphs[mid] as number;
      if (g === glyph) return mid;
      if (g < glyph) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
  for (const range of coverage.rangeRecords ?? [])
    if (range.start <= glyph && glyph <= range.end) return range.startCoverageIndex + glyph - range.start;
  return -1;
}

function classOf(def: ClassDef, glyph: number): number {
  if (def.version === 1 && def.classValueArray && def.startGlyph !== undefined) {
    const i = glyph - def.startGlyph;
    return i >= 0 && i < def.classValueArray.length ? (def.classValueArray[i] as number) : 0;
  }
  for (const range of def.classRangeRecord ?? [])
    if (range.start <= glyph && glyph <= range.end) return range.class;
  return 0;
}
