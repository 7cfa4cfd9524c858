import type { Face } from '../fonts.ts';
import type { EncodedWord, FontSet } from './faces.ts';

/** Text in one face and colour, as it comes from a paragraph's runs. */
export interface FaceRun {
  text: string;
  face: Face;
  colour: string;
}

/** A piece of an atom drawn in one face and colour. */
export interface Piece {
  face: Face;
  colour: string;
  text: string;
  word: EncodedWord;
  chars: number;
}

/** What may follow an atom: a breakable space, a soft hyphen, a free break (after `-`, U+200B), nothing, or a forced line break. */
export const enum Break {
  None = 0,
  Space = 1,
  Shy = 2,
  Free = 3,
  Newline = 4,
}

/** The smallest unit the line breaker moves: text between two break opportunities. */
export interface Atom {
  pieces: Piece[];
  /** Advance of the pieces in thousandths of an em (multiply by the size / 1000 for points). */
  units: number;
  chars: number;
  brk: Break;
  /** Width of the space that follows (when `brk` is Space) and of a hyphen (when Shy), in thousandths of an em. */
  spaceUnits: number;
  hyphenUnits: number;
}

export interface TokenizeOptions {
  upper: boolean;
  locale: string;
  /** Called once per character that no font can draw; the character is left out. */
  onMissing(ch: string): void;
}

const SHY = 0xad;
const ZWSP = 0x200b;
const IGNORED = new Set([0x2060, 0xfeff, 0x0d]);

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && /\p{L}/u.test(ch);
}

/**
 * Cuts runs into atoms. No-break spaces (U+00A0, U+202F) stay inside atoms, so a line never breaks there; a
 * soft hyphen is a break that shows a hyphen only when taken; a hyphen between letters allows a break after
 * it. A character missing from the run's face is drawn with the symbol face, or reported when that lacks it too.
 */
export function tokenize(runs: readonly FaceRun[], fonts: FontSet, options: TokenizeOptions): Atom[] {
  const atoms: Atom[] = [];
  let pieces: Piece[] = [];
  let piece: { face: Face; colour: string; text: string } | undefined;

  const flushPiece = () => {
    if (piece && piece.text !== '') {
      pieces.push({ ...piece, word: fonts.encode(piece.face, piece.text), chars: [...piece.text].length });
    }
    piece = undefined;
  };
  const endAtom = (brk: Break) => {
    flushPiece();
    if (pieces.length === 0) {
      const last = atoms.at(-1);
      // A break right after another (two spaces, a space before a newline) strengthens it instead of adding an empty atom.
      if (last && brk === Break.Newline) {
        if (last.brk === Break.Newline) atoms.push(emptyAtom(Break.Newline));
        else last.brk = Break.Newline;
      } else if (brk === Break.Newline) atoms.push(emptyAtom(Break.Newline));
      return;
    }
    const lastPiece = pieces.at(-1) as Piece;
    let units = 0;
    let chars = 0;
    for (const p of pieces) {
      units += p.word.units;
      chars += p.chars;
    }
    atoms.push({
      pieces,
      units,
      chars,
      brk,
      spaceUnits: brk === Break.Space ? fonts.encode(lastPiece.face, ' ').units : 0,
      hyphenUnits: brk === Break.Shy ? fonts.encode(lastPiece.face, '-').units : 0,
    });
    pieces = [];
  };

  for (const run of runs) {
    const text = options.upper ? run.text.toLocaleUpperCase(options.locale) : run.text;
    const chars = [...text];
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i] as string;
      const cp = ch.codePointAt(0) as number;
      if (ch === ' ' || ch === '\t') {
        endAtom(Break.Space);
        continue;
      }
      if (ch === '\n') {
        endAtom(Break.Newline);
        continue;
      }
      if (cp === SHY) {
        if (piece?.text || pieces.length > 0) endAtom(Break.Shy);
        continue;
      }
      if (cp === ZWSP) {
        endAtom(Break.Free);
        continue;
      }
      if (IGNORED.has(cp)) continue;
      let face: Face = run.face;
      if (!fonts.has(face, cp)) {
        if (fonts.has('symbol', cp)) face = 'symbol';
        else {
          options.onMissing(ch);
          continue;
        }
      }
      if (!piece || piece.face !== face || piece.colour !== run.colour) {
        flushPiece();
        piece = { face, colour: run.colour, text: '' };
      }
      piece.text += ch;
      // A hyphen between letters ("open-data") is a place to break, keeping the hyphen on the first line.
      if ((ch === '-' || cp === 0x2010) && isLetter(chars[i - 1] ?? lastChar(pieces)) && isLetter(chars[i + 1])) endAtom(Break.Free);
    }
    flushPiece();
  }
  endAtom(Break.None);
  // Trailing spaces and breaks at the very end draw nothing.
  const last = atoms.at(-1);
  if (last && last.brk === Break.Space) last.brk = Break.None;
  while (atoms.length > 0 && (atoms.at(-1) as Atom).pieces.length === 0) atoms.pop();
  return atoms;
}

function lastChar(pieces: Piece[]): string | undefined {
  const text = pieces.at(-1)?.text;
  return text ? [...text].at(-1) : undefined;
}

function emptyAtom(brk: Break): Atom {
  return { pieces: [], units: 0, chars: 0, brk, spaceUnits: 0, hyphenUnits: 0 };
}
