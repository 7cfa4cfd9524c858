import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { type FontFiles, fallbackFaces, fontFile, openFont } from '../../fonts/font-files.ts';
import { writeStringsNatively } from './binary-writes.ts';
import { embeddable } from './font-embedding.ts';
import { tagSubsetsByContent } from './subset-tags.ts';

export interface PdfOptions {
  title: string;
  author?: string;
  subject?: string;
  /** BCP 47 tag written as the document's /Lang. */
  lang: string;
  /** Creation and modification date: fixed so that the same sources give the same bytes. */
  date: Date;
  fonts: FontFiles;
  /** Tagged PDF (structure tree) for accessible documents such as the guide. */
  tagged?: boolean;
  /** Page size in points for the first page; later pages pass their own. */
  size: [number, number];
  /** Duplex hint for the print dialog (`simplex`: one-sided, e.g. fold-over sheets). */
  duplex?: 'long-edge' | 'short-edge' | 'simplex';
  /** Content that makes the document's /ID unique among documents with the same info (e.g. deck id + locale). */
  identity: string;
}

/** Names under which the fonts are registered, so drawing code says `doc.font('bold')`. */
export const FONT_NAMES = ['regular', 'bold', 'italic', 'boldItalic', 'symbol'] as const;

/**
 * A PDFKit document set up the way every atelier PDF must be: fixed dates (reproducible bytes), fonts
 * registered and subset on embedding, metadata and language set, optional tagging and duplex preference.
 */
export function createPdf(options: PdfOptions): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: options.size,
    margin: 0,
    autoFirstPage: true,
    compress: true,
    pdfVersion: '1.7',
    lang: options.lang,
    displayTitle: true,
    tagged: options.tagged ?? false,
    // No default Helvetica: PDFKit would parse its metrics file for every document, and atelier never uses it.
    font: null as unknown as string,
    info: {
      Title: options.title,
      Author: options.author ?? '',
      Subject: options.subject ?? '',
      Creator: 'atelier',
      Producer: 'atelier (PDFKit)',
      CreationDate: options.date,
      ModDate: options.date,
      // PDFKit derives /ID from the info dictionary: a content hash keeps IDs distinct between decks and locales.
      Keywords: createHash('sha256').update(options.identity).digest('hex').slice(0, 16),
    },
  });
  writeStringsNatively(doc);
  giveOneShape(doc);
  outputs.set(doc, collectOutput(doc));
  // Fonts opened once per process (see `openFont`): each document still gets its own subset.
  for (const name of FONT_NAMES) doc.registerFont(name, embeddable(openFont(options.fonts[name])) as never);
  for (const face of fallbackFaces(options.fonts))
    doc.registerFont(face, embeddable(openFont(fontFile(options.fonts, face))) as never);
  doc.font('regular');
  tagSubsetsByContent((doc as unknown as { _font: unknown })._font);
  if (options.duplex) setDuplex(doc, options.duplex);
  return doc;
}

/**
 * Adds, empty, the fields PDFKit adds to a document only when first needed (the fill colour on the first
 * `fillColor`, the current structure element in tagged documents), in one order: every document then has the
 * same layout for V8, and PDFKit's methods and atelier's code that take a document stay monomorphic instead of
 * being recompiled for each new order met. PDFKit tests both for truth only, which `undefined` fails as before.
 */
function giveOneShape(doc: PDFKit.PDFDocument): void {
  const fields = doc as unknown as { _fillColor: unknown; _currentStructureElement: unknown };
  fields._fillColor = undefined;
  fields._currentStructureElement = undefined;
}

/** `/ViewerPreferences /Duplex`: tells the print dialog which edge to flip on. */
export function setDuplex(doc: PDFKit.PDFDocument, flip: 'long-edge' | 'short-edge' | 'simplex'): void {
  // With displayTitle on, PDFKit already holds /ViewerPreferences as an indirect object: add to it.
  const root = (
    doc as unknown as { _root: { data: Record<string, { data?: Record<string, unknown> } | undefined> } }
  )._root;
  const prefs = root.data.ViewerPreferences;
  const duplex =
    flip === 'long-edge' ? 'DuplexFlipLongEdge' : flip === 'short-edge' ? 'DuplexFlipShortEdge' : 'Simplex';
  if (prefs?.data) prefs.data.Duplex = duplex;
  else root.data.ViewerPreferences = { data: { Duplex: duplex } } as never;
}

/** Sets TrimBox and BleedBox on the current page (PDFKit has no API for them). Sizes in points. */
export function setPageBoxes(doc: PDFKit.PDFDocument, bleedPt: number): void {
  const page = doc.page as unknown as {
    width: number;
    height: number;
    dictionary: { data: Record<string, unknown> };
  };
  const { width, height } = page;
  page.dictionary.data.BleedBox = [0, 0, width, height];
  page.dictionary.data.TrimBox = [bleedPt, bleedPt, width - bleedPt, height - bleedPt];
}

/** Ends the document and returns its bytes. */
export function pdfToBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const output = outputs.get(doc) ?? collectOutput(doc);
  return new Promise((resolve, reject) => {
    doc.on('end', () => resolve(output.bytes()));
    doc.on('error', reject);
    doc.end();
  });
}

const outputs = new WeakMap<PDFKit.PDFDocument, PackedBytes>();

/** Takes a document's bytes as they are written, from the first page on. */
function collectOutput(doc: PDFKit.PDFDocument): PackedBytes {
  const output = new PackedBytes();
  doc.on('data', (chunk: Uint8Array) => output.write(chunk));
  // The header PDFKit wrote on creation waits in the stream's buffer, and so would every later chunk: the
  // stream starts flowing on the next tick, which a render that only awaits promises never reaches. Reading
  // the buffer out (each read emits 'data') lets later chunks go straight to the listener.
  while (doc.readableLength > 0) doc.read();
  return output;
}

/**
 * Bytes packed into blocks of 1 MiB as they arrive. PDFKit writes tens of thousands of small chunks, and each
 * compressed page stream is a view on a 16 KiB zlib allocation: held one by one until the end, a 1,000-page
 * document kept some 20 MB for 2 MB of PDF.
 */
class PackedBytes {
  static readonly BLOCK = 1 << 20;
  readonly #full: Buffer[] = [];
  #block = Buffer.allocUnsafe(PackedBytes.BLOCK);
  #used = 0;

  write(chunk: Uint8Array): void {
    let from = 0;
    while (from < chunk.length) {
      if (this.#used === this.#block.length) {
        this.#full.push(this.#block);
        this.#block = Buffer.allocUnsafe(PackedBytes.BLOCK);
        this.#used = 0;
      }
      const count = Math.min(chunk.length - from, this.#block.length - this.#used);
      this.#block.set(chunk.subarray(from, from + count), this.#used);
      this.#used += count;
      from += count;
    }
  }

  bytes(): Buffer {
    return Buffer.concat([...this.#full, this.#block.subarray(0, this.#used)]);
  }
}

export const MM = 72 / 25.4;
export const mm = (value: number) => value * MM;
