import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { PACKAGE_ROOT } from '../paths.ts';

/** The four text faces plus a symbol fallback (arrows, check marks, stars). */
export interface FontFiles {
  regular: string;
  bold: string;
  italic: string;
  boldItalic: string;
  symbol: string;
}
export type Face = keyof FontFiles;

const FONTS_DIR = join(PACKAGE_ROOT, 'fonts');

/** Noto Sans and DejaVu Sans, vendored in `fonts/`. */
export const BUNDLED_FONTS: FontFiles = {
  regular: join(FONTS_DIR, 'NotoSans-Regular.ttf'),
  bold: join(FONTS_DIR, 'NotoSans-Bold.ttf'),
  italic: join(FONTS_DIR, 'NotoSans-Italic.ttf'),
  boldItalic: join(FONTS_DIR, 'NotoSans-BoldItalic.ttf'),
  symbol: join(FONTS_DIR, 'DejaVuSans.ttf'),
};

export function faceOf(style: { bold?: boolean; italic?: boolean }): Face {
  if (style.bold && style.italic) return 'boldItalic';
  if (style.bold) return 'bold';
  return style.italic ? 'italic' : 'regular';
}

// The ES module build, the very instance PDFKit imports: requiring the CommonJS build as well would load
// fontkit, its Unicode tables and its parsers twice (about 0.1 s of start-up).

type FontkitFont = { hasGlyphForCodePoint(codePoint: number): boolean };
const opened = new Map<string, FontkitFont>();

/**
 * Opens a font file once per process: coverage checks run for every string of every locale, and every PDF
 * of a build embeds the same fonts (PDFKit accepts the opened font, so its tables are decoded only once).
 */
export function openFont(path: string): FontkitFont {
  let font = opened.get(path);
  if (!font) {
    font = fontkit.create(readFileSync(path)) as unknown as FontkitFont;
    opened.set(path, font);
  }
  return font;
}

/** Characters that are layout controls rather than glyphs to draw. */
const INVISIBLE = /[\n\r\t\u00ad\u200b-\u200d\u2060\ufeff]/u;

/**
 * Characters of `text` that neither the face nor the symbol fallback can draw. PDFKit would print them as
 * empty boxes without a word, so every string is checked before rendering.
 */
export function missingGlyphs(text: string, fonts: FontFiles, face: Face = 'regular'): string[] {
  const main = openFont(fonts[face]);
  const symbol = openFont(fonts.symbol);
  const missing = new Set<string>();
  for (const ch of text) {
    if (INVISIBLE.test(ch)) continue;
    const cp = ch.codePointAt(0) ?? 0;
    if (!main.hasGlyphForCodePoint(cp) && !symbol.hasGlyphForCodePoint(cp)) missing.add(ch);
  }
  return [...missing];
}

/** Whether the text face itself draws `ch` (otherwise the symbol font must). */
export function faceHasGlyph(fonts: FontFiles, face: Face, ch: string): boolean {
  return openFont(fonts[face]).hasGlyphForCodePoint(ch.codePointAt(0) ?? 0);
}

export function codePointLabel(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
