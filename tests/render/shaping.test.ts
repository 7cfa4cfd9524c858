import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDecks } from '../../src/build/build.ts';
import { BUNDLED_FONTS, type Face, type FontFiles, fontFile } from '../../src/fonts/font-files.ts';
import { sourceHash } from '../../src/locale-files/hash.ts';
import { createPdf } from '../../src/render/pdf/document.ts';
import { TextEmitter } from '../../src/render/text/emit.ts';
import { FontSet } from '../../src/render/text/faces.ts';
import { breakLines } from '../../src/render/text/lines.ts';
import { Shaper } from '../../src/render/text/shaper.ts';
import { tokenize } from '../../src/render/text/words.ts';
import { tempDir } from '../helpers/temp-dirs.ts';
import { hasTool } from '../helpers/tools.ts';

/*
 * Shaping with HarfBuzz: the glyphs a line is drawn with are those of Debian's `hb-shape` (the reference),
 * right-to-left words come in visual order, connected scripts are never letter-spaced, and no dotted circle
 * (U+25CC) reaches paper. Tests needing hb-shape or pdftotext skip when the tool is missing.
 */

const hasHbShape = hasTool('hb-shape');
const hasPdftotext = hasTool('pdftotext');
if (!hasHbShape)
  console.warn('hb-shape comparisons skipped: hb-shape not installed (apt-get install libharfbuzz-bin)');
if (!hasPdftotext)
  console.warn('text extraction checks skipped: pdftotext not installed (apt-get install poppler-utils)');

interface Drawn {
  /** Original glyph ids, in drawing order, and the font file of each. */
  glyphs: { id: number; file: string }[];
  /** Each TJ's start on the line (x of its Tm) with its glyphs. */
  runs: { x: number; ids: number[] }[];
  tracking: string[];
}

/** Sets `text` on one line in `locale` and reads back what the emitter wrote: glyph ids, positions, Tc. */
function drawLine(text: string, locale: string, tracking = 0, files: FontFiles = BUNDLED_FONTS): Drawn {
  const doc = createPdf({
    title: 't',
    lang: locale,
    date: new Date(0),
    fonts: files,
    size: [600, 200],
    identity: 't',
  });
  const fonts = new FontSet(doc, files);
  const emitter = new TextEmitter(doc, fonts);
  let content = '';
  const add = doc.addContent.bind(doc);
  doc.addContent = ((data: string | Uint8Array) => {
    content += typeof data === 'string' ? data : Buffer.from(data).toString('latin1');
    return add(data as string);
  }) as typeof doc.addContent;
  const atoms = tokenize([{ text, face: 'regular', colour: '#000000' }], fonts, {
    upper: false,
    locale,
    onMissing: (ch) => {
      throw new Error(`missing ${ch}`);
    },
  });
  const [line] = breakLines(atoms, Number.POSITIVE_INFINITY, { size: 10, tracking });
  emitter.line(atoms, line as NonNullable<typeof line>, 20, 50, 10, tracking);
  emitter.flush();
  // PDFKit's font objects by resource name, to map subset glyph ids back to the font's own.
  const byResource = new Map<string, { glyphs: number[]; file: string }>();
  const internal = fonts as unknown as { fonts: Map<Face, { id: string; subset: { glyphs: number[] } }> };
  for (const [face, font] of internal.fonts)
    byResource.set(font.id, { glyphs: font.subset.glyphs, file: fontFile(files, face) });
  const drawn: Drawn = { glyphs: [], runs: [], tracking: [] };
  let current: { glyphs: number[]; file: string } | undefined;
  let x = 0;
  for (const op of content.matchAll(
    /\/(\S+) [\d.]+ Tf|1 0 0 -1 ([\d.-]+) [\d.-]+ Tm|\[((?:[^\]\\]|\\.)*)\] TJ|([\d.-]+) Tc/gs,
  )) {
    if (op[1]) current = byResource.get(op[1]);
    else if (op[2]) x = Number(op[2]);
    else if (op[4]) drawn.tracking.push(op[4]);
    else if (op[3] !== undefined && current) {
      const ids: number[] = [];
      for (const literal of op[3].matchAll(/\(((?:[^)\\]|\\.)*)\)/gs)) {
        const bytes = (literal[1] as string).replace(/\\(.)/gs, (_, c: string) =>
          c === 'n' ? '\n' : c === 'r' ? '\r' : c,
        );
        for (let i = 0; i + 1 < bytes.length; i += 2) {
          const gid = (bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1);
          const id = current.glyphs[gid] as number;
          ids.push(id);
          drawn.glyphs.push({ id, file: current.file });
        }
      }
      if (ids.length > 0) drawn.runs.push({ x, ids });
    }
  }
  return drawn;
}

function hbShape(file: string, text: string): number[] {
  const out = execFileSync('hb-shape', ['--no-glyph-names', '--no-positions', '--no-clusters', file, text], {
    encoding: 'utf8',
  });
  return out
    .trim()
    .replace(/^\[|\]$/g, '')
    .split('|')
    .map(Number);
}

const LINES = [
  { script: 'Hindi', locale: 'hi', text: 'ऐप में कंटेंट और रेफरेंस की जाँच करें', font: BUNDLED_FONTS.regular },
  {
    script: 'Arabic',
    locale: 'ar',
    text: 'يتردد القسم القانوني بين ترخيصين',
    font: BUNDLED_FONTS.fallback[0] as string,
  },
  {
    script: 'Hebrew',
    locale: 'he',
    text: 'שלום עולם זהו מבחן קצר',
    font: BUNDLED_FONTS.fallback[1] as string,
  },
];

describe('shaping with HarfBuzz', () => {
  describe.skipIf(!hasHbShape)('glyphs drawn equal hb-shape’s for the same font', () => {
    for (const { script, locale, text, font } of LINES) {
      it(`${script}: every glyph of the line, in drawing order`, () => {
        const drawn = drawLine(text, locale);
        expect(new Set(drawn.glyphs.map((g) => g.file))).toEqual(new Set([font]));
        expect(drawn.glyphs.map((g) => g.id)).toEqual(hbShape(font, text));
      });
    }
  });

  it('gives "में" the same glyphs after "ऐप" as alone (fontkit kept state and drew a dotted circle)', () => {
    const shaper = Shaper.of(BUNDLED_FONTS.regular);
    const alone = Shaper.of(BUNDLED_FONTS.regular)
      .shape('में')
      .glyphList()
      .map((g) => g.id);
    shaper.shape('ऐप');
    expect(
      shaper
        .shape('में')
        .glyphList()
        .map((g) => g.id),
    ).toEqual(alone);
    expect(shaper.shape('ऐप में').dottedCircle).toBe(false);
    // A vowel sign with no consonant before it is what HarfBuzz marks with a dotted circle.
    expect(shaper.shape('ेक').dottedCircle).toBe(true);
  });

  it('draws right-to-left words from the right: the first word read is the rightmost', () => {
    const drawn = drawLine('مرحبا بالعالم الجميل', 'ar');
    const words = ['مرحبا', 'بالعالم', 'الجميل'].map((w) =>
      Shaper.of(BUNDLED_FONTS.fallback[0] as string)
        .shape(w)
        .glyphList()
        .map((g) => g.id)
        .join(','),
    );
    const sequence = drawn.glyphs.map((g) => g.id).join(',');
    const at = words.map((w) => sequence.indexOf(w));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect(at[0]).toBeGreaterThan(at[1] as number);
    expect(at[1]).toBeGreaterThan(at[2] as number);
  });

  it('keeps a left-to-right word inside a right-to-left line in its own order', () => {
    const drawn = drawLine('نشر open data اليوم', 'ar');
    const latin = (w: string) =>
      Shaper.of(BUNDLED_FONTS.regular)
        .shape(w)
        .glyphList()
        .map((g) => g.id)
        .join(',');
    const sequence = drawn.glyphs.map((g) => g.id).join(',');
    expect(sequence.indexOf(latin('open'))).toBeLessThan(sequence.indexOf(latin('data')));
  });

  it('never letter-spaces a connected script, and spaces Latin on the same line', () => {
    const drawn = drawLine('PHASE नमस्ते', 'hi', 1.5);
    expect(drawn.tracking).toContain('1.5');
    expect(drawn.tracking).toContain('0');
    const arabic = drawLine('مرحبا', 'ar', 1.5);
    expect(arabic.tracking.filter((t) => t !== '0')).toEqual([]);
  });

  it('shapes a word the same whether it was met first with its following space or without', async () => {
    // The shaper derives one from the other's HarfBuzz call where HarfBuzz says that is safe.
    const hb = await import('harfbuzzjs');
    const direct = (file: string, text: string) => {
      const font = new hb.Font(new hb.Face(new hb.Blob(readFileSync(file)), 0));
      const buffer = new hb.Buffer();
      buffer.addText(text);
      buffer.guessSegmentProperties();
      hb.shape(font, buffer);
      const positions = buffer.getGlyphPositions();
      return buffer.getGlyphInfos().map((g, i) => {
        const p = positions[i] as { xAdvance: number; xOffset: number; yOffset: number };
        return [g.codepoint, p.xAdvance, p.xOffset, p.yOffset];
      });
    };
    const arabic = BUNDLED_FONTS.fallback[0] as string;
    const cases: [string, string][] = [
      [BUNDLED_FONTS.regular, 'office'],
      [BUNDLED_FONTS.regular, 'AVATAR'],
      [BUNDLED_FONTS.regular, 'नमस्ते'],
      [BUNDLED_FONTS.regular, 'e\u0301te\u0301'],
      [BUNDLED_FONTS.italic, 'ff'],
      [arabic, 'بالعربية'],
      [arabic, 'لا'],
    ];
    for (const [file, word] of cases)
      for (const [first, second] of [
        [word, `${word} `],
        [`${word}x `, `${word}x`],
      ] as const) {
        const shaper = Shaper.of(file);
        for (const text of [first, second]) {
          const shaped = shaper
            .shape(text)
            .glyphList()
            .map((g) => [g.id, g.advance, g.dx, g.dy]);
          expect(shaped, `${text} in ${file}`).toEqual(direct(file, text));
        }
      }
  });
});

describe('fonts for other scripts', () => {
  it('draws Hebrew with a locale’s fallback font, in its bold face for bold text, and keeps Latin in the bold face', () => {
    const files: FontFiles = {
      ...BUNDLED_FONTS,
      fallback: [BUNDLED_FONTS.fallback[1] as string],
    };
    const doc = createPdf({
      title: 't',
      lang: 'he',
      date: new Date(0),
      fonts: files,
      size: [300, 300],
      identity: 't',
    });
    const fonts = new FontSet(doc, files);
    const atoms = tokenize([{ text: 'Open שלום', face: 'bold', colour: '#000000' }], fonts, {
      upper: false,
      locale: 'he',
      onMissing: () => {},
    });
    expect(atoms.flatMap((a) => a.pieces.map((p) => [p.text, p.face]))).toEqual([
      ['Open', 'bold'],
      ['שלום', 'fallbackBold0'],
    ]);
  });
});

const tiny = () => readFileSync(resolve('tests/fixtures/build/tiny/deck.yaml'), 'utf8');

function scriptDeck(language: string, replace: Record<string, string>): string {
  const dir = tempDir('atelier-script-');
  let yaml = tiny()
    .replace('language: fr', `language: ${language}`)
    .replace('id: tiny', `id: ${language}-deck`);
  for (const [from, to] of Object.entries(replace)) yaml = yaml.replace(from, to);
  writeFileSync(join(dir, 'deck.yaml'), yaml);
  return dir;
}

describe('builds in other scripts', () => {
  it.skipIf(!hasPdftotext)(
    'prints Hindi with the shipped fonts: no dotted circle, words read back as written',
    async () => {
      const deck = scriptDeck('hi', {
        'title: Quelle licence ?': 'title: ऐप में कंटेंट',
        'situation: Le service juridique hésite entre deux licences pour le premier jeu de données.':
          'situation: ऐप में कंटेंट और रेफरेंस की जाँच करें। टीम नया ऐप बनाती है।',
        'title: Début': 'title: शुरुआत',
      });
      const out = join(deck, 'out');
      const result = await buildDecks([deck], { outDir: out, cwd: deck });
      expect(result.ok).toBe(true);
      for (const file of ['event-cards.pdf', 'facilitator-guide.pdf']) {
        const text = execFileSync('pdftotext', [join(out, 'hi-deck', 'hi', file), '-'], { encoding: 'utf8' });
        expect(text).not.toContain('\u25cc');
        for (const word of ['ऐप', 'में', 'कंटेंट', 'रेफरेंस', 'जाँच', 'शुरुआत']) expect(text, file).toContain(word);
      }
    },
  );

  it('fails the build when HarfBuzz would have to print a dotted circle', async () => {
    const deck = scriptDeck('hi', { 'title: Quelle licence ?': 'title: ेकटेंट जाँच' });
    const out = join(deck, 'out');
    const result = await buildDecks([deck], { outDir: out, cwd: deck });
    expect(result.ok).toBe(false);
    const found = result.diagnostics.filter((d) => d.code === 'render/dotted-circle');
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]?.message).toContain('ेकटेंट');
    expect(found[0]?.line).toBeGreaterThan(0);
  });

  it.skipIf(!hasTool('pdffonts'))(
    'takes a locale file’s fallback font for its script; Latin keeps Noto Sans Bold',
    async () => {
      const deck = scriptDeck('fr', {});
      mkdirSync(join(deck, 'fonts'));
      mkdirSync(join(deck, 'locales'));
      copyFileSync(BUNDLED_FONTS.fallback[1] as string, join(deck, 'fonts', 'Hebrew.ttf'));
      writeFileSync(
        join(deck, 'locales', 'he.yaml'),
        [
          'locale: he',
          'fonts:',
          '  fallback: [fonts/Hebrew.ttf]',
          'strings:',
          '  event.licence.title:',
          '    text: "**Open data** שלום עולם"',
          `    source: ${sourceHash('Quelle licence ?')}`,
          '',
        ].join('\n'),
      );
      const out = join(deck, 'out');
      const result = await buildDecks([deck], { outDir: out, cwd: deck, locales: ['he'] });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const fonts = execFileSync('pdffonts', [join(out, 'fr-deck', 'he', 'event-cards.pdf')], {
        encoding: 'utf8',
      });
      expect(fonts).toMatch(/\+Hebrew|NotoSansHebrew/);
      expect(fonts).toContain('NotoSans-Bold');
      expect(fonts).not.toMatch(/DejaVu/);
    },
  );

  it('takes the bold face a locale file gives its fallback font for bold text, and says where a bold file is missing', async () => {
    const deck = scriptDeck('fr', {});
    mkdirSync(join(deck, 'fonts'));
    mkdirSync(join(deck, 'locales'));
    // DejaVu Sans has Hebrew, in both weights: as the locale's fallback it is tried before the bundled Noto.
    copyFileSync(BUNDLED_FONTS.symbol, join(deck, 'fonts', 'Hebrew.ttf'));
    copyFileSync(
      BUNDLED_FONTS.symbol.replace('DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'),
      join(deck, 'fonts', 'Hebrew-Bold.ttf'),
    );
    const localeFile = (bold: string) =>
      [
        'locale: he',
        'fonts:',
        '  fallback:',
        `    - { regular: fonts/Hebrew.ttf, bold: ${bold} }`,
        'strings:',
        '  event.licence.title:',
        '    text: שלום עולם',
        `    source: ${sourceHash('Quelle licence ?')}`,
        '  event.licence.situation:',
        '    text: טקסט רגיל של המצב',
        `    source: ${sourceHash('Le service juridique hésite entre deux licences pour le premier jeu de données.')}`,
        '',
      ].join('\n');
    writeFileSync(join(deck, 'locales', 'he.yaml'), localeFile('fonts/Hebrew-Bold.ttf'));
    const out = join(deck, 'out');
    const built = await buildDecks([deck], { outDir: out, cwd: deck, locales: ['he'], only: ['cards'] });
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const pdf = readFileSync(join(out, 'fr-deck', 'he', 'event-cards.pdf'), 'latin1');
    const fonts = new Set([...pdf.matchAll(/\/BaseFont \/[A-Z]{6}\+([\w-]+)/g)].map((m) => m[1]));
    expect(fonts).toContain('DejaVuSans-Bold');
    expect(fonts).toContain('DejaVuSans');
    expect(fonts).not.toContain('NotoSansHebrew-Bold');

    writeFileSync(join(deck, 'locales', 'he.yaml'), localeFile('fonts/Nowhere-Bold.ttf'));
    const broken = await buildDecks([deck], { outDir: out, cwd: deck, locales: ['he'], only: ['cards'] });
    const missing = broken.diagnostics.find((d) => d.code === 'asset/missing');
    expect(missing?.message).toContain('fonts/Nowhere-Bold.ttf');
    expect(missing?.file).toMatch(/he\.yaml$/);
    expect(missing?.line).toBe(4);
  });

  it('sets bold Arabic and Hebrew (card titles) in the fallback fonts’ bold faces, body text in their regular', async () => {
    for (const [language, title, situation, family] of [
      ['ar', 'مرحبا بالعالم', 'نص عادي للموقف', 'NotoSansArabic'],
      ['he', 'שלום עולם', 'טקסט רגיל של המצב', 'NotoSansHebrew'],
    ] as const) {
      const deck = scriptDeck(language, {
        'title: Quelle licence ?': `title: ${title}`,
        'situation: Le service juridique hésite entre deux licences pour le premier jeu de données.': `situation: ${situation}`,
      });
      const out = join(deck, 'out');
      const result = await buildDecks([deck], { outDir: out, cwd: deck, only: ['cards'] });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      // Font dictionaries are not compressed: their base font names can be read from the file as is.
      const pdf = readFileSync(join(out, `${language}-deck`, language, 'event-cards.pdf'), 'latin1');
      const fonts = new Set([...pdf.matchAll(/\/BaseFont \/[A-Z]{6}\+([\w-]+)/g)].map((m) => m[1]));
      expect(fonts, language).toContain(`${family}-Bold`);
      expect(fonts, language).toContain(`${family}-Regular`);
    }
  });

  it('builds Arabic and Hebrew with the bundled fallback fonts', async () => {
    for (const [language, title] of [
      ['ar', 'مرحبا بالعالم'],
      ['he', 'שלום עולם'],
    ] as const) {
      const deck = scriptDeck(language, { 'title: Quelle licence ?': `title: ${title}` });
      const result = await buildDecks([deck], { outDir: join(deck, 'out'), cwd: deck });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    }
  });
});
