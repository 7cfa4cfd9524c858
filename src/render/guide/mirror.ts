import type { DrawItem, Page } from './model.ts';

/*
 * The pages of a guide in a right-to-left locale: the mirror image of its pages, left and right swapped.
 * Lines start at the right margin, list markers, colour bars and check boxes stand at the right, table
 * columns run from the right, and what was aligned right (numbers, page references) is aligned left. A line
 * of text moves as a whole: its words are already in drawing order, set right to left by the bidirectional
 * algorithm.
 */

export function mirrorPages(pages: readonly Page[], width: number): Page[] {
  return pages.map((page) => ({ ...page, items: page.items.map((item) => mirrorItem(item, width)) }));
}

function mirrorItem(item: DrawItem, width: number): DrawItem {
  switch (item.kind) {
    case 'text':
      return { ...item, x: width - item.x - item.line.width };
    case 'pageref':
      return { ...item, x: width - item.x, align: item.align === 'right' ? 'left' : 'right' };
    case 'line':
      return { ...item, x1: width - item.x1, x2: width - item.x2 };
    default:
      return { ...item, x: width - item.x - item.w };
  }
}
