import { readFileSync, statSync } from 'node:fs';
import * as fontkit from 'fontkit';

/**
 * A font file is opened, parsed and test-embedded once, here, before any page uses it: fontkit reads most
 * tables lazily, so a damaged glyf, loca or GSUB table (or a TrueType-flavoured WOFF2, whose glyphs fontkit
 * rebuilds wrongly) used to pass the first check and throw from deep inside the PDF writer at embed time.
 * The problem is said in plain words; fontkit's own message names its internals, not the file's fault.
 */
export interface FontProblem {
  message: string;
  hint: string;
}

/** Letters every kit prints: Latin with accents, digits, punctuation, typographic spaces and quotes. */
const SAMPLE =
  'AaBbCcDdEeFfGgHhIiJjKkLlMmNnOoPpQqRrSsTtUuVvWwXxYyZz 0123456789 .,;:!?\'"()[]{}-–—…«»“”‘’ éèêëàâäîïôöùûüçœæÉÈÀÇŒ fi fl ffi';

const probed = new Map<string, { stamp: string; problem: FontProblem | undefined }>();

/** Undefined when the font at `path` opens, lays out, draws and embeds; otherwise what is wrong with it. */
export function probeFont(path: string): FontProblem | undefined {
  let stamp: string;
  try {
    const stats = statSync(path);
    stamp = `${stats.size}:${stats.mtimeMs}`;
  } catch {
    return { message: 'cannot be read', hint: 'check that the file exists and can be read' };
  }
  const hit = probed.get(path);
  if (hit?.stamp === stamp) return hit.problem;
  const problem = probe(readFileSync(path));
  probed.set(path, { stamp, problem });
  return problem;
}

const REEXPORT =
  'open it in a font editor (FontForge, for one) and export it again as .ttf or .otf, or use another font';

function probe(bytes: Buffer): FontProblem | undefined {
  const signature = bytes.subarray(0, 4).toString('latin1');
  if (signature === 'wOF2') {
    // CFF outlines come through WOFF2 intact; TrueType ones are rebuilt wrongly (accented letters break).
    if (bytes.subarray(4, 8).toString('latin1') !== 'OTTO') {
      return {
        message: 'is a WOFF2 web font with TrueType outlines, which cannot be embedded in a PDF reliably',
        hint: 'use the .ttf or .otf file of the same font (web fonts are compressed copies of it)',
      };
    }
  } else if (signature === 'ttcf') {
    return {
      message: 'is a font collection (.ttc), not one font',
      hint: 'use the .ttf or .otf file of the one face you want',
    };
  } else if (!['\u0000\u0001\u0000\u0000', 'true', 'OTTO', 'wOFF'].includes(signature)) {
    return { message: 'is not a font file', hint: 'use a TrueType (.ttf) or OpenType (.otf) file' };
  }
  type Font = fontkit.Font;
  type Subset = { includeGlyph(id: number): number; encode(): Uint8Array };
  let font: Font;
  const step = (fault: string, run: () => void): FontProblem | undefined => {
    try {
      run();
      return undefined;
    } catch {
      return { message: `is damaged: ${fault}`, hint: REEXPORT };
    }
  };
  return (
    step('its header tables cannot be read', () => {
      font = fontkit.create(bytes) as Font;
      if (!('unitsPerEm' in font) || !(font.unitsPerEm >= 16 && font.unitsPerEm <= 16384))
        throw new Error('units per em');
      if (!(font.numGlyphs > 0)) throw new Error('no glyphs');
      void font.characterSet;
    }) ??
    step('its layout tables (GSUB or GPOS) are malformed', () => checkLayoutTables(bytes)) ??
    step('its glyph outlines or metrics (glyf, loca, hmtx or CFF tables) cannot be copied into a PDF', () => {
      // What PDFKit does on embedding, for every glyph rather than those of one document.
      const subset = font.createSubset() as unknown as Subset;
      for (let id = 0; id < font.numGlyphs; id++) subset.includeGlyph(id);
      if (!(subset.encode().length > 0)) throw new Error('empty subset');
    }) ??
    step('its layout tables (GSUB, GPOS or kern) cannot be read', () => {
      font.layout(SAMPLE);
    })
  );
}

/** Where each table of an sfnt lies; undefined for WOFF and WOFF2, whose tables are compressed. */
function tableDirectory(bytes: Buffer): Map<string, { offset: number; length: number }> | undefined {
  const signature = bytes.subarray(0, 4).toString('latin1');
  if (signature !== '\u0000\u0001\u0000\u0000' && signature !== 'true' && signature !== 'OTTO')
    return undefined;
  const tables = new Map<string, { offset: number; length: number }>();
  const count = bytes.readUInt16BE(4);
  if (12 + count * 16 > bytes.length) throw new Error('table directory past the end');
  for (let i = 0; i < count; i++) {
    const record = 12 + i * 16;
    const offset = bytes.readUInt32BE(record + 8);
    const length = bytes.readUInt32BE(record + 12);
    if (offset + length > bytes.length) throw new Error('table past the end');
    tables.set(bytes.toString('latin1', record, record + 4), { offset, length });
  }
  return tables;
}

/**
 * The counts at the head of GSUB and GPOS must fit in the table: fontkit trusts them, and a damaged one made
 * it allocate lists of billions of entries until the process ran out of memory.
 */
function checkLayoutTables(bytes: Buffer): void {
  const tables = tableDirectory(bytes);
  if (!tables) return;
  for (const tag of ['GSUB', 'GPOS']) {
    const table = tables.get(tag);
    if (!table) continue;
    const view = bytes.subarray(table.offset, table.offset + table.length);
    const u16 = (at: number) => {
      if (at < 0 || at + 2 > view.length) throw new Error(`${tag}: offset out of the table`);
      return view.readUInt16BE(at);
    };
    if (u16(0) !== 1 || u16(2) > 1) throw new Error(`${tag}: unknown version`);
    const list = (at: number, recordSize: number) => {
      if (at === 0) return;
      const count = u16(at);
      if (at + 2 + count * recordSize > view.length) throw new Error(`${tag}: list longer than the table`);
      return count;
    };
    list(u16(4), 6);
    list(u16(6), 6);
    const lookups = u16(8);
    const lookupCount = list(lookups, 2) ?? 0;
    for (let i = 0; i < lookupCount; i++) {
      const lookup = lookups + u16(lookups + 2 + i * 2);
      const type = u16(lookup);
      if (type < 1 || type > 9) throw new Error(`${tag}: unknown lookup type`);
      const subtables = u16(lookup + 4);
      if (lookup + 6 + subtables * 2 > view.length) throw new Error(`${tag}: lookup longer than the table`);
      for (let j = 0; j < subtables; j++) {
        if (lookup + u16(lookup + 6 + j * 2) >= view.length)
          throw new Error(`${tag}: subtable out of the table`);
      }
    }
  }
}
