import { CORE_SCHEMA, FAILSAFE_SCHEMA, load } from 'js-yaml';
import { FORBIDDEN_KEYS, LIMITS } from './limits.ts';

/*
 * A fast reading of the plain YAML trainers write, to get a file's data without building the full syntax
 * tree: on a 1,000-card deck, js-yaml reads in ~70 ms what the position-keeping parser needs ~400 ms for.
 * Anything beyond plain maps, lists and scalars (anchors, aliases, tags, explicit or collection keys, several
 * documents), anything odd (a key that could reach a prototype, deep nesting) and any error gives undefined:
 * the careful parser then reads the file and reports. Positions always come from the careful parser, parsed
 * on demand from the same text, so diagnostics are the same whichever path read the data.
 */

/**
 * Constructs only the careful parser handles: anchors, aliases and tags, explicit keys, flow collections at a
 * line start, tabs in a line's indentation (which the two parsers judge differently). `&`, `*` and `!` start
 * one only where a node starts: at a line's start (after its indentation and any `- `, `? ` or `: `), after a
 * `- ` or a `:`, and after `[`, `{` or `,`. Elsewhere they are text (`a *italic* word` in a translation), which
 * both parsers read alike. These places are more than those where a node can start (a `: ` inside a quoted
 * text, a line of a block scalar): such text only goes the slow way.
 */
const NOT_PLAIN = /(?:^\s*(?:[-?:]\s+)*|-\s+|[,[{:]\s*)(?:[&!]|\*[^\s*])|^\s*(?:-\s+)*[?[{]|^ *\t/m;

/**
 * A list item whose quoted text runs straight on into more text (`- 'a'key: v`). The careful parser refuses it;
 * js-yaml, in a list written at its key's indentation, reads the rest as a key of the parent map
 * (`k:\n- 'a'b: 1` gives `{k: [a], b: 1}`). Such text goes to the careful parser, which reports it.
 */
const QUOTED_RUN_ON = /^[ \t]*(?:-[ \t]+)+(?:'(?:[^']|'')*'|"(?:[^"\\]|\\[\s\S])*")[^\s:,\]}]/m;

export interface PlainYamlOptions {
  /** Every scalar stays text, as in translation and label files; a null, should one appear, is left to the careful parser. */
  failsafe?: boolean;
}

export function readPlainYaml(text: string, options: PlainYamlOptions = {}): unknown {
  if (NOT_PLAIN.test(text) || QUOTED_RUN_ON.test(text)) return undefined;
  let data: unknown;
  try {
    // The core schema, as the careful parser uses: no timestamps (dates stay text), no merge keys.
    data = load(text, { schema: options.failsafe ? FAILSAFE_SCHEMA : CORE_SCHEMA });
  } catch {
    return undefined;
  }
  if (data === null || typeof data !== 'object' || !plain(data, 0, options.failsafe === true))
    return undefined;
  return data;
}

/**
 * Only plain objects and arrays, with no prototype-reaching key, within the nesting limit. A key `null` (or an
 * empty key, when every scalar is text) is left to the careful parser too: the two parsers name an empty or
 * null key differently.
 */
function plain(value: unknown, depth: number, failsafe: boolean): boolean {
  if (value === null) return !failsafe;
  if (typeof value !== 'object') return true;
  if (depth > LIMITS.maxDepth) return false;
  if (Array.isArray(value)) return value.every((item) => plain(item, depth + 1, failsafe));
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key of Object.keys(value)) {
    if (
      FORBIDDEN_KEYS.has(key) ||
      key === 'null' ||
      (failsafe && key === '') ||
      !plain((value as Record<string, unknown>)[key], depth + 1, failsafe)
    )
      return false;
  }
  return true;
}
