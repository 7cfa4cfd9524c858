import { createHash } from 'node:crypto';
import { renderDocument } from '../build/build.ts';
import { encodePng, RasterPdf } from '../export/rasterize.ts';
import type { LocaleState } from '../watch/incremental.ts';

const CARD_DPI = 110;
const PAGE_DPI = 60;
const MAX_IMAGES = 600;

/**
 * Images for the preview page, made on request with the export's rasterizer and kept by content: a card face
 * by its drawing hash (an edit elsewhere leaves it cached), a page by its file's hash and number.
 */
export class PreviewImages {
  private readonly images = new Map<string, Promise<Buffer>>();
  private readonly pdfs = new Map<string, Promise<RasterPdf>>();

  /** The card face of a locale whose drawing has this hash (a front or a back); undefined if none has. */
  card(state: LocaleState, faceHash: string): Promise<Buffer> | undefined {
    const faces = [
      ...(state.manifest.faces?.['event-cards.pdf'] ?? []),
      ...(state.manifest.faces?.['profile-cards.pdf'] ?? []),
    ];
    const index = faces.findIndex((f) => f.front === faceHash || f.back === faceHash);
    const face = faces[index];
    if (!face) return undefined;
    const side = face.front === faceHash ? 'front' : 'back';
    return this.remember(`card:${faceHash}`, async () => {
      const pdf = await this.printShop(state, JSON.stringify(faces));
      return encodePng(await pdf.render(2 * index + (side === 'front' ? 1 : 2), CARD_DPI));
    });
  }

  /** Page `page` (1-based) of the PDF of a locale whose sha256 is `sha`. */
  page(state: LocaleState, sha: string, page: number): Promise<Buffer> | undefined {
    const file = state.manifest.files.find((f) => f.sha256 === sha);
    const bytes = file && state.files.get(file.name);
    if (!bytes) return undefined;
    return this.remember(`page:${sha}:${page}`, async () => {
      const pdf = await this.open(`file:${sha}`, async () => bytes);
      if (page < 1 || page > pdf.pages) throw new RangeError(`no page ${page}`);
      return encodePng(await pdf.render(page, PAGE_DPI));
    });
  }

  private printShop(state: LocaleState, faces: string): Promise<RasterPdf> {
    return this.open(`shop:${state.deck}/${state.locale}:${hash(faces)}`, async () => {
      const shop = await renderDocument('printShop', state.input);
      const file = shop.files[0];
      if (!file) throw new Error('the print-shop cards could not be drawn');
      return file.bytes;
    });
  }

  private open(key: string, bytes: () => Promise<Buffer>): Promise<RasterPdf> {
    let pdf = this.pdfs.get(key);
    if (!pdf) {
      pdf = bytes().then((b) => RasterPdf.open(b));
      pdf.catch(() => this.pdfs.delete(key));
      // Few documents are current at a time: drop the oldest.
      if (this.pdfs.size >= 24) {
        const [oldest] = this.pdfs.keys();
        if (oldest) {
          this.pdfs
            .get(oldest)
            ?.then((p) => p.close())
            .catch(() => {});
          this.pdfs.delete(oldest);
        }
      }
      this.pdfs.set(key, pdf);
    }
    return pdf;
  }

  private remember(key: string, make: () => Promise<Buffer>): Promise<Buffer> {
    let image = this.images.get(key);
    if (!image) {
      image = make();
      image.catch(() => this.images.delete(key));
      if (this.images.size >= MAX_IMAGES) {
        const [oldest] = this.images.keys();
        if (oldest) this.images.delete(oldest);
      }
      this.images.set(key, image);
    }
    return image;
  }

  async close(): Promise<void> {
    for (const pdf of this.pdfs.values()) await pdf.then((p) => p.close()).catch(() => {});
    this.pdfs.clear();
    this.images.clear();
  }
}

const hash = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex').slice(0, 24);
