import type { Deck } from '../check/deck.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { FontFiles } from '../fonts/font-files.ts';
import type { Labels } from '../localize/labels.ts';
import type { CardFace } from './card-faces.ts';
import type { FitRecord } from './fitting.ts';
import type { ImageColours } from './images.ts';

/** Which documents a build makes (`--only`). */
export type DocumentKind = 'sheets' | 'cards' | 'guide' | 'handout';

export interface RenderOptions {
  /** Overrides the deck's paper (`--paper`). */
  paper?: 'a4' | 'letter';
  /** Also make `cards-print-shop.pdf` (`--print-shop`). */
  printShop?: boolean;
  /**
   * Images of `cards-print-shop.pdf` in CMYK (the default, for print) or left in RGB (PNG export, for screens:
   * converting a photo to CMYK and back shifts its colours).
   */
  printShopImages?: ImageColours;
  /** Text that does not fit its box is a warning, drawn cut with an ellipsis, not an error (`--allow-overflow`). */
  allowOverflow?: boolean;
}

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

/** One card of the print-shop file: its two pages and how many prints a session needs. */
export interface PrintOrderLine {
  /** Front and back page numbers in the print-shop file. */
  pages: [number, number];
  kind: 'event' | 'profile';
  id: string;
  title: string;
  copies: number;
}

/** What to ask a print shop for: the file, the card size and, card by card, the copies (also in the manifest). */
export interface PrintOrder {
  file: string;
  /** Card trim size and bleed, millimetres. */
  trim: { width: number; height: number };
  bleed: number;
  colour: 'CMYK';
  lines: PrintOrderLine[];
  /** Prints in all (sum of the copies). */
  totalCards: number;
}

/** One file a build writes into `out/<deck>/<locale>/`. */
export interface OutputFile {
  name: string;
  bytes: Buffer;
  pages: number;
  /** The size each text style was drawn at in this file, per card or page (for the manifest). */
  fitting?: FitRecord[];
  /** The print-shop file's order: copies per card. */
  order?: PrintOrder;
  /** Card documents: a hash of what each card face draws (for the manifest and `--changed-since`). */
  faces?: CardFace[];
}

export interface RenderResult {
  files: OutputFile[];
  diagnostics: Diagnostic[];
  /** The size each text style was drawn at, per card or page (see `styleFloors` for a summary). */
  fitting?: FitRecord[];
}
