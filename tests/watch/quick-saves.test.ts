import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Rebuild } from '../../src/watch/incremental.ts';
import { KitWatcher } from '../../src/watch/watch.ts';
import { edit, shippedCopy } from './helpers.ts';

/*
 * A save that comes right after the previous one was reported (a quick fix after a typo, a formatter rewriting
 * what the editor saved) must be built too. chokidar reports one change per file in 50 ms and drops the others:
 * a broken source fails its rebuild in a few milliseconds, so the fix saved at once used to land in that window
 * and the watch went on showing the error until the next save.
 */
describe('atelier watch, saves in quick succession', () => {
  const { deck, out } = shippedCopy('atelier-quick-saves-');
  let watcher: KitWatcher | undefined;
  afterAll(async () => {
    await watcher?.close();
  });

  it('builds the last of two saves made within chokidar’s 50 ms', async () => {
    const rebuilds: Rebuild[] = [];
    let waiting: (() => void) | undefined;
    const failures: unknown[] = [];
    const next = async (): Promise<Rebuild> => {
      const deadline = Date.now() + 10_000;
      while (rebuilds.length === 0) {
        if (failures.length > 0) throw new Error(`the watcher failed: ${failures.map(String).join('; ')}`);
        if (Date.now() > deadline) throw new Error('no rebuild came in 10 s after the save');
        await new Promise<void>((resolve) => {
          waiting = resolve;
          setTimeout(resolve, 50);
        });
      }
      return rebuilds.shift() as Rebuild;
    };
    watcher = await KitWatcher.start([deck], {
      outDir: out,
      // No debounce: the rebuild starts as soon as chokidar reports, the way a quick machine would.
      debounceMs: 0,
      onRebuild: (rebuild) => {
        rebuilds.push(rebuild);
        waiting?.();
      },
      onError: (e) => {
        failures.push(e);
        waiting?.();
      },
    });
    expect((await next()).ok).toBe(true);
    const file = join(deck, 'events-cadrage.yaml');
    let title = 'Quelle licence ?';
    for (let round = 0; round < 4; round++) {
      edit(file, `title: ${title}`, `title: [${title}`);
      const broken = await next();
      expect(broken.ok).toBe(false);
      // Fixed the moment the error shows, with a new title so that the cards change.
      const fixedTitle = `Quelle licence, ${round} ?`;
      edit(file, `title: [${title}`, `title: ${fixedTitle}`);
      title = fixedTitle;
      // The broken text may be built once more before the fix (a save seen both by chokidar and by the check
      // after a rebuild); what counts is that a good build follows, within next()'s 10 s.
      let fixed = await next();
      while (!fixed.ok) fixed = await next();
      expect(
        fixed.written.flatMap((w) => w.files),
        `round ${round}`,
      ).toContain('event-cards.pdf');
    }
  }, 90_000);
});
