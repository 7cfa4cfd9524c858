import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/write/manifest.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dirs.ts';

/**
 * The build as a user runs it: through the launcher, its bundle and its compiled-code cache (the other build
 * tests call the library). The deck has an image, so the native image module is loaded from the bundle too.
 */
describe('atelier build from the command line', () => {
  it('builds a deck with an image, and gives the same bytes on a second run (compiled-code cache in use)', async () => {
    const first = tempDir();
    const second = tempDir();
    const deck = 'tests/fixtures/valid/split';
    const one = await runCli(['build', deck, '--out', first]);
    expect(one.stderr).toBe('');
    expect(one.status, one.stdout).toBe(0);
    expect(one.stdout).toMatch(/built .*event-cards\.pdf/);
    const two = await runCli(['build', deck, '--out', second]);
    expect(two.status, two.stdout).toBe(0);
    const folder = (root: string) => join(root, readdirSync(root)[0] as string, 'fr');
    for (const name of readdirSync(folder(first)).filter((f) => f.endsWith('.pdf'))) {
      expect(sha256(readFileSync(join(folder(second), name))), name).toBe(
        sha256(readFileSync(join(folder(first), name))),
      );
    }
  });
});
