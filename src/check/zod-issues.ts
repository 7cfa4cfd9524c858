import { type z, ZodType } from 'zod';
import { type Diagnostic, error } from '../diagnostics/diagnostic.ts';
import { didYouMean } from '../diagnostics/suggest.ts';
import { hasNode, type PathSegment, positionOf, positionOfKey } from '../load/positions.ts';
import type { SourceFile } from '../load/source.ts';

type Issue = z.core.$ZodIssue;

/** Turns zod's issues for one file into located diagnostics, each pointing at the YAML node concerned. */
export function issuesToDiagnostics(source: SourceFile, schema: ZodType, issues: readonly Issue[]): Diagnostic[] {
  return issues.flatMap((issue) => toDiagnostics(source, schema, issue, []));
}

function toDiagnostics(source: SourceFile, schema: ZodType, issue: Issue, prefix: PathSegment[]): Diagnostic[] {
  const path = [...prefix, ...(issue.path as PathSegment[])];
  const field = fieldName(path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = Object.keys(objectShapeAt(schema, path) ?? {});
      return issue.keys.map((key) =>
        error(
          'schema/unknown-key',
          `unknown key \`${key}\`${path.length ? ` in ${describePath(path)}` : ''}`,
          positionOfKey(source, path, key),
          didYouMean(key, allowed) ?? (allowed.length ? `allowed keys here: ${allowed.join(', ')}` : undefined),
        ),
      );
    }
    case 'invalid_union': {
      // Report the branch that got furthest: the one whose first complaint is not about the value's type.
      const branches = issue.errors.filter((b) => b.length > 0);
      const best = branches.find((b) => b[0]?.code !== 'invalid_type') ?? branches[0] ?? [];
      return best.flatMap((inner) => toDiagnostics(source, schema, inner, path));
    }
    case 'invalid_type': {
      if (!hasNode(source, path) || valueAt(source.data, path) === undefined) {
        return [
          error(
            'schema/missing-field',
            `missing required field \`${field}\`${path.length > 1 ? ` in ${describePath(path.slice(0, -1))}` : ''}`,
            positionOf(source, path),
            `add \`${field}:\` here`,
          ),
        ];
      }
      return [error('schema/wrong-type', `${field}: expected ${issue.expected}, got ${describeValue(valueAt(source.data, path))}`, positionOf(source, path))];
    }
    case 'invalid_value': {
      const input = valueAt(source.data, path);
      const options = issue.values.map(String);
      return [
        error(
          'schema/invalid-value',
          `${field}: \`${String(input)}\` is not one of ${options.map((o) => `\`${o}\``).join(', ')}`,
          positionOf(source, path),
          typeof input === 'string' ? didYouMean(input, options) : undefined,
        ),
      ];
    }
    case 'invalid_format': {
      const pattern = 'pattern' in issue ? String(issue.pattern) : '';
      const code = /mm\|cm/.test(pattern) ? 'schema/bad-length' : /0-9a-fA-F/.test(pattern) ? 'schema/bad-colour' : /\[a-z0-9\]\+\(\?:-/.test(pattern) ? 'schema/bad-id' : 'schema/bad-format';
      return [error(code, `${field}: ${issue.message}`, positionOf(source, path))];
    }
    case 'too_small':
    case 'too_big':
      return [error(`schema/${issue.code.replace('_', '-')}`, `${field}: ${rangeMessage(issue)}`, positionOf(source, path))];
    default:
      return [error('schema/invalid', `${field}: ${issue.message}`, positionOf(source, path))];
  }
}

function rangeMessage(issue: Issue & { code: 'too_small' | 'too_big' }): string {
  const small = issue.code === 'too_small';
  const bound = String(small ? issue.minimum : issue.maximum);
  switch (issue.origin) {
    case 'array':
      return `needs ${small ? 'at least' : 'at most'} ${bound} item${bound === '1' ? '' : 's'}`;
    case 'string':
      return small && bound === '1' ? 'must not be empty' : `must be ${small ? 'at least' : 'at most'} ${bound} characters`;
    default:
      return `must be ${small ? 'at least' : 'at most'} ${bound}`;
  }
}

function fieldName(path: readonly PathSegment[]): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return String(path[i]);
  return 'file';
}

export function describePath(path: readonly PathSegment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `${typeof value} \`${String(value)}\``;
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
    const def = current.def as { type: string; shape?: Record<string, ZodType>; element?: ZodType; options?: ZodType[] };
    if (segment === undefined) {
      if (def.type === 'union') return def.options?.map((o) => unwrap(o)?.def as { shape?: Record<string, ZodType> }).find((d) => d?.shape)?.shape;
      return def.shape;
    }
    if (def.type === 'object' && typeof segment === 'string') current = def.shape?.[segment];
    else if (def.type === 'array' && typeof segment === 'number') current = def.element;
    else if (def.type === 'union') current = def.options?.map((o) => unwrap(o)).find((o) => (o?.def as { shape?: object }).shape);
    else return undefined;
  }
  return undefined;
}

function unwrap(schema: ZodType | undefined): ZodType | undefined {
  let current = schema;
  for (let i = 0; i < 10 && current; i++) {
    const def = current.def as { type: string; innerType?: ZodType; in?: ZodType };
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') current = def.innerType;
    else if (def.type === 'pipe') current = def.in;
    else return current;
  }
  return current;
}
