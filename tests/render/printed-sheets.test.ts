import { describe, expect, it } from 'vitest';
import { CARD_SIZES } from '../../src/check/schema.ts';
import { renderEventCards } from '../../src/render/cards.ts';
import { PAPERS, PT_PER_MM } from '../../src/render/imposition.ts';
import { deckWith, inputFor, normalize, pdfText } from './helpers.ts';
import { type CardFrame, cardFrames, hasTool, inkIn, type Raster, rasterize } from './rendered.ts';

/*
 * The card sheets as printed: rasterized by poppler and read back from the PDF's operators. A renderer that
 * ignores the printer margin, the duplex flip, the back offset or the crop marks fails here, whatever the
 * geometry functions say.
 */

const mm = (v: number) => v * PT_PER_MM;
const poppler = hasTool('pdftoppm');
if (!poppler)
  console.warn('rendered sheet checks skipped: pdftoppm not installed (apt-get install poppler-utils)');

type Paper = keyof typeof PAPERS;
type CardName = 'poker' | 'bridge' | 'tarot' | 'mini';
const CARDS: CardName[] = ['poker', 'bridge', 'tarot', 'mini'];
const PAPER_NAMES: Paper[] = ['a4', 'letter'];

interface Setup {
  paper: Paper;
  card: CardName;
  duplex?: 'long-edge' | 'short-edge' | 'none' | 'fold';
  offset?: { dx: number; dy: number };
  extra?: string;
}

/** The fixture deck with other print settings, its event cards rendered. */
async function cards(setup: Setup): Promise<Buffer> {
  const { dx, dy } = setup.offset ?? { dx: 0.5, dy: -0.3 };
  const deck = deckWith((yaml) =>
    yaml
      .replace('paper: a4', `paper: ${setup.paper}`)
      .replace('card: poker', `card: ${setup.card}`)
      .replace(
        'duplex: long-edge',
        `duplex: ${setup.duplex ?? 'long-edge'}${setup.extra ? `\n  ${setup.extra}` : ''}`,
      )
      .replace('dx: 0.5mm', `dx: ${dx}mm`)
      .replace('dy: -0.3mm', `dy: ${dy}mm`),
  );
  const result = await renderEventCards(inputFor(deck));
  const file = result.files.find((f) => f.name === 'event-cards.pdf');
  if (!file) throw new Error(`no event cards: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return file.bytes;
}

/** Ink in the band of `margin` points along each edge of the page (less a rasterizing tolerance). */
function inkAtEdges(page: Raster, paper: Paper, margin: number) {
  const { width: W, height: H } = PAPERS[paper];
  const band = margin - mm(0.3);
  return [
    { side: 'top', ...inkIn(page, { x: 0, y: 0, w: W, h: band }) },
    { side: 'bottom', ...inkIn(page, { x: 0, y: H - band, w: W, h: band }) },
    { side: 'left', ...inkIn(page, { x: 0, y: 0, w: band, h: H }) },
    { side: 'right', ...inkIn(page, { x: W - band, y: 0, w: band, h: H }) },
  ].filter((edge) => edge.count > 0);
}

const cardPt = (name: CardName) => ({
  width: mm(CARD_SIZES[name].width),
  height: mm(CARD_SIZES[name].height),
});

describe.skipIf(!poppler)('printed card sheets', () => {
  it('paints nothing (card, bleed, crop mark, note, fold line) within printerMargin of the paper edge', async () => {
    for (const paper of PAPER_NAMES) {
      for (const card of CARDS) {
        for (const duplex of ['long-edge', 'fold'] as const) {
          // A large back offset pushes backs towards the edge: they are cut off there, not printed into it.
          const pdf = await cards({ paper, card, duplex, offset: { dx: 4, dy: -4 } });
          const pages = rasterize(pdf, 100);
          expect(pages.length).toBeGreaterThan(0);
          pages.forEach((page, i) => {
            const what = `${paper} ${card} ${duplex} page ${i + 1}`;
            expect(inkAtEdges(page, paper, mm(5)), what).toEqual([]);
            // Not a blank page: the scan sees ink where there is some.
            expect(
              inkIn(page, { x: 0, y: 0, w: PAPERS[paper].width, h: PAPERS[paper].height }).count,
              what,
            ).toBeGreaterThan(1000);
          });
        }
      }
    }
  });

  it('follows a larger printerMargin, and the scan finds ink at the edge when the margin is 0', async () => {
    const wide = rasterize(await cards({ paper: 'letter', card: 'poker', extra: 'printerMargin: 8mm' }), 100);
    for (const page of wide) expect(inkAtEdges(page, 'letter', mm(8))).toEqual([]);
    // Without a printer margin, Letter's outer cards bleed and their marks run into the first 5 mm.
    const none = rasterize(await cards({ paper: 'letter', card: 'poker', extra: 'printerMargin: 0mm' }), 100);
    expect(inkAtEdges(none[0] as Raster, 'letter', mm(5)).length).toBeGreaterThan(0);
  });

  for (const flip of ['long-edge', 'short-edge'] as const) {
    it(`puts each back under its front with the back offset, ${flip}`, async () => {
      const offset = { dx: 1.5, dy: -0.8 };
      for (const paper of PAPER_NAMES) {
        for (const card of ['poker', 'mini'] as const) {
          const pdf = await cards({ paper, card, duplex: flip, offset });
          const pages = await cardFrames(pdf, cardPt(card), mm(3));
          const { width: W, height: H } = PAPERS[paper];
          // Sheets of fronts and backs, then the calibration sheet (no cards).
          const sheets = pages.filter((frames) => frames.length > 0);
          expect(sheets.length % 2).toBe(0);
          expect(sheets.length).toBeGreaterThanOrEqual(2);
          for (let s = 0; s < sheets.length; s += 2) {
            const fronts = sheets[s] as CardFrame[];
            const backs = sheets[s + 1] as CardFrame[];
            expect(backs.length).toBe(fronts.length);
            fronts.forEach((front, i) => {
              const back = backs[i] as CardFrame;
              const what = `${paper} ${card} ${flip} sheet ${s / 2 + 1} card ${i + 1}`;
              const f = front.trim;
              // The same physical place through the paper, then moved by the printer's correction.
              const expected =
                flip === 'long-edge'
                  ? { x: W - f.x - f.w + mm(offset.dx), y: f.y + mm(offset.dy) }
                  : { x: f.x + mm(offset.dx), y: H - f.y - f.h + mm(offset.dy) };
              expect(back.trim.x, what).toBeCloseTo(expected.x, 2);
              expect(back.trim.y, what).toBeCloseTo(expected.y, 2);
              expect(back.trim.w, what).toBeCloseTo(f.w, 2);
              expect(back.trim.h, what).toBeCloseTo(f.h, 2);
              // Turned over sideways, the cut card's back reads the same way up as its front.
              const mirrored =
                flip === 'long-edge'
                  ? { x: -front.down.x || 0, y: front.down.y }
                  : { x: front.down.x, y: -front.down.y || 0 };
              expect(back.down, what).toEqual(mirrored);
            });
          }
        }
      }
    });
  }

  it('puts each back of a fold-over sheet on the same page, mirrored across the drawn fold line', async () => {
    for (const paper of PAPER_NAMES) {
      for (const card of CARDS) {
        const pdf = await cards({ paper, card, duplex: 'fold' });
        const frames = await cardFrames(pdf, cardPt(card), mm(3));
        const rasters = rasterize(pdf, 100);
        const { width: W, height: H } = PAPERS[paper];
        frames.forEach((page, p) => {
          const what = `${paper} ${card} fold page ${p + 1}`;
          expect(page.length % 2, what).toBe(0);
          const n = page.length / 2;
          const fronts = page.slice(0, n);
          const backs = page.slice(n);
          // Fronts on one half, backs on the other, across the middle of the page one way or the other.
          const above = (f: CardFrame) => f.trim.y + f.trim.h < H / 2;
          const leftOf = (f: CardFrame) => f.trim.x + f.trim.w < W / 2;
          const across = fronts.every(above) && !backs.some(above);
          const along = fronts.every(leftOf) && !backs.some(leftOf);
          expect(across !== along, what).toBe(true);
          // The dashed fold line is printed there.
          const raster = rasters[p] as Raster;
          const line = across
            ? inkIn(raster, { x: mm(5), y: H / 2 - 1, w: W - mm(10), h: 2 }, 200)
            : inkIn(raster, { x: W / 2 - 1, y: mm(5), w: 2, h: H - mm(10) }, 200);
          expect(line.count, what).toBeGreaterThan(50);
          fronts.forEach((front, i) => {
            const back = backs[i] as CardFrame;
            const f = front.trim;
            if (across) {
              expect(back.trim.y, what).toBeCloseTo(H - f.y - f.h, 2);
              expect(back.trim.x, what).toBeCloseTo(f.x, 2);
            } else {
              expect(back.trim.x, what).toBeCloseTo(W - f.x - f.w, 2);
              expect(back.trim.y, what).toBeCloseTo(f.y, 2);
            }
          });
        });
      }
    }
  });

  it('draws crop marks on every cut line of every sheet, in the margin, and none with cropMarks: false', async () => {
    for (const paper of PAPER_NAMES) {
      for (const card of CARDS) {
        for (const marks of [true, false]) {
          const pdf = await cards({ paper, card, ...(marks ? {} : { extra: 'cropMarks: false' }) });
          const frames = await cardFrames(pdf, cardPt(card), mm(3));
          const rasters = rasterize(pdf, 150);
          // Fronts are the even pages (0, 2...): marks are drawn with the fronts.
          for (let p = 0; p < frames.length; p += 2) {
            const fronts = frames[p] as CardFrame[];
            if (fronts.length === 0) continue;
            const raster = rasters[p] as Raster;
            const what = `${paper} ${card} page ${p + 1}${marks ? '' : ' without marks'}`;
            for (const zone of markZones(fronts, PAPERS[paper])) {
              const ink = inkIn(raster, zone.rect, 160);
              if (marks) expect(ink.count, `${what}: ${zone.name}`).toBeGreaterThan(0);
              else expect(ink.count, `${what}: ${zone.name}`).toBe(0);
            }
          }
        }
      }
    }
  });

  it('prints "print at 100 %" and the paper weight in the first sheet’s margin', async () => {
    const pdf = await cards({ paper: 'letter', card: 'poker' });
    const [first, second] = (await pdfText(pdf)).map(normalize);
    expect(first).toMatch(/100 % \/ (taille réelle|actual size)/);
    expect(first).toMatch(/g\/m²/);
    expect(second).not.toMatch(/100 %/);
  });
});

/**
 * Where the marks of the cut lines of `fronts` must be: thin strips continuing each cut line between the
 * printable edge (5 mm) and the outermost painted bleed, above and below the grid for vertical cuts, left and
 * right of it for horizontal ones.
 */
function markZones(fronts: CardFrame[], paper: { width: number; height: number }) {
  const edge = mm(5);
  const gap = mm(0.25);
  const top = Math.min(...fronts.map((f) => f.painted.y)) - gap;
  const bottom = Math.max(...fronts.map((f) => f.painted.y + f.painted.h)) + gap;
  const left = Math.min(...fronts.map((f) => f.painted.x)) - gap;
  const right = Math.max(...fronts.map((f) => f.painted.x + f.painted.w)) + gap;
  const xs = unique(fronts.flatMap((f) => [f.trim.x, f.trim.x + f.trim.w]));
  const ys = unique(fronts.flatMap((f) => [f.trim.y, f.trim.y + f.trim.h]));
  const half = 0.6;
  return [
    ...xs.flatMap((x) => [
      { name: `cut x=${x.toFixed(1)} above`, rect: { x: x - half, y: edge, w: 2 * half, h: top - edge } },
      {
        name: `cut x=${x.toFixed(1)} below`,
        rect: { x: x - half, y: bottom, w: 2 * half, h: paper.height - edge - bottom },
      },
    ]),
    ...ys.flatMap((y) => [
      { name: `cut y=${y.toFixed(1)} left`, rect: { x: edge, y: y - half, w: left - edge, h: 2 * half } },
      {
        name: `cut y=${y.toFixed(1)} right`,
        rect: { x: right, y: y - half, w: paper.width - edge - right, h: 2 * half },
      },
    ]),
  ];
}

function unique(values: number[]): number[] {
  const out: number[] = [];
  for (const v of [...values].sort((a, b) => a - b))
    if (out.length === 0 || v - (out.at(-1) as number) > 0.05) out.push(v);
  return out;
}
