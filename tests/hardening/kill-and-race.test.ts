import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDecks } from '../../src/build/build.ts';
import { LOCK_FILE } from '../../src/write/lock.ts';
import { REPO_ROOT } from '../helpers/paths.ts';
import { tempDir } from '../helpers/temp-dirs.ts';
import { copyI18nDeck, kitProblems, snapshot } from './helpers.ts';

/*
 * Issue 13, rows 19 and 20: builds killed at random moments and builds running at once, into one output
 * folder. Two decks with the same id but different text are built, so a kit mixing files of two builds would
 * not match its own manifest. After every round the kit must be complete and consistent; what a killed build
 * left must be gone after the next build.
 */

const LOCALES = ['fr', 'en'];
const DEBRIS = /\.(tmp|old)-\d+-[0-9a-f]{8}$/;

/** A long-lived process that runs builds on request (see build-worker.mjs). */
class Worker {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  #reply: ((code: number | null) => void) | undefined;
  /** How long the last build took, from request to answer. */
  lastMs = 0;
  /** What the last build wrote to stderr. */
  stderr = '';

  constructor() {
    this.child = fork(join(REPO_ROOT, 'tests/hardening/build-worker.mjs'), [], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.ready = new Promise((resolve) => this.child.once('message', () => resolve()));
    this.child.on('message', (m: { code?: number; stderr?: string }) => {
      this.stderr = m.stderr ?? '';
      if (m.code !== undefined) this.#reply?.(m.code);
    });
    this.child.on('exit', () => this.#reply?.(null));
  }

  /** Runs one build; resolves with its exit code, or null when the worker was killed during it. */
  build(deck: string, out: string): Promise<number | null> {
    const started = performance.now();
    return new Promise((resolve) => {
      this.#reply = (code) => {
        this.lastMs = performance.now() - started;
        resolve(code);
      };
      this.child.send(['build', deck, '--out', out, '--locale', LOCALES.join(','), '--only', 'cards']);
    });
  }
}

/** The kit folders and anything else in the deck's output folder. */
function kitState(out: string): { problems: string[]; debris: string[] } {
  const folder = join(out, 'mini-atelier');
  const names = existsSync(folder) ? readdirSync(folder) : [];
  const problems: string[] = [];
  for (const locale of LOCALES) {
    if (!names.includes(locale)) {
      // Killed between moving the old kit aside and moving the new one in: the old one must be recoverable.
      const aside = names.filter((n) => n.startsWith(`${locale}.old-`));
      if (aside.length !== 1) problems.push(`${locale}: missing, and no kit moved aside`);
      else problems.push(...kitProblems(join(folder, aside[0] as string)).map((p) => `(aside) ${p}`));
      continue;
    }
    problems.push(...kitProblems(join(folder, locale)));
  }
  return { problems, debris: names.filter((n) => DEBRIS.test(n)) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Two decks, same id, different words: their kits differ byte for byte. */
function twoDecks(): string[] {
  const a = copyI18nDeck('a');
  const b = copyI18nDeck('b');
  const yaml = join(b, 'deck.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('Quelle licence ?', 'Quelle licence choisir ?'));
  return [a, b];
}

describe('killed and concurrent builds', () => {
  it('rounds of 4 builds at once, one killed at a random moment: the kit is whole every time', async () => {
    const decks = twoDecks();
    const out = join(tempDir(), 'out');
    const workers = [new Worker(), new Worker(), new Worker(), new Worker()];
    try {
      await Promise.all(workers.map((w) => w.ready));
      // A first round: the kit every later round replaces, then one that warms every worker.
      expect(await workers[0]?.build(decks[0] as string, out)).toBe(0);
      expect(await Promise.all(workers.map((w, i) => w.build(decks[i % 2] as string, out)))).toEqual([
        0, 0, 0, 0,
      ]);
      // How long a build takes here lately: kills are timed from it, so that they land during builds even when
      // the machine's load changes from round to round.
      const recent = workers.map((w) => w.lastMs);
      const killedPids: number[] = [];
      let kills = 0;
      // At least 20 rounds, and more (up to 40) until 5 kills have landed during a build.
      let round = 0;
      for (; round < 20 || (kills < 5 && round < 40); round++) {
        const victim = round % 4;
        const runs = workers.map((w, i) => w.build(decks[i % 2] as string, out));
        // Anywhere from the start to a little past the usual end (then the kill finds it swapping, or done).
        const delay = Math.random() * median(recent.slice(-12)) * 1.15;
        const timer = setTimeout(() => {
          const pid = workers[victim]?.child.pid;
          if (pid !== undefined) killedPids.push(pid);
          workers[victim]?.child.kill('SIGKILL');
        }, delay);
        const codes = await Promise.all(runs);
        clearTimeout(timer);
        for (const [i, code] of codes.entries())
          if (i !== victim) expect(code, `round ${round}: ${workers[i]?.stderr}`).toBe(0);
        recent.push(...workers.filter((_, i) => i !== victim).map((w) => w.lastMs));
        if (workers[victim]?.child.signalCode === 'SIGKILL' || workers[victim]?.child.killed) {
          if (codes[victim] === null) kills++;
          const fresh = new Worker();
          workers[victim] = fresh;
        }
        const state = kitState(out);
        expect(state.problems, `round ${round}`).toEqual([]);
        // Only a killed build may have left something, and the builds after it clear it.
        for (const name of state.debris)
          expect(killedPids.some((pid) => name.includes(`-${pid}-`))).toBe(true);
        await Promise.all(workers.map((w) => w.ready));
      }
      // Most kills land during a build (the others just after one).
      expect(kills).toBeGreaterThanOrEqual(5);
      expect(await workers[0]?.build(decks[0] as string, out)).toBe(0);
      expect(kitState(out)).toEqual({ problems: [], debris: [] });
      expect(readdirSync(out).sort()).toEqual(['mini-atelier']);
    } finally {
      for (const w of workers) w.child.kill('SIGKILL');
    }
  }, 300_000);

  it('the next build clears what a killed build left and takes over its lock', async () => {
    const deck = copyI18nDeck();
    const out = join(tempDir(), 'out');
    expect((await buildDecks([deck], { outDir: out, cwd: deck, only: ['cards'] })).ok).toBe(true);
    const kit = snapshot(join(out, 'mini-atelier'));
    // A process that has ended: its pid names the leftovers of a "killed" build.
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const folder = join(out, 'mini-atelier');
    mkdirSync(join(folder, `fr.tmp-${dead}-0123abcd`));
    writeFileSync(join(folder, `fr.tmp-${dead}-0123abcd`, 'event-cards.pdf'), 'half written');
    // Killed between its two moves: en moved aside, the new en never moved in.
    const { renameSync } = await import('node:fs');
    renameSync(join(folder, 'en'), join(folder, `en.old-${dead}-89abcdef`));
    writeFileSync(join(out, LOCK_FILE), `${dead} deadbeef`);
    // A file of the user's whose name only looks like atelier's is not atelier's: left alone.
    writeFileSync(join(folder, 'notes.tmp-1-00000000'), 'mine');
    const started = performance.now();
    const result = await buildDecks([deck], { outDir: out, cwd: deck, only: ['cards'] });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(readdirSync(folder).sort()).toEqual(['en', 'fr', 'notes.tmp-1-00000000']);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
    const after = snapshot(folder) ?? {};
    delete after['notes.tmp-1-00000000'];
    expect(after).toEqual(kit);
  });

  it('a kit moved aside by a killed build is put back even when the next build does not make it', async () => {
    const deck = copyI18nDeck();
    const out = join(tempDir(), 'out');
    expect((await buildDecks([deck], { outDir: out, cwd: deck, only: ['cards'] })).ok).toBe(true);
    const folder = join(out, 'mini-atelier');
    const kit = snapshot(folder);
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const { renameSync } = await import('node:fs');
    renameSync(join(folder, 'en'), join(folder, `en.old-${dead}-89abcdef`));
    const result = await buildDecks([deck], { outDir: out, cwd: deck, only: ['cards'], locales: ['fr'] });
    expect(result.ok).toBe(true);
    expect(snapshot(folder)).toEqual(kit);
  });
});
