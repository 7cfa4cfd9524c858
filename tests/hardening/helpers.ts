import { cpSync, existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../../src/write/manifest.ts';
import { FIXTURES } from '../helpers/paths.ts';
import { tempDir } from '../helpers/temp-dirs.ts';

/** The i18n fixture: a small French deck with an English locale file (id `mini-atelier`). */
export const I18N_DECK = join(FIXTURES, 'i18n', 'mini');

/** A fresh copy of the i18n fixture deck in a temp folder; returns the deck folder. */
export function copyI18nDeck(name = 'deck'): string {
  const dir = join(tempDir('atelier-hardening-'), name);
  cpSync(I18N_DECK, dir, { recursive: true });
  return dir;
}

/**
 * Every entry under a folder with what it is: a file's sha256, a link's target, `dir` for folders. Links and
 * special files are recorded, never followed or read. Undefined when the folder does not exist.
 */
export function snapshot(dir: string): Record<string, string> | undefined {
  if (!existsSync(dir)) return undefined;
  const out: Record<string, string> = {};
  const walk = (folder: string, prefix: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      const rel = prefix ? `${prefix}/${name}` : name;
      const stats = lstatSync(path);
      if (stats.isSymbolicLink()) out[rel] = `link -> ${readlinkSync(path)}`;
      else if (stats.isDirectory()) {
        out[rel] = 'dir';
        walk(path, rel);
      } else if (stats.isFile()) out[rel] = sha256(readFileSync(path));
      else out[rel] = 'special';
    }
  };
  walk(dir, '');
  return out;
}

/** Whether a kit folder is complete and consistent: a manifest whose every file is there with its sha256. */
export function kitProblems(folder: string): string[] {
  const problems: string[] = [];
  let manifest: { files: { name: string; sha256: string; bytes: number }[] };
  try {
    manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
  } catch (e) {
    return [`${folder}: no readable manifest (${String(e)})`];
  }
  const names = new Set(readdirSync(folder));
  for (const file of manifest.files) {
    if (!names.has(file.name)) problems.push(`${folder}: ${file.name} missing`);
    else if (sha256(readFileSync(join(folder, file.name))) !== file.sha256)
      problems.push(`${folder}: ${file.name} does not match its manifest`);
  }
  if (names.size !== manifest.files.length + 1)
    problems.push(`${folder}: extra files ${[...names].join(', ')}`);
  return problems;
}
