import { createRequire } from 'node:module';
import createHyphenator from 'hyphen/hyphen.js';
import enUsPatterns from 'hyphen/patterns/en-us.js';
import frPatterns from 'hyphen/patterns/fr.js';
import { entryOf } from '../maps.ts';
import { protectedMask } from './typography/protect.ts';

/** U+00AD SOFT HYPHEN: an invisible break point; the renderer shows a hyphen only when it breaks there. */
export const SOFT_HYPHEN = '\u00ad';

/** Words shorter than this are never broken: a break in a short word saves little and reads badly. */
export const MIN_HYPHENATED_LENGTH = 7;

/**
 * Words longer than this are no words of any language (a code, a hash, garbage): they are not hyphenated, the
 * pattern library taking time that grows with the square of the length.
 */
export const MAX_HYPHENATED_LENGTH = 80;

type HyphenateSync = (text: string, options?: { html?: boolean; minWordLength?: number }) => string;

const require = createRequire(import.meta.url);

/**
 * Pattern sets imported with the code rather than looked up when first needed: those of the languages atelier
 * ships labels in. Loaded from the package at run time, a set is JavaScript compiled on every build (English's
 * 100 KB took 20 to 50 ms); imported, it is compiled once into the CLI's code cache. The same engine and
 * patterns as `hyphen/<language>`'s `hyphenateSync`, so the breaks are the same.
 */
const IMPORTED_PATTERNS: Readonly<Record<string, unknown>> = {
  en: enUsPatterns,
  'en-us': enUsPatterns,
  fr: frPatterns,
};

const loaded = new Map<string, HyphenateSync | undefined>();
/** Hyphenated words per pattern set: a deck repeats its words, and the library's own cache sits behind a slower path. */
const hyphenated = new Map<HyphenateSync, Map<string, string>>();

/**
 * The `hyphen` package's pattern set for a locale (`en-GB` → `hyphen/en-gb`, else `hyphen/en`), loaded once;
 * undefined when the package has no patterns for the language.
 */
function hyphenatorFor(locale: string): HyphenateSync | undefined {
  const tag = locale.toLowerCase();
  if (loaded.has(tag)) return loaded.get(tag);
  let found: HyphenateSync | undefined;
  const candidates = [tag, tag.split('-')[0] ?? tag].filter((c) => /^[a-z]{2,3}(?:-[a-z0-9]{2,8})?$/.test(c));
  for (const name of candidates) {
    const patterns = IMPORTED_PATTERNS[name];
    if (patterns) {
      found = createHyphenator(patterns);
      break;
    }
    try {
      found = (require(`hyphen/${name}`) as { hyphenateSync: HyphenateSync }).hyphenateSync;
      break;
    } catch {
      // no patterns under this name: try the next, less specific one
    }
  }
  loaded.set(tag, found);
  return found;
}

export function hasHyphenation(locale: string): boolean {
  return hyphenatorFor(locale) !== undefined;
}

/** A run of letters (with combining marks) and soft hyphens: one word as hyphenation sees it. */
const WORD = /[\p{L}\p{M}\u00ad]+/gu;

/** Letters a hyphenated word keeps before its break, and carries over after it (French typographic rules). */
export const MIN_BEFORE_BREAK = 2;
export const MIN_AFTER_BREAK = 3;

const WORD_CHARACTER = /[\p{L}\p{M}\u00ad]/u;

/**
 * Where the last word of each line or paragraph of a text starts (only other characters follow it before the
 * line ends). Scanned backwards, once: a regular expression with a look-ahead would try every start inside a
 * long run of letters, in time that grows with the square of its length.
 */
function lastWordStarts(text: string): Set<number> {
  const starts = new Set<number>();
  let i = text.length;
  while (i > 0) {
    while (i > 0 && text[i - 1] !== '\n' && !WORD_CHARACTER.test(text[i - 1] as string)) i--;
    if (i > 0 && text[i - 1] !== '\n') {
      while (i > 0 && WORD_CHARACTER.test(text[i - 1] as string)) i--;
      starts.add(i);
    }
    // On to the end of the line before.
    while (i > 0 && text[i - 1] !== '\n') i--;
    i--;
  }
  return starts;
}

/**
 * Inserts soft hyphens into the words of 7 letters or more, with the locale's patterns, as typography has it:
 * at least 2 letters before a break and 3 after; never in the last word of a paragraph (a hyphen there leaves a
 * fragment alone on the last line); a compound breaks only at its own hyphen ("vice-président", never
 * "vice-pré-sident"). Words that already hold a soft hyphen are the writer's choice and left alone, as are
 * all-capital words (acronyms), URLs and code.
 */
export function hyphenate(text: string, locale: string): string {
  const hyphenateWord = hyphenatorFor(locale);
  if (!hyphenateWord) return text;
  const mask = protectedMask(text);
  const words = entryOf(hyphenated, hyphenateWord, () => new Map<string, string>());
  const last = lastWordStarts(text);
  return text.replace(WORD, (word, offset: number) => {
    // Cheap tests first: most words are short, and a word's letters are never more than its code units.
    if (word.length < MIN_HYPHENATED_LENGTH || word.length > MAX_HYPHENATED_LENGTH || mask?.[offset])
      return word;
    if (last.has(offset) || inCompound(text, offset, word.length)) return word;
    let result = words.get(word);
    if (result === undefined) {
      result = hyphenateOne(word, hyphenateWord);
      words.set(word, result);
    }
    return result;
  });
}

/** One word as the rules have it: soft hyphens already there, acronyms and short words are left as written. */
function hyphenateOne(word: string, hyphenateWord: HyphenateSync): string {
  if (word.includes(SOFT_HYPHEN)) return word;
  const letters = word.replace(/\p{M}/gu, '');
  const acronym = letters === letters.toUpperCase() && letters !== letters.toLowerCase();
  if ([...letters].length < MIN_HYPHENATED_LENGTH || acronym) return word;
  return keepMinimums(hyphenateWord(word, { html: false, minWordLength: MIN_HYPHENATED_LENGTH }));
}

/** Drops the soft hyphens that leave fewer than 2 letters before them or 3 after. */
function keepMinimums(word: string): string {
  const parts = word.split(SOFT_HYPHEN);
  if (parts.length === 1) return word;
  const length = (s: string) => [...s.replace(/\p{M}/gu, '')].length;
  const total = parts.reduce((n, p) => n + length(p), 0);
  let out = '';
  let before = 0;
  for (const [i, part] of parts.entries()) {
    out += part;
    before += length(part);
    if (i < parts.length - 1 && before >= MIN_BEFORE_BREAK && total - before >= MIN_AFTER_BREAK)
      out += SOFT_HYPHEN;
  }
  return out;
}

const HYPHENS = new Set(['-', '\u2010', '\u2011']);
const IS_LETTER = /\p{L}/u;

/** Whether the word at `offset` is joined to another by a hyphen (part of a compound). */
function inCompound(text: string, offset: number, length: number): boolean {
  const before = text[offset - 1];
  const after = text[offset + length];
  return (
    (before !== undefined && HYPHENS.has(before) && IS_LETTER.test(text[offset - 2] ?? '')) ||
    (after !== undefined && HYPHENS.has(after) && IS_LETTER.test(text[offset + length + 1] ?? ''))
  );
}
