import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDecks } from '../../src/build/build.ts';
import { hasTool } from '../helpers/tools.ts';

/*
 * The checks a print shop or a PDF validator would run, with the real tools (qpdf, poppler's pdfinfo and
 * pdffonts). `.ci/run` installs them; where they are missing these tests are skipped and say so.
 */
const tools = ['qpdf', 'pdfinfo', 'pdffonts'].filter((tool) => !hasTool(tool));
if (tools.length > 0)
  console.warn(
    `print checks skipped: ${tools.join(', ')} not installed (apt-get install qpdf poppler-utils)`,
  );

const work = mkdtempSync(join(tmpdir(), 'atelier-print-'));
const folder = join(work, 'out', 'tiny', 'fr');
const run = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });

describe.skipIf(tools.length > 0)('print structure, checked with qpdf and poppler', () => {
  beforeAll(async () => {
    cpSync(resolve('tests/fixtures/build/tiny'), join(work, 'deck'), { recursive: true });
    const result = await buildDecks([join(work, 'deck')], {
      outDir: join(work, 'out'),
      cwd: work,
      printShop: true,
    });
    expect(result.ok).toBe(true);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('passes qpdf --check and embeds every font, subset', () => {
    const pdfs = readdirSync(folder).filter((name) => name.endsWith('.pdf'));
    expect(pdfs).toHaveLength(5);
    for (const pdf of pdfs) {
      expect(() => run('qpdf', '--check', join(folder, pdf))).not.toThrow();
      const fonts = run('pdffonts', join(folder, pdf)).split('\n').slice(2).filter(Boolean);
      expect(fonts.length).toBeGreaterThan(0);
      for (const line of fonts) {
        const [emb, sub] = line.trim().split(/\s+/).slice(-5, -3);
        expect({ pdf, line, emb, sub }).toMatchObject({ emb: 'yes', sub: 'yes' });
      }
    }
  });

  it('gives every PDF of the kit subset tags of its own, as pdffonts shows them', () => {
    const tags = readdirSync(folder)
      .filter((name) => name.endsWith('.pdf'))
      .flatMap((pdf) =>
        run('pdffonts', join(folder, pdf))
          .split('\n')
          .slice(2)
          .filter(Boolean)
          .map((line) => ({ pdf, tag: line.split('+')[0] as string })),
      );
    expect(tags.length).toBeGreaterThan(8);
    for (const { tag } of tags) expect(tag).toMatch(/^[A-Z]{6}$/);
    expect(new Set(tags.map((t) => t.tag)).size).toBe(tags.length);
  });

  it('has no DeviceRGB colour in the print-shop file, only CMYK', () => {
    const qdf = join(work, 'print-shop.qdf.pdf');
    run('qpdf', '--qdf', '--object-streams=disable', join(folder, 'cards-print-shop.pdf'), qdf);
    const text = readFileSync(qdf, 'latin1');
    expect(text).not.toMatch(/DeviceRGB|\b(rg|RG)\n/);
    // Colour spaces set by name are CMYK ones.
    for (const m of text.matchAll(/\/(\w+) (cs|CS)\n/g)) expect(m[1]).toBe('DeviceCMYK');
    expect(text).toMatch(/ k\n/);
  });

  it('imposes cards on exact A4 pages and tags the guide', () => {
    const cards = run('pdfinfo', join(folder, 'event-cards.pdf'));
    expect(cards).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    const guide = run('pdfinfo', join(folder, 'facilitator-guide.pdf'));
    expect(guide).toMatch(/Tagged:\s+yes/);
    expect(guide).toMatch(/Title:\s+Petit atelier/);
  });

  it('insets the print-shop TrimBox from the BleedBox by the 3 mm bleed', () => {
    const boxes = run('pdfinfo', '-box', join(folder, 'cards-print-shop.pdf'));
    const box = (name: string) =>
      (new RegExp(`${name}:\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)`).exec(boxes) ?? [])
        .slice(1)
        .map(Number);
    const [bx0, by0, bx1, by1] = box('BleedBox');
    const [tx0, ty0, tx1, ty1] = box('TrimBox');
    const bleed = (3 * 72) / 25.4;
    for (const [inner, outer, sign] of [
      [tx0, bx0, 1],
      [ty0, by0, 1],
      [tx1, bx1, -1],
      [ty1, by1, -1],
    ] as const) {
      expect(((inner ?? 0) - (outer ?? 0)) * sign).toBeCloseTo(bleed, 1);
    }
  });
});
