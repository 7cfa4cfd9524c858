import { type CsvError, parse } from 'csv-parse/sync';
import { LineCounter } from 'yaml';
import { type Diagnostic, error, type Position } from '../../diagnostics/diagnostic.ts';
import { type Grid, type GridRow, isBlank } from './grid.ts';

const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/**
 * Reads CSV text (already checked to be UTF-8, byte-order mark removed) with csv-parse. Positions are the
 * line and column of each cell's first character in the file, as for YAML, so code frames show the cell.
 */
export function readCsv(
  text: string,
  file: string,
  delimiter?: Delimiter,
): { grid?: Grid; lineCounter: LineCounter; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  const where = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const separator = delimiter ?? guessDelimiter(text);
  let records: { record: string[]; raw: string }[];
  try {
    records = parse(text, {
      delimiter: separator,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as unknown as { record: string[]; raw: string }[];
  } catch (e) {
    const problem = e as CsvError & { lines?: number; raw?: string };
    const line = typeof problem.lines === 'number' ? problem.lines : 1;
    return {
      lineCounter,
      diagnostics: [
        error(
          'sheet/csv-syntax',
          `this CSV cannot be read: ${problem.message.replace(/ at line \d+.*$/, '')}`,
          { file, line, column: 1 },
          'a cell holding the separator, a quote or a line break must be in double quotes, with any quote ' +
            'inside doubled (`"say ""hi"""`); most spreadsheet programs save it so',
        ),
      ],
    };
  }
  const rows: GridRow[] = [];
  let offset = 0;
  records.forEach(({ record, raw }, i) => {
    const starts = fieldStarts(raw, separator, offset);
    offset += raw.length;
    if (record.every((cell) => isBlank(cell))) return;
    rows.push({
      number: i + 1,
      cells: record,
      at: (index) => where(starts[index] ?? starts.at(-1) ?? offset),
    });
  });
  return { grid: { rows, start: { file, line: 1, column: 1 } }, lineCounter, diagnostics: [] };
}

/** The separator the header row uses most: Excel in many European locales saves CSV with `;`. */
function guessDelimiter(text: string): Delimiter {
  const header = text.slice(0, text.search(/\r?\n|$/));
  let best: Delimiter = ',';
  let count = 0;
  for (const d of DELIMITERS) {
    const n = header.split(d).length - 1;
    if (n > count) {
      best = d;
      count = n;
    }
  }
  return best;
}

/**
 * Offsets in the file where each field of a record starts. The record was parsed by csv-parse already: this
 * only walks its raw text (blank lines before it, quoted fields with doubled quotes) to find where cells are.
 */
function fieldStarts(raw: string, separator: string, base: number): number[] {
  let i = 0;
  while (raw[i] === '\n' || raw[i] === '\r') i++; // blank lines csv-parse keeps with the next record
  const starts: number[] = [base + i];
  let quoted = false;
  for (; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '"') {
      if (quoted && raw[i + 1] === '"') i++;
      else quoted = !quoted;
    } else if (!quoted && ch === separator) starts.push(base + i + 1);
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
  }
  return starts;
}
