import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localeStatus } from '../../src/i18n/status.ts';
import { localizeDeck } from '../../src/localize/localize-deck.ts';
import { editFile, loadDeck, MINI, NBSP, NNBSP, SHY, useFixtureCopies } from './helpers.ts';

const copy = useFixtureCopies();
const strip = (s: string) => s.replaceAll(SHY, '');

describe('localizeDeck', () => {
  it('returns a new deck in the source language with French typography, the source untouched', () => {
    const deck = loadDeck(MINI);
    const before = JSON.stringify(deck);
    const { deck: fr, diagnostics } = localizeDeck(deck, 'fr');
    expect(diagnostics).toEqual([]);
    expect(fr).toBeDefined();
    expect(fr?.phases[0]?.goal).toBe(`Définir le périmètre${NBSP}: quelles données, pour qui${NNBSP}?`);
    expect(fr?.contexts[0]?.territory).toBe(
      `Une ville moyenne au bord d’un fleuve${NNBSP}; le maire promet «${NNBSP}une mairie transparente${NNBSP}».`,
    );
    expect(fr?.guide.sections[0]?.body).toBe(
      `Imprimez **une fiche contexte** par équipe. Rendez-vous à 10:30 sur https://exemple.fr/atelier?salle=2${NNBSP}!`,
    );
    expect(JSON.stringify(deck)).toBe(before);
    // Same type, same origin: later stages can still locate any item.
    expect(fr?.origin('event', 'licence')?.position(['title']).line).toBe(
      deck.origin('event', 'licence')?.position(['title']).line,
    );
    expect(fr?.files).toEqual(deck.files);
  });

  it('builds the English edition from locales/en.yaml, with no French spacing', () => {
    const { deck: en, diagnostics } = localizeDeck(loadDeck(MINI), 'en');
    expect(diagnostics).toEqual([]);
    expect(en?.meta.title).toBe('Opening up the town’s data');
    expect(en?.phases[0]?.goal).toBe('Set the scope: which data, and for whom?');
    expect(strip(en?.events[1]?.situation ?? '')).toBe(
      'Opening hours are published as a PDF. A developer asks for:\n- a **CSV** file;\n- an update every week.',
    );
    const all = JSON.stringify({ ...en, origin: undefined });
    expect(all).not.toMatch(/[\u202f\u00a0]/);
    // Ids, references and numbers are not translated.
    expect(en?.events.map((e) => e.id)).toEqual(['licence', 'format']);
    expect(en?.events[1]?.copies).toBe(2);
  });

  it('hyphenates card text with the locale’s patterns, not titles', () => {
    const deck = loadDeck(MINI);
    const fr = localizeDeck(deck, 'fr').deck;
    const en = localizeDeck(deck, 'en').deck;
    expect(fr?.events[0]?.situation).toContain(`ju${SHY}ri${SHY}dique`);
    expect(en?.events[0]?.situation).toContain(`sug${SHY}gests`);
    expect(fr?.events[0]?.title).not.toContain(SHY);
    expect(fr?.guide.purpose).not.toContain(SHY);
    expect(localizeDeck(deck, 'fr', { hyphenate: false }).deck?.events[0]?.situation).not.toContain(SHY);
  });

  it('falls back to the source for a missing string, with a warning naming it (an error under strict)', () => {
    const dir = copy('missing');
    editFile(
      join(dir, 'locales/en.yaml'),
      '  event.licence.title:\n    text: Which licence?\n    source: cdc280f50854\n    from: Quelle licence ?\n',
      '',
    );
    const deck = loadDeck(dir);
    const { deck: en, diagnostics } = localizeDeck(deck, 'en');
    expect(diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'i18n/missing']]);
    expect(diagnostics[0]?.message).toContain('event.licence.title');
    expect(diagnostics[0]?.line).toBe(deck.origin('event', 'licence')?.position(['title']).line);
    // The fallback is French text, so it keeps French typography inside the English edition.
    expect(en?.events[0]?.title).toBe(`Quelle licence${NNBSP}?`);
    expect(localizeDeck(deck, 'en', { strict: true }).diagnostics.map((d) => d.severity)).toEqual(['error']);
  });

  it('marks exactly the entry whose source was edited as stale, and uses the source there', () => {
    const dir = copy('stale');
    editFile(join(dir, 'deck.yaml'), 'Qui doit valider ce choix ?', 'Qui doit approuver ce choix ?');
    const deck = loadDeck(dir);
    const status = localeStatus(deck, 'en');
    expect(status.stale.map((e) => e.key)).toEqual(['event.licence.questions.1']);
    expect(status.missing).toEqual([]);
    expect(status.translated).toHaveLength(63);
    const { deck: en, diagnostics } = localizeDeck(deck, 'en');
    expect(diagnostics.map((d) => d.code)).toEqual(['i18n/stale']);
    expect(diagnostics[0]?.file).toMatch(/locales\/en\.yaml$/);
    expect(diagnostics[0]?.related?.file).toMatch(/deck\.yaml$/);
    expect(en?.events[0]?.questions[1]).toBe(`Qui doit ap${SHY}prou${SHY}ver ce choix${NNBSP}?`);
    expect(en?.events[0]?.questions[0]).toBe(`Which li${SHY}cences are al${SHY}lowed for public data?`);
  });

  it('warns about entries the deck no longer has, with a suggestion', () => {
    const dir = copy('unused');
    editFile(join(dir, 'deck.yaml'), '  - id: journaliste\n', '  - id: journaliste-data\n');
    const { diagnostics } = localizeDeck(loadDeck(dir), 'en');
    const unused = diagnostics.filter((d) => d.code === 'i18n/unused');
    expect(unused).toHaveLength(4);
    expect(unused[0]?.severity).toBe('warning');
    expect(unused[0]?.hint).toContain('profile.journaliste-data.title');
    expect(diagnostics.filter((d) => d.code === 'i18n/missing')).toHaveLength(4);
  });

  it('reports a locale without a file, and a locale file that is not valid, with positions', () => {
    const deck = loadDeck(MINI);
    const none = localizeDeck(deck, 'de');
    expect(none.diagnostics.map((d) => d.code)).toEqual(['i18n/no-locale']);
    expect(none.diagnostics[0]?.hint).toContain('en');
    expect(localizeDeck(deck, 'not a locale').deck).toBeUndefined();

    const dir = copy('broken');
    const file = join(dir, 'locales/en.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        '    source: 71cd41802b53\n',
        '    source: 71cd41802b53\n    colour: red\n',
      ),
    );
    const broken = localizeDeck(loadDeck(dir), 'en');
    const unknown = broken.diagnostics.find((d) => d.code === 'schema/unknown-key');
    expect(unknown?.file).toMatch(/locales\/en\.yaml$/);
    expect(unknown?.line).toBe(readFileSync(file, 'utf8').split('\n').indexOf('    colour: red') + 1);

    writeFileSync(file, 'strings:\n  meta.title:\n\ttext: x\n');
    expect(localizeDeck(loadDeck(dir), 'en').diagnostics[0]).toMatchObject({
      code: 'yaml/tab-indent',
      line: 3,
    });
    rmSync(file);
  });

  it('reads every translation as text, whatever YAML would make of it', () => {
    const dir = copy('failsafe');
    editFile(join(dir, 'locales/en.yaml'), '    text: "620"\n', '    text: 620\n');
    const en = localizeDeck(loadDeck(dir), 'en');
    expect(en.diagnostics).toEqual([]);
    const figures = en.deck?.contexts[0]?.figures as { value: string }[] | undefined;
    expect(figures?.[1]?.value).toBe('620');
  });

  it('reads a regional locale over its language, and a regional variant of the source needs no file', () => {
    const dir = copy('regional');
    const gb = localizeDeck(loadDeck(dir), 'en-GB');
    expect(gb.diagnostics).toEqual([]);
    expect(gb.deck?.meta.title).toBe('Opening up the town’s data');

    writeFileSync(
      join(dir, 'locales/en-GB.yaml'),
      'strings:\n  meta.title:\n    text: Opening up the borough’s data\n    source: 2579fce4e2de\n',
    );
    const own = localizeDeck(loadDeck(dir), 'en-GB');
    expect(own.diagnostics).toEqual([]);
    expect(own.deck?.meta.title).toBe('Opening up the borough’s data');
    expect(own.deck?.meta.subtitle).toBe('A short workshop to try out translations');

    const ca = localizeDeck(loadDeck(dir), 'fr-CA');
    expect(ca.diagnostics).toEqual([]);
    expect(ca.deck?.phases[0]?.goal).toBe(`Définir le périmètre${NBSP}: quelles données, pour qui ?`);
  });
});
