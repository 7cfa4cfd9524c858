/**
 * Spans typography must leave alone: URLs and e-mail addresses (`https://x.org/?q=1`), inline code, and
 * `{placeholders}` of template labels. Returned as a mask over the UTF-16 indices of `text`. Each kind of span
 * holds a character (`marker`) without which it is not looked for: most strings hold none, and the e-mail
 * pattern, tried at every letter, cost more than the rest of French typography on a text with a colon.
 */
const PROTECTED: readonly { marker: string; pattern: RegExp }[] = [
  { marker: ':', pattern: /\b(?:https?|ftp|mailto):[^\s<>«»]*/g },
  { marker: 'www.', pattern: /\bwww\.[^\s<>«»]+/g },
  { marker: '@', pattern: /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g },
  { marker: '`', pattern: /`[^`\n]*`/g },
  { marker: '{', pattern: /\{[A-Za-z][\w-]*\}/g },
];

/** Undefined when nothing in `text` is protected, as in most strings. */
export function protectedMask(text: string): boolean[] | undefined {
  let mask: boolean[] | undefined;
  for (const { marker, pattern } of PROTECTED) {
    if (!text.includes(marker)) continue;
    for (const match of text.matchAll(pattern)) {
      mask ??= new Array<boolean>(text.length).fill(false);
      for (let i = match.index; i < match.index + match[0].length; i++) mask[i] = true;
    }
  }
  return mask;
}
