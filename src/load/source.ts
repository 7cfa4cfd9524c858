import type { Document, LineCounter } from 'yaml';
import type { Position } from '../diagnostics/diagnostic.ts';
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
  /** A spreadsheet source (CSV, XLSX): its columns, translations and cell positions (see load/sheets). */
  sheet?: SheetInfo;
}

/** What a spreadsheet adds to a source file: positions come from its cells, not from a YAML tree. */
export interface SheetInfo {
  /** The list its rows are items of (`events`...). */
  section: string;
  columns: SheetColumn[];
  /** Cells of translation columns (`title@en`), by row. */
  translations: SheetTranslation[];
  /** Where the value at a data path is (`['events', 3, 'title']`); with `key`, the column's header. */
  locate(path: readonly (string | number)[], options?: { key?: boolean }): Position;
  /** Row number (as the spreadsheet shows it) of the item at `index`. */
  rowNumber(index: number): number | undefined;
  /** The column a position of this sheet is in, as a message names it: column B `phase`. */
  columnName(position: Position): string | undefined;
  /** Fields the check stage took misspelt headers for (`title` for `titel`); set by the check stage. */
  suggested?: ReadonlySet<string>;
  /** Whether a value is written at a data path. */
  has(path: readonly (string | number)[]): boolean;
}

export interface SheetColumn {
  header: string;
  /** 0-based column index. */
  index: number;
  /** Field path inside an item that the column feeds (`['questions', 1]`); empty for an ignored column. */
  field: (string | number)[];
  /** For a translation column, its locale. */
  locale?: string;
  /** The header cell. */
  position: Position;
}

/** One translated cell: the text of `field` of the item on row `item` (0-based among items) in `locale`. */
export interface SheetTranslation {
  locale: string;
  item: number;
  /** Field path inside the item, as in the item's data (list positions after empty cells are skipped). */
  field: (string | number)[];
  text: string;
  position: Position;
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
