import type { ZodType, z } from 'zod';
import { type Diagnostic, error, type Position } from '../diagnostics/diagnostic.ts';
import { closest, didYouMean } from '../diagnostics/suggest.ts';
import { hasNode, type PathSegment, positionOf, positionOfKey } from '../load/positions.ts';
import type { SourceFile } from '../load/source.ts';

type Issue = z.core.$ZodIssue;

/** A file with more schema problems than this is probably not a deck file at all; the rest would be noise. */
export const MAX_ISSUES_PER_FILE = 50;

/** A diagnostic plus what is needed to tidy the list: which map a missing field or an unknown key belongs to. */
interface Found {
  diagnostic: Diagnostic;
  missing?: { map: string; field: string; path: PathSegment[] };
  unknownSuggests?: { map: string; field: string };
}

/** Turns zod's issues for one file into located diagnostics, each pointing at the YAML node concerned. */
export function issuesToDiagnostics(
  source: SourceFile,
  schema: ZodType,
  issues: readonly Issue[],
): Diagnostic[] {
  // Locating costs a walk of the tree per issue: bound the work before it, not only the output.
  const found = withoutFollowOns(issues)
    .slice(0, MAX_ISSUES_PER_FILE * 4)
    .flatMap((issue) => toFound(source, schema, issue, []));
  const diagnostics = tidy(source, found);
  if (diagnostics.length <= MAX_ISSUES_PER_FILE) return diagnostics;
  const shown = diagnostics.slice(0, MAX_ISSUES_PER_FILE);
  const firstHidden = diagnostics[MAX_ISSUES_PER_FILE];
  return [
    ...shown,
    error(
      'schema/too-many-problems',
      `${diagnostics.length - shown.length} more problems in this file are not shown`,
      { file: source.file, line: firstHidden?.line ?? 1, column: firstHidden?.column ?? 1 },
      'is this really a deck file? fix the problems above first',
    ),
  ];
}

/**
 * Once a value has the wrong type, zod may still run length checks on it (a string where a list belongs gets
 * "too many characters"): keep only the type complaint for that place.
 */
function withoutFollowOns(issues: readonly Issue[]): Issue[] {
  const wrongType = new Set(
    issues.filter((i) => i.code === 'invalid_type').map((i) => pathKey(i.path as PathSegment[])),
  );
  return issues.filter((i) => i.code === 'invalid_type' || !wrongType.has(pathKey(i.path as PathSegment[])));
}

/**
 * A misspelt key shows up twice, as an unknown key and as a missing field: keep the unknown key, whose hint
 * names the field. Several fields missing from one map become one diagnostic.
 */
function tidy(source: SourceFile, found: Found[]): Diagnostic[] {
  const suggested = new Set(
    found.flatMap((f) => (f.unknownSuggests ? [`${f.unknownSuggests.map}\0${f.unknownSuggests.field}`] : [])),
  );
  const kept = found.filter((f) => !f.missing || !suggested.has(`${f.missing.map}\0${f.missing.field}`));
  const missingByMap = new Map<string, Found[]>();
  for (const f of kept)
    if (f.missing) missingByMap.set(f.missing.map, [...(missingByMap.get(f.missing.map) ?? []), f]);
  const out: Diagnostic[] = [];
  for (const f of kept) {
    if (!f.missing) {
      out.push(f.diagnostic);
      continue;
    }
    const group = missingByMap.get(f.missing.map) ?? [];
    if (group.length === 1) out.push(f.diagnostic);
    else if (group[0] === f)
      out.push(
        missingFields(
          source,
          f.missing.path.slice(0, -1),
          group.map((g) => g.missing?.field ?? ''),
        ),
      );
  }
  return out;
}

function missingFields(source: SourceFile, mapPath: PathSegment[], fields: string[]): Diagnostic {
  const list = fields.map((f) => `\`${f}\``).join(', ');
  return error(
    'schema/missing-field',
    `missing required fields ${list}${mapPath.length ? ` in ${describePath(mapPath)}` : ''}`,
    startOf(positionOf(source, mapPath)),
    `add ${fields.map((f) => `\`${f}:\``).join(', ')} here`,
  );
}

function toFound(source: SourceFile, schema: ZodType, issue: Issue, prefix: PathSegment[]): Found[] {
  const path = [...prefix, ...(issue.path as PathSegment[])];
  const field = fieldName(path);
  const only = (diagnostic: Diagnostic): Found[] => [{ diagnostic }];
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = Object.keys(objectShapeAt(schema, path) ?? {});
      const present = valueAt(source.data, path);
      // Suggest only fields not already written: `title` is no fix for `titel` when `title:` is there too.
      const free = allowed.filter(
        (k) => !(present && typeof present === 'object' && Object.hasOwn(present, k)),
      );
      return issue.keys.slice(0, MAX_ISSUES_PER_FILE + 1).map((key) => {
        const suggestion = closest(key, free);
        return {
          diagnostic: error(
            'schema/unknown-key',
            `unknown key \`${key}\`${path.length ? ` in ${describePath(path)}` : ''}`,
            positionOfKey(source, path, key),
            suggestion !== undefined
              ? `did you mean \`${suggestion}\`?`
              : allowed.length
                ? `allowed keys here: ${allowed.join(', ')}`
                : undefined,
          ),
          ...(suggestion !== undefined ? { unknownSuggests: { map: pathKey(path), field: suggestion } } : {}),
        };
      });
    }
    case 'invalid_union':
      return bestBranch(source, issue.errors, path).flatMap((inner) => toFound(source, schema, inner, path));
    case 'invalid_type': {
      const value = valueAt(source.data, path);
      if (!hasNode(source, path) || value === undefined) {
        if (path.length === 0)
          return only(
            error('schema/wrong-type', 'the file holds no deck content', {
              file: source.file,
              line: 1,
              column: 1,
            }),
          );
        return [
          {
            diagnostic: error(
              'schema/missing-field',
              `missing required field \`${field}\`${path.length > 1 ? ` in ${describePath(path.slice(0, -1))}` : ''}`,
              startOf(positionOf(source, path)),
              `add \`${field}:\` here`,
            ),
            missing: { map: pathKey(path.slice(0, -1)), field, path },
          },
        ];
      }
      return only(wrongType(source, path, field, issue.expected, value));
    }
    case 'invalid_value': {
      const input = valueAt(source.data, path);
      const options = issue.values.map(String);
      return only(
        error(
          'schema/invalid-value',
          `${field}: ${typeof input === 'string' ? `\`${short(input)}\`` : describeValue(input)} is not one of ${options.map((o) => `\`${o}\``).join(', ')}`,
          positionOf(source, path),
          typeof input === 'string' ? didYouMean(input, options) : undefined,
        ),
      );
    }
    case 'invalid_format': {
      const pattern = 'pattern' in issue ? String(issue.pattern) : '';
      const code = /mm\|cm/.test(pattern)
        ? 'schema/bad-length'
        : /0-9a-fA-F/.test(pattern)
          ? 'schema/bad-colour'
          : /\[a-z0-9\]\+\(\?:-/.test(pattern)
            ? 'schema/bad-id'
            : /\\d\{4\}-/.test(pattern)
              ? 'schema/bad-date'
              : 'schema/bad-format';
      return only(error(code, `${field}: ${issue.message}`, positionOf(source, path)));
    }
    case 'too_small':
    case 'too_big': {
      // For a list that is too long, the first item past the limit is the one to look at.
      const extra =
        issue.code === 'too_big' && issue.origin === 'array' ? [...path, Number(issue.maximum)] : undefined;
      const where = extra && hasNode(source, extra) ? positionOf(source, extra) : positionOf(source, path);
      return only(error(`schema/${issue.code.replace('_', '-')}`, `${field}: ${rangeMessage(issue)}`, where));
    }
    case 'custom': {
      const code = typeof issue.params?.code === 'string' ? `schema/${issue.params.code}` : 'schema/invalid';
      return only(error(code, `${field}: ${issue.message}`, positionOf(source, path)));
    }
    default:
      return only(error('schema/invalid', `${field}: ${issue.message}`, positionOf(source, path)));
  }
}

/**
 * Of a union's failed branches, the one that speaks to what was written: a branch that rejects the value's
 * very type (a map given to a list of names) says less than one that looked inside it.
 */
function bestBranch(
  source: SourceFile,
  branches: readonly (readonly Issue[])[],
  path: PathSegment[],
): readonly Issue[] {
  const nonEmpty = branches.filter((b) => b.length > 0);
  const rejectsWhole = (b: readonly Issue[]) =>
    b.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value'));
  const input = valueAt(source.data, path);
  return (
    nonEmpty.find((b) => !rejectsWhole(b)) ??
    // A string is best served by the branch that lists the allowed names (it can say "did you mean").
    (typeof input === 'string'
      ? nonEmpty.find((b) => b.some((i) => i.code === 'invalid_value'))
      : undefined) ??
    nonEmpty[0] ??
    []
  );
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: '`true` or `false`',
  object: 'a map of `key: value` lines',
  array: 'a list of `- ` items',
};

function wrongType(
  source: SourceFile,
  path: PathSegment[],
  field: string,
  expected: string,
  value: unknown,
): Diagnostic {
  const wanted = TYPE_NAMES[expected] ?? expected;
  if (path.length === 0) {
    return error(
      'schema/wrong-type',
      `a deck file is a map of sections such as \`meta:\` and \`events:\`; this one holds ${describeValue(value)}`,
      startOf(positionOf(source, path)),
    );
  }
  const where = positionOf(source, path);
  const message =
    value === null
      ? `${field} has no value: expected ${wanted}`
      : `${field}: expected ${wanted}, got ${describeValue(value)}`;
  const written = nodeText(source, where);
  let hint: string | undefined;
  if (
    expected === 'number' &&
    typeof value === 'string' &&
    value.trim() !== '' &&
    Number.isFinite(Number(value))
  ) {
    hint = `remove the quotes: in YAML, ${written} is text, not a number`;
  } else if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    hint = `put it in quotes to keep it as written: "${written}"`;
  } else if (expected === 'array' && value !== null && typeof value === 'object') {
    hint = 'start each item of a list with `- `';
  } else if (expected === 'array' && typeof value === 'string') {
    hint = `write it as a list: put \`- \` in front of each item, on its own line`;
  }
  return error('schema/wrong-type', message, where, hint);
}

/** The source text of a one-line node, for hints that quote what the trainer wrote. */
function nodeText(source: SourceFile, where: Position): string {
  if (where.endLine !== where.line || where.endColumn === undefined) return '';
  const start = (source.lineCounter.lineStarts[where.line - 1] ?? 0) + where.column - 1;
  return source.text.slice(start, start + (where.endColumn - where.column)).trim();
}

function rangeMessage(issue: Issue & { code: 'too_small' | 'too_big' }): string {
  const small = issue.code === 'too_small';
  const bound = String(small ? issue.minimum : issue.maximum);
  switch (issue.origin) {
    case 'array':
      return `needs ${small ? 'at least' : 'at most'} ${bound} item${bound === '1' ? '' : 's'}`;
    case 'string':
      return small && bound === '1'
        ? 'must not be empty'
        : `must be ${small ? 'at least' : 'at most'} ${bound} characters`;
    default:
      return `must be ${small ? 'at least' : 'at most'} ${bound}`;
  }
}

function fieldName(path: readonly PathSegment[]): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return String(path[i]);
  return 'file';
}

function pathKey(path: readonly PathSegment[]): string {
  return path.map(String).join('\0');
}

function startOf(p: Position): Position {
  return { file: p.file, line: p.line, column: p.column };
}

export function describePath(path: readonly PathSegment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** A short description of a value for a message; long text is cut so a message stays one line. */
function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `text \`${short(value)}\``;
  if (typeof value === 'number') return Number.isFinite(value) ? `the number ${value}` : `\`${value}\``;
  return `\`${String(value)}\``;
}

/** Text cut to one short line for a message. */
function short(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 40 ? `${oneLine.slice(0, 39)}…` : oneLine;
}

export function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    if (!Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<PathSegment, unknown>)[segment];
  }
  return value;
}

/** The keys allowed by the object schema found at `path`, looking through optionals, defaults, arrays, unions. */
function objectShapeAt(schema: ZodType, path: readonly PathSegment[]): Record<string, ZodType> | undefined {
  let current: ZodType | undefined = schema;
  for (const segment of [...path, undefined]) {
    current = unwrap(current);
    if (!current) return undefined;
    const def = current.def as {
      type: string;
      shape?: Record<string, ZodType>;
      element?: ZodType;
      options?: ZodType[];
    };
    if (segment === undefined) {
      if (def.type === 'union')
        return def.options
          ?.map((o) => unwrap(o)?.def as { shape?: Record<string, ZodType> })
          .find((d) => d?.shape)?.shape;
      return def.shape;
    }
    if (def.type === 'object' && typeof segment === 'string') current = def.shape?.[segment];
    else if (def.type === 'array' && typeof segment === 'number') current = def.element;
    else if (def.type === 'union')
      current = def.options
        ?.map((o) => unwrap(o))
        .find((o) => (o?.def as { shape?: object } | undefined)?.shape);
    else return undefined;
  }
  return undefined;
}

export function unwrap(schema: ZodType | undefined): ZodType | undefined {
  let current = schema;
  for (let i = 0; i < 10 && current; i++) {
    const def = current.def as { type: string; innerType?: ZodType; in?: ZodType };
    if (
      def.type === 'optional' ||
      def.type === 'default' ||
      def.type === 'prefault' ||
      def.type === 'nullable'
    )
      current = def.innerType;
    else if (def.type === 'pipe') current = def.in;
    else return current;
  }
  return current;
}
