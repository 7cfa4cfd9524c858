import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildDecks } from '../../src/build/build.ts';
import { exportPng } from '../../src/export/png.ts';
import { encodePng, RasterPdf } from '../../src/export/rasterize.ts';
import { tempDir } from '../helpers/temp-dirs.ts';

/*
 * Images in the print-shop file are CMYK like everything else in it, transparency kept: a photo and an icon on
 * a transparent ground, placed on a card, are embedded as CMYK JPEGs (the icon with a soft mask) and no RGB
 * colour is left in the file. Drawn back with atelier's own rasterizer, the photo keeps its colour (inverted
 * CMYK samples would not) and the icon's transparent ground shows the paper, not black. PNG export, for
 * screens, keeps the images in RGB: a CMYK round trip would shift a photo's colours.
 */

const PHOTO = { r: 200, g: 40, b: 40 };

async function deckWithImages(): Promise<string> {
  const dir = tempDir('atelier-cmyk-');
  cpSync(resolve('tests/fixtures/build/tiny'), dir, { recursive: true });
  mkdirSync(join(dir, 'assets'));
  await sharp({ create: { width: 900, height: 600, channels: 3, background: PHOTO } })
    .jpeg()
    .toFile(join(dir, 'assets', 'photo.jpg'));
  // A blue square in the middle of a transparent icon.
  const square = await sharp({
    create: { width: 80, height: 80, channels: 4, background: { r: 20, g: 60, b: 200, alpha: 1 } },
  })
    .png()
    .toBuffer();
  await sharp({
    create: { width: 160, height: 160, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
  })
    .composite([{ input: square, left: 40, top: 40 }])
    .png()
    .toFile(join(dir, 'assets', 'icon.png'));
  const file = join(dir, 'deck.yaml');
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace(
      '    title: Quelle licence ?\n',
      '    title: Quelle licence ?\n    image: assets/photo.jpg\n    icon: assets/icon.png\n',
    ),
  );
  return dir;
}

/** Mean colour of a PNG's pixels in a box given in fractions of the card's trim (`bleed`: the PNG's margin). */
async function meanColour(png: Buffer, box: { x: number; y: number; w: number; h: number }, bleed = 0) {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const trimW = info.width * (1 - 2 * bleed);
  const trimH = info.height * (1 - 2 * bleed);
  const at = (f: number, size: number, full: number) => Math.floor(full * bleed + f * size);
  const [x0, y0] = [at(box.x, trimW, info.width), at(box.y, trimH, info.height)];
  const [x1, y1] = [at(box.x + box.w, trimW, info.width), at(box.y + box.h, trimH, info.height)];
  const sum = [0, 0, 0];
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++)
      for (let c = 0; c < 3; c++)
        sum[c] = (sum[c] as number) + (data[(y * info.width + x) * 3 + c] as number);
  const n = (x1 - x0) * (y1 - y0);
  return { r: (sum[0] as number) / n, g: (sum[1] as number) / n, b: (sum[2] as number) / n };
}

/** Where the first card's pictures are, in fractions of its trim: the photo under the title, the icon beside it. */
const PHOTO_MIDDLE = { x: 0.45, y: 0.34, w: 0.1, h: 0.04 };
const ICON_SQUARE = { x: 0.825, y: 0.205, w: 0.03, h: 0.02 };
const ICON_GROUND = { x: 0.785, y: 0.175, w: 0.015, h: 0.012 };

describe('images in the print-shop file', () => {
  it('are CMYK, with their transparency, and print in their colours', async () => {
    const deck = await deckWithImages();
    const out = join(deck, 'out');
    const built = await buildDecks([deck], { outDir: out, cwd: deck, only: ['cards'], printShop: true });
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Image dictionaries are not compressed: their colour spaces and masks can be read from the file as is.
    const pdf = readFileSync(join(out, 'tiny', 'fr', 'cards-print-shop.pdf'), 'latin1');
    const images = [...pdf.matchAll(/\/Subtype \/Image[^>]*/g)].map((m) => m[0]);
    expect(images.length).toBeGreaterThanOrEqual(3);
    expect(pdf).not.toContain('/DeviceRGB');
    expect(images.filter((i) => i.includes('/DeviceCMYK'))).toHaveLength(2);
    expect(images.filter((i) => i.includes('/SMask'))).toHaveLength(1);

    // The first page is the first card's front, at trim plus 3 mm of bleed (poker cards, 63.5 × 88.9 mm).
    const raster = await RasterPdf.open(readFileSync(join(out, 'tiny', 'fr', 'cards-print-shop.pdf')));
    const page = await encodePng(await raster.render(1, 100));
    await raster.close();
    const bleed = 3 / (63.5 + 6);
    const photo = await meanColour(page, PHOTO_MIDDLE, bleed);
    for (const c of ['r', 'g', 'b'] as const)
      expect(Math.abs(photo[c] - PHOTO[c]), JSON.stringify(photo)).toBeLessThan(45);
    const square = await meanColour(page, ICON_SQUARE, bleed);
    expect(square.b - square.r, JSON.stringify(square)).toBeGreaterThan(80);
    // Without its soft mask, the ground would be the black of the icon's transparent pixels.
    const ground = await meanColour(page, ICON_GROUND, bleed);
    expect(Math.min(ground.r, ground.g, ground.b), JSON.stringify(ground)).toBeGreaterThan(225);

    // PNG export draws the cards in RGB: the photo comes out in its own colour.
    const exported = await exportPng([deck], { dpi: 100, outDir: join(deck, 'png') });
    const folder = join(deck, 'png', exported.exported[0]?.folder ?? '');
    const front = readdirSync(folder).find((f) => f.includes('licence') && f.endsWith('.front.png'));
    const onScreen = await meanColour(readFileSync(join(folder, front as string)), PHOTO_MIDDLE);
    for (const c of ['r', 'g', 'b'] as const)
      expect(Math.abs(onScreen[c] - PHOTO[c]), JSON.stringify(onScreen)).toBeLessThan(8);
  }, 60_000);
});
