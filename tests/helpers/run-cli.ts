import { execFile } from 'node:child_process';
import { REPO_ROOT } from './paths.ts';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node src/cli/bin.js ...args` as a user would, from the repository root by default, without colours.
 * Each run costs about a second of tsx start-up: keep subprocess tests few, and run them concurrently.
 */
export function runCli(
  args: string[],
  options: {
    cwd?: string;
    env?: Record<string, string> /** Kills the run after this many ms. */;
    timeout?: number;
  } = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [`${REPO_ROOT}src/cli/bin.js`, ...args],
      {
        cwd: options.cwd ?? REPO_ROOT,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
        timeout: options.timeout ?? 30_000,
        // A run that hangs is killed outright (status null); output of hostile inputs may be large.
        killSignal: 'SIGKILL',
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}
