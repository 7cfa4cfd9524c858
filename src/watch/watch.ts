import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import { TEMPLATES_DIR } from '../compose/templates.ts';
import { IncrementalBuild, type IncrementalOptions, type Rebuild } from './incremental.ts';

export interface WatchOptions extends IncrementalOptions {
  /** Quiet time after the last save before rebuilding: editors save in bursts (temp file, rename, chmod). */
  debounceMs?: number;
  /** Called after every rebuild, good or bad, with the files whose change started it (none: the first). */
  onRebuild?: (rebuild: Rebuild, changed: string[]) => void;
  /** Told of an unexpected failure of a rebuild (a bug); watching goes on. */
  onError?: (error: unknown) => void;
}

/** Files a save never concerns: editor swap and backup files, dot files, atelier's own temporary folders. */
const IGNORED = /(^|[/\\])(\.[^/\\]+|[^/\\]*~|[^/\\]*\.sw[a-p]|4913|[^/\\]*\.(tmp|old)-[^/\\]*)$/;

/** Sources the rebuild reads again anyway; any other file (an image, a font) clears the rendered documents. */
const SOURCE = /\.(ya?ml|hbs)$/i;

/**
 * chokidar reports one change per file in 50 ms and drops the others. A save in that window (a fix saved the
 * moment a broken file's rebuild failed, which takes milliseconds; a formatter rewriting what the editor saved)
 * would never be built. So once this long has passed after the last report, the files' stamps are compared with
 * those taken when the last rebuild started, and what differs is rebuilt.
 */
const DROP_WINDOW_MS = 100;

/**
 * Watches deck folders and atelier's layouts, and rebuilds what each save touched (see IncrementalBuild).
 * Saves arriving during a rebuild are gathered into the next one; rebuilds never overlap.
 */
export class KitWatcher {
  readonly build: IncrementalBuild;
  private watcher: FSWatcher | undefined;
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private closed = false;
  /** Watched paths and the test for what is not watched in them (editor files, the output folder). */
  private readonly paths: readonly string[];
  private readonly ignored: (path: string) => boolean;
  /** Modification stamps of the watched files when the last rebuild started: what it read. */
  private read = new Map<string, string>();
  private lastReport = 0;
  private recheckTimer: NodeJS.Timeout | undefined;

  private constructor(
    readonly dirs: readonly string[],
    private readonly options: WatchOptions,
  ) {
    this.build = new IncrementalBuild(dirs, options);
    const cwd = options.cwd ?? process.cwd();
    const out = resolve(cwd, options.outDir ?? 'out');
    this.paths = [...dirs.map((d) => resolve(cwd, d)), TEMPLATES_DIR];
    this.ignored = (path) => IGNORED.test(path) || path === out || path.startsWith(`${out}/`);
  }

  /** Builds once, then watches; resolves once the first build is done and the watcher is ready. */
  static async start(dirs: readonly string[], options: WatchOptions = {}): Promise<KitWatcher> {
    const watcher = new KitWatcher(dirs, options);
    await watcher.run([]);
    const fsWatcher = watch([...watcher.paths], { ignoreInitial: true, ignored: watcher.ignored });
    watcher.watcher = fsWatcher;
    for (const event of ['add', 'change', 'unlink'] as const)
      fsWatcher.on(event, (path) => watcher.saw(path));
    // A watch that fails (too many watched files for the system's limit) is said, never silent.
    fsWatcher.on('error', (e) => (options.onError ? options.onError(e) : console.error(e)));
    await new Promise<void>((done) => fsWatcher.once('ready', () => done()));
    // A save between the first build and the watcher's start is seen by the same check.
    watcher.recheckLater();
    return watcher;
  }

  /** Stops watching; waits for a rebuild under way to finish (a folder is never left half-swapped). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.recheckTimer) clearTimeout(this.recheckTimer);
    await this.watcher?.close();
    await this.running;
  }

  private saw(path: string): void {
    if (this.closed) return;
    this.lastReport = Date.now();
    this.pending.add(path);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.options.debounceMs ?? 25);
  }

  private flush(): void {
    this.timer = undefined;
    if (this.running || this.closed || this.pending.size === 0) return;
    const changed = [...this.pending];
    this.pending.clear();
    this.running = this.run(changed).finally(() => {
      this.running = undefined;
      if (this.pending.size > 0) this.flush();
      else this.recheckLater();
    });
  }

  /** Compares the files with what the last rebuild read, once chokidar's drop window has passed. */
  private recheckLater(): void {
    if (this.recheckTimer) clearTimeout(this.recheckTimer);
    const wait = Math.max(0, this.lastReport + DROP_WINDOW_MS - Date.now());
    this.recheckTimer = setTimeout(() => {
      this.recheckTimer = undefined;
      if (this.closed || this.running || this.pending.size > 0) return;
      const now = this.stamps();
      for (const [path, stamp] of now) if (this.read.get(path) !== stamp) this.pending.add(path);
      for (const path of this.read.keys()) if (!now.has(path)) this.pending.add(path);
      this.flush();
    }, wait);
  }

  /** Modification time and size of every watched file. */
  private stamps(): Map<string, string> {
    const stamps = new Map<string, string>();
    const visit = (path: string) => {
      if (this.ignored(path)) return;
      try {
        const entry = lstatSync(path);
        // Into real folders only: a link to a folder (perhaps to its own parent) is stamped, not walked.
        if (entry.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
        else {
          const stat = entry.isSymbolicLink() ? statSync(path) : entry;
          stamps.set(path, `${stat.mtimeMs}:${stat.size}`);
        }
      } catch {
        // Gone between the listing and the stat: the next check sees it gone.
      }
    };
    for (const path of this.paths) visit(path);
    return stamps;
  }

  private async run(changed: string[]): Promise<void> {
    this.read = this.stamps();
    if (changed.some((path) => !SOURCE.test(path))) this.build.invalidate();
    try {
      const rebuild = await this.build.rebuild();
      this.options.onRebuild?.(rebuild, changed);
    } catch (e) {
      // Whatever rendered half is forgotten: the next save renders everything again.
      this.build.invalidate();
      if (this.options.onError) this.options.onError(e);
      else console.error(e);
    }
  }
}

/** One line per rebuild: what changed, what was written again, how long it took. */
export function rebuildLine(
  rebuild: Rebuild,
  changed: readonly string[],
  cwd: string = process.cwd(),
): string {
  const time = new Date().toTimeString().slice(0, 8);
  const what =
    changed.length === 0
      ? 'first build'
      : changed
          .slice(0, 3)
          .map((p) => {
            const near = relative(cwd, p);
            return near && !near.startsWith('..') ? near : p;
          })
          .join(', ') + (changed.length > 3 ? ` and ${changed.length - 3} more` : '');
  const first = rebuild.firstWriteMs;
  const ms =
    first !== undefined && rebuild.milliseconds - first > 1
      ? `cards in ${Math.round(first)} ms, guide in ${Math.round(rebuild.milliseconds)} ms`
      : `${Math.round(rebuild.milliseconds)} ms`;
  if (!rebuild.ok) {
    const errors = rebuild.result.diagnostics.filter((d) => d.severity === 'error').length;
    return `[${time}] ${what}: ${errors} error${errors === 1 ? '' : 's'}, the last good PDFs stay in place (${ms})`;
  }
  const written = rebuild.written.filter((w) => w.files.length > 0);
  const did =
    written.length === 0
      ? 'no PDF changed'
      : `rebuilt ${written.map((w) => `${w.folder}: ${w.files.join(', ')}`).join('; ')}`;
  return `[${time}] ${what}: ${did} (${ms})`;
}
