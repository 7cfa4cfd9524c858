import { describe, expect, it } from 'vitest';
import type { Atom, Frame } from '../../src/render/guide/model.ts';
import { StructNode } from '../../src/render/guide/model.ts';
import { paginate } from '../../src/render/guide/paginate.ts';
import { pageGeometry } from '../../src/render/guide/styles.ts';

const geometry = { ...pageGeometry('a4'), top: 0, bottom: 100, bodyHeight: 100 };
const node = new StructNode('P');
/** An atom whose single text item names it, so tests can see where it landed. */
function atom(name: string, height: number, extra: Partial<Atom> = {}): Atom {
  return {
    height,
    spaceBefore: 0,
    keepWithNext: false,
    items: [
      {
        kind: 'text',
        x: 0,
        y: 0,
        line: {
          pieces: [
            {
              text: name,
              font: 'regular',
              size: 10,
              colour: '#000',
              tracking: 0,
              dx: 0,
              width: 1,
              words: [name],
            },
          ],
          width: 1,
        },
        struct: node,
      },
    ],
    frames: [],
    ...extra,
  };
}
const names = (pages: ReturnType<typeof paginate>) =>
  pages.map((p) => p.items.flatMap((i) => (i.kind === 'text' ? [i.line.pieces[0]?.text ?? ''] : [])));

describe('guide pagination', () => {
  it('fills pages in order', () => {
    expect(names(paginate([atom('a', 40), atom('b', 40), atom('c', 40)], geometry))).toEqual([
      ['a', 'b'],
      ['c'],
    ]);
  });

  it('moves a heading to the next page with what it introduces', () => {
    const pages = paginate(
      [atom('a', 70), atom('heading', 10, { keepWithNext: true }), atom('line', 25)],
      geometry,
    );
    expect(names(pages)).toEqual([['a'], ['heading', 'line']]);
  });

  it('lets a chain taller than a page flow rather than loop', () => {
    const chain = [1, 2, 3, 4].map((n) => atom(`x${n}`, 40, { keepWithNext: n < 4 }));
    expect(names(paginate([atom('a', 10), ...chain], geometry))).toEqual([
      ['a', 'x1', 'x2'],
      ['x3', 'x4'],
    ]);
  });

  it('drops the space above an atom at the top of a page', () => {
    const pages = paginate([atom('a', 90), atom('b', 20, { spaceBefore: 8 })], geometry);
    const b = pages[1]?.items.find((i) => i.kind === 'text');
    expect(b?.kind === 'text' ? b.y : undefined).toBe(geometry.top);
  });

  it('starts a new page on request, but not on an empty one', () => {
    expect(
      names(paginate([atom('a', 10, { breakBefore: true }), atom('b', 10, { breakBefore: true })], geometry)),
    ).toEqual([['a'], ['b']]);
  });

  it('repeats a table header, as an artifact, above rows carried to a new page', () => {
    const header = atom('header', 10, { keepWithNext: true });
    const repeat = {
      ...atom('header again', 10),
      items: [{ ...(header.items[0] as Atom['items'][number]), struct: undefined }] as Atom['items'],
    };
    const rows = [1, 2, 3, 4].map((n) => atom(`row${n}`, 30, { repeatHeader: repeat }));
    const pages = paginate([header, ...rows], geometry);
    expect(names(pages)).toEqual([
      ['header', 'row1', 'row2', 'row3'],
      ['header', 'row4'],
    ]);
    const repeated = pages[1]?.items[0];
    expect(repeated?.kind === 'text' && repeated.struct).toBeFalsy();
  });

  it('draws a frame behind its atoms on each page it spans', () => {
    const frame: Frame = { id: 1, x: 0, w: 100, fill: '#eeeeee', radius: 0, pad: 5 };
    const pages = paginate(
      [atom('a', 60, { frames: [frame] }), atom('b', 60, { frames: [frame] })],
      geometry,
    );
    for (const page of pages) expect(page.items[0]).toMatchObject({ kind: 'rect', fill: '#eeeeee' });
    // Cut by the break: the first part runs past its atom, the second starts above its atom.
    expect(pages[0]?.items[0]).toMatchObject({ y: 0, h: 65 });
    expect(pages[1]?.items[0]).toMatchObject({ y: -5, h: 65 });
  });

  it('records where sections start, for the contents and bookmarks', () => {
    const pages = paginate(
      [atom('a', 90), atom('s', 20, { anchors: [{ id: 'sec', title: 'Sec', level: 1, toc: true }] })],
      geometry,
    );
    expect(pages[1]?.anchors).toEqual([{ id: 'sec', title: 'Sec', level: 1, toc: true, page: 1, y: 0 }]);
  });
});
