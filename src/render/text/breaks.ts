import bidiModule from 'bidi-js';
import LineBreaker from 'linebreak';
import { boundedEntryOf } from '../../maps.ts';
import { RIGHT_TO_LEFT } from './shaper.ts';

/*
 * Where a line may break inside a stretch of text without spaces, by the Unicode line breaking algorithm
 * (UAX #14, the `linebreak` package): after a slash or a dash, between CJK ideographs, never inside a word of
 * letters. Text made only of letters, marks and digits of alphabetic scripts has no such place, and skips the
 * algorithm; other stretches are looked up once per process.
 */

/** Letters, marks and digits of scripts that break only at spaces (Latin, Greek, Cyrillic, Arabic, Hebrew, Indic). */
const NO_INNER_BREAK =
  /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Devanagari}\p{M}\p{Nd}'’.,;:\u00a0\u202f\u2060]*$/u;

const cache = new Map<string, readonly number[]>();
const NONE: readonly number[] = [];

/** UTF-16 offsets strictly inside `text` where a line may break (between the code unit before and the one at). */
export function innerBreaks(text: string): readonly number[] {
  if (NO_INNER_BREAK.test(text)) return NONE;
  return boundedEntryOf(
    cache,
    text,
    () => {
      const positions: number[] = [];
      const breaker = new LineBreaker(text);
      for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
        if (bk.position > 0 && bk.position < text.length) positions.push(bk.position);
      }
      return positions.length > 0 ? positions : NONE;
    },
    100_000,
  );
}

// bidi-js is a CommonJS module whose `module.exports` is the factory its types call the default export.
const bidi = (bidiModule as unknown as typeof import('bidi-js').default)();

/** Languages written right to left. */
const RTL_LANGUAGES = new Set(['ar', 'he', 'iw', 'fa', 'ur', 'yi', 'ps', 'dv', 'ckb', 'sd', 'ug', 'syr']);

const localeDirections = new Map<string, boolean>();

export function isRightToLeftLocale(locale: string): boolean {
  let rtl = localeDirections.get(locale);
  if (rtl === undefined) {
    rtl = RTL_LANGUAGES.has(locale.toLowerCase().split(/[-_]/)[0] ?? '');
    localeDirections.set(locale, rtl);
  }
  return rtl;
}

/**
 * Bidi embedding levels of the words of a paragraph (Unicode bidirectional algorithm, the `bidi-js` package),
 * one per word, from the level of its first character with a strong direction. The paragraph runs right to left
 * in right-to-left locales, left to right otherwise; undefined when every level would be 0 (no right-to-left
 * character, left-to-right paragraph), the common case, which costs a regular expression test.
 */
export function wordLevels(words: readonly string[], locale: string): number[] | undefined {
  const rtlParagraph = isRightToLeftLocale(locale);
  if (!rtlParagraph && !words.some((w) => RIGHT_TO_LEFT.test(w))) return undefined;
  const text = words.join(' ');
  const { levels } = bidi.getEmbeddingLevels(text, rtlParagraph ? 'rtl' : 'ltr');
  const out: number[] = [];
  let offset = 0;
  for (const word of words) {
    let level = levels[offset] ?? 0;
    for (let i = 0; i < word.length; i++) {
      const type = bidi.getBidiCharTypeName(word[i] as string);
      if (type === 'L' || type === 'R' || type === 'AL') {
        level = levels[offset + i] ?? level;
        break;
      }
    }
    out.push(level);
    offset += word.length + 1;
  }
  return out;
}

/**
 * Visual order of items `[start, end)` with bidi `levels` (rule L2 of the bidi algorithm): from the highest
 * level down to the lowest odd one, every run at that level or above is reversed.
 */
export function reorder(levels: (i: number) => number, start: number, end: number): number[] {
  const order: number[] = [];
  let highest = 0;
  let lowestOdd = Number.POSITIVE_INFINITY;
  for (let i = start; i < end; i++) {
    order.push(i);
    const level = levels(i);
    highest = Math.max(highest, level);
    if (level & 1) lowestOdd = Math.min(lowestOdd, level);
  }
  for (let level = highest; level >= lowestOdd && level > 0; level--) {
    for (let i = 0; i < order.length; ) {
      if (levels(order[i] as number) < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < order.length && levels(order[j] as number) >= level) j++;
      const run = order.slice(i, j).reverse();
      order.splice(i, run.length, ...run);
      i = j;
    }
  }
  return order;
}
