import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Position } from '../diagnostics/diagnostic.ts';
import type { SourceFile } from './source.ts';

export type PathSegment = string | number;

/** Line and column (1-based) of an offset range in a source file. */
export function positionOfRange(source: SourceFile, range: readonly [number, number, ...number[]]): Position {
  const start = source.lineCounter.linePos(range[0]);
  const end = source.lineCounter.linePos(range[1]);
  return { file: source.file, line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
}

/** Walks a path down the YAML tree; returns the deepest node reached and whether the whole path resolved. */
function walk(
  source: SourceFile,
  path: readonly PathSegment[],
): { node: Node | null; pair?: Pair; depth: number } {
  let node = source.document.contents as Node | null;
  let pair: Pair | undefined;
  let depth = 0;
  for (const segment of path) {
    if (isMap(node)) {
      const found = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!found) break;
      pair = found;
      node = found.value as Node | null;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      pair = undefined;
      node = item;
    } else break;
    depth++;
  }
  return { node, ...(pair ? { pair } : {}), depth };
}

/**
 * Position of the node at `path`, or of its nearest existing ancestor (a missing key is reported on the map
 * that should hold it). With `key: true`, points at the key of the last pair rather than its value.
 */
export function positionOf(
  source: SourceFile,
  path: readonly PathSegment[],
  options: { key?: boolean } = {},
): Position {
  if (source.sheet) return source.sheet.locate(path, options);
  const [list, index, ...rest] = path;
  const item =
    typeof list === 'string' && typeof index === 'number' ? source.listItem?.(list, index) : undefined;
  if (item) {
    const found = positionOf(item.source, [0, ...rest], options);
    return {
      ...found,
      line: found.line + item.lineOffset,
      ...(found.endLine !== undefined ? { endLine: found.endLine + item.lineOffset } : {}),
    };
  }
  const { node, pair, depth } = walk(source, path);
  const whole = depth === path.length;
  const keyNode = pair?.key as Node | undefined;
  // An empty value (`title:` and nothing after it) is a zero-width node past the colon: point at the key.
  const empty =
    isScalar(node) && node.range !== undefined && node.range !== null && node.range[0] === node.range[1];
  const target = whole && (options.key || empty) && keyNode?.range ? keyNode : node;
  if (target?.range) return positionOfRange(source, target.range);
  // A null value (`key:` with nothing after it) has no node: point at the key.
  if (keyNode?.range) return positionOfRange(source, keyNode.range);
  return { file: source.file, line: 1, column: 1 };
}

/** Position of the key `key` inside the map at `path` (for unknown keys). */
export function positionOfKey(source: SourceFile, path: readonly PathSegment[], key: string): Position {
  return positionOf(source, [...path, key], { key: true });
}

/** Whether the value at `path` is an existing node (used to tell "missing" from "wrong"). */
export function hasNode(source: SourceFile, path: readonly PathSegment[]): boolean {
  if (source.sheet) return source.sheet.has(path);
  return walk(source, path).depth === path.length;
}

export { isPair };
