import { maskMustaches } from './check-template.ts';
import { AT_ATTRIBUTE } from './parse.ts';

/** A template with `_at` written into every start tag, and how to map its positions back to the original. */
export interface AnnotatedTemplate {
  source: string;
  /** Converts a 1-based line and 0-based column of `source` to the 1-based column of the original template. */
  originalColumn(line: number, column0: number): number;
}

/**
 * Writes `_at="fileIndex:line:column"` after the name of every start tag of a template, so that the markup
 * Handlebars produces from it still knows where each element was written, through loops and partials.
 * Mustaches are masked first (same length), so the tags found are the template's own; lines never change.
 */
export function annotatePositions(source: string, fileIndex: number): AnnotatedTemplate {
  const masked = maskMustaches(source);
  const lineStarts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const inserts: { offset: number; text: string }[] = [];
  // Comments, CDATA and processing instructions are skipped; start tags are `<` then a name.
  const token = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<([A-Za-z_][\w.:-]*)/g;
  for (let m = token.exec(masked); m; m = token.exec(masked)) {
    if (m[1] === undefined) continue;
    const line = lineOf(m.index);
    const column = m.index - (lineStarts[line] as number) + 2; // 1-based column of the name, as the parser reports it
    inserts.push({
      offset: m.index + m[0].length,
      text: ` ${AT_ATTRIBUTE}="${fileIndex}:${line + 1}:${column}"`,
    });
  }
  let out = '';
  let last = 0;
  const perLine = new Map<number, { column0: number; length: number }[]>();
  for (const { offset, text } of inserts) {
    out += source.slice(last, offset) + text;
    last = offset;
    const line = lineOf(offset) + 1;
    const list = perLine.get(line) ?? [];
    list.push({ column0: offset - (lineStarts[line - 1] as number), length: text.length });
    perLine.set(line, list);
  }
  out += source.slice(last);
  return {
    source: out,
    originalColumn(line, column0) {
      let shift = 0;
      let consumed = 0;
      for (const insert of perLine.get(line) ?? []) {
        // Positions in the annotated line: each earlier insertion moved what follows to the right.
        if (insert.column0 + consumed <= column0) {
          shift += insert.length;
          consumed += insert.length;
        }
      }
      return column0 - shift + 1;
    },
  };
}
