import { extendFrames, type FrameExtent, frameRects, shiftItem } from './frames.ts';
import type { Atom, DrawItem, Page, PlacedAnchor } from './model.ts';
import type { PageGeometry } from './styles.ts';

/*
 * Atoms → pages. A chain of atoms linked by `keepWithNext` moves to the next page as a whole when it does not
 * fit in what is left but fits on a fresh page; a chain taller than a page flows. Space above an atom is
 * dropped at the top of a page. Frames are drawn per page behind the atoms they hold; a table row that starts
 * a page brings its header row back as an artifact.
 */

interface Placed {
  atom: Atom;
  y: number;
}

export function paginate(atoms: readonly Atom[], geometry: PageGeometry): Page[] {
  const pages: { placed: Placed[]; plain: boolean }[] = [];
  let placed: Placed[] = [];
  let y = geometry.top;
  const empty = () => placed.length === 0;

  const closePage = () => {
    if (!empty()) pages.push({ placed, plain: false });
    placed = [];
    y = geometry.top;
  };
  /** A new page for `atom`; a table row brings its header along. */
  const turnPageFor = (atom: Atom) => {
    closePage();
    if (atom.repeatHeader) put(atom.repeatHeader);
  };
  const put = (atom: Atom) => {
    // Nothing to draw (a page break once done, a spacer): only its space counts, and not at the top of a page.
    if (atom.height === 0 && atom.items.length === 0 && !atom.anchors) {
      if (!empty()) y = Math.min(geometry.bottom, y + atom.spaceBefore);
      return;
    }
    const space = empty() ? 0 : atom.spaceBefore;
    if (!empty() && y + space + atom.height > geometry.bottom + 0.01) {
      turnPageFor(atom);
      put(atom);
      return;
    }
    y += empty() ? 0 : space;
    placed.push({ atom, y });
    y += atom.height;
  };

  let i = 0;
  while (i < atoms.length) {
    const atom = atoms[i] as Atom;
    if (atom.fullPage) {
      closePage();
      pages.push({ placed: [{ atom, y: 0 }], plain: true });
      i++;
      continue;
    }
    if (atom.breakBefore) closePage();
    // The chain this atom starts: it and every following atom it must stay with.
    let end = i;
    let height = atom.height + (empty() ? 0 : atom.spaceBefore);
    while (end + 1 < atoms.length && (atoms[end] as Atom).keepWithNext) {
      const next = atoms[end + 1] as Atom;
      if (next.breakBefore || next.fullPage) break;
      end++;
      height += next.spaceBefore + next.height;
    }
    if (!empty() && y + height > geometry.bottom + 0.01 && height - atom.spaceBefore <= geometry.bodyHeight)
      turnPageFor(atom);
    for (let k = i; k <= end; k++) put(atoms[k] as Atom);
    i = end + 1;
  }
  closePage();
  // Pages on which each frame appears, to know where a frame is cut by a page break.
  const spans = new Map<number, { first: number; last: number }>();
  pages.forEach((page, index) => {
    for (const { atom } of page.placed) {
      for (const frame of atom.frames) {
        const span = spans.get(frame.id);
        if (span) span.last = index;
        else spans.set(frame.id, { first: index, last: index });
      }
    }
  });
  return pages.map((page, index) => toPage(page.placed, page.plain, index, spans));
}

function toPage(
  placed: Placed[],
  plain: boolean,
  index: number,
  spans: Map<number, { first: number; last: number }>,
): Page {
  const items: DrawItem[] = [];
  const anchors: PlacedAnchor[] = [];
  items.push(...frameItems(placed, index, spans));
  for (const { atom, y } of placed) {
    const dy = plain ? 0 : y;
    for (const item of atom.items) items.push(shiftItem(item, dy));
    for (const anchor of atom.anchors ?? []) anchors.push({ ...anchor, page: index, y: dy });
  }
  return { items, plain, anchors };
}

/** One rectangle per frame on this page; a frame cut by a page break keeps some padding at the cut. */
function frameItems(
  placed: Placed[],
  page: number,
  spans: Map<number, { first: number; last: number }>,
): DrawItem[] {
  const extents = new Map<number, FrameExtent>();
  for (const { atom, y } of placed) extendFrames(extents, atom.frames, y, y + atom.height);
  for (const extent of extents.values()) {
    const span = spans.get(extent.frame.id);
    const pad = Math.min(extent.frame.pad, 6);
    if (span && span.first < page) extent.top -= pad;
    if (span && span.last > page) extent.bottom += pad;
  }
  return frameRects(extents.values());
}
