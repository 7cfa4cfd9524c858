import { resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { validateDeck } from '../../src/api.ts';
import type { Deck } from '../../src/check/deck.ts';
import type { PaperName } from '../../src/check/schema.ts';
import { composeGuide } from '../../src/compose/guide/index.ts';
import { BUNDLED_FONTS } from '../../src/fonts/font-files.ts';
import { loadLabels } from '../../src/localize/labels.ts';
import { localizeDeck } from '../../src/localize/localize-deck.ts';
import { GuideLayout } from '../../src/render/guide/layout/index.ts';
import { paginate } from '../../src/render/guide/paginate.ts';
import { guideStyles, pageGeometry } from '../../src/render/guide/styles.ts';
import { Typesetter } from '../../src/render/guide/typesetter.ts';
import type { RenderInput } from '../../src/render/types.ts';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const FIXTURE = 'tests/fixtures/guide';

export function fixtureDeck(): Deck {
  const { deck, diagnostics } = validateDeck(FIXTURE, ROOT);
  if (!deck)
    throw new Error(`fixture deck does not validate: ${diagnostics.map((d) => d.message).join('; ')}`);
  return deck;
}

export function inputFor(deck: Deck, overrides: Partial<RenderInput> = {}): RenderInput {
  return {
    deck,
    locale: deck.meta.language,
    labels: {},
    fonts: BUNDLED_FONTS,
    options: {},
    date: new Date(`${deck.meta.date}T00:00:00Z`),
    ...overrides,
  };
}

export interface ReadPdf {
  pages: string[][];
  /** Text of each page, items joined with spaces, whitespace (no-break spaces included) collapsed. */
  text: string[];
  outline: { title: string; page: number; items: { title: string; page: number }[] }[];
  marked: boolean;
  info: Record<string, unknown>;
  pageSize: [number, number];
}

/** Reads what a PDF reader would: text per page, outline with target pages, metadata. */
export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false })
    .promise;
  const pages: string[][] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).filter((s) => s.trim() !== ''));
  }
  const pageOf = async (dest: unknown): Promise<number> => {
    const explicit = typeof dest === 'string' ? await pdf.getDestination(dest) : (dest as unknown[]);
    return explicit ? (await pdf.getPageIndex(explicit[0] as never)) + 1 : -1;
  };
  const outline = [];
  for (const entry of (await pdf.getOutline()) ?? []) {
    const items = [];
    for (const child of entry.items) items.push({ title: child.title, page: await pageOf(child.dest) });
    outline.push({ title: entry.title, page: await pageOf(entry.dest), items });
  }
  const mark = (await pdf.getMarkInfo()) as { Marked?: boolean } | null;
  const meta = await pdf.getMetadata();
  const first = await pdf.getPage(1);
  const [, , w, h] = first.view;
  return {
    pages,
    text: pages.map((p) => normalise(p.join(' '))),
    outline,
    marked: mark?.Marked === true,
    info: meta.info as Record<string, unknown>,
    pageSize: [w as number, h as number],
  };
}

export function normalise(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

/** Every stream of the file, inflated: content streams show their marked-content operators. */
export function inflatedStreams(bytes: Buffer): string {
  const raw = bytes.toString('latin1');
  const out: string[] = [];
  const stream = /stream\r?\n/g;
  for (let m = stream.exec(raw); m; m = stream.exec(raw)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    try {
      out.push(inflateSync(bytes.subarray(start, end)).toString('latin1'));
    } catch {
      // Not deflated (or not a stream keyword): skip.
    }
    stream.lastIndex = end + 'endstream'.length;
  }
  return out.join('\n');
}

/** The shipped kit's guide for `locale` on `paper`, laid out and paginated as a build does, and its deck. */
export function shippedGuidePages(locale: string, paper: PaperName) {
  const { deck: source } = validateDeck('decks/open-data-territoires', ROOT);
  if (!source) throw new Error('the shipped deck does not validate');
  const localized = localizeDeck(source, locale, { strict: false });
  if (!localized.deck) throw new Error(`no ${locale} deck`);
  const input = {
    deck: localized.deck,
    locale,
    labels: loadLabels(locale).labels,
    fonts: localized.fonts,
    options: { paper },
    date: new Date(0),
  };
  const composed = composeGuide(input);
  if (!composed.blocks) throw new Error('the guide does not compose');
  const geometry = pageGeometry(paper);
  const ts = new Typesetter({ fonts: input.fonts, locale, onMissingGlyph: () => {} });
  const pages = paginate(
    new GuideLayout(ts, guideStyles(localized.deck.theme.colours), geometry).layout(composed.blocks),
    geometry,
  );
  return { pages, blocks: composed.blocks, deck: localized.deck };
}
