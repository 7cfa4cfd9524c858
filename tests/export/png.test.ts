import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportPng, mmToPx } from '../../src/export/png.ts';
import { ttsLayout } from '../../src/export/tts.ts';
import { shippedCopy } from '../watch/helpers.ts';

/** Width and height written in a PNG's header, and whether it is RGB (colour type 2). */
function pngInfo(file: string): { width: number; height: number; rgb: boolean } {
  const head = readFileSync(file).subarray(0, 26);
  return { width: head.readUInt32BE(16), height: head.readUInt32BE(20), rgb: head[25] === 2 };
}

// Poker cards, 3 mm bleed, in the shipped deck.
const CARD = { width: 63.5, height: 88.9, bleed: 3 };

describe('atelier export png', () => {
  const { deck, out } = shippedCopy('atelier-export-');

  it('writes a front and a back at trim size for every card, and Tabletop Simulator sheets within limits', async () => {
    const result = await exportPng([deck], { locales: ['fr'], dpi: 300, sheet: 'tts', outDir: out });
    expect(result.ok).toBe(true);
    const [fr] = result.exported;
    const cards = fr?.cards ?? 0;
    expect(cards).toBeGreaterThan(40);
    const folder = join(out, fr?.folder ?? '');
    const fronts = fr?.files.filter((f) => f.name.endsWith('.front.png')) ?? [];
    const backs = fr?.files.filter((f) => f.name.endsWith('.back.png')) ?? [];
    expect(fronts).toHaveLength(cards);
    expect(backs).toHaveLength(cards);
    for (const f of [...fronts, ...backs]) {
      expect(pngInfo(join(folder, f.name))).toEqual({
        width: mmToPx(CARD.width, 300),
        height: mmToPx(CARD.height, 300),
        rgb: true,
      });
    }
    expect(mmToPx(CARD.width, 300)).toBe(750);
    const sheets = JSON.parse(readFileSync(join(folder, 'tts-sheets.json'), 'utf8')) as {
      file: string;
      columns: number;
      rows: number;
      back: number;
      cards: string[];
    }[];
    expect(sheets.flatMap((s) => s.cards)).toHaveLength(cards);
    for (const sheet of sheets) {
      const info = pngInfo(join(folder, sheet.file));
      expect(info.width).toBeLessThanOrEqual(4096);
      expect(info.height).toBeLessThanOrEqual(4096);
      expect(info.rgb).toBe(true);
      expect(sheet.columns).toBeLessThanOrEqual(10);
      expect(sheet.rows).toBeLessThanOrEqual(7);
      expect(sheet.cards.length).toBeLessThan(sheet.columns * sheet.rows);
      expect(sheet.back).toBe(sheet.columns * sheet.rows - 1);
    }
    expect(fr?.files.some((f) => f.name === 'contact-sheet.png')).toBe(true);
  });

  it('writes the images at trim plus bleed with --bleed, at the dpi asked', async () => {
    const result = await exportPng([deck], { locales: ['en'], dpi: 96, bleed: true, outDir: out });
    expect(result.ok).toBe(true);
    const [en] = result.exported;
    const folder = join(out, en?.folder ?? '');
    const faces = en?.files.filter((f) => /\.(front|back)\.png$/.test(f.name)) ?? [];
    expect(faces).toHaveLength(2 * (en?.cards ?? 0));
    for (const f of faces) {
      expect(pngInfo(join(folder, f.name))).toEqual({
        width: mmToPx(CARD.width + 2 * CARD.bleed, 96),
        height: mmToPx(CARD.height + 2 * CARD.bleed, 96),
        rgb: true,
      });
    }
  });
});

describe('Tabletop Simulator grids', () => {
  it('hold every card plus the back in at most 10×7 slots, back last', () => {
    for (let cards = 1; cards <= 300; cards++) {
      const grids = ttsLayout(cards);
      expect(grids.reduce((sum, g) => sum + g.count, 0)).toBe(cards);
      for (const g of grids) {
        expect(g.columns).toBeGreaterThanOrEqual(2);
        expect(g.rows).toBeGreaterThanOrEqual(2);
        expect(g.columns).toBeLessThanOrEqual(10);
        expect(g.rows).toBeLessThanOrEqual(7);
        expect(g.count + 1).toBeLessThanOrEqual(g.columns * g.rows);
      }
    }
  });
});
