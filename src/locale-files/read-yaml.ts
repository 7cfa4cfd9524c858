import { LineCounter, parseDocument } from 'yaml';
import { type Diagnostic, error, hasErrors } from '../diagnostics/diagnostic.ts';
import { LIMITS } from '../load/limits.ts';
import { readPlainYaml } from '../load/plain-yaml.ts';
import { readDeckText } from '../load/read-text.ts';
import { lazySourceFile, type SourceFile } from '../load/source.ts';
import { checkStructure, firstAlias } from '../load/structure.ts';
import { yamlDiagnostics } from '../load/yaml-diagnostics.ts';

export interface ReadYamlResult {
  /** The parsed file; `data` is set only when the YAML is sound. */
  source?: SourceFile;
  diagnostics: Diagnostic[];
}

/**
 * Reads a translation or label file with the same guards as deck files (size, encoding, syntax, forbidden keys,
 * aliases; given `deckDir`, a link leading out of it is refused unread). Scalars are read with YAML's failsafe schema: every value stays text, so a translation that reads
 * `yes`, `1.0` or `null` is never turned into something else.
 */
export function readYamlFile(
  absolutePath: string,
  file: string,
  name: string,
  deckDir?: string,
): ReadYamlResult {
  const read = readDeckText(absolutePath, name, file, deckDir);
  if (read.text === undefined) return { diagnostics: read.diagnostic ? [read.diagnostic] : [] };
  return parseYamlText(read.text, absolutePath, file, name);
}

/** Same as `readYamlFile`, for text already in memory (an import checks its result before writing it). */
export function parseYamlText(
  text: string,
  absolutePath: string,
  file: string,
  name: string,
): ReadYamlResult {
  // Plain YAML (every file atelier writes) is read fast, its syntax tree built only if a position is asked for.
  const plain = readPlainYaml(text, { failsafe: true });
  if (plain !== undefined) {
    const source = lazySourceFile({ file, absolutePath, name, text });
    source.data = plain;
    return { source, diagnostics: [] };
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
    schema: 'failsafe',
  });
  const source: SourceFile = { file, absolutePath, name, text, document, lineCounter, data: undefined };
  const diagnostics = yamlDiagnostics(source);
  if (hasErrors(diagnostics)) return { source, diagnostics };
  diagnostics.push(...checkStructure(source));
  if (hasErrors(diagnostics)) return { source, diagnostics };
  try {
    source.data = document.toJS({ maxAliasCount: LIMITS.maxAliasCount }) ?? {};
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    diagnostics.push(
      /excessive alias count/i.test(message)
        ? error(
            'yaml/alias-limit',
            `${name} expands YAML aliases too many times (limit ${LIMITS.maxAliasCount})`,
            firstAlias(source) ?? { file, line: 1, column: 1 },
          )
        : error('yaml/invalid', `${name} cannot be read: ${message}`, { file, line: 1, column: 1 }),
    );
  }
  return { source, diagnostics };
}
