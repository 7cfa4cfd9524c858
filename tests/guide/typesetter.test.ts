import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUNDLED_FONTS } from '../../src/fonts/font-files.ts';
import { type Line, type TextStyle, Typesetter } from '../../src/render/guide/typesetter.ts';

const style: TextStyle = { size: 10, leading: 14, colour: '#000000' };
const missing: string[] = [];
const ts = new Typesetter({ fonts: BUNDLED_FONTS, locale: 'fr', onMissingGlyph: (ch) => missing.push(ch) });
const text = (line: Line | undefined) => (line?.pieces ?? []).map((p) => p.text).join('');
const widthOf = (s: string) => ts.width(s, 'regular', style.size);

describe('guide typesetter', () => {
  it('breaks at spaces and keeps lines within the measure', () => {
    const lines = ts.lines(
      [{ text: 'un deux trois quatre cinq six sept huit neuf dix' }],
      style,
      widthOf('un deux trois q'),
    );
    // Greedy breaking would leave "dix" alone on the last line: a word comes down to keep it company.
    expect(lines.map(text)).toEqual(['un deux trois', 'quatre cinq', 'six sept huit', 'neuf dix']);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(widthOf('un deux trois q') + 0.01);
  });

  it('never breaks at a no-break space or a narrow no-break space', () => {
    const source = 'mot Page\u00a012 et «\u202fguillemets\u202f» puis encore une Page\u00a013 ici';
    // From the narrowest measure that holds the longest unbreakable group.
    const narrowest = widthOf('«\u202fguillemets\u202f»');
    for (const width of [narrowest, narrowest + 12, narrowest + 30, narrowest + 55, narrowest + 80]) {
      const lines = ts.lines([{ text: source }], style, width).map(text);
      for (const line of lines) {
        expect(line).not.toMatch(/^(12|13|guillemets|»)/);
        expect(line).not.toMatch(/(Page|«)$/);
      }
      expect(lines.join(' ')).toBe(source);
    }
  });

  it('breaks at a soft hyphen with a visible hyphen, and leaves it invisible otherwise', () => {
    const word = 'extra\u00adordinaire';
    const narrow = ts.lines([{ text: `un ${word}` }], style, widthOf('un extra-') + 1);
    expect(narrow.map(text)).toEqual(['un extra-', 'ordinaire']);
    const wide = ts.lines([{ text: `un ${word}` }], style, 500);
    expect(wide.map(text)).toEqual(['un extraordinaire']);
  });

  it('forces a line break at \\n and keeps bold and italic runs apart', () => {
    const lines = ts.lines(
      [{ text: 'Titre', bold: true }, { text: '\nsuite ' }, { text: 'penchée', italic: true }],
      style,
      500,
    );
    expect(lines.map(text)).toEqual(['Titre', 'suite penchée']);
    expect(lines[0]?.pieces[0]?.font).toBe('bold');
    expect(lines[1]?.pieces.map((p) => p.font)).toEqual(['regular', 'italic']);
  });

  it('draws with the symbol font what the text face lacks, and leaves out what no font has', () => {
    const [line] = ts.lines([{ text: 'a → b 漢' }], style, 500);
    expect(line?.pieces.map((p) => [p.text, p.font])).toEqual([
      ['a ', 'regular'],
      ['→', 'symbol'],
      [' b', 'regular'],
    ]);
    expect(missing).toContain('漢');
  });

  it('hyphenates French words in narrow columns when they do not fit', () => {
    const lines = ts.lines([{ text: 'réutilisation' }], style, widthOf('réutili') + 8, true);
    expect(lines.length).toBe(2);
    expect(text(lines[0])).toMatch(/-$/);
    expect(lines.map(text).join('').replace('-', '')).toBe('réutilisation');
  });

  it('places pieces end to end so that mixed faces do not overlap', () => {
    const [line] = ts.lines([{ text: 'un ' }, { text: 'deux', bold: true }, { text: ' trois' }], style, 500);
    const pieces = line?.pieces ?? [];
    for (let i = 1; i < pieces.length; i++)
      expect(pieces[i]?.dx).toBeCloseTo((pieces[i - 1]?.dx ?? 0) + (pieces[i - 1]?.width ?? 0), 5);
    expect(line?.width).toBeCloseTo(
      pieces.reduce((s, p) => s + p.width, 0),
      5,
    );
  });

  it('never lets a line run past the measure, whatever the words', () => {
    const word = fc.stringMatching(/^[a-zé\u00ad-]{1,14}$/);
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 30, max: 200 }),
        (words, width) => {
          const lines = ts.lines([{ text: words.join(' ') }], style, width);
          for (const line of lines) expect(line.width).toBeLessThanOrEqual(width + 0.01);
          // Nothing is lost: the letters come back in order.
          const letters = (s: string) => s.replace(/[\s\u00ad-]/g, '');
          expect(letters(lines.map(text).join(''))).toBe(letters(words.join('')));
        },
      ),
      // The first example once came out 33.010000000000005 pt wide on a 33 pt measure.
      { numRuns: 150, examples: [[['éa--pté', '-pé', 'a'], 33]] },
    );
  });

  it('brings a word down to keep a short last word company, without adding a line', () => {
    const first = 'Le matériel de la séance est prêt pour la';
    const measure = widthOf(first) + 1;
    const lines = ts.lines([{ text: `${first} fin.` }], style, measure);
    expect(lines).toHaveLength(2);
    expect(text(lines[1])).toBe('la fin.');
    // A single line stays as it is, and so does a last line that is long enough.
    expect(ts.lines([{ text: 'fin.' }], style, measure).map(text)).toEqual(['fin.']);
  });

  it('hyphenates only a line that would be too loose, never three in a row, and cuts long words with a hyphen', () => {
    const narrow = (t: string, w: number) => ts.lines([{ text: t }], style, w, true).map(text);
    // "ouvertes" fits on the next line and the first line is full enough: no hyphen.
    const full = 'données données données';
    expect(narrow(`${full} ouvertes publiques`, widthOf(`${full} ouver`) + 1)[0]).toBe(`${full}`);
    // Long words in a narrow column: hyphens, but not three lines in a row.
    const lines = narrow('anonymisation anonymisation anonymisation anonymisation anonymisation fin', 60);
    let run = 0;
    for (const line of lines) {
      run = line.endsWith('-') ? run + 1 : 0;
      expect(run).toBeLessThanOrEqual(2);
    }
    // A word with no hyphenation point wider than the measure is cut, each piece ending in a hyphen.
    const cut = ts.lines([{ text: 'Xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' }], style, 60).map(text);
    expect(cut.length).toBeGreaterThan(1);
    for (const line of cut.slice(0, -1)) expect(line).toMatch(/-$/);
  });
});
