import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { type Diagnostic, error, warning } from '../diagnostics/diagnostic.ts';
import { leavesFolder } from '../fs-guard.ts';
import { LIMITS } from './limits.ts';
import { readPlainYaml } from './plain-yaml.ts';
import { readDeckText } from './read-text.ts';
import { loadSheets } from './sheets/load-sheets.ts';
import { type LoadedDeck, lazySourceFile, type SourceFile } from './source.ts';
import { checkStructure, firstAlias } from './structure.ts';
import { yamlDiagnostics } from './yaml-diagnostics.ts';

/** The main file every deck folder must have. */
export const DECK_FILE = 'deck.yaml';

export interface LoadResult {
  deck?: LoadedDeck;
  diagnostics: Diagnostic[];
}

export { leavesFolder };

/** Path as the user would type it from `cwd`: relative inside it (`.` for cwd itself), absolute outside it. */
export function displayPath(absolutePath: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, absolutePath);
  if (rel === '') return '.';
  return leavesFolder(rel) ? absolutePath : rel;
}

/**
 * Reads every YAML file at the top of a deck folder (sub-folders hold assets and locales, not deck parts),
 * deck.yaml first so that it counts as the first place anything is written.
 * Never throws for bad input: unreadable, oversized, binary or malformed files become diagnostics.
 */
export function loadDeck(dir: string, cwd: string = process.cwd()): LoadResult {
  const absoluteDir = resolve(cwd, dir);
  const shownDir = displayPath(absoluteDir, cwd);
  let names: string[];
  try {
    if (!statSync(absoluteDir).isDirectory()) throw new Error('not a folder');
    // Hidden files are the editor's or the system's (`.#deck.yaml`, macOS `._deck.yaml`), not the trainer's.
    names = readdirSync(absoluteDir).filter((n) => /\.ya?ml$/i.test(n) && !n.startsWith('.'));
  } catch {
    return {
      diagnostics: [
        error(
          'load/no-deck-folder',
          `deck folder \`${shownDir}\` does not exist`,
          { file: shownDir },
          'give the path of a folder that holds a deck.yaml',
        ),
      ],
    };
  }
  names.sort((a, b) => Number(b === DECK_FILE) - Number(a === DECK_FILE) || (a < b ? -1 : a > b ? 1 : 0));
  const diagnostics: Diagnostic[] = [];
  if (!names.includes(DECK_FILE)) {
    diagnostics.push(
      error(
        'load/missing-deck-file',
        `deck folder \`${shownDir}\` has no ${DECK_FILE}`,
        { file: shownDir },
        names.length > 0
          ? `rename the main file (found: ${names.join(', ')}) to ${DECK_FILE}`
          : `create ${DECK_FILE}; \`atelier init\` writes one to start from`,
      ),
    );
  }
  if (names.length > LIMITS.maxFiles) {
    diagnostics.push(
      error(
        'load/too-many-files',
        `deck folder holds ${names.length} YAML files, more than ${LIMITS.maxFiles}`,
        { file: shownDir },
      ),
    );
    return { diagnostics };
  }
  const files: SourceFile[] = [];
  const unreadable: string[] = [];
  for (const name of names) {
    const result = loadFile(absoluteDir, name, cwd);
    diagnostics.push(...result.diagnostics);
    if (result.file) files.push(result.file);
    else unreadable.push(name);
  }
  // Spreadsheets listed under `sources:` (CSV, XLSX) join the deck as files of their own, after the YAML.
  const sheets = loadSheets(absoluteDir, files, (path) => displayPath(path, cwd));
  diagnostics.push(...sheets.diagnostics);
  files.push(...sheets.files);
  unreadable.push(...sheets.unreadable);
  return { deck: { dir: shownDir, absoluteDir, files, unreadable }, diagnostics };
}

function loadFile(
  absoluteDir: string,
  name: string,
  cwd: string,
): { file?: SourceFile; diagnostics: Diagnostic[] } {
  const absolutePath = join(absoluteDir, name);
  const file = displayPath(absolutePath, cwd);
  const at = { file, line: 1, column: 1 };
  const read = readDeckText(absolutePath, name, file, absoluteDir);
  if (read.text === undefined) return { diagnostics: [read.diagnostic] };
  const text = read.text;
  // Plain YAML (nearly every deck file) is read fast; its syntax tree is built only if a diagnostic needs a
  // position. Anything else goes through the careful parser and its checks at once.
  const plain = readPlainYaml(text);
  const sourceFile = lazySourceFile({ file, absolutePath, name, text });
  if (plain !== undefined) {
    sourceFile.data = plain;
    return { file: sourceFile, diagnostics: [] };
  }
  const { document } = sourceFile;
  const diagnostics = yamlDiagnostics(sourceFile);
  if (diagnostics.some((d) => d.severity === 'error')) return { file: sourceFile, diagnostics };
  diagnostics.push(...checkStructure(sourceFile));
  if (diagnostics.some((d) => d.severity === 'error')) return { file: sourceFile, diagnostics };
  if (document.contents === null) {
    // An empty extra file harms nothing (a part not written yet); an empty deck.yaml leaves no deck at all.
    if (name !== DECK_FILE) {
      sourceFile.data = {};
      diagnostics.push(
        warning('load/empty-file', `${name} is empty`, at, 'delete the file or add deck content to it'),
      );
    } else {
      diagnostics.push(
        error('load/empty-file', `${name} is empty`, at, 'a deck.yaml needs at least a `meta:` section'),
      );
    }
    return { file: sourceFile, diagnostics };
  }
  try {
    sourceFile.data = document.toJS({ maxAliasCount: LIMITS.maxAliasCount });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/excessive alias count/i.test(message)) {
      diagnostics.push(
        error(
          'yaml/alias-limit',
          `${name} expands YAML aliases too many times (limit ${LIMITS.maxAliasCount})`,
          firstAlias(sourceFile) ?? at,
          'use fewer `*alias` references; a deck rarely needs any',
        ),
      );
    } else {
      diagnostics.push(error('yaml/invalid', `${name} cannot be read: ${message}`, at));
    }
  }
  return { file: sourceFile, diagnostics };
}
