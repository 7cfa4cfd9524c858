import { relative } from 'node:path';
import type { Deck } from '../check/deck.ts';
import type { LocaleFile } from '../locale-files/locale-file.ts';
import { compareLocale, type StringState } from '../localize/compare.ts';
import { normalizeText } from '../localize/hash.ts';
import { listStrings } from '../localize/strings.ts';

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

/** The deck's strings in reading order, with the locale file's translations. */
export function translationUnits(deck: Deck, file: LocaleFile | undefined): TranslationUnit[] {
  return compareLocale(listStrings(deck), file).strings.map(({ string: s, state, entry }) => ({
    key: s.key,
    source: normalizeText(s.text),
    ...(entry ? { target: normalizeText(entry.text) } : {}),
    state,
    ...(state === 'stale' && entry?.from !== undefined ? { previous: normalizeText(entry.from) } : {}),
    reviewed: state === 'translated' && entry?.reviewed === true,
    field: s.field,
    owner: s.owner,
    ...(s.notes ? { notes: normalizeText(s.notes) } : {}),
    ...(s.position
      ? { reference: `${relative(deck.dir, s.position.file).split('\\').join('/')}:${s.position.line}` }
      : {}),
  }));
}
