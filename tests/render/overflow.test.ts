import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDecks } from '../../src/build/build.ts';
import { formatTight } from '../../src/cli/commands/build.ts';
import { PT_PER_MM } from '../../src/render/imposition.ts';
import { renderPrintShop } from '../../src/render/index.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dirs.ts';
import { FIXTURE, inputFor, loadDeck } from './helpers.ts';

/*
 * Text that does not fit its box at its style's min size: an error naming the card, the field (the one that
 * grew) and the locale at the string's line; with --allow-overflow a warning, and the text printed cut after
 * its last whole line with an ellipsis, no glyph outside the box.
 */

const mm = (v: number) => v * PT_PER_MM;
const deck = loadDeck();
const situation = deck.origin('event', 'long-situation')?.position(['situation']);

describe('overflow', () => {
  it('fails the build with exit 1, naming the card, `situation` at its line, the locale and how much is over', async () => {
    const dir = tempDir();
    cpSync(FIXTURE, join(dir, 'deck'), { recursive: true });
    const [failed, allowed] = await Promise.all([
      runCli(['build', join(dir, 'deck'), '--only', 'cards', '--out', join(dir, 'out')]),
      runCli(['build', join(dir, 'deck'), '--only', 'cards', '--out', join(dir, 'out'), '--allow-overflow']),
    ]);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain(`deck.yaml:${situation?.line}:${situation?.column} error`);
    expect(failed.stdout).toMatch(
      /error event card `long-situation` \(fr\): `situation` makes the text [\d.]+ pt \(about \d+ lines\) too tall/,
    );
    expect(failed.stdout).toContain('build failed');
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toMatch(/warning event card `long-situation` \(fr\): `situation`/);
    expect(allowed.stdout).toContain('ending in “…”');
  });

  it('points a translation that does not fit at its string in the locale file, once for a band every card shares', async () => {
    const dir = tempDir();
    const copy = join(dir, 'deck');
    cpSync('decks/open-data-territoires', copy, { recursive: true });
    const file = join(copy, 'locales', 'en.yaml');
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = (key: string) => lines.findIndex((l) => l.trim() === `${key}:`) + 1;
    const long = 'The new chief executive asks for more evidence before anything moves. '.repeat(14);
    const grow = (key: string, text: string) => {
      lines[at(key)] = `    text: "${text}"`;
      return at(key) + 1;
    };
    const situationLine = grow('event.obligation-en-question.situation', long);
    const phaseLine = grow(
      'phase.cadrage.title',
      'Scoping, framing and securing the political mandate of the programme',
    );
    writeFileSync(file, lines.join('\n'));
    const result = await buildDecks([copy], { locales: ['en'], only: ['cards'], outDir: join(dir, 'out') });
    expect(result.ok).toBe(false);
    const overflows = result.diagnostics.filter((d) => d.code === 'render/overflow');
    expect(overflows.every((d) => d.severity === 'error' && d.file?.endsWith('locales/en.yaml'))).toBe(true);
    const card = overflows.find((d) => d.line === situationLine);
    expect(card?.message).toMatch(/^event card `obligation-en-question` \(en\): `situation` makes the text/);
    // The phase title is in every card's band of that phase: one error for all of them.
    const band = overflows.filter((d) => d.line === phaseLine);
    expect(band).toHaveLength(1);
    expect(band[0]?.message).toMatch(
      /`phase\.title` makes the text .*cut off: the end of `phase\.title` \(the same on \d+ other cards\)$/,
    );
  });

  it('with --allow-overflow, draws no glyph outside its box, and ends the cut text with an ellipsis', async () => {
    const result = await renderPrintShop(inputFor(deck, { allowOverflow: true }));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(result.files[0]?.bytes as Buffer) }).promise;
    const bleed = mm(deck.print.bleed);
    const safe = mm(deck.print.safeMargin);
    const card = { w: mm(deck.print.card.width), h: mm(deck.print.card.height) };
    let checked = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const height = page.view[3] as number;
      const items = (await page.getTextContent()).items.flatMap((item) =>
        'str' in item && item.str.trim() ? [item] : [],
      );
      if (!items.some((item) => item.str.includes('Une situation qui ne tient pas'))) continue;
      checked++;
      expect(items.map((item) => item.str).join(' ')).toContain('…');
      for (const item of items) {
        const [, , , size, x, baseline] = item.transform as number[];
        const top = height - (baseline as number) - 0.8 * (size as number);
        const bottom = height - (baseline as number) + 0.25 * (size as number);
        const what = `“${item.str}” at ${(x as number).toFixed(1)}, ${top.toFixed(1)}`;
        // The card's flows all lie inside its safe margin.
        expect(x as number, what).toBeGreaterThanOrEqual(bleed + safe - 0.5);
        expect((x as number) + item.width, what).toBeLessThanOrEqual(bleed + card.w - safe + 0.5);
        expect(top, what).toBeGreaterThanOrEqual(bleed + safe - 0.5);
        expect(bottom, what).toBeLessThanOrEqual(bleed + card.h - safe + 0.5);
      }
    }
    await doc.destroy();
    expect(checked).toBe(1);
  });

  it('lists, in a pseudo-locale build, every card whose text had to shrink, worst first', async () => {
    const result = await buildDecks([FIXTURE], {
      locales: ['qps-ploc'],
      only: ['cards'],
      outDir: tempDir(),
      allowOverflow: true,
    });
    expect(result.ok).toBe(true);
    const tight = result.built[0]?.tight ?? [];
    expect(tight.length).toBeGreaterThan(1);
    // The card that does not fit at all first, then by how far the text shrank.
    expect(tight[0]).toMatchObject({ subject: 'event card `long-situation`', overflow: true });
    const ratios = tight.filter((t) => !t.overflow).map((t) => t.ratio);
    expect(ratios).toEqual([...ratios].sort((a, b) => a - b));
    for (const t of tight.filter((x) => !x.overflow)) expect(t.size).toBeLessThan(t.normal);
    expect(formatTight(tight).split('\n')[0]).toMatch(/^ {2}\d+ cards had to shrink text, worst first:$/);
  });
});
