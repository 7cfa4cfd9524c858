import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  type BuildDocument,
  type BuildOptions,
  type BuildResult,
  buildDecks,
  renderDocument,
} from '../build/build.ts';
import { TEMPLATES_DIR } from '../compose/templates.ts';
import { hasErrors } from '../diagnostics/diagnostic.ts';
import { styleFloors } from '../render/index.ts';
import type { RenderInput, RenderResult } from '../render/types.ts';
import { describeFiles, type Manifest, manifestJson, sha256 } from '../write/manifest.ts';
import { type OutputSet, type WriteResult, writeOutputs } from '../write/write-outputs.ts';
import { documentFingerprint, layoutStamps } from './fingerprint.ts';

/** What one rebuild did, for the watch line and the preview page. */
export interface Rebuild {
  ok: boolean;
  result: BuildResult;
  /** Per output folder (`<deck>/<locale>`), the files written again; folders left alone are not listed. */
  written: { folder: string; files: string[] }[];
  /** Documents rendered again, as `<deck>/<locale>/<document>`; the others were reused as they were. */
  rendered: string[];
  milliseconds: number;
  /** When the first documents were on disk (the cards, before the guide that follows them). */
  firstWriteMs?: number;
}

export interface IncrementalOptions extends BuildOptions {
  /** Called once the first documents are on disk, when slower ones follow (the preview shows the cards). */
  onFirstWrite?: () => void;
}

/** The last good state of one deck and locale: what the preview page shows. */
export interface LocaleState {
  deck: string;
  locale: string;
  folder: string;
  input: RenderInput;
  files: Map<string, Buffer>;
  manifest: Manifest;
}

/**
 * Documents written after the others when an edit touches both: the flow documents (the guide takes longer
 * than all the cards together).
 */
const FOLLOWING: readonly BuildDocument[] = ['guide', 'handout'];

interface Following {
  key: string;
  document: BuildDocument;
  input: RenderInput;
  fingerprint: string;
  folder: string;
}

/** A set with the files of a newly rendered document in place of the old ones, and its manifest to match. */
function replaceFiles(set: OutputSet, output: RenderResult): OutputSet {
  const files = set.files.map((f) => output.files.find((o) => o.name === f.name) ?? f);
  for (const f of output.files) if (!set.files.some((old) => old.name === f.name)) files.push(f);
  const fitting = { ...set.manifest.fitting };
  for (const f of output.files) {
    if (f.fitting?.length) fitting[f.name] = styleFloors(f.fitting);
    else delete fitting[f.name];
  }
  return { ...set, files, manifest: { ...set.manifest, files: describeFiles(files), fitting } };
}

interface CachedRender {
  fingerprint: string;
  result: RenderResult;
}

/**
 * Builds kits again and again in one process, doing only what an edit requires: the deck is read and localized
 * again (a few tens of ms), but a document whose inputs did not change is not rendered again, and a file whose
 * bytes did not change is not written again (it keeps its modification time). Layouts, fonts and compiled
 * code stay warm between builds. The atomic write stays: a folder is swapped whole, its unchanged files
 * hard-linked into the new one.
 */
export class IncrementalBuild {
  private readonly renders = new Map<string, CachedRender>();
  /** Per output folder, each file's sha256 as last written, and the manifest's text. */
  private readonly onDisk = new Map<string, { files: Map<string, string>; manifest: string }>();
  private readonly states = new Map<string, LocaleState>();
  private generation = 0;
  private readonly outRoot: string;

  constructor(
    readonly dirs: readonly string[],
    private readonly options: IncrementalOptions = {},
  ) {
    this.outRoot = resolve(options.cwd ?? process.cwd(), options.outDir ?? 'out');
  }

  /** Forget every rendered document (an image, a font or something else the fingerprints do not see changed). */
  invalidate(): void {
    this.generation++;
  }

  /** The last good outputs of each deck and locale, in build order. */
  get locales(): LocaleState[] {
    return [...this.states.values()];
  }

  async rebuild(): Promise<Rebuild> {
    const started = performance.now();
    const cwd = this.options.cwd ?? process.cwd();
    const layouts = layoutStamps([
      TEMPLATES_DIR,
      ...this.dirs.map((d) => join(resolve(cwd, d), 'templates')),
    ]);
    const rendered: string[] = [];
    const inputs = new Map<string, RenderInput>();
    const fresh = new Map<string, CachedRender>();
    const following: Following[] = [];
    const render = async (document: BuildDocument, input: RenderInput): Promise<RenderResult> => {
      const key = `${input.deck.meta.id}/${input.locale}/${document}`;
      inputs.set(`${input.deck.meta.id}/${input.locale}`, input);
      const fingerprint = `${this.generation}:${documentFingerprint(document, input, layouts[document])}`;
      const cached = this.renders.get(key);
      if (cached?.fingerprint === fingerprint) return cached.result;
      if (cached && FOLLOWING.includes(document)) {
        // The guide takes longer than all the cards: the cards go to disk first, the guide follows.
        following.push({ key, document, input, fingerprint, folder: join(input.deck.meta.id, input.locale) });
        return cached.result;
      }
      const result = await renderDocument(document, input);
      rendered.push(key);
      if (!hasErrors(result.diagnostics)) fresh.set(key, { fingerprint, result });
      return result;
    };
    const written: Rebuild['written'] = [];
    let sets: OutputSet[] = [];
    const write = (outRoot: string, all: readonly OutputSet[]) => {
      sets = [...all];
      return this.write(outRoot, all, written);
    };
    const result = await buildDecks(this.dirs, { ...this.options, render, write });
    if (!result.ok)
      return { ok: false, result, written, rendered, milliseconds: performance.now() - started };
    // Only a build that was written becomes the reference: after a failed one, the last good stays.
    for (const [key, value] of fresh) this.renders.set(key, value);
    this.remember(sets, inputs);
    const firstWrite = performance.now() - started;
    if (following.length === 0)
      return { ok: true, result, written, rendered, milliseconds: firstWrite, firstWriteMs: firstWrite };
    this.options.onFirstWrite?.();

    // By folder: a locale whose guide and handout both follow is written once, with both.
    const changedSets = new Map<string, OutputSet>();
    for (const next of following) {
      const output = await renderDocument(next.document, next.input);
      rendered.push(next.key);
      result.diagnostics.push(...output.diagnostics.filter((d) => d.severity === 'error'));
      if (hasErrors(output.diagnostics)) continue;
      this.renders.set(next.key, { fingerprint: next.fingerprint, result: output });
      const index = sets.findIndex((set) => set.folder === next.folder);
      const set = sets[index];
      if (!set) continue;
      const replaced = replaceFiles(set, output);
      sets[index] = replaced;
      changedSets.set(replaced.folder, replaced);
    }
    if (changedSets.size > 0) {
      const failed = this.write(this.outRoot, [...changedSets.values()], written);
      if (failed) result.diagnostics.push(...failed.diagnostics);
      else this.remember([...changedSets.values()], inputs);
    }
    const ok = !hasErrors(result.diagnostics);
    return {
      ok,
      result,
      written,
      rendered,
      milliseconds: performance.now() - started,
      firstWriteMs: firstWrite,
    };
  }

  /** Writes the sets whose files or manifest differ from the folder's, linking the unchanged files. */
  /** Writes what changed; the write's result when it failed (the files on disk are then as they were). */
  private write(
    outRoot: string,
    all: readonly OutputSet[],
    written: Rebuild['written'],
  ): WriteResult | undefined {
    const hashes = new Map(all.map((set) => [set, new Map(set.files.map((f) => [f.name, sha256(f.bytes)]))]));
    const changed = all.flatMap((set) => {
      const unchanged = this.unchangedFiles(set, hashes.get(set) ?? new Map());
      const manifest = manifestJson(set.manifest);
      if (unchanged.length === set.files.length && this.onDisk.get(set.folder)?.manifest === manifest)
        return [];
      const files = set.files.filter((f) => !unchanged.includes(f.name)).map((f) => f.name);
      const entry = written.find((w) => w.folder === set.folder);
      if (entry) entry.files.push(...files.filter((f) => !entry.files.includes(f)));
      else written.push({ folder: set.folder, files });
      return [{ ...set, unchanged }];
    });
    const result = changed.length > 0 ? writeOutputs(outRoot, changed) : undefined;
    if (result && result.diagnostics.length > 0) return result;
    for (const set of all)
      this.onDisk.set(set.folder, {
        files: hashes.get(set) ?? new Map(),
        manifest: manifestJson(set.manifest),
      });
    return undefined;
  }

  /** Files of a set whose bytes are those already in its folder. */
  private unchangedFiles(set: OutputSet, hashes: Map<string, string>): string[] {
    let known = this.onDisk.get(set.folder)?.files;
    if (!known) {
      // First build of this process: compare with what an earlier run left in the folder.
      known = new Map();
      for (const f of set.files) {
        try {
          known.set(f.name, sha256(readFileSync(join(this.outRoot, set.folder, f.name))));
        } catch {}
      }
    }
    const same = known;
    return set.files.filter((f) => same.get(f.name) === hashes.get(f.name)).map((f) => f.name);
  }

  private remember(sets: readonly OutputSet[], inputs: Map<string, RenderInput>): void {
    for (const set of sets) {
      const { deck, locale } = set.manifest;
      const input = inputs.get(`${deck}/${locale}`);
      if (!input) continue;
      const files = new Map(set.files.map((f) => [f.name, f.bytes]));
      this.states.set(`${deck}/${locale}`, {
        deck,
        locale,
        folder: set.folder,
        input,
        files,
        manifest: set.manifest,
      });
    }
  }
}
