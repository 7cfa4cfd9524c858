import { isAlias, isCollection, isMap, isNode, isScalar, type Scalar, visit } from 'yaml';
import { type Diagnostic, error, type Position } from '../diagnostics/diagnostic.ts';
import { FORBIDDEN_KEYS, LIMITS } from './limits.ts';
import { positionOfRange } from './positions.ts';
import type { SourceFile } from './source.ts';

/**
 * Checks the syntax tree before any object is built from it: keys written twice, keys that could reach a
 * prototype, keys that are not plain text, nesting depth, and aliases that point nowhere or into themselves.
 * (Duplicate keys are found here rather than by the parser, whose check is quadratic in the size of a map.)
 */
export function checkStructure(source: SourceFile): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const where = (node: { range?: readonly [number, number, number] | null }): Position =>
    node.range ? positionOfRange(source, node.range) : { file: source.file, line: 1, column: 1 };
  const anchors = new Set<string>();
  visit(source.document, {
    Pair(_key, pair) {
      if (isScalar(pair.key) && FORBIDDEN_KEYS.has(String(pair.key.value))) {
        diagnostics.push(
          error(
            'yaml/forbidden-key',
            `the key \`${String(pair.key.value)}\` is not allowed`,
            where(pair.key),
            'rename or remove this key; it has no meaning in a deck',
          ),
        );
      } else if (isNode(pair.key) && !isScalar(pair.key)) {
        diagnostics.push(
          error(
            'yaml/complex-key',
            'a key must be plain text, not a list, a map or an alias',
            where(pair.key),
            'write the key as a word followed by `:`',
          ),
        );
      }
      return undefined;
    },
    Node(_key, node, path) {
      if (isMap(node)) {
        const keys = new Map<string, Scalar>();
        for (const pair of node.items) {
          if (!isScalar(pair.key)) continue;
          const key = String(pair.key.value);
          const first = keys.get(key);
          if (!first) keys.set(key, pair.key);
          else {
            diagnostics.push({
              ...error(
                'yaml/duplicate-key',
                `the key \`${key}\` appears twice in this map`,
                where(pair.key),
                'keep one of the two: the second would silently replace the first',
              ),
              related: { ...where(first), message: 'first written' },
            });
          }
        }
      }
      if (isCollection(node)) {
        const depth = path.filter((p) => isCollection(p)).length + 1;
        if (depth > LIMITS.maxDepth) {
          diagnostics.push(
            error(
              'yaml/too-deep',
              `nesting deeper than ${LIMITS.maxDepth} levels`,
              where(node),
              'a deck needs a few levels of nesting; check the indentation',
            ),
          );
          return visit.BREAK;
        }
      }
      if (node.anchor) anchors.add(node.anchor);
      if (isAlias(node)) {
        if (!anchors.has(node.source)) {
          diagnostics.push(
            error(
              'yaml/bad-alias',
              `\`*${node.source}\` refers to no anchor \`&${node.source}\` written above it`,
              where(node),
              'define the anchor before using it, or write the value itself',
            ),
          );
        } else if (path.some((p) => isNode(p) && p.anchor === node.source)) {
          diagnostics.push(
            error(
              'yaml/recursive-alias',
              `\`*${node.source}\` is used inside its own anchor \`&${node.source}\``,
              where(node),
              'an alias cannot contain itself; write the value out',
            ),
          );
        }
      }
      return undefined;
    },
  });
  return diagnostics;
}

/** Where the first alias of a file is: the place to point at when aliases expand too much. */
export function firstAlias(source: SourceFile): Position | undefined {
  let found: Position | undefined;
  visit(source.document, {
    Alias(_key, node) {
      if (node.range) found = positionOfRange(source, node.range);
      return visit.BREAK;
    },
  });
  return found;
}
