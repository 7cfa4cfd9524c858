import { type GetTextTranslation, type GetTextTranslations, po } from 'gettext-parser';
import type { Deck } from '../check/deck.ts';
import { type Diagnostic, error, type Position } from '../diagnostics/diagnostic.ts';
import { LABEL_KEY_PREFIX } from '../localize/labels.ts';
import { pluralCategories } from '../localize/messages.ts';
import type { IncomingTranslation } from './incoming.ts';
import { categoryOf, expandPlural, type PluralForms, pluralForms, poPlural } from './plural-forms.ts';
import type { TranslationUnit } from './units.ts';

/**
 * A gettext PO file of a deck's strings for one locale: msgctxt is the key, msgid the source, msgstr the
 * translation. Field, owner and facilitator notes go to extracted comments (`#.`), the source position to `#:`;
 * a stale translation is `#, fuzzy` with the source it was made from as `#| msgid`. No dates: the same deck
 * and locale file give the same bytes.
 */
export function writePo(deck: Deck, locale: string, units: readonly TranslationUnit[]): string {
  const translations: GetTextTranslations['translations'] = { '': { '': { msgid: '', msgstr: [''] } } };
  const forms = pluralForms(locale);
  for (const unit of units) {
    const plural = forms && isLabel(unit) ? pluralEntry(deck.meta.language, unit, forms) : undefined;
    const comments: NonNullable<GetTextTranslation['comments']> = {
      extracted: extractedComment(unit, plural !== undefined, locale),
    };
    if (unit.reference) comments.reference = unit.reference;
    if (unit.state === 'stale') {
      comments.flag = 'fuzzy';
      if (unit.previous !== undefined) comments.previous = poString('msgid', unit.previous);
    }
    const entry: GetTextTranslation = plural
      ? { msgctxt: unit.key, ...plural, comments }
      : { msgctxt: unit.key, msgid: unit.source, msgstr: [unit.target ?? ''], comments };
    translations[unit.key] = { [entry.msgid]: entry };
  }
  const table: GetTextTranslations = {
    charset: 'utf-8',
    headers: {
      'Project-Id-Version': `${deck.meta.id} ${deck.meta.version}`,
      Language: locale,
      'MIME-Version': '1.0',
      'Content-Type': 'text/plain; charset=UTF-8',
      'Content-Transfer-Encoding': '8bit',
      'X-Generator': 'atelier',
      'X-Source-Language': deck.meta.language,
      ...(forms ? { 'Plural-Forms': forms.header } : {}),
    },
    translations,
  };
  return po.compile(table, { foldLength: 0 }).toString('utf8').concat('\n');
}

function extractedComment(unit: TranslationUnit, plural: boolean, locale: string): string {
  const lines = [`${unit.owner}; field: ${unit.field}`];
  if (plural) lines.push('Plural: each form is the whole text for that count; {name} stands for the number.');
  else if (isLabel(unit) && /\{\s*[\w-]+\s*,\s*(?:plural|select)/.test(unit.source))
    lines.push(
      `ICU MessageFormat: keep the {name, plural, ...} structure; ${locale} forms: ${pluralCategories(locale).join(', ')}.`,
    );
  if (unit.notes) lines.push(`Facilitator notes: ${unit.notes}`);
  return lines.join('\n');
}

function isLabel(unit: TranslationUnit): boolean {
  return unit.key.startsWith(LABEL_KEY_PREFIX);
}

/**
 * A label with one plural argument as a gettext plural entry: msgid and msgid_plural are the source message's
 * forms for 1 and 5, msgstr[i] the translation's form for the category of gettext's form i.
 */
function pluralEntry(
  sourceLanguage: string,
  unit: TranslationUnit,
  forms: PluralForms,
): { msgid: string; msgid_plural: string; msgstr: string[] } | undefined {
  const source = poPlural(unit.source);
  if (!source) return undefined;
  const target = unit.target === undefined ? undefined : poPlural(unit.target, forms.categories);
  if (unit.target !== undefined && target?.argument !== source.argument) return undefined;
  return {
    msgid: expandPlural(source, categoryOf(sourceLanguage, 1)),
    msgid_plural: expandPlural(source, categoryOf(sourceLanguage, 5)),
    msgstr: forms.categories.map((category) => (target ? expandPlural(target, category) : '')),
  };
}

/** A PO keyword with its string, split at line breaks the way gettext writes multi-line strings. */
function poString(keyword: string, text: string): string {
  const quote = (s: string) =>
    s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\t/g, '\\t').replace(/\r/g, '\\r');
  const parts = text.split('\n').map((line, i, all) => quote(line) + (i < all.length - 1 ? '\\n' : ''));
  if (parts.length === 1) return `${keyword} "${parts[0]}"`;
  return [`${keyword} ""`, ...parts.filter((p) => p !== '').map((p) => `"${p}"`)].join('\n');
}

export interface ReadExchangeResult {
  language?: string;
  translations: IncomingTranslation[];
  diagnostics: Diagnostic[];
}

/** Reads a PO file back: every entry with a context, its translation and whether it is still fuzzy. */
export function readPo(text: string, file: string): ReadExchangeResult {
  let parsed: GetTextTranslations;
  try {
    parsed = po.parse(text, { validation: true });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const line = /line (\d+)/i.exec(message)?.[1];
    return {
      translations: [],
      diagnostics: [
        error('i18n/bad-po', `${file} is not a valid PO file: ${message}`, {
          file,
          ...(line ? { line: Number(line), column: 1 } : {}),
        }),
      ],
    };
  }
  const lines = contextLines(text);
  const diagnostics: Diagnostic[] = [];
  const translations: IncomingTranslation[] = [];
  for (const [context, entries] of Object.entries(parsed.translations)) {
    for (const entry of Object.values(entries)) {
      if (context === '' && entry.msgid === '') continue;
      const position: Position = { file, line: lines.get(context) ?? 1, column: 1 };
      if (context === '') {
        diagnostics.push(
          error(
            'i18n/no-context',
            `the entry "${entry.msgid.slice(0, 40)}" has no msgctxt: atelier cannot tell which string it translates`,
            position,
            'keep the msgctxt lines that `atelier i18n extract` wrote',
          ),
        );
        continue;
      }
      const flags = (entry.comments?.flag ?? '').split(/[\s,]+/);
      translations.push({
        key: context,
        source: entry.msgid,
        target: entry.msgstr[0] ?? '',
        fuzzy: flags.includes('fuzzy'),
        position,
        ...(entry.msgid_plural !== undefined
          ? { plural: { source: [entry.msgid, entry.msgid_plural], forms: [...entry.msgstr] } }
          : {}),
      });
    }
  }
  return {
    ...(parsed.headers.Language ? { language: parsed.headers.Language } : {}),
    translations,
    diagnostics,
  };
}

/** Line of each `msgctxt "…"` in the file, so that problems point at the entry. */
function contextLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  text.split('\n').forEach((line, i) => {
    const match = /^msgctxt "((?:[^"\\]|\\.)*)"/.exec(line);
    if (match?.[1] !== undefined && !lines.has(match[1])) lines.set(match[1].replace(/\\(.)/g, '$1'), i + 1);
  });
  return lines;
}
