import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Diagnostic, error, hasErrors, type Position, warning } from '../diagnostics/diagnostic.ts';
import { didYouMean } from '../diagnostics/suggest.ts';
import { positionOf } from '../load/positions.ts';
import type { SourceFile } from '../load/source.ts';
import { fallbackChain, PSEUDO_LOCALE } from '../locale-files/locale-tags.ts';
import { readYamlFile } from '../locale-files/read-yaml.ts';
import { PACKAGE_ROOT } from '../paths.ts';
import type { Labels } from '../render/types.ts';
import { pseudoLocalize } from './pseudo.ts';
import { typographyFor } from './typography/index.ts';

/** Where the label catalogs live: `templates/labels/<locale>.yaml`, flat `key: text` with `{name}` placeholders. */
export const LABELS_DIR = join(PACKAGE_ROOT, 'templates', 'labels');

/** The catalog every other is checked against, and the text used where a label is missing. */
export const REFERENCE_LABELS = 'en';

export interface LoadLabelsOptions {
  /** Catalog whose keys every locale must have (default `en`). */
  sourceLanguage?: string;
  /** Folder of the catalogs (tests use their own). */
  dir?: string;
}

export interface LabelsResult {
  labels: Labels;
  diagnostics: Diagnostic[];
  /** Where a label's text is written, for glyph diagnostics; located on demand. */
  positionOf(key: string): Position | undefined;
}

interface Catalog {
  file: string;
  labels: Map<string, CatalogLabel>;
}

/** A label of a catalog; its position is looked up only when a diagnostic needs it (that parses the file). */
class CatalogLabel {
  constructor(
    readonly text: string,
    private readonly source: SourceFile,
    private readonly key: string,
  ) {}

  get position(): Position {
    return positionOf(this.source, [this.key]);
  }
}

/**
 * The template labels of a locale: its own catalog over its base language's (`fr-CH` over `fr`), with the
 * locale's typography. A key of the reference catalog that the locale lacks is a diagnostic and shows the
 * reference text; `qps-ploc` is generated from the English catalog.
 */
export function loadLabels(locale: string, options: LoadLabelsOptions = {}): LabelsResult {
  const dir = options.dir ?? LABELS_DIR;
  const referenceLocale = options.sourceLanguage ?? REFERENCE_LABELS;
  const diagnostics: Diagnostic[] = [];
  const cache = new Map<string, Catalog | undefined>();
  const read = (name: string): Catalog | undefined => {
    if (!cache.has(name)) {
      const result = readCatalog(dir, name);
      diagnostics.push(...result.diagnostics);
      cache.set(name, result.catalog);
    }
    return cache.get(name);
  };
  const pseudo = locale === PSEUDO_LOCALE;
  // Most specific first: `fr-CH`, then `fr`.
  const chain = pseudo ? [REFERENCE_LABELS] : fallbackChain(locale);
  const own = chain.map(read).filter((c): c is Catalog => c !== undefined);
  const reference = read(referenceLocale);

  const merged = new Map<string, CatalogLabel>();
  // Least specific first, so the locale's own catalog wins.
  for (const catalog of [...own].reverse()) for (const [key, value] of catalog.labels) merged.set(key, value);

  if (own.length === 0 && !hasErrors(diagnostics)) {
    diagnostics.push(
      warning(
        'i18n/no-labels',
        `no label catalog for ${locale} (${chain.map((c) => `${c}.yaml`).join(', ')}): the ${referenceLocale} labels are used`,
        { file: displayDir(dir) },
        `add ${join(displayDir(dir), `${chain[0]}.yaml`)}`,
      ),
    );
  }
  if (!reference && !hasErrors(diagnostics)) {
    diagnostics.push(
      warning(
        'i18n/no-labels',
        `the reference label catalog ${referenceLocale}.yaml is missing: labels cannot be checked`,
        { file: displayDir(dir) },
      ),
    );
  }
  // A missing label belongs in the base catalog (`fr.yaml`), which serves every regional variant too.
  const home = own.at(-1);
  for (const [key, value] of reference?.labels ?? []) {
    const mine = merged.get(key);
    if (!mine) {
      merged.set(key, value);
      if (home) {
        diagnostics.push(
          warning(
            'i18n/missing-label',
            `label \`${key}\` is missing for ${locale}: "${value.text}" (${referenceLocale}) is shown`,
            { file: home.file },
            `add \`${key}: ...\` to ${home.file}`,
          ),
        );
      }
    } else if (placeholders(mine.text) !== placeholders(value.text)) {
      diagnostics.push(
        warning(
          'i18n/label-placeholders',
          `label \`${key}\` has placeholders ${placeholders(mine.text) || 'none'}, but ${referenceLocale} has ${placeholders(value.text) || 'none'}`,
          mine.position,
          'keep every `{name}` of the reference label, spelt the same',
        ),
      );
    }
  }

  const typography = typographyFor(locale);
  const labels: Record<string, string> = {};
  for (const [key, value] of merged)
    labels[key] = pseudo ? pseudoLocalize(value.text) : typography(value.text);
  return { labels, diagnostics, positionOf: (key) => merged.get(key)?.position };
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

/** A label with its `{name}` placeholders filled in; an unknown key shows as itself so a gap is visible. */
export function formatLabel(
  labels: Labels,
  key: string,
  values: Readonly<Record<string, string | number>> = {},
): string {
  const text = labels[key] ?? key;
  return text.replace(/\{([A-Za-z][\w-]*)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

function readCatalog(dir: string, name: string): { catalog?: Catalog; diagnostics: Diagnostic[] } {
  const absolutePath = join(dir, `${name}.yaml`);
  if (!existsSync(absolutePath)) return { diagnostics: [] };
  const file = join(displayDir(dir), `${name}.yaml`);
  const read = readYamlFile(absolutePath, file, `${name}.yaml`);
  const source = read.source;
  if (!source || hasErrors(read.diagnostics)) return { diagnostics: read.diagnostics };
  const diagnostics = [...read.diagnostics];
  const labels = new Map<string, CatalogLabel>();
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
    labels.set(key, new CatalogLabel(text, source, key));
  }
  return { catalog: { file, labels }, diagnostics };
}

function placeholders(text: string): string {
  return [...new Set([...text.matchAll(/\{([A-Za-z][\w-]*)\}/g)].map((m) => `{${m[1]}}`))].sort().join(', ');
}

function displayDir(dir: string): string {
  const rel = relative(process.cwd(), dir);
  return rel && !rel.startsWith('..') ? rel : dir;
}
