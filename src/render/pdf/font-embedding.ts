/*
 * Embedding the same fonts in every PDF of a build, for less. Fonts are opened once per process (see
 * `openFont`) and each document subsets them; two costs of fontkit were paid again and again:
 *
 * - its TrueType subsetter decodes every glyph's outline (all its points) only to find out whether the glyph
 *   is a composite whose parts must come too: a simple glyph's bytes are now copied as they are, without the
 *   decoding, and composites still go through fontkit's own code. The subset's bytes are the same.
 * - its subsets find a glyph's number in the subset in an object keyed by glyph id, which takes a new layout
 *   as ids are added (code looking glyphs up was compiled again and again): they keep them in a Map.
 * - PDFKit reads two numbers of the `post` table (fixed pitch, italic angle), and fontkit decodes the whole
 *   table for them, the names of every glyph included (some 4,000 strings a font): the table's header is read
 *   on its own, and the rest is decoded only if something asks for it.
 */

interface TableRecord {
  tag: string;
  offset: number;
  length: number;
}

/** The parts of a fontkit TrueType font used here. */
interface FontkitFont {
  directory: { tables: Record<string, TableRecord | undefined> };
  stream: { buffer: Uint8Array };
  _tables: Record<string, unknown>;
  _variationProcessor?: unknown;
  loca: { offsets: number[] };
  _decodeTable(table: TableRecord): Record<string, unknown>;
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
  getGlyph(id: number): { advanceWidth: number; _getMetrics(): { leftBearing: number } };
  createSubset(): TrueTypeSubset;
}

/** fontkit's TTFSubset, as far as `_addGlyph` and `includeGlyph` go. */
interface TrueTypeSubset {
  font: FontkitFont;
  /** Glyph ids of the font, in the subset's order. */
  glyphs: number[];
  includeGlyph(glyph: number | { id: number }): number;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  _addGlyph(id: number): number;
}

type SubsetClass = new (font: FontkitFont) => TrueTypeSubset;

const prepared = new WeakSet<object>();
const fastSubsets = new WeakMap<SubsetClass, SubsetClass>();

/** Makes `font` (a fontkit font, opened once per process) cheaper to subset and embed; returns it. */
export function embeddable<T>(font: T): T {
  const f = font as unknown as FontkitFont;
  if (!f || typeof f !== 'object' || prepared.has(f) || !f.directory?.tables || !f._tables) return font;
  prepared.add(f);
  lazyPostTable(f);
  if (f.directory.tables.glyf && f.directory.tables.loca && !f._variationProcessor) {
    const Subset = fastSubsetClass(Object.getPrototypeOf(f.createSubset()).constructor as SubsetClass);
    f.createSubset = () => new Subset(f);
  }
  return font;
}

/**
 * fontkit's TrueType subset class with an `_addGlyph` that copies simple glyphs without decoding them, and an
 * `includeGlyph` that numbers glyphs in the same order through a Map.
 */
function fastSubsetClass(Base: SubsetClass): SubsetClass {
  let Fast = fastSubsets.get(Base);
  if (Fast) return Fast;
  Fast = class extends Base {
    /**
     * Subset numbers by glyph id. Made on first use: fontkit's constructor includes glyph 0 before a field of
     * this class could be initialized (and a declared field would then be reset).
     */
    declare numbers: Map<number, number> | undefined;

    override includeGlyph(glyph: number | { id: number }): number {
      const id = typeof glyph === 'object' ? glyph.id : glyph;
      this.numbers ??= new Map();
      let number = this.numbers.get(id);
      if (number === undefined) {
        this.glyphs.push(id);
        number = this.glyphs.length - 1;
        this.numbers.set(id, number);
      }
      return number;
    }

    override _addGlyph(id: number): number {
      const offsets = this.font.loca.offsets;
      const start = offsets[id] as number;
      const end = offsets[id + 1] as number;
      const stream = this.font._getTableStream('glyf');
      stream.pos += start;
      const bytes = stream.readBuffer(end - start);
      // numberOfContours, the glyph's first field: negative for a composite (fontkit's code patches its parts).
      if (end > start && ((bytes[0] as number) & 0x80) !== 0) return super._addGlyph(id);
      // What fontkit's `_addGlyph` does for an empty or simple glyph of a font without variations.
      const glyph = this.font.getGlyph(id);
      this.glyf.push(bytes);
      this.loca.offsets.push(this.offset);
      this.hmtx.metrics.push({ advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing });
      this.offset += bytes.length;
      return this.glyf.length - 1;
    }
  };
  fastSubsets.set(Base, Fast);
  return Fast;
}

const POST_TAILS = ['numberOfGlyphs', 'glyphNameIndex', 'names', 'offsets', 'map'] as const;

/** The `post` table's header, read directly; its glyph names decoded by fontkit on first use. */
function lazyPostTable(font: FontkitFont): void {
  const table = font.directory.tables.post;
  if (!table || 'post' in font._tables || table.length < 32) return;
  const { buffer } = font.stream;
  const view = new DataView(buffer.buffer, buffer.byteOffset + table.offset, 32);
  const fixed = (at: number) => view.getInt32(at) / 65536;
  let full: Record<string, unknown> | undefined;
  const post: Record<string, unknown> = {
    version: fixed(0),
    italicAngle: fixed(4),
    underlinePosition: view.getInt16(8),
    underlineThickness: view.getInt16(10),
    isFixedPitch: view.getUint32(12),
    minMemType42: view.getUint32(16),
    maxMemType42: view.getUint32(20),
    minMemType1: view.getUint32(24),
    maxMemType1: view.getUint32(28),
  };
  for (const key of POST_TAILS)
    Object.defineProperty(post, key, {
      enumerable: true,
      get: () => {
        full ??= font._decodeTable(table);
        return full[key];
      },
    });
  font._tables.post = post;
}
