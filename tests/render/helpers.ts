import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { validateDeck } from '../../src/api.ts';
import type { Deck } from '../../src/check/deck.ts';
import { BUNDLED_FONTS } from '../../src/fonts/font-files.ts';
import type { RenderInput, RenderOptions } from '../../src/render/types.ts';

export const FIXTURE = resolve('tests/fixtures/render/deck');
export const LABELS = JSON.parse(
  readFileSync(resolve('tests/fixtures/render/labels.json'), 'utf8'),
) as Record<string, string>;

/** The fixture deck, validated; throws if it does not validate (the fixture itself would be broken). */
export function loadDeck(dir: string = FIXTURE): Deck {
  const { deck, diagnostics } = validateDeck(dir);
  if (!deck)
    throw new Error(
      `fixture deck does not validate: ${diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`).join('; ')}`,
    );
  return deck;
}

export function inputFor(
  deck: Deck,
  options: RenderOptions = {},
  labels: Record<string, string> = LABELS,
): RenderInput {
  return {
    deck,
    locale: 'fr',
    labels,
    fonts: BUNDLED_FONTS,
    options,
    date: new Date('2024-03-01T00:00:00Z'),
  };
}

/** A copy of the fixture deck with `deck.yaml` changed by `edit`, for tests that need other content. */
export function deckWith(edit: (yaml: string) => string, files: Record<string, Buffer | string> = {}): Deck {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-render-'));
  cpSync(FIXTURE, dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  const file = join(dir, 'deck.yaml');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return loadDeck(dir);
}

/** Text of every page of a PDF, in order, with pdf.js (as a reader or screen reader would get it). */
export async function pdfText(bytes: Buffer): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await doc.destroy();
  return pages;
}

/** Collapses every kind of space, drops soft hyphens and line-end hyphens, for comparing extracted text. */
export function normalize(text: string): string {
  return text
    .replace(/\u00ad/g, '')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
}
