import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isPair, isScalar, isSeq, type Node, parseDocument } from 'yaml';
import { validateDeck } from '../../src/api.ts';
import { deckId, initDeck, STARTER_KINDS, STARTERS_DIR } from '../../src/init/init-deck.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dirs.ts';

describe('atelier init', () => {
  it.each(STARTER_KINDS)('writes a %s starter that `atelier build` builds with no warning', async (kind) => {
    const root = tempDir();
    const deck = join(root, 'My Deck');
    const init = await runCli(['init', deck, '--kind', kind]);
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    expect(init.stdout).toContain(`wrote a ${kind} starter deck`);
    const build = await runCli(['build', deck, '--out', join(root, 'out')]);
    expect(build.status, build.stdout + build.stderr).toBe(0);
    expect(build.stdout).toMatch(/built .*my-deck\/en: .*event-cards\.pdf/);
    expect(build.stdout).not.toMatch(/warning/);
    expect(existsSync(join(root, 'out', 'my-deck', 'en', 'facilitator-guide.pdf'))).toBe(true);
    const text = readFileSync(join(deck, 'deck.yaml'), 'utf8');
    expect(text).toContain(`date: "${new Date().toISOString().slice(0, 10)}"`);
    // The editor schema line points at this atelier's schema from where the deck is.
    const schema = /\$schema=(.*)$/m.exec(text)?.[1] ?? '';
    expect(existsSync(join(deck, schema))).toBe(true);
  });

  it('refuses a folder that holds anything (exit 2, says why) and leaves it as it was', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const run = await runCli(['init', dir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is not empty (it holds notes.txt)');
    expect(run.stderr).toContain('never overwrites');
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(dir, 'deck.yaml'))).toBe(false);
    expect(initDeck(join(dir, 'notes.txt'), 'workshop')).toMatchObject({ ok: false });
  });

  it('writes into an empty folder or one holding only a git repository, and names the deck after it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.gitignore'), 'out/\n');
    expect(initDeck(dir, 'workshop')).toMatchObject({ ok: true, files: ['deck.yaml'] });
    const { deck, diagnostics } = validateDeck(dir, dir);
    expect(diagnostics).toEqual([]);
    expect(deck?.meta.id).toBe(deckId(dir));
    expect(deckId('/tmp/Atelier Été 2026')).toBe('atelier-ete-2026');
    expect(deckId('/tmp/___')).toBe('my-deck');
  });

  it.each(STARTER_KINDS)('explains every field of the %s starter in a comment', (kind) => {
    const text = readFileSync(join(STARTERS_DIR, kind, 'deck.yaml'), 'utf8');
    const document = parseDocument(text);
    const unexplained: string[] = [];
    // A key is explained by the comment just above it (the map's own for its first key), or named in a comment
    // of its map (one comment may explain a few keys in a row) or of an item or list holding it.
    const visit = (node: unknown, comments: string[], path: string) => {
      if (isMap(node)) {
        const own = node.items.map((pair, i) =>
          [i === 0 ? node.commentBefore : undefined, isScalar(pair.key) ? pair.key.commentBefore : undefined]
            .filter(Boolean)
            .join(' '),
        );
        const here = [...comments, ...own.filter(Boolean)];
        node.items.forEach((pair, i) => {
          if (!isPair(pair) || !isScalar(pair.key)) return;
          const key = String(pair.key.value);
          const named = here.some((c) => new RegExp(`\\b${key}\\b`, 'i').test(c));
          if (!own[i] && !named) unexplained.push(`${path}${key}`);
          visit(pair.value, own[i] ? [...comments, own[i] as string] : comments, `${path}${key}.`);
        });
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => {
          const note = [node.commentBefore, (item as Node).commentBefore].filter(Boolean).join(' ');
          visit(item, note ? [...comments, note] : comments, `${path}${i}.`);
        });
      }
    };
    visit(document.contents, [], '');
    expect(unexplained).toEqual([]);
  });
});
