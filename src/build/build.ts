import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { validateDeck } from '../api.ts';
import type { Deck } from '../check/deck.ts';
import { printQuantities, quantityValues } from '../compose/guide/quantities.ts';
import { deckTemplatesDir } from '../compose/templates.ts';
import { type Diagnostic, error, hasErrors } from '../diagnostics/diagnostic.ts';
import { displayPath } from '../load/load-deck.ts';
import { localeFilePath } from '../locale-files/locale-file.ts';
import { localeTagProblem } from '../locale-files/locale-tags.ts';
import { renderGuide, renderHandout } from '../render/guide/index.ts';
import {
  type FitRecord,
  renderContextSheets,
  renderEventCards,
  renderPrintShop,
  renderReprint,
  styleFloors,
  type TightSubject,
  tightSubjects,
} from '../render/index.ts';
import type { DocumentKind, OutputFile, RenderInput, RenderOptions, RenderResult } from '../render/types.ts';
import { describeFiles, type Manifest, sha256 } from '../write/manifest.ts';
import { outRootProblem } from '../write/out-paths.ts';
import {
  checkTargets,
  type OutputSet,
  refusal,
  type WriteOptions,
  type WriteResult,
  writeOutputs,
} from '../write/write-outputs.ts';
import { buildDate } from './build-date.ts';
import { defaultLocales, prepareLocale } from './prepare.ts';
import { changedCards, type EarlierBuild } from './reprint.ts';

export interface BuildOptions extends RenderOptions {
  /** Locales to build; default: the source language and every translation the deck has. */
  locales?: string[];
  /** Documents to build; default: all. */
  only?: DocumentKind[];
  /** Output root, `out/` by default; the layout inside is always `<deck-id>/<locale>/`. */
  outDir?: string;
  /** Warnings fail the build. */
  strict?: boolean;
  cwd?: string;
  /** File operations of the final write (tests make one fail midway). */
  writeIo?: WriteOptions['io'];
  /** Renders one document; watch mode passes one that reuses the documents an edit did not touch. */
  render?: DocumentRenderer;
  /** Writes the output sets (all or none); watch mode passes one that leaves unchanged files alone. */
  write?: (outRoot: string, sets: readonly OutputSet[], options: WriteOptions) => WriteResult | undefined;
  /** An earlier build of one deck and locale: its cards whose drawing changed go to `reprint-cards.pdf`. */
  changedSince?: EarlierBuild;
  /** Told before each document is rendered (the CLI shows progress on long builds). */
  onProgress?: (step: { deck: string; locale: string; document: string }) => void;
}

/** What may be built for a locale: the three documents, and the print-shop file on request. */
export type BuildDocument = DocumentKind | 'printShop';

export type DocumentRenderer = (document: BuildDocument, input: RenderInput) => Promise<RenderResult>;

export interface BuiltLocale {
  deck: string;
  locale: string;
  folder: string;
  files: Manifest['files'];
  fitting: Manifest['fitting'];
  /** Cards whose text had to shrink below its normal size (or did not fit), worst first. */
  tight: TightSubject[];
  milliseconds: number;
  /** With `changedSince`: the cards in `reprint-cards.pdf` (none: nothing to reprint, no file written). */
  reprint?: string[];
}

export interface BuildResult {
  ok: boolean;
  built: BuiltLocale[];
  diagnostics: Diagnostic[];
}

const RENDERERS: Record<BuildDocument, (input: RenderInput) => Promise<RenderResult>> = {
  sheets: renderContextSheets,
  cards: renderEventCards,
  guide: renderGuide,
  handout: renderHandout,
  printShop: renderPrintShop,
};

/** Renders a document from scratch: what a build does unless told otherwise. */
export const renderDocument: DocumentRenderer = (document, input) => RENDERERS[document](input);

/**
 * load → check → localize → compose/render → write, for every deck and locale asked for. Nothing is written
 * unless every deck and locale built without errors (and without warnings under `strict`).
 */
export async function buildDecks(dirs: readonly string[], options: BuildOptions = {}): Promise<BuildResult> {
  const cwd = options.cwd ?? process.cwd();
  const diagnostics: Diagnostic[] = [];
  const sets: OutputSet[] = [];
  const built: BuiltLocale[] = [];
  // Where the kits go is checked before any work: a build that cannot write fails in milliseconds.
  const outDir = options.outDir ?? 'out';
  const outProblem = outRootProblem(outDir, cwd);
  if (outProblem) return { ok: false, built: [], diagnostics: [error('write/bad-out', outProblem)] };
  const outRoot = resolve(cwd, outDir);
  const jobs: { deck: Deck; locale: string; target: string }[] = [];
  for (const dir of dirs) {
    const checked = validateDeck(dir, cwd);
    diagnostics.push(...checked.diagnostics);
    if (!checked.deck) continue;
    for (const locale of options.locales ?? defaultLocales(checked.deck))
      jobs.push({ deck: checked.deck, locale, target: join(outRoot, checked.deck.meta.id, locale) });
  }
  const protect = [...new Set([...jobs.map((j) => j.deck.absoluteDir), ...dirs.map((d) => resolve(cwd, d))])];
  // Refused targets fail the build before any rendering (the write checks them again when it swaps).
  const checkable = jobs.filter((j) => !localeTagProblem(j.locale)).map((j) => j.target);
  const checked = checkTargets(outRoot, checkable, protect);
  if (checked.locked) diagnostics.push(checked.locked);
  for (const [target, problem] of checked.refused)
    diagnostics.push(refusal(problem, target, displayPath(target, cwd)));
  for (const { deck, locale, target } of jobs) {
    if (checked.locked || checked.refused.has(target)) continue;
    const started = performance.now();
    const result = await buildLocale(deck, locale, options);
    diagnostics.push(...result.diagnostics);
    if (!result.set) continue;
    sets.push(result.set);
    built.push({
      deck: deck.meta.id,
      locale,
      folder: result.set.folder,
      files: result.set.manifest.files,
      fitting: result.set.manifest.fitting,
      tight: result.tight ?? [],
      milliseconds: performance.now() - started,
      ...(result.reprint ? { reprint: result.reprint } : {}),
    });
  }
  const since = options.changedSince;
  if (since && !hasErrors(diagnostics) && !built.some((b) => b.reprint))
    diagnostics.push(unmatchedEarlierBuild(since, built));
  const failed =
    hasErrors(diagnostics) || (options.strict === true && diagnostics.some((d) => d.severity === 'warning'));
  if (failed || sets.length === 0) return { ok: !failed && dirs.length > 0, built: [], diagnostics };
  const writeOptions: WriteOptions = {
    protect,
    ...(options.writeIo ? { io: options.writeIo } : {}),
  };
  const written = options.write
    ? (options.write(outRoot, sets, writeOptions) ?? { written: [], diagnostics: [] })
    : writeOutputs(outRoot, sets, writeOptions);
  if (written.diagnostics.length > 0)
    return { ok: false, built: [], diagnostics: [...diagnostics, ...written.diagnostics] };
  return { ok: true, built, diagnostics };
}

async function buildLocale(
  source: Deck,
  locale: string,
  options: BuildOptions,
): Promise<{ set?: OutputSet; diagnostics: Diagnostic[]; tight?: TightSubject[]; reprint?: string[] }> {
  const prepared = prepareLocale(source, locale, options.strict ? { strict: true } : {});
  const diagnostics = prepared.diagnostics;
  const localized = prepared.localized;
  const labels = prepared.labels;
  if (!localized) return { diagnostics };
  const input: RenderInput = {
    deck: localized.deck,
    locale,
    labels: labels.labels,
    fonts: localized.fonts,
    options: {
      ...(options.paper ? { paper: options.paper } : {}),
      ...(options.printShop ? { printShop: true } : {}),
      ...(options.printShopImages ? { printShopImages: options.printShopImages } : {}),
      ...(options.allowOverflow ? { allowOverflow: true } : {}),
    },
    date: buildDate(source.meta.date),
  };
  const kinds = options.only ?? (['sheets', 'cards', 'guide', 'handout'] as const);
  const files: OutputFile[] = [];
  const fitting: Manifest['fitting'] = {};
  const records: FitRecord[] = [];
  const faces: NonNullable<Manifest['faces']> = {};
  const documents: BuildDocument[] = [...kinds, ...(options.printShop ? (['printShop'] as const) : [])];
  const render = options.render ?? renderDocument;
  for (const document of documents) {
    options.onProgress?.({ deck: source.meta.id, locale, document });
    const result = await render(document, input);
    files.push(...result.files);
    diagnostics.push(...result.diagnostics);
    for (const file of result.files) {
      if (!file.fitting?.length) continue;
      fitting[file.name] = styleFloors(file.fitting);
      // The tight cards of the pseudo-locale report: the imposed files, not the print shop's copy of them.
      if (document !== 'printShop') records.push(...file.fitting);
    }
    for (const file of result.files) if (file.faces) faces[file.name] = file.faces;
  }
  let reprint: string[] | undefined;
  const since = options.changedSince;
  if (since && since.deck === source.meta.id && since.locale === locale) {
    reprint = changedCards(since.faces, faces);
    if (reprint.length > 0) {
      const result = await renderReprint(input, new Set(reprint));
      files.push(...result.files);
      diagnostics.push(...result.diagnostics);
    }
  }
  if (hasErrors(diagnostics)) return { diagnostics };
  const folder = join(source.meta.id, locale);
  const manifest: Manifest = {
    deck: source.meta.id,
    title: localized.deck.meta.title,
    locale,
    version: source.meta.version,
    date: input.date.toISOString(),
    generator: 'atelier',
    files: describeFiles(files),
    fitting,
    sources: sourceHashes(source, locale),
    quantities: quantityValues(printQuantities(localized.deck)),
    ...orderOf(files),
    warnings: diagnostics
      .filter((d) => d.severity === 'warning')
      .map(({ code, message, file, line, column }) => ({
        code,
        message,
        ...(file ? { file, line, column } : {}),
      })),
    ...(Object.keys(faces).length > 0 ? { faces } : {}),
  };
  return {
    set: { folder, files, manifest },
    diagnostics,
    tight: tightSubjects(records, ['event card', 'profile card']),
    ...(reprint ? { reprint } : {}),
  };
}

function orderOf(files: readonly OutputFile[]): Pick<Manifest, 'printShop'> {
  const order = files.find((f) => f.order)?.order;
  return order ? { printShop: order } : {};
}

function unmatchedEarlierBuild(since: EarlierBuild, built: readonly BuiltLocale[]): Diagnostic {
  const what = built.map((b) => `${b.deck}/${b.locale}`).join(', ') || 'nothing';
  return error(
    'build/changed-since',
    `${since.file} is a build of ${since.deck}/${since.locale}, and this build made ${what}`,
    { file: since.file },
    `build that deck and locale (--locale ${since.locale}) to compare with it`,
  );
}

function sourceHashes(deck: Deck, locale: string): Manifest['sources'] {
  const files = deck.files.map((name) => ({ file: name, absolutePath: join(deck.absoluteDir, name) }));
  // The deck's own layouts are sources too: editing one changes what is printed.
  const templates = deckTemplatesDir(deck.absoluteDir);
  if (templates)
    for (const name of readdirSync(templates, { recursive: true, encoding: 'utf8' }).sort())
      if (name.endsWith('.hbs'))
        files.push({ file: join('templates', name), absolutePath: join(templates, name) });
  const translation = localeFilePath(deck, locale);
  if (locale !== deck.meta.language && translation.exists) {
    files.push({
      file: relative(deck.absoluteDir, translation.absolutePath),
      absolutePath: translation.absolutePath,
    });
  }
  return files.flatMap(({ file, absolutePath }) => {
    try {
      return [{ file, sha256: sha256(readFileSync(absolutePath)) }];
    } catch {
      return [];
    }
  });
}
