import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { PACKAGE_ROOT } from '../paths.ts';

/** The four text faces, per-script fallback fonts, and a symbol fallback (arrows, check marks, stars). */
export interface FontFiles {
  regular: string;
  bold: string;
  italic: string;
  boldItalic: string;
  /**
   * Fonts for scripts the text faces lack (Arabic, Hebrew, a locale's own script), tried in order for each
   * character the face cannot draw, before the symbol font: Latin keeps its bold and italic faces.
   */
  fallback: readonly string[];
  /** The bold face of a fallback font that has one, by the fallback's file: bold text in its script uses it. */
  fallbackBold?: Readonly<Record<string, string>>;
  symbol: string;
}
/**
 * A text face, the symbol font, or the fallback font at an index of `FontFiles.fallback` (`fallbackBold`: its
 * bold face).
 */
export type Face =
  | 'regular'
  | 'bold'
  | 'italic'
  | 'boldItalic'
  | 'symbol'
  | `fallback${number}`
  | `fallbackBold${number}`;

/** The font file that draws `face`. */
export function fontFile(files: FontFiles, face: Face): string {
  if (face.startsWith('fallbackBold')) {
    const regular = files.fallback[Number(face.slice('fallbackBold'.length))] as string;
    return files.fallbackBold?.[regular] ?? regular;
  }
  if (face.startsWith('fallback')) return files.fallback[Number(face.slice('fallback'.length))] as string;
  return files[face as 'regular' | 'bold' | 'italic' | 'boldItalic' | 'symbol'];
}

/** Every font file of a set: the text faces, the fallbacks and their bold faces, the symbol font. */
export function fontPaths(files: FontFiles): string[] {
  return [
    files.regular,
    files.bold,
    files.italic,
    files.boldItalic,
    ...files.fallback,
    ...Object.values(files.fallbackBold ?? {}),
    files.symbol,
  ];
}

/** Every fallback face of a font set (to register in a document): each fallback, and its bold face if any. */
export function fallbackFaces(files: FontFiles): Face[] {
  return files.fallback.flatMap((file, i) =>
    files.fallbackBold?.[file]
      ? [`fallback${i}` as const, `fallbackBold${i}` as const]
      : [`fallback${i}` as const],
  );
}

/** Whether text set in `face` is bold (and looks its fallback characters up in bold faces). */
export function isBoldFace(face: Face): boolean {
  return face === 'bold' || face === 'boldItalic';
}

/** The fallback faces tried, in order, for characters text set in `face` lacks: bold ones for bold text. */
export function fallbacksFor(files: FontFiles, face: Face): Face[] {
  const bold = isBoldFace(face);
  return files.fallback.map((file, i) =>
    bold && files.fallbackBold?.[file] ? (`fallbackBold${i}` as const) : (`fallback${i}` as const),
  );
}

const FONTS_DIR = join(PACKAGE_ROOT, 'fonts');

/** Noto Sans (with Devanagari), Noto Sans Arabic and Hebrew (regular and bold), and DejaVu Sans, vendored in `fonts/`. */
export const BUNDLED_FONTS: FontFiles = {
  regular: join(FONTS_DIR, 'NotoSans-Regular.ttf'),
  bold: join(FONTS_DIR, 'NotoSans-Bold.ttf'),
  italic: join(FONTS_DIR, 'NotoSans-Italic.ttf'),
  boldItalic: join(FONTS_DIR, 'NotoSans-BoldItalic.ttf'),
  fallback: [join(FONTS_DIR, 'NotoSansArabic-Regular.ttf'), join(FONTS_DIR, 'NotoSansHebrew-Regular.ttf')],
  fallbackBold: {
    [join(FONTS_DIR, 'NotoSansArabic-Regular.ttf')]: join(FONTS_DIR, 'NotoSansArabic-Bold.ttf'),
    [join(FONTS_DIR, 'NotoSansHebrew-Regular.ttf')]: join(FONTS_DIR, 'NotoSansHebrew-Bold.ttf'),
  },
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
  const chain = [fontFile(fonts, face), ...fonts.fallback, fonts.symbol].map(openFont);
  const missing = new Set<string>();
  for (const ch of text) {
    if (INVISIBLE.test(ch)) continue;
    const cp = ch.codePointAt(0) ?? 0;
    if (!chain.some((font) => font.hasGlyphForCodePoint(cp))) missing.add(ch);
  }
  return [...missing];
}

/** Whether the font of `face` itself draws `ch` (otherwise a fallback or the symbol font must). */
export function faceHasGlyph(fonts: FontFiles, face: Face, ch: string): boolean {
  return openFont(fontFile(fonts, face)).hasGlyphForCodePoint(ch.codePointAt(0) ?? 0);
}

/** The face that draws `ch` in text set in `face`: the face itself, else the first fallback that has it, else the symbol font; undefined when none has it. */
export function faceFor(fonts: FontFiles, face: Face, codePoint: number): Face | undefined {
  if (openFont(fontFile(fonts, face)).hasGlyphForCodePoint(codePoint)) return face;
  for (const fallback of fallbacksFor(fonts, face))
    if (openFont(fontFile(fonts, fallback)).hasGlyphForCodePoint(codePoint)) return fallback;
  return openFont(fonts.symbol).hasGlyphForCodePoint(codePoint) ? 'symbol' : undefined;
}

export function codePointLabel(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
