import { realpathSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { type Diagnostic, error, type Position } from '../../diagnostics/diagnostic.ts';
import { type PathSegment, positionOf } from '../positions.ts';
import { readDeckText } from '../read-text.ts';
import type { SourceFile } from '../source.ts';
import { readCsv } from './csv.ts';
import { SheetSource, type SheetSourceOut } from './declaration.ts';
import { sheetSource } from './sheet-source.ts';
import { readXlsx } from './xlsx.ts';

/** An XLSX file is zipped XML: a few megabytes hold thousands of rows. */
export const MAX_XLSX_BYTES = 8 * 1024 * 1024;

interface Declared {
  declaration: SheetSourceOut;
  in: SourceFile;
  index: number;
}

/**
 * Reads the spreadsheets the deck's YAML files list under `sources:`, each into a source file of its own.
 * Declarations that are not valid are skipped here: the check stage reports them with the rest of the schema.
 */
export function loadSheets(
  absoluteDir: string,
  yamlFiles: readonly SourceFile[],
  displayOf: (absolutePath: string) => string,
): { files: SourceFile[]; unreadable: string[]; diagnostics: Diagnostic[] } {
  const declared: Declared[] = [];
  for (const file of yamlFiles) {
    const list = (file.data as { sources?: unknown } | undefined)?.sources;
    if (!Array.isArray(list)) continue;
    list.forEach((entry, index) => {
      const parsed = SheetSource.safeParse(entry);
      if (parsed.success) declared.push({ declaration: parsed.data, in: file, index });
    });
  }
  const deckFile = yamlFiles.find((f) => f.name === 'deck.yaml');
  const language = (deckFile?.data as { meta?: { language?: unknown } } | undefined)?.meta?.language;
  const sourceLanguage = typeof language === 'string' ? language : undefined;

  const files: SourceFile[] = [];
  const unreadable: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, Declared>();
  for (const entry of declared) {
    const at = (path: PathSegment[]) => positionOf(entry.in, ['sources', entry.index, ...path]);
    const name = entry.declaration.file;
    const absolutePath = resolve(absoluteDir, name);
    const first = seen.get(absolutePath);
    if (first) {
      diagnostics.push({
        ...error(
          'sheet/duplicate-source',
          `\`${name}\` is listed twice as a source: its rows would be read twice`,
          at(['file']),
          'list each spreadsheet once',
        ),
        related: { ...positionOf(first.in, ['sources', first.index, 'file']), message: 'first listed' },
      });
      continue;
    }
    seen.set(absolutePath, entry);
    const result = loadSheet(absoluteDir, absolutePath, entry.declaration, at, displayOf, sourceLanguage);
    diagnostics.push(...result.diagnostics);
    if (result.file) files.push(result.file);
    else unreadable.push(name);
  }
  return { files, unreadable, diagnostics };
}

function loadSheet(
  absoluteDir: string,
  absolutePath: string,
  declaration: SheetSourceOut,
  at: (path: PathSegment[]) => Position,
  displayOf: (absolutePath: string) => string,
  sourceLanguage: string | undefined,
): { file?: SourceFile; diagnostics: Diagnostic[] } {
  const name = declaration.file;
  const file = displayOf(absolutePath);
  const problem = placeProblem(absoluteDir, absolutePath);
  if (problem) {
    return {
      diagnostics: [
        error(
          problem === 'outside' ? 'sheet/outside-deck' : 'sheet/missing',
          problem === 'outside'
            ? `\`${name}\` is outside the deck folder`
            : `\`${name}\` does not exist in the deck folder`,
          at(['file']),
          problem === 'outside'
            ? 'copy the spreadsheet into the deck folder and give its path relative to it'
            : 'paths are relative to the deck folder, e.g. `cards.csv` or `sheets/cards.xlsx`',
        ),
      ],
    };
  }
  const base = { file, absolutePath, name: relative(absoluteDir, absolutePath) };
  if (/\.csv$/i.test(name)) {
    if (declaration.sheet !== undefined) {
      return {
        diagnostics: [
          error('sheet/sheet-in-csv', 'a CSV file has no worksheets', at(['sheet']), 'remove `sheet:`'),
        ],
      };
    }
    const read = readDeckText(absolutePath, name, file, absoluteDir);
    if (read.text === undefined) return { diagnostics: [read.diagnostic] };
    const csv = readCsv(read.text, file, declaration.delimiter);
    if (!csv.grid) return { diagnostics: csv.diagnostics };
    const made = sheetSource(
      csv.grid,
      declaration,
      { ...base, text: read.text },
      sourceLanguage,
      csv.lineCounter,
    );
    return { file: made.file, diagnostics: made.diagnostics };
  }
  if (declaration.delimiter !== undefined) {
    return {
      diagnostics: [
        error(
          'sheet/delimiter-in-xlsx',
          'an XLSX file has no separator',
          at(['delimiter']),
          'remove `delimiter:`',
        ),
      ],
    };
  }
  const size = statSync(absolutePath).size;
  if (size > MAX_XLSX_BYTES) {
    return {
      diagnostics: [
        error(
          'load/file-too-large',
          `${name} is ${Math.round(size / 1024)} KiB, over the ${MAX_XLSX_BYTES / 1024} KiB limit for a workbook`,
          { file, line: 1, column: 1 },
          'split the cards over several workbooks, or save the sheet as CSV',
        ),
      ],
    };
  }
  const xlsx = readXlsx(absolutePath, file, declaration.sheet, at(declaration.sheet ? ['sheet'] : ['file']));
  if (!xlsx.grid) return { diagnostics: xlsx.diagnostics };
  const made = sheetSource(xlsx.grid, declaration, { ...base, text: '' }, sourceLanguage);
  return { file: made.file, diagnostics: made.diagnostics };
}

/** A spreadsheet path must name a file inside the deck folder, links followed. */
function placeProblem(absoluteDir: string, target: string): 'outside' | 'missing' | undefined {
  const inside = (p: string, dir: string) => {
    const rel = relative(dir, p);
    return rel !== '' && !rel.startsWith('..') && resolve(dir, rel) === p;
  };
  if (!inside(target, absoluteDir)) return 'outside';
  try {
    if (!statSync(target).isFile()) return 'missing';
    return inside(realpathSync(target), realpathSync(absoluteDir)) ? undefined : 'outside';
  } catch {
    return 'missing';
  }
}
