import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { validateDeck } from '../api.ts';
import type { Deck } from '../check/deck.ts';
import { printQuantities, quantityValues } from '../compose/guide/quantities.ts';
import { deckTemplatesDir } from '../compose/templates.ts';
import { type Diagnostic, hasErrors } from '../diagnostics/diagnostic.ts';
import { localeFilePath, translatedLocales } from '../locale-files/locale-file.ts';
import { checkGlyphs } from '../localize/glyphs.ts';
import { loadLabels } from '../localize/labels.ts';
import { localizeDeck } from '../localize/localize-deck.ts';
import { renderGuide, renderHandout } from '../render/guide/index.ts';
import { renderContextSheets, renderEventCards, renderPrintShop, styleFloors } from '../render/index.ts';
import type { DocumentKind, OutputFile, RenderInput, RenderOptions, RenderResult } from '../render/types.ts';
import { describeFiles, type Manifest, sha256 } from '../write/manifest.ts';
import { type OutputSet, writeOutputs } from '../write/write-outputs.ts';
import { buildDate } from './build-date.ts';

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
}

export interface BuiltLocale {
  deck: string;
  locale: string;
  folder: string;
  files: Manifest['files'];
  fitting: Manifest['fitting'];
  milliseconds: number;
}

export interface BuildResult {
  ok: boolean;
  built: BuiltLocale[];
  diagnostics: Diagnostic[];
}

const RENDERERS: Record<DocumentKind, (input: RenderInput) => Promise<RenderResult>> = {
  sheets: renderContextSheets,
  cards: renderEventCards,
  guide: renderGuide,
  handout: renderHandout,
};

/**
 * load → check → localize → compose/render → write, for every deck and locale asked for. Nothing is written
 * unless every deck and locale built without errors (and without warnings under `strict`).
 */
export async function buildDecks(dirs: readonly string[], options: BuildOptions = {}): Promise<BuildResult> {
  const cwd = options.cwd ?? process.cwd();
  const diagnostics: Diagnostic[] = [];
  const sets: OutputSet[] = [];
  const built: BuiltLocale[] = [];
  for (const dir of dirs) {
    const checked = validateDeck(dir, cwd);
    diagnostics.push(...checked.diagnostics);
    if (!checked.deck) continue;
    for (const locale of options.locales ?? [
      checked.deck.meta.language,
      ...translatedLocales(checked.deck),
    ]) {
      const started = performance.now();
      const result = await buildLocale(checked.deck, locale, options);
      diagnostics.push(...result.diagnostics);
      if (!result.set) continue;
      sets.push(result.set);
      built.push({
        deck: checked.deck.meta.id,
        locale,
        folder: result.set.folder,
        files: result.set.manifest.files,
        fitting: result.set.manifest.fitting,
        milliseconds: performance.now() - started,
      });
    }
  }
  const failed =
    hasErrors(diagnostics) || (options.strict === true && diagnostics.some((d) => d.severity === 'warning'));
  if (failed || sets.length === 0) return { ok: !failed && dirs.length > 0, built: [], diagnostics };
  writeOutputs(resolve(cwd, options.outDir ?? 'out'), sets);
  return { ok: true, built, diagnostics };
}

async function buildLocale(
  source: Deck,
  locale: string,
  options: BuildOptions,
): Promise<{ set?: OutputSet; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const localized = localizeDeck(source, locale, { strict: options.strict ?? false });
  diagnostics.push(...localized.diagnostics);
  const labels = loadLabels(locale, { deck: source });
  diagnostics.push(...labels.diagnostics);
  if (!localized.deck || hasErrors(diagnostics)) return { diagnostics };
  // Every glyph of every string, in the fonts this locale draws with: a missing one is an error, never a box.
  diagnostics.push(
    ...checkGlyphs(localized.deck, locale, localized.fonts, {
      origins: localized.origins,
      labels: { labels: labels.labels, positionOf: labels.positionOf },
    }),
  );
  if (hasErrors(diagnostics)) return { diagnostics };
  const input: RenderInput = {
    deck: localized.deck,
    locale,
    labels: labels.labels,
    fonts: localized.fonts,
    options: {
      ...(options.paper ? { paper: options.paper } : {}),
      ...(options.printShop ? { printShop: true } : {}),
    },
    date: buildDate(source.meta.date),
  };
  const kinds = options.only ?? (['sheets', 'cards', 'guide', 'handout'] as const);
  const files: OutputFile[] = [];
  const fitting: Manifest['fitting'] = {};
  const renderers = [
    ...kinds.map((kind) => RENDERERS[kind]),
    ...(options.printShop ? [renderPrintShop] : []),
  ];
  for (const render of renderers) {
    const result = await render(input);
    files.push(...result.files);
    diagnostics.push(...result.diagnostics);
    for (const file of result.files) if (file.fitting?.length) fitting[file.name] = styleFloors(file.fitting);
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
    warnings: diagnostics
      .filter((d) => d.severity === 'warning')
      .map(({ code, message, file, line, column }) => ({
        code,
        message,
        ...(file ? { file, line, column } : {}),
      })),
  };
  return { set: { folder, files, manifest }, diagnostics };
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
