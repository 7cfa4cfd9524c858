import { describe, expect, it } from 'vitest';
import type { PaperName } from '../../src/check/schema.ts';
import { MIN_WRITING_LINES, WRITING_RULE } from '../../src/render/guide/layout/worksheet.ts';
import type { DrawItem } from '../../src/render/guide/model.ts';
import { pageGeometry } from '../../src/render/guide/styles.ts';
import { shippedGuidePages } from './helpers.ts';

/*
 * The action-plan worksheet of the shipped kit is one page to photocopy, in every locale and on both papers,
 * and each of its boxes holds at least five handwritten lines on a 7 mm rule.
 */

function worksheetPages(locale: string, paper: PaperName) {
  const { pages, blocks, deck } = shippedGuidePages(locale, paper);
  const id = blocks.find((b) => b.kind === 'worksheet')?.id;
  const first = pages.findIndex((p) => p.anchors.some((a) => a.id === id));
  return { pages, first, prompts: deck.guide.worksheet?.prompts ?? [] };
}

describe('action-plan worksheet', () => {
  for (const locale of ['fr', 'en'])
    for (const paper of ['a4', 'letter'] as const) {
      it(`is one page with room for ${MIN_WRITING_LINES} handwritten lines a box (${locale}, ${paper})`, () => {
        const { pages, first, prompts } = worksheetPages(locale, paper);
        expect(first).toBeGreaterThan(0);
        // The worksheet is the guide's last section: one page means it starts on the last page.
        expect(first).toBe(pages.length - 1);
        const items = (pages[first]?.items ?? []) as DrawItem[];
        const boxes = items.filter(
          (i): i is Extract<DrawItem, { kind: 'rect' }> => i.kind === 'rect' && i.radius === 4 && !!i.stroke,
        );
        expect(boxes).toHaveLength(prompts.length);
        const rules = items.filter(
          (i): i is Extract<DrawItem, { kind: 'line' }> => i.kind === 'line' && !!i.dash,
        );
        for (const box of boxes) {
          const inside = rules
            .filter((r) => r.y1 > box.y && r.y1 < box.y + box.h && r.x1 > box.x && r.x2 < box.x + box.w)
            .map((r) => r.y1)
            .sort((a, b) => a - b);
          expect(inside.length).toBeGreaterThanOrEqual(MIN_WRITING_LINES);
          for (let k = 1; k < inside.length; k++)
            expect((inside[k] as number) - (inside[k - 1] as number)).toBeCloseTo(WRITING_RULE, 3);
          // Every box lies within the page's body.
          expect(box.y + box.h).toBeLessThanOrEqual(pageGeometry(paper).bottom + 0.5);
        }
      });
    }
});
