import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { type FontFiles, fontPaths } from '../fonts/font-files.ts';
import type { Session } from './session.ts';

/**
 * A fingerprint of what one printed card draws, front and back: the layout, the data it is filled with, the
 * fonts, the card size. Two builds give the same hash exactly when the card looks the same, whatever moved in
 * the source text around it (comments, other cards, line numbers): `build --changed-since` reprints by it.
 */
export interface CardFace {
  /** `event/<id>` or `profile/<id>`. */
  card: string;
  /** Copy number of an event dealt more than once (1 otherwise). */
  copy: number;
  front: string;
  back: string;
}

/** Hashes card faces for one document; what every card of it shares (layout sources, fonts) is hashed once. */
export class FaceHasher {
  private readonly look: string;
  private readonly backs = new WeakMap<object, string>();

  constructor(
    private readonly session: Session,
    fonts: FontFiles,
  ) {
    // What the files hold, never where they are: a deck copied elsewhere, or built from another checkout,
    // hashes the same when it draws the same.
    const hash = createHash('sha256');
    for (const path of session.layouts.templates.paths)
      hash.update(basename(path)).update(readIfPresent(path));
    const { deck } = session;
    hash.update(JSON.stringify([deck.print.card, deck.print.bleed]));
    for (const file of fontPaths(fonts)) hash.update(fileDigest(file));
    hash.update(JSON.stringify(session.common));
    this.look = hash.digest('hex');
  }

  /** The hash of one face: the layout name and the data that differs from what every card shares. */
  face(template: string, data: object): string {
    const known = this.backs.get(data);
    if (known) return known;
    const own: Record<string, unknown> = {};
    const common = this.session.common as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(data)) if (common[key] !== value) own[key] = value;
    const hash = createHash('sha256').update(this.look).update(template).update(JSON.stringify(own));
    const digest = hash.digest('hex').slice(0, 32);
    this.backs.set(data, digest);
    return digest;
  }
}

/** A font file's content digest, computed once per file and modification. */
const digests = new Map<string, { stamp: number; digest: string }>();
function fileDigest(path: string): string {
  let stamp: number;
  try {
    stamp = statSync(path).mtimeMs;
  } catch {
    return '';
  }
  const known = digests.get(path);
  if (known?.stamp === stamp) return known.digest;
  const digest = createHash('sha256').update(readIfPresent(path)).digest('hex');
  digests.set(path, { stamp, digest });
  return digest;
}

function readIfPresent(path: string): Buffer | string {
  try {
    return readFileSync(path);
  } catch {
    return '';
  }
}
