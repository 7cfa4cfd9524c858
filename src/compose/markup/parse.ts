import { SaxesParser } from 'saxes';
import { type Diagnostic, error, type Position } from '../../diagnostics/diagnostic.ts';
import { didYouMean } from '../../diagnostics/suggest.ts';
import { entryOf } from '../../maps.ts';
import type { AttributeType, MarkupElement, MarkupSpec } from './tree.ts';

export interface ParseResult {
  root?: MarkupElement;
  diagnostics: Diagnostic[];
}

export interface ParseOptions {
  /**
   * Files named by `_at="index:line:column"` attributes. Templates carry such an attribute on every element
   * (see `annotatePositions`), so that markup made by Handlebars still reports problems at the template's
   * own line and column, whatever loops and partials produced it.
   */
  files?: readonly string[];
}

/** Attribute a template's elements carry to remember where they were written. Not part of the vocabulary. */
export const AT_ATTRIBUTE = '_at';

/**
 * Parses layout markup (XML) into a tree and checks it against the vocabulary: unknown elements, unknown or
 * missing attributes, misplaced text. Positions are those of `text` in `file`.
 */
export function parseMarkup(
  text: string,
  file: string,
  spec: MarkupSpec,
  options: ParseOptions = {},
): ParseResult {
  const diagnostics: Diagnostic[] = [];
  const rules = rulesOf(spec);
  const parser = new SaxesParser({ position: true });
  const stack: MarkupElement[] = [];
  let root: MarkupElement | undefined;
  let tagStart: Position = { file, line: 1, column: 1 };
  const here = (): Position => ({ file, line: parser.line, column: parser.column });
  // Filled markup is no file anyone can open: a problem in it is shown at the template element around it.
  const around = (): Position => {
    const parent = stack.at(-1);
    return options.files && parent && parent.position.file !== file ? parent.position : here();
  };

  parser.on('opentagstart', (tag) => {
    tagStart = { file, line: parser.line, column: Math.max(1, parser.column - tag.name.length) };
  });
  parser.on('opentag', (tag) => {
    // saxes makes a fresh record (without prototype) for each tag's attributes: kept, rather than copied into a
    // plain object and turned into a dictionary again by the `delete`, a runtime call or two per element.
    const attributes = tag.attributes as Record<string, string>;
    const at = attributes[AT_ATTRIBUTE];
    delete attributes[AT_ATTRIBUTE];
    const position = (at !== undefined && annotatedPosition(at, options.files)) || tagStart;
    const element: MarkupElement = { kind: 'element', name: tag.name, attributes, children: [], position };
    diagnostics.push(...checkElement(element, stack.at(-1), rules));
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else if (!root) root = element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (chunk) => {
    const parent = stack.at(-1);
    if (!parent) return;
    if (chunk.trim() !== '' && !rules.get(parent.name)?.text) {
      diagnostics.push(
        error(
          'template/unexpected-text',
          `text is not allowed directly inside <${parent.name}>`,
          around(),
          'wrap it in a text element such as <text>',
        ),
      );
    }
    parent.children.push({ kind: 'text', text: chunk });
  });
  parser.on('error', (e) => {
    const message = e.message.replace(/^\d+:\d+: /, '');
    const at = around();
    const inside = at.file !== file ? ` inside <${stack.at(-1)?.name}>` : '';
    diagnostics.push(
      error(
        'template/syntax',
        `markup${inside}: ${message}`,
        at,
        'check that every element is closed and attributes are quoted',
      ),
    );
  });
  try {
    parser.write(text).close();
  } catch {
    // saxes reports through the error handler above; a throw after that adds nothing.
  }
  return { ...(root ? { root } : {}), diagnostics: dedupe(diagnostics) };
}

/**
 * An element of the vocabulary with every field present. Checked against these rather than the vocabulary's own
 * entries, which are literals of many shapes (and a vocabulary per kind of layout): the checks, run for every
 * element of every filled layout, then read one shape and stay optimised.
 */
interface ElementRules {
  attributes: ReadonlyMap<string, AttributeType>;
  required: readonly string[];
  children: readonly string[] | undefined;
  text: boolean;
}

const rulesBySpec = new WeakMap<MarkupSpec, ReadonlyMap<string, ElementRules>>();

function rulesOf(spec: MarkupSpec): ReadonlyMap<string, ElementRules> {
  return entryOf(rulesBySpec, spec, () => {
    const rules = new Map<string, ElementRules>();
    for (const [name, element] of Object.entries(spec)) {
      rules.set(name, {
        attributes: new Map(Object.entries(element.attributes)),
        required: element.required ?? [],
        children: element.children,
        text: element.text === true,
      });
    }
    return rules;
  });
}

function checkElement(
  element: MarkupElement,
  parent: MarkupElement | undefined,
  rules: ReadonlyMap<string, ElementRules>,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const at = element.position;
  const elementRules = rules.get(element.name);
  if (!elementRules) {
    const names = [...rules.keys()];
    return [
      error(
        'template/unknown-element',
        `unknown element <${element.name}>`,
        at,
        didYouMean(element.name, names) ?? `elements: ${names.join(', ')}`,
      ),
    ];
  }
  const allowedChildren = parent ? rules.get(parent.name)?.children : undefined;
  if (parent && allowedChildren && !allowedChildren.includes(element.name)) {
    diagnostics.push(
      error(
        'template/misplaced-element',
        `<${element.name}> cannot be placed inside <${parent.name}>`,
        at,
        `inside <${parent.name}> use: ${allowedChildren.join(', ')}`,
      ),
    );
  }
  for (const [name, value] of Object.entries(element.attributes)) {
    const type = elementRules.attributes.get(name);
    if (!type) {
      const names = [...elementRules.attributes.keys()];
      diagnostics.push(
        error(
          'template/unknown-attribute',
          `<${element.name}> has no attribute \`${name}\``,
          at,
          didYouMean(name, names) ?? `attributes: ${names.join(', ') || 'none'}`,
        ),
      );
      continue;
    }
    const problem = checkValue(type, value);
    if (problem)
      diagnostics.push(
        error('template/bad-attribute', `<${element.name} ${name}="${value}">: ${problem}`, at),
      );
  }
  for (const name of elementRules.required) {
    if (!(name in element.attributes))
      diagnostics.push(
        error('template/missing-attribute', `<${element.name}> needs the attribute \`${name}\``, at),
      );
  }
  return diagnostics;
}

/** Reads `_at="index:line:column"` back into a position in one of `files`. */
function annotatedPosition(value: string, files: readonly string[] | undefined): Position | undefined {
  const match = /^(\d+):(\d+):(\d+)$/.exec(value);
  const file = match ? files?.[Number(match[1])] : undefined;
  return match && file !== undefined ? { file, line: Number(match[2]), column: Number(match[3]) } : undefined;
}

/** Placeholder written for a masked mustache inside an attribute: stands for "a value filled in later". */
export const MASK_CHAR = '\u2060';

/** A length in markup: millimetres, points or a percentage of the parent box; a bare `0` is allowed. */
export const LENGTH_VALUE = /^(?:-?\d+(?:\.\d+)?(?:mm|pt|%)|-?0)$/;
const SIDES_VALUE = /^(?:all|none|(?:top|right|bottom|left)(?:\s+(?:top|right|bottom|left))*)$/;

function checkValue(type: AttributeType, value: string): string | undefined {
  if (value.includes(MASK_CHAR)) return undefined;
  if (Array.isArray(type))
    return type.includes(value)
      ? undefined
      : `expected one of ${type.join(', ')}${didYouMean(value, type) ? ` (${didYouMean(value, type)})` : ''}`;
  switch (type) {
    case 'length':
      return LENGTH_VALUE.test(value) ? undefined : 'expected a length such as `4mm`, `9pt` or `50%`';
    case 'lengths':
      return value.split(',').every((part) => LENGTH_VALUE.test(part.trim()))
        ? undefined
        : 'expected lengths separated by commas, such as `35%, 65%`';
    case 'sides':
      return SIDES_VALUE.test(value.trim())
        ? undefined
        : 'expected `all`, `none` or sides among top, right, bottom, left (e.g. `top left right`)';
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(value) ? undefined : 'expected a number';
    case 'colour':
      return /^#[0-9a-fA-F]{6}$|^#[0-9a-fA-F]{3}$|^none$/.test(value)
        ? undefined
        : 'expected a colour such as `#1f6feb`';
    case 'boolean':
      return value === 'true' || value === 'false' ? undefined : 'expected true or false';
    default:
      return undefined;
  }
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}:${d.line}:${d.column}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
