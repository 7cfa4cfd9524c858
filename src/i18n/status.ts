import type { Deck } from '../check/deck.ts';
import type { Diagnostic, Position } from '../diagnostics/diagnostic.ts';
import { loadLocaleFile } from '../locale-files/locale-file.ts';
import { compareLocale } from '../localize/compare.ts';
import { localeStrings } from './deck-strings.ts';

export interface StatusEntry {
  key: string;
  /** Where the translation is written (translated, stale, unused) or where the source is (missing). */
  position?: Position;
}

export interface LocaleStatus {
  deck: string;
  locale: string;
  /** The locale file, as shown to the user. */
  file: string;
  exists: boolean;
  total: number;
  translated: StatusEntry[];
  missing: StatusEntry[];
  stale: StatusEntry[];
  unused: StatusEntry[];
  /** Problems reading the locale file itself. */
  diagnostics: Diagnostic[];
}

/** How far one locale of a deck is: every string counted as translated, missing or stale, plus unused entries. */
export function localeStatus(deck: Deck, locale: string): LocaleStatus {
  const loaded = loadLocaleFile(deck, locale);
  const { strings, translations } = localeStrings(deck, locale, loaded.file);
  const comparison = compareLocale(strings, translations);
  const status: LocaleStatus = {
    deck: deck.meta.id,
    locale,
    file: loaded.path,
    // Translations written in spreadsheet columns count, even before the locale has a file.
    exists: loaded.exists || loaded.file !== undefined,
    total: comparison.strings.length,
    translated: [],
    missing: [],
    stale: [],
    unused: comparison.unused.map((e) => ({ key: e.key, position: e.position })),
    diagnostics: loaded.diagnostics,
  };
  for (const { string, state, entry } of comparison.strings) {
    const position = entry?.position ?? string.position;
    status[state].push({ key: string.key, ...(position ? { position } : {}) });
  }
  return status;
}

/** Whether a locale is complete and current (what `--strict` asks). */
export function isComplete(status: LocaleStatus): boolean {
  return status.exists && status.missing.length === 0 && status.stale.length === 0;
}
