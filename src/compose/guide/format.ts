import { entryOf } from '../../maps.ts';
import { labelText } from './labels.ts';

/*
 * Numbers, durations and dates as the locale writes them. Dates are formatted in UTC from the deck's own date,
 * never from the clock, so the same sources give the same words.
 */

type LabelMap = Readonly<Record<string, string>>;

export function formatDuration(minutes: number, labels: LabelMap): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return labelText(labels, 'minutes', { minutes: m });
  if (m === 0) return labelText(labels, 'guide-hours', { h });
  return labelText(labels, 'guide-hours-minutes', { h, m, mm: String(m).padStart(2, '0') });
}

/** Elapsed time since the start of the session, as a clock reading ("0:00", "1:15"). */
export function formatClock(minutes: number, labels: LabelMap): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return labelText(labels, 'guide-clock', { h, m, mm: String(m).padStart(2, '0') });
}

/**
 * Formatters by locale, made once per process: making one (and checking the locale) costs ICU far more than
 * formatting, and the guide formats a number in every row of its tables.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatDate(isoDay: string, locale: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDay;
  return entryOf(
    dateFormats,
    locale,
    () => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'UTC' }),
  ).format(date);
}

export function formatNumber(value: number, locale: string): string {
  return entryOf(numberFormats, locale, () => new Intl.NumberFormat(intlLocale(locale))).format(value);
}

/** Pseudo-locales and private tags are unknown to Intl: fall back to English rather than throw. */
function intlLocale(locale: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 ? locale : 'en';
  } catch {
    return 'en';
  }
}
