import { basename } from 'node:path';
import type { Deck } from '../check/deck.ts';
import { type Diagnostic, error, type Position } from '../diagnostics/diagnostic.ts';
import {
  codePointLabel,
  type Face,
  type FontFiles,
  faceOf,
  fontFile,
  missingGlyphs,
} from '../fonts/font-files.ts';
import { parseMarkdown, type Run } from '../markdown.ts';
import type { Labels } from './labels.ts';
import { listStrings } from './strings.ts';

export interface GlyphCheckOptions {
  /** Where each string's text was written (from `localizeDeck`); the source position otherwise. */
  origins?: ReadonlyMap<string, { position?: Position }>;
  /** Template labels of the locale, checked too. */
  labels?: { labels: Labels; positionOf?: (key: string) => Position | undefined };
}

/**
 * Every character of every string of a localized deck must be drawable: PDFKit prints a missing glyph as an
 * empty box without a word. Each run is checked in the face it is drawn with (bold, italic), and every string
 * in bold as well, since titles are set bold. One diagnostic per character and string, naming both.
 */
export function checkGlyphs(
  deck: Deck,
  locale: string,
  fonts: FontFiles,
  options: GlyphCheckOptions = {},
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const items: { key: string; text: string; position: () => Position | undefined }[] = [];
  for (const s of listStrings(deck))
    items.push({
      key: s.key,
      text: s.text,
      position: () => options.origins?.get(s.key)?.position ?? s.position,
    });
  for (const [key, text] of Object.entries(options.labels?.labels ?? {})) {
    items.push({ key: `label ${key}`, text, position: () => options.labels?.positionOf?.(key) });
  }
  // The text of the whole deck by face, checked as sets of distinct characters: a deck repeats its alphabet,
  // so a 1,000-card deck costs a few hundred font look-ups, not a million. Titles are set bold, so all text is
  // checked in bold as well. Text without emphasis is one regular run: its characters are gathered once and
  // serve both faces.
  const plain: string[] = [];
  const emphasized: string[] = [];
  const runsByFace = new Map<Face, string[]>();
  for (const item of items) {
    if (!EMPHASIS.test(item.text)) {
      plain.push(item.text);
      continue;
    }
    emphasized.push(item.text);
    for (const run of runsOf(item.text)) {
      const face = faceOf(run);
      if (face === 'bold') continue;
      const list = runsByFace.get(face) ?? [];
      list.push(run.text);
      runsByFace.set(face, list);
    }
  }
  const plainCharacters = distinctCharacters(plain);
  // Every character of the deck, as titles are set: in bold.
  const allCharacters = distinctCharacters([plainCharacters, ...emphasized]);
  const unprintable = [...allCharacters].filter((ch) => UNPRINTABLE.test(ch));
  // A control character is no glyph at all (fonts often map U+0000 to an empty one): said here, at the string,
  // rather than later by the layout markup it breaks or the terminal it reaches.
  for (const item of items) {
    for (const ch of unprintable) {
      if (!item.text.includes(ch)) continue;
      diagnostics.push(
        error(
          'text/control-character',
          `\`${item.key}\` holds the control character ${codePointLabel(ch)}, which cannot be printed`,
          item.position(),
          'remove it: in YAML it is usually an escape such as `\\0` or `\\e` inside double quotes',
        ),
      );
    }
  }
  if (unprintable.length > 0) return diagnostics;
  const textByFace = new Map<Face, string[]>([
    ['bold', [allCharacters]],
    ['regular', [plainCharacters, ...(runsByFace.get('regular') ?? [])]],
  ]);
  for (const [face, texts] of runsByFace) if (face !== 'regular') textByFace.set(face, texts);
  const missing = new Set<string>();
  for (const [face, texts] of textByFace) {
    try {
      for (const ch of missingGlyphs(distinctCharacters(texts), fonts, face)) missing.add(ch);
    } catch {
      // Fonts a deck names are probed where they are named (localize/fonts.ts): this is a bundled font gone bad.
      diagnostics.push(
        error('render/bad-font', `the ${face} font ${basename(fontFile(fonts, face))} cannot be read`, {
          file: fontFile(fonts, face),
        }),
      );
    }
  }
  if (missing.size === 0) return diagnostics;
  for (const item of items) {
    for (const ch of missing) {
      if (!item.text.includes(ch)) continue;
      diagnostics.push(
        error(
          'render/missing-glyph',
          `"${ch}" (${codePointLabel(ch)}) in \`${item.key}\` cannot be drawn in ${locale}: neither ${fontNames(fonts)} has it`,
          item.position(),
          'name a font that has this character in the locale file (`fonts:`), or replace the character',
        ),
      );
    }
  }
  return diagnostics;
}

/**
 * The distinct characters of many strings, as one string. A table indexed by UTF-16 code unit does in a few
 * milliseconds what a Set of characters does in a hundred on a large deck; characters outside the Basic
 * Multilingual Plane (surrogate pairs) are kept whole.
 */
export function distinctCharacters(texts: readonly string[]): string {
  const seen = new Uint8Array(0x10000);
  const astral = new Set<string>();
  let out = '';
  // A call per text rather than one loop over them all: V8 optimises a short loop with the feedback of whole
  // calls, where one long loop is optimised midway and thrown away at the first line it had not yet run.
  for (const text of texts) out += newCharacters(text, seen, astral);
  return out + [...astral].join('');
}

/** The characters of `text` not `seen` before (marked now); those outside the BMP are added to `astral`. */
function newCharacters(text: string, seen: Uint8Array, astral: Set<string>): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      astral.add(text.slice(i, i + 2));
      i++;
    } else if (seen[unit] === 0) {
      seen[unit] = 1;
      out += text.charAt(i);
    }
  }
  return out;
}

/** C0 controls but tab and line feed, DEL, C1 controls, and the two Unicode non-characters XML refuses. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNPRINTABLE = /^[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF]$/;

/** Markdown emphasis markers: text without them is drawn in one face. */
const EMPHASIS = /[*_]/;

/** Styled runs of light Markdown, as the renderer draws them; the raw text when it is not Markdown at all. */
function runsOf(text: string): Run[] {
  // Without emphasis markers every character is drawn regular: no need to parse (markup characters are ASCII).
  if (!EMPHASIS.test(text)) return [{ text }];
  const runs: Run[] = [];
  for (const block of parseMarkdown(text)) {
    if (block.kind === 'paragraph') runs.push(...block.runs);
    else for (const item of block.items) runs.push(...item);
  }
  return runs.length > 0 ? runs : [{ text }];
}

function fontNames(fonts: FontFiles): string {
  const names = [
    ...new Set(
      [fonts.regular, fonts.bold, fonts.italic, fonts.boldItalic].map((f) =>
        basename(f).replace(/-(Regular|Bold|Italic|BoldItalic)\.[ot]tf$/i, ''),
      ),
    ),
  ];
  return `${names.join(', ')} nor ${basename(fonts.symbol).replace(/\.[ot]tf$/i, '')}`;
}
