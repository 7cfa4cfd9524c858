import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import { type Diagnostic, error } from '../diagnostics/diagnostic.ts';
import { FORBIDDEN_KEYS, LIMITS } from './limits.ts';
import { positionOfRange } from './positions.ts';
import type { LoadedDeck, SourceFile } from './source.ts';

/** The main file every deck folder must have. */
export const DECK_FILE = 'deck.yaml';

export interface LoadResult {
  deck?: LoadedDeck;
  diagnostics: Diagnostic[];
}

/** Path as the user would type it from `cwd` (falls back to absolute outside it). */
export function displayPath(absolutePath: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, absolutePath);
  return rel && !rel.startsWith('..') ? rel : absolutePath;
}

/**
 * Reads every YAML file at the top of a deck folder (sub-folders hold assets and locales, not deck parts).
 * Never throws for bad input: unreadable, oversized, binary or malformed files become diagnostics.
 */
export function loadDeck(dir: string, cwd: string = process.cwd()): LoadResult {
  const absoluteDir = resolve(cwd, dir);
  const shownDir = displayPath(absoluteDir, cwd);
  let stat: ReturnType<typeof statSync> | undefined;
  try {
    stat = statSync(absoluteDir);
  } catch {
    stat = undefined;
  }
  if (!stat?.isDirectory()) {
    return {
      diagnostics: [
        error('load/no-deck-folder', `deck folder \`${shownDir}\` does not exist`, { file: shownDir }, 'give the path of a folder that holds a deck.yaml'),
      ],
    };
  }
  const names = readdirSync(absoluteDir)
    .filter((n) => /\.ya?ml$/i.test(n))
    .sort();
  const diagnostics: Diagnostic[] = [];
  if (!names.includes(DECK_FILE)) {
    diagnostics.push(
      error(
        'load/missing-deck-file',
        `deck folder \`${shownDir}\` has no ${DECK_FILE}`,
        { file: shownDir },
        names.length > 0 ? `rename the main file (found: ${names.join(', ')}) to ${DECK_FILE}` : `create ${DECK_FILE}; \`atelier init\` writes one to start from`,
      ),
    );
  }
  if (names.length > LIMITS.maxFiles) {
    diagnostics.push(error('load/too-many-files', `deck folder holds ${names.length} YAML files, more than ${LIMITS.maxFiles}`, { file: shownDir }));
    return { diagnostics };
  }
  const files: SourceFile[] = [];
  for (const name of names) {
    const result = loadFile(absoluteDir, name, cwd);
    diagnostics.push(...result.diagnostics);
    if (result.file) files.push(result.file);
  }
  return { deck: { dir: shownDir, absoluteDir, files }, diagnostics };
}

function loadFile(absoluteDir: string, name: string, cwd: string): { file?: SourceFile; diagnostics: Diagnostic[] } {
  const absolutePath = join(absoluteDir, name);
  const file = displayPath(absolutePath, cwd);
  const at = { file, line: 1, column: 1 };
  const escape = escapesFolder(absoluteDir, absolutePath);
  if (escape) return { diagnostics: [error('load/outside-deck', `${name} links to a file outside the deck folder`, at, 'copy the file into the deck folder instead of linking to it')] };
  let size: number;
  try {
    const s = statSync(absolutePath);
    if (!s.isFile()) return { diagnostics: [] };
    size = s.size;
  } catch (e) {
    return { diagnostics: [error('load/unreadable', `cannot read ${name}: ${(e as NodeJS.ErrnoException).code ?? 'unknown error'}`, at)] };
  }
  if (size > LIMITS.maxFileBytes) {
    return {
      diagnostics: [
        error('load/file-too-large', `${name} is ${Math.round(size / 1024)} KiB, over the ${LIMITS.maxFileBytes / 1024} KiB limit for a deck file`, at, 'split the deck over several YAML files in the same folder'),
      ],
    };
  }
  const bytes = readFileSync(absolutePath);
  const text = decodeUtf8(bytes);
  if (text === undefined) {
    return { diagnostics: [error('load/not-text', `${name} is not UTF-8 text`, at, 'save the file as UTF-8 text (binary files belong in an assets folder)')] };
  }
  const lineCounter = new LineCounter();
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const sourceFile: SourceFile = { file, absolutePath, name, text: source, document, lineCounter, data: undefined };
  const diagnostics: Diagnostic[] = [];
  for (const e of document.errors) {
    diagnostics.push({ ...error(yamlCode(e.code), yamlMessage(e.code, e.message), positionOfRange(sourceFile, e.pos), yamlHint(e.code)) });
  }
  for (const w of document.warnings) {
    diagnostics.push({ severity: 'warning', code: yamlCode(w.code), message: yamlMessage(w.code, w.message), ...positionOfRange(sourceFile, w.pos) });
  }
  if (document.errors.length > 0) return { file: sourceFile, diagnostics };
  diagnostics.push(...checkStructure(sourceFile));
  if (diagnostics.some((d) => d.severity === 'error')) return { file: sourceFile, diagnostics };
  if (document.contents === null) {
    diagnostics.push(error('load/empty-file', `${name} is empty`, at, name === DECK_FILE ? 'a deck.yaml needs at least a `meta:` section' : 'delete the file or add deck content to it'));
    return { file: sourceFile, diagnostics };
  }
  try {
    sourceFile.data = document.toJS({ maxAliasCount: LIMITS.maxAliasCount });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const code = /alias/i.test(message) ? 'yaml/alias-limit' : 'yaml/invalid';
    diagnostics.push(
      error(code, code === 'yaml/alias-limit' ? `${name} expands YAML aliases too many times (limit ${LIMITS.maxAliasCount})` : `${name} cannot be read: ${message}`, at, code === 'yaml/alias-limit' ? 'use fewer `*alias` references; a deck rarely needs any' : undefined),
    );
  }
  return { file: sourceFile, diagnostics };
}

/** Strict UTF-8 decoding; binary data (NUL bytes or invalid sequences) gives undefined. */
function decodeUtf8(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function escapesFolder(absoluteDir: string, absolutePath: string): boolean {
  try {
    const real = realpathSync(absolutePath);
    const rel = relative(realpathSync(absoluteDir), real);
    return rel.startsWith('..') || resolve(rel) === rel;
  } catch {
    return false;
  }
}

/** Forbidden keys and nesting depth, checked on the syntax tree before any object is built. */
function checkStructure(source: SourceFile): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  visit(source.document, {
    Pair(_key, pair, path) {
      if (isScalar(pair.key) && FORBIDDEN_KEYS.has(String(pair.key.value)) && pair.key.range) {
        diagnostics.push(
          error('yaml/forbidden-key', `the key \`${String(pair.key.value)}\` is not allowed`, positionOfRange(source, pair.key.range), 'rename or remove this key; it has no meaning in a deck'),
        );
      }
      if (path.length > LIMITS.maxDepth * 2 && isMap(pair.value)) {
        diagnostics.push(error('yaml/too-deep', `nesting deeper than ${LIMITS.maxDepth} levels`, pair.value.range ? positionOfRange(source, pair.value.range) : { file: source.file }));
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return diagnostics;
}

const YAML_CODES: Record<string, string> = {
  TAB_AS_INDENT: 'yaml/tab-indent',
  DUPLICATE_KEY: 'yaml/duplicate-key',
  BAD_INDENT: 'yaml/bad-indent',
  MISSING_CHAR: 'yaml/syntax',
  UNEXPECTED_TOKEN: 'yaml/syntax',
  BLOCK_AS_IMPLICIT_KEY: 'yaml/syntax',
  MULTILINE_IMPLICIT_KEY: 'yaml/syntax',
  MULTIPLE_DOCS: 'yaml/multiple-documents',
  BAD_ALIAS: 'yaml/bad-alias',
};

function yamlCode(code: string): string {
  return YAML_CODES[code] ?? 'yaml/syntax';
}

function yamlMessage(code: string, message: string): string {
  if (code === 'TAB_AS_INDENT') return 'tab used for indentation';
  if (code === 'DUPLICATE_KEY') return 'the same key appears twice in this map';
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+.*$/, '');
}

function yamlHint(code: string): string | undefined {
  switch (code) {
    case 'TAB_AS_INDENT':
      return 'YAML indents with spaces only; replace the tab with spaces';
    case 'DUPLICATE_KEY':
      return 'keep one of the two; the second would silently replace the first';
    case 'BAD_INDENT':
      return 'check that this line lines up with its siblings';
    case 'MULTIPLE_DOCS':
      return 'a deck file holds one document; remove the `---` separator or split into two files';
    default:
      return undefined;
  }
}
