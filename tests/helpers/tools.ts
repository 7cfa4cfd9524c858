import { execFileSync } from 'node:child_process';

/** Whether a command-line tool is installed: any answer, even an error for an unknown flag, counts; only "not found" does not. */
export function hasTool(tool: string): boolean {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}
