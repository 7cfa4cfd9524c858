import { createHash } from 'node:crypto';

/** Length of the source hash kept with each translation: short enough to read, long enough never to collide. */
export const SOURCE_HASH_LENGTH = 12;

/**
 * Normalises text the way it is compared: line endings unified and trailing whitespace dropped, so switching a
 * YAML block from `>` to `>-` or saving with CRLF does not mark every translation stale.
 */
export function normalizeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trimEnd();
}

/** First hex characters of the SHA-256 of the normalised source text a translation was made from. */
export function sourceHash(text: string): string {
  return createHash('sha256').update(normalizeText(text), 'utf8').digest('hex').slice(0, SOURCE_HASH_LENGTH);
}
