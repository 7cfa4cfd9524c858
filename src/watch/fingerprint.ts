import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { BuildDocument } from '../build/build.ts';
import type { Deck } from '../check/deck.ts';
import type { RenderInput } from '../render/types.ts';

/**
 * Which layout files each document reads, by path under `templates/`. A file that matches none (a new shared
 * partial, say) counts for every document: rebuilding too much is slow, rebuilding too little is wrong.
 */
const LAYOUT_FILES: Record<BuildDocument, RegExp> = {
  cards: /^(card-|calibration-|profile-card|partials\/card\/)/,
  printShop: /^(card-|profile-card|partials\/card\/)/,
  sheets: /^(context-sheet|partials\/sheet\/)/,
  guide: /^(guide|partials\/guide\/)/,
  handout: /^(handout|partials\/handout\/)/,
};

const DOCUMENTS = Object.keys(LAYOUT_FILES) as BuildDocument[];

/**
 * Modification stamps of the layout files of each document, taken once per rebuild: atelier's own, and those of
 * a deck's `templates/` folder, which may override them file by file.
 */
export function layoutStamps(templatesDirs: readonly string[]): Record<BuildDocument, string> {
  const stamps = Object.fromEntries(DOCUMENTS.map((d) => [d, [] as string[]])) as Record<
    BuildDocument,
    string[]
  >;
  const files = templatesDirs.flatMap((dir) => listFiles(dir).map((file) => ({ dir, file })));
  for (const { dir, file } of files) {
    const name = relative(dir, file).split(sep).join('/');
    if (name.startsWith('labels/')) continue; // labels reach the documents through the render input
    let stamp: string;
    try {
      const s = statSync(file);
      stamp = `${file}:${s.mtimeMs}:${s.size}`;
    } catch {
      continue;
    }
    const users = DOCUMENTS.filter((d) => LAYOUT_FILES[d].test(name));
    for (const d of users.length > 0 ? users : DOCUMENTS) stamps[d].push(stamp);
  }
  return Object.fromEntries(DOCUMENTS.map((d) => [d, stamps[d].join('|')])) as Record<BuildDocument, string>;
}

/**
 * A hash of everything a document is made from: the part of the localized deck it shows, the labels, fonts,
 * options and date, and its layout files. Same fingerprint, same bytes (builds are deterministic), so the
 * document need not be rendered again.
 */
export function documentFingerprint(document: BuildDocument, input: RenderInput, layouts: string): string {
  const hash = createHash('sha256');
  hash.update(document).update('\0').update(layouts).update('\0');
  hash.update(
    JSON.stringify([input.locale, input.labels, input.fonts, input.options, input.date.toISOString()]),
  );
  hash.update(JSON.stringify(deckPart(document, input.deck)));
  return hash.digest('hex');
}

/**
 * The part of the deck a document shows: cards never show the guide or facilitator notes; sheets no cards; the
 * guide and the handout (made from the same model) everything.
 */
function deckPart(document: BuildDocument, deck: Deck): object {
  const { origin: _origin, files: _files, ...content } = deck;
  switch (document) {
    case 'guide':
    case 'handout':
      return content;
    case 'sheets':
      return { ...content, guide: undefined, events: undefined, profiles: undefined };
    default:
      return { ...content, guide: undefined, events: deck.events.map((e) => ({ ...e, notes: undefined })) };
  }
}

function listFiles(dir: string): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return listFiles(path);
    return e.isFile() ? [path] : [];
  });
}
