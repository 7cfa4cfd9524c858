import { localeTagProblem } from '../locale-files/locale-tags.ts';
import { UsageError } from './exit.ts';

/**
 * The `--locale` value of any command, split on commas and checked before any deck is read: every command
 * refuses a malformed tag the same way (exit 2), since a tag becomes a file name (`../../evil` must not).
 */
export function parseLocaleOption(value: string | undefined, usage: string): string[] | undefined {
  if (value === undefined) return undefined;
  const locales = value
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean);
  if (locales.length === 0) throw new UsageError('`--locale` names no locale', usage);
  for (const locale of locales) {
    const problem = localeTagProblem(locale);
    if (problem) throw new UsageError(problem, usage);
  }
  return locales;
}

/** The `--locale` of a command that takes exactly one. */
export function parseSingleLocale(value: string | undefined, usage: string): string | undefined {
  const locales = parseLocaleOption(value, usage);
  if (locales && locales.length > 1) throw new UsageError('`--locale` takes one locale here', usage);
  return locales?.[0];
}
