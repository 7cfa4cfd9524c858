import type { Position } from '../../diagnostics/diagnostic.ts';

/** A cell a spreadsheet could not give as text (an XLSX formula error such as `#N/A`). */
export interface CellError {
  error: string;
}

export type CellValue = string | CellError;

/** One row of a spreadsheet as read, with where each of its cells is. */
export interface GridRow {
  /** Row number as the spreadsheet program shows it (the header row is usually 1). */
  number: number;
  /** Cell values by column index (0 = first column); missing and empty cells are ''. */
  cells: CellValue[];
  /** Position of the cell in column `index` (0-based), as a diagnostic shows it. */
  at(index: number): Position;
}

/** A spreadsheet read as rows of text: the header row first, then the data rows (blank rows dropped). */
export interface Grid {
  rows: GridRow[];
  /** A place to point at for the whole sheet (its first cell). */
  start: Position;
}

/** `A`, `B`, ... `Z`, `AA`: the spreadsheet name of a 0-based column index. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    out = String.fromCharCode(65 + rest) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function isBlank(value: CellValue | undefined): boolean {
  return value === undefined || (typeof value === 'string' && value.trim() === '');
}
