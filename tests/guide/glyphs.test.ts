import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderGuide } from '../../src/render/guide/index.ts';
import { fixtureDeck, inputFor } from './helpers.ts';

const NOTES_LINE =
  readFileSync('tests/fixtures/guide/deck.yaml', 'utf8')
    .split('\n')
    .findIndex(
      (l, i, all) =>
        l.trim().startsWith('notes: Anonymisez') &&
        all.slice(0, i).some((p) => p.includes('id: personal-data')),
    ) + 1;

describe('guide glyphs', () => {
  it('reports a character no font has, as an error at the deck field that holds it, and leaves it out', async () => {
    const deck = fixtureDeck();
    const events = deck.events.map((e) =>
      e.id === 'personal-data' ? { ...e, notes: `${e.notes} Voir 漢字.` } : e,
    );
    const result = await renderGuide(inputFor({ ...deck, events }));
    const glyphs = result.diagnostics.filter((d) => d.code === 'render/missing-glyph');
    expect(glyphs.map((d) => d.message.match(/U\+[0-9A-F]+/)?.[0]).sort()).toEqual(['U+5B57', 'U+6F22']);
    expect(glyphs[0]).toMatchObject({ severity: 'error', file: 'tests/fixtures/guide/deck.yaml' });
    expect(glyphs[0]?.message).toContain('event `personal-data` notes');
    // The line of `notes:` under that event in the fixture.
    expect(glyphs[0]?.line).toBe(NOTES_LINE);
    expect(result.files).toHaveLength(1);
  });
});
