import { sourceHash } from '../locale-files/hash.ts';
import type { LocaleEntry, LocaleFile } from '../locale-files/locale-file.ts';
import type { DeckString } from './strings.ts';

/** How a string of the deck stands in a locale. */
export type StringState = 'translated' | 'missing' | 'stale';

export interface ComparedString {
  string: DeckString;
  state: StringState;
  /** The locale file's entry, for translated and stale strings. */
  entry?: LocaleEntry;
}

export interface Comparison {
  strings: ComparedString[];
  /** Entries whose key the deck no longer has (an id was renamed, an item removed). */
  unused: LocaleEntry[];
}

/**
 * Matches the deck's strings against a locale file. An entry is current when its hash is that of today's
 * source text; an entry without a hash cannot be vouched for and counts as stale.
 */
export function compareLocale(
  strings: readonly DeckString[],
  file: Pick<LocaleFile, 'entries'> | undefined,
): Comparison {
  const entries = file?.entries ?? new Map<string, LocaleEntry>();
  const compared = strings.map((string): ComparedString => {
    const entry = entries.get(string.key);
    if (!entry) return { string, state: 'missing' };
    return { string, state: entry.source === sourceHash(string.text) ? 'translated' : 'stale', entry };
  });
  const keys = new Set(strings.map((s) => s.key));
  return { strings: compared, unused: [...entries.values()].filter((e) => !keys.has(e.key)) };
}
