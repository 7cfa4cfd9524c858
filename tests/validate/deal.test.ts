import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDeck } from '../../src/api.ts';
import { tempDir } from '../helpers/temp-dirs.ts';

/*
 * The default deal is checked like every reference of a deck: each mistake a trainer can make in it is reported
 * at its line, with a hint, and all of them at once.
 */

const SHIPPED = 'decks/open-data-territoires';

/** A copy of the shipped deck whose deal is `deal` (YAML lines, indented as under `guide:`). */
function deckWithDeal(deal: string): { dir: string; line: (text: string) => number } {
  const dir = tempDir();
  cpSync(SHIPPED, dir, { recursive: true });
  const path = join(dir, 'deck.yaml');
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf('  deal:\n');
  const changed = `${text.slice(0, start)}${deal}`;
  writeFileSync(path, changed);
  const lines = changed.split('\n');
  // Lines are searched from the deal on: the agenda names the same phases.
  const from = text.slice(0, start).split('\n').length - 1;
  return { dir, line: (needle) => lines.findIndex((l, i) => i >= from && l.includes(needle)) + 1 };
}

describe('the default deal', () => {
  it('reports every mistake at its line, with a hint', () => {
    const { dir, line } = deckWithDeal(`  deal:
    - phase: cadrage
      shared: obligation-en-question
      teams:
        departement: [social-hors-champ, directions-reticentes]
        agglomeration: [agglo-ou-communes, budget-plateforme]
        ville: [promesse-de-transparance, social-hors-champ]
    - phase: realisaton
      teams:
        departement: [petits-effectifs-sociaux]
    - phase: exploitation
      shared: demande-sans-reponse
      teams:
        departement: [appli-touristique, jeux-perimes]
        agglomeration: [api-temps-reel, budget-en-pdf]
        villes: [erreurs-signalees, classement-des-communes]
`);
    const { diagnostics } = validateDeck(dir);
    const found = diagnostics.map((d) => ({ code: d.code, line: d.line, hint: d.hint ?? '' }));
    expect(found).toEqual(
      expect.arrayContaining([
        {
          code: 'deal/unknown-event',
          line: line('promesse-de-transparance'),
          hint: expect.stringContaining('promesse-de-transparence'),
        },
        {
          code: 'deal/dealt-twice',
          line: line('ville: [promesse-de-transparance'),
          hint: expect.any(String),
        },
        {
          code: 'deal/unknown-phase',
          line: line('phase: realisaton'),
          hint: expect.stringContaining('realisation'),
        },
        { code: 'deal/wrong-phase', line: line('api-temps-reel, budget-en-pdf'), hint: expect.any(String) },
        { code: 'deal/unknown-context', line: line('villes:'), hint: expect.stringContaining('`ville`') },
        {
          code: 'deal/missing-context',
          line: line('phase: exploitation') + 2,
          hint: expect.stringContaining('ville'),
        },
        { code: 'deal/missing-phase', line: line('  deal:'), hint: expect.stringContaining('realisation') },
      ]),
    );
    expect(diagnostics.every((d) => d.severity === 'error' && d.file?.endsWith('deck.yaml'))).toBe(true);
  });

  it('holds each team to the cards its phase deals, and a shared card to every context', () => {
    const { dir, line } = deckWithDeal(`  deal:
    - phase: cadrage
      shared: social-hors-champ
      teams:
        departement: [directions-reticentes]
        agglomeration: [agglo-ou-communes, budget-plateforme]
        ville: [promesse-de-transparence, association-au-comite]
    - phase: realisation
      shared: budget-en-pdf
      teams:
        departement: [petits-effectifs-sociaux, circuit-de-validation]
        agglomeration: [concession-transport, adresses-a-reprendre]
        ville: [lancement-avant-scrutin, concession-transport]
    - phase: exploitation
      shared: demande-sans-reponse
      teams:
        departement: [appli-touristique, jeux-perimes]
        agglomeration: [api-temps-reel, carte-alarmiste-eau]
        ville: [stationnement-conteste, erreurs-signalees]
`);
    const codes = validateDeck(dir).diagnostics.map((d) => [d.code, d.line]);
    expect(codes).toEqual(
      expect.arrayContaining([
        ['deal/not-for-context', line('shared: social-hors-champ')],
        ['deal/card-count', line('departement: [directions-reticentes]')],
        ['deal/dealt-twice', line('ville: [lancement-avant-scrutin')],
      ]),
    );
  });

  it('accepts the shipped deal', () => {
    const { diagnostics } = validateDeck(SHIPPED);
    expect(diagnostics.filter((d) => d.code.startsWith('deal/'))).toEqual([]);
  });
});

describe('quantities in guide prose', () => {
  it('reports a placeholder that names no quantity, with the closest name', () => {
    const dir = tempDir();
    cpSync(SHIPPED, dir, { recursive: true });
    const path = join(dir, 'deck.yaml');
    const text = readFileSync(path, 'utf8').replace(
      '{worksheets-per-team} fiches',
      '{worksheet-per-team} fiches',
    );
    writeFileSync(path, text);
    const found = validateDeck(dir).diagnostics.find((d) => d.code === 'guide/unknown-quantity');
    expect(found?.hint).toContain('worksheets-per-team');
    expect(found?.file).toMatch(/deck\.yaml$/);
  });
});
