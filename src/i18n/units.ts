import { relative, resolve } from 'node:path';
import type { Deck } from '../check/deck.ts';
import type { Position } from '../diagnostics/diagnostic.ts';
import { normalizeText } from '../locale-files/hash.ts';
import type { LocaleFile } from '../locale-files/locale-file.ts';
import { compareLocale, type StringState } from '../localize/compare.ts';
import { PACKAGE_ROOT } from '../paths.ts';
import { localeStrings } from './deck-strings.ts';

/** One string as exchanged with a translator: its source, its translation so far, and what helps translate it. */
export interface TranslationUnit {
  key: string;
  /** Today's source text (normalised: no trailing whitespace). */
  source: string;
  /** The translation the locale file holds, current or stale. */
  target?: string;
  state: StringState;
  /** For a stale entry: the source text it was translated from, when the file kept it. */
  previous?: string;
  reviewed: boolean;
  field: string;
  owner: string;
  notes?: string;
  /** `file:line` of the source text, relative to the deck folder. */
  reference?: string;
}

/** The deck's strings in reading order and the labels the locale needs, with the locale file's translations. */
export function translationUnits(
  deck: Deck,
  locale: string,
  file: LocaleFile | undefined,
): TranslationUnit[] {
  const { strings, translations } = localeStrings(deck, locale, file);
  return compareLocale(strings, translations).strings.map(({ string: s, state, entry }) => ({
    key: s.key,
    source: normalizeText(s.text),
    ...(entry ? { target: normalizeText(entry.text) } : {}),
    state,
    ...(state === 'stale' && entry?.from !== undefined ? { previous: normalizeText(entry.from) } : {}),
    reviewed: state === 'translated' && entry?.reviewed === true,
    field: s.field,
    owner: s.owner,
    ...(s.notes ? { notes: normalizeText(s.notes) } : {}),
    ...(s.position ? { reference: reference(deck, s.position) } : {}),
  }));
}

/** `file:line` of a source text inside the deck folder; atelier's own label catalogs as `atelier:templates/...`. */
function reference(deck: Deck, position: Position): string {
  const inDeck = relative(deck.dir, position.file);
  const path = inDeck.startsWith('..') ? `atelier:${relative(PACKAGE_ROOT, resolve(position.file))}` : inDeck;
  return `${path.split('\\').join('/')}:${position.line}`;
}
