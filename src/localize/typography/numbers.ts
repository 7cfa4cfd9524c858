import { protectedMask } from './protect.ts';
import { NBSP, NNBSP } from './spaces.ts';

/*
 * French numbers never break across lines: a narrow no-break space between digit groups ("28 000"), and a
 * no-break space between a number and its unit ("480 M€", "16 %", "30 min") or after "n°" and "art."
 * ("n° 2016-1922"). Whatever space was typed becomes the right kind, so the rules are idempotent.
 */
const SPACE = '[ \\u00a0\\u202f]';
const DIGIT_GROUP = new RegExp(`(?<=\\d)${SPACE}(?=\\d{3}(?!\\d))`, 'g');
const UNIT = new RegExp(
  `(?<=\\d)${SPACE}(?=(?:%|‰|€|k€|M€|Md€|\\$|°C|h|min|s|km|m|ha|Mo|Go|ans?|mois|jours?)(?![\\p{L}\\p{N}]))`,
  'gu',
);
const ABBREVIATION = new RegExp(`(?<=\\b(?:n°|N°|art\\.|p\\.))${SPACE}(?=\\d)`, 'gu');

export function frenchNumbers(text: string): string {
  if (!/\d/.test(text)) return text;
  const mask = protectedMask(text);
  const keep = (space: string) => (match: string, offset: number) => (mask?.[offset] ? match : space);
  return text.replace(DIGIT_GROUP, keep(NNBSP)).replace(UNIT, keep(NBSP)).replace(ABBREVIATION, keep(NBSP));
}
