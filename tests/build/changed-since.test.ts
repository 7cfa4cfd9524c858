import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDecks } from '../../src/build/build.ts';
import { readEarlierBuild } from '../../src/build/reprint.ts';
import { readPdf } from '../guide/helpers.ts';
import { tempDir } from '../helpers/temp-dirs.ts';
import { edit, shippedCopy } from '../watch/helpers.ts';

/** The text of each page of a PDF (pdf.js, through the guide tests' reader). */
async function pageTexts(file: string): Promise<string[]> {
  return (await readPdf(readFileSync(file))).text;
}

describe('atelier build --changed-since', () => {
  it('reprints exactly the card whose text changed, its front and its back', async () => {
    const { root, deck, out } = shippedCopy('atelier-reprint-');
    const first = await buildDecks([deck], { locales: ['fr'], only: ['cards'], outDir: out, cwd: root });
    expect(first.ok).toBe(true);
    const folder = join(out, 'open-data-territoires', 'fr');
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
    expect(manifest.faces['event-cards.pdf'].length).toBeGreaterThan(30);
    const saved = join(root, 'before.json');
    writeFileSync(saved, JSON.stringify(manifest));

    // A comment and a facilitator note change no card's drawing; the situation text does.
    edit(join(deck, 'events-cadrage.yaml'), 'propose une licence maison', 'propose une licence interne');
    edit(join(deck, 'events-cadrage.yaml'), 'id: licence-a-choisir', 'id: licence-a-choisir # retouchée');
    const earlier = readEarlierBuild(saved).earlier;
    expect(earlier).toBeDefined();
    const second = await buildDecks([deck], {
      locales: ['fr'],
      only: ['cards'],
      outDir: out,
      cwd: root,
      ...(earlier ? { changedSince: earlier } : {}),
    });
    expect(second.ok).toBe(true);
    expect(second.built[0]?.reprint).toEqual(['event/licence-a-choisir']);
    const pages = await pageTexts(join(folder, 'reprint-cards.pdf'));
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('licence interne');
    expect(pages[0]).toContain('Quelle licence');
    // No other card: the titles of its neighbours in the deck are absent.
    expect(pages[0]).not.toContain('Sommes-nous vraiment');
    expect(pages[0]).not.toContain('Des données qui ne sont pas à vous');
    // The back: the phase's back, nothing of another card.
    expect(pages[1]).toContain('Cadrage');
    expect(pages[1]).not.toContain('licence');

    // Nothing changed since the second build: nothing to reprint, no file.
    const again = readEarlierBuild(join(folder, 'manifest.json')).earlier;
    const third = await buildDecks([deck], {
      locales: ['fr'],
      only: ['cards'],
      outDir: out,
      cwd: root,
      ...(again ? { changedSince: again } : {}),
    });
    expect(third.built[0]?.reprint).toEqual([]);
    expect(existsSync(join(folder, 'reprint-cards.pdf'))).toBe(false);
  });

  it('reprints nothing for the same deck built from another folder, its own layouts included', async () => {
    // weak-links brings its own card front: a layout inside the deck folder, whose path moves with the deck.
    const copy = (name: string) => {
      const root = tempDir(`atelier-reprint-${name}-`);
      cpSync('decks/weak-links', join(root, 'weak-links'), { recursive: true });
      return { root, deck: join(root, 'weak-links'), out: join(root, 'out') };
    };
    const a = copy('a');
    const b = copy('b');
    const options = { locales: ['en'], only: ['cards' as const] };
    expect((await buildDecks([a.deck], { ...options, outDir: a.out, cwd: a.root })).ok).toBe(true);
    const earlier = readEarlierBuild(join(a.out, 'weak-links', 'en', 'manifest.json')).earlier;
    expect(earlier).toBeDefined();
    const moved = await buildDecks([b.deck], {
      ...options,
      outDir: b.out,
      cwd: b.root,
      ...(earlier ? { changedSince: earlier } : {}),
    });
    // What a card draws does not depend on where its deck, layouts or fonts are on disk.
    expect(moved.built[0]?.reprint).toEqual([]);
  });

  it('refuses a file that is not a manifest with card hashes', () => {
    const read = readEarlierBuild(join(__dirname, 'changed-since.test.ts'));
    expect(read.earlier).toBeUndefined();
    expect(read.diagnostics[0]?.code).toBe('build/changed-since');
  });
});
