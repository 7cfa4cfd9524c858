import { expect } from 'vitest';
import { type CliRun, runCli } from '../helpers/run-cli.ts';

export interface TimedRun extends CliRun {
  ms: number;
}

/**
 * `atelier …` as a user runs it, killed after `timeoutMs` (a hang shows as status null). The limit is generous
 * because two shared cores run the whole suite at once (a run alone takes 1-3 s); the point is that nothing
 * blocks or loops forever.
 */
export async function runTimed(
  args: string[],
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<TimedRun> {
  const started = performance.now();
  const run = await runCli(args, {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    timeout: options.timeoutMs ?? 60_000,
  });
  return { ...run, ms: performance.now() - started };
}

/** A run that ended by itself with `status`, with no stack trace and no internal error. */
export function expectClean(run: TimedRun, status: number): void {
  const output = `${run.stdout}\n${run.stderr}`;
  expect(run.status, output).toBe(status);
  expect(output).not.toMatch(/^\s+at /m);
  expect(output).not.toMatch(/internal error/);
}
