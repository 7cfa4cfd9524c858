import type { Deck } from '../check/deck.ts';
import { type Diagnostic, error, type Position } from '../diagnostics/diagnostic.ts';
import { BUNDLED_FONTS, type FontFiles, openFont } from '../fonts/font-files.ts';
import { probeFont } from '../fonts/font-probe.ts';
import { resolveInsideDeck } from '../fs-guard.ts';
import type { LocaleFile, LocaleFontFace } from '../locale-files/locale-file.ts';

export interface LocaleFontsResult {
  fonts: FontFiles;
  diagnostics: Diagnostic[];
}

/**
 * The fonts a locale is drawn with: the bundled Noto Sans and DejaVu, replaced face by face by the deck's theme
 * fonts, then by the fonts the locale file names (a Greek edition may bring its own face). A locale may also list
 * fallback fonts, tried per character before the bundled ones (Arabic, Hebrew) and the symbol font, so that a
 * font for one script leaves Latin in its own faces. Every file must lie inside the deck folder and open as a
 * font; otherwise the face keeps the font below it and a diagnostic says so.
 */
export function localeFonts(deck: Deck, file?: LocaleFile): LocaleFontsResult {
  const fonts: FontFiles = { ...BUNDLED_FONTS };
  const diagnostics: Diagnostic[] = [];
  /** The absolute path of a font the deck names, or undefined (with a diagnostic) when it cannot be used. */
  const resolve = (path: string, position: Position | undefined): string | undefined => {
    const absolute = resolveInsideDeck(deck.absoluteDir, path);
    if (absolute === undefined) {
      diagnostics.push(
        error(
          'asset/missing',
          `font \`${path}\` is not a file inside the deck folder`,
          position,
          'font paths are relative to the deck folder, e.g. `fonts/NotoSansGreek-Regular.ttf`',
        ),
      );
      return undefined;
    }
    // Opened, parsed and test-embedded once, here: a damaged font is said at the line that names it, not by
    // the PDF writer halfway through a document.
    const problem = probeFont(absolute);
    if (problem) {
      diagnostics.push(
        error('asset/bad-font', `font \`${path}\` ${problem.message}`, position, problem.hint),
      );
      return undefined;
    }
    try {
      openFont(absolute);
    } catch {
      diagnostics.push(
        error(
          'asset/bad-font',
          `font \`${path}\` cannot be read`,
          position,
          'use a TrueType (.ttf) or OpenType (.otf) file',
        ),
      );
      return undefined;
    }
    return absolute;
  };
  const use = (face: LocaleFontFace, path: string, position: Position | undefined) => {
    const absolute = resolve(path, position);
    if (absolute !== undefined) fonts[face] = absolute;
  };
  for (const [face, path] of Object.entries(deck.theme.fonts ?? {}) as [LocaleFontFace, string][]) {
    use(face, path, deck.origin('theme')?.position(['fonts', face]));
  }
  for (const [face, font] of Object.entries(file?.fonts ?? {}) as [
    LocaleFontFace,
    { path: string; position: Position },
  ][]) {
    use(face, font.path, font.position);
  }
  // The locale's own fallbacks come first: they are what the translator chose for the locale's script.
  const fallback: string[] = [];
  const fallbackBold: Record<string, string> = {};
  for (const font of file?.fallbackFonts ?? []) {
    const regular = resolve(font.path, font.position);
    if (regular === undefined) continue;
    fallback.push(regular);
    const bold = font.bold && resolve(font.bold.path, font.bold.position);
    if (bold) fallbackBold[regular] = bold;
  }
  if (fallback.length > 0) fonts.fallback = [...fallback, ...fonts.fallback];
  if (Object.keys(fallbackBold).length > 0) fonts.fallbackBold = { ...fonts.fallbackBold, ...fallbackBold };
  return { fonts, diagnostics };
}
