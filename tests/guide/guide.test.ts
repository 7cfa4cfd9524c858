import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Deck } from '../../src/check/deck.ts';
import { plainText } from '../../src/markdown.ts';
import { renderGuide } from '../../src/render/guide/index.ts';
import type { RenderResult } from '../../src/render/types.ts';
import { fixtureDeck, inflatedStreams, inputFor, normalise, type ReadPdf, readPdf } from './helpers.ts';

/*
 * The facilitator guide of the fixture deck, rendered once and read back the way a PDF reader does.
 */

let deck: Deck;
let result: RenderResult;
let bytes: Buffer;
let pdf: ReadPdf;

beforeAll(async () => {
  deck = fixtureDeck();
  result = await renderGuide(inputFor(deck));
  const file = result.files[0];
  if (!file) throw new Error(`no guide: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  bytes = file.bytes;
  pdf = await readPdf(bytes);
});

describe('facilitator guide', () => {
  it('is one file with no error, its page count matching the PDF', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.files.map((f) => f.name)).toEqual(['facilitator-guide.pdf']);
    expect(result.files[0]?.pages).toBe(pdf.pages.length);
    expect(pdf.pages.length).toBeGreaterThanOrEqual(8);
  });

  it('is a tagged PDF with its language and title', () => {
    expect(pdf.marked).toBe(true);
    expect(pdf.info.Language).toBe('fr');
    expect(pdf.info.Title).toBe(deck.meta.title);
    const raw = bytes.toString('latin1');
    expect(raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    // Running headers and footers are pagination artifacts; text is marked content tied to the structure.
    const content = inflatedStreams(bytes);
    expect(content).toContain('/Artifact <<\n/Type /Pagination\n>> BDC');
    expect(content).toMatch(/\/H1 <<\n\/MCID \d+\n>> BDC/);
  });

  it('is A4 by default, Letter when asked', async () => {
    expect(pdf.pageSize[0]).toBeCloseTo(595.28, 1);
    expect(pdf.pageSize[1]).toBeCloseTo(841.89, 1);
    const letter = await renderGuide(inputFor(deck, { options: { paper: 'letter' } }));
    const read = await readPdf(letter.files[0]?.bytes ?? Buffer.alloc(0));
    expect(read.pageSize).toEqual([612, 792]);
  });

  it('has a bookmark per section, and one per phase under the event cards', () => {
    const titles = pdf.outline.map((o) => o.title);
    expect(titles).toContain('Cartes événements');
    const events = pdf.outline.find((o) => o.title === 'Cartes événements');
    expect(events?.items.map((i) => i.title)).toEqual(deck.phases.map((p) => p.title));
    for (const section of deck.guide.sections) expect(titles).toContain(section.title);
    expect(titles).toContain(deck.guide.worksheet?.title);
  });

  it('shows every event card with its title and the first words of its notes', () => {
    const all = pdf.text.join(' ');
    for (const event of deck.events) {
      expect(all).toContain(normalise(event.title));
      const firstWords = normalise(plainText(event.notes ?? ''))
        .split(' ')
        .slice(0, 5)
        .join(' ');
      expect(all).toContain(firstWords);
    }
  });

  it('lists the cards of each phase after that phase’s heading, in deck order', () => {
    const all = pdf.text.join(' ');
    const events = all.indexOf('Cartes événements', all.indexOf('Cartes événements') + 1);
    for (const phase of deck.phases) {
      const start = all.indexOf(phase.title, events);
      let last = start;
      for (const event of deck.events.filter((e) => e.phase === phase.id)) {
        const at = all.indexOf(normalise(event.title), last);
        expect(at).toBeGreaterThan(last);
        last = at;
      }
    }
  });

  it('prints in the contents the page on which each section starts', () => {
    const tocPage = pdf.pages.findIndex((p) => p.includes('Sommaire'));
    expect(tocPage).toBeGreaterThan(0);
    const toc = pdf.pages[tocPage] as string[];
    const entries = pdf.outline.flatMap((o) => [o, ...o.items]).filter((o) => o.title !== 'Sommaire');
    expect(entries.length).toBeGreaterThan(8);
    for (const entry of entries) {
      const at = toc.indexOf(entry.title);
      expect(at, entry.title).toBeGreaterThanOrEqual(0);
      const printed = Number(toc.slice(at + 1).find((s) => /^\d+$/.test(s.trim())));
      // The number printed is the page the bookmark opens, and that page shows the heading.
      expect(printed, entry.title).toBe(entry.page);
      expect(pdf.pages[printed - 1], entry.title).toContain(entry.title);
    }
  });

  it('numbers pages as "Page x / y" and repeats the deck title in the running header', () => {
    const total = pdf.pages.length;
    pdf.pages.slice(1).forEach((page, i) => {
      expect(page).toContain(`Page ${i + 2} / ${total}`);
      expect(page).toContain(deck.meta.title);
    });
    // The cover has neither.
    expect(pdf.text[0]).not.toContain('Page 1');
  });

  it('states the print quantities computed from participants and teams', () => {
    const material = pdf.text.find((t) => t.includes('Fiches contexte (context-sheets.pdf)')) ?? '';
    // 3 teams playing 2 contexts: 2 sheets per team + a set of 2; profile cards for 18 participants from 3 profiles.
    expect(material).toMatch(/Fiches contexte \(context-sheets\.pdf\) 8 /);
    expect(material).toMatch(/Cartes événements \(event-cards\.pdf\) 15 /);
    expect(material).toMatch(/Cartes profil \(profile-cards\.pdf\) 18 /);
    expect(material).toContain('imprimez le fichier 6 fois (3 profils × 6)');
  });

  it('builds the agenda from the phases with start times from zero and the total', () => {
    const agenda = pdf.text.join(' ');
    expect(agenda).toMatch(/0 h 00 Accueil et formation des équipes/);
    expect(agenda).toMatch(/0 h 15 Cadrage .*40 min/);
    expect(agenda).toMatch(/1 h 05 Réalisation/);
    expect(agenda).toContain('Total : 2 h 15, pour une séance prévue de 2 h 30 ; il reste 15 min de marge.');
  });

  it('gives the worksheet a page of its own with every prompt', () => {
    const last = pdf.text.at(-1) ?? '';
    expect(last).toContain(deck.guide.worksheet?.title);
    for (const prompt of deck.guide.worksheet?.prompts ?? []) expect(last).toContain(prompt);
  });

  it('reports the labels it had to take from the catalogs because the test passes none', () => {
    const missing = result.diagnostics.filter((d) => d.code === 'i18n/missing-label');
    expect(missing.length).toBeGreaterThan(10);
    const contents = missing.find((d) => d.message.includes('`contents`'));
    expect(contents?.file).toBe('templates/guide.hbs');
    expect(contents?.line).toBeGreaterThan(1);
  });

  it('gives the same bytes twice', async () => {
    const again = await renderGuide(inputFor(deck));
    const hash = (b: Buffer | undefined) =>
      createHash('sha256')
        .update(b ?? Buffer.alloc(0))
        .digest('hex');
    expect(hash(again.files[0]?.bytes)).toBe(hash(bytes));
  });
});
