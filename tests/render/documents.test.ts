import { describe, expect, it } from 'vitest';
import { PT_PER_MM } from '../../src/render/imposition.ts';
import { renderContextSheets, renderEventCards, renderPrintShop } from '../../src/render/index.ts';
import { deckWith, inputFor, loadDeck, normalize, pdfText } from './helpers.ts';

const deck = loadDeck();
const cards = await renderEventCards(inputFor(deck));
const cardsFile = cards.files[0];
if (!cardsFile) throw new Error(`no event-cards.pdf: ${JSON.stringify(cards.diagnostics)}`);
const latin1 = (bytes: Buffer) => bytes.toString('latin1');

function mediaBoxes(bytes: Buffer): number[][] {
  return [...latin1(bytes).matchAll(/\/MediaBox \[([^\]]+)\]/g)].map((m) =>
    (m[1] as string).trim().split(/\s+/).map(Number),
  );
}

describe('event-cards.pdf', () => {
  it('fails on the card written to overflow only, blaming the situation that grew, not the questions it pushed out', () => {
    const errors = cards.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).toEqual(['render/overflow']);
    // What was cut is named (the questions and the constraint, after a long situation), with how much and at what size.
    expect(errors[0]?.message).toMatch(
      /^event card `long-situation` \(fr\): `situation` makes the text [\d.]+ pt \(about \d+ lines\) too tall for its box, even at its smallest size \(6\.5 pt\); cut off: `questions\[0\]`, .*`constraint`$/,
    );
  });

  it('points the overflow at the situation in the deck’s YAML', () => {
    const d = cards.diagnostics.find((x) => x.code === 'render/overflow');
    expect(d?.file).toMatch(/deck\.yaml$/);
    expect(d).toMatchObject(deck.origin('event', 'long-situation')?.position(['situation']) ?? {});
  });

  it('has a sheet of fronts and one of backs per phase, then the calibration sheet', () => {
    // cadrage (3 cards), realisation (1 card × 2 copies), exploitation (1): 3 sheets, front and back.
    expect(cardsFile.name).toBe('event-cards.pdf');
    expect(cardsFile.pages).toBe(3 * 2 + 2);
    expect(mediaBoxes(cardsFile.bytes)).toHaveLength(cardsFile.pages);
  });

  it('puts the profile cards in a file of their own, printed once per participant rather than per team', async () => {
    const profiles = cards.files[1];
    expect(profiles?.name).toBe('profile-cards.pdf');
    // 1 profile: one sheet of fronts and its backs, no calibration sheet.
    expect(profiles?.pages).toBe(2);
    const text = (await pdfText(profiles?.bytes as Buffer)).map(normalize).join(' ');
    expect(text).toContain('Journaliste de données');
    expect(text).not.toContain(normalize(deck.events[0]?.title ?? '?'));
  });

  it('has pages of exactly A4, or exactly Letter when asked', async () => {
    for (const box of mediaBoxes(cardsFile.bytes)) expect(box).toEqual([0, 0, 595.28, 841.89]);
    const letter = await renderEventCards(inputFor(deck, { paper: 'letter' }));
    for (const box of mediaBoxes(letter.files[0]?.bytes as Buffer)) expect(box).toEqual([0, 0, 612, 792]);
  });

  it('asks the print dialog for the deck’s duplex flip', async () => {
    expect(latin1(cardsFile.bytes)).toContain('/Duplex /DuplexFlipLongEdge');
    const short = await renderEventCards(
      inputFor(deckWith((y) => y.replace('duplex: long-edge', 'duplex: short-edge'))),
    );
    expect(latin1(short.files[0]?.bytes as Buffer)).toContain('/Duplex /DuplexFlipShortEdge');
  });

  it('has the title of every card as real text on the front pages, in phase order, copies included', async () => {
    const pages = (await pdfText(cardsFile.bytes)).map(normalize);
    const fronts = pages.filter((_, i) => i % 2 === 0).join(' ');
    for (const event of deck.events) expect(fronts).toContain(normalize(event.title));
    expect(fronts.split('Les données du délégataire').length - 1).toBe(2);
    expect(fronts.indexOf('Quelle licence choisir')).toBeLessThan(
      fronts.indexOf('Les données du délégataire'),
    );
    expect(fronts).not.toContain('Journaliste de données');
  });

  it('gives identical bytes for the same input', async () => {
    const again = await renderEventCards(inputFor(loadDeck()));
    expect(again.files[0]?.bytes.equals(cardsFile.bytes)).toBe(true);
  });

  it('embeds every font as a subset', () => {
    const text = latin1(cardsFile.bytes);
    const fonts = [...text.matchAll(/\/BaseFont \/([A-Z]{6})\+([\w-]+)/g)];
    expect(fonts.length).toBeGreaterThan(0);
    expect(text.match(/\/FontFile2 /g)?.length).toBe(new Set(fonts.map((m) => m[2])).size);
  });

  it('reports a character no font has, with its code point and where it is written', async () => {
    const broken = deckWith((y) => y.replace('title: Une erreur signalée', 'title: Une erreur 漢 signalée'));
    const result = await renderEventCards(inputFor(broken));
    const d = result.diagnostics.find((x) => x.code === 'render/missing-glyph');
    expect(d?.severity).toBe('error');
    expect(d?.message).toContain('U+6F22');
    expect(d?.message).toContain('`title`');
    expect(d?.message).toContain('event card `reuse-report`');
    expect(d).toMatchObject(broken.origin('event', 'reuse-report')?.position(['title']) ?? {});
  });
});

describe('cards-print-shop.pdf', async () => {
  const shop = await renderPrintShop(inputFor(deck));
  const file = shop.files[0];

  it('has one card per page, front then back, at trim plus bleed', () => {
    expect(file?.name).toBe('cards-print-shop.pdf');
    // 3 + 2 + 1 event cards and 1 profile card, front and back.
    expect(file?.pages).toBe(7 * 2);
    const [w, h] = mediaBoxes(file?.bytes as Buffer)[0]?.slice(2) ?? [];
    expect(w).toBeCloseTo((63.5 + 6) * PT_PER_MM, 2);
    expect(h).toBeCloseTo((88.9 + 6) * PT_PER_MM, 2);
  });

  it('sets a TrimBox inset from the BleedBox by the bleed on every page', () => {
    const text = latin1(file?.bytes as Buffer);
    const trims = [...text.matchAll(/\/TrimBox \[([^\]]+)\]/g)].map((m) =>
      (m[1] as string).trim().split(/\s+/).map(Number),
    );
    const bleeds = [...text.matchAll(/\/BleedBox \[([^\]]+)\]/g)].map((m) =>
      (m[1] as string).trim().split(/\s+/).map(Number),
    );
    expect(trims).toHaveLength(file?.pages as number);
    trims.forEach((trim, i) => {
      const bleed = bleeds[i] as number[];
      const inset = 3 * PT_PER_MM;
      expect((trim[0] as number) - (bleed[0] as number)).toBeCloseTo(inset, 2);
      expect((trim[1] as number) - (bleed[1] as number)).toBeCloseTo(inset, 2);
      expect((bleed[2] as number) - (trim[2] as number)).toBeCloseTo(inset, 2);
      expect((bleed[3] as number) - (trim[3] as number)).toBeCloseTo(inset, 2);
    });
  });
});

describe('print-shop order and colour', async () => {
  const shop = await renderPrintShop(inputFor(deck));
  const [file, order] = shop.files;

  it('names both kinds of cards it holds in its title', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(file?.bytes as Buffer) }).promise;
    const { info } = (await doc.getMetadata()) as { info: { Title?: string } };
    await doc.destroy();
    // The fixture's labels have no `profile-cards`: the renderer's own name for them is used.
    expect(info.Title).toMatch(/Cartes événements, (Cartes profil|Profile cards) \(/);
  });

  it('counts the copies of every card as the guide’s checklist does, and prints them on an order sheet', async () => {
    const { printQuantities } = await import('../../src/compose/guide/quantities.ts');
    const quantities = printQuantities(deck);
    const lines = file?.order?.lines ?? [];
    expect(lines).toHaveLength((file?.pages ?? 0) / 2);
    lines.forEach((line, i) => {
      expect(line.pages).toEqual([2 * i + 1, 2 * i + 2]);
    });
    expect(file?.order?.totalCards).toBe(quantities.eventCards.total + (quantities.profileCards?.total ?? 0));
    // A card for one authority only is printed for the teams that play it.
    const scoped = deck.events.find((e) => e.appliesTo);
    if (scoped) expect(lines.find((l) => l.id === scoped.id)?.copies).toBeLessThan(deck.meta.teams);
    expect(order?.name).toBe('print-shop-order.pdf');
    const text = normalize((await pdfText(order?.bytes as Buffer)).join(' '));
    for (const line of lines) expect(text).toContain(`${line.pages[0]}–${line.pages[1]}`);
    expect(text).toContain(`${file?.order?.totalCards} cartes en tout`);
  });

  it('draws in CMYK: the deck’s own values where it gives them, small dark text in pure K', async () => {
    const { inflateSync } = await import('node:zlib');
    const contents = (bytes: Buffer) =>
      [...bytes.toString('latin1').matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)]
        .map((m) => {
          try {
            return inflateSync(Buffer.from(m[1] as string, 'latin1')).toString('latin1');
          } catch {
            return '';
          }
        })
        .join('\n');
    const accent = deck.theme.colours.accent;
    const withValues = deckWith((yaml) =>
      yaml
        .replace('  cropMarks', '  cropMarks')
        .replace(/^print:\n/m, `print:\n  cmyk:\n    "${accent}": [90, 55, 0, 40]\n`),
    );
    const given = await renderPrintShop(inputFor(withValues));
    const drawn = contents(given.files[0]?.bytes as Buffer);
    expect(given.files[0]?.bytes.toString('latin1')).not.toMatch(/DeviceRGB/);
    expect(drawn).not.toMatch(/ (rg|RG)\n|DeviceRGB/);
    expect(drawn).toContain('0.9 0.55 0 0.4 k');
    // Card text in the theme's ink, 8.6 pt: black plate only.
    expect(drawn).toContain('0 0 0 1 k');
  });
});

describe('context-sheets.pdf', async () => {
  const sheets = await renderContextSheets(inputFor(deck));
  const file = sheets.files[0];

  it('has one page per context, every name in real text, nothing overflowing', async () => {
    expect(sheets.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(file?.pages).toBe(deck.contexts.length);
    const pages = (await pdfText(file?.bytes as Buffer)).map(normalize);
    deck.contexts.forEach((context, i) => {
      expect(pages[i]).toContain(normalize(context.name));
    });
    expect(pages[0]).toContain('Favorables');
  });

  it('follows the paper asked for', async () => {
    const letter = await renderContextSheets(inputFor(deck, { paper: 'letter' }));
    for (const box of mediaBoxes(letter.files[0]?.bytes as Buffer)) expect(box).toEqual([0, 0, 612, 792]);
  });
});
