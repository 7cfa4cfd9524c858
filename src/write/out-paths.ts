import { existsSync, lstatSync, mkdtempSync, readdirSync, realpathSync, rmdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isWithin, readRegularFile } from '../fs-guard.ts';
import { PACKAGE_ROOT } from '../paths.ts';

/** The file every kit folder atelier writes holds; a folder without it is not atelier's to replace. */
export const MANIFEST_FILE = 'manifest.json';

/** The empty folder made and removed to learn whether anything can be created in a folder. */
export const PROBE_PREFIX = '.atelier-probe-';

/** Virtual file systems: writing there never makes a kit (and /proc can loop forever). */
const SYSTEM_ROOTS = ['/proc', '/sys'];

/** atelier's own folders: no kit is ever written over, around or into them. */
const SOURCE_FOLDERS = ['src', 'templates', 'fonts', 'tests', 'node_modules', '.git'].map((f) =>
  join(PACKAGE_ROOT, f),
);

/** The real path of a path that may not exist yet: its nearest existing ancestor resolved, the rest appended. */
export function realPathOf(path: string): string {
  const rest: string[] = [];
  let at = resolve(path);
  for (;;) {
    try {
      return join(realpathSync(at), ...rest.reverse());
    } catch {
      const parent = dirname(at);
      if (parent === at) return resolve(path);
      rest.push(basename(at));
      at = parent;
    }
  }
}

/**
 * Why an output root cannot take a kit, checked before any work: empty, on a system file system, a file,
 * under a file, or a folder where nothing can be created (read-only, immutable, no permission: tried, since
 * permission bits say nothing to root). Undefined when it can.
 */
export function outRootProblem(outDir: string, cwd: string = process.cwd()): string | undefined {
  if (outDir.trim() === '') return 'the output folder is empty: name a folder, e.g. `--out out`';
  const absolute = resolve(cwd, outDir);
  const real = realPathOf(absolute);
  for (const root of SYSTEM_ROOTS)
    if (isWithin(absolute, root) || isWithin(real, root))
      return `\`${outDir}\` is under ${root}, a system folder where no kit can be written`;
  let existing = absolute;
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(existing);
  } catch (e) {
    return `\`${outDir}\` cannot be used: ${(e as NodeJS.ErrnoException).code ?? 'unknown error'}`;
  }
  if (!stats.isDirectory()) {
    return existing === absolute
      ? `\`${outDir}\` is a file, not a folder`
      : `\`${outDir}\` lies under \`${existing}\`, which is a file, not a folder`;
  }
  for (const folder of [PACKAGE_ROOT, ...SOURCE_FOLDERS]) {
    if (real === folder) return `\`${outDir}\` is atelier's own folder ${folder}: name another output folder`;
  }
  for (const folder of SOURCE_FOLDERS) {
    if (isWithin(real, folder))
      return `\`${outDir}\` lies inside atelier's own folder ${folder}: name another output folder`;
  }
  let probe: string;
  try {
    probe = mkdtempSync(join(existing, PROBE_PREFIX));
  } catch (e) {
    return `nothing can be created in \`${existing}\` (${(e as NodeJS.ErrnoException).code ?? 'unknown error'}): name a writable output folder`;
  }
  try {
    rmdirSync(probe);
  } catch {
    // Already gone (another build clearing a killed build's probe): nothing to undo.
  }
  return undefined;
}

/**
 * Why one kit folder must not be replaced, or undefined: it is, or contains, a deck folder or atelier's own
 * source; it lies inside atelier's source; or it exists and is not a kit atelier wrote (no manifest of ours).
 * A kit folder inside a deck folder (`deck/out/…`) is allowed: it is created fresh or replaces only a kit.
 */
export function targetProblem(target: string, protectedFolders: readonly string[]): string | undefined {
  const real = realPathOf(target);
  const guarded = [
    ...protectedFolders.map((f) => ({ folder: realPathOf(f), what: 'the deck folder' })),
    ...[PACKAGE_ROOT, ...SOURCE_FOLDERS].map((folder) => ({ folder, what: "atelier's own folder" })),
  ];
  for (const { folder, what } of guarded) {
    if (real === folder) return `it is ${what} ${folder}`;
    if (isWithin(folder, real)) return `it holds ${what} ${folder}, which replacing it would delete`;
  }
  for (const folder of SOURCE_FOLDERS) {
    if (isWithin(real, folder)) return `it lies inside atelier's own folder ${folder}`;
  }
  let stats: ReturnType<typeof lstatSync>;
  try {
    stats = lstatSync(target);
  } catch {
    return undefined;
  }
  if (!stats.isDirectory()) return 'it exists and is not a folder';
  let entries: string[];
  try {
    entries = readdirSync(target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? undefined : `it cannot be read (${code ?? 'unknown error'})`;
  }
  if (entries.length === 0) return undefined;
  if (!isAtelierKit(target))
    return `it exists and holds no ${MANIFEST_FILE} written by atelier: it is not a kit atelier wrote`;
  return undefined;
}

/** Whether a folder holds the manifest atelier writes into every kit. */
export function isAtelierKit(folder: string): boolean {
  const read = readRegularFile(join(folder, MANIFEST_FILE), 16 * 1024 * 1024);
  if (read.bytes === undefined) return false;
  try {
    const manifest = JSON.parse(read.bytes.toString('utf8')) as { generator?: unknown };
    return manifest.generator === 'atelier';
  } catch {
    return false;
  }
}
