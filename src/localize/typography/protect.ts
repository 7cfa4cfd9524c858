/**
 * Spans typography must leave alone: URLs and e-mail addresses (`https://x.org/?q=1`), inline code, and
 * `{placeholders}` of template labels. Returned as a mask over the UTF-16 indices of `text`.
 */
const PROTECTED = [
  /\b(?:https?|ftp|mailto):[^\s<>«»]*/g,
  /\bwww\.[^\s<>«»]+/g,
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
  /`[^`\n]*`/g,
  /\{[A-Za-z][\w-]*\}/g,
];

/** Every protected span holds one of these; most strings have none and skip the scan. */
const MAY_PROTECT = /[:@`{]|www\./;

export function protectedMask(text: string): boolean[] {
  const mask = new Array<boolean>(text.length).fill(false);
  if (!MAY_PROTECT.test(text)) return mask;
  for (const pattern of PROTECTED) {
    for (const match of text.matchAll(pattern)) {
      for (let i = match.index; i < match.index + match[0].length; i++) mask[i] = true;
    }
  }
  return mask;
}
