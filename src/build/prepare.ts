import type { Deck } from '../check/deck.ts';
import { type Diagnostic, hasErrors } from '../diagnostics/diagnostic.ts';
import { translatedLocales } from '../locale-files/locale-file.ts';
import { checkGlyphs } from '../localize/glyphs.ts';
import { type LabelsResult, loadLabels } from '../localize/labels.ts';
import { type LocalizeResult, localizeDeck } from '../localize/localize-deck.ts';

export interface PreparedLocale {
  /** Set when the locale is ready to render (no errors so far). */
  localized?: LocalizeResult & { deck: Deck };
  labels: LabelsResult;
  diagnostics: Diagnostic[];
}

/** The locales a build makes when none are asked for: the source language and every translation. */
export function defaultLocales(deck: Deck): string[] {
  return [deck.meta.language, ...translatedLocales(deck)];
}

/**
 * Everything a build checks for one locale before drawing: its locale file, its fonts, its labels, and every
 * glyph of every string in the fonts that will draw it. `build` renders what this prepares; `validate` runs
 * exactly this, so that a deck it passes does not fail to build for a reason it could have seen.
 */
export function prepareLocale(
  source: Deck,
  locale: string,
  options: { strict?: boolean } = {},
): PreparedLocale {
  const diagnostics: Diagnostic[] = [];
  const localized = localizeDeck(source, locale, { strict: options.strict ?? false });
  diagnostics.push(...localized.diagnostics);
  // atelier's label catalogs, with the deck's own labels/<locale>.yaml over them.
  const labels = loadLabels(locale, { deck: source });
  diagnostics.push(...labels.diagnostics);
  if (!localized.deck || hasErrors(diagnostics)) return { labels, diagnostics };
  // Every glyph of every string, in the fonts this locale draws with: a missing one is an error, never a box.
  diagnostics.push(
    ...checkGlyphs(localized.deck, locale, localized.fonts, {
      origins: localized.origins,
      labels: { labels: labels.labels, positionOf: labels.positionOf },
    }),
  );
  if (hasErrors(diagnostics)) return { labels, diagnostics };
  return { localized: { ...localized, deck: localized.deck }, labels, diagnostics };
}

/** What `validate` adds to loading and checking: every locale prepared as a build would. */
export function checkLocales(
  deck: Deck,
  options: { locales?: readonly string[]; strict?: boolean } = {},
): Diagnostic[] {
  return (options.locales ?? defaultLocales(deck)).flatMap(
    (locale) => prepareLocale(deck, locale, options).diagnostics,
  );
}
