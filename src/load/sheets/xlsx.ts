import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import type * as Synckit from 'synckit';
import { type Diagnostic, error, type Position } from '../../diagnostics/diagnostic.ts';
import { didYouMean } from '../../diagnostics/suggest.ts';
import { PACKAGE_ROOT } from '../../paths.ts';
import { type CellValue, columnLetters, type Grid, isBlank } from './grid.ts';

interface WorkerAnswer {
  problem?: string;
  sheets?: string[];
  sheet?: string;
  rows?: { number: number; cells: CellValue[] }[];
}

/*
 * exceljs reads workbooks asynchronously only, and the load stage is synchronous (every stage and command
 * calls it so). A worker thread runs exceljs while this thread waits on it (synckit): the cost, a worker and
 * exceljs loaded, is paid only by a deck that has an XLSX source, and only once per process. synckit itself is
 * loaded then too (it stays outside the CLI bundle, and loading it from its package costs every run ~12 ms).
 */
let readInWorker: ((path: string, sheet: string | undefined) => WorkerAnswer) | undefined;

/** Seconds a workbook may take to read before it is reported as unreadable rather than hanging a build. */
const READ_TIMEOUT_MS = 60_000;

/** A sheet name as a reference writes it: quoted when it holds anything but letters, digits and `_`. */
export function sheetReference(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replaceAll("'", "''")}'`;
}

/** Reads one worksheet of an XLSX file; cells are located as `Sheet!B7`. */
export function readXlsx(
  absolutePath: string,
  file: string,
  sheetName: string | undefined,
  declaredAt: Position,
): { grid?: Grid; diagnostics: Diagnostic[] } {
  readInWorker ??= (createRequire(import.meta.url)('synckit') as typeof Synckit).createSyncFn(
    join(PACKAGE_ROOT, 'src', 'load', 'sheets', 'xlsx-worker.mjs'),
    { timeout: READ_TIMEOUT_MS },
  );
  let answer: WorkerAnswer;
  try {
    answer = readInWorker(absolutePath, sheetName);
  } catch (e) {
    answer = { problem: e instanceof Error ? e.message : String(e) };
  }
  if (answer.problem !== undefined || !answer.sheets) {
    return {
      diagnostics: [
        error(
          'sheet/unreadable',
          `${basename(file)} cannot be read as an XLSX workbook: ${answer.problem ?? 'no worksheets'}`,
          { file, line: 1, column: 1 },
          'save it again from the spreadsheet program as "Excel Workbook (.xlsx)"',
        ),
      ],
    };
  }
  if (!answer.rows || answer.sheet === undefined) {
    return {
      diagnostics: [
        error(
          'sheet/no-such-sheet',
          `${file} has no worksheet \`${sheetName}\``,
          declaredAt,
          didYouMean(sheetName ?? '', answer.sheets) ?? `its worksheets: ${answer.sheets.join(', ')}`,
        ),
      ],
    };
  }
  const reference = sheetReference(answer.sheet);
  const at = (row: number, index: number): Position => ({
    file,
    line: row,
    column: index + 1,
    cell: `${reference}!${columnLetters(index)}${row}`,
  });
  const rows = answer.rows
    .filter((row) => !row.cells.every((cell) => isBlank(cell)))
    .map((row) => ({ number: row.number, cells: row.cells, at: (index: number) => at(row.number, index) }));
  return { grid: { rows, start: at(1, 0) }, diagnostics: [] };
}
