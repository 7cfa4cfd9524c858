import { describe, expect, it } from 'vitest';
import { fieldLabel } from '../../src/render/diagnostics.ts';
import { type FitRecord, FitRecorder, styleFloors, tightSubjects } from '../../src/render/fitting.ts';
import { renderEventCards } from '../../src/render/index.ts';
import { deckWith, inputFor, loadDeck } from './helpers.ts';

describe('fit recorder', () => {
  it('keeps the smallest size of each style per card, and which cards overflowed', () => {
    const recorder = new FitRecorder();
    recorder.record('event card `a`', 'body', 8.6, 8.6);
    recorder.record('event card `a`', 'body', 7.912, 8.6);
    recorder.record('event card `a`', 'title', 11.5, 11.5);
    recorder.record('event card `b`', 'body', 8.6, 8.6);
    recorder.overflowed('event card `b`');
    expect(recorder.records).toEqual([
      {
        subject: 'event card `a`',
        sizes: { body: 7.91, title: 11.5 },
        normal: { body: 8.6, title: 11.5 },
        overflow: false,
      },
      { subject: 'event card `b`', sizes: { body: 8.6 }, normal: { body: 8.6 }, overflow: true },
    ]);
  });

  it('summarizes the smallest size of each style and the card it is on, smallest first', () => {
    const records: FitRecord[] = [
      { subject: 'event card `a`', sizes: { body: 8.2, title: 11.5 }, normal: {}, overflow: false },
      { subject: 'event card `b`', sizes: { body: 7.9, title: 10 }, normal: {}, overflow: false },
      { subject: 'card back of phase `p`', sizes: { 'back-deck': 6 }, normal: {}, overflow: false },
    ];
    expect(styleFloors(records)).toEqual([
      { style: 'back-deck', size: 6, subject: 'card back of phase `p`' },
      { style: 'body', size: 7.9, subject: 'event card `b`' },
      { style: 'title', size: 10, subject: 'event card `b`' },
    ]);
    expect(styleFloors(records, ['event card']).map((f) => f.style)).toEqual(['body', 'title']);
  });

  it('lists the cards whose text shrank below its normal size, worst first, those that overflowed before all', () => {
    const records: FitRecord[] = [
      { subject: 'event card `roomy`', sizes: { body: 8.6 }, normal: { body: 8.6 }, overflow: false },
      {
        subject: 'event card `tight`',
        sizes: { body: 7.74, title: 11.5 },
        normal: { body: 8.6, title: 11.5 },
        overflow: false,
      },
      {
        subject: 'event card `tighter`',
        sizes: { body: 8.6, title: 9 },
        normal: { body: 8.6, title: 11.5 },
        overflow: false,
      },
      { subject: 'event card `over`', sizes: { body: 6.5 }, normal: { body: 8.6 }, overflow: true },
    ];
    expect(tightSubjects(records).map((t) => [t.subject, t.style, t.size, t.normal])).toEqual([
      ['event card `over`', 'body', 6.5, 8.6],
      ['event card `tighter`', 'title', 9, 11.5],
      ['event card `tight`', 'body', 7.74, 8.6],
    ]);
  });
});

describe('fitting report of event-cards.pdf', async () => {
  const result = await renderEventCards(inputFor(loadDeck()));
  const bySubject = new Map((result.fitting ?? []).map((r) => [r.subject, r]));

  it('has the size each style was drawn at on every card, fronts and backs', () => {
    const short = bySubject.get('event card `licence-choice`');
    // A short card keeps the style's size; a long one shrinks towards (not under) the min size.
    expect(short?.sizes.body).toBe(8.6);
    const long = bySubject.get('event card `shrink-situation`');
    expect(long?.sizes.body).toBeLessThan(8.6);
    expect(long?.sizes.body).toBeGreaterThan(6.5);
    expect(long?.overflow).toBe(false);
    expect(bySubject.get('event card `long-situation`')).toMatchObject({
      overflow: true,
      sizes: { body: 6.5 },
    });
    expect(bySubject.get('profile card `journaliste`')?.sizes.title).toBeGreaterThan(0);
    expect(bySubject.get('card back of phase `cadrage`')?.sizes['back-title']).toBeGreaterThan(0);
  });

  it('names the smallest body text of the cards and the card it is on', () => {
    const fronts = result.fitting?.filter((r) => !r.overflow) ?? [];
    const body = styleFloors(fronts, ['event card']).find((f) => f.style === 'body');
    expect(body).toEqual({
      style: 'body',
      size: bySubject.get('event card `shrink-situation`')?.sizes.body,
      subject: 'event card `shrink-situation`',
    });
  });
});

describe('text on card backs', () => {
  it('reports an overflow on a back against the phase and the deck title, not the card in front of it', async () => {
    const long = 'Un titre de jeu démesurément long '.repeat(6).trim();
    const deck = deckWith((y) => y.replace('title: Atelier de rendu', `title: ${long}`));
    const result = await renderEventCards(inputFor(deck));
    const overflows = result.diagnostics.filter((d) => d.code === 'render/overflow');
    const back = overflows.find((d) => d.message.startsWith('card back of phase `cadrage`'));
    expect(back?.message).toContain('`deck.title`');
    expect(back).toMatchObject(deck.origin('meta')?.position(['title']) ?? {});
    expect(overflows.some((d) => d.message.startsWith('event card `licence-choice`'))).toBe(false);
  });

  it('fits a deck title of two lines without complaint', async () => {
    const deck = deckWith((y) =>
      y.replace('title: Atelier de rendu', 'title: Atelier de rendu pour les cartes et les fiches du jeu'),
    );
    const result = await renderEventCards(inputFor(deck));
    const overflows = result.diagnostics.filter((d) => d.code === 'render/overflow');
    expect(overflows.map((d) => d.message)).toEqual([expect.stringMatching(/^event card `long-situation`/)]);
  });
});

describe('field names in messages', () => {
  it('drops the root of the item drawn and keeps any other', () => {
    expect(fieldLabel('card.questions.1')).toBe('questions[1]');
    expect(fieldLabel('context.attitudes.0.reason')).toBe('attitudes[0].reason');
    expect(fieldLabel('deck.title')).toBe('deck.title');
    expect(fieldLabel('phase.title')).toBe('phase.title');
  });
});
