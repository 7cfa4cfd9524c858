import { baseLanguage } from '../locale-tags.ts';
import { canadianFrenchSpacing } from './canadian-french.ts';
import { frenchSpacing } from './french.ts';

/** Rewrites a string to the typographic conventions of a locale; must be idempotent. */
export type Typography = (text: string) => string;

const unchanged: Typography = (text) => text;

/**
 * The typography of a locale. French (every `fr-*` but Canada) spaces high punctuation; Canadian French has its
 * own rules; English and every other language are left as written (curly quotes are the writer's business).
 */
export function typographyFor(locale: string): Typography {
  if (baseLanguage(locale) !== 'fr') return unchanged;
  return locale.toLowerCase() === 'fr-ca' ? canadianFrenchSpacing : (text) => frenchSpacing(text);
}
