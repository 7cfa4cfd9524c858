import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_FONTS, fontPaths } from '../../src/fonts/font-files.ts';
import { probeFont } from '../../src/fonts/font-probe.ts';
import { runCli } from '../helpers/run-cli.ts';
import { hostileBuild, hostileDeck, withTheme } from './hostile-build.ts';

/*
 * Issue 13, build item 5 (row 8): every font a deck or locale file names is opened, parsed and test-embedded
 * once, before any page is drawn. A WOFF2 with TrueType outlines or a TTF with a damaged glyf, loca or GSUB
 * table was "internal error" (exit 70) at embed time, or ran out of memory; now each is an error at the line
 * naming the font, in words that say what is wrong with the file rather than where fontkit stumbled.
 */

beforeAll(async () => {
  await runCli(['--help']);
}, 120_000);

const NOTO = readFileSync(BUNDLED_FONTS.regular);

/** A copy of Noto Sans with part of one table overwritten with 0xFF bytes. */
function damaged(tag: string, where: 'head' | 'tail'): Buffer {
  const bytes = Buffer.from(NOTO);
  for (let i = 0; i < bytes.readUInt16BE(4); i++) {
    const record = 12 + i * 16;
    if (bytes.toString('latin1', record, record + 4) !== tag) continue;
    const offset = bytes.readUInt32BE(record + 8);
    const length = bytes.readUInt32BE(record + 12);
    if (where === 'head') bytes.fill(0xff, offset, offset + Math.min(length, 4000));
    else bytes.fill(0xff, offset + Math.floor(length / 2), offset + length);
    return bytes;
  }
  throw new Error(`no ${tag} table`);
}

/** The 48-byte header of a WOFF2 file with TrueType outlines (flavor 0x00010000), as a web font would start. */
function trueTypeWoff2(): Buffer {
  const header = Buffer.alloc(48);
  header.write('wOF2', 0, 'latin1');
  header.writeUInt32BE(0x00010000, 4);
  header.writeUInt32BE(48, 8);
  return header;
}

const withRegular = (file: string) =>
  withTheme(
    `  fonts:\n    regular: fonts/${file}\n    bold: fonts/ok.ttf\n    italic: fonts/ok.ttf\n    boldItalic: fonts/ok.ttf\n`,
  );
const FONT_LINE = 23;

describe('fonts are checked where they are named (row 8)', () => {
  const cases: [string, string, Buffer, RegExp][] = [
    [
      'a WOFF2 font with TrueType outlines',
      'web.woff2',
      trueTypeWoff2(),
      /is a WOFF2 web font with TrueType outlines/,
    ],
    [
      'a damaged glyf table',
      'glyf.ttf',
      damaged('glyf', 'head'),
      /is damaged: its glyph outlines or metrics/,
    ],
    [
      'a damaged loca table',
      'loca.ttf',
      damaged('loca', 'tail'),
      /is damaged: its glyph outlines or metrics/,
    ],
    ['a damaged GSUB table', 'gsub.ttf', damaged('GSUB', 'head'), /is damaged: its layout tables/],
  ];
  for (const [what, file, bytes, message] of cases) {
    it(`reports ${what} at the deck line, without fontkit internals`, async () => {
      const deck = hostileDeck(withRegular(file), { [`fonts/${file}`]: bytes, 'fonts/ok.ttf': NOTO });
      const run = await hostileBuild(deck);
      expect(run.status).toBe(1);
      const line = run.stdout.split('\n').find((l) => l.includes('[asset/bad-font]')) ?? run.stdout;
      expect(line).toMatch(
        new RegExp(`deck\\.yaml:${FONT_LINE}:14 error font \`fonts/${file.replace('.', '\\.')}\``),
      );
      expect(line).toMatch(message);
      expect(run.stdout).not.toMatch(/DataView|Offset is outside|restructure|fontkit|Unknown version/);
    });
  }

  it('reports a damaged font named by a locale file at the locale file’s line', async () => {
    const deck = hostileDeck((d) => d, {
      'fonts/glyf.ttf': damaged('glyf', 'head'),
      'locales/en.yaml': 'locale: en\nfonts:\n  regular: fonts/glyf.ttf\n',
    });
    const run = await hostileBuild(deck, { args: ['--locale', 'en'] });
    expect(run.stdout).toMatch(/locales\/en\.yaml:3:12 error font `fonts\/glyf\.ttf` is damaged/);
  });

  it('passes every bundled font, and probes each file once', () => {
    const paths = fontPaths(BUNDLED_FONTS);
    for (const path of paths) expect(probeFont(path), path).toBeUndefined();
    const started = process.cpuUsage();
    for (const path of paths) probeFont(path);
    const used = process.cpuUsage(started);
    // Probed already: a second look is a stat per file, not another half-second parse.
    expect((used.user + used.system) / 1000).toBeLessThan(200);
  });
});
