import { type Document, LineCounter, parseDocument } from 'yaml';

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
  let parsed: { document: SourceFile['document']; lineCounter: LineCounter } | undefined;
  const parse = () => {
    if (!parsed) {
      const lineCounter = new LineCounter();
      const document = parseDocument(base.text, {
        lineCounter,
        prettyErrors: false,
        // Duplicate keys are found by checkStructure: the parser's own check is quadratic in the size of a map.
        uniqueKeys: false,
        strict: true,
        resolveKnownTags: false,
      });
      parsed = { document, lineCounter };
    }
    return parsed;
  };
  return {
    ...base,
    data: undefined,
    get document() {
      return parse().document;
    },
    get lineCounter() {
      return parse().lineCounter;
    },
  };
}
