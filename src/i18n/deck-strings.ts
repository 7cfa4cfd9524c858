import type { Deck } from '../check/deck.ts';
import type { LocaleEntry, LocaleFile } from '../locale-files/locale-file.ts';
import { labelStrings } from '../localize/labels.ts';
import { type DeckString, listStrings } from '../localize/strings.ts';

export interface LocaleStrings {
  /** The deck's strings in reading order, then the template labels the locale needs (`label.<key>`). */
  strings: DeckString[];
  /** The locale file's entries, over the labels the deck's own `labels/<locale>.yaml` already gives. */
  translations: Pick<LocaleFile, 'entries'> | undefined;
}

/**
 * Everything a translator of `locale` gets to translate: the deck's own strings and the labels that would
 * otherwise print in another language, so one PO or XLIFF file holds all that gets printed.
 */
export function localeStrings(deck: Deck, locale: string, file: LocaleFile | undefined): LocaleStrings {
  const labels = labelStrings(deck, locale);
  const strings = [...listStrings(deck), ...labels.strings];
  if (labels.catalogued.size === 0) return { strings, translations: file };
  const entries = new Map<string, LocaleEntry>(labels.catalogued);
  for (const [key, entry] of file?.entries ?? []) entries.set(key, entry);
  return { strings, translations: { entries } };
}
