import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Rebuild } from '../../src/watch/incremental.ts';
import { KitWatcher } from '../../src/watch/watch.ts';
import { edit, shippedCopy, snapshot } from './helpers.ts';

/** Rebuilds reported by the watcher, awaited one by one. */
class Rebuilds {
  private readonly queue: { rebuild: Rebuild; changed: string[] }[] = [];
  private waiting: (() => void) | undefined;

  push = (rebuild: Rebuild, changed: string[]) => {
    this.queue.push({ rebuild, changed });
    this.waiting?.();
  };

  /** Failures the watcher reported instead of a rebuild. */
  readonly errors: unknown[] = [];

  onError = (e: unknown) => {
    this.errors.push(e);
    this.waiting?.();
  };

  /** The next rebuild; fails with what the watcher reported if none comes (below the test's own timeout). */
  async next(timeoutMs = 45_000): Promise<{ rebuild: Rebuild; changed: string[] }> {
    const deadline = Date.now() + timeoutMs;
    while (this.queue.length === 0) {
      if (this.errors.length > 0)
        throw new Error(`the watcher failed: ${this.errors.map(String).join('; ')}`);
      if (Date.now() > deadline) throw new Error(`no rebuild came in ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
        setTimeout(resolve, 200);
      });
    }
    return this.queue.shift() as { rebuild: Rebuild; changed: string[] };
  }
}

describe('atelier watch on a copy of the shipped deck (fr + en)', () => {
  const { deck, out } = shippedCopy();
  const rebuilds = new Rebuilds();
  let watcher: KitWatcher | undefined;
  afterAll(async () => {
    await watcher?.close();
  });
  const pdf = (locale: string, name: string) => join(out, 'open-data-territoires', locale, name);

  it('builds everything first, then rewrites only the documents holding the edited card', async () => {
    watcher = await KitWatcher.start([deck], {
      outDir: out,
      onRebuild: rebuilds.push,
      onError: rebuilds.onError,
    });
    const first = await rebuilds.next();
    expect(first.rebuild.ok).toBe(true);
    expect(first.changed).toEqual([]);
    const untouched = ['context-sheets.pdf', 'profile-cards.pdf'].flatMap((name) =>
      ['fr', 'en'].map((locale) => pdf(locale, name)),
    );
    const before = new Map(untouched.map((file) => [file, snapshot(file)]));
    const cardsBefore = snapshot(pdf('fr', 'event-cards.pdf'));
    // A later mtime must be visible on coarse clocks too.
    await new Promise((resolve) => setTimeout(resolve, 50));

    edit(join(deck, 'events-cadrage.yaml'), 'title: Quelle licence ?', 'title: Quelle licence libre ?');
    const { rebuild, changed } = await rebuilds.next();
    expect(rebuild.ok).toBe(true);
    expect(changed.map((p) => p.endsWith('events-cadrage.yaml'))).toContain(true);
    const fr = rebuild.written.find((w) => w.folder === join('open-data-territoires', 'fr'));
    expect(fr?.files.sort()).toEqual(['event-cards.pdf', 'facilitator-guide.pdf']);
    expect(rebuild.rendered).not.toContain('open-data-territoires/fr/sheets');
    for (const [file, was] of before) {
      const now = snapshot(file);
      expect(now.mtimeMs, file).toBe(was.mtimeMs);
      expect(now.bytes.equals(was.bytes), file).toBe(true);
    }
    expect(snapshot(pdf('fr', 'event-cards.pdf')).bytes.equals(cardsBefore.bytes)).toBe(false);
  });

  it('keeps the last good PDFs while the YAML is broken, with diagnostics, and rebuilds once it is fixed', async () => {
    const good = snapshot(pdf('fr', 'event-cards.pdf'));
    edit(
      join(deck, 'events-cadrage.yaml'),
      'title: Quelle licence libre ?',
      'title: [Quelle licence libre ?',
    );
    const broken = await rebuilds.next();
    expect(broken.rebuild.ok).toBe(false);
    const errors = broken.rebuild.result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]?.file).toMatch(/events-cadrage\.yaml$/);
    expect(errors[0]?.line).toBeGreaterThan(0);
    expect(broken.rebuild.written).toEqual([]);
    const kept = snapshot(pdf('fr', 'event-cards.pdf'));
    expect(kept.mtimeMs).toBe(good.mtimeMs);
    expect(kept.bytes.equals(good.bytes)).toBe(true);

    edit(
      join(deck, 'events-cadrage.yaml'),
      'title: [Quelle licence libre ?',
      'title: Quelle licence ouverte ?',
    );
    const fixed = await rebuilds.next();
    expect(fixed.rebuild.ok).toBe(true);
    expect(fixed.rebuild.written.flatMap((w) => w.files)).toContain('event-cards.pdf');
    expect(snapshot(pdf('fr', 'event-cards.pdf')).bytes.equals(good.bytes)).toBe(false);
  });

  it('rebuilds only the locale whose translation file changed', async () => {
    edit(join(deck, 'locales', 'en.yaml'), 'Which licence', 'What licence');
    const { rebuild } = await rebuilds.next();
    expect(rebuild.ok).toBe(true);
    expect(rebuild.rendered.every((key) => key.includes('/en/'))).toBe(true);
    expect(rebuild.written.map((w) => w.folder)).toEqual([join('open-data-territoires', 'en')]);
  });

  it('leaves no temporary folder behind', async () => {
    await watcher?.close();
    watcher = undefined;
    const left = readdirSync(join(out, 'open-data-territoires'));
    expect(left.sort()).toEqual(['en', 'fr']);
  });
});
