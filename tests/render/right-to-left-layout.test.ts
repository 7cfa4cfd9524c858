import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDecks } from '../../src/build/build.ts';
import { tempDir } from '../helpers/temp-dirs.ts';

/*
 * A deck in a right-to-left language gets its card layouts mirrored: the columns of a grid run from the right,
 * and what a layout aligns left (the start of a line) goes right. On an event card's band the phase, on the left
 * in French, is on the right in Arabic, and the card number moves to the left. Read back from the PDF's text
 * positions, with the same deck in French as the control.
 */

const PHASE = { fr: 'Début', ar: 'البداية' } as const;

async function bandPositions(language: 'fr' | 'ar') {
  const dir = tempDir('atelier-rtl-');
  const yaml = readFileSync(resolve('tests/fixtures/build/tiny/deck.yaml'), 'utf8')
    .replace('language: fr', `language: ${language}`)
    .replace('id: tiny', `id: ${language}-deck`)
    .replace('title: Début', `title: ${PHASE[language]}`)
    .replace(
      'title: Quelle licence ?',
      language === 'ar' ? 'title: أي ترخيص نختار؟' : 'title: Quelle licence ?',
    );
  writeFileSync(join(dir, 'deck.yaml'), yaml);
  const out = join(dir, 'out');
  const result = await buildDecks([dir], { outDir: out, cwd: dir, only: ['cards'] });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const bytes = readFileSync(join(out, `${language}-deck`, language, 'event-cards.pdf'));
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false })
    .promise;
  const items = (await (await pdf.getPage(1)).getTextContent()).items.flatMap((item) =>
    'str' in item && item.str.trim() ? [{ text: item.str, x: item.transform[4] as number }] : [],
  );
  // The first card's band: its phase (`1 · title`; pdf.js reads Arabic glyphs back garbled, not the dot and
  // the digit), and its number (the phase's position and the card's, `1-01`).
  const phase = items.find((i) => i.text.includes('·'));
  const number = items.find((i) => i.text.includes('1-01'));
  if (!phase || !number) throw new Error(`band not found in ${JSON.stringify(items.slice(0, 12))}`);
  return { phase: phase.x, number: number.x };
}

describe('right-to-left card layouts', () => {
  it('puts the phase on the left and the number on the right of a French band', async () => {
    const { phase, number } = await bandPositions('fr');
    expect(phase).toBeLessThan(number);
  });

  it('mirrors the band in Arabic: phase on the right, number on the left', async () => {
    const { phase, number } = await bandPositions('ar');
    expect(phase).toBeGreaterThan(number);
  });
});
