import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { exportPng } from '../../src/export/png.ts';
import { shippedCopy } from '../watch/helpers.ts';

/** Share of a PNG's pixels in a horizontal stripe (fractions of its height) that are paper white. */
async function whiteShare(file: string, top = 0, bottom = 1): Promise<number> {
  const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const from = Math.floor(top * info.height);
  const to = Math.ceil(bottom * info.height);
  let white = 0;
  for (let y = from; y < to; y++)
    for (let x = 0; x < info.width; x++) {
      const i = (y * info.width + x) * 3;
      if ((data[i] as number) > 240 && (data[i + 1] as number) > 240 && (data[i + 2] as number) > 240)
        white++;
    }
  return white / ((to - from) * info.width);
}

/** The event-card backs of the shipped deck in French, exported at a low resolution, with `print.backs` set. */
async function backs(kind: 'phase' | 'light'): Promise<string[]> {
  const { deck, out } = shippedCopy(`atelier-backs-${kind}-`);
  const file = join(deck, 'deck.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('print:\n', `print:\n  backs: ${kind}\n`));
  const result = await exportPng([deck], { locales: ['fr'], dpi: 40, outDir: out });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const [fr] = result.exported;
  const folder = join(out, fr?.folder ?? '');
  return (fr?.files ?? [])
    .filter((f) => f.name.endsWith('.back.png') && !f.name.includes('profile'))
    .map((f) => join(folder, f.name));
}

describe('print.backs: light, rendered', () => {
  it('prints white backs with a colour band and outline, where phase backs are filled with the colour', async () => {
    const [filled, light] = [await backs('phase'), await backs('light')];
    expect(light.length).toBeGreaterThan(40);
    expect(light).toHaveLength(filled.length);
    for (const file of filled) expect(await whiteShare(file), file).toBeLessThan(0.3);
    for (const file of light) {
      // Mostly paper: the ink-saving point.
      expect(await whiteShare(file), file).toBeGreaterThan(0.6);
      // The band across the top (3 to 12 mm of an 88.9 mm card) is the phase's colour, not paper.
      expect(await whiteShare(file, 5 / 88.9, 10 / 88.9), file).toBeLessThan(0.3);
    }
  }, 60_000);
});
