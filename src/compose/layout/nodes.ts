import type { Position } from '../../diagnostics/diagnostic.ts';

/*
 * The layout tree: what a layout's markup means once parsed, with every position and size in points in the
 * coordinates of its root (the card's trim or the page), origin top-left, y down. Text is either literal
 * (runs written in the layout) or a `field` path read from the data each time the layout is filled.
 */

export type TextFace = 'regular' | 'bold' | 'italic' | 'boldItalic';
export type Align = 'left' | 'center' | 'right';
export type VAlign = 'top' | 'middle' | 'bottom';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface TextStyle {
  name: string;
  face: TextFace;
  /** Size in points when the text fits; `minSize` is as small as shrink-to-fit goes (equal: fixed size). */
  size: number;
  minSize: number;
  /** Line height as a multiple of the size. */
  leading: number;
  colour: string;
  align: Align;
  upper: boolean;
  /** Extra space between characters, in points. */
  tracking: number;
  /** Space around each paragraph of this style, in points at `size` (scaled down with the text). */
  spaceBefore: number;
  spaceAfter: number;
}

export interface Decoration {
  fill?: string;
  opacity: number;
  stroke?: string;
  strokeWidth: number;
  radius: number;
}

/** A length that depends on the width of what holds it (`50%`), or a fixed one in points. */
export type Length = { pt: number } | { percent: number };

export interface StyledRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  colour?: string;
  /** Deck text read from the data at this path (inline Markdown), in place of `text`. */
  field?: string;
}

/** Text of a paragraph or list entry: written in the layout, or read from the data at `field`. */
export type Inline = { kind: 'runs'; runs: StyledRun[] } | { kind: 'field'; path: string };

export interface Sides {
  top: boolean;
  right: boolean;
  bottom: boolean;
  left: boolean;
}

export interface BoxNode {
  kind: 'box';
  rect: Rect;
  deco: Decoration;
  /** Sides whose fill runs into the bleed (card layouts only). */
  bleed: Sides;
  clip: boolean;
  children: PositionedNode[];
  at: Position;
}

export interface FlowNode {
  kind: 'flow';
  /** Area the blocks are fitted into (inside the padding). */
  rect: Rect;
  valign: VAlign;
  gap: number;
  blocks: Block[];
  /** Part of a layout mirrored for a right-to-left locale: grids run from the right, left and right align swap. */
  mirrored?: boolean;
  at: Position;
}

export interface ImageNode {
  kind: 'image';
  rect: Rect;
  src: string;
  fit: 'contain' | 'cover' | 'fill';
  opacity: number;
  at: Position;
}

export interface GaugeSpec {
  level: number;
  max: number;
  colour: string;
  track: string;
  gap: number;
}

export interface GaugeNode extends GaugeSpec {
  kind: 'gauge';
  rect: Rect;
  /** Part of a layout mirrored for a right-to-left locale: it fills from the right. */
  mirrored?: boolean;
  at: Position;
}

export interface RuleSpec {
  colour: string;
  thickness: number;
  dash: number;
}

export interface RuleNode extends RuleSpec {
  kind: 'rule';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  at: Position;
}

/** A QR code of the text at `field`, drawn as vector modules in the largest square of `rect`. */
export interface QrNode {
  kind: 'qr';
  rect: Rect;
  field: string;
  colour: string;
  level: 'L' | 'M' | 'Q' | 'H';
  at: Position;
}

export type PositionedNode = BoxNode | FlowNode | ImageNode | GaugeNode | RuleNode | QrNode;

interface Spaced {
  spaceBefore: number;
  spaceAfter: number;
}

export interface ParaBlock extends Spaced {
  kind: 'para';
  style: TextStyle;
  align: Align;
  content: Inline;
  deco: Decoration;
  padding: number;
  at: Position;
}

export interface ListBlock extends Spaced {
  kind: 'list';
  style: TextStyle;
  marker: 'bullet' | 'number' | 'dash' | 'none';
  /** Indent of the entries; undefined: proportional to the text size. */
  indent?: number;
  markerColour?: string;
  markerFace?: TextFace;
  gap: number;
  /** Entries written as `item` elements, or the list read from the data at `field`. */
  items: Inline[] | { field: string };
  at: Position;
}

export interface PanelBlock extends Spaced {
  kind: 'panel';
  deco: Decoration;
  padding: number;
  gap: number;
  width?: Length;
  blocks: Block[];
  at: Position;
}

export interface GridBlock extends Spaced {
  kind: 'grid';
  columns: Length[];
  gap: number;
  rowGap: number;
  cells: Block[];
  at: Position;
}

export interface GaugeBlock extends Spaced, GaugeSpec {
  kind: 'gauge';
  width?: Length;
  height: number;
  at: Position;
}

export interface RuleBlock extends Spaced, RuleSpec {
  kind: 'rule';
  at: Position;
}

export interface GapBlock {
  kind: 'gap';
  height: number;
  grow: boolean;
  at: Position;
}

export interface ImageBlock extends Spaced {
  kind: 'image';
  width?: Length;
  height: number;
  src: string;
  fit: 'contain' | 'cover' | 'fill';
  opacity: number;
  at: Position;
}

export type Block =
  | ParaBlock
  | ListBlock
  | PanelBlock
  | GridBlock
  | GaugeBlock
  | RuleBlock
  | GapBlock
  | ImageBlock;

export interface ImageUse {
  src: string;
  at: Position;
  w: number;
  h: number;
  fit: 'contain' | 'cover' | 'fill';
}

/** A whole layout: one card face or one page. */
export interface Layout {
  kind: 'card' | 'page';
  width: number;
  height: number;
  background?: string;
  children: PositionedNode[];
  /** Every image the layout places, with the largest box it can take, so they can be prepared before drawing. */
  images: ImageUse[];
}
