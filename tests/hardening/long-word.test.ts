import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_FONTS } from '../../src/fonts/font-files.ts';
import { Typesetter } from '../../src/render/guide/typesetter.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dirs.ts';

/*
 * Issue 13, row 12: one 100,000-letter word in a situation or a title took 101 s / 117 s, the guide's line
 * breaking being quadratic on an unbreakable run. Line breaking and fitting are linear in the length of such a
 * run: the build ends, with located diagnostics or a kit, well within the test's time limit (the hang guard).
 */

const WORD = 'a'.repeat(100_000);

function deckWith(field: 'situation' | 'title'): string {
  const dir = tempDir('atelier-long-word-');
  const yaml = readFileSync(resolve('tests/fixtures/build/tiny/deck.yaml'), 'utf8').replace(
    field === 'title' ? 'title: Quelle licence ?' : 'situation: Le service juridique hésite',
    field === 'title' ? `title: ${WORD}` : `situation: Le ${WORD} hésite`,
  );
  writeFileSync(join(dir, 'deck.yaml'), yaml);
  return dir;
}

describe('a 100,000-letter word', () => {
  for (const field of ['situation', 'title'] as const) {
    // Run as a user would, in a process killed after 30 s of wall time: a hang (synchronous work) fails the test
    // instead of holding the whole suite. The build takes about 2 s of CPU (it took 101 s and 117 s); the limit
    // leaves room for a machine shared by many builds.
    it(`in a ${field}: the build ends, with a kit or located diagnostics`, { timeout: 40_000 }, async () => {
      const deck = deckWith(field);
      const run = await runCli(['build', deck, '--out', join(deck, 'out'), '--format', 'json'], {
        cwd: deck,
        timeout: 30_000,
      });
      expect(run.status, run.stderr).not.toBeNull();
      expect([0, 1]).toContain(run.status);
      expect(run.stderr).not.toMatch(/internal error/);
      if (run.status === 1) expect(run.stdout + run.stderr).toMatch(/deck\.yaml/);
    });
  }

  it('is broken into lines in time proportional to its length, each piece ending in a hyphen', () => {
    const ts = new Typesetter({ fonts: BUNDLED_FONTS, locale: 'fr', onMissingGlyph: () => {} });
    const lines = ts.lines([{ text: WORD }], { size: 10, leading: 14, colour: '#000000' }, 300, true);
    expect(lines.length).toBeGreaterThan(100);
    for (const line of lines.slice(0, -1)) {
      expect(line.width).toBeLessThanOrEqual(300.01);
      expect(line.pieces.map((p) => p.text).join('')).toMatch(/^a+-$/);
    }
    expect(
      lines
        .map((l) =>
          l.pieces
            .map((p) => p.text)
            .join('')
            .replace(/-$/, ''),
        )
        .join(''),
    ).toBe(WORD);
  });
});
