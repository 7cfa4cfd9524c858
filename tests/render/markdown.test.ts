import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMarkdown, parseWithMarkdownIt } from '../../src/markdown.ts';

describe('light Markdown', () => {
  it('reads bold, italic, lists and line breaks', () => {
    expect(parseMarkdown('Un **projet** comme *un autre*')).toEqual([
      {
        kind: 'paragraph',
        runs: [
          { text: 'Un ' },
          { text: 'projet', bold: true },
          { text: ' comme ' },
          { text: 'un autre', italic: true },
        ],
      },
    ]);
    expect(parseMarkdown('- un\n- deux')).toEqual([
      { kind: 'list', ordered: false, items: [[{ text: 'un' }], [{ text: 'deux' }]] },
    ]);
  });

  it('takes the plain-text shortcut only where markdown-it would give the same result', () => {
    const alphabet = fc.constantFrom(...'ab é12 .-+)*_`\\\n&<>[]#\t\u00a0\u202f'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 24 }), (chars) => {
        const text = chars.join('');
        expect(parseMarkdown(text)).toEqual(parseWithMarkdownIt(text));
      }),
      { numRuns: 3000 },
    );
  });
});
