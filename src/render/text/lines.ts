import { fractionalExample } from './number-fields.ts';
import { type Atom, Break } from './words.ts';

/** A line: atoms `[start, end)`, its width in points, and whether it ends on a soft hyphen drawn as `-`. */
export interface Line {
  start: number;
  end: number;
  width: number;
  hyphen: boolean;
  /** An unbreakable piece wider than the box: drawn past the edge (clipped) and reported. */
  overfull: boolean;
}

/** A line, always made with its fields in this order (as `makeAtom` makes atoms, for one layout). */
export function makeLine(
  start: number,
  end: number,
  width: number,
  hyphen: boolean,
  overfull: boolean,
): Line {
  return { start, end, width, hyphen, overfull };
}
fractionalExample(makeLine(0, 0, 0.5, false, false));

export interface LineMetrics {
  size: number;
  tracking: number;
}

export function atomWidth(atom: Atom, m: LineMetrics): number {
  return widthOf(atom, m.size, m.tracking);
}

/** Space drawn between `atom` and the next one on the same line. */
export function gapAfter(atom: Atom, m: LineMetrics): number {
  return spaceAfter(atom, m.size, m.tracking);
}

// The line breaker's own forms take the size and tracking as numbers: metrics come in objects of several
// layouts (a text box's carry its line height), which would make its hottest code polymorphic.
function widthOf(atom: Atom, size: number, tracking: number): number {
  return (atom.units * size) / 1000 + atom.chars * tracking;
}

function spaceAfter(atom: Atom, size: number, tracking: number): number {
  return atom.brk === Break.Space ? (atom.spaceUnits * size) / 1000 + tracking : 0;
}

/**
 * Below this share of the measure a line counts as too loose (too short, in ragged text): only then is a word
 * hyphenated to fill it.
 */
export const LOOSE = 0.8;

/** Hyphenated lines allowed in a row where the text leaves a choice. */
const MAX_HYPHENS_IN_ROW = 2;

/**
 * Where the next line ends: reused between calls, so that measuring allocates nothing. `width` starts as NaN (a
 * double, never read before it is set) so that it is a double from the start (see `EncodedWord`).
 */
interface Next {
  end: number;
  width: number;
  hyphen: boolean;
  overfull: boolean;
}

/**
 * The line that starts at atom `start`: as many atoms as fit, broken at the last space or free break that fits;
 * at a soft hyphen (its hyphen counted) only when the line would otherwise be too loose, and not for a third
 * hyphenated line in a row. Forced breaks end a line; an unbreakable piece wider than the box makes a line of
 * its own, overfull.
 */
function nextLine(
  atoms: readonly Atom[],
  start: number,
  limit: number,
  size: number,
  tracking: number,
  hyphensInRow: number,
  out: Next,
): void {
  let width = 0;
  let plain = -1;
  let plainWidth = 0;
  let shy = -1;
  let shyWidth = 0;
  for (let j = start; j < atoms.length; j++) {
    const atom = atoms[j] as Atom;
    if (j > start) width += spaceAfter(atoms[j - 1] as Atom, size, tracking);
    width += widthOf(atom, size, tracking);
    if (width > limit) break;
    if (atom.brk === Break.Newline || j === atoms.length - 1) {
      plain = j + 1;
      plainWidth = width;
      shy = -1;
      break;
    }
    if (atom.brk === Break.Space || atom.brk === Break.Free) {
      plain = j + 1;
      plainWidth = width;
    } else if (atom.brk === Break.Shy) {
      const withHyphen = width + (atom.hyphenUnits * size) / 1000 + tracking;
      if (withHyphen <= limit) {
        shy = j + 1;
        shyWidth = withHyphen;
      }
    }
  }
  const hyphenate =
    shy > plain && (plain === -1 || (plainWidth < LOOSE * limit && hyphensInRow < MAX_HYPHENS_IN_ROW));
  if (hyphenate) {
    out.end = shy;
    out.width = shyWidth;
    out.hyphen = shy < atoms.length;
    out.overfull = false;
  } else if (plain !== -1) {
    out.end = plain;
    out.width = plainWidth;
    out.hyphen = false;
    out.overfull = false;
  } else {
    // Nothing fits: take the unbreakable chunk that starts the line as it is.
    let end = start;
    let chunk = 0;
    for (; end < atoms.length; end++) {
      const atom = atoms[end] as Atom;
      if (end > start) chunk += spaceAfter(atoms[end - 1] as Atom, size, tracking);
      chunk += widthOf(atom, size, tracking);
      if (atom.brk !== Break.None) break;
    }
    out.end = Math.min(end + 1, atoms.length);
    out.width = chunk;
    out.hyphen = (atoms[out.end - 1] as Atom).brk === Break.Shy && out.end < atoms.length;
    out.overfull = chunk > limit;
  }
}

/**
 * The number of lines `breakLines` would make, without making them (shrink-to-fit measures a flow several
 * times). Sets `overfull.value` when an unbreakable piece is wider than the box.
 */
export function countLines(
  atoms: readonly Atom[],
  maxWidth: number,
  m: LineMetrics,
  overfull: { value: boolean },
): number {
  const limit = maxWidth + 0.001;
  const next: Next = { end: 0, width: Number.NaN, hyphen: false, overfull: false };
  let count = 0;
  let start = 0;
  let hyphens = 0;
  const { size, tracking } = m;
  while (start < atoms.length) {
    nextLine(atoms, start, limit, size, tracking, hyphens, next);
    if (next.overfull) overfull.value = true;
    hyphens = next.hyphen ? hyphens + 1 : 0;
    count++;
    start = next.end;
  }
  return count;
}

/**
 * Greedy line breaking (see `nextLine`). Widths come from the words' advances, so the same text at another size
 * needs no new measurement.
 */
export function breakLines(atoms: readonly Atom[], maxWidth: number, m: LineMetrics): Line[] {
  const lines: Line[] = [];
  const limit = maxWidth + 0.001;
  const next: Next = { end: 0, width: Number.NaN, hyphen: false, overfull: false };
  let start = 0;
  let hyphens = 0;
  const { size, tracking } = m;
  while (start < atoms.length) {
    nextLine(atoms, start, limit, size, tracking, hyphens, next);
    lines.push(makeLine(start, next.end, next.width, next.hyphen, next.overfull));
    hyphens = next.hyphen ? hyphens + 1 : 0;
    start = next.end;
  }
  return lines;
}
