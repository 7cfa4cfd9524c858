import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMarkup } from '../../src/compose/layout/compile.ts';
import type { FlowNode } from '../../src/compose/layout/nodes.ts';
import { BUNDLED_FONTS } from '../../src/fonts/font-files.ts';
import { DiagnosticSink } from '../../src/render/diagnostics.ts';
import { ImageStore } from '../../src/render/images.ts';
import { prepareBlocks } from '../../src/render/layout/content.ts';
import type { RenderContext } from '../../src/render/layout/context.ts';
import { drawFlow, fitFlow } from '../../src/render/layout/flow.ts';
import { createPdf } from '../../src/render/pdf/document.ts';
import { TextEmitter } from '../../src/render/text/emit.ts';
import { FontSet, fmt } from '../../src/render/text/faces.ts';
import { breakLines } from '../../src/render/text/lines.ts';
import { tokenize } from '../../src/render/text/words.ts';

function context(subjectRoots: RenderContext['subject']['roots'] = {}): RenderContext {
  const doc = createPdf({
    title: 't',
    lang: 'fr',
    date: new Date(0),
    fonts: BUNDLED_FONTS,
    size: [300, 300],
    identity: 'test',
  });
  const fonts = new FontSet(doc, BUNDLED_FONTS);
  const diagnostics = new DiagnosticSink();
  return {
    doc,
    fonts,
    emitter: new TextEmitter(doc, fonts),
    images: new ImageStore('/nonexistent', diagnostics),
    locale: 'fr',
    diagnostics,
    subject: { label: 'event card `x`', roots: subjectRoots },
  };
}

/** Lines of `text` at 10 pt in a box `width` points wide, as strings (soft hyphens shown only where taken). */
function lines(text: string, width: number): string[] {
  const ctx = context();
  const atoms = tokenize([{ text, face: 'regular', colour: '#000000' }], ctx.fonts, {
    upper: false,
    locale: 'fr',
    onMissing: () => {},
  });
  return breakLines(atoms, width, { size: 10, tracking: 0 }).map((line) => {
    let out = '';
    for (let i = line.start; i < line.end; i++) {
      const atom = atoms[i];
      if (!atom) continue;
      out += atom.pieces.map((p) => p.text).join('');
      if (i < line.end - 1 && atom.brk === 1) out += ' ';
    }
    return line.hyphen ? `${out}-` : out;
  });
}

describe('line breaking', () => {
  it('breaks at spaces and fills each line greedily', () => {
    const ctx = context();
    const text = 'un deux trois quatre cinq six sept huit neuf dix onze douze';
    ctx.doc.font('regular').fontSize(10);
    for (const width of [40, 60, 90, 150]) {
      const result = lines(text, width);
      expect(result.join(' ')).toBe(text);
      result.forEach((line, i) => {
        expect(ctx.doc.widthOfString(line)).toBeLessThanOrEqual(width + 0.01);
        // Greedy: the next word would not have fitted on this line.
        const next = result[i + 1]?.split(' ')[0];
        if (next) expect(ctx.doc.widthOfString(`${line} ${next}`)).toBeGreaterThan(width);
      });
    }
  });

  it('never breaks at a no-break space or a narrow no-break space', () => {
    const text = 'Nombre\u00a0: 48\u202f000 habitants\u202f!';
    for (const width of [30, 50, 70, 90, 120]) {
      for (const line of lines(text, width)) {
        expect(line.startsWith(':')).toBe(false);
        expect(line.startsWith('000')).toBe(false);
        expect(line.startsWith('!')).toBe(false);
      }
    }
  });

  it('breaks at a soft hyphen with a visible hyphen only when the line ends there', () => {
    const word = 're\u00adu\u00adti\u00adli\u00adsa\u00adtion';
    expect(lines(`la ${word}`, 500)).toEqual(['la réutilisation'.replace('é', 'e')]);
    const narrow = lines(`la ${word}`, 45);
    expect(narrow.length).toBeGreaterThan(1);
    expect(narrow[0]?.endsWith('-')).toBe(true);
    expect(narrow.join('').replace(/[- ]/g, '')).toBe('lareutilisation');
  });

  it('breaks after a hyphen between letters', () => {
    expect(lines('open-data partout', 30)[0]).toBe('open-');
  });

  it('keeps an unbreakable word whole and marks the line as too wide', () => {
    const ctx = context();
    const atoms = tokenize(
      [{ text: 'anticonstitutionnellement', face: 'regular', colour: '#000000' }],
      ctx.fonts,
      { upper: false, locale: 'fr', onMissing: () => {} },
    );
    const [line] = breakLines(atoms, 40, { size: 10, tracking: 0 });
    expect(line?.overfull).toBe(true);
  });

  it('measures what PDFKit measures (kerning included)', () => {
    const ctx = context();
    for (const text of ['AVATAR', 'Tâche', 'données', 'Wolf']) {
      const atoms = tokenize([{ text, face: 'regular', colour: '#000000' }], ctx.fonts, {
        upper: false,
        locale: 'fr',
        onMissing: () => {},
      });
      ctx.doc.font('regular').fontSize(10);
      expect(((atoms[0]?.units ?? 0) * 10) / 1000).toBeCloseTo(ctx.doc.widthOfString(text), 2);
    }
  });

  it('draws characters the text face lacks with the symbol font, and reports those no font has', () => {
    const ctx = context();
    const missing: string[] = [];
    const atoms = tokenize([{ text: 'ok → ✓ 漢', face: 'regular', colour: '#000000' }], ctx.fonts, {
      upper: false,
      locale: 'fr',
      onMissing: (ch) => missing.push(ch),
    });
    const faces = atoms.flatMap((a) => a.pieces.map((p) => `${p.text}:${p.face}`));
    expect(faces).toEqual(['ok:regular', '→:symbol', '✓:symbol']);
    expect(missing).toEqual(['漢']);
  });
});

const FLOW = (size = '10pt', min = '6pt', h = '20mm') => `<card>
  <styles><style name="body" size="${size}" min-size="${min}" leading="1.2"/></styles>
  <flow x="0" y="0" w="40mm" h="${h}"><p style="body" field="card.situation"/></flow>
</card>`;

function flowOf(markup: string): FlowNode {
  const compiled = compileMarkup(markup, [], { width: 200, height: 200 });
  const node = compiled.layout?.children[0];
  if (node?.kind !== 'flow') throw new Error(`no flow: ${JSON.stringify(compiled.diagnostics)}`);
  return node;
}

describe('shrink-to-fit', () => {
  const words = (n: number) =>
    Array.from({ length: n }, (_, i) => ['données', 'ouvertes', 'portail', 'licence'][i % 4]).join(' ');

  it('keeps the style’s size when the text fits', () => {
    const ctx = context();
    const flow = flowOf(FLOW());
    expect(fitFlow(flow, prepareBlocks(flow.blocks, { card: { situation: words(5) } }, ctx))).toMatchObject({
      t: 1,
      overflows: false,
    });
  });

  it('shrinks towards the min size until the text fits', () => {
    const ctx = context();
    const flow = flowOf(FLOW());
    const fit = fitFlow(flow, prepareBlocks(flow.blocks, { card: { situation: words(24) } }, ctx));
    expect(fit.overflows).toBe(false);
    expect(fit.t).toBeGreaterThan(0);
    expect(fit.t).toBeLessThan(1);
    expect(fit.height).toBeLessThanOrEqual(flow.rect.h + 0.01);
  });

  it('reports what does not fit at the min size, with the card, field, locale and amount, at the field in the YAML', () => {
    const at = { file: 'deck.yaml', line: 12, column: 5 };
    const ctx = context({
      card: { position: (path) => ({ ...at, column: path?.[0] === 'situation' ? 16 : 1 }) },
    });
    const flow = flowOf(FLOW());
    drawFlow(flow, prepareBlocks(flow.blocks, { card: { situation: words(200) } }, ctx), ctx);
    const [d] = ctx.diagnostics.list;
    expect(d).toMatchObject({
      severity: 'error',
      code: 'render/overflow',
      file: 'deck.yaml',
      line: 12,
      column: 16,
    });
    expect(d?.message).toMatch(
      /^event card `x` \(fr\): `situation` makes the text [\d.]+ pt \(about \d+ lines\) too tall for its box, even at its smallest size \(6 pt\)/,
    );
    expect(d?.hint).toMatch(/--allow-overflow/);
  });

  it('reports a fixed-size style that overflows without shrinking it', () => {
    const ctx = context();
    const flow = flowOf(FLOW('9pt', '9pt'));
    const fit = fitFlow(flow, prepareBlocks(flow.blocks, { card: { situation: words(200) } }, ctx));
    expect(fit).toMatchObject({ t: 1, overflows: true });
  });
});

describe('numbers in content streams', () => {
  it('are written to a thousandth, exactly as the rounded number prints', () => {
    const reference = (n: number) => {
      const r = Math.round(n * 1000) / 1000;
      return Object.is(r, -0) ? '0' : String(r);
    };
    for (const n of [0, -0, 0.0004, -0.0004, -0.0006, 0.05, 8.5, -8.503937, 11.339, 841.89, 1e6 + 0.25, 1e20])
      expect(fmt(n), String(n)).toBe(reference(n));
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (n) => fmt(n) === reference(n)),
      { numRuns: 20_000 },
    );
  });
});

describe('text emitter', () => {
  it('draws a line holding a combining mark in its text object, placed by HarfBuzz, never through doc.text()', () => {
    const ctx = context();
    const drawn: string[] = [];
    ctx.doc.text = ((value: string) => {
      drawn.push(value);
      return ctx.doc;
    }) as typeof ctx.doc.text;
    const source = 'ab q\u0301x cd';
    const atoms = tokenize([{ text: source, face: 'regular', colour: '#000000' }], ctx.fonts, {
      upper: false,
      locale: 'fr',
      onMissing: () => {},
    });
    const [line] = breakLines(atoms, 500, { size: 10, tracking: 0 });
    const content: string[] = [];
    const add = ctx.doc.addContent.bind(ctx.doc);
    ctx.doc.addContent = ((data: string | Uint8Array) => {
      content.push(typeof data === 'string' ? data : Buffer.from(data).toString('latin1'));
      return add(data as string);
    }) as typeof ctx.doc.addContent;
    ctx.emitter.line(atoms, line as NonNullable<typeof line>, 10, 20, 10, 0);
    ctx.emitter.flush();
    expect(drawn).toEqual([]);
    // The acute accent is moved back over the q: a negative-width step (a positive TJ number) before it.
    expect(content.join('')).toMatch(/\) \d+(\.\d+)? \(/);
  });
});
