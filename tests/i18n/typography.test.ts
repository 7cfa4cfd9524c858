import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hyphenate } from '../../src/localize/hyphenate.ts';
import { canadianFrenchSpacing } from '../../src/localize/typography/canadian-french.ts';
import { frenchSpacing } from '../../src/localize/typography/french.ts';
import { typographyFor } from '../../src/localize/typography/index.ts';
import { NBSP, NNBSP, SHY } from './helpers.ts';

const fr = typographyFor('fr');
const show = (s: string) => s.replace(/\u202f/g, '⍽').replace(/\u00a0/g, '°');

describe('French spacing', () => {
  it.each([
    ['Pour qui ?', 'Pour qui⍽?'],
    ['Pour qui?', 'Pour qui⍽?'],
    ['Attention !', 'Attention⍽!'],
    ['un ; deux', 'un⍽; deux'],
    ['Périmètre : données', 'Périmètre°: données'],
    ['Périmètre: données', 'Périmètre°: données'],
    ['«bonjour»', '«⍽bonjour⍽»'],
    ['« bonjour »', '«⍽bonjour⍽»'],
    [`«${NBSP}bonjour${NBSP}»`, '«⍽bonjour⍽»'],
    ['Quoi  ?', 'Quoi⍽?'],
    [`Quoi${NBSP}?`, 'Quoi⍽?'],
    [`Quoi${NNBSP}?`, 'Quoi⍽?'],
    ['Vraiment ?!', 'Vraiment⍽?!'],
    ['**Attention** !', '**Attention**⍽!'],
    ['**Attention :** lire', '**Attention°:** lire'],
    ['« Vraiment ? »', '«⍽Vraiment⍽?⍽»'],
  ])('%s', (input, expected) => {
    expect(show(fr(input))).toBe(expected);
  });

  it('never doubles a space and is idempotent', () => {
    const alphabet = fc.constantFrom(
      'a',
      'é',
      ' ',
      NBSP,
      NNBSP,
      '?',
      '!',
      ';',
      ':',
      '«',
      '»',
      '1',
      '\n',
      '*',
      '(',
      ')',
      '/',
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 30 }).map((a) => a.join('')),
        (text) => {
          const once = fr(text);
          expect(fr(once)).toBe(once);
          // No space of any kind is doubled next to the punctuation the rules handle.
          expect(once).not.toMatch(/[\p{L}\p{N}][ \u00a0\u202f]{2,}[;!?:»](?:\s|$)|«[ \u00a0\u202f]{2,}/u);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('leaves times, URLs, e-mail addresses, code and line breaks alone', () => {
    expect(fr('à 10:30 précises')).toBe('à 10:30 précises');
    expect(fr('sur https://exemple.fr/atelier?salle=2 !')).toBe(
      `sur https://exemple.fr/atelier?salle=2${NNBSP}!`,
    );
    expect(fr('voir www.exemple.fr/a?b et mailto:x@y.fr')).toBe('voir www.exemple.fr/a?b et mailto:x@y.fr');
    expect(fr('lancez `ls -l ?` puis')).toBe('lancez `ls -l ?` puis');
    expect(fr('(?)')).toBe('(?)');
    expect(fr('Liste :\n- un')).toBe(`Liste${NBSP}:\n- un`);
    expect(fr('«\ncitation\n»')).toBe('«\ncitation\n»');
  });

  it('is not applied in English, nor in other languages', () => {
    for (const locale of ['en', 'en-GB', 'de', 'el']) {
      expect(typographyFor(locale)('Who ? What : « this »')).toBe('Who ? What : « this »');
    }
  });

  it('applies to every French locale but Canada, which has its own rules', () => {
    expect(typographyFor('fr-CH')('Qui ?')).toBe(`Qui${NNBSP}?`);
    expect(typographyFor('fr-BE')('Qui ?')).toBe(`Qui${NNBSP}?`);
    expect(typographyFor('fr-CA')('Qui ? Ceci : « cela »')).toBe(`Qui ? Ceci${NBSP}: «${NBSP}cela${NBSP}»`);
    expect(canadianFrenchSpacing('Qui? Quoi :')).toBe(`Qui? Quoi${NBSP}:`);
    expect(frenchSpacing('Qui? Quoi :')).toBe(`Qui${NNBSP}? Quoi${NBSP}:`);
  });
});

describe('hyphenation', () => {
  it('puts soft hyphens into words of seven letters or more, with the language’s patterns', () => {
    expect(hyphenate('anonymisation des jeux', 'fr')).toBe(`ano${SHY}ny${SHY}mi${SHY}sa${SHY}tion des jeux`);
    expect(hyphenate('données ouvertes', 'fr')).toBe(`don${SHY}nées ouvertes`);
    // "abil-i-ty" would carry two letters over: at least three go to the next line.
    expect(hyphenate('accountability is key', 'en')).toBe(`ac${SHY}count${SHY}abil${SHY}ity is key`);
    expect(hyphenate('court mot', 'fr')).toBe('court mot');
  });

  it('respects soft hyphens already written, acronyms, URLs and Markdown', () => {
    expect(hyphenate(`collec${SHY}tivité`, 'fr')).toBe(`collec${SHY}tivité`);
    expect(hyphenate('OPENDATAFRANCE', 'fr')).toBe('OPENDATAFRANCE');
    expect(hyphenate('https://exemple.fr/organisation', 'fr')).toBe('https://exemple.fr/organisation');
    expect(hyphenate('- **organisation** publique', 'fr')).toBe(
      `- **or${SHY}ga${SHY}ni${SHY}sa${SHY}tion** publique`,
    );
  });

  it('follows French typographic rules: 2 letters before, 3 after, not the last word, compounds at their hyphen', () => {
    const breaks = (text: string) => hyphenate(text, 'fr').split(' ');
    for (const word of breaks('anonymisation transparence collectivité réutilisation démocratique élus')) {
      const parts = word.split(SHY);
      if (parts.length === 1) continue;
      expect((parts[0] as string).length, word).toBeGreaterThanOrEqual(2);
      expect((parts.at(-1) as string).length, word).toBeGreaterThanOrEqual(3);
    }
    // The last word of a paragraph, of a line and of a list item stays whole.
    expect(hyphenate('Le colloque', 'fr')).toBe('Le colloque');
    expect(hyphenate('un colloque.\nune association.', 'fr')).toBe('un colloque.\nune association.');
    expect(hyphenate('colloque annuel', 'fr')).toBe(`col${SHY}loque annuel`);
    // A compound breaks at its own hyphen only.
    expect(hyphenate('le vice-président de séance', 'fr')).toBe('le vice-président de séance');
    expect(hyphenate('les porte-documents verts', 'fr')).toBe('les porte-documents verts');
  });

  it('leaves text alone for a language without patterns', () => {
    expect(hyphenate('organisation', 'qps-ploc')).toBe('organisation');
  });
});
