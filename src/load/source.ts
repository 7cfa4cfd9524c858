import type { Document, LineCounter } from 'yaml';
import { ITEM_SLICE_MIN_LENGTH, type ListItemSource, ListItems } from './list-items.ts';
import { positionTree } from './position-tree.ts';

/** One YAML file of a deck, parsed, with what is needed to point back at any node. */
export interface SourceFile {
  /** Path as shown to the user (relative to the current directory). */
  file: string;
  /** Absolute path on disk. */
  absolutePath: string;
  /** File name inside the deck folder, e.g. `deck.yaml` or `events-cadrage.yaml`. */
  name: string;
  text: string;
  /** Syntax tree with positions; built from `text` on first use (plain files are read without it). */
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
  /** Plain data of the document (prototype-safe); undefined when the file could not be read as YAML. */
  data: unknown;
  /**
   * One item of a top-level list as a source of its own, for a large file whose whole tree has not been
   * built: positions inside one card cost the card's tree, not the file's (see `ListItems`).
   */
  listItem?(key: string, index: number): ListItemSource | undefined;
}

/** A deck folder as read from disk, before any checking. */
export interface LoadedDeck {
  /** Folder as shown to the user. */
  dir: string;
  absoluteDir: string;
  files: SourceFile[];
  /** Names of YAML files that could not be read at all (too large, not text, outside the folder). */
  unreadable: string[];
}

/** A source file whose syntax tree (with line positions) is parsed from its text on first use. */
export function lazySourceFile(
  base: Pick<SourceFile, 'file' | 'absolutePath' | 'name' | 'text'>,
): SourceFile {
  let parsed: ReturnType<typeof positionTree> | undefined;
  const parse = () => {
    parsed ??= positionTree(base.text);
    return parsed;
  };
  let items: ListItems | undefined;
  return {
    ...base,
    data: undefined,
    get document() {
      return parse().document;
    },
    get lineCounter() {
      return parse().lineCounter;
    },
    listItem(key, index) {
      if (parsed || base.text.length < ITEM_SLICE_MIN_LENGTH) return undefined;
      items ??= new ListItems(base);
      return items.item(key, index);
    },
  };
}
