import { statSync } from 'node:fs';
import { findDecks, validateDeck, validateDeckTemplates } from '../../api.ts';
import { checkLocales } from '../../build/prepare.ts';
import { type Diagnostic, hasErrors } from '../../diagnostics/diagnostic.ts';
import { formatJson, formatText } from '../../diagnostics/report.ts';
import { EXIT, UsageError } from '../exit.ts';
import { parseLocaleOption } from '../locales.ts';
import { USAGE } from '../usage.ts';

export interface ValidateOptions {
  locale?: string;
  format: 'text' | 'json';
  strict?: boolean;
}

export const VALIDATE_USAGE = `${USAGE.validate}\n`;

/** Resolves the deck folders named on the command line, or every deck under decks/. */
export function deckDirs(dirs: string[], usage: string): string[] {
  if (dirs.length === 0) {
    const found = findDecks();
    if (found.length === 0) throw new UsageError('no deck folder given and none found under decks/', usage);
    return found;
  }
  for (const dir of dirs) {
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch {}
    if (!isDir) throw new UsageError(`\`${dir}\` is not a folder`, usage);
  }
  return dirs;
}

export async function runValidate(dirs: string[], options: ValidateOptions): Promise<number> {
  const locales = parseLocaleOption(options.locale, VALIDATE_USAGE);
  const all: Diagnostic[] = [];
  const lines: string[] = [];
  for (const dir of deckDirs(dirs, VALIDATE_USAGE)) {
    const { deck, diagnostics } = validateDeck(dir);
    all.push(...diagnostics);
    if (deck) all.push(...validateDeckTemplates(deck));
    // The checks a build makes per locale (locale files, fonts, labels, glyphs), without drawing.
    if (deck && !hasErrors(all))
      all.push(...checkLocales(deck, { ...(locales ? { locales } : {}), strict: options.strict === true }));
    if (deck) {
      lines.push(
        `${deck.dir}: ${deck.files.length} file${deck.files.length === 1 ? '' : 's'} (${deck.files.join(', ')}), ` +
          `${deck.phases.length} phases, ${deck.categories.length} categories, ${deck.contexts.length} context sheets, ${deck.events.length} event cards, ` +
          `${deck.profiles.length} profiles, ${deck.guide.sections.length} guide sections`,
      );
    }
  }
  const failed = all.some((d) => d.severity === 'error' || (options.strict && d.severity === 'warning'));
  if (options.format === 'json') {
    process.stdout.write(formatJson(all));
  } else {
    const color = process.stdout.isTTY && !process.env.NO_COLOR;
    if (all.length > 0) process.stdout.write(formatText(all, { color }));
    for (const line of lines) process.stdout.write(`checked ${line}\n`);
    if (all.length === 0) process.stdout.write('no problems found\n');
  }
  return failed ? EXIT.invalidInput : EXIT.ok;
}
