import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * PDF pages to pixels, in process: pdf.js (pdfjs-dist 5, the last line that runs on Node 20) drawing on a Skia
 * canvas (@napi-rs/canvas 0.1; its 1.x breaks pdf.js's clipping). No system tool, the same on every machine.
 * Both are loaded on first use only: a build never pays for them.
 */

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type CanvasModule = typeof import('@napi-rs/canvas');
export type Canvas = import('@napi-rs/canvas').Canvas;

interface Engines {
  pdfjs: PdfJs;
  canvas: CanvasModule;
  standardFonts: string;
}

let engines: Promise<Engines> | undefined;

function loadEngines(): Promise<Engines> {
  engines ??= (async () => {
    // Required, not imported: Node 20.19+ loads an ES module that has no top-level await through require(),
    // and the CLI bundle (a script with a code cache) has no dependable dynamic import().
    const require = createRequire(import.meta.url);
    const pdfjsEntry = require.resolve('pdfjs-dist/legacy/build/pdf.mjs');
    const pdfjs = withoutRequireWarning(() => require(pdfjsEntry) as PdfJs);
    const canvas = require('@napi-rs/canvas') as CanvasModule;
    const standardFonts = `${join(dirname(dirname(dirname(pdfjsEntry))), 'standard_fonts')}/`;
    return { pdfjs, canvas, standardFonts };
  })();
  return engines;
}

/** Node 20 flags require() of an ES module as experimental, a notice for Node's developers, not our users. */
function withoutRequireWarning<T>(load: () => T): T {
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: never[]) => {
    if (!String(warning).includes('require()')) emit.call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return load();
  } finally {
    process.emitWarning = emit;
  }
}

/** One PDF opened for rasterizing; pages are drawn on demand. */
export class RasterPdf {
  private constructor(
    private readonly doc: import('pdfjs-dist/legacy/build/pdf.mjs').PDFDocumentProxy,
    private readonly engines: Engines,
  ) {}

  static async open(bytes: Uint8Array): Promise<RasterPdf> {
    const e = await loadEngines();
    // pdf.js takes the buffer over (detaches it): give it a copy.
    const data = new Uint8Array(bytes);
    const doc = await e.pdfjs.getDocument({
      data,
      standardFontDataUrl: e.standardFonts,
      isEvalSupported: false,
      verbosity: 0,
    }).promise;
    return new RasterPdf(doc, e);
  }

  get pages(): number {
    return this.doc.numPages;
  }

  /**
   * Draws page `number` (1-based) at `dpi` on a white canvas. `size` forces the canvas size in pixels (the page
   * scaled to fill it), so that sizes computed from millimetres come out exact rather than rounded twice.
   */
  async render(number: number, dpi: number, size?: { width: number; height: number }): Promise<Canvas> {
    const page = await this.doc.getPage(number);
    const natural = page.getViewport({ scale: 1 });
    const width = size?.width ?? Math.round((natural.width * dpi) / 72);
    const height = size?.height ?? Math.round((natural.height * dpi) / 72);
    const viewport = page.getViewport({ scale: width / natural.width });
    const canvas = this.engines.canvas.createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    // pdf.js's types name the DOM canvas; Skia's canvas implements what it uses.
    await page.render({ canvasContext: ctx as never, viewport, canvas: canvas as never }).promise;
    page.cleanup();
    return canvas;
  }

  /** A new blank (white) canvas of the same kind, for sheets made of several renders. */
  blank(width: number, height: number): Canvas {
    const canvas = this.engines.canvas.createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    return canvas;
  }

  async close(): Promise<void> {
    await this.doc.destroy();
  }
}

/** A canvas as an RGB PNG (no alpha channel: print images, Tabletop Simulator and slides want none). */
export async function encodePng(canvas: Canvas): Promise<Buffer> {
  const sharp = createRequire(import.meta.url)('sharp') as typeof import('sharp').default;
  const raw = canvas.data();
  return sharp(raw, { raw: { width: canvas.width, height: canvas.height, channels: 4 } })
    .removeAlpha()
    .png({ compressionLevel: 6, adaptiveFiltering: false })
    .toBuffer();
}

/** A part of a canvas, as a canvas of its own. */
export function crop(
  from: Canvas,
  make: (w: number, h: number) => Canvas,
  box: { x: number; y: number; width: number; height: number },
): Canvas {
  const out = make(box.width, box.height);
  out.getContext('2d').drawImage(from, -box.x, -box.y);
  return out;
}
