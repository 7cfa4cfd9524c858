import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * Reading a rendered card PDF back, as a printer would see it: pages rasterized by poppler (pdftoppm) to
 * grey pixels, and where each card face was drawn (its frame: trim origin and direction of its top) from the
 * page's operators as pdf.js reads them. Tests built on these check the PDF, not the geometry functions.
 */

export { hasTool } from '../helpers/tools.ts';

/** One page as 8-bit grey pixels, row by row from the top-left. */
export interface Raster {
  width: number;
  height: number;
  dpi: number;
  pixels: Uint8Array;
}

/** Every page of `pdf` rasterized in grey at `dpi` with pdftoppm (anti-aliased like a print preview). */
export function rasterize(pdf: Uint8Array, dpi: number): Raster[] {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-raster-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    execFileSync('pdftoppm', ['-gray', '-r', String(dpi), join(dir, 'in.pdf'), join(dir, 'page')]);
    return readdirSync(dir)
      .filter((name) => name.endsWith('.pgm'))
      .sort()
      .map((name) => readPgm(readFileSync(join(dir, name)), dpi));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readPgm(bytes: Buffer, dpi: number): Raster {
  // "P5 <width> <height> <max>" then one byte a pixel (max 255).
  const fields: string[] = [];
  let at = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(bytes[at] as number))) at++;
    let field = '';
    while (!/\s/.test(String.fromCharCode(bytes[at] as number)))
      field += String.fromCharCode(bytes[at++] as number);
    fields.push(field);
  }
  at++;
  const [magic, width, height] = fields;
  if (magic !== 'P5') throw new Error(`not a binary PGM: ${magic}`);
  return { width: Number(width), height: Number(height), dpi, pixels: bytes.subarray(at) };
}

/** Pixels darker than `below` (0-255) inside a rectangle given in points from the top-left. */
export function inkIn(
  raster: Raster,
  rect: { x: number; y: number; w: number; h: number },
  below = 250,
): { count: number; first?: { x: number; y: number } } {
  const scale = raster.dpi / 72;
  const x0 = Math.max(0, Math.floor(rect.x * scale));
  const y0 = Math.max(0, Math.floor(rect.y * scale));
  const x1 = Math.min(raster.width, Math.ceil((rect.x + rect.w) * scale));
  const y1 = Math.min(raster.height, Math.ceil((rect.y + rect.h) * scale));
  let count = 0;
  let first: { x: number; y: number } | undefined;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++)
      if ((raster.pixels[y * raster.width + x] as number) < below) {
        count++;
        first ??= { x: x / scale, y: y / scale };
      }
  return first ? { count, first } : { count };
}

/** Where one card face was drawn: its trim's top-left corner on the page and the directions of its axes. */
export interface CardFrame {
  /** Trim origin (the card's own top-left corner), points from the page's top-left. */
  x: number;
  y: number;
  /** Unit vector of the card's "down" (its y axis) on the page: (0, 1) upright, (0, −1) upside down... */
  down: { x: number; y: number };
  /** Unit vector of the card's "right" on the page. */
  right: { x: number; y: number };
  /** Trim rectangle on the page, top-left origin. */
  trim: { x: number; y: number; w: number; h: number };
  /** What the card may paint: its trim and the bleed its slot allows (the clip it is drawn in). */
  painted: { x: number; y: number; w: number; h: number };
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const apply = (m: Matrix, x: number, y: number) => ({
  x: m[0] * x + m[2] * y + m[4],
  y: m[1] * x + m[3] * y + m[5],
});

/**
 * The card faces drawn on each page, in drawing order: a card is drawn in its own coordinates (moved and turned
 * to its slot), clipped to its trim plus bleed. A clip whose rectangle, in the coordinates it is drawn in,
 * holds the card's trim at the origin with at most `maxBleed` around it is taken as a card.
 */
export async function cardFrames(
  pdf: Uint8Array,
  card: { width: number; height: number },
  maxBleed: number,
): Promise<CardFrame[][]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  const pages: CardFrame[][] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const height = page.view[3] as number;
    const list = await page.getOperatorList();
    const frames: CardFrame[] = [];
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const stack: Matrix[] = [];
    let clipping = false;
    list.fnArray.forEach((fn, i) => {
      const args = list.argsArray[i] as unknown[];
      if (fn === pdfjs.OPS.save) stack.push(ctm);
      else if (fn === pdfjs.OPS.restore) ctm = stack.pop() ?? ctm;
      else if (fn === pdfjs.OPS.transform) ctm = multiply(args as Matrix, ctm);
      else if (fn === pdfjs.OPS.paintFormXObjectBegin && Array.isArray(args[0]))
        ctm = multiply(args[0] as Matrix, ctm);
      else if (fn === pdfjs.OPS.clip) clipping = true;
      else if (fn === pdfjs.OPS.constructPath && clipping) {
        clipping = false;
        const box = (args[2] ?? null) as ArrayLike<number> | null;
        if (!box) return;
        const [x0, y0, x1, y1] = [box[0] ?? 0, box[1] ?? 0, box[2] ?? 0, box[3] ?? 0];
        const fitsCard =
          x0 <= 0.01 &&
          y0 <= 0.01 &&
          x0 >= -maxBleed - 0.01 &&
          y0 >= -maxBleed - 0.01 &&
          x1 >= card.width - 0.01 &&
          y1 >= card.height - 0.01 &&
          x1 <= card.width + maxBleed + 0.01 &&
          y1 <= card.height + maxBleed + 0.01;
        if (!fitsCard) return;
        // Page space of pdf.js has y up; the tests think top-left, y down like the renderer.
        const toPage = (x: number, y: number) => {
          const q = apply(ctm, x, y);
          return { x: q.x, y: height - q.y };
        };
        const origin = toPage(0, 0);
        const downAt = toPage(0, 1);
        const rightAt = toPage(1, 0);
        const far = toPage(card.width, card.height);
        const clipA = toPage(x0, y0);
        const clipB = toPage(x1, y1);
        frames.push({
          x: origin.x,
          y: origin.y,
          down: { x: round(downAt.x - origin.x), y: round(downAt.y - origin.y) },
          right: { x: round(rightAt.x - origin.x), y: round(rightAt.y - origin.y) },
          trim: {
            x: Math.min(origin.x, far.x),
            y: Math.min(origin.y, far.y),
            w: Math.abs(far.x - origin.x),
            h: Math.abs(far.y - origin.y),
          },
          painted: {
            x: Math.min(clipA.x, clipB.x),
            y: Math.min(clipA.y, clipB.y),
            w: Math.abs(clipB.x - clipA.x),
            h: Math.abs(clipB.y - clipA.y),
          },
        });
      }
    });
    pages.push(frames);
  }
  await doc.destroy();
  return pages;
}

const round = (n: number) => Math.round(n * 1000) / 1000 || 0;

/** The QR codes on the first page of `pdf`, decoded by zbarimg from a 300-dpi raster, sorted. */
export function decodeQrCodes(pdf: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-qr-'));
  try {
    execFileSync('pdftoppm', ['-r', '300', '-png', '-f', '1', '-l', '1', pdf, join(dir, 'page')]);
    const page = readdirSync(dir).find((f) => f.endsWith('.png')) ?? '';
    return execFileSync('zbarimg', ['-q', '--raw', join(dir, page)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .trim()
      .split('\n')
      .sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
