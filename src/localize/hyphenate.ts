import { createRequire } from 'node:module';
import { protectedMask } from './typography/protect.ts';

/** U+00AD SOFT HYPHEN: an invisible break point; the renderer shows a hyphen only when it breaks there. */
export const SOFT_HYPHEN = '\u00ad';

/** Words shorter than this are never broken: a break in a short word saves little and reads badly. */
export const MIN_HYPHENATED_LENGTH = 7;

type HyphenateSync = (text: string, options?: { html?: boolean; minWordLength?: number }) => string;

const require = createRequire(import.meta.url);
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

/**
 * Inserts soft hyphens into the words of 7 letters or more, with the locale's patterns. Words that already hold
 * a soft hyphen are the writer's choice and left alone, as are all-capital words (acronyms), URLs and code.
 */
export function hyphenate(text: string, locale: string): string {
  const hyphenateWord = hyphenatorFor(locale);
  if (!hyphenateWord) return text;
  const mask = protectedMask(text);
  let cache = hyphenated.get(hyphenateWord);
  if (!cache) {
    cache = new Map();
    hyphenated.set(hyphenateWord, cache);
  }
  const words = cache;
  return text.replace(WORD, (word, offset: number) => {
    // Cheap tests first: most words are short, and a word's letters are never more than its code units.
    if (word.length < MIN_HYPHENATED_LENGTH || mask[offset]) return word;
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
  return hyphenateWord(word, { html: false, minWordLength: MIN_HYPHENATED_LENGTH });
}
