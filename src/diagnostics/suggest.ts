import { distance } from 'fastest-levenshtein';

/** Compared without case or accents, so `realisation` finds `réalisation`. */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * "Did you mean" for a misspelt key, id or choice: the one candidate the word is the start of (`long` for
 * `long-edge`, even with `none` two edits away); failing that, the closest candidate within a distance that
 * still reads as a typo (a third of the word, at least 2 edits, fewer edits than the word has letters).
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const target = fold(word);
  const list = [...candidates];
  const extended = target.length >= 3 ? list.filter((c) => fold(c).startsWith(target)) : [];
  if (extended.length === 1 && fold(extended[0] as string) !== target) return extended[0];
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of list) {
    const d = distance(target, fold(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = Math.max(2, Math.floor(word.length / 3));
  return bestDistance <= allowed && bestDistance < target.length ? best : undefined;
}

export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const found = closest(word, candidates);
  return found === undefined ? undefined : `did you mean \`${found}\`?`;
}
