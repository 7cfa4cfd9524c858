import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { readPlainYaml } from '../../src/load/plain-yaml.ts';

/** What the careful, position-keeping parser makes of a text, with the loader's options. */
function careful(text: string): unknown {
  const document = parseDocument(text, { uniqueKeys: false, strict: true, resolveKnownTags: false });
  return document.errors.length > 0 ? undefined : document.toJS({ maxAliasCount: 100 });
}

const files = globSync(['decks/**/*.yaml', 'tests/fixtures/**/*.yaml'], { dot: false }).sort();

describe('the fast reading of plain YAML', () => {
  it('reads every shipped deck file, and agrees with the careful parser on every file it reads', () => {
    let read = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const fast = readPlainYaml(text);
      if (fast === undefined) continue;
      read++;
      expect(fast, file).toEqual(careful(text));
    }
    expect(read).toBeGreaterThan(50);
    for (const file of files.filter((f) => f.startsWith('decks/') && !f.includes('/locales/'))) {
      expect(readPlainYaml(readFileSync(file, 'utf8')), file).toBeDefined();
    }
  });

  it('leaves anchors, aliases, tags, duplicate keys and prototype keys to the careful parser', () => {
    for (const text of [
      'a: &x [1]\nb: *x\n',
      'a: !!binary aGk=\n',
      'a: 1\na: 2\n',
      '__proto__: {x: 1}\n',
      'a:\n  constructor: 1\n',
      '? [a]\n: 1\n',
      'a: 1\n---\nb: 2\n',
      'a:\n\t- 1\n',
      'a: &x 1\nb: [1, *x]\n',
      'a: &x 1\nb: {c: *x}\n',
      'a: &x 1\nb:\n  - *x\n',
      'a: &x 1\nb:\n  *x\n',
      'a: &x 1\n*x : 2\n',
      'a: !t x\n',
      'a:\n- !\n',
      ': x\n',
      // A quoted text running on into a key, in a list at its key's indentation (js-yaml reads a parent key).
      "k:\n- ''key: \n",
      "k:\n- 'a'key: v\n",
      'k:\n- "a"b: 1\n',
      "x:\n  k:\n  - 'a'b: 1\n",
    ]) {
      expect(readPlainYaml(text), text).toBeUndefined();
      expect(readPlainYaml(text, { failsafe: true }), text).toBeUndefined();
    }
  });

  it('reads an asterisk inside a text as text: Markdown emphasis is no alias', () => {
    const text =
      'a: such as a *communauté d’agglomération* (a conurbation)\nb: |\n  **Bold.** then *italic*, and 2 * 3\nc: "x *y*"\n';
    const expected = {
      a: 'such as a *communauté d’agglomération* (a conurbation)',
      b: '**Bold.** then *italic*, and 2 * 3\n',
      c: 'x *y*',
    };
    expect(readPlainYaml(text)).toEqual(expected);
    expect(readPlainYaml(text, { failsafe: true })).toEqual(expected);
    expect(careful(text)).toEqual(expected);
  });

  it('agrees with the careful parser on generated text full of YAML indicators whenever it reads it', () => {
    // Pieces that start anchors, aliases, tags, flow collections, keys and block scalars, mixed with text.
    // `{` and `}` are left out of the failsafe run: a flow mapping key without a value is empty text to the
    // fast reading and null to the careful one (a difference that does not depend on where the text is read).
    const pieces = [
      ...['*', '**', '&', '!', '*a', '&a', '!a', '*a*', 'a', 'x', 'é', ' ', ' ', '\t', '#', '?', '"', "'"],
      ...[': ', ':', '- ', '-', ',', ', ', '[', ']', '|', '>', '\n', '\n  ', '\n    ', '\n- ', 'key: '],
    ];
    const failsafe = (text: string) => {
      const document = parseDocument(text, { uniqueKeys: true, strict: true, schema: 'failsafe' });
      return document.errors.length > 0 ? undefined : document.toJS();
    };
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces, '{', '}'), { maxLength: 30 }),
        fc.array(fc.constantFrom(...pieces), { maxLength: 30 }),
        (core, text) => {
          const coreText = `k: ${core.join('')}\n`;
          const fast = readPlainYaml(coreText);
          if (fast !== undefined) expect(fast, coreText).toEqual(careful(coreText));
          const failsafeText = `k: ${text.join('')}\n`;
          const fastText = readPlainYaml(failsafeText, { failsafe: true });
          if (fastText !== undefined) expect(fastText, failsafeText).toEqual(failsafe(failsafeText));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('agrees with the careful parser on mutated deck text whenever it reads it', () => {
    const base = readFileSync('tests/fixtures/valid/minimal/deck.yaml', 'utf8').split('\n');
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.nat(base.length - 1),
            fc.oneof(fc.string(), fc.constantFrom('', '  - x', 'k: v', ' : ', '- ')),
          ),
          {
            maxLength: 4,
          },
        ),
        (edits) => {
          const lines = [...base];
          for (const [at, line] of edits) lines.splice(at, 1, line);
          const text = lines.join('\n');
          const fast = readPlainYaml(text);
          if (fast !== undefined) expect(fast).toEqual(careful(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads translation and label files as text only (failsafe), agreeing with the careful parser', () => {
    const failsafe = (text: string) => {
      const document = parseDocument(text, { uniqueKeys: true, strict: true, schema: 'failsafe' });
      return document.errors.length > 0 ? undefined : document.toJS();
    };
    const localeFiles = globSync([
      'decks/**/locales/*.yaml',
      'templates/labels/*.yaml',
      'tests/fixtures/**/locales/*.yaml',
    ]);
    let read = 0;
    for (const file of localeFiles) {
      const text = readFileSync(file, 'utf8');
      const fast = readPlainYaml(text, { failsafe: true });
      if (fast === undefined) continue;
      read++;
      expect(fast, file).toEqual(failsafe(text));
    }
    expect(read).toBeGreaterThan(3);
    // Every shipped translation is read fast, Markdown emphasis and all.
    for (const file of localeFiles.filter((f) => f.startsWith('decks/') || f.startsWith('templates/')))
      expect(readPlainYaml(readFileSync(file, 'utf8'), { failsafe: true }), file).toBeDefined();
    // Values that other schemas turn into numbers, booleans or null stay as written.
    const text = 'a: yes\nb: 1.0\nc: null\nd: ~\ne: 0x1F\n';
    expect(readPlainYaml(text, { failsafe: true })).toEqual({
      a: 'yes',
      b: '1.0',
      c: 'null',
      d: '~',
      e: '0x1F',
    });
    expect(readPlainYaml(text, { failsafe: true })).toEqual(failsafe(text));
    // An empty value is empty text to both.
    const empty = 'strings:\n  a:\n    text:\n';
    expect(readPlainYaml(empty, { failsafe: true })).toEqual(failsafe(empty));
  });
});
