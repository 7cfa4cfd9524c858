import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { PACKAGE_ROOT } from '../paths.ts';

/** The starter decks `atelier init` can write, each a folder under starters/. */
export const STARTER_KINDS = ['workshop', 'cards'] as const;
export type StarterKind = (typeof STARTER_KINDS)[number];

export const STARTERS_DIR = join(PACKAGE_ROOT, 'starters');

export type InitResult =
  | { ok: true; dir: string; files: string[] }
  | { ok: false; dir: string; reason: string };

/** Entries a folder may already hold and still count as empty: a repository started there first. */
const HARMLESS = new Set(['.git', '.gitignore', '.DS_Store']);

/**
 * Writes a starter deck into `dir` (created if needed): the files of starters/<kind>/, with the deck id taken
 * from the folder's name, today's date, and the editor schema line pointing at this atelier's JSON Schema.
 * Refuses a folder that holds anything already: it never overwrites a file.
 */
export function initDeck(dir: string, kind: StarterKind, cwd: string = process.cwd()): InitResult {
  const target = resolve(cwd, dir);
  if (existsSync(target)) {
    if (!statSync(target).isDirectory())
      return { ok: false, dir, reason: `\`${dir}\` is a file, not a folder` };
    const present = readdirSync(target).filter((name) => !HARMLESS.has(name));
    if (present.length > 0) {
      const shown = present.slice(0, 3).join(', ') + (present.length > 3 ? ', ...' : '');
      return {
        ok: false,
        dir,
        reason: `\`${dir}\` is not empty (it holds ${shown}): atelier init writes only into a new or empty folder, so that it never overwrites your files`,
      };
    }
  }
  const source = join(STARTERS_DIR, kind);
  const files = listFiles(source);
  mkdirSync(target, { recursive: true });
  for (const file of files) {
    const to = join(target, file);
    mkdirSync(join(to, '..'), { recursive: true });
    if (file.endsWith('.yaml'))
      writeFileSync(to, personalize(readFileSync(join(source, file), 'utf8'), target));
    else copyFileSync(join(source, file), to);
  }
  return { ok: true, dir, files };
}

/** Files under `root`, relative to it, sorted. */
function listFiles(root: string, prefix = ''): string[] {
  return readdirSync(join(root, prefix), { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? listFiles(root, join(prefix, entry.name)) : [join(prefix, entry.name)],
    )
    .sort();
}

/** The starter's placeholders made the user's: schema path, deck id, date. */
function personalize(text: string, target: string): string {
  const schema = relative(target, join(PACKAGE_ROOT, 'schema', 'deck.schema.json'))
    .split(sep)
    .join('/');
  const today = new Date().toISOString().slice(0, 10);
  return text
    .replace(/^# yaml-language-server: \$schema=.*$/m, `# yaml-language-server: $schema=${schema}`)
    .replace(/^( {2}id: )[a-z0-9-]+$/m, `$1${deckId(target)}`)
    .replace(/^( {2}date: )"\d{4}-\d{2}-\d{2}"$/m, `$1"${today}"`);
}

/** A kebab-case id from the folder name (`My Deck` → `my-deck`), `my-deck` when nothing is left. */
export function deckId(folder: string): string {
  const id = basename(folder)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z0-9]/.test(id) ? id : 'my-deck';
}
