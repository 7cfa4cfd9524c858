import { basename } from 'node:path';
import type { Deck } from '../check/deck.ts';
import { parseMarkdown, type Run } from '../compose/markdown.ts';
import { type Diagnostic, error, type Position } from '../diagnostics/diagnostic.ts';
import { codePointLabel, type Face, type FontFiles, faceOf, missingGlyphs } from '../render/fonts.ts';
import type { Labels } from '../render/types.ts';
import { listStrings } from './strings.ts';

export interface GlyphCheckOptions {
  /** Where each string's text was written (from `localizeDeck`); the source position otherwise. */
  origins?: ReadonlyMap<string, { position?: Position }>;
  /** Template labels of the locale, checked too. */
  labels?: { labels: Labels; positions?: ReadonlyMap<string, Position> };
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
  const items: { key: string; position: Position | undefined; chars: Map<Face, Set<string>> }[] = [];
  for (const s of listStrings(deck))
    items.push({
      key: s.key,
      position: options.origins?.get(s.key)?.position ?? s.position,
      chars: charactersByFace(s.text),
    });
  for (const [key, text] of Object.entries(options.labels?.labels ?? {})) {
    items.push({
      key: `label ${key}`,
      position: options.labels?.positions?.get(key),
      chars: charactersByFace(text),
    });
  }
  // Each distinct character is looked up once per face, not once per string: a deck repeats its alphabet.
  const used = new Map<Face, Set<string>>();
  for (const item of items)
    for (const [face, chars] of item.chars) {
      const all = used.get(face) ?? new Set<string>();
      for (const ch of chars) all.add(ch);
      used.set(face, all);
    }
  const missing = new Map<Face, Set<string>>();
  for (const [face, chars] of used) {
    try {
      missing.set(face, new Set(missingGlyphs([...chars].join(''), fonts, face)));
    } catch (e) {
      diagnostics.push(
        error(
          'render/bad-font',
          `the ${face} font ${basename(fonts[face])} cannot be read: ${e instanceof Error ? e.message : String(e)}`,
          { file: fonts[face] },
        ),
      );
    }
  }
  for (const item of items) {
    const lacking = new Set<string>();
    for (const [face, chars] of item.chars)
      for (const ch of chars) if (missing.get(face)?.has(ch)) lacking.add(ch);
    for (const ch of lacking) {
      diagnostics.push(
        error(
          'render/missing-glyph',
          `"${ch}" (${codePointLabel(ch)}) in \`${item.key}\` cannot be drawn in ${locale}: neither ${fontNames(fonts)} has it`,
          item.position,
          'name a font that has this character in the locale file (`fonts:`), or replace the character',
        ),
      );
    }
  }
  return diagnostics;
}

/** The characters of a string by the face that draws them; every string counts as bold too (titles are bold). */
function charactersByFace(text: string): Map<Face, Set<string>> {
  const byFace = new Map<Face, Set<string>>();
  const add = (face: Face, chars: string) => {
    const set = byFace.get(face) ?? new Set<string>();
    for (const ch of chars) set.add(ch);
    byFace.set(face, set);
  };
  for (const run of runsOf(text)) {
    add(faceOf(run), run.text);
    add('bold', run.text);
  }
  return byFace;
}

/** Styled runs of light Markdown, as the renderer draws them; the raw text when it is not Markdown at all. */
function runsOf(text: string): Run[] {
  // Without emphasis markers every character is drawn regular: no need to parse (markup characters are ASCII).
  if (!/[*_]/.test(text)) return [{ text }];
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
