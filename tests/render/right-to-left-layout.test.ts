import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDecks } from '../../src/build/build.ts';
import { tempDir } from '../helpers/temp-dirs.ts';

/*
 * A deck in a right-to-left language is laid out as the mirror image of the same deck in French. On an event
 * card's band the phase, on the left in French, is on the right in Arabic, and the card number moves to the
 * left; in the guide a list's bullet stands right of its text, the running header's deck title at the right
 * and the page number at the left. Read back from the PDF's text positions, the French deck as the control.
 */

type Language = 'fr' | 'ar';
const PHASE: Record<Language, string> = { fr: 'Début', ar: 'البداية' };

/** The tiny test deck in `language`, built; returns the folder of its PDFs. */
async function build(language: Language, only: 'cards' | 'guide'): Promise<string> {
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
  const result = await buildDecks([dir], { outDir: out, cwd: dir, only: [only] });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return join(out, `${language}-deck`, language);
}

/** Every piece of text of every page, with the x of its start (pdf.js reads Arabic glyphs back garbled). */
async function textItems(file: string): Promise<{ page: number; text: string; x: number }[][]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({
    data: new Uint8Array(readFileSync(file)),
    verbosity: 0,
    isEvalSupported: false,
  }).promise;
  const pages = [];
  for (let page = 1; page <= pdf.numPages; page++) {
    const items = (await (await pdf.getPage(page)).getTextContent()).items;
    pages.push(
      items.flatMap((item) =>
        'str' in item && item.str.trim() ? [{ page, text: item.str, x: item.transform[4] as number }] : [],
      ),
    );
  }
  return pages;
}

/** The first card's band: its phase (`1 · title`) and its number (`1-01`). */
async function band(language: Language) {
  const [items = []] = await textItems(join(await build(language, 'cards'), 'event-cards.pdf'));
  const phase = items.find((i) => i.text.includes('·'));
  const number = items.find((i) => i.text.includes('1-01'));
  if (!phase || !number) throw new Error(`band not found in ${JSON.stringify(items.slice(0, 12))}`);
  return { phase: phase.x, number: number.x };
}

/** In the guide: the objective's bullet and text, and the running header's deck title and page number. */
async function guide(language: Language) {
  const pages = await textItems(join(await build(language, 'guide'), 'facilitator-guide.pdf'));
  const page = pages.find((items) => items.some((i) => i.text.includes('Tester la chaîne'))) ?? [];
  const find = (test: (text: string) => boolean) => {
    const found = page.find((i) => test(i.text));
    if (!found) throw new Error(`not found in ${JSON.stringify(page.slice(0, 20))}`);
    return found.x;
  };
  return {
    bullet: find((t) => t === '•'),
    objective: find((t) => t.includes('Tester la chaîne')),
    title: find((t) => t === 'Petit atelier'),
    pageNumber: find((t) => /^Page \d+/.test(t)),
  };
}

describe('right-to-left layouts', () => {
  it('put the phase on the left and the number on the right of a French band', async () => {
    const { phase, number } = await band('fr');
    expect(phase).toBeLessThan(number);
  });

  it('mirror the band in Arabic: phase on the right, number on the left', async () => {
    const { phase, number } = await band('ar');
    expect(phase).toBeGreaterThan(number);
  });

  it('set a French guide from the left: bullet before its text, deck title left, page number right', async () => {
    const g = await guide('fr');
    expect(g.bullet).toBeLessThan(g.objective);
    expect(g.title).toBeLessThan(g.pageNumber);
  });

  it('mirror the guide in Arabic: bullet right of its text, deck title right, page number left', async () => {
    const g = await guide('ar');
    expect(g.bullet).toBeGreaterThan(g.objective);
    expect(g.title).toBeGreaterThan(g.pageNumber);
  });
});
