import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Deck } from '../check/deck.ts';

/** Folder inside a deck that holds one `<locale>.yaml` per translation. */
export const LOCALES_DIR = 'locales';

/** The deck's source language first, then every locale with a translation file, sorted. */
export function deckLocales(deck: Deck): string[] {
  const dir = join(deck.absoluteDir, LOCALES_DIR);
  const translated = existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => n.endsWith('.yaml'))
        .map((n) => n.slice(0, -'.yaml'.length))
        .filter((l) => l !== deck.meta.language)
        .sort()
    : [];
  return [deck.meta.language, ...translated];
}
