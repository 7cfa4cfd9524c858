import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyLocaleEdits, type EntryValue } from '../../src/i18n/locale-edit.ts';

const ORDER = ['a.one', 'a.two', 'a.three', 'b.one', 'b.two'];
const HEADER = { locale: 'en', comment: 'test' };

const FILE = `# Translations, reviewed by Ana
locale: en
strings:
  # --- part A
  a.one:
    text: >-
      A folded text that a translator
      wrapped by hand.
    source: "111111111111"   # checked
  a.three: { text: "Three: flow", source: "333333333333" }

  # --- part B
  b.two:
    text: |
      - first
      - second
    source: "555555555555"
    from: |
      - premier
      - second
`;

describe('applyLocaleEdits', () => {
  it('rewrites only the fields that change and keeps comments, folding and blank lines', () => {
    const out = applyLocaleEdits(
      FILE,
      [
        {
          key: 'b.two',
          value: { text: '- first\n- second\n', source: '666666666666', from: '- premier\n- deuxième' },
        },
      ],
      ORDER,
      HEADER,
    );
    expect(out).toBe(
      FILE.replace('    source: "555555555555"\n', '    source: "666666666666"\n').replace(
        '    from: |\n      - premier\n      - second\n',
        '    from: |-\n      - premier\n      - deuxième\n',
      ),
    );
  });

  it('inserts new entries in the deck’s order, after the closest preceding entry', () => {
    const out = applyLocaleEdits(
      FILE,
      [
        { key: 'b.one', value: { text: 'B one', source: '444444444444' } },
        { key: 'a.two', value: { text: 'A two', source: '222222222222', from: 'A deux' } },
      ],
      ORDER,
      HEADER,
    );
    const lines = out.split('\n');
    expect(lines.indexOf('  a.two:')).toBe(lines.indexOf('    source: "111111111111"   # checked') + 1);
    expect(lines.indexOf('  b.one:')).toBe(
      lines.indexOf('  a.three: { text: "Three: flow", source: "333333333333" }') + 1,
    );
    expect(out).toContain('  a.two:\n    text: A two\n    source: "222222222222"\n    from: A deux\n');
    // Everything that was there is still there, in the same order.
    const kept = out.split('\n').filter((l) => FILE.split('\n').includes(l));
    expect(kept).toEqual(FILE.split('\n'));
    expect(Object.keys(parse(out).strings)).toEqual(['a.one', 'a.two', 'a.three', 'b.one', 'b.two']);
  });

  it('rewrites a flow-style entry whole, adds and removes optional fields', () => {
    const out = applyLocaleEdits(
      FILE,
      [
        { key: 'a.three', value: { text: 'Three: flow', source: '333333333333', reviewed: true } },
        {
          key: 'a.one',
          value: {
            text: 'A folded text that a translator wrapped by hand.',
            source: '111111111111',
            from: 'Un',
            reviewed: true,
          },
        },
      ],
      ORDER,
      HEADER,
    );
    const data = parse(out).strings;
    expect(data['a.three']).toEqual({ text: 'Three: flow', source: '333333333333', reviewed: true });
    expect(data['a.one']).toEqual({
      text: 'A folded text that a translator wrapped by hand.',
      source: '111111111111',
      from: 'Un',
      reviewed: true,
    });
    // a.one's text is unchanged, so its hand-made folding stays.
    expect(out).toContain(
      '    text: >-\n      A folded text that a translator\n      wrapped by hand.\n    source: "111111111111"   # checked\n    from: Un\n    reviewed: true\n',
    );
  });

  it('writes a new file in the deck’s order, and copes with files that lack `strings:` or a final newline', () => {
    const fresh = applyLocaleEdits(
      undefined,
      [
        { key: 'b.one', value: { text: 'x', source: '444444444444' } },
        { key: 'a.one', value: { text: 'Yes', source: '111111111111' } },
      ],
      ORDER,
      HEADER,
    );
    expect(fresh).toBe(
      '# test\nlocale: en\nstrings:\n  a.one:\n    text: Yes\n    source: "111111111111"\n  b.one:\n    text: x\n    source: "444444444444"\n',
    );
    expect(
      applyLocaleEdits(
        'locale: en',
        [{ key: 'a.one', value: { text: 'y', source: '111111111111' } }],
        ORDER,
        HEADER,
      ),
    ).toBe('locale: en\nstrings:\n  a.one:\n    text: y\n    source: "111111111111"\n');
    expect(
      applyLocaleEdits(
        'locale: en\nstrings:\n# none yet\n',
        [{ key: 'a.one', value: { text: 'y' } }],
        ORDER,
        HEADER,
      ),
    ).toBe('locale: en\nstrings:\n  a.one:\n    text: y\n# none yet\n');
    expect(
      parse(applyLocaleEdits('strings: {}\n', [{ key: 'a.one', value: { text: 'y' } }], ORDER, HEADER))
        .strings,
    ).toEqual({ 'a.one': { text: 'y' } });
    const noNewline = 'strings:\n  a.one:\n    text: y';
    expect(applyLocaleEdits(noNewline, [{ key: 'b.one', value: { text: 'z' } }], ORDER, HEADER)).toBe(
      'strings:\n  a.one:\n    text: y\n  b.one:\n    text: z\n',
    );
  });

  it('any edits on any file give each entry its latest value, in the deck’s order', () => {
    const keys = ['k.a', 'k.b', 'k.c', 'k.d', 'k.e', 'k.f'];
    const text = fc.constantFrom(
      'plain',
      'with: colon',
      '# hash',
      '  leading spaces',
      'line\nbreak',
      '- list\n- items\n',
      '"quoted"',
      'yes',
      '123',
      'ünï «cödé»',
      'trailing  ',
    );
    const value = fc.record({
      text,
      source: fc.option(fc.stringMatching(/^[0-9a-f]{12}$/), { nil: undefined }),
      from: fc.option(text, { nil: undefined }),
      reviewed: fc.boolean(),
    });
    const entries = fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 6 });
    fc.assert(
      fc.property(entries, entries, (initial, edits) => {
        const start = applyLocaleEdits(
          undefined,
          Object.entries(initial).map(([key, v]) => ({ key, value: v as EntryValue })),
          keys,
          HEADER,
        );
        const out = applyLocaleEdits(
          start,
          Object.entries(edits).map(([key, v]) => ({ key, value: v as EntryValue })),
          keys,
          HEADER,
        );
        const expected = Object.fromEntries(
          keys
            .filter((k) => k in initial || k in edits)
            .map((k) => [k, clean((edits[k] ?? initial[k]) as EntryValue)]),
        );
        const strings = parse(out, { schema: 'failsafe' }).strings ?? {};
        expect(Object.keys(strings)).toEqual(Object.keys(expected));
        for (const [k, v] of Object.entries(strings)) expect(v, k).toEqual(expected[k]);
      }),
      { numRuns: 300 },
    );
  });
});

/** An entry as the failsafe reader sees it: text only, no empty fields. */
function clean(value: EntryValue): Record<string, string> {
  return Object.fromEntries(
    Object.entries({
      text: value.text,
      source: value.source,
      from: value.from,
      reviewed: value.reviewed ? 'true' : undefined,
    }).filter(([, v]) => v !== undefined),
  ) as Record<string, string>;
}
