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

export interface LineMetrics {
  size: number;
  tracking: number;
}

export function atomWidth(atom: Atom, m: LineMetrics): number {
  return (atom.units * m.size) / 1000 + atom.chars * m.tracking;
}

/** Space drawn between `atom` and the next one on the same line. */
export function gapAfter(atom: Atom, m: LineMetrics): number {
  return atom.brk === Break.Space ? (atom.spaceUnits * m.size) / 1000 + m.tracking : 0;
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
  let count = 0;
  let start = 0;
  while (start < atoms.length) {
    let width = 0;
    let best = -1;
    for (let j = start; j < atoms.length; j++) {
      const atom = atoms[j] as Atom;
      if (j > start) width += gapAfter(atoms[j - 1] as Atom, m);
      width += atomWidth(atom, m);
      if (width > limit) break;
      if (atom.brk === Break.Newline || j === atoms.length - 1) {
        best = j + 1;
        break;
      }
      if (atom.brk === Break.Space || atom.brk === Break.Free) best = j + 1;
      else if (atom.brk === Break.Shy && width + (atom.hyphenUnits * m.size) / 1000 + m.tracking <= limit)
        best = j + 1;
    }
    if (best === -1) {
      const { end, width: chunk } = unbreakable(atoms, start, m);
      if (chunk > limit) overfull.value = true;
      best = end;
    }
    count++;
    start = best;
  }
  return count;
}

/**
 * Greedy line breaking: each line takes as many atoms as fit, breaking at the last opportunity that fits
 * (a space, a soft hyphen with its hyphen counted, a free break). Forced breaks end a line. Widths come from
 * the words' advances, so the same text at another size needs no new measurement.
 */
export function breakLines(atoms: readonly Atom[], maxWidth: number, m: LineMetrics): Line[] {
  const lines: Line[] = [];
  const limit = maxWidth + 0.001;
  let start = 0;
  while (start < atoms.length) {
    let width = 0;
    let best = -1;
    let bestWidth = 0;
    let bestHyphen = false;
    let j = start;
    for (; j < atoms.length; j++) {
      const atom = atoms[j] as Atom;
      if (j > start) width += gapAfter(atoms[j - 1] as Atom, m);
      width += atomWidth(atom, m);
      if (width > limit) break;
      const last = j === atoms.length - 1;
      if (atom.brk === Break.Newline || last) {
        best = j + 1;
        bestWidth = width;
        bestHyphen = false;
        break;
      }
      if (atom.brk === Break.Space || atom.brk === Break.Free) {
        best = j + 1;
        bestWidth = width;
        bestHyphen = false;
      } else if (atom.brk === Break.Shy) {
        const withHyphen = width + (atom.hyphenUnits * m.size) / 1000 + m.tracking;
        if (withHyphen <= limit) {
          best = j + 1;
          bestWidth = withHyphen;
          bestHyphen = true;
        }
      }
    }
    if (best === -1) {
      // Nothing fits: take the unbreakable chunk that starts the line as it is.
      const { end, width: chunk } = unbreakable(atoms, start, m);
      const endsOnShy = (atoms[end - 1] as Atom).brk === Break.Shy && end < atoms.length;
      lines.push({ start, end, width: chunk, hyphen: endsOnShy, overfull: chunk > limit });
      start = end;
      continue;
    }
    lines.push({
      start,
      end: best,
      width: bestWidth,
      hyphen: bestHyphen && best < atoms.length,
      overfull: false,
    });
    start = best;
  }
  return lines;
}

/** The run of atoms from `start` up to the first break opportunity (included), and its width. */
function unbreakable(atoms: readonly Atom[], start: number, m: LineMetrics): { end: number; width: number } {
  let end = start;
  let width = 0;
  for (; end < atoms.length; end++) {
    const atom = atoms[end] as Atom;
    if (end > start) width += gapAfter(atoms[end - 1] as Atom, m);
    width += atomWidth(atom, m);
    if (atom.brk !== Break.None) break;
  }
  return { end: Math.min(end + 1, atoms.length), width };
}
