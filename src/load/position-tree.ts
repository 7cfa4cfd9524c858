import { type Document, LineCounter, parseDocument } from 'yaml';

/**
 * The syntax tree a file's positions are read from, with its line counter. Its data is never used (the data
 * comes from the fast reader or the careful one), so only what positions need is asked of the parser.
 */
export function positionTree(text: string): { document: Document.Parsed; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    // Duplicate keys are found by checkStructure: the parser's own check is quadratic in the size of a map.
    uniqueKeys: false,
    strict: true,
    resolveKnownTags: false,
  });
  return { document, lineCounter };
}
