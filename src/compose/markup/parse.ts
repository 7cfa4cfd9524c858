import { SaxesParser } from 'saxes';
import { type Diagnostic, error, type Position } from '../../diagnostics/diagnostic.ts';
import { didYouMean } from '../../diagnostics/suggest.ts';
import type { MarkupElement, MarkupSpec } from './tree.ts';

export interface ParseResult {
  root?: MarkupElement;
  diagnostics: Diagnostic[];
}

/**
 * Parses layout markup (XML) into a tree and checks it against the vocabulary: unknown elements, unknown or
 * missing attributes, misplaced text. Positions are those of `text` in `file`.
 */
export function parseMarkup(text: string, file: string, spec: MarkupSpec): ParseResult {
  const diagnostics: Diagnostic[] = [];
  const parser = new SaxesParser({ position: true });
  const stack: MarkupElement[] = [];
  let root: MarkupElement | undefined;
  let tagStart: Position = { file, line: 1, column: 1 };
  const here = (): Position => ({ file, line: parser.line, column: parser.column });

  parser.on('opentagstart', (tag) => {
    tagStart = { file, line: parser.line, column: Math.max(1, parser.column - tag.name.length) };
  });
  parser.on('opentag', (tag) => {
    const element: MarkupElement = { kind: 'element', name: tag.name, attributes: { ...tag.attributes } as Record<string, string>, children: [], position: tagStart };
    diagnostics.push(...checkElement(element, stack.at(-1), spec));
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
    if (chunk.trim() !== '' && !spec[parent.name]?.text) {
      diagnostics.push(error('template/unexpected-text', `text is not allowed directly inside <${parent.name}>`, here(), 'wrap it in a text element such as <text>'));
    }
    parent.children.push({ kind: 'text', text: chunk });
  });
  parser.on('error', (e) => {
    const message = e.message.replace(/^\d+:\d+: /, '');
    diagnostics.push(error('template/syntax', `markup: ${message}`, here(), 'check that every element is closed and attributes are quoted'));
  });
  try {
    parser.write(text).close();
  } catch {
    // saxes reports through the error handler above; a throw after that adds nothing.
  }
  return { ...(root ? { root } : {}), diagnostics: dedupe(diagnostics) };
}

function checkElement(element: MarkupElement, parent: MarkupElement | undefined, spec: MarkupSpec): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const at = element.position;
  const elementSpec = spec[element.name];
  if (!elementSpec) {
    return [error('template/unknown-element', `unknown element <${element.name}>`, at, didYouMean(element.name, Object.keys(spec)) ?? `elements: ${Object.keys(spec).join(', ')}`)];
  }
  const allowedChildren = parent ? spec[parent.name]?.children : undefined;
  if (parent && allowedChildren && !allowedChildren.includes(element.name)) {
    diagnostics.push(error('template/misplaced-element', `<${element.name}> cannot be placed inside <${parent.name}>`, at, `inside <${parent.name}> use: ${allowedChildren.join(', ')}`));
  }
  for (const [name, value] of Object.entries(element.attributes)) {
    const type = elementSpec.attributes[name];
    if (!type) {
      diagnostics.push(error('template/unknown-attribute', `<${element.name}> has no attribute \`${name}\``, at, didYouMean(name, Object.keys(elementSpec.attributes)) ?? `attributes: ${Object.keys(elementSpec.attributes).join(', ') || 'none'}`));
      continue;
    }
    const problem = checkValue(type, value);
    if (problem) diagnostics.push(error('template/bad-attribute', `<${element.name} ${name}="${value}">: ${problem}`, at));
  }
  for (const name of elementSpec.required ?? []) {
    if (!(name in element.attributes)) diagnostics.push(error('template/missing-attribute', `<${element.name}> needs the attribute \`${name}\``, at));
  }
  return diagnostics;
}

/** Placeholder written for a masked mustache inside an attribute: stands for "a value filled in later". */
export const MASK_CHAR = '\u2060';

function checkValue(type: ElementSpec['attributes'][string], value: string): string | undefined {
  if (value.includes(MASK_CHAR)) return undefined;
  if (Array.isArray(type)) return type.includes(value) ? undefined : `expected one of ${type.join(', ')}${didYouMean(value, type) ? ` (${didYouMean(value, type)})` : ''}`;
  switch (type) {
    case 'length':
      return /^-?\d+(\.\d+)?(mm|pt|%)$/.test(value) ? undefined : 'expected a length such as `4mm`, `9pt` or `50%`';
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(value) ? undefined : 'expected a number';
    case 'colour':
      return /^#[0-9a-fA-F]{6}$|^#[0-9a-fA-F]{3}$|^none$/.test(value) ? undefined : 'expected a colour such as `#1f6feb`';
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
