import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateDeck } from '../../src/api.ts';
import { buildDecks } from '../../src/build/build.ts';
import { cardItems } from '../../src/render/card-items.ts';
import { Session } from '../../src/render/session.ts';
import { hasTool } from '../helpers/tools.ts';
import { inputFor, loadDeck, normalize, pdfText } from '../render/helpers.ts';
import { decodeQrCodes } from '../render/rendered.ts';

/*
 * A card game in the open deck format (tests/fixtures/render/open-model): no context sheets, no questions, no
 * facilitator notes, suits as categories, ranks, an icon, an image, free fields, a URL on most cards and
 * uniform backs. It must validate and build without a warning, print its URLs as QR codes a phone can read,
 * and give every card the same back.
 */
const FIXTURE = resolve('tests/fixtures/render/open-model');
const work = mkdtempSync(join(tmpdir(), 'atelier-open-model-'));
const folder = join(work, 'out', 'open-model', 'en');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const missing = ['pdftoppm', 'zbarimg', 'pdfimages'].filter((tool) => !hasTool(tool));
if (missing.length > 0)
  console.warn(
    `QR code checks skipped: ${missing.join(', ')} not installed (apt-get install poppler-utils zbar-tools)`,
  );

describe('a deck with no contexts, no questions and no notes', () => {
  beforeAll(async () => {
    cpSync(FIXTURE, join(work, 'deck'), { recursive: true });
    const result = await buildDecks([join(work, 'deck')], { outDir: join(work, 'out'), cwd: work });
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('validates without a word', () => {
    const { deck, diagnostics } = validateDeck(FIXTURE);
    expect(diagnostics).toEqual([]);
    expect(deck?.contexts).toEqual([]);
    expect(deck?.events.every((e) => e.questions.length === 0 && e.notes === undefined)).toBe(true);
  });

  it('builds cards and guide, and no context sheets', () => {
    expect(readdirSync(folder).sort()).toEqual(['event-cards.pdf', 'facilitator-guide.pdf', 'manifest.json']);
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
    expect(manifest.warnings).toEqual([]);
  });

  it('has a guide that says where a card has no notes, and no context sheet in its checklist', async () => {
    const text = normalize((await pdfText(readFileSync(join(folder, 'facilitator-guide.pdf')))).join(' '));
    expect(text.match(/No facilitator notes for this card\./g)).toHaveLength(4);
    expect(text).not.toContain('context-sheets.pdf');
    expect(text).not.toContain('Questions');
    // Rank and category head each card note; a card without category shows neither.
    expect(text).toContain('K · Spoofing');
    expect(text).toContain('CWE-345');
  });

  it('prints rank, category, fields and the address on the card faces', async () => {
    const [front] = await pdfText(readFileSync(join(folder, 'event-cards.pdf')));
    const text = normalize((front ?? '').replace(/\u200b/g, ''));
    for (const word of ['SPOOFING', 'TAMPERING', 'CWE-307', 'A08:2021', 'Joker'])
      expect(text).toContain(word);
    expect(text).toMatch(/\b2\b.*\bK\b.*\bA\b/);
    expect(text.replace(/ /g, '')).toContain('https://example.org/cards/tampering-a?lang=en');
  });

  it.skipIf(missing.length > 0)('draws each URL as a vector QR code that decodes to the card’s URL', () => {
    const decoded = decodeQrCodes(join(folder, 'event-cards.pdf'));
    const urls = loadDeck(FIXTURE)
      .events.flatMap((e) => (e.url ? [e.url] : []))
      .sort();
    expect(urls).toHaveLength(3);
    expect(decoded).toEqual(urls);
    // Vector, not a bitmap: the only images drawn are the deck's own (three category icons, an icon, a
    // picture); three QR codes as bitmaps would make eight.
    const images = execFileSync('pdfimages', ['-list', join(folder, 'event-cards.pdf')], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .slice(2)
      .filter((row) => row.trim().split(/\s+/)[2] === 'image');
    expect(images).toHaveLength(5);
  });
});

describe('new card fields in the fitting report', () => {
  it('locates a free field that overflows at its line in the deck', async () => {
    const dir = mkdtempSync(join(work, 'overflow-'));
    cpSync(FIXTURE, dir, { recursive: true });
    const file = join(dir, 'deck.yaml');
    const long = Array(40).fill('a weakness that goes on and on').join(', ');
    const yaml = readFileSync(file, 'utf8').replace('cwe: "CWE-307"', `cwe: "${long}"`);
    writeFileSync(file, yaml);
    const line = yaml.split('\n').findIndex((l) => l.includes('cwe: "a weakness')) + 1;
    const result = await buildDecks([dir], { outDir: join(dir, 'out'), cwd: dir, only: ['cards'] });
    const overflow = result.diagnostics.filter((d) => d.code === 'render/overflow');
    expect(overflow).toHaveLength(1);
    // Overflow fails the build: the free field is named, at its line.
    expect(result.ok).toBe(false);
    expect(overflow[0]).toMatchObject({ line, severity: 'error' });
    expect(overflow[0]?.message).toMatch(/^event card `spoofing-2` \(en\): `fields\.cwe`/);
  });
});

describe('card images', () => {
  it('go through the image pipeline: a picture too small for print is a warning at the card’s `image`', async () => {
    const dir = mkdtempSync(join(work, 'lowres-'));
    cpSync(FIXTURE, dir, { recursive: true });
    const sharp = (await import('sharp')).default;
    await sharp({ create: { width: 60, height: 30, channels: 3, background: '#88aacc' } })
      .png()
      .toFile(join(dir, 'assets/small.png'));
    const file = join(dir, 'deck.yaml');
    const yaml = readFileSync(file, 'utf8').replace('image: assets/network.svg', 'image: assets/small.png');
    writeFileSync(file, yaml);
    const line = yaml.split('\n').findIndex((l) => l.includes('image: assets/small.png')) + 1;
    const result = await buildDecks([dir], { outDir: join(dir, 'out'), cwd: dir, only: ['cards'] });
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'render/low-resolution', line, column: 12, severity: 'warning' }),
    ]);
  });

  it('must exist inside the deck folder', () => {
    const dir = mkdtempSync(join(work, 'missing-image-'));
    cpSync(FIXTURE, dir, { recursive: true });
    const file = join(dir, 'deck.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('icon: assets/lock.svg', 'icon: assets/lok.svg'));
    const { diagnostics } = validateDeck(dir);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'asset/missing', column: 11 })]);
  });
});

describe('uniform backs', () => {
  const backsOf = (backs: 'uniform' | 'phase', edit: (yaml: string) => string = (y) => y) => {
    const dir = mkdtempSync(join(work, `backs-${backs}-`));
    cpSync(FIXTURE, dir, { recursive: true });
    const file = join(dir, 'deck.yaml');
    writeFileSync(file, edit(readFileSync(file, 'utf8').replace('backs: uniform', `backs: ${backs}`)));
    const deck = loadDeck(dir);
    const session = Session.open(inputFor(deck), {
      templates: ['card-front', 'card-back', 'profile-card'],
      title: 'test',
      size: [595, 842],
      identity: 'test',
    });
    if (!(session instanceof Session)) throw new Error('session did not open');
    return [...cardItems(deck, session, 'events')];
  };

  it('gives every card of the deck one back, whatever its phase, with nothing from the card on it', () => {
    const items = backsOf('uniform');
    expect(items).toHaveLength(4);
    const first = items[0]?.back;
    for (const item of items) expect(item.back.data).toBe(first?.data);
    expect(first?.data).toMatchObject({ back: { kind: 'uniform' }, phase: null });
    expect(JSON.stringify(first?.data)).not.toMatch(/Spoofing|Tampering|Review|Play/);
    // The cards of both phases share sheets: nothing on the backs tells them apart.
    expect(new Set(items.map((i) => i.group)).size).toBe(1);
  });

  it('gives each phase its own back otherwise, with its own art when it has some', () => {
    const art = (y: string) =>
      y.replace('    colour: "#33415c"\n', '    colour: "#33415c"\n    cardBack: assets/network.svg\n');
    const items = backsOf('phase', art);
    expect(new Set(items.map((i) => i.back.data)).size).toBe(2);
    expect(new Set(items.map((i) => i.group)).size).toBe(2);
    const arts = items.map((i) => (i.back.data as { back: { art: string | null } }).back.art);
    expect(arts).toEqual(['assets/network.svg', 'assets/network.svg', null, null]);
    // Uniform backs take no phase's art: it would tell the phases apart.
    const uniform = backsOf('uniform', art);
    expect(uniform[0]?.back.data).toMatchObject({ back: { kind: 'uniform', art: null } });
  });

  it('prints the same text on every back of the built deck', async () => {
    const pages = await pdfText(readFileSync(join(folder, 'event-cards.pdf')));
    // Page 2 holds the backs of the four cards: the deck's title four times, and nothing else.
    expect(normalize(pages[1] ?? '')).toBe('Threat cards Threat cards Threat cards Threat cards');
    expect(existsSync(join(folder, 'context-sheets.pdf'))).toBe(false);
  });
});
