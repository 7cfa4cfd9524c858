import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAYOUT_SPEC } from '../../src/compose/layout/spec.ts';
import { loadTemplates, TEMPLATE_LIMITS } from '../../src/compose/templates.ts';
import { runCli } from '../helpers/run-cli.ts';
import { BOUNDS, hostileBuild, hostileDeck, withTheme } from './hostile-build.ts';

/*
 * Issue 13, build item 4 (rows 9, 10, 11, 15): hostile images, layouts and print sizes are refused with a
 * diagnostic naming the limit, at the deck line, within the bounds every hostile build keeps (10 s, 1 GB,
 * exit 1 or 2, deck and out/ untouched); a legitimate 40-megapixel photo still builds. Hostile files are made
 * here, at test time: none is committed.
 */

beforeAll(async () => {
  await runCli(['--help']);
}, 120_000);

const withBack = (file: string) => withTheme(`  cardBack: assets/${file}\n`);
const THEME_LINE = 22;

/** `count` one-pixel squares: the shape of the 43 MB, million-element SVG of the issue. */
function manyElements(count: number): string {
  const parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'];
  for (let i = 0; i < count; i++)
    parts.push(`<rect x="${i % 100}" y="${Math.floor(i / 100) % 100}" width="1" height="1" fill="#0a0"/>`);
  parts.push('</svg>');
  return parts.join('');
}

/** A PNG whose header says 16,000 × 16,000 RGB (256 megapixels), as a real one would: only the header is read. */
function giantPngHeader(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(16_000, 0);
  header.writeUInt32BE(16_000, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const firstRow = deflateSync(Buffer.alloc(1 + 16_000 * 3));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', firstRow),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('images are bounded (rows 9 and 10)', () => {
  it('refuses an SVG of a million elements (43 MB) by its size', async () => {
    const svg = manyElements(1_000_000);
    expect(svg.length).toBeGreaterThan(40_000_000);
    const run = await hostileBuild(hostileDeck(withBack('million.svg'), { 'assets/million.svg': svg }));
    expect(run.stdout).toMatch(
      new RegExp(
        `deck\\.yaml:${THEME_LINE}:13 error image \`assets/million\\.svg\` is an SVG of \\d+ MB, more than the 8 MB`,
      ),
    );
    expect(run.stdout).toMatch(/hint: simplify it, or export it as a PNG: .*\d+×\d+ pixels/);
  });

  it('refuses an SVG of 100,000 elements (4.3 MB) by its element count', async () => {
    const run = await hostileBuild(
      hostileDeck(withBack('many.svg'), { 'assets/many.svg': manyElements(100_000) }),
    );
    expect(run.stdout).toMatch(
      /deck\.yaml:22:13 error image `assets\/many\.svg` has more than 20,000 elements/,
    );
  });

  it('refuses 200 Gaussian blurs of σ = 1000 by their filter cost', async () => {
    const filters = Array.from(
      { length: 200 },
      (_, i) => `<filter id="f${i}"><feGaussianBlur stdDeviation="1000"/></filter>`,
    ).join('');
    const uses = Array.from(
      { length: 200 },
      (_, i) => `<rect x="10" y="10" width="80" height="80" fill="red" filter="url(#f${i})"/>`,
    ).join('');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><defs>${filters}</defs>${uses}</svg>`;
    const run = await hostileBuild(hostileDeck(withBack('blur.svg'), { 'assets/blur.svg': svg }));
    expect(run.stdout).toMatch(
      /deck\.yaml:22:13 error image `assets\/blur\.svg` applies 200 filter effects, more than the 16/,
    );
  });

  it('refuses a 16,000² RGB PNG by its pixel count, naming the limit and the pixels needed', async () => {
    const run = await hostileBuild(
      hostileDeck(withBack('huge.png'), { 'assets/huge.png': giantPngHeader() }),
    );
    expect(run.stdout).toMatch(
      /deck\.yaml:22:13 error image `assets\/huge\.png` is 16000×16000 pixels \(256 megapixels\), more than the 100 megapixels/,
    );
    expect(run.stdout).toMatch(/hint: resize it: .*magick in\.png -resize \d+x\d+ out\.png/);
  });

  it('builds with a 40-megapixel photo, scaled down to what the card needs', async () => {
    // Grain made small and scaled up: a camera-sized JPEG in well under a second.
    const grain = await sharp({
      create: {
        width: 775,
        height: 516,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 40 },
      },
    })
      .png()
      .toBuffer();
    const photo = await sharp(grain).resize(7750, 5160, { kernel: 'cubic' }).jpeg({ quality: 85 }).toBuffer();
    expect((await sharp(photo).metadata()).width).toBe(7750);
    const run = await hostileBuild(hostileDeck(withBack('photo.jpg'), { 'assets/photo.jpg': photo }), {
      ok: true,
      args: ['--only', 'cards'],
    });
    expect(run.stdout).toMatch(/built .*event-cards\.pdf/);
  });

  it('warns that an SVG naming other files draws them blank', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">' +
      '<image href="photo.png" width="10" height="10"/><use xlink:href="parts.svg#leaf"/>' +
      '<rect width="10" height="10" fill="url(#local)"/></svg>';
    const run = await hostileBuild(hostileDeck(withBack('art.svg'), { 'assets/art.svg': svg }), {
      ok: true,
      args: ['--only', 'cards'],
    });
    expect(run.stdout).toMatch(
      /deck\.yaml:22:13 warning image `assets\/art\.svg` refers to `photo\.png`, `parts\.svg#leaf`, which will not be drawn/,
    );
  });
});

describe('layouts are bounded (row 11, partial depth, object properties)', () => {
  const folder = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'atelier-hostile-templates-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  };
  const load = (files: Record<string, string>) => {
    const dir = folder(files);
    return loadTemplates({
      dir,
      names: ['card'],
      spec: LAYOUT_SPEC,
      display: (p) => p.slice(dir.length + 1),
    });
  };
  const bounded = <T>(work: () => T): T => {
    const started = performance.now();
    const result = work();
    expect((performance.now() - started) / 1000).toBeLessThan(BOUNDS.seconds);
    expect(process.resourceUsage().maxRSS / 1024).toBeLessThan(BOUNDS.megabytes);
    return result;
  };

  it('stops a layout of loops inside loops at the markup limit (it made 150 MB and ran out of memory)', () => {
    const set = load({
      'card.hbs':
        '<card>\n{{#each items}}{{#each @root.items}}{{#each @root.items}}<box x="1mm"/>{{/each}}{{/each}}{{/each}}\n</card>\n',
    });
    const items = Array.from({ length: 600 }, (_, i) => i);
    const { markup, diagnostics } = bounded(() => set.render('card', { items }));
    expect(markup).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'template/too-much-markup',
        message: `the layout produces more than ${TEMPLATE_LIMITS.maxMarkupChars / 1024 / 1024} MB of markup`,
        file: 'card.hbs',
      }),
    ]);
  });

  it('stops partials that double at each level before they fill memory', () => {
    const files: Record<string, string> = { 'card.hbs': '<card>{{> p0}}</card>\n' };
    for (let i = 0; i < 30; i++) files[`partials/p${i}.hbs`] = `{{> p${i + 1}}}{{> p${i + 1}}}`;
    files['partials/p30.hbs'] = '<box x="1mm"/>';
    const { diagnostics } = bounded(() => load(files).render('card', {}));
    expect(diagnostics.map((d) => d.code)).toEqual(['template/too-much-markup']);
    expect(diagnostics[0]?.file).toMatch(/^partials\/p\d+\.hbs$/);
  });

  it('reports a partial that includes itself at the line that includes it', () => {
    const set = load({
      'card.hbs': '<card>\n  {{> loop}}\n</card>\n',
      'partials/loop.hbs': '<box x="1mm">\n  {{> loop}}\n</box>\n',
    });
    const { diagnostics } = bounded(() => set.render('card', {}));
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'template/partial-depth',
        message: `partial \`loop\` is nested more than ${TEMPLATE_LIMITS.maxPartialDepth} partials deep`,
        file: 'card.hbs',
        line: 2,
        column: 3,
      }),
    ]);
  });

  it('refuses {{card.constructor}} and lookups of object properties when the layout loads', () => {
    const set = load({
      'card.hbs':
        '<card>\n  <text style="body">{{card.constructor}} {{lookup card "__proto__"}}</text>\n</card>\n',
    });
    expect(set.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['template/object-property', 2, 24],
      ['template/object-property', 2, 57],
    ]);
  });
});

describe('print sizes are bounded (row 15)', () => {
  it('refuses cards of 0 mm and 0.01 mm, and a negative safe margin, at their lines', async () => {
    const deck = hostileDeck((d) =>
      d.replace('  card: poker\n', '  card:\n    width: 0mm\n    height: 0.01mm\n  safeMargin: -1mm\n'),
    );
    const run = await hostileBuild(deck);
    expect(run.status).toBe(1);
    const lines = run.stdout
      .split('\n')
      .filter((l) => l.includes('[schema/length-out-of-range]'))
      .map((l) => l.replace(/^ +\S*\//, '  '));
    expect(lines).toEqual([
      '  deck.yaml:17:12 error width: 0mm is too small: write a length between 20mm and 300mm [schema/length-out-of-range]',
      '  deck.yaml:18:13 error height: 0.01mm is too small: write a length between 20mm and 300mm [schema/length-out-of-range]',
      '  deck.yaml:19:15 error safeMargin: -1mm is too small: write a length between 0mm and 25mm [schema/length-out-of-range]',
    ]);
  });

  it('refuses a 0.2 mm card (a stack overflow before), a bleed of a metre and a margin that leaves no text', async () => {
    const deck = hostileDeck((d) =>
      d
        .replace('  card: poker\n', '  card:\n    width: 0.2mm\n    height: 88.9mm\n')
        .replace('  bleed: 3mm\n', '  bleed: 1000mm\n'),
    );
    const run = await hostileBuild(deck);
    expect(run.stdout).toMatch(/deck\.yaml:17:12 error width: 0\.2mm is too small/);
    expect(run.stdout).toMatch(
      /deck\.yaml:19:10 error bleed: 1000mm is too large: write a length between 0mm and 10mm/,
    );
    const narrow = hostileDeck((d) => d.replace('  card: poker\n', '  card: mini\n  safeMargin: 20mm\n'));
    const second = await hostileBuild(narrow);
    expect(second.stdout).toMatch(
      /deck\.yaml:17:15 error safeMargin: leaves 4\.5mm for text across a 44\.5mm card/,
    );
  });

  it('builds the most extreme size it accepts, within the bounds', async () => {
    const deck = hostileDeck((d) =>
      d
        .replace('  card: poker\n', '  card:\n    width: 20mm\n    height: 20mm\n  safeMargin: 5mm\n')
        .replace('  bleed: 3mm\n', '  bleed: 10mm\n'),
    );
    await hostileBuild(deck, { ok: true, args: ['--only', 'cards'] });
  });
});
