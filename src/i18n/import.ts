import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import type { Deck } from '../check/deck.ts';
import { type Diagnostic, error, hasErrors, warning } from '../diagnostics/diagnostic.ts';
import { didYouMean } from '../diagnostics/suggest.ts';
import { readDeckText } from '../load/read-text.ts';
import { normalizeText, sourceHash } from '../locale-files/hash.ts';
import {
  type LocaleEntry,
  loadLocaleFile,
  localeFilePath,
  parseLocaleText,
} from '../locale-files/locale-file.ts';
import { LOCALE_TAG, PSEUDO_LOCALE, sameLocale } from '../locale-files/locale-tags.ts';
import { localeStrings } from './deck-strings.ts';
import type { IncomingTranslation } from './incoming.ts';
import { applyLocaleEdits, type LocaleEdit } from './locale-edit.ts';
import { resolvePlural } from './plural-forms.ts';
import { type ReadExchangeResult, readPo } from './po.ts';
import { readXliff } from './xliff.ts';

export type ExchangeFormat = 'po' | 'xliff';

export interface ImportOptions {
  /** Locale to import into; default: the file's own (PO `Language`, XLIFF `trgLang`). */
  locale?: string;
  /** Work out the changes without writing the locale file. */
  dryRun?: boolean;
}

export interface ImportReport {
  locale?: string;
  /** The locale file, as shown to the user. */
  localeFile?: string;
  written: boolean;
  added: string[];
  updated: string[];
  /** Fuzzy translations whose text changed: imported, still stale (their source hash is kept). */
  stillStale: string[];
  unchanged: number;
  skipped: { key: string; reason: 'empty' | 'fuzzy' | 'unknown-key' | 'duplicate' | 'bad-plural' }[];
  diagnostics: Diagnostic[];
}

/** The format of an exchange file, from its extension, else from its first characters. */
export function exchangeFormat(path: string, text: string): ExchangeFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.po' || ext === '.pot') return 'po';
  if (ext === '.xlf' || ext === '.xliff') return 'xliff';
  return text.trimStart().startsWith('<') ? 'xliff' : 'po';
}

/**
 * Merges a PO or XLIFF file into the deck's locale file. New and changed translations get today's source hash
 * (or the hash of the older source they were made from, and stay stale); fuzzy ones only update the text of an
 * existing entry and keep its hash; nothing else in the file changes. The result is validated before writing,
 * and an import that changes nothing leaves the file untouched, byte for byte.
 */
export async function importTranslations(
  deck: Deck,
  path: string,
  shownPath: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const report: ImportReport = {
    written: false,
    added: [],
    updated: [],
    stillStale: [],
    unchanged: 0,
    skipped: [],
    diagnostics: [],
  };
  const read = readDeckText(path, shownPath, shownPath);
  if (read.text === undefined) {
    report.diagnostics.push(
      read.diagnostic ?? error('i18n/unreadable', `${shownPath} is not a file`, { file: shownPath }),
    );
    return report;
  }
  const text = read.text;
  const parsed: ReadExchangeResult =
    exchangeFormat(path, text) === 'po' ? readPo(text, shownPath) : await readXliff(text, shownPath);
  report.diagnostics.push(...parsed.diagnostics);
  if (hasErrors(parsed.diagnostics)) return report;

  const locale = options.locale ?? parsed.language;
  if (locale === undefined || !LOCALE_TAG.test(locale)) {
    report.diagnostics.push(
      error(
        'i18n/bad-locale',
        locale === undefined
          ? `${shownPath} does not say which language it holds`
          : `\`${locale}\` is not a locale`,
        { file: shownPath },
        'name it with `--locale`, e.g. `--locale en`',
      ),
    );
    return report;
  }
  if (
    options.locale !== undefined &&
    parsed.language !== undefined &&
    !sameLocale(options.locale, parsed.language)
  ) {
    report.diagnostics.push(
      error(
        'i18n/locale-mismatch',
        `${shownPath} holds ${parsed.language}, not ${options.locale}`,
        { file: shownPath, line: 1, column: 1 },
        `drop \`--locale\`, or import the ${options.locale} file`,
      ),
    );
    return report;
  }
  if (sameLocale(locale, deck.meta.language) || locale === PSEUDO_LOCALE) {
    report.diagnostics.push(
      error(
        'i18n/bad-locale',
        `${locale} ${locale === PSEUDO_LOCALE ? 'is generated, never translated' : 'is the source language of the deck'}: there is nothing to import`,
        { file: shownPath },
      ),
    );
    return report;
  }
  report.locale = locale;

  const loaded = loadLocaleFile(deck, locale);
  report.localeFile = loaded.path;
  report.diagnostics.push(...loaded.diagnostics);
  if (hasErrors(loaded.diagnostics) || (loaded.exists && !loaded.file)) return report;

  // Labels the deck's labels/<locale>.yaml gives count as entries: the same text brought back changes nothing.
  const { strings, translations } = localeStrings(deck, locale, loaded.file);
  const byKey = new Map(strings.map((s) => [s.key, s]));
  const entries = translations?.entries ?? new Map<string, LocaleEntry>();
  const edits: LocaleEdit[] = [];
  const seen = new Set<string>();
  for (const incoming of parsed.translations) {
    const string = byKey.get(incoming.key);
    if (!string) {
      report.skipped.push({ key: incoming.key, reason: 'unknown-key' });
      report.diagnostics.push(
        warning(
          'i18n/unknown-key',
          `\`${incoming.key}\` is not a string of deck \`${deck.meta.id}\`: not imported`,
          incoming.position,
          didYouMean(incoming.key, byKey.keys()),
        ),
      );
      continue;
    }
    if (seen.has(incoming.key)) {
      report.skipped.push({ key: incoming.key, reason: 'duplicate' });
      report.diagnostics.push(
        warning(
          'i18n/duplicate-key',
          `\`${incoming.key}\` appears twice: the first one is imported`,
          incoming.position,
        ),
      );
      continue;
    }
    seen.add(incoming.key);
    const entry = entries.get(incoming.key);
    const resolved = resolvePlural(incoming, string.text, entry?.text, locale, deck.meta.language);
    if ('problem' in resolved) {
      report.skipped.push({ key: incoming.key, reason: 'bad-plural' });
      report.diagnostics.push(
        warning(
          'i18n/bad-plural',
          `\`${incoming.key}\` is not imported: ${resolved.problem}`,
          incoming.position,
          'fill in every msgstr[n] of the entry, or extract the file again',
        ),
      );
      continue;
    }
    const edit = mergeOne(resolved.incoming, entry, sourceHash(string.text), report);
    if (edit) edits.push(edit);
  }
  if (edits.length === 0) return report;

  const where = localeFilePath(deck, locale);
  const original = loaded.exists ? readFileSync(where.absolutePath, 'utf8') : undefined;
  const next = applyLocaleEdits(
    original,
    edits,
    strings.map((s) => s.key),
    { locale, comment: header(deck, locale) },
  );
  const check = parseLocaleText(next, locale, where.absolutePath, where.file);
  if (hasErrors(check.diagnostics) || !check.file) {
    report.diagnostics.push(
      error(
        'i18n/import-invalid',
        `importing ${shownPath} would leave ${where.file} invalid: nothing was written`,
        { file: where.file },
        'this is a bug in atelier; please report it with both files',
      ),
    );
    report.diagnostics.push(...check.diagnostics);
    return report;
  }
  if (next !== original && !options.dryRun) {
    mkdirSync(dirname(where.absolutePath), { recursive: true });
    const temporary = `${where.absolutePath}.${process.pid}.tmp`;
    writeFileSync(temporary, next);
    renameSync(temporary, where.absolutePath);
    report.written = true;
  }
  return report;
}

/** What one incoming translation does to the locale file's entry, if anything. */
function mergeOne(
  incoming: IncomingTranslation,
  entry: LocaleEntry | undefined,
  currentHash: string,
  report: ImportReport,
): LocaleEdit | undefined {
  const target = normalizeText(incoming.target);
  if (target === '') {
    report.skipped.push({ key: incoming.key, reason: 'empty' });
    return undefined;
  }
  const sameText = entry !== undefined && normalizeText(entry.text) === target;
  // Keep the file's own spelling of an unchanged text (a trailing newline, a block style): no needless edit.
  const text = sameText && entry ? entry.text : target;
  if (incoming.fuzzy) {
    if (!entry) {
      report.skipped.push({ key: incoming.key, reason: 'fuzzy' });
      return undefined;
    }
    if (sameText) {
      report.unchanged++;
      return undefined;
    }
    report.stillStale.push(incoming.key);
    return { key: incoming.key, value: { text, ...keep(entry), reviewed: false } };
  }
  const hash = sourceHash(incoming.source);
  const reviewed = incoming.reviewed ?? (sameText ? (entry?.reviewed ?? false) : false);
  if (entry && sameText && entry.source === hash && reviewed === entry.reviewed) {
    report.unchanged++;
    return undefined;
  }
  if (hash !== currentHash) {
    report.diagnostics.push(
      warning(
        'i18n/imported-stale',
        `\`${incoming.key}\` was translated from an older source text: imported, but still stale`,
        incoming.position,
        'extract again and translate the current source',
      ),
    );
  }
  (entry ? report.updated : report.added).push(incoming.key);
  const from =
    entry && entry.source === hash && entry.from !== undefined ? entry.from : normalizeText(incoming.source);
  return { key: incoming.key, value: { text, source: hash, from, reviewed } };
}

function keep(entry: LocaleEntry): { source?: string; from?: string } {
  return {
    ...(entry.source !== undefined ? { source: entry.source } : {}),
    ...(entry.from !== undefined ? { from: entry.from } : {}),
  };
}

function header(deck: Deck, locale: string): string {
  return [
    `${locale} translation of "${deck.meta.title}" (deck ${deck.meta.id}).`,
    'text: the translation. source: hash of the source text it was made from (when the source changes, the',
    'entry is stale and the source text is used until it is updated). from: that source text.',
    'Edit this file directly, or exchange PO/XLIFF files: atelier i18n extract, then atelier i18n import.',
  ].join('\n');
}
