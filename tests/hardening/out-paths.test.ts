import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDecks } from '../../src/build/build.ts';
import { outRootProblem } from '../../src/write/out-paths.ts';
import { tempDir } from '../helpers/temp-dirs.ts';
import { expectClean, runTimed } from './cli-run.ts';
import { copyI18nDeck, I18N_DECK, snapshot } from './helpers.ts';

/*
 * Issue 13, rows 1, 16, 17 and 18: where a kit may be written. Bad output roots are usage errors (exit 2)
 * found before any work; a kit folder that is not atelier's is never replaced (exit 1); in every case the
 * deck and whatever was at the output path are left exactly as they were.
 */

describe.concurrent('output paths (CLI)', () => {
  it('row 1: a kit folder that is the deck folder is refused and the deck keeps its files', async () => {
    // `build X/d/fr --out X --locale fr` with deck id `d`: out/<id>/<locale> is the deck folder itself.
    const root = tempDir();
    const deck = join(root, 'd', 'fr');
    mkdirSync(join(root, 'd'));
    cpSync(I18N_DECK, deck, { recursive: true });
    writeFileSync(
      join(deck, 'deck.yaml'),
      readFileSync(join(deck, 'deck.yaml'), 'utf8').replace('id: mini-atelier', 'id: d'),
    );
    const before = snapshot(root);
    const run = await runTimed(['build', deck, '--out', root, '--locale', 'fr', '--only', 'cards']);
    expectClean(run, 1);
    expect(run.stdout).toMatch(/will not replace .*d\/fr: it is the deck folder/);
    expect(snapshot(root)).toEqual(before);
  });

  it('row 1: a kit folder holding the deck folder is refused', async () => {
    // Deck at X/m/fr/inner, id m, --out X: out/m/fr would hold the deck.
    const root = tempDir();
    const deck = join(root, 'mini-atelier', 'fr', 'inner');
    mkdirSync(join(root, 'mini-atelier', 'fr'), { recursive: true });
    cpSync(I18N_DECK, deck, { recursive: true });
    const before = snapshot(root);
    const run = await runTimed(['build', deck, '--out', root, '--locale', 'fr', '--only', 'cards']);
    expectClean(run, 1);
    expect(run.stdout).toMatch(/it holds the deck folder/);
    expect(snapshot(root)).toEqual(before);
  });

  it('row 1: an existing folder that is not an atelier kit is never replaced', async () => {
    const deck = copyI18nDeck();
    const out = join(tempDir(), 'out');
    mkdirSync(join(out, 'mini-atelier', 'fr'), { recursive: true });
    writeFileSync(join(out, 'mini-atelier', 'fr', 'notes.txt'), 'my own notes\n');
    const before = snapshot(out);
    const run = await runTimed(['build', deck, '--out', out, '--locale', 'fr', '--only', 'cards']);
    expectClean(run, 1);
    expect(run.stdout).toMatch(/holds no manifest\.json written by atelier/);
    expect(snapshot(out)).toEqual(before);
  });

  const root = tempDir();
  writeFileSync(join(root, 'a-file'), 'not a folder\n');
  for (const [row, label, out, why] of [
    ['16', 'a file', join(root, 'a-file'), /is a file, not a folder/],
    ['16', 'a folder under a file', join(root, 'a-file', 'out'), /lies under .*a-file`, which is a file/],
    ['16', 'under /sys', '/sys/kernel/atelier-out', /is under \/sys, a system folder/],
    ['17', '/proc/self/out', '/proc/self/out', /is under \/proc, a system folder/],
    ['17', '/proc', '/proc', /is under \/proc, a system folder/],
    ['18', 'empty', '', /the output folder is empty/],
  ] as const) {
    it(`row ${row}: --out ${label} is a usage error before any work`, async () => {
      const cwd = tempDir();
      const deck = copyI18nDeck();
      const before = snapshot(root);
      const run = await runTimed(['build', deck, '--out', out, '--only', 'cards'], { cwd });
      expectClean(run, 2);
      expect(run.stderr).toMatch(why);
      expect(run.stderr).toMatch(/usage: atelier build/);
      expect(run.stdout).not.toMatch(/built/);
      // Nothing written anywhere: not in the current folder (`--out ""` once wrote ./out), not at the path.
      expect(snapshot(cwd)).toEqual({});
      expect(snapshot(root)).toEqual(before);
    });
  }

  it('row 16: --out in a folder nothing can be created in is a usage error', async (context) => {
    // Permission bits do not stop root: an immutable folder does. Skipped where chattr cannot set it.
    const locked = join(tempDir(), 'locked');
    mkdirSync(locked);
    try {
      execFileSync('chattr', ['+i', locked], { stdio: 'ignore' });
    } catch {
      context.skip();
    }
    try {
      const deck = copyI18nDeck();
      const run = await runTimed(['build', deck, '--out', join(locked, 'out'), '--only', 'cards']);
      expectClean(run, 2);
      expect(run.stderr).toMatch(/nothing can be created in .*locked` \((EPERM|EACCES|EROFS)\)/);
    } finally {
      execFileSync('chattr', ['-i', locked], { stdio: 'ignore' });
    }
  });
});

describe('output paths (library)', () => {
  it('buildDecks refuses a bad output root with a diagnostic before loading anything', async () => {
    const started = performance.now();
    const result = await buildDecks(['/nonexistent-deck'], { outDir: '/proc/self/out' });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['write/bad-out']);
  });

  it('a fresh folder in a writable place is fine, and the probe leaves nothing behind', () => {
    const root = tempDir();
    expect(outRootProblem(join(root, 'new', 'out'))).toBeUndefined();
    expect(snapshot(root)).toEqual({});
  });
});
