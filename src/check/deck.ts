import type { Position } from '../diagnostics/diagnostic.ts';
import type { PathSegment } from '../load/positions.ts';
import type {
  Category,
  Context,
  ContextSection,
  Event,
  GuideOut,
  HandoutOut,
  MetaOut,
  Phase,
  PrintOut,
  Profile,
  ThemeOut,
} from './schema.ts';

/** Card trim size in millimetres, resolved from a preset name or a custom size. */
export interface CardSize {
  name: string;
  width: number;
  height: number;
}

/** Print settings with the card size resolved. */
export type PrintSettings = Omit<PrintOut, 'card'> & { card: CardSize };

/** Where an item of the deck was written: file and path inside that file's YAML. */
export interface Origin {
  position(path?: readonly PathSegment[]): Position;
}

/** A valid deck: every reference resolved, every default applied. Later stages take only this. */
export interface Deck {
  dir: string;
  absoluteDir: string;
  meta: MetaOut;
  print: PrintSettings;
  theme: ThemeOut;
  phases: Phase[];
  /** Categories of event cards, declared by the deck; an event names one or none. */
  categories: Category[];
  /** Sections of the context sheets, in print order; each context gives content under their ids. */
  contextSections: ContextSection[];
  contexts: Context[];
  events: Event[];
  profiles: Profile[];
  guide: GuideOut;
  /** The participant handout, when the deck has one. */
  handout?: HandoutOut;
  /** Finds where `kind.id` (or a section such as `guide`) was written, for diagnostics of later stages. */
  origin(kind: string, id?: string): Origin | undefined;
  /** Names of the files that make up the deck (YAML, then spreadsheets), relative to its folder. */
  files: string[];
  /** Translations written in spreadsheets next to their source (`title@en` columns). */
  translations?: CellTranslation[];
}

/** A translation from a spreadsheet cell, keyed like the deck's strings (`event.<id>.title`). */
export interface CellTranslation {
  locale: string;
  key: string;
  text: string;
  /** The source text in the same row: the translation is taken as made from it. */
  from: string;
  position: Position;
}
