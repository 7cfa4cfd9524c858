import {
  isLiteralElement,
  isNumberElement,
  isPluralElement,
  isPoundElement,
  isSelectElement,
  isTagElement,
  type MessageFormatElement,
  parse,
  TYPE,
} from '@formatjs/icu-messageformat-parser';
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js';
import { type Formatters, formatToParts, IntlMessageFormat } from 'intl-messageformat';
import { entryOf } from '../maps.ts';

/*
 * Labels are ICU MessageFormat messages: `{name}` fills a value in, and
 * `{count, plural, one {# team} other {# teams}}` picks the form the locale's CLDR plural rules ask for
 * (Russian one/few/many/other, French "0 carte" but "2 cartes"); `#` and `{n, number}` are written with the
 * locale's digits and separators. FormatJS's intl-messageformat parses and formats them; a plain label with
 * no braces is a message whose text is itself.
 */

export type MessageValues = Readonly<Record<string, string | number>>;

export type ParsedMessage = { ok: true; ast: MessageFormatElement[] } | { ok: false; error: string };

const parsed = new Map<string, ParsedMessage>();

/** What the message parser acts on: a message without any is its own text. */
const MESSAGE_SYNTAX = /[{}']/;

/** The syntax tree of a message, or why it is not one; cached (labels are few and read often). */
export function parseMessage(pattern: string): ParsedMessage {
  let result = parsed.get(pattern);
  if (!result) {
    try {
      // Most labels are plain text (4 in 5 of atelier's): one literal, as the parser returns, without parsing.
      result = MESSAGE_SYNTAX.test(pattern)
        ? { ok: true, ast: parse(pattern, { ignoreTag: true, requiresOtherClause: true }) }
        : { ok: true, ast: pattern === '' ? [] : [{ type: TYPE.literal, value: pattern }] };
    } catch (e) {
      result = { ok: false, error: describeError(e) };
    }
    parsed.set(pattern, result);
  }
  return result;
}

/** Names of the values a message reads, sorted: `count, teams`. */
export function argumentNames(ast: readonly MessageFormatElement[]): string[] {
  const names = new Set<string>();
  const walk = (elements: readonly MessageFormatElement[]) => {
    for (const element of elements) {
      if (isLiteralElement(element) || isPoundElement(element)) continue;
      if (isTagElement(element)) {
        walk(element.children);
        continue;
      }
      names.add(element.value);
      if (isPluralElement(element) || isSelectElement(element))
        for (const option of Object.values(element.options)) walk(option.value);
    }
  };
  walk(ast);
  return [...names].sort();
}

/** The plural arguments of a message, outermost first: what a PO file turns into `msgid_plural`. */
export function pluralArguments(ast: readonly MessageFormatElement[]): string[] {
  const names: string[] = [];
  const walk = (elements: readonly MessageFormatElement[]) => {
    for (const element of elements) {
      if (isPluralElement(element) && element.pluralType !== 'ordinal') {
        if (!names.includes(element.value)) names.push(element.value);
        for (const option of Object.values(element.options)) walk(option.value);
      } else if (isSelectElement(element)) {
        for (const option of Object.values(element.options)) walk(option.value);
      }
    }
  };
  walk(ast);
  return names;
}

/** Whether a message reads no value at all (its text prints as it is, apart from ICU quoting). */
export function isPlainMessage(ast: readonly MessageFormatElement[]): boolean {
  return ast.every(isLiteralElement);
}

function selectCount(ast: readonly MessageFormatElement[]): number {
  return ast.filter((element) => isSelectElement(element) || isPluralElement(element)).length;
}

/**
 * A message with `change` applied to its literal text only (typography, pseudo-localization), its syntax left
 * alone. A message without plural or select forms is changed as a whole (`{name}` values are text to the
 * changes), so its text keeps its own spelling.
 */
export function mapLiterals(pattern: string, change: (text: string) => string): string {
  const message = parseMessage(pattern);
  if (!message.ok || pluralArguments(message.ast).length + selectCount(message.ast) === 0)
    return change(pattern);
  const walk = (elements: readonly MessageFormatElement[]): MessageFormatElement[] =>
    elements.map((element) => {
      if (isLiteralElement(element)) return { ...element, value: change(element.value) };
      if (isPluralElement(element) || isSelectElement(element)) {
        const options = Object.fromEntries(
          Object.entries(element.options).map(([key, option]) => [
            key,
            { ...option, value: walk(option.value) },
          ]),
        );
        return { ...element, options } as MessageFormatElement;
      }
      return element;
    });
  return printAST(walk(message.ast));
}

/**
 * Intl's formatters, one per locale and options, shared by every message. Messages are formatted with
 * intl-messageformat's `formatToParts` rather than an `IntlMessageFormat` each: its constructor asks Intl which
 * locales it supports, which has ICU list every locale it knows on first use (~15 ms of every build), and it keeps
 * formatters of its own.
 */
const formatters: Formatters = {
  getNumberFormat: shared(
    (locales, options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(locales, options),
  ),
  getDateTimeFormat: shared((locales, options) => new Intl.DateTimeFormat(locales, options)),
  getPluralRules: shared((locales, options) => new Intl.PluralRules(locales, options)),
};

function shared<Options, Formatter>(
  make: (locales?: string | string[], options?: Options) => Formatter,
): (locales?: string | string[], options?: Options) => Formatter {
  const made = new Map<string, Formatter>();
  return (locales, options) =>
    entryOf(made, JSON.stringify([locales, options]), () => make(locales, options));
}

/**
 * A message formatted for `locale`. A value it reads but is not given stays visible as `{name}` rather than
 * vanishing; a message that does not parse is shown as written (the catalogs were checked when loaded).
 */
export function formatMessage(pattern: string, values: MessageValues, locale: string): string {
  const message = parseMessage(pattern);
  if (!message.ok) return pattern;
  if (isPlainMessage(message.ast))
    return message.ast.map((e) => (isLiteralElement(e) ? e.value : '')).join('');
  const filled: Record<string, string | number> = {};
  for (const name of argumentNames(message.ast))
    filled[name] = Object.hasOwn(values, name) ? (values[name] as string | number) : `{${name}}`;
  // A plural or number argument needs a number: "3" given as text is read as one.
  const numeric = numericArguments(message.ast);
  for (const name of numeric) {
    const value = filled[name];
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
      filled[name] = Number(value);
  }
  try {
    const parts = formatToParts(
      message.ast,
      formatLocale(locale),
      formatters,
      IntlMessageFormat.formats,
      filled,
    );
    return parts.map((part) => String(part.value)).join('');
  } catch {
    return pattern;
  }
}

function numericArguments(ast: readonly MessageFormatElement[]): Set<string> {
  const names = new Set<string>();
  const walk = (elements: readonly MessageFormatElement[]) => {
    for (const element of elements) {
      if (isPluralElement(element) || isNumberElement(element)) names.add(element.value);
      if (isPluralElement(element) || isSelectElement(element))
        for (const option of Object.values(element.options)) walk(option.value);
    }
  };
  walk(ast);
  return names;
}

/** The pseudo-locale and unknown tags format like English; Intl rejects a malformed tag outright. */
function formatLocale(locale: string): string {
  return entryOf(canonicalLocales, locale, () => {
    try {
      return Intl.getCanonicalLocales(locale)[0] ?? 'en';
    } catch {
      return 'en';
    }
  });
}
const canonicalLocales = new Map<string, string>();

function describeError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const known: Record<string, string> = {
    EXPECT_ARGUMENT_CLOSING_BRACE: 'a `{` is not closed',
    UNMATCHED_CLOSING_BRACE: 'a `}` closes nothing',
    MISSING_OTHER_CLAUSE: 'a plural or select has no `other {...}` form',
    EMPTY_ARGUMENT: 'an argument `{}` has no name',
    MALFORMED_ARGUMENT: 'an argument name is malformed',
    INVALID_PLURAL_ARGUMENT_SELECTOR: 'a plural form is not one of zero, one, two, few, many, other or =N',
    DUPLICATE_PLURAL_ARGUMENT_SELECTOR: 'a plural form is written twice',
    EXPECT_PLURAL_ARGUMENT_OPTIONS: 'a plural has no forms',
    INVALID_ARGUMENT_TYPE: 'an argument type is not plural, select, number, date or time',
  };
  return known[message] ?? message.toLowerCase().replace(/_/g, ' ');
}

/** CLDR plural categories of a locale, in CLDR's order (zero, one, two, few, many, other). */
export function pluralCategories(locale: string): Intl.LDMLPluralRule[] {
  const order: Intl.LDMLPluralRule[] = ['zero', 'one', 'two', 'few', 'many', 'other'];
  const present = new Set(new Intl.PluralRules(formatLocale(locale)).resolvedOptions().pluralCategories);
  return order.filter((c) => present.has(c));
}
