import { type Diagnostic, error } from '../diagnostics/diagnostic.ts';

/** The pseudo-locale: generated from the source, never translated (Microsoft's private-use code). */
export const PSEUDO_LOCALE = 'qps-ploc';

/** A BCP 47 tag as decks write it: `fr`, `en-GB`, `de-CH`, `qps-ploc`. */
export const LOCALE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/** Why a tag cannot name a locale (it would also name a file: `../../evil` must never be read), or undefined. */
export function localeTagProblem(locale: string): string | undefined {
  return LOCALE_TAG.test(locale)
    ? undefined
    : `\`${locale}\` is not a locale: write a language tag such as \`en\` or \`de-CH\``;
}

/** The diagnostic every command gives for a malformed locale tag. */
export function badLocaleTag(locale: string): Diagnostic | undefined {
  const problem = localeTagProblem(locale);
  return problem === undefined ? undefined : error('i18n/bad-locale', problem);
}

/** `fr-CH` → `fr`; `fr` → `fr`. */
export function baseLanguage(locale: string): string {
  return locale.split('-')[0]?.toLowerCase() ?? locale;
}

/** The tags to try for a locale, most specific first: `fr-CH` → `fr-CH`, `fr`. */
export function fallbackChain(locale: string): string[] {
  const base = baseLanguage(locale);
  return base === locale ? [locale] : [locale, base];
}

/** Whether two tags name the same locale (tags are case-insensitive). */
export function sameLocale(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
