import type { ZodType } from 'zod';
import { type Diagnostic, error } from '../diagnostics/diagnostic.ts';
import { closest } from '../diagnostics/suggest.ts';
import type { PathSegment } from '../load/positions.ts';
import { columnLetters } from '../load/sheets/grid.ts';
import type { SourceFile } from '../load/source.ts';
import { unwrap } from './zod-issues.ts';

interface Def {
  type: string;
  shape?: Record<string, ZodType>;
  element?: ZodType;
  valueType?: ZodType;
  options?: ZodType[];
  catchall?: ZodType;
}

const defOf = (schema: ZodType | undefined): Def | undefined => unwrap(schema)?.def as Def | undefined;

/**
 * The schema of the field at `path` inside an item, or where the path leaves the schema: the segment that
 * names no field and the fields allowed there (for "did you mean").
 */
function fieldSchema(
  item: ZodType,
  path: readonly PathSegment[],
  extra: Readonly<Record<string, ZodType>>,
): { schema: ZodType } | { bad: number; allowed: string[] } {
  let current: ZodType | undefined = item;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as PathSegment;
    const def = defOf(current);
    if (
      def?.type === 'object' &&
      typeof segment === 'string' &&
      def.shape &&
      Object.hasOwn(def.shape, segment)
    )
      current = def.shape[segment];
    else if (def?.type === 'array' && typeof segment === 'number') current = def.element;
    else if (def?.type === 'record' && typeof segment === 'string') current = def.valueType;
    // A context's keys beyond its name are the deck's own section ids: checked later, against each section.
    else if (
      def?.type === 'object' &&
      typeof segment === 'string' &&
      def.catchall &&
      i === 0 &&
      extra[segment]
    )
      current = extra[segment];
    else if (
      def?.type === 'object' &&
      typeof segment === 'string' &&
      def.catchall &&
      defOf(def.catchall)?.type !== 'never' // a strict object's catchall: no other key
    )
      return { schema: def.catchall };
    else return { bad: i, allowed: def?.type === 'object' ? Object.keys(def.shape ?? {}) : [] };
  }
  return current ? { schema: current } : { bad: path.length - 1, allowed: [] };
}

/**
 * Checks a spreadsheet's columns against the schema of the items it holds, once per column rather than once
 * per row: a header that names no field is reported on its header cell (with the nearest field name) and its
 * cells are set aside. The cells left are then read as the schema wants them: numbers and `true`/`false` from
 * their text, a list written in one cell from its lines. Zod then checks the items as it checks YAML ones.
 */
export function prepareSheet(
  source: SourceFile,
  item: ZodType,
  extra: Readonly<Record<string, ZodType>> = {},
): Diagnostic[] {
  const sheet = source.sheet;
  if (!sheet) return [];
  /** Fields a misspelt header was taken for: their "missing" on every row is the same mistake. */
  const suggested = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const rejected = new Set<string>();
  for (const column of sheet.columns) {
    if (column.field.length === 0) continue;
    const found = fieldSchema(item, column.field, extra);
    if ('schema' in found) continue;
    const wrong = String(column.field[found.bad]);
    const suggestion = closest(wrong, found.allowed);
    const fixed =
      suggestion === undefined ? undefined : column.field.map((s, i) => (i === found.bad ? suggestion : s));
    const where =
      found.bad === 0
        ? `\`${wrong}\` is not a field of ${singular(sheet.section)}`
        : `\`${column.field.join('.')}\` is no field of ${singular(sheet.section)} (\`${wrong}\` is not known there)`;
    diagnostics.push(
      error(
        'sheet/unknown-column',
        `column ${columnLetters(column.index)} \`${column.header}\`: ${where}`,
        column.position,
        fixed
          ? `did you mean \`${fixed.join('.')}${column.locale ? `@${column.locale}` : ''}\`?`
          : found.allowed.length
            ? `fields here: ${found.allowed.join(', ')}`
            : undefined,
      ),
    );
    rejected.add(String(column.field[0]));
    if (fixed && column.locale === undefined) suggested.add(fixed.join('.'));
  }
  sheet.suggested = suggested;
  const rows = (source.data as Record<string, unknown>)[sheet.section];
  if (!Array.isArray(rows)) return diagnostics;
  for (const row of rows as Record<string, unknown>[]) {
    for (const key of rejected) delete row[key];
    coerce(row, item, extra);
  }
  return diagnostics;
}

/** Converts the text of cells into what the schema at their place expects, in place. */
function coerce(value: unknown, schema: ZodType, extra: Readonly<Record<string, ZodType>> = {}): unknown {
  const def = defOf(schema);
  if (!def) return value;
  if (typeof value === 'string') {
    if (def.type === 'number' && /^-?\d+(?:\.\d+)?$/.test(value.trim())) return Number(value);
    if (def.type === 'boolean' && /^(?:true|false)$/i.test(value.trim()))
      return value.trim().toLowerCase() === 'true';
    if (def.type === 'array' && def.element) {
      // A list in one cell: one item per line.
      return value
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .map((line) => coerce(line, def.element as ZodType));
    }
    return value;
  }
  if (Array.isArray(value) && def.type === 'array' && def.element) {
    value.forEach((item, i) => {
      value[i] = coerce(item, def.element as ZodType);
    });
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      // `extra` holds the schemas of a context's own sections, for the item's top level only.
      const inner =
        def.type === 'object'
          ? (def.shape?.[key] ?? extra[key])
          : def.type === 'record'
            ? def.valueType
            : undefined;
      if (inner) record[key] = coerce(record[key], inner);
    }
  }
  return value;
}

function singular(section: string): string {
  return section === 'events' ? 'an event' : section === 'profiles' ? 'a profile' : 'a context';
}

/**
 * Schema messages say where in the data a problem is (`in events[3]`); a spreadsheet user reads rows and
 * columns: say which row, and that a missing field is an empty cell or a missing column.
 */
export function sheetWording(diagnostic: Diagnostic, source: SourceFile): Diagnostic | undefined {
  const sheet = source.sheet;
  if (!sheet) return diagnostic;
  const itemPattern = new RegExp(`(?: in | )${sheet.section}\\[(\\d+)\\]`, 'g');
  const item = Number(new RegExp(`${sheet.section}\\[(\\d+)\\]`).exec(diagnostic.message)?.[1] ?? Number.NaN);
  const row = Number.isNaN(item) ? undefined : (sheet.rowNumber(item) ?? item + 2);
  const message = diagnostic.message.replace(itemPattern, ` on row ${row}`);
  if (diagnostic.code !== 'schema/missing-field' || Number.isNaN(item)) return { ...diagnostic, message };
  // One or several fields missing from a row (zod-issues groups them): a misspelt header's field is no news.
  const fields = [...diagnostic.message.matchAll(/`([^`]+)`/g)]
    .map((m) => m[1] as string)
    .filter((f) => !sheet.suggested?.has(f));
  if (fields.length === 0) return undefined;
  const columnOf = (field: string) =>
    sheet.columns.find((c) => c.locale === undefined && c.field.join('.') === field);
  if (fields.length > 1) {
    return {
      ...diagnostic,
      message: `missing required fields ${fields.map((f) => `\`${f}\``).join(', ')} on row ${row}`,
      hint: 'fill in their cells, or add the columns they need',
    };
  }
  const field = fields[0] as string;
  const column = columnOf(field);
  const at = sheet.locate([sheet.section, item, ...field.split('.')]);
  return {
    ...diagnostic,
    ...at,
    message: column
      ? `missing required field \`${field}\` on row ${row}: its cell in column ${columnLetters(column.index)} \`${column.header}\` is empty`
      : `missing required field \`${field}\` on row ${row}: no column holds it`,
    hint: column
      ? 'fill in the cell'
      : `add a \`${field}\` column (or map a header to it under the source's \`columns:\`)`,
  };
}

/**
 * A diagnostic on a spreadsheet cell names the cell's column (an XLSX has no code frame), unless it names a
 * column already or is about a whole row.
 */
export function nameColumn(diagnostic: Diagnostic, files: readonly SourceFile[]): Diagnostic {
  if (
    diagnostic.line === undefined ||
    diagnostic.column === undefined ||
    /\bcolumn [A-Z]+\b|\bon row \d+/.test(diagnostic.message)
  )
    return diagnostic;
  const sheet = files.find((f) => f.sheet && f.file === diagnostic.file)?.sheet;
  const name = sheet?.columnName({
    file: diagnostic.file ?? '',
    line: diagnostic.line,
    column: diagnostic.column,
  });
  return name ? { ...diagnostic, message: `${diagnostic.message} (${name})` } : diagnostic;
}
