import { describe, expect, it } from 'vitest';
import { listStrings } from '../../src/localize/strings.ts';
import { loadDeck, MINI } from './helpers.ts';

describe('listStrings', () => {
  const deck = loadDeck(MINI);
  const strings = listStrings(deck);
  const byKey = new Map(strings.map((s) => [s.key, s]));

  it('keys every translatable string by ids, list positions where items have none', () => {
    for (const key of [
      'meta.title',
      'meta.subtitle',
      'phase.cadrage.goal',
      'context.ville.figures.0.label',
      'context.ville.objectives.1',
      'context.ville.attitudes.0.reason',
      'context.ville.ecosystem.0.who',
      'event.licence.questions.1',
      'event.format.constraint',
      'event.format.notes',
      'profile.journaliste.asks',
      'guide.agenda.accueil.title',
      'guide.sections.materiel.body',
      'guide.objectives.0',
    ]) {
      expect(byKey.has(key), key).toBe(true);
    }
    expect(strings).toHaveLength(64);
    expect(new Set(strings.map((s) => s.key)).size).toBe(strings.length);
  });

  it('lists no ids, references, enums, colours, numbers or dates', () => {
    const keys = strings.map((s) => s.key);
    expect(
      keys.filter((k) =>
        /\.(id|phase|category|colour|level|copies|durationMinutes|minutes|appliesTo|date|language|licence|version)$/.test(
          k,
        ),
      ),
    ).toEqual([]);
    // An agenda step that is a phase has no text of its own.
    expect(keys.some((k) => k.startsWith('guide.agenda.cadrage'))).toBe(false);
  });

  it('knows each string’s source text, field and position', () => {
    const goal = byKey.get('phase.cadrage.goal');
    expect(goal?.text).toBe('Définir le périmètre : quelles données, pour qui ?');
    expect(goal?.field).toBe('goal');
    expect(goal?.position).toMatchObject({ line: 18 });
    expect(goal?.position?.file).toMatch(/deck\.yaml$/);
    expect(byKey.get('event.licence.questions.1')?.field).toBe('questions');
    expect(byKey.get('context.ville.attitudes.0.reason')?.field).toBe('reason');
  });

  it('gives the event’s facilitator notes as context to its strings', () => {
    expect(byKey.get('event.licence.title')?.notes).toMatch(/^Licence Ouverte 2\.0/);
    expect(byKey.get('event.licence.questions.0')?.notes).toMatch(/ODbL/);
    expect(byKey.get('profile.journaliste.asks')?.notes).toBeUndefined();
  });

  it('marks card body text, not titles or sheets, for hyphenation', () => {
    expect(byKey.get('event.licence.situation')?.card).toBe(true);
    expect(byKey.get('event.licence.questions.0')?.card).toBe(true);
    expect(byKey.get('profile.journaliste.cares')?.card).toBe(true);
    expect(byKey.get('event.licence.title')?.card).toBe(false);
    expect(byKey.get('event.licence.notes')?.card).toBe(false);
    expect(byKey.get('context.ville.territory')?.card).toBe(false);
  });
});
