import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { REPO_ROOT } from '../helpers/paths.ts';
import { tempDeck, tempDir } from '../helpers/temp-dirs.ts';

/** The minimal deck, whose hostile variants the hardening tests build. */
export const MINIMAL = readFileSync(join(REPO_ROOT, 'tests/fixtures/valid/minimal/deck.yaml'), 'utf8');

/** Limits every hostile build must keep (issue 13): a guard against hangs and blow-ups, not a speed goal. */
export const BOUNDS = { seconds: 10, megabytes: 1024 } as const;

export interface HostileRun {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  peakMegabytes: number;
}

/** Every file under `dir` with its hash: to tell that a build changed nothing there. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const name of readdirSync(join(dir, sub))) {
      const rel = sub ? `${sub}/${name}` : name;
      if (statSync(join(dir, rel)).isDirectory()) walk(rel);
      else
        out[rel] = createHash('sha256')
          .update(readFileSync(join(dir, rel)))
          .digest('hex');
    }
  };
  walk('');
  return out;
}

/** A deck folder holding the minimal deck changed by `edit`, plus `files`. */
export function hostileDeck(
  edit: (deckYaml: string) => string,
  files: Record<string, string | Uint8Array> = {},
): string {
  return tempDeck({ 'deck.yaml': edit(MINIMAL), ...files });
}

/** Adds `key: value` lines to the theme of the minimal deck. */
export function withTheme(lines: string): (deck: string) => string {
  return (deck) => deck.replace('    accent: "#1f6feb"\n', `    accent: "#1f6feb"\n${lines}`);
}

/**
 * Runs `atelier build <deck> --out <out>` as a user would, into an out/ that already holds a previous kit,
 * and checks what every hostile input must keep: exit 1 or 2 (or 0 where `ok` is expected), no internal
 * error or stack, time and peak memory under BOUNDS, the deck untouched and, on failure, out/ untouched.
 */
export async function hostileBuild(deck: string, options: { ok?: boolean; args?: string[] } = {}) {
  const out = tempDir('atelier-hostile-out-');
  mkdirSync(join(out, 'previous'), { recursive: true });
  writeFileSync(join(out, 'previous', 'kit.pdf'), 'the previous kit');
  const deckBefore = snapshot(deck);
  const outBefore = snapshot(out);
  const run = await runWithPeakMemory(['build', deck, '--out', out, ...(options.args ?? [])]);
  const report = `${run.stdout}\n${run.stderr}`;
  expect(run.stderr, report).not.toMatch(/internal error|\n\s+at |FATAL|heap out of memory/);
  if (options.ok) expect(run.status, report).toBe(0);
  else expect([1, 2], report).toContain(run.status);
  expect(run.seconds, report).toBeLessThan(BOUNDS.seconds);
  expect(run.peakMegabytes, report).toBeLessThan(BOUNDS.megabytes);
  expect(snapshot(deck)).toEqual(deckBefore);
  if (!options.ok) expect(snapshot(out)).toEqual(outBefore);
  return { ...run, out };
}

function runWithPeakMemory(args: string[]): Promise<HostileRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        '--require',
        join(REPO_ROOT, 'tests/hardening/peak-memory.cjs'),
        join(REPO_ROOT, 'src/cli/bin.js'),
        ...args,
      ],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
        timeout: 60_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        const peak = /atelier-test-peak-rss-kb=(\d+)/.exec(stderr);
        resolve({
          status,
          stdout,
          stderr: stderr.replace(/\n?atelier-test-peak-rss-kb=\d+\n/, ''),
          seconds: (performance.now() - started) / 1000,
          peakMegabytes: peak ? Number(peak[1]) / 1024 : Number.POSITIVE_INFINITY,
        });
      },
    );
  });
}
