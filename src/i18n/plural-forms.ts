import {
  isPluralElement,
  isPoundElement,
  isSelectElement,
  type MessageFormatElement,
  TYPE,
} from '@formatjs/icu-messageformat-parser';
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js';
import gettextPlurals from 'node-gettext/lib/plurals.js';
import { baseLanguage } from '../locale-files/locale-tags.ts';
import { parseMessage, pluralArguments } from '../localize/messages.ts';
import type { IncomingTranslation } from './incoming.ts';

/*
 * Plural labels in PO files. gettext numbers a language's plural forms (`msgstr[0]`, `msgstr[1]`...) with the
 * formula of its `Plural-Forms` header; ICU names them by CLDR category (one, few, many, other). A label with
 * one plural argument becomes a `msgid`/`msgid_plural` entry: each form is the whole message with that
 * argument's branch chosen and `#` written `{name}`; importing rebuilds `{name, plural, one {…} few {…} …}`.
 * A label with several plural arguments, exact matches (`=0`) or forms the language's gettext formula does not
 * distinguish stays one entry holding the ICU message itself, so nothing is lost either way.
 */

export interface PluralForms {
  /** The `Plural-Forms` header, in gettext's C syntax. */
  header: string;
  /** CLDR category of each gettext form, by index. */
  categories: Intl.LDMLPluralRule[];
  /** The form a count with decimals takes, which ICU's `other` covers where CLDR has it for fractions. */
  fraction: number;
}

/** The gettext plural forms of a locale and the CLDR category each one stands for; undefined if unknown. */
export function pluralForms(locale: string): PluralForms | undefined {
  const rule = gettextPlurals[baseLanguage(locale)];
  if (!rule) return undefined;
  let rules: Intl.PluralRules;
  try {
    rules = new Intl.PluralRules(locale);
  } catch {
    return undefined;
  }
  const categories: Intl.LDMLPluralRule[] = [];
  for (let index = 0; index < rule.nplurals; index++) {
    let sample = 0;
    while (sample < 1000 && rule.pluralsFunc(sample) !== index) sample++;
    if (sample === 1000) return undefined;
    categories.push(rules.select(sample));
  }
  // Two gettext forms for one CLDR category would make the mapping ambiguous.
  if (new Set(categories).size !== categories.length) return undefined;
  // node-gettext writes the formula in JavaScript (`===`); the header wants gettext's C syntax.
  const formula = rule.pluralsText
    .replace(/!==/g, '!=')
    .replace(/===/g, '==')
    .replace(/^nplurals\s*=\s*(\d+);\s*plural\s*=\s*/, 'nplurals=$1; plural=');
  const header = `${formula};`;
  return { header, categories, fraction: rule.pluralsFunc(1.5) };
}

/** A message fit for a PO plural entry: its one plural argument, and its syntax tree. */
export interface PluralMessage {
  argument: string;
  ast: MessageFormatElement[];
}

/**
 * The plural argument of a message if PO can carry it: exactly one plural argument, written with CLDR
 * categories only (no `=N`, no offset), and only `allowed` categories (plus `other`) when given.
 */
export function poPlural(message: string, allowed?: readonly string[]): PluralMessage | undefined {
  const parsed = parseMessage(message);
  if (!parsed.ok) return undefined;
  const names = pluralArguments(parsed.ast);
  if (names.length !== 1) return undefined;
  const argument = names[0] as string;
  let fits = true;
  const walk = (elements: readonly MessageFormatElement[]) => {
    for (const element of elements) {
      if (isPluralElement(element)) {
        if (element.value === argument) {
          if (element.offset !== 0) fits = false;
          for (const option of Object.keys(element.options))
            if (option.startsWith('=') || (allowed && option !== 'other' && !allowed.includes(option)))
              fits = false;
        }
        for (const option of Object.values(element.options)) walk(option.value);
      } else if (isSelectElement(element))
        for (const option of Object.values(element.options)) walk(option.value);
    }
  };
  walk(parsed.ast);
  return fits ? { argument, ast: parsed.ast } : undefined;
}

/** The whole message as it reads for one category: the argument's branch chosen, `#` written `{argument}`. */
export function expandPlural(message: PluralMessage, category: string): string {
  const expand = (elements: readonly MessageFormatElement[], inBranch: boolean): MessageFormatElement[] =>
    elements.flatMap((element): MessageFormatElement[] => {
      if (isPluralElement(element) && element.value === message.argument) {
        const option = element.options[category] ?? element.options.other;
        return expand(option?.value ?? [], true);
      }
      if (inBranch && isPoundElement(element))
        return [{ type: TYPE.argument, value: message.argument } as MessageFormatElement];
      if (isPluralElement(element) || isSelectElement(element)) {
        // `#` inside another plural is that plural's own number: leave it.
        const options = Object.fromEntries(
          Object.entries(element.options).map(([key, option]) => [
            key,
            { ...option, value: isPluralElement(element) ? option.value : expand(option.value, inBranch) },
          ]),
        );
        return [{ ...element, options } as MessageFormatElement];
      }
      return [element];
    });
  return printAST(expand(message.ast, false));
}

/**
 * The ICU message of translated plural forms: `{argument, plural, one {…} few {…} other {…}}`, `{argument}` in
 * each form written back as `#`. Undefined when a form is not a valid message.
 */
export function joinPlural(argument: string, forms: ReadonlyMap<string, string>): string | undefined {
  const branches: string[] = [];
  for (const [category, text] of forms) {
    const parsed = parseMessage(text);
    if (!parsed.ok) return undefined;
    const ast = parsed.ast.map((element) =>
      element.type === TYPE.argument && element.value === argument
        ? ({ type: TYPE.pound } as MessageFormatElement)
        : element,
    );
    branches.push(`${category} {${printAST(ast)}}`);
  }
  return `{${argument}, plural, ${branches.join(' ')}}`;
}

/** The CLDR category a count takes in a language (`one` for 1 in English, `many` for 5 in Russian). */
export function categoryOf(locale: string, count: number): Intl.LDMLPluralRule {
  try {
    return new Intl.PluralRules(locale).select(count);
  } catch {
    return count === 1 ? 'one' : 'other';
  }
}

/**
 * A PO plural entry read back as one ICU message. Its source is the current source message when msgid and
 * msgid_plural are that message's forms (else msgid, which marks the translation stale); its target is the
 * locale file's own text when that reads the same in every form (a round trip changes nothing), else the forms
 * joined into a new plural message. A language whose gettext forms leave out ICU's `other` (Russian: one,
 * few, many) gets the form gettext gives a count with decimals as `other`.
 */
export function resolvePlural(
  incoming: IncomingTranslation,
  currentSource: string,
  existing: string | undefined,
  locale: string,
  sourceLanguage: string,
): { incoming: IncomingTranslation } | { problem: string } {
  const plural = incoming.plural;
  if (!plural) return { incoming };
  const forms = pluralForms(locale);
  const source = poPlural(currentSource);
  if (!forms || !source)
    return {
      problem: `a plural entry (msgid_plural) cannot be read into ${locale}: the label has no plural form there`,
    };
  const sameSource =
    expandPlural(source, categoryOf(sourceLanguage, 1)) === plural.source[0] &&
    expandPlural(source, categoryOf(sourceLanguage, 5)) === plural.source[1];
  const base = { ...incoming, source: sameSource ? currentSource : plural.source[0] };
  if (plural.forms.every((form) => form.trim() === '')) return { incoming: { ...base, target: '' } };
  if (plural.forms.length !== forms.categories.length || plural.forms.some((form) => form.trim() === ''))
    return {
      problem: `${plural.forms.length} plural forms, ${plural.forms.filter((f) => f.trim() !== '').length} filled in; ${locale} needs ${forms.categories.length} (${forms.categories.join(', ')})`,
    };
  const mine = existing === undefined ? undefined : poPlural(existing, forms.categories);
  if (
    existing !== undefined &&
    mine?.argument === source.argument &&
    forms.categories.every((category, i) => expandPlural(mine, category) === plural.forms[i])
  )
    return { incoming: { ...base, target: existing } };
  const byCategory = new Map<string, string>();
  forms.categories.forEach((category, i) => {
    byCategory.set(category, plural.forms[i] as string);
  });
  if (!byCategory.has('other'))
    byCategory.set('other', plural.forms[forms.fraction] ?? plural.forms.at(-1) ?? '');
  const target = joinPlural(source.argument, byCategory);
  if (target === undefined) return { problem: 'a plural form is not a valid message (an unclosed `{`?)' };
  return { incoming: { ...base, target } };
}
