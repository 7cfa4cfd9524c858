import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateDeck } from '../../src/api.ts';
import { buildDecks } from '../../src/build/build.ts';
import { cardNumbers } from '../../src/check/card-numbers.ts';
import { formatDuration } from '../../src/compose/guide/format.ts';
import { printQuantities, quantityValues } from '../../src/compose/guide/quantities.ts';
import { formatLabel, loadLabels } from '../../src/localize/labels.ts';
import { normalise, readPdf } from '../guide/helpers.ts';
import { tempDir } from '../helpers/temp-dirs.ts';

/*
 * The default kit, read as a facilitator would before running it tonight: every quantity the guide prints agrees
 * wherever it appears, the deal is whole and fair, the cards carry short numbers the guide uses, and the agenda
 * fits the session. Read from the built PDFs, in every shipped locale.
 */

const DECK = 'decks/open-data-territoires';
const { deck } = validateDeck(DECK);
if (!deck) throw new Error('the shipped deck does not validate');
const source = deck;
const out = tempDir();
const quantities = printQuantities(source);

beforeAll(async () => {
  const result = await buildDecks([DECK], { outDir: out });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(result.ok).toBe(true);
}, 120_000);

const file = (locale: string, name: string) => join(out, source.meta.id, locale, name);
const text = async (locale: string, name: string) =>
  (await readPdf(readFileSync(file(locale, name)))).text.join(' ');
const numbersIn = (found: RegExpMatchArray | null) => Number((found?.[1] ?? 'NaN').replace(/\D/g, ''));

/** Where each quantity is printed, per locale: the checklist, the room section, the worksheet intro... */
const WHERE: Record<string, Record<string, RegExp[]>> = {
  fr: {
    contextSheets: [/Fiches contexte \(context-sheets\.pdf\) (\d+) /],
    contextSheetsPerTeam: [
      /(\d+) par équipe \(\d+ équipes : une à lire/,
      /sa fiche de contexte, en (\d+) exemplaires/,
    ],
    envelopes: [/Enveloppes (\d+) Une par équipe et par phase/, /Préparez les (\d+) enveloppes de la donne/],
    envelopesPerTeam: [/ses (\d+) enveloppes de cartes événement/],
    worksheets: [/Fiches plan d’action (\d+) Une par équipe et par phase/],
    worksheetsPerTeam: [
      /synthèse : \d+ équipes × (\d+)\./,
      /ses (\d+) fiches de plan d’action/,
      /soit (\d+) par équipe\./,
    ],
  },
  en: {
    contextSheets: [/Context sheets \(context-sheets\.pdf\) (\d+) /],
    contextSheetsPerTeam: [/(\d+) per team \(\d+ teams: one to read/, /its context sheet, in (\d+) copies/],
    envelopes: [/Envelopes (\d+) One per team and phase/, /Prepare the (\d+) envelopes of the planned deal/],
    envelopesPerTeam: [/its (\d+) envelopes of event cards/],
    worksheets: [/Action-plan worksheets (\d+) One per team and phase/],
    worksheetsPerTeam: [
      /synthesis: \d+ teams × (\d+)\./,
      /its (\d+) action-plan worksheets/,
      /summary you present to the other teams: (\d+) per team\./,
    ],
  },
};

const EXPECTED: Record<string, number> = {
  contextSheets: quantities.contextSheets.total,
  contextSheetsPerTeam: quantities.contextSheets.perTeam,
  envelopes: quantities.envelopes.total,
  envelopesPerTeam: quantities.envelopes.perTeam,
  worksheets: quantities.worksheets?.total ?? 0,
  worksheetsPerTeam: quantities.worksheets?.perTeam ?? 0,
};

describe.each(['fr', 'en'])('the default kit in %s', (locale) => {
  it('prints every quantity the same wherever it appears, and the manifest agrees', async () => {
    const guide = await text(locale, 'facilitator-guide.pdf');
    const places = WHERE[locale] ?? {};
    for (const [name, patterns] of Object.entries(places)) {
      for (const pattern of patterns) {
        expect(numbersIn(guide.match(pattern)), `${name} at ${pattern}`).toBe(EXPECTED[name]);
      }
    }
    // Totals are per-team figures times the teams: the checklist multiplies what the room section hands out.
    expect(EXPECTED.worksheets).toBe(quantities.teams * (EXPECTED.worksheetsPerTeam ?? 0));
    expect(EXPECTED.envelopes).toBe(quantities.teams * (EXPECTED.envelopesPerTeam ?? 0));
    const manifest = JSON.parse(readFileSync(file(locale, 'manifest.json'), 'utf8'));
    expect(manifest.quantities).toEqual(quantityValues(quantities));
  });

  it('puts the worksheet the checklist points to on the guide’s last page', async () => {
    const pdf = await readPdf(readFileSync(file(locale, 'facilitator-guide.pdf')));
    const title = locale === 'fr' ? 'Plan d’action' : 'Action plan';
    expect(pdf.text.at(-1)).toContain(title);
  });

  it('prints a short number on every event card and no slug', async () => {
    const cards = await text(locale, 'event-cards.pdf');
    const numbers = cardNumbers(source);
    expect(numbers.size).toBe(source.events.length);
    for (const [id, number] of numbers) {
      expect(cards, id).toContain(number);
      expect(cards).not.toContain(id);
    }
  });

  it('lists every card number in the guide, in the deal and on the envelope labels', async () => {
    const guide = await text(locale, 'facilitator-guide.pdf');
    for (const number of cardNumbers(source).values()) expect(guide).toContain(number);
    const labels = guide.slice(
      guide.lastIndexOf(locale === 'fr' ? 'Étiquettes des enveloppes' : 'Envelope labels'),
    );
    const numbers = cardNumbers(source);
    for (const entry of source.guide.deal ?? []) {
      for (const id of [entry.shared, ...Object.values(entry.teams).flat()])
        if (id) expect(labels).toContain(numbers.get(id));
    }
  });

  it('builds the participant handout', async () => {
    const handout = await text(locale, 'participant-handout.pdf');
    for (const ref of source.handout?.references ?? [])
      if (ref.url) expect(handout).toContain(ref.url.slice(0, 20));
  });

  it('has an agenda that adds up to the session’s length, in the guide and the handout', async () => {
    const labels = loadLabels(locale).labels;
    const length = formatDuration(source.meta.durationMinutes, labels);
    const guide = await text(locale, 'facilitator-guide.pdf');
    const exact = normalise(formatLabel(labels, 'guide-total-exact', { total: length }));
    expect(guide.includes(exact), exact).toBe(true);
    // The handout's agenda ends on the same total.
    const handout = await text(locale, 'participant-handout.pdf');
    const end = normalise(`${labels['guide-end']} ${length}`);
    expect(handout.includes(end), end).toBe(true);
  });
});

describe('the default deal', () => {
  const deal = source.guide.deal ?? [];
  const numbers = cardNumbers(source);

  it('covers every phase and every context, with no card dealt twice in a phase unless shared', () => {
    expect(deal.map((d) => d.phase).sort()).toEqual(source.phases.map((p) => p.id).sort());
    for (const entry of deal) {
      expect(Object.keys(entry.teams).sort()).toEqual(source.contexts.map((c) => c.id).sort());
      const own = Object.values(entry.teams).flat();
      expect(new Set(own).size, entry.phase).toBe(own.length);
      expect(own).not.toContain(entry.shared);
    }
  });

  it('gives each authority at least one card of its own in every phase', () => {
    const events = new Map(source.events.map((e) => [e.id, e]));
    for (const entry of deal) {
      for (const [context, ids] of Object.entries(entry.teams)) {
        const specific = ids.filter((id) => events.get(id)?.appliesTo?.includes(context));
        expect(specific.length, `${context} in ${entry.phase}`).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('numbers cards by phase code and place', () => {
    expect(numbers.get('obligation-en-question')).toBe('C-01');
    expect(numbers.get('concession-transport')).toBe('R-01');
    expect(numbers.get('stationnement-conteste')).toBe('E-15');
  });
});
