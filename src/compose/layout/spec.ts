import type { AttributeType, ElementSpec, MarkupSpec } from '../markup/tree.ts';

/*
 * The layout markup, written once: what a designer may write in `templates/` for cards, card backs, context
 * sheets and the calibration page. `docs/templates.md` documents the same elements; the template loader checks
 * every layout against this table, and the layout compiler reads the attributes it declares.
 */

export const FACES = ['regular', 'bold', 'italic', 'boldItalic'] as const;
export const ALIGNS = ['left', 'center', 'right'] as const;
export const VALIGNS = ['top', 'middle', 'bottom'] as const;
export const MARKERS = ['bullet', 'number', 'dash', 'none'] as const;
export const FITS = ['contain', 'cover', 'fill'] as const;
/** QR code error correction: recovers about 7, 15, 25 or 30 % of a damaged code. */
export const QR_LEVELS = ['L', 'M', 'Q', 'H'] as const;

const position: Record<string, AttributeType> = {
  x: 'length',
  y: 'length',
  w: 'length',
  h: 'length',
  right: 'length',
  bottom: 'length',
};
const decoration: Record<string, AttributeType> = {
  fill: 'colour',
  opacity: 'number',
  stroke: 'colour',
  'stroke-width': 'length',
  radius: 'length',
};
const spacing: Record<string, AttributeType> = { 'space-before': 'length', 'space-after': 'length' };

/** Elements placed at a position inside a `card`, `page` or `box`. */
export const POSITIONED = ['box', 'flow', 'text', 'image', 'gauge', 'rule', 'qr'] as const;
/** Elements stacked from top to bottom inside a `flow`, `panel` or `grid`. */
export const BLOCKS = ['p', 'list', 'panel', 'grid', 'gauge', 'rule', 'gap', 'image'] as const;
/** Elements inside text: bold, italic, coloured spans and line breaks. */
export const INLINE = ['b', 'i', 'span', 'br'] as const;

const roots = ['styles', ...POSITIONED];

export const LAYOUT_SPEC: MarkupSpec = {
  card: {
    description:
      'Root of a card face, in millimetres from the top-left corner of the trim. `background` runs into the bleed.',
    attributes: { background: 'colour' },
    children: roots,
  },
  page: {
    description: 'Root of a page (context sheet, calibration page), in millimetres from its top-left corner.',
    attributes: { background: 'colour' },
    children: roots,
  },
  styles: { description: 'Holds the named text styles of a layout.', attributes: {}, children: ['style'] },
  style: {
    description:
      'A named text style. `min-size` lets text shrink to fit its box; without it the size is fixed.',
    attributes: {
      name: 'string',
      font: FACES,
      size: 'length',
      'min-size': 'length',
      leading: 'number',
      colour: 'colour',
      align: ALIGNS,
      case: ['none', 'upper'],
      tracking: 'length',
      ...spacing,
    },
    required: ['name', 'size'],
    children: [],
  },
  box: {
    description:
      'A rectangle at a position, optionally filled, stroked and rounded; holds other positioned elements.',
    attributes: { ...position, ...decoration, padding: 'length', bleed: 'sides', clip: 'boolean' },
    children: POSITIONED,
  },
  flow: {
    description: 'A column of blocks (paragraphs, lists, panels...) that shrink together to fit the box.',
    attributes: { ...position, padding: 'length', valign: VALIGNS, gap: 'length' },
    children: BLOCKS,
  },
  text: {
    description:
      'One paragraph at a position, fitted to its box: literal text, or deck text named by `field`.',
    attributes: {
      ...position,
      style: 'string',
      align: ALIGNS,
      valign: VALIGNS,
      field: 'string',
      padding: 'length',
    },
    required: ['style'],
    children: INLINE,
    text: true,
  },
  image: {
    description: 'An image from the deck folder, placed in its box (`contain`, `cover` or `fill`).',
    attributes: { ...position, src: 'string', fit: FITS, opacity: 'number', ...spacing },
    required: ['src'],
    children: [],
  },
  gauge: {
    description: 'A row of segments, `level` of `max` filled: attitudes and ecosystem at a glance.',
    attributes: {
      ...position,
      level: 'number',
      max: 'number',
      colour: 'colour',
      track: 'colour',
      gap: 'length',
      ...spacing,
    },
    required: ['level'],
    children: [],
  },
  qr: {
    description:
      "A QR code of deck text named by `field` (a card's `url`), drawn as vector squares in the largest square that fits the box, left and top aligned; nothing when the text is absent. Leave white around it.",
    attributes: { ...position, field: 'string', colour: 'colour', level: QR_LEVELS },
    required: ['field'],
    children: [],
  },
  rule: {
    description: 'A straight line: horizontal by default, `vertical="true"` for a vertical one.',
    attributes: {
      ...position,
      colour: 'colour',
      thickness: 'length',
      dash: 'length',
      vertical: 'boolean',
      ...spacing,
    },
    children: [],
  },
  p: {
    description: 'A paragraph in a flow: literal text, or deck text named by `field` (light Markdown).',
    attributes: {
      style: 'string',
      align: ALIGNS,
      field: 'string',
      padding: 'length',
      ...decoration,
      ...spacing,
    },
    required: ['style'],
    children: INLINE,
    text: true,
  },
  list: {
    description: 'A list in a flow: `item` children, or the entries of a deck list named by `field`.',
    attributes: {
      style: 'string',
      field: 'string',
      marker: MARKERS,
      indent: 'length',
      'marker-colour': 'colour',
      'marker-font': FACES,
      gap: 'length',
      ...spacing,
    },
    required: ['style'],
    children: ['item'],
  },
  item: { description: 'An entry of a list.', attributes: { field: 'string' }, children: INLINE, text: true },
  panel: {
    description: 'A group of blocks with an optional fill, stroke, rounded corners and padding.',
    attributes: { ...decoration, padding: 'length', gap: 'length', w: 'length', ...spacing },
    children: BLOCKS,
  },
  grid: {
    description:
      'Blocks side by side: `columns` equal columns, or `widths` such as `35%, 65%`; rows as needed.',
    attributes: { columns: 'number', widths: 'lengths', gap: 'length', 'row-gap': 'length', ...spacing },
    children: BLOCKS,
  },
  gap: {
    description:
      'Vertical space in a flow; `grow="true"` takes whatever space is left (pushes what follows down).',
    attributes: { h: 'length', grow: 'boolean' },
    children: [],
  },
  b: { description: 'Bold text.', attributes: {}, children: INLINE, text: true },
  i: { description: 'Italic text.', attributes: {}, children: INLINE, text: true },
  span: {
    description:
      'Text in another colour, or deck text named by `field` inside literal text (inline Markdown).',
    attributes: { colour: 'colour', field: 'string' },
    children: INLINE,
    text: true,
  },
  br: { description: 'A line break.', attributes: {}, children: [] },
};

export type ElementName = keyof typeof LAYOUT_SPEC;

/** The spec entry of an element of this vocabulary. */
export function elementSpec(name: string): ElementSpec | undefined {
  return LAYOUT_SPEC[name];
}
