import { execFile } from 'node:child_process';
import { expect } from 'vitest';
import { REPO_ROOT } from '../helpers/paths.ts';

export interface TimedRun {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * `atelier …` as a user runs it, killed after `timeoutMs` (a hang shows as status null). The limit is generous
 * because two shared cores run the whole suite at once (a run alone takes 1-3 s); the point is that nothing
 * blocks or loops forever.
 */
export function runTimed(
  args: string[],
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<TimedRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [`${REPO_ROOT}src/cli/bin.js`, ...args],
      {
        cwd: options.cwd ?? REPO_ROOT,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
        timeout: options.timeoutMs ?? 60_000,
        killSignal: 'SIGKILL',
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ status, stdout, stderr, ms: performance.now() - started });
      },
    );
  });
}

/** A run that ended by itself with `status`, with no stack trace and no internal error. */
export function expectClean(run: TimedRun, status: number): void {
  const output = `${run.stdout}\n${run.stderr}`;
  expect(run.status, output).toBe(status);
  expect(output).not.toMatch(/^\s+at /m);
  expect(output).not.toMatch(/internal error/);
}
