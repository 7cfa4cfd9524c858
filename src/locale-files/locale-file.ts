import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { CellTranslation, Deck } from '../check/deck.ts';
import { issuesToDiagnostics } from '../check/zod-issues.ts';
import { type Diagnostic, hasErrors, type Position, warning } from '../diagnostics/diagnostic.ts';
import { KeptReads } from '../kept-reads.ts';
import { positionOf } from '../load/positions.ts';
import { lazySourceFile, type SourceFile } from '../load/source.ts';
import { sourceHash } from './hash.ts';
import { badLocaleTag, LOCALE_TAG, sameLocale } from './locale-tags.ts';
import { parseYamlText, readYamlFile } from './read-yaml.ts';

/** Folder of a deck that holds one `<locale>.yaml` per translation (and the PO/XLIFF files exchanged). */
export const LOCALES_FOLDER = 'locales';

const FONT_FACES = ['regular', 'bold', 'italic', 'boldItalic', 'symbol'] as const;
export type LocaleFontFace = (typeof FONT_FACES)[number];

const Entry = z
  .strictObject({
    text: z
      .string()
      .min(1, { error: 'must not be empty: delete the entry instead' })
      .describe('The translation, in light Markdown like the source.'),
    source: z
      .string()
      .regex(/^[0-9a-f]{12}$/, { error: 'expected the 12 hexadecimal characters `atelier i18n` writes' })
      .optional()
      .describe(
        'Hash of the source text this translation was made from; when the source changes, the entry is stale.',
      ),
    from: z
      .string()
      .optional()
      .describe('The source text this translation was made from, shown to translators when it changes.'),
    reviewed: z
      .enum(['true', 'false'])
      .optional()
      .describe('`true` once a reviewer has checked the translation.'),
  })
  .describe('One translated string.');

/** The YAML of a locale file. Read with the failsafe schema, so every scalar is text. */
export const LocaleFileSchema = z
  .strictObject({
    locale: z
      .string()
      .regex(LOCALE_TAG, { error: 'expected a language tag such as `en` or `de-CH`' })
      .optional(),
    fonts: z
      .strictObject({
        ...(Object.fromEntries(FONT_FACES.map((face) => [face, z.string().min(1).optional()])) as Record<
          LocaleFontFace,
          z.ZodOptional<z.ZodString>
        >),
        fallback: z
          .array(
            z.union([
              z.string().min(1),
              z
                .strictObject({
                  regular: z.string().min(1),
                  bold: z.string().min(1).describe('Its bold face, for titles and other bold text.'),
                })
                .describe('A fallback font and its bold face.'),
            ]),
          )
          .optional()
          .describe(
            'Fonts tried in order for each character the text faces lack (a script of this locale), before the symbol font; Latin keeps its bold and italic faces. Give `regular` and `bold` for a font that has a bold face.',
          ),
      })
      .optional()
      .describe('Fonts for this locale (paths inside the deck folder), for scripts the deck fonts lack.'),
    strings: z
      .record(z.string(), Entry)
      .optional()
      .describe('Translations by key, e.g. `event.portal.title`.'),
  })
  .describe('An atelier locale file: the translations of one deck into one language.');

export interface LocaleEntry {
  key: string;
  text: string;
  /** Hash of the source the translation was made from; undefined when the translator wrote none. */
  source?: string;
  from?: string;
  reviewed: boolean;
  /** Where the entry's key is written. */
  position: Position;
  /** Where its `text` is written (the place to point at for a glyph or an overflow). */
  textPosition: Position;
}

export interface LocaleFile {
  locale: string;
  /** Path as shown to the user. */
  file: string;
  absolutePath: string;
  source: SourceFile;
  /** Entries in file order. */
  entries: Map<string, LocaleEntry>;
  fonts: Partial<Record<LocaleFontFace, { path: string; position: Position }>>;
  /** Per-script fallback fonts, in the order they are tried, each with its bold face if the file names one. */
  fallbackFonts: FallbackFont[];
}

export interface FallbackFont {
  path: string;
  position: Position;
  bold?: { path: string; position: Position };
}

export interface LoadLocaleResult {
  /** The file, when it exists and could be read. */
  file?: LocaleFile;
  /** Whether a file exists for the locale (it may still be unreadable). */
  exists: boolean;
  /** Path the file has or would have, as shown to the user. */
  path: string;
  diagnostics: Diagnostic[];
}

/** Path of a deck's locale file; an existing file whose name differs only in case (`en-gb.yaml`) is found too. */
export function localeFilePath(
  deck: Deck,
  locale: string,
): { absolutePath: string; file: string; exists: boolean } {
  const folder = join(deck.absoluteDir, LOCALES_FOLDER);
  let name = `${locale}.yaml`;
  if (existsSync(folder)) {
    const found = readdirSync(folder).find((n) => n.toLowerCase() === name.toLowerCase());
    if (found) name = found;
  }
  const absolutePath = join(folder, name);
  return { absolutePath, file: join(deck.dir, LOCALES_FOLDER, name), exists: existsSync(absolutePath) };
}

/** Locales the deck has a file or spreadsheet translations for, sorted (the source language excluded). */
export function translatedLocales(deck: Deck): string[] {
  const folder = join(deck.absoluteDir, LOCALES_FOLDER);
  const files = existsSync(folder)
    ? readdirSync(folder)
        .filter((n) => n.endsWith('.yaml') && LOCALE_TAG.test(n.slice(0, -5)))
        .map((n) => n.slice(0, -5))
    : [];
  const cells = (deck.translations ?? []).map((t) => t.locale);
  return [...new Set([...files, ...cells.filter((c) => !files.some((f) => sameLocale(f, c)))])]
    .filter((l) => !sameLocale(l, deck.meta.language))
    .sort();
}

/**
 * A locale's translations: its file's entries, and those written in spreadsheet columns (`title@en`). A key
 * translated in both places takes the file's text (where `i18n import` writes), with a warning.
 */
export function loadLocaleFile(deck: Deck, locale: string): LoadLocaleResult {
  // The tag becomes a file name: a malformed one (`../../evil`) is refused before any path is made of it.
  const badTag = badLocaleTag(locale);
  if (badTag) return { exists: false, path: locale, diagnostics: [badTag] };
  const where = localeFilePath(deck, locale);
  const cells = (deck.translations ?? []).filter((t) => sameLocale(t.locale, locale));
  if (!where.exists) {
    if (cells.length === 0) return { exists: false, path: where.file, diagnostics: [] };
    const entries = new Map(cells.map((cell) => [cell.key, cellEntry(cell)]));
    // No file yet: an empty one stands in, where `i18n import` would write.
    const source = lazySourceFile({
      file: where.file,
      absolutePath: where.absolutePath,
      name: `${LOCALES_FOLDER}/${locale}.yaml`,
      text: '',
    });
    const file: LocaleFile = {
      locale,
      file: where.file,
      absolutePath: where.absolutePath,
      source,
      entries,
      fonts: {},
      fallbackFonts: [],
    };
    return { file, exists: false, path: where.file, diagnostics: [] };
  }
  const read = readLocaleFileKept(where.absolutePath, where.file, locale, deck.absoluteDir);
  const result = { ...read, diagnostics: [...read.diagnostics], exists: true, path: where.file };
  if (result.file && cells.length > 0) {
    const merged = new Map<string, LocaleEntry>();
    for (const cell of cells) {
      const written = result.file.entries.get(cell.key);
      if (written) {
        result.diagnostics.push({
          ...warning(
            'i18n/translated-twice',
            `\`${cell.key}\` is translated both in ${where.file} and in a spreadsheet: the file's text is used`,
            written.position,
            'keep one of the two: delete the entry here, or empty the spreadsheet cell',
          ),
          related: { ...cell.position, message: 'spreadsheet cell' },
        });
      } else merged.set(cell.key, cellEntry(cell));
    }
    for (const [key, entry] of result.file.entries) merged.set(key, entry);
    // A new file object: the one read is kept for the next build and must stay as the file says.
    result.file = { ...result.file, entries: merged };
  }
  return result;
}

/**
 * A locale file read and checked, kept while the file is unchanged: watch mode reads it on every rebuild, with
 * the syntax tree that locates its diagnostics (tens of ms for a translated deck).
 */
function readLocaleFileKept(
  absolutePath: string,
  file: string,
  locale: string,
  deckDir: string,
): { file?: LocaleFile; diagnostics: Diagnostic[] } {
  return loadedFiles.get(absolutePath, `${absolutePath}\0${file}\0${locale}`, () =>
    interpret(
      readYamlFile(absolutePath, file, `${LOCALES_FOLDER}/${locale}.yaml`, deckDir),
      locale,
      absolutePath,
      file,
    ),
  );
}

const loadedFiles = new KeptReads<{ file?: LocaleFile; diagnostics: Diagnostic[] }>();

/** A spreadsheet translation as a locale entry: made from the source text in its own row, so current. */
function cellEntry(cell: CellTranslation): LocaleEntry {
  return {
    key: cell.key,
    text: cell.text,
    source: sourceHash(cell.from),
    from: cell.from,
    reviewed: false,
    position: cell.position,
    textPosition: cell.position,
  };
}

/** Reads locale-file text held in memory (an import validates what it is about to write). */
export function parseLocaleText(
  text: string,
  locale: string,
  absolutePath: string,
  file: string,
): { file?: LocaleFile; diagnostics: Diagnostic[] } {
  return interpret(
    parseYamlText(text, absolutePath, file, `${LOCALES_FOLDER}/${locale}.yaml`),
    locale,
    absolutePath,
    file,
  );
}

function interpret(
  read: ReturnType<typeof readYamlFile>,
  locale: string,
  absolutePath: string,
  file: string,
): { file?: LocaleFile; diagnostics: Diagnostic[] } {
  const diagnostics = [...read.diagnostics];
  const source = read.source;
  if (!source || hasErrors(diagnostics)) return { diagnostics };
  const parsed = LocaleFileSchema.safeParse(source.data);
  if (!parsed.success) {
    diagnostics.push(...issuesToDiagnostics(source, LocaleFileSchema, parsed.error.issues));
    return { diagnostics };
  }
  const value = parsed.data;
  if (value.locale !== undefined && !sameLocale(value.locale, locale)) {
    diagnostics.push(
      warning(
        'i18n/locale-mismatch',
        `this file is named for \`${locale}\` but says \`locale: ${value.locale}\``,
        positionOf(source, ['locale']),
        `rename the file to ${value.locale}.yaml, or correct the \`locale:\` line`,
      ),
    );
  }
  const entries = new Map<string, LocaleEntry>();
  for (const [key, entry] of Object.entries(value.strings ?? {})) {
    entries.set(key, new FileEntry(key, entry, source));
  }
  const fonts: LocaleFile['fonts'] = {};
  for (const face of FONT_FACES) {
    const path = value.fonts?.[face];
    if (path !== undefined) fonts[face] = { path, position: positionOf(source, ['fonts', face]) };
  }
  const fallbackFonts = (value.fonts?.fallback ?? []).map((font, i): FallbackFont => {
    const at = (...rest: string[]) => positionOf(source, ['fonts', 'fallback', i, ...rest]);
    if (typeof font === 'string') return { path: font, position: at() };
    return {
      path: font.regular,
      position: at('regular'),
      bold: { path: font.bold, position: at('bold') },
    };
  });
  return { file: { locale, file, absolutePath, source, entries, fonts, fallbackFonts }, diagnostics };
}

/** An entry as read from a locale file; its positions are located on demand (that parses the file's syntax tree). */
class FileEntry implements LocaleEntry {
  readonly text: string;
  readonly source?: string;
  readonly from?: string;
  readonly reviewed: boolean;
  readonly #file: SourceFile;

  constructor(
    readonly key: string,
    entry: {
      text: string;
      source?: string | undefined;
      from?: string | undefined;
      reviewed?: string | undefined;
    },
    file: SourceFile,
  ) {
    this.text = entry.text;
    if (entry.source !== undefined) this.source = entry.source;
    if (entry.from !== undefined) this.from = entry.from;
    this.reviewed = entry.reviewed === 'true';
    this.#file = file;
  }

  get position(): Position {
    return positionOf(this.#file, ['strings', this.key], { key: true });
  }

  get textPosition(): Position {
    return positionOf(this.#file, ['strings', this.key, 'text']);
  }
}
