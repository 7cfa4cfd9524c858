import type { Deck } from '../../check/deck.ts';
import { type Diagnostic, error, type Position } from '../../diagnostics/diagnostic.ts';
import { codePointLabel } from '../../fonts/font-files.ts';
import type { Labels } from '../../localize/labels.ts';

/*
 * A character no font can draw is found while setting a line, far from where it was written. To point the
 * trainer at the right line, the deck's strings are indexed with their positions, and the first string that
 * holds the character names the place (or the label key, for template words).
 */

interface Source {
  text: string;
  where: string;
  position?: Position;
}

export class MissingGlyphs {
  /** Indexed on the first missing character only: locating every string of the deck costs a build ~0.1 s. */
  private sources: Source[] | undefined;
  private readonly reported = new Set<string>();
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly deck: Deck,
    private readonly labels: Labels,
    private readonly locale: string,
  ) {}

  /**
   * HarfBuzz drew a dotted circle (U+25CC) in `text`, which does not hold one: a combining mark (a vowel sign,
   * a virama) with no letter to sit on, usually a typing slip. The build fails rather than print it.
   */
  dottedCircle(text: string, file: string): void {
    const word = text.trim();
    const source = this.index().find((s) => s.text.includes(word));
    const key = `\u25cc\u0000${word}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.diagnostics.push(
      error(
        'render/dotted-circle',
        `"${word}"${source ? ` in ${source.where}` : ''} would print with a dotted circle (U+25CC) in ${file} for locale ${this.locale}: a combining mark has no letter to attach to`,
        source?.position,
        'check the order of the letters and signs of this word (a vowel sign typed before its consonant, a stray mark)',
      ),
    );
  }

  /** The deck's strings and labels with where they were written, indexed on first use. */
  private index(): Source[] {
    this.sources ??= [
      ...deckStrings(this.deck),
      ...Object.entries(this.labels).map(([key, text]) => ({ text, where: `label \`${key}\`` })),
    ];
    return this.sources;
  }

  report(ch: string): void {
    const source = this.index().find((s) => s.text.includes(ch));
    const key = `${ch}\u0000${source?.where ?? ''}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.diagnostics.push(
      error(
        'render/missing-glyph',
        `no font can draw "${ch}" (${codePointLabel(ch)})${source ? ` in ${source.where}` : ''} for locale ${this.locale}; it is left out of the facilitator guide`,
        source?.position,
        'replace the character, or give the deck a font that has it (theme.fonts)',
      ),
    );
  }
}

const KINDS = [
  ['phases', 'phase'],
  ['contexts', 'context'],
  ['events', 'event'],
  ['profiles', 'profile'],
] as const;

function deckStrings(deck: Deck): Source[] {
  const sources: Source[] = [];
  const walk = (
    value: unknown,
    path: (string | number)[],
    where: string,
    origin: ((p: (string | number)[]) => Position) | undefined,
  ) => {
    if (typeof value === 'string')
      sources.push({
        text: value,
        where: `${where} ${path.join('.')}`.trim(),
        ...(origin ? { position: origin(path) } : {}),
      });
    else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, [...path, i], where, origin);
    } else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k], where, origin);
  };
  for (const section of ['meta', 'guide'] as const) {
    const origin = deck.origin(section);
    walk(deck[section], [section], '', origin ? (p) => origin.position(p.slice(1)) : undefined);
  }
  for (const [list, kind] of KINDS) {
    for (const item of deck[list]) {
      const origin = deck.origin(kind, item.id);
      walk(item, [], `${kind} \`${item.id}\``, origin ? (p) => origin.position(p) : undefined);
    }
  }
  return sources;
}
