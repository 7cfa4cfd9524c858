// The `xliff` package ships no type declarations: these cover the two functions atelier calls.

declare module 'xliff/js2xliff' {
  import type { XliffDocument } from 'xliff/xliff2js';
  export default function js2xliff(document: XliffDocument, options?: { indent?: string }): Promise<string>;
}

declare module 'xliff/xliff2js' {
  /** A source or target: plain text, or text mixed with inline elements (objects). */
  export type XliffValue = string | (string | Record<string, unknown>)[];
  export interface XliffUnit {
    source?: XliffValue;
    target?: XliffValue;
    note?: XliffValue | XliffValue[];
    additionalAttributes?: Record<string, string>;
    groupUnits?: Record<string, XliffUnit>;
  }
  export interface XliffDocument {
    sourceLanguage?: string;
    targetLanguage?: string;
    resources: Record<string, Record<string, XliffUnit>>;
  }
  export default function xliff2js(xml: string, options?: Record<string, unknown>): Promise<XliffDocument>;
}

// node-gettext's table of gettext plural rules per language (the Plural-Forms header and its function).
declare module 'node-gettext/lib/plurals.js' {
  const plurals: Record<
    string,
    { name: string; nplurals: number; pluralsText: string; pluralsFunc: (n: number) => number }
  >;
  export default plurals;
}
