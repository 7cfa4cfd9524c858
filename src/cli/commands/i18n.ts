import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { findDecks, validateDeck } from '../../api.ts';
import type { Deck } from '../../check/deck.ts';
import { type Diagnostic, hasErrors, type Position } from '../../diagnostics/diagnostic.ts';
import { formatJson, formatText } from '../../diagnostics/report.ts';
import { defaultExchangePath, extractTranslations } from '../../i18n/extract.ts';
import { type ExchangeFormat, type ImportReport, importTranslations } from '../../i18n/import.ts';
import { isComplete, type LocaleStatus, localeStatus } from '../../i18n/status.ts';
import { DECK_FILE, displayPath } from '../../load/load-deck.ts';
import { LOCALES_FOLDER, translatedLocales } from '../../locale-files/locale-file.ts';
import { PSEUDO_LOCALE } from '../../locale-files/locale-tags.ts';
import { checkGlyphs } from '../../localize/glyphs.ts';
import { loadLabels } from '../../localize/labels.ts';
import { localizeDeck } from '../../localize/localize-deck.ts';
import { listStrings } from '../../localize/strings.ts';
import { EXIT, UsageError } from '../exit.ts';
import { parseLocaleOption, parseSingleLocale } from '../locales.ts';
import { USAGE as USAGES } from '../usage.ts';
import { deckDirs } from './validate.ts';

const USAGE = {
  status: `${USAGES.i18nStatus}\n`,
  extract: `${USAGES.i18nExtract}\n`,
  import: `${USAGES.i18nImport}\n`,
  pseudo: `${USAGES.i18nPseudo}\n`,
};

const color = () => process.stdout.isTTY === true && !process.env.NO_COLOR;

/** Loads and checks decks; prints their problems and returns undefined when one does not check. */
function checkedDecks(dirs: string[], usage: string, format: 'text' | 'json' = 'text'): Deck[] | undefined {
  const decks: Deck[] = [];
  const problems: Diagnostic[] = [];
  for (const dir of deckDirs(dirs, usage)) {
    const { deck, diagnostics } = validateDeck(dir);
    if (deck && !hasErrors(diagnostics)) decks.push(deck);
    else problems.push(...diagnostics);
  }
  if (problems.length > 0 && hasErrors(problems)) {
    process.stdout.write(format === 'json' ? formatJson(problems) : formatText(problems, { color: color() }));
    return undefined;
  }
  return decks;
}

function where(position: Position | undefined): string {
  return position ? `${position.file}:${position.line}:${position.column}` : '';
}

// ---------------------------------------------------------------------------------------------- status

export interface StatusOptions {
  locale?: string;
  strict?: boolean;
  format: 'text' | 'json';
}

export async function runI18nStatus(dirs: string[], options: StatusOptions): Promise<number> {
  const asked = parseLocaleOption(options.locale, USAGE.status);
  const decks = checkedDecks(dirs, USAGE.status, options.format);
  if (!decks) return EXIT.invalidInput;
  const statuses: LocaleStatus[] = [];
  const lines: string[] = [];
  for (const deck of decks) {
    const locales = (asked ?? translatedLocales(deck)).filter(
      (l) => l !== deck.meta.language && l !== PSEUDO_LOCALE,
    );
    const total = listStrings(deck).length;
    lines.push(`${deck.dir} (${deck.meta.id}, source ${deck.meta.language}, ${total} strings)`);
    if (locales.length === 0)
      lines.push(`  no translations yet: start one with \`atelier i18n extract ${deck.dir} --locale en\``);
    for (const locale of locales) {
      const status = localeStatus(deck, locale);
      statuses.push(status);
      lines.push(...statusLines(status));
    }
  }
  const problems = statuses.flatMap((s) => s.diagnostics);
  const incomplete = statuses.some((s) => !isComplete(s));
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(statuses, null, 2)}\n`);
  } else {
    if (problems.length > 0) process.stdout.write(formatText(problems, { color: color() }));
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  if (hasErrors(problems)) return EXIT.invalidInput;
  return options.strict && incomplete ? EXIT.invalidInput : EXIT.ok;
}

function statusLines(status: LocaleStatus): string[] {
  if (!status.exists)
    return [`  ${status.locale}  no locale file (${status.file}): all ${status.total} strings missing`];
  const percent = status.total === 0 ? 100 : Math.floor((100 * status.translated.length) / status.total);
  const lines = [
    `  ${status.locale}  ${status.file}: ${status.translated.length}/${status.total} translated (${percent}%), ` +
      `${status.missing.length} missing, ${status.stale.length} stale, ${status.unused.length} unused`,
  ];
  const width = Math.max(
    0,
    ...[...status.missing, ...status.stale, ...status.unused].map((e) => e.key.length),
  );
  for (const kind of ['missing', 'stale', 'unused'] as const) {
    for (const entry of status[kind])
      lines.push(`    ${kind.padEnd(7)} ${entry.key.padEnd(width)}  ${where(entry.position)}`);
  }
  return lines;
}

// --------------------------------------------------------------------------------------------- extract

export interface ExtractOptions {
  locale: string;
  format: ExchangeFormat;
  out?: string;
}

export async function runI18nExtract(dirs: string[], options: ExtractOptions): Promise<number> {
  parseSingleLocale(options.locale, USAGE.extract);
  if (options.out && dirs.length > 1)
    throw new UsageError('`--out` names one file: extract one deck at a time', USAGE.extract);
  const decks = checkedDecks(dirs, USAGE.extract);
  if (!decks) return EXIT.invalidInput;
  if (options.out && decks.length > 1)
    throw new UsageError(
      '`--out` names one file, but several decks were found: name the deck folder',
      USAGE.extract,
    );
  let failed = false;
  for (const deck of decks) {
    const result = await extractTranslations(deck, options.locale, options.format);
    if (result.diagnostics.length > 0)
      process.stderr.write(formatText(result.diagnostics, { color: color() }));
    if (result.text === undefined || hasErrors(result.diagnostics)) {
      failed = true;
      continue;
    }
    const target = options.out
      ? { absolutePath: resolve(options.out), file: options.out }
      : defaultExchangePath(deck, options.locale, options.format);
    writeAtomically(target.absolutePath, result.text);
    const c = result.counts;
    process.stdout.write(
      `wrote ${target.file}: ${c.total} strings (${c.translated} translated, ${c.missing} to translate, ${c.stale} stale marked ${options.format === 'po' ? 'fuzzy' : 'initial'})\n`,
    );
  }
  return failed ? EXIT.invalidInput : EXIT.ok;
}

function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

// ---------------------------------------------------------------------------------------------- import

export interface ImportCommandOptions {
  locale?: string;
  deck?: string;
  dryRun?: boolean;
}

export async function runI18nImport(file: string, options: ImportCommandOptions): Promise<number> {
  parseSingleLocale(options.locale, USAGE.import);
  if (!existsSync(file) || !statSync(file).isFile())
    throw new UsageError(`\`${file}\` is not a file`, USAGE.import);
  const deckDir = options.deck ?? deckOfFile(file);
  const decks = checkedDecks([deckDir], USAGE.import);
  const deck = decks?.[0];
  if (!deck) return EXIT.invalidInput;
  const report = await importTranslations(deck, resolve(file), file, {
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.dryRun ? { dryRun: true } : {}),
  });
  if (report.diagnostics.length > 0) process.stdout.write(formatText(report.diagnostics, { color: color() }));
  process.stdout.write(`${importSummary(report, options.dryRun === true)}\n`);
  return hasErrors(report.diagnostics) ? EXIT.invalidInput : EXIT.ok;
}

/** The deck an exchange file belongs to: the folder above `locales/`, else the only deck under decks/. */
function deckOfFile(file: string): string {
  const folder = dirname(resolve(file));
  if (basename(folder) === LOCALES_FOLDER && existsSync(join(dirname(folder), DECK_FILE)))
    return displayPath(dirname(folder));
  const decks = findDecks();
  if (decks.length === 1 && decks[0] !== undefined) return decks[0];
  throw new UsageError(
    `cannot tell which deck \`${file}\` belongs to: name it with \`--deck\``,
    USAGE.import,
  );
}

function importSummary(report: ImportReport, dryRun: boolean): string {
  if (report.localeFile === undefined) return 'nothing imported';
  const skipped = (reason: ImportReport['skipped'][number]['reason']) =>
    report.skipped.filter((s) => s.reason === reason).length;
  const parts = [
    `${report.added.length} added`,
    `${report.updated.length} updated`,
    ...(report.stillStale.length ? [`${report.stillStale.length} fuzzy updated (still stale)`] : []),
    `${report.unchanged} unchanged`,
    `${skipped('empty')} untranslated`,
    ...(skipped('fuzzy') ? [`${skipped('fuzzy')} fuzzy skipped`] : []),
    ...(skipped('unknown-key') ? [`${skipped('unknown-key')} unknown keys skipped`] : []),
  ];
  const verb = report.written ? 'updated' : dryRun ? 'would update' : 'left unchanged';
  return `${report.locale}: ${parts.join(', ')}; ${verb} ${report.localeFile}`;
}

// ---------------------------------------------------------------------------------------------- pseudo

export interface PseudoOptions {
  key?: string;
  format: 'text' | 'json';
}

/**
 * Prints the pseudo-localized strings of a deck (or those whose key starts with `--key`) and checks that the
 * fonts draw them: a preview of `atelier build --locale qps-ploc` without the PDFs.
 */
export async function runI18nPseudo(dirs: string[], options: PseudoOptions): Promise<number> {
  const decks = checkedDecks(dirs, USAGE.pseudo, options.format);
  if (!decks) return EXIT.invalidInput;
  const rows: { deck: string; key: string; source: number; pseudo: number; text: string }[] = [];
  const problems: Diagnostic[] = [];
  for (const deck of decks) {
    const localized = localizeDeck(deck, PSEUDO_LOCALE, { hyphenate: false });
    problems.push(...localized.diagnostics);
    if (!localized.deck) continue;
    const labels = loadLabels(PSEUDO_LOCALE, { deck });
    problems.push(
      ...labels.diagnostics,
      ...checkGlyphs(localized.deck, PSEUDO_LOCALE, localized.fonts, { origins: localized.origins, labels }),
    );
    const source = new Map(listStrings(deck).map((s) => [s.key, s.text]));
    for (const s of listStrings(localized.deck)) {
      if (options.key && !s.key.startsWith(options.key)) continue;
      rows.push({
        deck: deck.meta.id,
        key: s.key,
        source: [...(source.get(s.key) ?? '')].length,
        pseudo: [...s.text].length,
        text: s.text,
      });
    }
  }
  if (options.format === 'json')
    process.stdout.write(`${JSON.stringify({ strings: rows, diagnostics: problems }, null, 2)}\n`);
  else {
    for (const row of rows) process.stdout.write(`${row.key}\t${row.text.replace(/\n/g, '⏎')}\n`);
    const sourceTotal = rows.reduce((n, r) => n + r.source, 0);
    const pseudoTotal = rows.reduce((n, r) => n + r.pseudo, 0);
    const growth = sourceTotal === 0 ? 0 : Math.round((100 * (pseudoTotal - sourceTotal)) / sourceTotal);
    process.stdout.write(
      `${rows.length} strings, ${sourceTotal} → ${pseudoTotal} characters (+${growth}%)\n`,
    );
    if (problems.length > 0) process.stdout.write(formatText(problems, { color: color() }));
    process.stdout.write('build it with `atelier build --locale qps-ploc` to see which cards overflow\n');
  }
  return hasErrors(problems) ? EXIT.invalidInput : EXIT.ok;
}
