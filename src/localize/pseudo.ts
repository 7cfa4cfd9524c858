import { protectedMask } from './typography/protect.ts';

/**
 * Pseudo-localization: every letter swapped for an accented look-alike, each line bracketed and padded to
 * about 40% longer. A designer reads it as the source, sees at once which text is not going through the
 * catalogues (it stays plain), which is cut (a bracket is missing) and which box will overflow once translated.
 * Every replacement letter is in Noto Sans (Latin-1, Latin Extended-A/B and Additional).
 */
const ACCENTED: Readonly<Record<string, string>> = {
  a: 'á',
  b: 'ƀ',
  c: 'ç',
  d: 'ð',
  e: 'é',
  f: 'ƒ',
  g: 'ĝ',
  h: 'ĥ',
  i: 'î',
  j: 'ĵ',
  k: 'ķ',
  l: 'ļ',
  m: 'ṁ',
  n: 'ñ',
  o: 'ö',
  p: 'þ',
  q: 'ǫ',
  r: 'ŕ',
  s: 'š',
  t: 'ţ',
  u: 'û',
  v: 'ṽ',
  w: 'ŵ',
  x: 'ẋ',
  y: 'ý',
  z: 'ž',
  A: 'Å',
  B: 'Ɓ',
  C: 'Ç',
  D: 'Ð',
  E: 'É',
  F: 'Ƒ',
  G: 'Ĝ',
  H: 'Ĥ',
  I: 'Î',
  J: 'Ĵ',
  K: 'Ķ',
  L: 'Ļ',
  M: 'Ṁ',
  N: 'Ñ',
  O: 'Ö',
  P: 'Þ',
  Q: 'Ǫ',
  R: 'Ŕ',
  S: 'Š',
  T: 'Ţ',
  U: 'Û',
  V: 'Ṽ',
  W: 'Ŵ',
  X: 'Ẋ',
  Y: 'Ý',
  Z: 'Ž',
};

/** Padding words: short, so they wrap like real text rather than as one unbreakable block. */
const PADDING = ['ŵûñ', 'ţŵö', 'ţĥŕéé', 'ƒöûŕ', 'ƒîṽé', 'šîẋ', 'šéṽéñ', 'éîĝĥţ', 'ñîñé', 'ţéñ'];

/** How much longer pseudo text is than its source. */
export const PSEUDO_EXPANSION = 0.4;

/** A Markdown list marker at the start of a line (`- `, `* `, `1. `), kept as it is. */
const LIST_MARKER = /^(\s*(?:[-*+]|\d{1,9}[.)])[ \t]+)/;

export function pseudoLocalize(text: string): string {
  return text
    .split('\n')
    .map((line) => pseudoLine(line))
    .join('\n');
}

function pseudoLine(line: string): string {
  const marker = LIST_MARKER.exec(line)?.[1] ?? '';
  const rest = line.slice(marker.length);
  const content = rest.trimEnd();
  // Trailing spaces may be a Markdown hard break: they stay at the very end.
  const trailing = rest.slice(content.length);
  if (content.trim() === '') return line;
  const accented = accent(content);
  const target = Math.round(charCount(content) * (1 + PSEUDO_EXPANSION));
  let padded = `[${accented}`;
  // Counted as we go: the text is long for facilitator notes, and recounting it per word adds up.
  let count = charCount(padded) + 1;
  for (let i = 0; count < target; i++) {
    const word = PADDING[i % PADDING.length] ?? '';
    padded += ` ${word}`;
    count += word.length + 1;
  }
  return `${marker}${padded}]${trailing}`;
}

function accent(text: string): string {
  const mask = protectedMask(text);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    // A backslash escapes the next character in Markdown: keep the pair as written.
    if (ch === '\\' && i + 1 < text.length) {
      out += ch + text.charAt(i + 1);
      i++;
      continue;
    }
    out += mask?.[i] ? ch : (ACCENTED[ch] ?? ch);
  }
  return out;
}

function charCount(text: string): number {
  return [...text].length;
}
