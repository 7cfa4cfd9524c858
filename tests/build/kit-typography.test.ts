import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDecks } from '../../src/build/build.ts';
import { tempDir } from '../helpers/temp-dirs.ts';
import { hasTool } from '../helpers/tools.ts';

/*
 * Typography of what reaches paper, read back with pdftotext: no word is cut without a hyphen (the shipped
 * kit's guides, and a deck of seven phases whose long names once were cut on the guide's cover), and French
 * hyphenation keeps to its rules across the shipped kit. Skipped without pdftotext (poppler-utils).
 */

const hasPdftotext = hasTool('pdftotext');
if (!hasPdftotext)
  console.warn('kit typography checks skipped: pdftotext not installed (apt-get install poppler-utils)');

const SHIPPED = resolve('decks/open-data-territoires');
const SEVEN = resolve('tests/fixtures/build/seven-phases');
const LETTERS = /[\p{L}\p{M}]+/gu;

/** Every word written in the deck's files and the label catalogs, lower-cased. */
function sourceWords(deckDir: string): Set<string> {
  const texts: string[] = [];
  const read = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) read(join(dir, entry.name));
      else if (/\.ya?ml$/.test(entry.name)) texts.push(readFileSync(join(dir, entry.name), 'utf8'));
    }
  };
  read(deckDir);
  read(resolve('templates/labels'));
  const words = new Set<string>();
  for (const text of texts) for (const m of text.toLowerCase().matchAll(LETTERS)) words.add(m[0]);
  // Compounds as written, to tell a hyphen of the text from one added at a line end.
  for (const text of texts)
    for (const m of text.toLowerCase().matchAll(/[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)+/gu)) words.add(m[0]);
  return words;
}

function lines(pdf: string): string[] {
  return execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).split('\n');
}

interface Hyphenation {
  before: string;
  after: string;
  /** The whole last token of the line (a compound shows its own hyphen there). */
  token: string;
  line: number;
  /** Words after the fragment on the continuation line. */
  wordsAfter: number;
}

/** Line ends where a word was hyphenated (the joined letters make a word of the source, not a compound). */
function hyphenations(text: string[], words: Set<string>): Hyphenation[] {
  const found: Hyphenation[] = [];
  for (let i = 0; i + 1 < text.length; i++) {
    const m = /(\S*?)([\p{L}\p{M}]+)-$/u.exec(text[i] as string);
    const next = /^([\p{L}\p{M}]+)(.*)$/u.exec(text[i + 1] as string);
    if (!m || !next) continue;
    const before = m[2] as string;
    const after = next[1] as string;
    const joined = (before + after).toLowerCase();
    if (words.has(`${before}-${after}`.toLowerCase()) || !words.has(joined)) continue;
    found.push({
      before,
      after,
      token: `${m[1]}${before}-`,
      line: i,
      wordsAfter: [...(next[2] as string).matchAll(LETTERS)].length,
    });
  }
  return found;
}

/** Words of the PDF that are neither source words nor joined across a hyphenated line end, but pieces of one. */
function cutWords(text: string[], words: Set<string>): string[] {
  const joinedAt = new Set(hyphenations(text, words).flatMap((h) => [h.line, h.line + 1]));
  const known = [...words];
  const cut: string[] = [];
  text.forEach((line, i) => {
    const tokens = [...line.matchAll(LETTERS)].map((m) => m[0]);
    tokens.forEach((token, k) => {
      // The fragments of a hyphenated word are checked joined, by `hyphenations`.
      if (joinedAt.has(i) && (k === tokens.length - 1 || k === 0)) return;
      const lower = token.toLowerCase();
      if (lower.length < 2 || words.has(lower)) return;
      if (known.some((w) => w.length > lower.length && (w.startsWith(lower) || w.endsWith(lower))))
        cut.push(`${token} (line ${i + 1}: ${line})`);
    });
  });
  return cut;
}

describe.skipIf(!hasPdftotext)('typography of the printed kit', () => {
  const out = tempDir('atelier-kit-typography-');
  beforeAll(async () => {
    const shipped = await buildDecks([SHIPPED], { outDir: out, cwd: out });
    expect(shipped.ok).toBe(true);
    const seven = await buildDecks([SEVEN], { outDir: out, cwd: out });
    expect(seven.ok).toBe(true);
  });

  const pdf = (deck: string, locale: string, file: string) => join(out, deck, locale, file);

  it('has checks that see a cut word and a rule broken', () => {
    const words = new Set(['authentication', 'colloque', 'vice-président', 'vice', 'président', 'le']);
    expect(cutWords(['AUTHENTICAT', 'ION'], words)).toHaveLength(2);
    expect(hyphenations(['le col-', 'loque.'], words)[0]?.wordsAfter).toBe(0);
    expect(hyphenations(['le vice-pré-', 'sident'], words)[0]?.token).toBe('vice-pré-');
  });

  it('cuts no word without a hyphen in the shipped guides and in a seven-phase deck', () => {
    const shippedWords = sourceWords(SHIPPED);
    for (const locale of ['fr', 'en'])
      expect(
        cutWords(lines(pdf('open-data-territoires', locale, 'facilitator-guide.pdf')), shippedWords),
      ).toEqual([]);
    const sevenWords = sourceWords(SEVEN);
    for (const file of ['facilitator-guide.pdf', 'event-cards.pdf'])
      expect(cutWords(lines(pdf('seven-phases', 'en', file)), sevenWords), file).toEqual([]);
    // The phase names sit whole under the cover's swatches.
    const cover = execFileSync(
      'pdftotext',
      ['-l', '1', pdf('seven-phases', 'en', 'facilitator-guide.pdf'), '-'],
      {
        encoding: 'utf8',
      },
    );
    for (const name of ['AUTHENTICATION', 'КОДИРОВАНИЕ', 'Interoperability', 'Decommissioning'])
      expect(cover).toContain(name);
  });

  it('hyphenates French by the rules: 2 letters before, 3 after, no last word, no compound inside, 2 lines in a row at most', () => {
    const words = sourceWords(SHIPPED);
    let total = 0;
    for (const file of [
      'event-cards.pdf',
      'profile-cards.pdf',
      'context-sheets.pdf',
      'facilitator-guide.pdf',
    ]) {
      const text = lines(pdf('open-data-territoires', 'fr', file));
      const found = hyphenations(text, words);
      total += found.length;
      for (const h of found) {
        const where = `${file} line ${h.line + 1}: ${h.token} ${h.after}`;
        expect([...h.before].length, where).toBeGreaterThanOrEqual(2);
        expect([...h.after].length, where).toBeGreaterThanOrEqual(3);
        expect(h.token.slice(0, -1), `compound broken inside: ${where}`).not.toMatch(/[\p{L}]-[\p{L}]/u);
        expect(h.wordsAfter, `last word of a paragraph: ${where}`).toBeGreaterThan(0);
      }
      // Hyphenated lines in a row: consecutive line numbers.
      let run = 1;
      for (let k = 1; k < found.length; k++) {
        run = (found[k] as Hyphenation).line === (found[k - 1] as Hyphenation).line + 1 ? run + 1 : 1;
        expect(run, `${file} line ${(found[k] as Hyphenation).line + 1}`).toBeLessThanOrEqual(2);
      }
    }
    // The check saw hyphenated lines (the narrow card columns still need some).
    expect(total).toBeGreaterThan(0);
  });
});
