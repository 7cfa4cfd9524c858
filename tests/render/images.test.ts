import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderEventCards } from '../../src/render/index.ts';
import { deckWith, inputFor } from './helpers.ts';

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="60" height="80" viewBox="0 0 60 80">
  <circle cx="30" cy="40" r="24" fill="none" stroke="#ffffff" stroke-width="3"/><path d="M10 70 L50 10" stroke="#ffffff" stroke-width="2"/></svg>`;

const withBack = (name: string, bytes: Buffer | string) =>
  deckWith((y) => y.replace('theme:\n', `theme:\n  cardBack: assets/${name}\n`), {
    [`assets/${name}`]: bytes,
  });
const images = (pdf: Buffer) => pdf.toString('latin1').match(/\/Subtype \/Image/g)?.length ?? 0;

async function raster(
  format: 'png' | 'jpeg' | 'webp' | 'avif',
  width: number,
  height: number,
  alpha = false,
): Promise<Buffer> {
  const image = sharp({
    create: {
      width,
      height,
      channels: alpha ? 4 : 3,
      background: alpha ? { r: 255, g: 255, b: 255, alpha: 0.5 } : { r: 40, g: 90, b: 160 },
    },
  });
  return image.toFormat(format).toBuffer();
}

describe('images', () => {
  it('rasterizes SVG art at print resolution and embeds it once for every back', async () => {
    const result = await renderEventCards(inputFor(withBack('back.svg', SVG)));
    expect(
      result.diagnostics.filter(
        (d) => d.code.startsWith('render/image') || d.code === 'render/low-resolution',
      ),
    ).toEqual([]);
    const pdf = result.files[0]?.bytes as Buffer;
    // The art and its transparency mask, once, however many backs there are.
    expect(images(pdf)).toBe(2);
    // Placed about 32.2 × 42.9 mm (contained in the back's art box): 300 dpi is 380 × 507 pixels.
    const widths = [...pdf.toString('latin1').matchAll(/\/Width (\d+)/g)].map((m) => Number(m[1]));
    for (const w of widths) expect(w).toBeGreaterThanOrEqual(380);
  });

  it('takes PNG, JPEG, WebP and AVIF, normalized for PDFKit', async () => {
    for (const format of ['png', 'jpeg', 'webp', 'avif'] as const) {
      const result = await renderEventCards(
        // The fixture's card written to overflow is printed cut: this test is about images.
        inputFor(withBack(`back.${format}`, await raster(format, 800, 1100)), { allowOverflow: true }),
      );
      expect(
        result.diagnostics.filter((d) => d.severity === 'error'),
        format,
      ).toEqual([]);
      expect(images(result.files[0]?.bytes as Buffer), format).toBe(1);
    }
  });

  it('keeps transparency only where an image uses it', async () => {
    const result = await renderEventCards(
      inputFor(withBack('back.png', await raster('png', 700, 1000, true)), { allowOverflow: true }),
    );
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // A PNG with alpha is embedded with a soft mask: two image objects.
    expect(images(result.files[0]?.bytes as Buffer)).toBe(2);
  });

  it('warns about an image under 300 dpi where it is placed, at the deck’s theme entry', async () => {
    const deck = withBack('small.png', await raster('png', 60, 80));
    const result = await renderEventCards(inputFor(deck));
    const d = result.diagnostics.find((x) => x.code === 'render/low-resolution');
    expect(d?.severity).toBe('warning');
    expect(d?.message).toMatch(/assets\/small\.png.* \d+ dpi/);
    expect(d).toMatchObject(deck.origin('theme')?.position(['cardBack']) ?? {});
  });

  it('reports a broken image as an error and still renders the rest', async () => {
    const result = await renderEventCards(inputFor(withBack('broken.png', 'this is not a PNG')));
    const d = result.diagnostics.find((x) => x.code === 'render/image-unreadable');
    expect(d?.severity).toBe('error');
    expect(d?.message).toContain('assets/broken.png');
    expect(result.files[0]?.pages).toBeGreaterThan(0);
  });
});
