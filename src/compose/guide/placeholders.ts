import { PLACEHOLDER } from '../../check/quantity-names.ts';
import { formatNumber } from './format.ts';

/** Deck prose with its `{quantity}` placeholders replaced by the figures the checklist prints. */
export function fillQuantities(
  text: string,
  values: Readonly<Record<string, number>>,
  locale: string,
): string {
  if (!text.includes('{')) return text;
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : formatNumber(value, locale);
  });
}
