import { beforeAll, describe, expect, it } from 'vitest';
import { validateDeck } from '../../src/api.ts';
import type { FlowBlock } from '../../src/compose/guide/flow.ts';
import { BUNDLED_FONTS } from '../../src/fonts/font-files.ts';
import { GuideLayout } from '../../src/render/guide/layout/index.ts';
import type { DrawItem } from '../../src/render/guide/model.ts';
import { guideStyles, pageGeometry } from '../../src/render/guide/styles.ts';
import { Typesetter } from '../../src/render/guide/typesetter.ts';
import { loadShaping } from '../../src/render/text/shaper.ts';
import { ROOT, shippedGuidePages } from './helpers.ts';

/*
 * Pieces to cut out (`<cut-outs>`): side by side in their columns, each inside dashed cutting lines, no piece
 * split by a page break; and the shipped kit's envelope labels all on one page to cut, in every locale and paper.
 */

type Rect = Extract<DrawItem, { kind: 'rect' }>;
type Line = Extract<DrawItem, { kind: 'line' }>;
const styles = guideStyles({ ink: '#1a1a1a', muted: '#5b6770', accent: '#1f5a8a', paper: '#ffffff' });
const geometry = pageGeometry('a4');

function note(title: string, lines: number): FlowBlock {
  return {
    kind: 'card-note',
    title,
    colour: '#1f5a8a',
    children: [
      {
        kind: 'list',
        ordered: false,
        style: 'body',
        items: Array.from({ length: lines }, (_, i) => [{ text: `Card ${i + 1}` }]),
      },
    ],
  };
}

function layOut(blocks: FlowBlock[]) {
  const ts = new Typesetter({ fonts: BUNDLED_FONTS, locale: 'en', onMissingGlyph: () => {} });
  return new GuideLayout(ts, styles, geometry).layout(blocks);
}

/** The tinted boxes of card notes (their frames), one per piece. */
const boxesOf = (items: readonly DrawItem[]) =>
  items.filter((i): i is Rect => i.kind === 'rect' && i.radius === 3 && i.fill !== undefined);
const cutsOf = (items: readonly DrawItem[]) =>
  items.filter((i): i is Line => i.kind === 'line' && i.dash !== undefined);

describe('pieces to cut out', () => {
  const pieces = [note('A', 2), note('B', 4), note('C', 1), note('D', 3), note('E', 2)];
  let atoms: ReturnType<typeof layOut> = [];
  beforeAll(async () => {
    await loadShaping();
    atoms = layOut([{ kind: 'cut-outs', columns: 2, children: pieces }]);
  });

  it('sets the pieces side by side, a row of them one atom, so that no page break cuts a piece', () => {
    expect(atoms).toHaveLength(3);
    expect(atoms.map((a) => boxesOf(a.items).length)).toEqual([2, 2, 1]);
    for (const atom of atoms) {
      const boxes = boxesOf(atom.items).sort((a, b) => a.x - b.x);
      for (const box of boxes) {
        expect(box.x).toBeGreaterThanOrEqual(geometry.left - 0.01);
        expect(box.x + box.w).toBeLessThanOrEqual(geometry.left + geometry.bodyWidth + 0.01);
      }
      if (boxes.length === 2)
        expect((boxes[0] as Rect).x + (boxes[0] as Rect).w).toBeLessThan((boxes[1] as Rect).x);
    }
  });

  it('makes the pieces of a row as tall as the tallest', () => {
    const [a, b] = boxesOf((atoms[0] as (typeof atoms)[number]).items);
    expect(a?.h).toBeCloseTo(b?.h ?? 0, 3);
    expect(a?.h).toBeCloseTo((atoms[0] as (typeof atoms)[number]).height, 3);
  });

  it('draws a dashed cutting line on every side of every piece, in the gap between pieces', () => {
    for (const atom of atoms) {
      const cuts = cutsOf(atom.items);
      const vertical = cuts.filter((l) => l.x1 === l.x2).map((l) => l.x1);
      const horizontal = cuts.filter((l) => l.y1 === l.y2);
      for (const box of boxesOf(atom.items)) {
        expect(
          vertical.some((x) => x < box.x && box.x - x < 10),
          'a line left of the piece',
        ).toBe(true);
        expect(
          vertical.some((x) => x > box.x + box.w && x - box.x - box.w < 10),
          'and right of it',
        ).toBe(true);
        const across = horizontal.filter(
          (l) => Math.min(l.x1, l.x2) < box.x && Math.max(l.x1, l.x2) > box.x + box.w,
        );
        expect(
          across.some((l) => l.y1 < box.y),
          'above it',
        ).toBe(true);
        expect(
          across.some((l) => l.y1 > box.y + box.h),
          'below it',
        ).toBe(true);
      }
      // No line crosses a piece.
      for (const box of boxesOf(atom.items))
        for (const x of vertical) expect(x > box.x + 0.01 && x < box.x + box.w - 0.01).toBe(false);
    }
  });
});

describe('the shipped kit’s envelope labels', () => {
  beforeAll(loadShaping);
  for (const locale of ['fr', 'en'])
    for (const paper of ['a4', 'letter'] as const)
      it(`fit on one page to cut out (${locale}, ${paper})`, () => {
        const { deck: source } = validateDeck('decks/open-data-territoires', ROOT);
        if (!source) throw new Error('the shipped deck does not validate');
        const { pages } = shippedGuidePages(locale, paper);
        const at = pages.findIndex((p) => p.anchors.some((a) => a.id === 'envelopes'));
        expect(at).toBeGreaterThanOrEqual(0);
        const envelopes = (source.guide.deal ?? []).length * source.contexts.length;
        expect(envelopes).toBe(9);
        // Spilled labels would leave fewer on the page, which they fill.
        expect(boxesOf(pages[at]?.items ?? [])).toHaveLength(envelopes);
      });
});
