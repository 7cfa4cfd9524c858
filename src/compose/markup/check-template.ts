import { type Diagnostic, error } from '../../diagnostics/diagnostic.ts';
import { MASK_CHAR, parseMarkup } from './parse.ts';
import type { MarkupSpec } from './tree.ts';

/**
 * Checks a Handlebars layout's markup before any data fills it, so that an unknown element or attribute is
 * reported at the template's own line and column. Every `{{...}}` is masked with characters of the same
 * length (newlines kept), which leaves the markup around it, and its positions, untouched.
 */
export function checkTemplateMarkup(source: string, file: string, spec: MarkupSpec): Diagnostic[] {
  const masked = maskMustaches(source);
  // A template may be a fragment (a partial): wrap it so it parses as one document, on the same line.
  const wrapped = `<fragment>${masked}</fragment>`;
  const { diagnostics } = parseMarkup(wrapped, file, {
    ...spec,
    fragment: { description: 'wrapper', attributes: {}, text: false },
  });
  return diagnostics.map((d) =>
    d.line === 1 && d.column !== undefined
      ? { ...d, column: Math.max(1, d.column - '<fragment>'.length) }
      : d,
  );
}

/** Replaces each mustache by a run of mask characters: inside attribute values they read as "some value". */
export function maskMustaches(source: string): string {
  return source.replace(/\{\{\{?[\s\S]*?\}?\}\}/g, (m) => {
    // Block helpers and comments stand between elements: blank them; expressions become a placeholder value.
    const blank = /^\{\{[#/!^>]|^\{\{else/.test(m);
    return m.replace(/[^\n]/g, blank ? ' ' : MASK_CHAR);
  });
}

export function templateError(
  file: string,
  message: string,
  line = 1,
  column = 1,
  hint?: string,
): Diagnostic {
  return error('template/handlebars', message, { file, line, column }, hint);
}
