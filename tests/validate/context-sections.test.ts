import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateDeck } from '../../src/api.ts';
import { MINIMAL_DECK } from '../helpers/paths.ts';

/* The sections a deck declares for its context sheets are checked themselves, not only the contexts. */
const work = mkdtempSync(join(tmpdir(), 'atelier-sections-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let count = 0;
function validateWith(edit: (yaml: string) => string) {
  const dir = join(work, `deck-${++count}`);
  cpSync(MINIMAL_DECK, dir, { recursive: true });
  const file = join(dir, 'deck.yaml');
  const yaml = edit(readFileSync(file, 'utf8'));
  writeFileSync(file, yaml);
  return { ...validateDeck(dir), yaml };
}
const lineOf = (yaml: string, text: string) => yaml.split('\n').findIndex((l) => l.includes(text)) + 1;

describe('context sections', () => {
  it('need one level word per level of the scale', () => {
    const { diagnostics, yaml } = validateWith((y) =>
      y.replace('levels: [Absent, Rare, Présent, Actif, Foisonnant]', 'levels: [Absent, Rare, Présent]'),
    );
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'deck/scale-levels',
        line: lineOf(yaml, 'levels: [Absent, Rare, Présent]'),
        hint: expect.stringContaining('`max: 2`'),
      }),
    ]);
  });

  it('have a scale only when they are gauges, and no id a context field has', () => {
    const { diagnostics } = validateWith((y) =>
      y
        .replace('    kind: notes\n', '    kind: notes\n    scale: { max: 3 }\n')
        .replace('  - id: territory\n    title: Territoire', '  - id: tagline\n    title: Territoire')
        .replace('    territory: Une ville', '    tagline: Une ville')
        .replace('    territory: Vingt', '    tagline: Vingt'),
    );
    expect(diagnostics.map((d) => d.code).sort()).toEqual([
      'deck/reserved-section-id',
      'deck/scale-without-gauges',
    ]);
  });

  it('may be left out with the contexts: a deck without context sheets is valid', () => {
    const { deck, diagnostics } = validateWith((y) => {
      const withoutContexts = y.slice(0, y.indexOf('contexts:')) + y.slice(y.indexOf('events:'));
      return withoutContexts
        .slice(0, withoutContexts.indexOf('contextSections:'))
        .replace(/ {4}appliesTo:\n {6}- ville\n/, '');
    });
    expect(diagnostics).toEqual([]);
    expect(deck?.contexts).toEqual([]);
    expect(deck?.contextSections).toEqual([]);
  });
});
