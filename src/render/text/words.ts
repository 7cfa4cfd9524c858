import type { Face } from '../../fonts/font-files.ts';
import { innerBreaks, isRightToLeftLocale, reorder, wordLevels } from './breaks.ts';
import type { FontSet, Piece, Pieces } from './faces.ts';
import { fractionalExample } from './number-fields.ts';
import { RIGHT_TO_LEFT } from './shaper.ts';

export type { Piece } from './faces.ts';

/** Text in one face and colour, as it comes from a paragraph's runs. */
export interface FaceRun {
  text: string;
  face: Face;
  colour: string;
}

/** What may follow an atom: a breakable space, a soft hyphen, a free break (after `-`, U+200B), nothing, or a forced line break. */
export enum Break {
  None = 0,
  Space = 1,
  Shy = 2,
  Free = 3,
  Newline = 4,
}

/** The smallest unit the line breaker moves: text between two break opportunities. */
export interface Atom {
  pieces: readonly Piece[];
  /** Advance of the pieces in thousandths of an em (multiply by the size / 1000 for points). */
  units: number;
  chars: number;
  brk: Break;
  /** Width of the space that follows (when `brk` is Space) and of a hyphen (when Shy), in thousandths of an em. */
  spaceUnits: number;
  hyphenUnits: number;
  /** Bidi embedding level (odd: right to left), from the paragraph's text; 0 in left-to-right text. */
  level: number;
}

/**
 * An atom, always made here with its fields in this order: atoms made elsewhere (the guide's) as literals with
 * the same fields in the same order share its layout, and the code that reads atoms stays monomorphic.
 */
export function makeAtom(
  pieces: readonly Piece[],
  units: number,
  chars: number,
  brk: Break,
  spaceUnits: number,
  hyphenUnits: number,
  level: number,
): Atom {
  return { pieces, units, chars, brk, spaceUnits, hyphenUnits, level };
}
fractionalExample(makeAtom([], 0.5, 0, Break.None, 0.5, 0.5, 0));

/** Whether atoms `[start, end)` all run left to right (bidi level 0): drawn in reading order. */
export function isLeftToRightIn(atoms: readonly Atom[], start: number, end: number): boolean {
  for (let i = start; i < end; i++) if ((atoms[i] as Atom).level > 0) return false;
  return true;
}

/** Indexes of atoms `[start, end)` of a line in the order they are drawn, left to right. */
export function visualOrder(atoms: readonly Atom[], start: number, end: number): number[] {
  if (isLeftToRightIn(atoms, start, end)) {
    const order: number[] = [];
    for (let i = start; i < end; i++) order.push(i);
    return order;
  }
  return reorder((i) => (atoms[i] as Atom).level, start, end);
}

/** Whether the paragraph runs right to left (its lines start at the right margin). */
export function isRightToLeft(atoms: readonly Atom[]): boolean {
  return atoms.length > 0 && atoms.every((a) => a.level > 0);
}

export interface TokenizeOptions {
  upper: boolean;
  locale: string;
  /** Called once per character that no font can draw; the character is left out. */
  onMissing(ch: string): void;
}

const SPACE = 0x20;
const TAB = 0x09;
const NEWLINE = 0x0a;
const RETURN = 0x0d;
const SHY = 0xad;
const ZWSP = 0x200b;
const WORD_JOINER = 0x2060;
const BOM = 0xfeff;
const HYPHEN = 0x2d;
const UNICODE_HYPHEN = 0x2010;

/** Characters that end a stretch of ordinary text. */
function special(c: number): boolean {
  return (
    c === SPACE ||
    c === TAB ||
    c === NEWLINE ||
    c === RETURN ||
    c === SHY ||
    c === ZWSP ||
    c === WORD_JOINER ||
    c === BOM ||
    c === HYPHEN ||
    c === UNICODE_HYPHEN
  );
}

const LETTER = /\p{L}/u;

/**
 * Cuts runs into atoms. No-break spaces (U+00A0, U+202F) stay inside atoms, so a line never breaks there; a
 * soft hyphen is a break that shows a hyphen only when taken; a hyphen between letters allows a break after
 * it. A character missing from the run's face is drawn with the symbol face, or reported when that lacks it
 * too. Stretches of text are looked up whole in the font set's cache: words repeat, characters need not be
 * examined twice.
 */
export function tokenize(runs: readonly FaceRun[], fonts: FontSet, options: TokenizeOptions): Atom[] {
  const state = new Tokenizer(fonts, options);
  for (const run of runs) state.run(run);
  return state.finish();
}

/** State of one `tokenize` call; methods rather than closures keep the hot loop free of allocations. */
class Tokenizer {
  private readonly atoms: Atom[] = [];
  private pieces: readonly Piece[] = [];
  private owned = false;

  constructor(
    private readonly fonts: FontSet,
    private readonly options: TokenizeOptions,
  ) {}

  run(run: FaceRun): void {
    const text = this.options.upper ? run.text.toLocaleUpperCase(this.options.locale) : run.text;
    const table = this.fonts.piecesTable(run.face, run.colour);
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (!special(c)) {
        let j = i + 1;
        while (j < n && !special(text.charCodeAt(j))) j++;
        const stretch = text.slice(i, j);
        // Break opportunities inside the stretch (after a slash, between ideographs), by UAX #14.
        let from = 0;
        for (const at of innerBreaks(stretch)) {
          this.segment(table, run, stretch.slice(from, at));
          this.end(Break.Free);
          from = at;
        }
        this.segment(table, run, from === 0 ? stretch : stretch.slice(from));
        i = j;
        continue;
      }
      if (c === SPACE || c === TAB) this.end(Break.Space);
      else if (c === NEWLINE) this.end(Break.Newline);
      else if (c === SHY) {
        if (this.pieces.length > 0) this.end(Break.Shy);
      } else if (c === ZWSP) this.end(Break.Free);
      else if (c === HYPHEN || c === UNICODE_HYPHEN) {
        this.segment(table, run, text[i] as string);
        // Between letters ("open-data") a hyphen is a place to break, keeping it on the first line.
        if (LETTER.test(text[i - 1] ?? '') && LETTER.test(text[i + 1] ?? '')) this.end(Break.Free);
      }
      i++;
    }
  }

  finish(): Atom[] {
    this.end(Break.None);
    const { atoms } = this;
    // Trailing spaces and breaks at the very end draw nothing.
    const last = atoms.at(-1);
    if (last && last.brk === Break.Space) last.brk = Break.None;
    while (atoms.length > 0 && (atoms.at(-1) as Atom).pieces.length === 0) atoms.pop();
    // Levels are all 0 (left to right) unless the locale or some word is right to left: the common case
    // makes no list of words.
    const { locale } = this.options;
    if (!isRightToLeftLocale(locale) && !atoms.some((a) => a.pieces.some((p) => RIGHT_TO_LEFT.test(p.text))))
      return atoms;
    const levels = wordLevels(
      atoms.map((a) =>
        a.pieces.length === 1 ? (a.pieces[0] as Piece).text : a.pieces.map((p) => p.text).join(''),
      ),
      locale,
    );
    if (levels) for (const [i, a] of atoms.entries()) a.level = levels[i] ?? 0;
    return atoms;
  }

  private segment(table: Map<string, Pieces>, run: FaceRun, text: string): void {
    const found = table.get(text) ?? this.fonts.pieces(run.face, run.colour, text);
    for (const ch of found.missing) this.options.onMissing(ch);
    const more = found.pieces;
    if (more.length === 0) return;
    if (this.pieces.length === 0) {
      this.pieces = more;
      this.owned = false;
    } else {
      this.pieces = this.owned ? (this.pieces as Piece[]).concat(more) : [...this.pieces, ...more];
      this.owned = true;
    }
  }

  private end(brk: Break): void {
    const { pieces, atoms } = this;
    if (pieces.length === 0) {
      const last = atoms.at(-1);
      // A break right after another (a space before a newline) strengthens it instead of adding an empty atom.
      if (brk === Break.Newline) {
        if (last && last.brk !== Break.Newline) last.brk = Break.Newline;
        else atoms.push(makeAtom([], 0, 0, brk, 0, 0, 0));
      }
      return;
    }
    let units = 0;
    let chars = 0;
    for (const p of pieces) {
      units += p.word.units;
      chars += p.chars;
    }
    const lastFace = (pieces[pieces.length - 1] as Piece).face;
    const spaceUnits = brk === Break.Space ? this.fonts.encode(lastFace, ' ').units : 0;
    const hyphenUnits = brk === Break.Shy ? this.fonts.encode(lastFace, '-').units : 0;
    atoms.push(makeAtom(pieces, units, chars, brk, spaceUnits, hyphenUnits, 0));
    this.pieces = [];
    this.owned = false;
  }
}
