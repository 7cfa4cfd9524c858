import { readFileSync } from 'node:fs';
import { type Diagnostic, error } from '../diagnostics/diagnostic.ts';
import type { CardFace } from '../render/card-faces.ts';
import type { Manifest } from '../write/manifest.ts';

/** The card faces a manifest recorded, by document (`event-cards.pdf`, `profile-cards.pdf`). */
export type ManifestFaces = NonNullable<Manifest['faces']>;

/** A manifest of an earlier build, read for `build --changed-since`. */
export interface EarlierBuild {
  file: string;
  deck: string;
  locale: string;
  faces: ManifestFaces;
}

/** Reads the manifest `--changed-since` names; problems come back as diagnostics, never as a throw. */
export function readEarlierBuild(file: string): { earlier?: EarlierBuild; diagnostics: Diagnostic[] } {
  let manifest: Partial<Manifest>;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as Partial<Manifest>;
  } catch (e) {
    const reason = e instanceof SyntaxError ? 'is not JSON' : 'cannot be read';
    return {
      diagnostics: [
        error(
          'build/changed-since',
          `${file} ${reason}`,
          { file },
          'name the manifest.json of an earlier build',
        ),
      ],
    };
  }
  if (typeof manifest.deck !== 'string' || typeof manifest.locale !== 'string' || !isFaces(manifest.faces)) {
    return {
      diagnostics: [
        error(
          'build/changed-since',
          `${file} records no card hashes`,
          { file },
          'it must be the manifest.json an atelier build wrote in out/<deck>/<locale>/ (builds before card hashes cannot be compared: reprint the whole deck once)',
        ),
      ],
    };
  }
  return {
    earlier: { file, deck: manifest.deck, locale: manifest.locale, faces: manifest.faces },
    diagnostics: [],
  };
}

/**
 * Cards whose drawing differs from the earlier build's, front or back (copies count one by one), plus cards
 * it did not have; in the order the new build prints them.
 */
export function changedCards(earlier: ManifestFaces, now: ManifestFaces): string[] {
  const before = new Map<string, CardFace>();
  for (const faces of Object.values(earlier)) for (const f of faces) before.set(`${f.card}#${f.copy}`, f);
  const changed = new Set<string>();
  for (const faces of Object.values(now)) {
    for (const f of faces) {
      const old = before.get(`${f.card}#${f.copy}`);
      if (!old || old.front !== f.front || old.back !== f.back) changed.add(f.card);
    }
  }
  return [...changed];
}

function isFaces(value: unknown): value is ManifestFaces {
  if (!value || typeof value !== 'object') return false;
  return Object.values(value).every(
    (list) =>
      Array.isArray(list) &&
      list.every(
        (f) => f && typeof f.card === 'string' && typeof f.front === 'string' && typeof f.back === 'string',
      ),
  );
}
