import type { Position } from '../diagnostics/diagnostic.ts';

/** One translation read back from a PO or XLIFF file. */
export interface IncomingTranslation {
  key: string;
  /** The source text the translator saw (the file's msgid or `<source>`). */
  source: string;
  /** The translation; empty when the translator left it blank. */
  target: string;
  /** Still needs work: PO `#, fuzzy`, XLIFF state `initial`. */
  fuzzy: boolean;
  /** XLIFF state `reviewed` or `final`; undefined when the format cannot say (PO). */
  reviewed?: boolean;
  position: Position;
  /**
   * A PO plural entry: msgid and msgid_plural as the translator saw them, and msgstr[0..n-1]. The import turns
   * the forms back into one ICU message (`source` and `target` then hold msgid and msgstr[0]).
   */
  plural?: { source: [string, string]; forms: string[] };
}
