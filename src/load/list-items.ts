import { isSeq } from 'yaml';
import { positionTree } from './position-tree.ts';
import type { SourceFile } from './source.ts';

/**
 * Below this size a file is parsed whole when a position is asked for: it takes a few milliseconds. Above it,
 * the syntax tree of one list item is enough: locating a warning on one card of a 600 KB file of 500 cards
 * took 110 ms with the whole tree and takes well under one with the item's.
 */
export const ITEM_SLICE_MIN_LENGTH = 64 * 1024;

/** One item of a top-level list as a small source file of its own, and the line it starts at in the file. */
export interface ListItemSource {
  source: SourceFile;
  /** Lines before the item in the whole file: add it to the item's line numbers. */
  lineOffset: number;
}

type Base = Pick<SourceFile, 'file' | 'absolutePath' | 'name' | 'text'>;

/**
 * The items of a file's top-level lists (`events:`, `profiles:`...), cut by lines. Only the plain block
 * layout trainers write is recognized: the key alone on its line at the margin, then items starting with `-`
 * at one indentation. Anything else, or an item whose text does not parse as one list item, gives undefined,
 * and the caller parses the whole file as before. Columns are unchanged, since items start at a line start.
 */
export class ListItems {
  private lines: string[] | undefined;
  private readonly bounds = new Map<string, number[] | undefined>();
  /** Items cut and parsed so far: a card with several warnings is parsed once. */
  private readonly items = new Map<string, ListItemSource | undefined>();

  constructor(private readonly base: Base) {}

  item(key: string, index: number): ListItemSource | undefined {
    const id = `${key}\u0000${index}`;
    if (!this.items.has(id)) this.items.set(id, this.cut(key, index));
    return this.items.get(id);
  }

  private cut(key: string, index: number): ListItemSource | undefined {
    const bounds = this.boundsOf(key);
    if (!bounds || !Number.isInteger(index) || index < 0 || index >= bounds.length - 1) return undefined;
    const start = bounds[index] as number;
    const end = bounds[index + 1] as number;
    const lines = this.lines as string[];
    // With the line end that follows it, as in the file: a node's range runs to the next line's start.
    const text = `${lines.slice(start, end).join('\n')}${end < lines.length ? '\n' : ''}`;
    const { document, lineCounter } = positionTree(text);
    if (document.errors.length > 0 || !isSeq(document.contents) || document.contents.items.length !== 1)
      return undefined;
    return { source: { ...this.base, text, document, lineCounter, data: undefined }, lineOffset: start };
  }

  /** Line indexes where each item of the list under `key` starts, then the line where the list ends. */
  private boundsOf(key: string): number[] | undefined {
    if (this.bounds.has(key)) return this.bounds.get(key);
    this.lines ??= this.base.text.split('\n');
    const found = this.scan(this.lines, key);
    this.bounds.set(key, found);
    return found;
  }

  private scan(lines: readonly string[], key: string): number[] | undefined {
    const header = `${key}:`;
    const heads = lines.flatMap((line, i) => (isHeader(line, header) ? [i] : []));
    if (heads.length !== 1) return undefined;
    const starts: number[] = [];
    let indent = -1;
    for (let i = (heads[0] as number) + 1; i < lines.length; i++) {
      const line = (lines[i] as string).replace(/\r$/, '');
      if (/^\s*(?:#.*)?$/.test(line)) continue; // blank lines and comments shape nothing
      const lead = line.length - line.trimStart().length;
      const item = /^-(?:\s|$)/.test(line.slice(lead));
      if (indent < 0) {
        if (!item) return undefined;
        indent = lead;
      } else if (lead < indent || (lead === indent && !item)) {
        return [...starts, i];
      }
      if (lead === indent) starts.push(i);
    }
    return starts.length > 0 ? [...starts, lines.length] : undefined;
  }
}

/** `events:` alone at the margin, perhaps with a comment after it. */
function isHeader(line: string, header: string): boolean {
  if (!line.startsWith(header)) return false;
  const rest = line.slice(header.length).replace(/\r$/, '');
  return /^[ \t]*(?:#.*)?$/.test(rest);
}
