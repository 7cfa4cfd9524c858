import type { Deck } from '../check/deck.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { CardFace } from './card-faces.ts';
import type { FitRecord } from './fitting.ts';
import type { FontFiles } from './fonts.ts';

/** Which documents a build makes (`--only`). */
export type DocumentKind = 'sheets' | 'cards' | 'guide' | 'handout';

export interface RenderOptions {
  /** Overrides the deck's paper (`--paper`). */
  paper?: 'a4' | 'letter';
  /** Also make `cards-print-shop.pdf` (`--print-shop`). */
  printShop?: boolean;
}

/** Template labels of one locale ("Phase", "Questions", "Page {page} / {pages}"...), by key. */
export type Labels = Readonly<Record<string, string>>;

/** Everything a renderer needs: a deck already localized for `locale`, its labels and fonts. */
export interface RenderInput {
  deck: Deck;
  locale: string;
  labels: Labels;
  fonts: FontFiles;
  options: RenderOptions;
  /** Date stamped into the PDF (from SOURCE_DATE_EPOCH or the deck's date), so builds are reproducible. */
  date: Date;
}

/** One file a build writes into `out/<deck>/<locale>/`. */
export interface OutputFile {
  name: string;
  bytes: Buffer;
  pages: number;
  /** The size each text style was drawn at in this file, per card or page (for the manifest). */
  fitting?: FitRecord[];
  /** Card documents: a hash of what each card face draws (for the manifest and `--changed-since`). */
  faces?: CardFace[];
}

export interface RenderResult {
  files: OutputFile[];
  diagnostics: Diagnostic[];
  /** The size each text style was drawn at, per card or page (see `styleFloors` for a summary). */
  fitting?: FitRecord[];
}
