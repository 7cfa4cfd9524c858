import { describe, expect, it } from 'vitest';
import { ITEM_SLICE_MIN_LENGTH } from '../../src/load/list-items.ts';
import { type PathSegment, positionOf } from '../../src/load/positions.ts';
import { lazySourceFile } from '../../src/load/source.ts';

/** A large events file in the shapes trainers write: comments, block scalars, quoted lines, nested lists. */
function eventsFile(count: number, itemIndent: number): string {
  const pad = ' '.repeat(itemIndent);
  const out = ['# Generated events', 'events:', '  # the first phase'];
  for (let i = 0; i < count; i++) {
    out.push(`${pad}- id: card-${i}`);
    out.push(`${pad}  phase: ${['one', 'two', 'three'][i % 3]}`);
    if (i % 4 === 0) out.push(`${pad}  title: "Carte ${i} : « quoted »"`);
    else out.push(`${pad}  title: Carte ${i}`);
    if (i % 3 === 0) {
      out.push(`${pad}  situation: |`);
      out.push(`${pad}    Line one of card ${i},`);
      out.push('');
      out.push(`${pad}    - not a list item, just text`);
    } else if (i % 3 === 1) {
      out.push(`${pad}  situation: >-`);
      out.push(`${pad}    Folded text of card ${i}`);
      out.push(`${pad}    over two lines.`);
    } else {
      out.push(`${pad}  situation: "A quoted text of card ${i}`);
      out.push(`${pad}    that goes on a second line"`);
    }
    out.push(`${pad}  questions:`);
    out.push(`${pad}    - First question of ${i}?`);
    out.push(`${pad}    # a comment between questions`);
    out.push(`${pad}    - Second question of ${i}?`);
    if (i % 5 === 0) out.push(`${pad}  constraint:`);
    out.push(`${pad}  notes: Notes ${i}. # trailing comment`);
    if (i % 7 === 0) out.push('');
  }
  out.push('profiles:');
  out.push('  - id: p1');
  out.push('    title: Profile');
  return `${out.join('\n')}\n`;
}

const fileOf = (text: string) =>
  lazySourceFile({ file: 'e.yaml', absolutePath: '/e.yaml', name: 'e.yaml', text });

const PATHS = (i: number): { path: PathSegment[]; key?: boolean }[] => [
  { path: ['events', i] },
  { path: ['events', i, 'id'] },
  { path: ['events', i, 'id'], key: true },
  { path: ['events', i, 'title'] },
  { path: ['events', i, 'situation'] },
  { path: ['events', i, 'questions', 1] },
  { path: ['events', i, 'questions', 5] },
  { path: ['events', i, 'constraint'] },
  { path: ['events', i, 'missing', 'deeper'] },
  { path: ['events', i, 'notes'], key: true },
];

describe('positions inside one item of a large file', () => {
  for (const indent of [2, 0]) {
    it(`are those of the whole file's syntax tree (items indented ${indent})`, () => {
      const text = eventsFile(700, indent);
      expect(text.length).toBeGreaterThan(ITEM_SLICE_MIN_LENGTH);
      const base = { file: 'events.yaml', absolutePath: '/deck/events.yaml', name: 'events.yaml', text };
      const sliced = lazySourceFile(base);
      const whole = lazySourceFile(base);
      expect(whole.document.errors).toEqual([]);
      let compared = 0;
      for (const i of [0, 1, 2, 3, 4, 5, 6, 7, 349, 350, 698, 699]) {
        expect(sliced.listItem?.('events', i), `item ${i}`).toBeDefined();
        for (const { path, key } of PATHS(i)) {
          expect(positionOf(sliced, path, { key }), JSON.stringify(path)).toEqual(
            positionOf(whole, path, { key }),
          );
          compared++;
        }
      }
      expect(compared).toBe(120);
      // The list after it, an index past the end and a key that is no list go through the whole tree.
      expect(sliced.listItem?.('profiles', 0)).toBeDefined();
      expect(positionOf(sliced, ['profiles', 0, 'title'])).toEqual(
        positionOf(whole, ['profiles', 0, 'title']),
      );
      expect(sliced.listItem?.('events', 700)).toBeUndefined();
      expect(sliced.listItem?.('meta', 0)).toBeUndefined();
    });
  }

  it('are not cut out of small files, nor once the whole tree is built', () => {
    const small = fileOf(eventsFile(3, 2));
    expect(small.listItem?.('events', 0)).toBeUndefined();
    const large = fileOf(eventsFile(700, 2));
    expect(large.listItem?.('events', 0)).toBeDefined();
    void large.document;
    expect(large.listItem?.('events', 0)).toBeUndefined();
  });

  it('leave layouts they do not recognize to the whole tree', () => {
    const filler = `# ${'x'.repeat(ITEM_SLICE_MIN_LENGTH)}\n`;
    for (const text of [
      `${filler}events: [{id: a}, {id: b}]\n`,
      `${filler}events:\n  id: not-a-list\n`,
      `${filler}events:\n  - id: a\nevents:\n  - id: b\n`,
      `${filler}"events":\n  - id: a\n`,
    ]) {
      const source = fileOf(text);
      expect(source.listItem?.('events', 0), text.slice(filler.length)).toBeUndefined();
    }
  });
});
