import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { validateDeck } from '../api.ts';
import type { Deck } from '../check/deck.ts';
import { printQuantities, quantityValues } from '../compose/guide/quantities.ts';
import { deckTemplatesDir } from '../compose/templates.ts';
import { type Diagnostic, error, hasErrors } from '../diagnostics/diagnostic.ts';
import { localeFilePath } from '../i18n/locale-file.ts';
import { displayPath } from '../load/load-deck.ts';
import { localeTagProblem } from '../localize/locale-tags.ts';
import { renderGuide, renderHandout } from '../render/guide/index.ts';
import { renderContextSheets, renderEventCards, renderPrintShop, styleFloors } from '../render/index.ts';
import type { DocumentKind, OutputFile, RenderInput, RenderOptions, RenderResult } from '../render/types.ts';
import { describeFiles, type Manifest, sha256 } from '../write/manifest.ts';
import { outRootProblem, targetProblem } from '../write/out-paths.ts';
import { type OutputSet, type WriteOptions, writeOutputs } from '../write/write-outputs.ts';
import { buildDate } from './build-date.ts';
import { defaultLocales, prepareLocale } from './prepare.ts';

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
  // Where the kits go is checked before any work: a build that cannot write fails in milliseconds.
  const outDir = options.outDir ?? 'out';
  const outProblem = outRootProblem(outDir, cwd);
  if (outProblem) return { ok: false, built: [], diagnostics: [error('write/bad-out', outProblem)] };
  const outRoot = resolve(cwd, outDir);
  const protect: string[] = [];
  for (const dir of dirs) {
    const checked = validateDeck(dir, cwd);
    diagnostics.push(...checked.diagnostics);
    if (!checked.deck) continue;
    protect.push(checked.deck.absoluteDir);
    for (const locale of options.locales ?? defaultLocales(checked.deck)) {
      const target = join(outRoot, checked.deck.meta.id, locale);
      const refused =
        !localeTagProblem(locale) && targetProblem(target, [...protect, ...dirs.map((d) => resolve(cwd, d))]);
      if (refused) {
        diagnostics.push(
          error(
            'write/not-a-kit',
            `will not replace ${target}: ${refused}`,
            { file: displayPath(target, cwd) },
            'name another output folder with `--out`; atelier replaces only kit folders it wrote',
          ),
        );
        continue;
      }
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
  const written = writeOutputs(outRoot, sets, {
    protect: [...protect, ...dirs.map((d) => resolve(cwd, d))],
    ...(options.writeIo ? { io: options.writeIo } : {}),
  });
  if (written.diagnostics.length > 0)
    return { ok: false, built: [], diagnostics: [...diagnostics, ...written.diagnostics] };
  return { ok: true, built, diagnostics };
}

async function buildLocale(
  source: Deck,
  locale: string,
  options: BuildOptions,
): Promise<{ set?: OutputSet; diagnostics: Diagnostic[] }> {
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
