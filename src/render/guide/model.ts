import type { Position } from '../../diagnostics/diagnostic.ts';
import type { Line, TextStyle } from './typesetter.ts';

/*
 * What layout hands to drawing: atoms (vertical slices that are never split), then pages of positioned items.
 * Every piece of text points at a node of the structure tree (tagged PDF); items without one are artifacts.
 */

/** A node of the document's logical structure; becomes a PDF structure element when its first content is drawn. */
export class StructNode {
  constructor(
    readonly type: string,
    readonly parent?: StructNode,
    readonly title?: string,
  ) {}
}

export type DrawItem =
  | { kind: 'text'; x: number /** baseline */; y: number; line: Line; struct?: StructNode }
  /** A page number looked up after pagination (contents), aligned on `x`: its right edge, or its left. */
  | {
      kind: 'pageref';
      x: number;
      align: 'left' | 'right';
      y: number;
      target: string;
      style: TextStyle;
      struct?: StructNode;
    }
  | {
      kind: 'rect';
      x: number;
      y: number;
      w: number;
      h: number;
      fill?: string;
      stroke?: string;
      lineWidth?: number;
      radius?: number;
      dash?: number;
    }
  | {
      kind: 'line';
      x1: number;
      y1: number;
      x2: number;
      y2: number;
      colour: string;
      width: number;
      dash?: number;
    }
  /** A deck image (decorative: drawn as an artifact), fitted inside the box. */
  | { kind: 'image'; src: string; x: number; y: number; w: number; h: number; at: Position }
  /** A clickable area that jumps to a section (contents entries); tagged under its `Link` structure node. */
  | { kind: 'link'; x: number; y: number; w: number; h: number; target: string; struct?: StructNode };

/** A box drawn behind consecutive atoms (card notes, callouts); cut where a page break falls inside it. */
export interface Frame {
  id: number;
  x: number;
  w: number;
  fill?: string;
  stroke?: string;
  /** Coloured edge on the left. */
  bar?: { colour: string; width: number };
  radius: number;
  /** Padding added back when the frame continues on the next page. */
  pad: number;
}

/** A place others refer to: contents entries, bookmarks, the running header. */
export interface Anchor {
  id: string;
  title: string;
  level: number;
  toc: boolean;
  colour?: string;
}

export interface Atom {
  height: number;
  /** Space above; dropped at the top of a page. */
  spaceBefore: number;
  /** Never separate this atom from the next one by a page break (headings, first and last lines...). */
  keepWithNext: boolean;
  breakBefore?: boolean;
  /** y of items is relative to the atom's top. */
  items: DrawItem[];
  frames: readonly Frame[];
  anchors?: Anchor[];
  /** Table header to repeat (as an artifact) when this row starts a page. */
  repeatHeader?: Atom;
  /** A whole page of its own, items in page coordinates, without running header or footer. */
  fullPage?: boolean;
}

export interface PlacedAnchor extends Anchor {
  page: number;
  y: number;
}

export interface Page {
  items: DrawItem[];
  plain: boolean;
  anchors: PlacedAnchor[];
}
