import { type Diagnostic, error, type Position, warning } from '../../diagnostics/diagnostic.ts';
import { FORBIDDEN_KEYS } from '../limits.ts';
import { positionTree } from '../position-tree.ts';
import type { PathSegment } from '../positions.ts';
import type { SheetColumn, SheetInfo, SheetTranslation, SourceFile } from '../source.ts';
import { parseFieldPath, type SheetSourceOut } from './declaration.ts';
import { columnLetters, type Grid, type GridRow, isBlank } from './grid.ts';

/** Where a column of the header row sends its cells. */
interface Mapped extends SheetColumn {
  /** The column's field, as a key (`questions\u00001`). */
  key: string;
}

const keyOf = (path: readonly PathSegment[]) => path.map(String).join('\u0000');

/**
 * Turns the rows of a spreadsheet into a source file like a YAML one: `{ events: [ {...}, ... ] }`, one item
 * per row, each cell at the field path its header names. Empty cells are left out (an empty optional field is
 * an absent one), and numbered list columns close up (`questions.0` empty, `questions.1` written: one
 * question). Every value stays text here; the check stage reads numbers where the schema wants them.
 */
export function sheetSource(
  grid: Grid,
  declaration: SheetSourceOut,
  base: Pick<SourceFile, 'file' | 'absolutePath' | 'name' | 'text'>,
  sourceLanguage: string | undefined,
  lineCounter?: SourceFile['lineCounter'],
): { file: SourceFile; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const section = declaration.into;
  const [header, ...rows] = grid.rows;
  const columns = header ? mapColumns(header, declaration, sourceLanguage, diagnostics) : [];
  const built = rows.map((row, item) => buildRow(row, item, columns, diagnostics));
  const data = { [section]: built.map((b) => b.value) };
  const translations = built.flatMap((b) => b.translations);
  const headerRow = header ?? { number: 1, cells: [], at: () => grid.start };

  const locate = (path: readonly PathSegment[], options: { key?: boolean } = {}): Position => {
    if (path.length === 0 || path[0] !== section) return grid.start;
    const index = path[1];
    if (typeof index !== 'number') return headerRow.at(0);
    const row = rows[index];
    const cells = built[index]?.cells;
    if (!row || !cells) return headerRow.at(0);
    // The exact cell; else the column the field would be in (an empty cell); else the nearest written parent.
    for (let end = path.length; end > 2; end--) {
      const field = path.slice(2, end);
      const key = keyOf(field);
      const column =
        columns.find((c) => c.locale === undefined && cells.get(key) === c.index) ??
        columns.find((c) => c.locale === undefined && c.key === key) ??
        columns.find((c) => c.locale === undefined && c.key.startsWith(`${key}\u0000`));
      if (column) return options.key ? column.position : row.at(column.index);
    }
    return row.at(firstWritten(row));
  };
  const has = (path: readonly PathSegment[]): boolean => {
    if (path.length === 0 || (path.length === 1 && path[0] === section)) return true;
    if (path[0] !== section || typeof path[1] !== 'number') return false;
    const cells = built[path[1]]?.cells;
    if (!cells) return false;
    if (path.length === 2) return true;
    const key = keyOf(path.slice(2));
    return [...cells.keys()].some((k) => k === key || k.startsWith(`${key}\u0000`));
  };
  const rowNumber = (index: number) => rows[index]?.number;
  const columnName = (position: Position): string | undefined => {
    for (const row of grid.rows) {
      for (const column of columns) {
        const at = row.at(column.index);
        if (at.line === position.line && at.column === position.column)
          return `column ${columnLetters(column.index)} \`${column.header}\``;
      }
    }
    return undefined;
  };
  const sheet: SheetInfo = { section, columns, translations, locate, has, rowNumber, columnName };
  let tree: ReturnType<typeof positionTree> | undefined;
  const file: SourceFile = {
    ...base,
    data,
    sheet,
    // No YAML tree: positions come from `sheet`. An empty tree keeps code that asks for one working.
    get document() {
      tree ??= positionTree('');
      return tree.document;
    },
    get lineCounter() {
      if (lineCounter) return lineCounter;
      tree ??= positionTree('');
      return tree.lineCounter;
    },
  };
  return { file, diagnostics };
}

function firstWritten(row: GridRow): number {
  const index = row.cells.findIndex((cell) => !isBlank(cell));
  return Math.max(0, index);
}

/** Reads the header row: each header names a field path, through `columns:` or as it is. */
function mapColumns(
  header: GridRow,
  declaration: SheetSourceOut,
  sourceLanguage: string | undefined,
  diagnostics: Diagnostic[],
): Mapped[] {
  const mapping = new Map(Object.entries(declaration.columns ?? {}).map(([k, v]) => [k.trim(), v]));
  const columns: Mapped[] = [];
  const seen = new Map<string, Mapped>();
  header.cells.forEach((cell, index) => {
    const position = header.at(index);
    const text = typeof cell === 'string' ? cell.trim() : '';
    const name = `column ${columnLetters(index)}`;
    if (text === '') {
      diagnostics.push(
        error(
          'sheet/no-header',
          `${name} has no header: its cells cannot be placed`,
          position,
          'write the field the column holds (e.g. `title`) in its first row, or delete the column',
        ),
      );
      return;
    }
    const target = mapping.get(text) ?? text;
    if (target === '-') {
      columns.push({ header: text, index, field: [], position, key: '' });
      return;
    }
    const parsed = parseFieldPath(target);
    if (!parsed || parsed.path.some((s) => typeof s === 'string' && FORBIDDEN_KEYS.has(s))) {
      diagnostics.push(
        error(
          'sheet/bad-header',
          `${name} \`${text}\` names no field`,
          position,
          mapping.has(text)
            ? `map it to a field path such as \`title\`, \`questions.1\` or \`title@en\` in \`columns:\``
            : `map it in the source's \`columns:\` (\`"${text}": title\`), or \`"${text}": "-"\` to ignore it`,
        ),
      );
      return;
    }
    const locale =
      parsed.locale !== undefined && sourceLanguage !== undefined && parsed.locale === sourceLanguage
        ? undefined // `title@fr` in a French deck is the source text itself
        : parsed.locale;
    const column: Mapped = {
      header: text,
      index,
      field: parsed.path,
      ...(locale !== undefined ? { locale } : {}),
      position,
      key: keyOf(parsed.path),
    };
    const id = `${column.key}@${locale ?? ''}`;
    const clash =
      seen.get(id) ??
      [...seen.values()].find(
        (c) =>
          (c.locale ?? '') === (locale ?? '') &&
          (c.key.startsWith(`${column.key}\u0000`) || column.key.startsWith(`${c.key}\u0000`)),
      );
    if (clash) {
      diagnostics.push({
        ...error(
          'sheet/duplicate-column',
          `${name} \`${text}\` feeds \`${describe(column)}\`, as column ${columnLetters(clash.index)} \`${clash.header}\` does`,
          position,
          'keep one column per field: delete or rename one of the two',
        ),
        related: { ...clash.position, message: 'first column' },
      });
      return;
    }
    seen.set(id, column);
    columns.push(column);
  });
  // Translation columns need their source column (whose list positions they follow).
  for (const column of columns) {
    if (column.locale === undefined) continue;
    if (!columns.some((c) => c.locale === undefined && c.key === column.key)) {
      diagnostics.push(
        error(
          'sheet/translation-without-source',
          `column ${columnLetters(column.index)} \`${column.header}\` translates \`${column.field.join('.')}\`, which no column holds`,
          column.position,
          `add a \`${column.field.join('.')}\` column with the source text`,
        ),
      );
    }
  }
  return columns.filter(
    (c) => c.locale === undefined || columns.some((s) => s.locale === undefined && s.key === c.key),
  );
}

function describe(column: SheetColumn): string {
  return `${column.field.join('.')}${column.locale ? `@${column.locale}` : ''}`;
}

interface BuiltRow {
  value: Record<string, unknown>;
  /** Data path of each written cell (as a key) → its column index. */
  cells: Map<string, number>;
  translations: SheetTranslation[];
}

/** One row as an item: written cells at their field paths, numbered lists closed up. */
function buildRow(row: GridRow, item: number, columns: Mapped[], diagnostics: Diagnostic[]): BuiltRow {
  const written: { column: Mapped; text: string }[] = [];
  for (const column of columns) {
    if (column.field.length === 0) continue;
    const cell = row.cells[column.index];
    if (cell !== undefined && typeof cell !== 'string') {
      diagnostics.push(
        error(
          'sheet/cell-error',
          `the cell of \`${column.header}\` holds the error ${cell.error}`,
          row.at(column.index),
          'fix the formula, or type the value in',
        ),
      );
      continue;
    }
    if (isBlank(cell)) continue;
    written.push({ column, text: normalize(cell as string) });
  }
  // Numbered list items close up: the n-th written item of a list gets index n, whatever its column number.
  const renumber = new Map<string, number>();
  const finalPath = (field: readonly PathSegment[]): PathSegment[] => {
    const out: PathSegment[] = [];
    field.forEach((segment, i) => {
      if (typeof segment !== 'number') {
        out.push(segment);
        return;
      }
      const id = `${keyOf(field.slice(0, i))}\u0001${segment}`;
      let index = renumber.get(id);
      if (index === undefined) {
        const list = keyOf(field.slice(0, i));
        index = [...renumber.keys()].filter((k) => k.startsWith(`${list}\u0001`)).length;
        renumber.set(id, index);
      }
      out.push(index);
    });
    return out;
  };
  const sources = written
    .filter((w) => w.column.locale === undefined)
    .sort((a, b) => compareFields(a.column.field, b.column.field));
  const value: Record<string, unknown> = {};
  const cells = new Map<string, number>();
  const pathOfKey = new Map<string, PathSegment[]>();
  for (const { column, text } of sources) {
    const path = finalPath(column.field);
    setDeep(value, path, text);
    cells.set(keyOf(path), column.index);
    pathOfKey.set(column.key, path);
  }
  const translations: SheetTranslation[] = [];
  for (const { column, text } of written) {
    if (column.locale === undefined) continue;
    const field = pathOfKey.get(column.key);
    if (!field) {
      diagnostics.push(
        warning(
          'sheet/translation-without-source',
          `\`${column.header}\` is filled in but this row's \`${column.field.join('.')}\` is empty: the translation is not used`,
          row.at(column.index),
          `write the source text in the \`${column.field.join('.')}\` column, or empty this cell`,
        ),
      );
      continue;
    }
    translations.push({ locale: column.locale, item, field, text, position: row.at(column.index) });
  }
  return { value, cells, translations };
}

/** Spreadsheets save Windows line ends inside cells; the deck's text uses `\n`. Edges are trimmed. */
function normalize(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

function compareFields(a: readonly PathSegment[], b: readonly PathSegment[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as PathSegment;
    const y = b[i] as PathSegment;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

/** Sets `value` at `path`, creating maps and lists on the way (a number segment makes a list). */
function setDeep(root: Record<string, unknown>, path: readonly PathSegment[], value: string): void {
  let node: Record<PathSegment, unknown> = root;
  path.forEach((segment, i) => {
    if (i === path.length - 1) {
      node[segment] = value;
      return;
    }
    const next = path[i + 1];
    if (node[segment] === undefined || typeof node[segment] !== 'object')
      node[segment] = typeof next === 'number' ? [] : {};
    node = node[segment] as Record<PathSegment, unknown>;
  });
}
