import { protectedMask } from './protect.ts';
import { HORIZONTAL_SPACE, NBSP, NNBSP } from './spaces.ts';

/**
 * French spacing around "high" punctuation, as the Imprimerie nationale's rules have it: a space that never
 * breaks before ; ! ? and : and inside « ». Whatever space the writer typed there (plain, no-break, thin, or
 * several) becomes exactly one of the right kind; none is added where none belongs (`?!`, `(?)`, `10:30`,
 * URLs, code).
 */
export interface FrenchSpacing {
  /** Space before ; ! ? — undefined leaves them as written. */
  beforeHigh?: string;
  /** Space before : */
  beforeColon: string;
  /** Space after « and before » */
  insideQuotes: string;
}

/** France, Belgium, Switzerland...: narrow no-break space before ; ! ? and inside « », no-break space before :. */
export const FRENCH: FrenchSpacing = { beforeHigh: NNBSP, beforeColon: NBSP, insideQuotes: NNBSP };

/** What may stand right before punctuation that takes a space: the end of a word, figure or closing mark. */
const WORD_END = /[\p{L}\p{N}\p{M})\]»"'’*_%€$°…]/u;
/** What may follow punctuation that takes a space: a break, the end, or closing marks and more punctuation. */
const AFTER_HIGH = /[\s)\]»"'’*_.,;:!?…]/u;
const AFTER_COLON = /[\s)\]»"'’*_]/u;

/** The characters the rules look at: a string without any is returned as it is. */
const HANDLED = /[;!?:«»]/;
const PUNCTUATION = /[;!?:«»]/g;

export function frenchSpacing(text: string, rules: FrenchSpacing = FRENCH): string {
  if (!HANDLED.test(text)) return text;
  const mask = protectedMask(text);
  const { beforeHigh, beforeColon, insideQuotes } = rules;
  // From one punctuation mark to the next; the text between them is copied in slices.
  let out = '';
  let copied = 0;
  for (const match of text.matchAll(PUNCTUATION)) {
    const i = match.index;
    const ch = match[0];
    if (mask?.[i]) continue;
    // Bounded rather than `charAt` past the end, which would send the optimised code back once.
    const next = i + 1 < text.length ? text.charAt(i + 1) : '';
    if (
      (ch === ';' || ch === '!' || ch === '?') &&
      beforeHigh !== undefined &&
      (next === '' || AFTER_HIGH.test(next))
    ) {
      out = spaceBefore(out + text.slice(copied, i), beforeHigh) + ch;
      copied = i + 1;
    } else if (ch === ':' && (next === '' || AFTER_COLON.test(next))) {
      out = spaceBefore(out + text.slice(copied, i), beforeColon) + ch;
      copied = i + 1;
    } else if (ch === '«') {
      out += text.slice(copied, i + 1);
      let j = i + 1;
      while (j < text.length && HORIZONTAL_SPACE.test(text.charAt(j))) j++;
      // A guillemet at the end of a line keeps its line break; elsewhere exactly one no-break space follows.
      if (j < text.length && text.charAt(j) !== '\n' && text.charAt(j) !== '»') out += insideQuotes;
      copied = j;
    } else if (ch === '»') {
      out += text.slice(copied, i);
      const trimmed = trimSpaces(out);
      out =
        trimmed === '' || trimmed.endsWith('\n') || trimmed.endsWith('«')
          ? out + ch
          : trimmed + insideQuotes + ch;
      copied = i + 1;
    }
  }
  return out + text.slice(copied);
}

/** Replaces the spaces at the end of `out` by `space` when they follow the end of a word; adds it if none. */
function spaceBefore(out: string, space: string): string {
  const trimmed = trimSpaces(out);
  const last = trimmed.at(-1);
  return last !== undefined && WORD_END.test(last) ? trimmed + space : out;
}

function trimSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && HORIZONTAL_SPACE.test(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}
