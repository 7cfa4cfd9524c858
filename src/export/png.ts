import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type BuildOptions, buildDecks, renderDocument } from '../build/build.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { CardFace } from '../render/card-faces.ts';
import type { RenderInput } from '../render/types.ts';
import type { OutputSet } from '../write/write-outputs.ts';
import { type Canvas, crop, encodePng, RasterPdf } from './rasterize.ts';
import { ttsLayout } from './tts.ts';

export interface ExportPngOptions extends Pick<BuildOptions, 'locales' | 'paper' | 'cwd' | 'outDir'> {
  /** Resolution of the card images (300 by default). */
  dpi?: number;
  /** Images at trim plus bleed rather than at trim. */
  bleed?: boolean;
  /** Also write Tabletop Simulator deck sheets. */
  sheet?: 'tts';
}

export interface ExportedLocale {
  deck: string;
  locale: string;
  /** Folder written, relative to the output root: `<deck>/png/<locale>`. */
  folder: string;
  cards: number;
  files: { name: string; width: number; height: number; bytes: number }[];
}

export interface ExportPngResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  exported: ExportedLocale[];
}

/** Longest side of a Tabletop Simulator sheet, and its grid limits. */
export const TTS_MAX_PX = 4096;

/**
 * One PNG per card face (front and back) of every card, drawn from the kit's own print-shop PDF (one card per
 * page at trim plus bleed) so that the images are the printed cards; optionally Tabletop Simulator sheets, and
 * always a contact sheet of the fronts. Each locale's images are written to a folder swapped in whole.
 */
export async function exportPng(
  dirs: readonly string[],
  options: ExportPngOptions = {},
): Promise<ExportPngResult> {
  const dpi = options.dpi ?? 300;
  const inputs = new Map<string, RenderInput>();
  let sets: readonly OutputSet[] = [];
  const built = await buildDecks(dirs, {
    ...options,
    only: ['cards'],
    printShop: true,
    printShopImages: 'rgb',
    render: (document, input) => {
      inputs.set(`${input.deck.meta.id}/${input.locale}`, input);
      return renderDocument(document, input);
    },
    write: (_root, all) => {
      sets = all;
    },
  });
  if (!built.ok) return { ok: false, diagnostics: built.diagnostics, exported: [] };
  const outRoot = resolve(options.cwd ?? process.cwd(), options.outDir ?? 'out');
  const exported: ExportedLocale[] = [];
  for (const set of sets) {
    const input = inputs.get(`${set.manifest.deck}/${set.manifest.locale}`);
    if (!input) continue;
    const images = await cardImages(set, input, {
      dpi,
      bleed: options.bleed === true,
      tts: options.sheet === 'tts',
    });
    const folder = join(set.manifest.deck, 'png', set.manifest.locale);
    writeFolder(join(outRoot, folder), images.files);
    exported.push({
      deck: set.manifest.deck,
      locale: set.manifest.locale,
      folder,
      cards: images.cards,
      files: images.files.map(({ name, width, height, bytes }) => ({
        name,
        width,
        height,
        bytes: bytes.length,
      })),
    });
  }
  return { ok: true, diagnostics: built.diagnostics, exported };
}

interface Image {
  name: string;
  width: number;
  height: number;
  bytes: Buffer;
}

/** Pixel size of a length in millimetres at a resolution. */
export const mmToPx = (mm: number, dpi: number) => Math.round((mm / 25.4) * dpi);

async function cardImages(
  set: OutputSet,
  input: RenderInput,
  options: { dpi: number; bleed: boolean; tts: boolean },
): Promise<{ files: Image[]; cards: number }> {
  const { card, bleed } = input.deck.print;
  const shop = set.files.find((f) => f.name === 'cards-print-shop.pdf');
  const faces = [
    ...(set.manifest.faces?.['event-cards.pdf'] ?? []),
    ...(set.manifest.faces?.['profile-cards.pdf'] ?? []),
  ];
  if (!shop) return { files: [], cards: 0 };
  const pdf = await RasterPdf.open(shop.bytes);
  if (pdf.pages !== faces.length * 2) {
    await pdf.close();
    throw new Error(`print-shop PDF has ${pdf.pages} pages for ${faces.length} cards`);
  }
  const full = {
    width: mmToPx(card.width + 2 * bleed, options.dpi),
    height: mmToPx(card.height + 2 * bleed, options.dpi),
  };
  const trim = { width: mmToPx(card.width, options.dpi), height: mmToPx(card.height, options.dpi) };
  const offset = {
    x: Math.round((full.width - trim.width) / 2),
    y: Math.round((full.height - trim.height) / 2),
  };
  const cell = ttsCell(trim);
  const files: Image[] = [];
  const small = new Map<string, Canvas>(); // face hash -> image at sheet size (fronts and distinct backs)
  const backImages = new Map<string, Image>();
  const face = async (page: number): Promise<Canvas> => {
    const drawn = await pdf.render(page, options.dpi, full);
    return options.bleed ? drawn : crop(drawn, (w, h) => pdf.blank(w, h), { ...offset, ...trim });
  };
  const shrink = (canvas: Canvas): Canvas => {
    const out = pdf.blank(cell.width, cell.height);
    out.getContext('2d').drawImage(canvas, 0, 0, cell.width, cell.height);
    return out;
  };
  for (const [i, f] of faces.entries()) {
    const base = fileBase(f);
    const front = await face(2 * i + 1);
    files.push(await image(`${base}.front.png`, front));
    small.set(`front:${i}`, shrink(front));
    let back = backImages.get(f.back);
    if (!back) {
      const canvas = await face(2 * i + 2);
      back = await image(`${base}.back.png`, canvas);
      backImages.set(f.back, back);
      small.set(`back:${f.back}`, shrink(canvas));
    }
    files.push({ ...back, name: `${base}.back.png` });
  }
  if (options.tts) files.push(...(await ttsSheets(faces, small, cell, pdf)));
  files.push(await contactSheet(faces, small, cell, pdf));
  await pdf.close();
  return { files, cards: faces.length };
}

function fileBase(face: CardFace): string {
  const [kind, id] = face.card.split('/');
  return `${kind}-${id}${face.copy > 1 ? `-${face.copy}` : ''}`;
}

async function image(name: string, canvas: Canvas): Promise<Image> {
  return { name, width: canvas.width, height: canvas.height, bytes: await encodePng(canvas) };
}

/** Size of one card on a Tabletop Simulator sheet: a full 10×7 grid stays within 4096 px a side. */
function ttsCell(card: { width: number; height: number }): { width: number; height: number } {
  const scale = Math.min(
    1,
    Math.floor(TTS_MAX_PX / 10) / card.width,
    Math.floor(TTS_MAX_PX / 7) / card.height,
  );
  return { width: Math.floor(card.width * scale), height: Math.floor(card.height * scale) };
}

/**
 * Tabletop Simulator custom-deck sheets: cards sharing a back go on sheets of their own (at most 69 cards and
 * the back in the last slot of a grid of at most 10×7), with `tts-sheets.json` saying each grid.
 */
async function ttsSheets(
  faces: CardFace[],
  small: Map<string, Canvas>,
  cell: { width: number; height: number },
  pdf: RasterPdf,
): Promise<Image[]> {
  const groups = new Map<string, number[]>();
  for (const [i, f] of faces.entries()) groups.set(f.back, [...(groups.get(f.back) ?? []), i]);
  const out: Image[] = [];
  const index: { file: string; columns: number; rows: number; back: number; cards: string[] }[] = [];
  let n = 0;
  for (const [back, members] of groups) {
    for (const grid of ttsLayout(members.length)) {
      const chunk = members.slice(grid.first, grid.first + grid.count);
      const canvas = pdf.blank(grid.columns * cell.width, grid.rows * cell.height);
      const ctx = canvas.getContext('2d');
      const place = (slot: number, picture: Canvas | undefined) => {
        if (picture)
          ctx.drawImage(
            picture,
            (slot % grid.columns) * cell.width,
            Math.floor(slot / grid.columns) * cell.height,
          );
      };
      for (const [slot, i] of chunk.entries()) place(slot, small.get(`front:${i}`));
      place(grid.columns * grid.rows - 1, small.get(`back:${back}`));
      n++;
      const name = `tts-sheet-${n}.png`;
      out.push(await image(name, canvas));
      index.push({
        file: name,
        columns: grid.columns,
        rows: grid.rows,
        back: grid.columns * grid.rows - 1,
        cards: chunk.map((i) => fileBase(faces[i] as CardFace)),
      });
    }
  }
  const json = Buffer.from(`${JSON.stringify(index, null, 2)}\n`);
  out.push({ name: 'tts-sheets.json', width: 0, height: 0, bytes: json });
  return out;
}

/** Every front side by side, eight to a row, at half the sheet size: a page to check a whole deck at a glance. */
async function contactSheet(
  faces: CardFace[],
  small: Map<string, Canvas>,
  cell: { width: number; height: number },
  pdf: RasterPdf,
): Promise<Image> {
  const w = Math.round(cell.width / 2);
  const h = Math.round(cell.height / 2);
  const gap = 8;
  const columns = Math.min(8, Math.max(1, faces.length));
  const rows = Math.max(1, Math.ceil(faces.length / columns));
  const canvas = pdf.blank(columns * (w + gap) + gap, rows * (h + gap) + gap);
  const ctx = canvas.getContext('2d');
  for (const [i] of faces.entries()) {
    const picture = small.get(`front:${i}`);
    if (picture)
      ctx.drawImage(
        picture,
        gap + (i % columns) * (w + gap),
        gap + Math.floor(i / columns) * (h + gap),
        w,
        h,
      );
  }
  return image('contact-sheet.png', canvas);
}

/** Writes a folder of images whole: aside first, then swapped in, so a reader never sees half of it. */
function writeFolder(target: string, files: readonly Image[]): void {
  const temp = `${target}.tmp-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  try {
    for (const f of files) writeFileSync(join(temp, f.name), f.bytes);
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    throw e;
  }
  const old = `${target}.old-${process.pid}`;
  let had = true;
  try {
    renameSync(target, old);
  } catch {
    had = false;
  }
  renameSync(temp, target);
  if (had) rmSync(old, { recursive: true, force: true });
}
