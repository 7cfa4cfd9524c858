import { distance } from 'fastest-levenshtein';

/**
 * "Did you mean" for a misspelt key or id: the closest candidate within a distance that still reads as a typo
 * (a third of the word, at least 2 edits), compared without case or accents so `realisation` finds `réalisation`.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase();
  const target = fold(word);
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = distance(target, fold(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = Math.max(2, Math.floor(word.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const found = closest(word, candidates);
  return found === undefined ? undefined : `did you mean \`${found}\`?`;
}
