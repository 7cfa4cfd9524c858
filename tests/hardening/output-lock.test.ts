import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { acquireLock, LOCK_FILE } from '../../src/write/lock.ts';
import { checkTargets } from '../../src/write/write-outputs.ts';
import { REPO_ROOT } from '../helpers/paths.ts';
import { tempDir } from '../helpers/temp-dirs.ts';

/*
 * Issue 13, row 20 (builds running at once into one output folder), at the level of the output root's lock:
 * what a build checks and swaps there happens under the lock, and the lock excludes even while its holders are
 * killed. The whole-build version of this is kill-and-race.test.ts.
 */

const CHILD = join(REPO_ROOT, 'tests/hardening/output-root-child.ts');

interface Child {
  process: ChildProcess;
  /** Times a holder held the lock, or a swapper swapped the kit, so far. */
  held: number;
  /** The child's JSON line, if it printed one before it ended. */
  done: Promise<Record<string, unknown> | undefined>;
}

function child(...args: string[]): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const started: Child = { process: proc, held: 0, done: Promise.resolve(undefined) };
  proc.stdout?.on('data', (d) => {
    out += d;
    started.held = out.split('\n').filter((line) => line === 'held' || line === 'swapped').length;
  });
  started.done = new Promise((resolve) =>
    proc.on('exit', () => {
      const summary = out.split('\n').find((line) => line.startsWith('{'));
      resolve(summary ? JSON.parse(summary) : undefined);
    }),
  );
  return started;
}

describe('the output root under concurrent builds', () => {
  it('never takes a kit another build is swapping in for a folder atelier did not write', async () => {
    const root = tempDir();
    const target = join(root, 'deck', 'fr');
    // Runs until both sides have met many times, however loaded the machine: counts, not a duration.
    const stop = join(tempDir(), 'stop');
    const swapper = child('swap', root, stop);
    let checks = 0;
    const refusals = new Set<string>();
    let running = true;
    void swapper.done.then(() => {
      running = false;
    });
    const started = Date.now();
    while (running) {
      // Checked between swaps (each check yields, so the child's exit is seen).
      if (existsSync(target)) {
        const { refused, locked } = checkTargets(root, [target], []);
        expect(locked).toBeUndefined();
        for (const problem of refused.values()) refusals.add(problem);
        checks++;
      }
      if ((checks >= 200 && swapper.held >= 200) || Date.now() - started > 45_000) writeFileSync(stop, '');
      await new Promise((r) => setImmediate(r));
    }
    const summary = await swapper.done;
    expect(summary).toMatchObject({ failures: 0 });
    // Enough of both for the two to have met many times.
    expect(summary?.swaps).toBeGreaterThanOrEqual(200);
    expect(checks).toBeGreaterThanOrEqual(200);
    expect([...refusals]).toEqual([]);
    expect(readdirSync(root).sort()).toEqual(['deck']);
  }, 60_000);

  it('lets one build at a time hold the lock while holders are killed at random', async () => {
    const root = tempDir();
    const holders = new Set<Child>();
    const all: Child[] = [];
    let kills = 0;
    const start = () => {
      const c = child('hold', root, '1000000');
      holders.add(c);
      all.push(c);
    };
    for (let i = 0; i < 6; i++) start();
    // Kills only holders that have held the lock once (started, and in their loop): on a loaded machine a
    // process takes longer to start than the interval between kills. Until 20 kills and 3 s, at most 40 s.
    const started = Date.now();
    while ((kills < 20 || Date.now() - started < 3000) && Date.now() - started < 40_000) {
      await new Promise((r) => setTimeout(r, 40 + Math.random() * 40));
      const victims = [...holders].filter((c) => c.held > 0);
      const victim = victims[Math.floor(Math.random() * victims.length)];
      if (victim?.process.kill('SIGKILL')) {
        kills++;
        holders.delete(victim);
        start();
      }
    }
    for (const c of holders) c.process.kill('SIGKILL');
    const results = (await Promise.all(all.map((c) => c.done))).filter((r) => r !== undefined);
    expect(results.filter((r) => Number(r.violations) > 0)).toEqual([]);
    expect(results.filter((r) => r.timeout)).toEqual([]);
    expect(kills).toBeGreaterThanOrEqual(20);
    // The lock kept being handed on, from holders killed while waiting, holding or just after.
    expect(all.reduce((n, c) => n + c.held, 0)).toBeGreaterThan(50);
  }, 90_000);

  it('takes over at once a lock this very process left behind, rather than waiting for itself', () => {
    const root = tempDir();
    writeFileSync(join(root, LOCK_FILE), `${process.pid} ${threadId} 0123456789ab`);
    const started = performance.now();
    const lock = acquireLock(root, 5000);
    expect(lock).toBeDefined();
    expect(performance.now() - started).toBeLessThan(2500);
    lock?.release();
    expect(readdirSync(root)).toEqual([]);
    // A lock it holds is not taken over by itself: a second acquisition waits, and gives up.
    const first = acquireLock(root, 1000);
    expect(acquireLock(root, 200)).toBeUndefined();
    first?.release();
  });
});
