import { describe, expect, it } from 'vitest';
import { BUNDLED_FONTS, missingGlyphs } from '../../src/fonts/font-files.ts';
import { localizeDeck } from '../../src/localize/localize-deck.ts';
import { pseudoLocalize } from '../../src/localize/pseudo.ts';
import { listStrings } from '../../src/localize/strings.ts';
import { parseMarkdown } from '../../src/markdown.ts';
import { loadDeck, MINI, SHY } from './helpers.ts';

const length = (s: string) => [...s.replaceAll(SHY, '')].length;

describe('pseudo-locale qps-ploc', () => {
  it('accents every letter and brackets the text', () => {
    const text = pseudoLocalize('Quelle licence choisir pour les données publiques ?');
    expect(text).toMatch(/^\[Ǫûéļļé ļîçéñçé çĥöîšîŕ þöûŕ ļéš ðöññééš þûƀļîǫûéš \?.*\]$/);
    expect(text).not.toMatch(/[a-zA-Z]/);
  });

  it('makes the deck about 40% longer, string by string and as a whole', () => {
    const deck = loadDeck(MINI);
    const pseudo = localizeDeck(deck, 'qps-ploc');
    expect(pseudo.diagnostics).toEqual([]);
    const source = listStrings(deck);
    const target = new Map(listStrings(pseudo.deck ?? deck).map((s) => [s.key, s.text]));
    let before = 0;
    let after = 0;
    for (const s of source) {
      const text = target.get(s.key) ?? '';
      before += length(s.text);
      after += length(text);
      if (length(s.text) >= 20) {
        expect(length(text) / length(s.text), s.key).toBeGreaterThanOrEqual(1.35);
        expect(length(text) / length(s.text), s.key).toBeLessThanOrEqual(1.6);
      }
    }
    expect(after / before).toBeGreaterThan(1.35);
    expect(after / before).toBeLessThan(1.5);
  });

  it('keeps Markdown markup and list markers intact', () => {
    const source = 'Les horaires sont publiés :\n- un fichier **CSV** ;\n- une mise à *jour*.';
    const text = pseudoLocalize(source);
    const lines = text.split('\n');
    expect(lines[1]).toMatch(/^- \[.*\*\*ÇŠṼ\*\*/);
    expect(lines[2]).toMatch(/^- \[.*\*ĵöûŕ\*/);
    const blocks = parseMarkdown(text);
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'list']);
    const list = blocks[1];
    expect(list?.kind === 'list' && list.items).toHaveLength(2);
    expect(list?.kind === 'list' && list.items[0]?.some((r) => r.bold && r.text === 'ÇŠṼ')).toBe(true);
    expect(
      pseudoLocalize('1. un\n2. deux')
        .split('\n')
        .map((l) => l.slice(0, 4)),
    ).toEqual(['1. [', '2. [']);
  });

  it('leaves placeholders, URLs and code as they are, and is deterministic', () => {
    expect(pseudoLocalize('Page {page} / {pages}')).toMatch(/^\[Þáĝé \{page\} \/ \{pages\}.*\]$/);
    expect(pseudoLocalize('voir https://exemple.fr/a')).toContain('https://exemple.fr/a');
    expect(pseudoLocalize('lancez `npm start`')).toContain('`npm start`');
    expect(pseudoLocalize('Même texte')).toBe(pseudoLocalize('Même texte'));
  });

  it('is drawable by Noto Sans in every face', () => {
    const deck = localizeDeck(loadDeck(MINI), 'qps-ploc').deck;
    const all = listStrings(deck ?? loadDeck(MINI))
      .map((s) => s.text)
      .join('\n');
    for (const face of ['regular', 'bold', 'italic', 'boldItalic'] as const)
      expect(missingGlyphs(all, BUNDLED_FONTS, face)).toEqual([]);
  });

  it('hyphenates card text with the source language’s patterns before accenting it', () => {
    const situation = localizeDeck(loadDeck(MINI), 'qps-ploc').deck?.events[0]?.situation ?? '';
    expect(situation).toContain(`ĵû${SHY}ŕî${SHY}ðîǫûé`);
  });
});
