import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Deck } from '../check/deck.ts';
import { type Diagnostic, error, hasErrors, type Position, warning } from '../diagnostics/diagnostic.ts';
import { didYouMean } from '../diagnostics/suggest.ts';
import { KeptReads } from '../kept-reads.ts';
import { positionOf } from '../load/positions.ts';
import type { SourceFile } from '../load/source.ts';
import { sourceHash } from '../locale-files/hash.ts';
import { type LocaleEntry, loadLocaleFile } from '../locale-files/locale-file.ts';
import { fallbackChain, PSEUDO_LOCALE, sameLocale } from '../locale-files/locale-tags.ts';
import { readYamlFile } from '../locale-files/read-yaml.ts';
import { PACKAGE_ROOT } from '../paths.ts';
import { argumentNames, formatMessage, type MessageValues, mapLiterals, parseMessage } from './messages.ts';
import { pseudoLocalize } from './pseudo.ts';
import type { DeckString } from './strings.ts';
import { typographyFor } from './typography/index.ts';

/** Template labels of one locale ("Phase", "Questions", "Page {page} / {pages}"...), by key. */
export type Labels = Readonly<Record<string, string>>;

/** Where atelier's label catalogs live: `templates/labels/<locale>.yaml`, flat `key: message` (ICU MessageFormat). */
export const LABELS_DIR = join(PACKAGE_ROOT, 'templates', 'labels');

/** Folder of a deck that holds its own catalogs, `labels/<locale>.yaml`, over atelier's. */
export const DECK_LABELS_FOLDER = 'labels';

/** Locale-file keys of label translations: `label.<key>`, e.g. `label.questions`. */
export const LABEL_KEY_PREFIX = 'label.';

/** The catalog every other is checked against, and the text used where a label is missing. */
export const REFERENCE_LABELS = 'en';

export interface LoadLabelsOptions {
  /** Catalog whose keys every locale must have (default `en`). */
  sourceLanguage?: string;
  /** Folder of atelier's catalogs (tests use their own). */
  dir?: string;
  /** A deck whose `labels/` folder and locale files add to and override atelier's catalogs. */
  deck?: Deck;
}

export interface LabelsResult {
  labels: Labels;
  diagnostics: Diagnostic[];
  /** Where a label's text is written, for glyph diagnostics; located on demand. */
  positionOf(key: string): Position | undefined;
}

/** A label's text and where it is written (located only when a diagnostic needs it: that parses the file). */
interface LabelText {
  readonly text: string;
  readonly file: string;
  readonly position: Position;
}

interface Catalog {
  file: string;
  labels: Map<string, LabelText>;
}

class CatalogLabel implements LabelText {
  constructor(
    readonly text: string,
    readonly file: string,
    private readonly source: SourceFile,
    private readonly key: string,
  ) {}

  get position(): Position {
    return positionOf(this.source, [this.key]);
  }
}

/** Reads catalogs once each, atelier's and the deck's, collecting what is wrong with them. */
class CatalogReader {
  readonly diagnostics: Diagnostic[] = [];
  readonly #cache = new Map<string, Catalog | undefined>();

  constructor(
    readonly dir: string,
    readonly deck: Deck | undefined,
  ) {}

  atelier(name: string): Catalog | undefined {
    return this.#read(this.dir, displayDir(this.dir), name);
  }

  fromDeck(name: string): Catalog | undefined {
    if (!this.deck) return undefined;
    return this.#read(
      join(this.deck.absoluteDir, DECK_LABELS_FOLDER),
      join(this.deck.dir, DECK_LABELS_FOLDER),
      name,
    );
  }

  /** The deck's catalog file for a locale, as shown to the user, whether it exists or not. */
  deckFile(name: string): string | undefined {
    return this.deck ? join(this.deck.dir, DECK_LABELS_FOLDER, `${name}.yaml`) : undefined;
  }

  #read(dir: string, shown: string, name: string): Catalog | undefined {
    const id = `${dir}\u0000${name}`;
    if (!this.#cache.has(id)) {
      const result = readCatalogKept(dir, shown, name);
      this.diagnostics.push(...result.diagnostics);
      this.#cache.set(id, result.catalog);
    }
    return this.#cache.get(id);
  }
}

/** The labels a deck starts from: English (atelier's, then the deck's) and the deck's source language over it. */
interface SourceLabels {
  /** What a locale without the label shows, and what qps-ploc is made from. */
  reference: Map<string, LabelText>;
  /** The deck's own words for each label, in its source language: what a translator translates. */
  source: Map<string, LabelText>;
  /** Keys the deck itself writes or rewords in its source language (its own catalogs): they need translating. */
  deckWritten: Set<string>;
}

function sourceLabels(reader: CatalogReader, referenceLocale: string): SourceLabels {
  const reference = new Map<string, LabelText>();
  const deckWritten = new Set<string>();
  const overlay = (target: Map<string, LabelText>, catalog: Catalog | undefined, fromDeck: boolean) => {
    for (const [key, value] of catalog?.labels ?? []) {
      target.set(key, value);
      if (fromDeck) deckWritten.add(key);
    }
  };
  overlay(reference, reader.atelier(referenceLocale), false);
  overlay(reference, reader.fromDeck(referenceLocale), true);
  const source = new Map(reference);
  const language = reader.deck?.meta.language;
  if (language && !sameLocale(language, referenceLocale)) {
    const chain = [...fallbackChain(language)].reverse();
    for (const name of chain) overlay(source, reader.atelier(name), false);
    for (const name of chain) overlay(source, reader.fromDeck(name), true);
  }
  return { reference, source, deckWritten };
}

/** A current `label.<key>` translation of the deck's locale files (most specific file first). */
interface TranslatedLabels {
  current: Map<string, LabelText>;
  stale: Map<string, LocaleEntry>;
  unused: LocaleEntry[];
}

function translatedLabels(deck: Deck | undefined, chain: string[], source: SourceLabels): TranslatedLabels {
  const result: TranslatedLabels = { current: new Map(), stale: new Map(), unused: [] };
  if (!deck) return result;
  for (const locale of chain) {
    if (sameLocale(locale, deck.meta.language)) continue;
    const file = loadLocaleFile(deck, locale).file;
    for (const entry of file?.entries.values() ?? []) {
      if (!entry.key.startsWith(LABEL_KEY_PREFIX)) continue;
      const key = entry.key.slice(LABEL_KEY_PREFIX.length);
      const sourceText = source.source.get(key);
      if (!sourceText) result.unused.push(entry);
      else if (entry.source === sourceHash(sourceText.text)) {
        if (!result.current.has(key))
          result.current.set(key, {
            text: entry.text,
            file: file?.file ?? '',
            get position() {
              return entry.textPosition;
            },
          });
      } else if (!result.stale.has(key)) result.stale.set(key, entry);
    }
  }
  return result;
}

/**
 * The template labels of a locale, most specific last: atelier's catalogs (`fr` then `fr-CH`), the deck's
 * `labels/` catalogs over them, and the `label.<key>` translations of the deck's locale files over all. A key
 * of the reference catalog that the locale lacks is a diagnostic and shows the reference text; labels are
 * ICU messages (plurals, numbers), given the locale's typography; `qps-ploc` is generated from English.
 */
export function loadLabels(locale: string, options: LoadLabelsOptions = {}): LabelsResult {
  const dir = options.dir ?? LABELS_DIR;
  const referenceLocale = options.sourceLanguage ?? REFERENCE_LABELS;
  const reader = new CatalogReader(dir, options.deck);
  const diagnostics = reader.diagnostics;
  const pseudo = locale === PSEUDO_LOCALE;
  // Most specific first: `fr-CH`, then `fr`.
  const chain = pseudo ? [REFERENCE_LABELS] : fallbackChain(locale);
  const atelierOwn = chain.map((name) => reader.atelier(name)).filter((c): c is Catalog => c !== undefined);
  const deckOwn = chain.map((name) => reader.fromDeck(name)).filter((c): c is Catalog => c !== undefined);
  const sources = sourceLabels(reader, referenceLocale);
  const translated = pseudo
    ? { current: new Map<string, LabelText>(), stale: new Map<string, LocaleEntry>(), unused: [] }
    : translatedLabels(options.deck, chain, sources);
  const referenceFile = reader.atelier(referenceLocale);

  const merged = new Map<string, LabelText>();
  // Least specific first, so the locale's own catalog wins; the deck's over atelier's.
  for (const catalog of [...atelierOwn].reverse())
    for (const [key, value] of catalog.labels) merged.set(key, value);
  for (const catalog of [...deckOwn].reverse())
    for (const [key, value] of catalog.labels) merged.set(key, value);
  for (const [key, value] of translated.current) merged.set(key, value);

  const deckFile = reader.deckFile(chain.at(-1) ?? locale);
  const extractHint =
    options.deck && !pseudo ? `, or translate it with \`atelier i18n extract --locale ${locale}\`` : '';
  if (
    atelierOwn.length === 0 &&
    deckOwn.length === 0 &&
    translated.current.size === 0 &&
    !hasErrors(diagnostics)
  ) {
    diagnostics.push(
      warning(
        'i18n/no-labels',
        `no label catalog for ${locale} (${chain.map((c) => `${c}.yaml`).join(', ')}): the ${referenceLocale} labels are used`,
        { file: displayDir(dir) },
        deckFile
          ? `add ${deckFile} to the deck${extractHint}`
          : `add ${join(displayDir(dir), `${chain[0]}.yaml`)}`,
      ),
    );
  }
  if (!referenceFile && !hasErrors(diagnostics)) {
    diagnostics.push(
      warning(
        'i18n/no-labels',
        `the reference label catalog ${referenceLocale}.yaml is missing: labels cannot be checked`,
        { file: displayDir(dir) },
      ),
    );
  }
  for (const entry of translated.unused) {
    diagnostics.push(
      warning(
        'i18n/unused',
        `\`${entry.key}\` is not a label any catalog has: this translation is not used`,
        entry.position,
        didYouMean(entry.key.slice(LABEL_KEY_PREFIX.length), sources.source.keys()),
      ),
    );
  }
  for (const catalog of deckOwn) {
    for (const [key, value] of catalog.labels) {
      if (sources.source.has(key)) continue;
      diagnostics.push(
        warning(
          'i18n/unknown-label',
          `label \`${key}\` is in no ${referenceLocale} catalog: no layout can read it`,
          value.position,
          didYouMean(key, sources.source.keys()) ??
            `add it to ${reader.deckFile(referenceLocale)} too, in the reference language`,
        ),
      );
    }
  }
  const typography = typographyFor(locale);
  const labels: Record<string, string> = {};
  const shown = new Map<string, LabelText>();
  const atelierHome = atelierOwn.at(-1);
  const keys = new Set([...sources.source.keys(), ...merged.keys()]);
  for (const key of keys) {
    const english = sources.reference.get(key) ?? sources.source.get(key) ?? (merged.get(key) as LabelText);
    let mine = pseudo ? english : merged.get(key);
    if (mine && !pseudo && !checkMessage(key, mine, english, referenceLocale, diagnostics)) mine = undefined;
    if (!mine) {
      const stale = translated.stale.get(key);
      if (stale) {
        diagnostics.push(
          warning(
            'i18n/stale',
            `the source of label \`${key}\` changed since it was translated to ${locale}: "${english.text}" (${referenceLocale}) is shown`,
            stale.position,
            'update the translation, then its `source:` hash (`atelier i18n extract` and `import` do both)',
          ),
        );
      } else if (atelierOwn.length + deckOwn.length + translated.current.size > 0) {
        // A label atelier ships for this locale belongs in its catalog; one the deck brings, in the deck's.
        const atelierLacks = !atelierHome || !sources.reference.has(key) || sources.deckWritten.has(key);
        const file = (options.deck && atelierLacks ? deckFile : atelierHome?.file) ?? deckFile ?? '';
        diagnostics.push(
          warning(
            'i18n/missing-label',
            `label \`${key}\` is missing for ${locale}: "${english.text}" (${referenceLocale}) is shown`,
            { file },
            `add \`${key}: ...\` to ${file}${options.deck && atelierLacks ? extractHint : ''}`,
          ),
        );
      }
      mine = english;
    }
    shown.set(key, mine);
    labels[key] = mapLiterals(mine.text, pseudo ? pseudoLocalize : typography);
  }
  return { labels, diagnostics, positionOf: (key) => shown.get(key)?.position };
}

/** Whether a locale's label is a sound message reading the same values as the reference; if not, says why. */
function checkMessage(
  key: string,
  mine: LabelText,
  reference: LabelText,
  referenceLocale: string,
  diagnostics: Diagnostic[],
): boolean {
  const parsed = parseMessage(mine.text);
  if (!parsed.ok) {
    diagnostics.push(
      warning(
        'i18n/bad-label',
        `label \`${key}\` is not a valid message: ${parsed.error}; the ${referenceLocale} text is shown`,
        mine.position,
        "write `{name}` for a value, `{count, plural, one {# card} other {# cards}}` for a plural, and quote a literal brace as `'{'`",
      ),
    );
    return false;
  }
  if (mine === reference) return true;
  const expected = parseMessage(reference.text);
  const have = argumentNames(parsed.ast).join(', ');
  const want = expected.ok ? argumentNames(expected.ast).join(', ') : have;
  if (have !== want) {
    diagnostics.push(
      warning(
        'i18n/label-placeholders',
        `label \`${key}\` reads ${have ? `{${have.split(', ').join('}, {')}}` : 'no value'}, but ${referenceLocale} reads ${want ? `{${want.split(', ').join('}, {')}}` : 'none'}`,
        mine.position,
        'keep every `{name}` of the reference label, spelt the same',
      ),
    );
  }
  return true;
}

/** Each label key a document reads, with where a layout reads it first (undefined: read by code). */
export type LabelUses = ReadonlyMap<string, Position | undefined>;

export interface CheckedLabels {
  /** `given`, with a text for every key of the uses. */
  labels: Labels;
  diagnostics: Diagnostic[];
}

/**
 * Checks the labels a document reads as soon as its layouts are loaded. `given` normally comes from
 * `loadLabels`, which already stood in the base language's or the reference text for a key the locale lacks
 * (and said so): a key still missing is in no catalog, a typo in a layout or a label nobody wrote, and is an
 * error at the layout's file, line and column; the key itself is shown. A caller that passes fewer labels (the
 * API, tests) gets the catalogs' texts for the rest, each one reported where a layout reads it.
 */
export function checkLabelUses(
  given: Labels,
  uses: LabelUses,
  locale: string,
  options: LoadLabelsOptions = {},
): CheckedLabels {
  const labels: Record<string, string> = { ...given };
  const diagnostics: Diagnostic[] = [];
  let catalogs: Labels | undefined;
  for (const [key, at] of uses) {
    if (Object.hasOwn(labels, key)) continue;
    catalogs ??= loadLabels(locale, options).labels;
    const text = catalogs[key];
    if (text !== undefined) {
      labels[key] = text;
      diagnostics.push(
        warning(
          'i18n/missing-label',
          `label \`${key}\` was not among the labels given for ${locale}: the catalog's text is used`,
          at,
          'pass the labels `loadLabels(locale)` returns',
        ),
      );
      continue;
    }
    labels[key] = key;
    const reference = join(
      displayDir(options.dir ?? LABELS_DIR),
      `${options.sourceLanguage ?? REFERENCE_LABELS}.yaml`,
    );
    const suggestion = didYouMean(key, Object.keys(catalogs));
    diagnostics.push(
      error(
        'i18n/missing-label',
        `label \`${key}\` is in no label catalog`,
        at ?? { file: reference },
        suggestion ?? `add \`${key}: ...\` to ${reference} and to every other catalog beside it`,
      ),
    );
  }
  return { labels, diagnostics };
}

/**
 * A label formatted for `locale`: `{name}` values filled in, plural forms chosen by the locale's rules. An
 * unknown key shows as itself and a value not given as `{name}`, so a gap is visible.
 */
export function formatLabel(
  labels: Labels,
  key: string,
  values: MessageValues = {},
  locale = REFERENCE_LABELS,
): string {
  return formatMessage(labels[key] ?? key, values, locale === PSEUDO_LOCALE ? REFERENCE_LABELS : locale);
}

type CatalogRead = { catalog?: Catalog; diagnostics: Diagnostic[] };

/**
 * A catalog read and checked, kept while its file is unchanged: every locale of a build (and every rebuild of a
 * watch) reads the same two or three catalogs.
 */
function readCatalogKept(dir: string, shownDir: string, name: string): CatalogRead {
  const absolutePath = join(dir, `${name}.yaml`);
  if (!existsSync(absolutePath)) return { diagnostics: [] };
  const file = join(shownDir, `${name}.yaml`);
  return readCatalogs.get(absolutePath, `${absolutePath}\0${shownDir}`, () =>
    readCatalog(absolutePath, file, name),
  );
}

const readCatalogs = new KeptReads<CatalogRead>();

function readCatalog(absolutePath: string, file: string, name: string): CatalogRead {
  const read = readYamlFile(absolutePath, file, `${name}.yaml`);
  const source = read.source;
  if (!source || hasErrors(read.diagnostics)) return { diagnostics: read.diagnostics };
  const diagnostics = [...read.diagnostics];
  const labels = new Map<string, LabelText>();
  const data = source.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    diagnostics.push(
      warning('i18n/bad-labels', `${file} must be a map of \`key: text\` lines`, {
        file,
        line: 1,
        column: 1,
      }),
    );
    return { diagnostics };
  }
  for (const [key, text] of Object.entries(data)) {
    if (typeof text !== 'string' || text === '') {
      diagnostics.push(
        warning(
          'i18n/bad-label',
          `label \`${key}\` must be a line of text`,
          positionOf(source, [key]),
          'write `key: text`; quote the text if it starts with a special character',
        ),
      );
      continue;
    }
    labels.set(key, new CatalogLabel(text, file, source, key));
  }
  return { catalog: { file, labels }, diagnostics };
}

function displayDir(dir: string): string {
  const rel = relative(process.cwd(), dir);
  return rel && !rel.startsWith('..') ? rel : dir;
}

export interface LabelStrings {
  /** `label.<key>` strings a translator of `locale` has to see, in the deck's source language. */
  strings: DeckString[];
  /** Labels the deck's own `labels/` catalogs already give for the locale: translated by hand, with no hash. */
  catalogued: Map<string, LocaleEntry>;
}

/**
 * The template labels a locale of a deck needs translated, as strings of the i18n flow: every label atelier
 * ships no text for in that locale (a Russian edition: all of them), every label the deck writes or rewords
 * in its own catalogs, and every label the locale file already translates. Their source is the label as the
 * deck prints it in its source language (an ICU message); a label the deck's `labels/<locale>.yaml` gives
 * counts as translated.
 */
export function labelStrings(deck: Deck, locale: string, options: { dir?: string } = {}): LabelStrings {
  const reader = new CatalogReader(options.dir ?? LABELS_DIR, deck);
  const sources = sourceLabels(reader, REFERENCE_LABELS);
  const chain = fallbackChain(locale);
  const shipped = new Set<string>();
  for (const name of chain) for (const key of reader.atelier(name)?.labels.keys() ?? []) shipped.add(key);
  const deckOwn = new Map<string, LabelText>();
  for (const name of [...chain].reverse())
    for (const [key, value] of reader.fromDeck(name)?.labels ?? []) deckOwn.set(key, value);
  const inFile = new Set<string>();
  for (const name of chain) {
    if (sameLocale(name, deck.meta.language)) continue;
    for (const key of loadLocaleFile(deck, name).file?.entries.keys() ?? [])
      if (key.startsWith(LABEL_KEY_PREFIX)) inFile.add(key.slice(LABEL_KEY_PREFIX.length));
  }
  const strings: DeckString[] = [];
  const catalogued = new Map<string, LocaleEntry>();
  for (const [key, source] of sources.source) {
    if (shipped.has(key) && !sources.deckWritten.has(key) && !inFile.has(key)) continue;
    const stringKey = `${LABEL_KEY_PREFIX}${key}`;
    strings.push({
      key: stringKey,
      text: source.text,
      field: 'label',
      path: ['labels', key],
      owner: `template label \`${key}\` (an ICU message: keep each {name} as it is)`,
      card: false,
      get position() {
        return source.position;
      },
    });
    const own = deckOwn.get(key);
    if (own)
      catalogued.set(stringKey, {
        key: stringKey,
        text: own.text,
        source: sourceHash(source.text),
        reviewed: false,
        get position() {
          return own.position;
        },
        get textPosition() {
          return own.position;
        },
      });
  }
  return { strings, catalogued };
}
