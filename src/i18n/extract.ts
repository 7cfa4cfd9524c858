import { join } from 'node:path';
import type { Deck } from '../check/deck.ts';
import { type Diagnostic, error, hasErrors } from '../diagnostics/diagnostic.ts';
import { LOCALES_FOLDER, loadLocaleFile } from '../locale-files/locale-file.ts';
import { LOCALE_TAG, PSEUDO_LOCALE, sameLocale } from '../locale-files/locale-tags.ts';
import type { ExchangeFormat } from './import.ts';
import { writePo } from './po.ts';
import { translationUnits } from './units.ts';
import { writeXliff } from './xliff.ts';

export interface ExtractResult {
  /** The PO or XLIFF text; undefined when the locale file could not be read. */
  text?: string;
  /** Counts of what the file holds. */
  counts: { total: number; translated: number; missing: number; stale: number };
  diagnostics: Diagnostic[];
}

/** Where `extract` writes by default: next to the locale file, `locales/<locale>.po` or `.xlf`. */
export function defaultExchangePath(
  deck: Deck,
  locale: string,
  format: ExchangeFormat,
): { absolutePath: string; file: string } {
  const name = `${locale}.${format === 'po' ? 'po' : 'xlf'}`;
  return {
    absolutePath: join(deck.absoluteDir, LOCALES_FOLDER, name),
    file: join(deck.dir, LOCALES_FOLDER, name),
  };
}

/** Every string of the deck for a translator, with the locale's translations so far. */
export async function extractTranslations(
  deck: Deck,
  locale: string,
  format: ExchangeFormat,
): Promise<ExtractResult> {
  const counts = { total: 0, translated: 0, missing: 0, stale: 0 };
  if (!LOCALE_TAG.test(locale) || locale === PSEUDO_LOCALE || sameLocale(locale, deck.meta.language)) {
    const why = !LOCALE_TAG.test(locale)
      ? 'is not a locale'
      : locale === PSEUDO_LOCALE
        ? 'is generated, never translated'
        : 'is the source language of the deck';
    return {
      counts,
      diagnostics: [error('i18n/bad-locale', `\`${locale}\` ${why}: there is nothing to extract`)],
    };
  }
  const loaded = loadLocaleFile(deck, locale);
  if (hasErrors(loaded.diagnostics)) return { counts, diagnostics: loaded.diagnostics };
  const units = translationUnits(deck, locale, loaded.file);
  for (const unit of units) counts[unit.state]++;
  counts.total = units.length;
  const text = format === 'po' ? writePo(deck, locale, units) : await writeXliff(deck, locale, units);
  return { text, counts, diagnostics: loaded.diagnostics };
}
