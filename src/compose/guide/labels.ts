import { formatLabel } from '../../localize/labels.ts';

/*
 * Words of the guide that are not deck content ("Contents", "Facilitator notes", "Page 3 / 18") are labels of
 * the locale's catalog (`templates/labels/<lang>.yaml`, flat kebab-case keys), like every other template label.
 * Keys shared with the cards and sheets (contents, agenda, situation...) are reused; keys of the guide alone
 * start with `guide-`.
 */

/** Keys read by code and helpers rather than by the layout (durations, running footer...). */
export const CODE_LABEL_KEYS = [
  'minutes',
  'guide-hours',
  'guide-hours-minutes',
  'guide-clock',
  'page-x-of-y',
  'all-contexts',
  'guide-copies',
  'guide-kicker',
  'handout-kicker',
  'team',
];

export type LabelParams = Readonly<Record<string, string | number>>;

/** A label formatted for `locale` (plural forms, numbers); an unknown placeholder stays visible rather than vanishing. */
export function labelText(
  labels: Readonly<Record<string, string>>,
  key: string,
  params: LabelParams = {},
  locale?: string,
): string {
  return formatLabel(labels, key, params, locale);
}
