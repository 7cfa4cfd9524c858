import { describe, expect, it } from 'vitest';
import { Progress } from '../../src/cli/progress.ts';
import { runCli } from '../helpers/run-cli.ts';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  const stream = {
    isTTY,
    columns: 60,
    write: (s: string) => written.push(s),
  } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('build progress', () => {
  it('stays quiet for the first second, then rewrites one status line, and erases it when done', async () => {
    const { stream, written } = fakeStream(true);
    const progress = new Progress(stream, true, 50);
    progress.step('building deck/fr: cards…');
    expect(written).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(written.at(-1)).toContain('building deck/fr: cards…');
    progress.step('building deck/en: guide…');
    expect(written.at(-1)).toContain('building deck/en: guide…');
    progress.done();
    expect(written.at(-1)).toBe('\r\x1b[2K');
  });

  it('prints nothing when the output is not a terminal', async () => {
    const { stream, written } = fakeStream(false);
    const progress = new Progress(stream, stream.isTTY === true, 0);
    progress.step('building deck/fr: cards…');
    await new Promise((resolve) => setTimeout(resolve, 20));
    progress.done();
    expect(written).toEqual([]);
  });

  it('atelier --version prints the package version', async () => {
    const run = await runCli(['--version']);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
