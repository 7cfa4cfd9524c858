import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Rect } from '../compose/layout/nodes.ts';
import { error, type Position, warning } from '../diagnostics/diagnostic.ts';
import { resolveInsideDeck } from '../fs-guard.ts';
import type { DiagnosticSink } from './diagnostics.ts';
import { inspectSvg, looksLikeSvg, SVG_LIMITS, type SvgCost } from './svg-inspect.ts';

/**
 * What PDFKit embeds well: PNG (only where transparency is used) or JPEG; for the print shop, a CMYK JPEG
 * with its transparency, if any, as 8-bit alpha samples (a soft mask).
 */
export interface NormalizedImage {
  data: Buffer;
  width: number;
  height: number;
  format: 'png' | 'jpeg' | 'cmyk-jpeg';
  alpha?: Buffer;
}

/** The colours images are embedded in: RGB, or CMYK for the print shop (see `pdf/cmyk.ts`). */
export type ImageColours = 'rgb' | 'cmyk';

export type Fit = 'contain' | 'cover' | 'fill';

/**
 * What one image may cost. A 40-megapixel photo (a good camera's) passes and is scaled down to what the
 * placement needs; a 16,000² PNG decoded whole took 20 s and a gigabyte.
 */
export const IMAGE_LIMITS = {
  /** Bytes of an image file. */
  maxFileBytes: 128 * 1024 * 1024,
  /** Bytes of an SVG file: text, and every element costs (43 MB held a million of them). */
  maxSvgBytes: 8 * 1024 * 1024,
  /** Decoded pixels of a raster image. */
  maxPixels: 100_000_000,
  /** Seconds one decode or rasterization may take before it is stopped, whatever the cause. */
  timeoutSeconds: 8,
} as const;

/** Print resolution images are prepared for, and below which a warning is given. */
export const PRINT_DPI = 300;
const PT_PER_INCH = 72;

type Sharp = typeof import('sharp').default;
let sharpModule: Sharp | undefined;
/**
 * sharp is loaded on the first image only: a deck without images does not pay for the native module. It is
 * required (a CommonJS package) rather than imported, which works the same from the sources and from the CLI
 * bundle, whose compiled-code cache leaves no way to resolve a dynamic `import()`.
 */
async function loadSharp(): Promise<Sharp> {
  sharpModule ??= createRequire(import.meta.url)('sharp') as Sharp;
  return sharpModule;
}

/** Normalized images by content hash (and raster size for vector art), shared by every document of a process. */
const normalized = new Map<string, Promise<NormalizedImage>>();
const MAX_CACHED = 64;

interface Entry {
  image?: NormalizedImage;
  /** Size of the source image, to tell whether a new placement needs more pixels than prepared. */
  source?: { width: number; height: number };
  /** SVG: rasterized for the placement, so a larger placement needs a new raster. */
  vector?: boolean;
  pixels: number;
  failed?: boolean;
  pdf?: unknown;
  warned?: boolean;
}

/**
 * Images of one PDF document. `prepare` reads and normalizes an image with sharp (once per content and size,
 * cached for the process); `draw` places it, embedding it in the document the first time only, so a card back
 * drawn a thousand times is stored once. Bad files become diagnostics, never exceptions.
 */
export class ImageStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly deckDir: string,
    private readonly diagnostics: DiagnosticSink,
    /** Where the deck names an image (theme.logo, theme.cardBack), to point warnings at the deck rather than the layout. */
    private readonly namedAt: ReadonlyMap<string, Position> = new Map(),
    private readonly colours: ImageColours = 'rgb',
  ) {}

  /** Whether `src` is prepared (or failed, already reported) for a box up to `bound`. */
  ready(src: string, bound: { w: number; h: number }, fit: Fit): boolean {
    const entry = this.entries.get(src);
    if (!entry) return false;
    if (entry.failed || !entry.source) return true;
    const target = targetPixels(entry.source.width, entry.source.height, bound, fit);
    const needed = target.w * target.h;
    return (
      entry.pixels >= (entry.vector ? needed : Math.min(needed, entry.source.width * entry.source.height))
    );
  }

  /** Makes `src` ready to draw in a box up to `bound` (points) at 300 dpi. */
  async prepare(src: string, bound: { w: number; h: number }, fit: Fit, at: Position): Promise<void> {
    if (this.ready(src, bound, fit)) return;
    const where = this.namedAt.get(src) ?? at;
    const path = resolveInsideDeck(this.deckDir, src);
    if (!path) {
      this.entries.set(src, { failed: true, pixels: 0 });
      this.diagnostics.add(
        error(
          'render/image-missing',
          `image \`${src}\` is not a file inside the deck folder`,
          where,
          'paths are relative to the deck folder, e.g. `assets/back.svg`',
        ),
      );
      return;
    }
    const refuse = (code: string, message: string, hint?: string) => {
      this.entries.set(src, { failed: true, pixels: 0 });
      this.diagnostics.add(error(code, message, where, hint));
    };
    const resizeHint = (kind: string) => {
      const target = targetPixels(bound.w, bound.h, bound, fit);
      return `${kind}: where it is placed, ${target.w}×${target.h} pixels print at ${PRINT_DPI} dpi (e.g. \`magick in.png -resize ${target.w}x${target.h} out.png\`)`;
    };
    let bytes: Buffer;
    try {
      const size = statSync(path).size;
      if (size > IMAGE_LIMITS.maxFileBytes) {
        refuse(
          'render/image-too-large',
          `image \`${src}\` is ${megabytes(size)} MB, more than the ${megabytes(IMAGE_LIMITS.maxFileBytes)} MB an image file may have`,
          resizeHint('resize or compress it'),
        );
        return;
      }
      bytes = readFileSync(path);
    } catch (e) {
      this.entries.set(src, { failed: true, pixels: 0 });
      this.diagnostics.add(
        error('render/image-unreadable', `image \`${src}\` cannot be read: ${(e as Error).message}`, where),
      );
      return;
    }
    if (looksLikeSvg(bytes)) {
      const problem = svgProblem(src, bytes);
      if (problem) {
        refuse('render/image-too-complex', problem, resizeHint('simplify it, or export it as a PNG'));
        return;
      }
    }
    try {
      const hash = createHash('sha256').update(bytes).digest('hex');
      const sharp = await loadSharp();
      const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
      const width = meta.width ?? 0;
      const height = meta.height ?? 0;
      if (!width || !height) throw new Error('no pixels');
      if (meta.format !== 'svg' && width * height > IMAGE_LIMITS.maxPixels) {
        refuse(
          'render/image-too-large',
          `image \`${src}\` is ${width}×${height} pixels (${Math.round((width * height) / 1e6)} megapixels), more than the ${IMAGE_LIMITS.maxPixels / 1e6} megapixels an image may have`,
          resizeHint('resize it'),
        );
        return;
      }
      const target = targetPixels(width, height, bound, fit);
      const isVector = meta.format === 'svg';
      const resized = isVector || width * height > 2.25 * target.w * target.h;
      const key = `${resized ? `${hash}:${target.w}x${target.h}` : hash}:${this.colours}`;
      let pending = normalized.get(key);
      if (!pending) {
        pending = normalize(
          sharp,
          bytes,
          meta.format ?? '',
          width,
          resized ? target : undefined,
          this.colours,
        );
        if (normalized.size >= MAX_CACHED) normalized.delete(normalized.keys().next().value as string);
        normalized.set(key, pending);
        // A failed decode is not kept: the file may be fixed before the next build in watch mode.
        pending.catch(() => normalized.delete(key));
      }
      const image = await pending;
      if (isVector) this.warnExternal(src, bytes, where);
      this.entries.set(src, {
        image,
        source: { width, height },
        vector: isVector,
        pixels: image.width * image.height,
      });
    } catch (e) {
      this.entries.set(src, { failed: true, pixels: 0 });
      if (/timeout/i.test(shortMessage(e))) {
        this.diagnostics.add(
          error(
            'render/image-too-complex',
            `image \`${src}\` took more than ${IMAGE_LIMITS.timeoutSeconds} s to draw and was stopped`,
            where,
            resizeHint('simplify it (fewer filters and elements), or export it as a PNG'),
          ),
        );
        return;
      }
      this.diagnostics.add(
        error(
          'render/image-unreadable',
          `image \`${src}\` cannot be read as PNG, JPEG, SVG, WebP or AVIF: ${shortMessage(e)}`,
          where,
          'export the image again, or use another file',
        ),
      );
    }
  }

  private readonly warnedExternal = new Set<string>();

  /** An SVG is drawn on its own: the files it names come out blank, which deserves a word. */
  private warnExternal(src: string, bytes: Buffer, where: Position): void {
    if (this.warnedExternal.has(src)) return;
    this.warnedExternal.add(src);
    const refs = inspectSvg(bytes.toString('utf8')).externalReferences;
    if (refs.length === 0) return;
    this.diagnostics.add(
      warning(
        'render/svg-external-reference',
        `image \`${src}\` refers to ${refs.map((r) => `\`${r.slice(0, 80)}\``).join(', ')}, which will not be drawn: an SVG is drawn on its own, without the files it names`,
        where,
        'embed those images in the SVG (as data: URLs), or draw them into it',
      ),
    );
  }

  /** Draws a prepared image in `rect`; an image that could not be prepared is left out (already reported). */
  draw(
    ctx: { doc: PDFKit.PDFDocument },
    src: string,
    rect: Rect,
    fit: Fit,
    opacity: number,
    at: Position,
  ): void {
    const entry = this.entries.get(src);
    if (!entry?.image || rect.w <= 0 || rect.h <= 0) return;
    const { doc } = ctx;
    const image = entry.image;
    entry.pdf ??= image.format === 'cmyk-jpeg' ? embedCmyk(doc, image) : openImage(doc, image.data);
    const placed = placement(image, rect, fit);
    const dpi = Math.min(image.width / (placed.w / PT_PER_INCH), image.height / (placed.h / PT_PER_INCH));
    if (dpi < PRINT_DPI - 1 && !entry.warned) {
      entry.warned = true;
      this.diagnostics.add(
        warning(
          'render/low-resolution',
          `image \`${src}\` prints at ${Math.round(dpi)} dpi where it is placed (${mmOf(placed.w)}×${mmOf(placed.h)} mm); print needs ${PRINT_DPI} dpi`,
          this.namedAt.get(src) ?? at,
          `use an image of at least ${Math.ceil((placed.w / PT_PER_INCH) * PRINT_DPI)}×${Math.ceil((placed.h / PT_PER_INCH) * PRINT_DPI)} pixels, or an SVG`,
        ),
      );
    }
    const clip = fit === 'cover';
    if (clip || opacity < 1) doc.save();
    if (clip) doc.rect(rect.x, rect.y, rect.w, rect.h).clip();
    if (opacity < 1) doc.fillOpacity(opacity);
    doc.image(entry.pdf as never, placed.x, placed.y, { width: placed.w, height: placed.h });
    if (clip || opacity < 1) doc.restore();
  }
}

/**
 * Pixels in CMYK for the print shop, converted by libvips (sharp's `toColourspace('cmyk')`). A JPEG: PDFKit
 * embeds no other CMYK image, and at 300 dpi with full colour resolution (no chroma subsampling) and quality 95
 * for line art, what compression loses does not print. Transparency is kept apart as alpha samples.
 */
async function toCmyk(
  sharp: Sharp,
  data: Buffer,
  info: { width: number; height: number; channels: number },
  isOpaque: boolean,
  lossless: boolean,
): Promise<NormalizedImage> {
  const { width, height, channels } = info;
  const pixels = () => sharp(data, { raw: { width, height, channels: channels as 1 | 2 | 3 | 4 } });
  const jpeg = await pixels()
    .removeAlpha()
    .toColourspace('cmyk')
    .jpeg({ quality: lossless ? 95 : 90, chromaSubsampling: '4:4:4' })
    .toBuffer();
  if (isOpaque) return { data: jpeg, width, height, format: 'cmyk-jpeg' };
  const alpha = await pixels()
    .extractChannel((channels - 1) as 1 | 3)
    .raw()
    .toBuffer();
  return { data: jpeg, width, height, format: 'cmyk-jpeg', alpha };
}

type PdfImage = { obj: unknown; label: string; width: number; height: number };
type ImageDoc = {
  openImage(src: Buffer): PdfImage & { data: Buffer | null; bits: number };
  ref(data: Record<string, unknown>): { end(data?: Buffer): void };
};

function openImage(doc: PDFKit.PDFDocument, data: Buffer): PdfImage {
  return (doc as unknown as ImageDoc).openImage(data);
}

/**
 * A CMYK JPEG embedded as PDFKit embeds one (inverted samples, as libjpeg writes them), plus the soft mask of
 * its alpha samples, which PDFKit's own JPEG images cannot have.
 */
function embedCmyk(doc: PDFKit.PDFDocument, image: NormalizedImage): PdfImage {
  const pdf = doc as unknown as ImageDoc;
  const opened = pdf.openImage(image.data);
  const { width, height } = opened;
  let mask: unknown;
  if (image.alpha) {
    const ref = pdf.ref({
      Type: 'XObject',
      Subtype: 'Image',
      Width: width,
      Height: height,
      BitsPerComponent: 8,
      ColorSpace: 'DeviceGray',
    });
    ref.end(image.alpha);
    mask = ref;
  }
  const obj = pdf.ref({
    Type: 'XObject',
    Subtype: 'Image',
    BitsPerComponent: opened.bits,
    Width: width,
    Height: height,
    ColorSpace: 'DeviceCMYK',
    Decode: [1, 0, 1, 0, 1, 0, 1, 0],
    Filter: 'DCTDecode',
    ...(mask ? { SMask: mask } : {}),
  });
  obj.end(image.data);
  opened.obj = obj;
  opened.data = null;
  return opened;
}

const mmOf = (pt: number) => Math.round((pt / 72) * 25.4);
const megabytes = (bytes: number) => Math.round(bytes / (1024 * 1024));

/** Every alpha sample (the last of each pixel) at 255. */
function alphaIsOpaque(data: Buffer, channels: number): boolean {
  for (let i = channels - 1; i < data.length; i += channels) if (data[i] !== 255) return false;
  return true;
}

/** Why an SVG is refused before librsvg opens it, if it is: its size, its element count or its filters. */
function svgProblem(src: string, bytes: Buffer): string | undefined {
  if (bytes.length > IMAGE_LIMITS.maxSvgBytes)
    return `image \`${src}\` is an SVG of ${megabytes(bytes.length)} MB, more than the ${megabytes(IMAGE_LIMITS.maxSvgBytes)} MB an SVG may have`;
  const cost: SvgCost = inspectSvg(bytes.toString('utf8'));
  if (cost.stoppedEarly || cost.elements > SVG_LIMITS.maxElements)
    return `image \`${src}\` has more than ${SVG_LIMITS.maxElements.toLocaleString('en')} elements, the most an SVG may have`;
  if (cost.filterPasses > SVG_LIMITS.maxFilterPasses)
    return `image \`${src}\` applies ${cost.filterPasses} filter effects, more than the ${SVG_LIMITS.maxFilterPasses} an SVG may apply`;
  if (cost.morphologyRadius > SVG_LIMITS.maxMorphologyRadius)
    return `image \`${src}\` has a morphology filter of radius ${cost.morphologyRadius}, more than the ${SVG_LIMITS.maxMorphologyRadius} allowed`;
  if (cost.convolveOrder > SVG_LIMITS.maxConvolveOrder)
    return `image \`${src}\` has a convolution filter of order ${cost.convolveOrder}, more than the ${SVG_LIMITS.maxConvolveOrder} allowed`;
  return undefined;
}

function shortMessage(e: unknown): string {
  return String((e as Error)?.message ?? e)
    .split('\n')[0]
    ?.replace(/^Input buffer |^Input file /, '') as string;
}

/** Where an image of this aspect goes in `rect`. */
export function placement(image: { width: number; height: number }, rect: Rect, fit: Fit): Rect {
  if (fit === 'fill') return rect;
  const scale =
    fit === 'contain'
      ? Math.min(rect.w / image.width, rect.h / image.height)
      : Math.max(rect.w / image.width, rect.h / image.height);
  const w = image.width * scale;
  const h = image.height * scale;
  return { x: rect.x + (rect.w - w) / 2, y: rect.y + (rect.h - h) / 2, w, h };
}

/** Pixels needed for 300 dpi when an image of this size is placed in `bound` with `fit`. */
function targetPixels(
  width: number,
  height: number,
  bound: { w: number; h: number },
  fit: Fit,
): { w: number; h: number } {
  const placed = placement({ width, height }, { x: 0, y: 0, ...bound }, fit);
  return {
    w: Math.max(1, Math.ceil((placed.w / PT_PER_INCH) * PRINT_DPI)),
    h: Math.max(1, Math.ceil((placed.h / PT_PER_INCH) * PRINT_DPI)),
  };
}

/**
 * To PNG or JPEG. Vector art is rasterized at the density that gives `size` pixels (sharp otherwise rasterizes
 * at 72 dpi and scales up); rasters far larger than needed are scaled down to it. Transparency is kept only
 * where a pixel uses it: PDFKit splits PNG alpha in JavaScript, which is slow and large.
 */
async function normalize(
  sharp: Sharp,
  bytes: Buffer,
  format: string,
  width: number,
  size: { w: number; h: number } | undefined,
  colours: ImageColours,
): Promise<NormalizedImage> {
  const density =
    format === 'svg' && size ? Math.min(2400, Math.max(72, Math.ceil((72 * size.w) / width))) : undefined;
  // Decoded once, at the size wanted, into raw pixels: a 40-megapixel JPEG is then read shrunk (libjpeg scales
  // while decoding), and the transparency test and the encoding work on the small copy.
  let pipeline = sharp(bytes, {
    ...(density ? { density } : {}),
    failOn: 'error',
    limitInputPixels: IMAGE_LIMITS.maxPixels,
  })
    .rotate()
    .timeout({ seconds: IMAGE_LIMITS.timeoutSeconds });
  if (size) pipeline = pipeline.resize(size.w, size.h, { fit: 'fill' });
  const raw = await pipeline
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const { channels } = raw.info;
  const isOpaque = channels % 2 === 1 || alphaIsOpaque(raw.data, channels);
  const lossless = format === 'png' || format === 'gif' || format === 'svg' || format === 'tiff';
  if (colours === 'cmyk') return toCmyk(sharp, raw.data, raw.info, isOpaque, lossless);
  const pixels = sharp(raw.data, { raw: { width: raw.info.width, height: raw.info.height, channels } });
  let result: { data: Buffer; info: { width: number; height: number } };
  let out: 'png' | 'jpeg';
  if (!isOpaque) {
    result = await pixels.png({ compressionLevel: 9 }).toBuffer({ resolveWithObject: true });
    out = 'png';
  } else if (lossless) {
    result = await pixels.removeAlpha().png({ compressionLevel: 9 }).toBuffer({ resolveWithObject: true });
    out = 'png';
  } else {
    result = await pixels
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 90 })
      .toBuffer({ resolveWithObject: true });
    out = 'jpeg';
  }
  return { data: result.data, width: result.info.width, height: result.info.height, format: out };
}
