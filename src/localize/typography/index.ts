import { baseLanguage } from '../../locale-files/locale-tags.ts';
import { canadianFrenchSpacing } from './canadian-french.ts';
import { frenchSpacing } from './french.ts';
import { frenchNumbers } from './numbers.ts';

/** Rewrites a string to the typographic conventions of a locale; must be idempotent. */
export type Typography = (text: string) => string;

const unchanged: Typography = (text) => text;

/**
 * The typography of a locale. French (every `fr-*` but Canada) spaces high punctuation; Canadian French has its
 * own rules; both keep numbers whole (digit groups, units). English and every other language are left as
 * written (curly quotes are the writer's business).
 */
export function typographyFor(locale: string): Typography {
  if (baseLanguage(locale) !== 'fr') return unchanged;
  const spacing =
    locale.toLowerCase() === 'fr-ca' ? canadianFrenchSpacing : (text: string) => frenchSpacing(text);
  return (text) => frenchNumbers(spacing(text));
}
