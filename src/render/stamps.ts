/*
 * Drawings repeated identically (a phase's card back, a thousand times) are drawn once into a PDF form
 * XObject and then placed with a single `Do`: much less content to lay out, encode and compress, and a smaller
 * file. PDFKit has no API for forms, so the first drawing is captured: `addContent` is diverted into a buffer
 * and the page's resource dictionaries are swapped for empty ones, so the form lists exactly what it uses.
 */

import { entryOf } from '../maps.ts';

interface Form {
  name: string;
  ref: { end(chunk: Uint8Array): void };
}

type Resources = Record<string, Record<string, unknown> | undefined>;
const KINDS = ['Font', 'XObject', 'ExtGState'] as const;

export class Stamps {
  private readonly forms = new WeakMap<object, Map<string, Form>>();
  private count = 0;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    /** Writes text the emitter holds back, so that it lands before (or inside) the capture. */
    private readonly flushText: () => void,
  ) {}

  /**
   * Draws what `draw` draws for `key` (an object reused for identical drawings) and `variant`; the first time
   * by capturing it into a form clipped to `bbox` (current coordinates), then by placing that form.
   */
  draw(key: object, variant: string, bbox: [number, number, number, number], draw: () => void): void {
    const byVariant = entryOf(this.forms, key, () => new Map<string, Form>());
    const form = entryOf(byVariant, variant, () => this.capture(bbox, draw));
    const page = this.doc.page as unknown as { xobjects: Record<string, unknown> };
    page.xobjects[form.name] = form.ref;
    this.doc.addContent(`/${form.name} Do`);
  }

  private capture(bbox: [number, number, number, number], draw: () => void): Form {
    const doc = this.doc as unknown as {
      addContent(chunk: string | Uint8Array): unknown;
      page: { resources: { data: Resources } };
      ref(data: object): Form['ref'];
    };
    this.flushText();
    const data = doc.page.resources.data;
    const saved = KINDS.map((kind) => data[kind]);
    for (const kind of KINDS) data[kind] = {};
    // Line by line as PDFKit writes them: a string gets its line end here, bytes (held-back text) carry theirs.
    const chunks: Uint8Array[] = [];
    const addContent = doc.addContent;
    doc.addContent = (chunk: string | Uint8Array) => {
      chunks.push(typeof chunk === 'string' ? Buffer.from(`${chunk}\n`, 'latin1') : chunk);
      return doc;
    };
    const used: Resources = {};
    try {
      draw();
      this.flushText();
    } finally {
      doc.addContent = addContent;
      KINDS.forEach((kind, i) => {
        used[kind] = data[kind];
        const merged = { ...saved[i], ...data[kind] };
        if (Object.keys(merged).length > 0) data[kind] = merged;
        else delete data[kind];
      });
    }
    const resources: Resources = {};
    for (const kind of KINDS) if (Object.keys(used[kind] ?? {}).length > 0) resources[kind] = used[kind];
    const ref = doc.ref({ Type: 'XObject', Subtype: 'Form', FormType: 1, BBox: bbox, Resources: resources });
    ref.end(Buffer.concat(chunks));
    return { name: `Fx${++this.count}`, ref };
  }
}
