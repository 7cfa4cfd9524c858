import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkDeck } from './check/check-deck.ts';
import type { Deck } from './check/deck.ts';
import { HANDOUT_LAYOUT, loadGuideTemplates } from './compose/guide/template.ts';
import { LAYOUT_SPEC } from './compose/layout/spec.ts';
import { deckTemplatesDir, loadTemplates } from './compose/templates.ts';
import type { Diagnostic } from './diagnostics/diagnostic.ts';
import { DECK_FILE, displayPath, loadDeck } from './load/load-deck.ts';
import { CALIBRATION_TEMPLATES } from './render/calibration.ts';
import { CARD_TEMPLATES } from './render/card-items.ts';

export type { Deck } from './check/deck.ts';
export type { Diagnostic } from './diagnostics/diagnostic.ts';

/** Folder that holds the decks `npm start` builds when no folder is named. */
export const DECKS_DIR = 'decks';

/** Every folder under `decks/` that holds a deck.yaml, sorted. */
export function findDecks(cwd: string = process.cwd()): string[] {
  const root = resolve(cwd, DECKS_DIR);
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, e.name, DECK_FILE)))
    .map((e) => displayPath(join(root, e.name), cwd))
    .sort();
}

export interface ValidateResult {
  deck?: Deck;
  diagnostics: Diagnostic[];
}

/** Load then check one deck folder. Never throws for bad input. */
export function validateDeck(dir: string, cwd: string = process.cwd()): ValidateResult {
  const loaded = loadDeck(dir, cwd);
  if (!loaded.deck) return { diagnostics: loaded.diagnostics };
  const checked = checkDeck(loaded.deck);
  // The plain copy of each file's data has been checked into the Deck: let it go (a 5,000-card deck holds
  // three copies otherwise). The YAML documents stay, to locate diagnostics of later stages.
  for (const file of loaded.deck.files) file.data = undefined;
  return {
    ...(checked.deck ? { deck: checked.deck } : {}),
    diagnostics: [...loaded.diagnostics, ...checked.diagnostics],
  };
}

/**
 * The layouts a deck brings in its `templates/` folder, loaded with atelier's own as a build would: Handlebars
 * syntax, markup and partials are checked without building. Only problems in the deck's files are returned
 * (atelier's own layouts are checked by its tests).
 */
export function validateDeckTemplates(deck: Deck, cwd: string = process.cwd()): Diagnostic[] {
  const overrides = deckTemplatesDir(deck.absoluteDir);
  if (!overrides) return [];
  const cards = loadTemplates({
    names: [...CARD_TEMPLATES, 'context-sheet', ...CALIBRATION_TEMPLATES],
    spec: LAYOUT_SPEC,
    overrides,
  });
  const guide = loadGuideTemplates(undefined, overrides);
  const handout = loadGuideTemplates(undefined, overrides, HANDOUT_LAYOUT);
  return [...cards.diagnostics, ...guide.diagnostics, ...handout.diagnostics].filter(
    (d) => d.file !== undefined && resolve(cwd, d.file).startsWith(resolve(overrides)),
  );
}
