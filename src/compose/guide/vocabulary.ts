import type { ElementSpec, MarkupSpec } from '../markup/tree.ts';

/*
 * The flow markup of the facilitator guide: what `templates/guide.hbs` and its partials may write. Unlike card
 * layouts, nothing is positioned in millimetres: blocks flow from page to page. Documented for designers in
 * `docs/guide-template.md`; keep the two in step.
 */

const TEXT_STYLES = ['body', 'lead', 'small', 'muted'] as const;

/** Blocks that may appear in the body of a section (and at the top level, after the cover and contents). */
export const FLOW_BLOCKS = [
  'section',
  'h2',
  'h3',
  'p',
  'markdown',
  'list',
  'table',
  'checklist',
  'card-note',
  'callout',
  'facts',
  'keep',
  'cut-outs',
  'pagebreak',
  'spacer',
  'worksheet',
] as const;

/** Blocks allowed inside boxes (card notes, callouts, fields): no sections, tables or page breaks. */
const BOX_BLOCKS = ['p', 'markdown', 'list', 'facts', 'field'] as const;

const inline = (description: string, attributes: ElementSpec['attributes'] = {}): ElementSpec => ({
  description,
  attributes,
  text: true,
  children: [],
});

export const GUIDE_SPEC: MarkupSpec = {
  guide: {
    description: 'The whole guide; holds the cover, the contents and the sections.',
    attributes: {},
    children: ['cover', 'toc', ...FLOW_BLOCKS],
  },
  cover: {
    description:
      'A full page without running header: coloured band with kicker, title, subtitle and logo (a deck image), then facts.',
    attributes: { kicker: 'string', title: 'string', subtitle: 'string', colour: 'colour', logo: 'string' },
    required: ['title'],
    children: ['fact', 'p', 'swatches'],
  },
  swatches: {
    description: 'A row of colour strips (e.g. the phase colours) along the foot of the cover.',
    attributes: {},
    children: ['swatch'],
  },
  swatch: inline('One strip of `<swatches>`; its text is a caption under it.', { colour: 'colour' }),
  fact: inline(
    'A label and a value, shown as a grid (on the cover or in `<facts>`). The text is the value.',
    { label: 'string' },
  ),
  facts: {
    description: 'A grid of `<fact>` pairs.',
    attributes: { columns: ['1', '2', '3'] },
    children: ['fact'],
  },
  toc: {
    description: 'Table of contents with page numbers, filled in after layout.',
    attributes: { title: 'string', depth: ['1', '2'] },
    required: ['title'],
    children: [],
  },
  section: {
    description:
      'A section: its title becomes a heading (H1, H2 when nested...), a bookmark and a contents entry.',
    attributes: {
      id: 'string',
      title: 'string',
      kicker: 'string',
      colour: 'colour',
      break: ['auto', 'page'],
      toc: 'boolean',
    },
    required: ['id', 'title'],
    children: [...FLOW_BLOCKS],
  },
  h2: inline('A heading that is not a section (no bookmark, no contents entry).'),
  h3: inline('A smaller heading that is not a section.'),
  p: inline(
    'A paragraph. Inline Markdown (**bold**, *italic*); whitespace and line ends collapse to single spaces.',
    { style: TEXT_STYLES },
  ),
  markdown: inline('Light Markdown from the deck: paragraphs, lists, line breaks. Line ends are kept.', {
    style: TEXT_STYLES,
  }),
  list: {
    description: 'A bulleted or numbered list.',
    attributes: { type: ['bullet', 'number'], style: TEXT_STYLES },
    children: ['item'],
  },
  item: inline('An entry of `<list>`; inline Markdown.'),
  table: {
    description: 'A table: `<column>` elements first (they make the header row), then `<row>` elements.',
    attributes: { size: ['normal', 'small'] },
    children: ['column', 'row'],
  },
  column: {
    description:
      'A column of `<table>`: header label, width (mm, pt or %; free columns share what is left) and alignment.',
    attributes: { label: 'string', width: 'length', align: ['left', 'right', 'center'] },
    required: ['label'],
    children: [],
  },
  row: {
    description:
      'A row of `<table>`; `colour` draws a strip at its left, `style="total"` sets it in bold under a rule.',
    attributes: { colour: 'colour', style: ['normal', 'total'] },
    children: ['cell'],
  },
  cell: inline('A cell of `<row>`; inline Markdown, line ends kept as breaks.', { style: TEXT_STYLES }),
  checklist: {
    description: 'Things to prepare, each with a box to tick and a quantity.',
    attributes: {},
    children: ['check'],
  },
  check: inline(
    'An entry of `<checklist>`: the text says what, `quantity` how many, `detail` how it was counted.',
    { quantity: 'string', detail: 'string' },
  ),
  'card-note': {
    description:
      'A card as the facilitator sees it: a tinted box with a coloured edge, title, meta line and fields. Kept on one page.',
    attributes: { id: 'string', title: 'string', meta: 'string', colour: 'colour' },
    required: ['title'],
    children: [...BOX_BLOCKS],
  },
  field: {
    description:
      'A labelled part of a card note or callout; `style="notes"` sets it apart as facilitator notes.',
    attributes: { label: 'string', style: ['plain', 'notes'] },
    required: ['label'],
    children: ['p', 'markdown', 'list', 'facts'],
  },
  callout: {
    description: 'A tinted box that stands out (plan B, key messages).',
    attributes: { title: 'string', colour: 'colour' },
    children: [...BOX_BLOCKS],
  },
  keep: {
    description: 'Keeps what it holds on one page when it fits.',
    attributes: {},
    children: [...FLOW_BLOCKS],
  },
  'cut-outs': {
    description:
      'Pieces to cut out (envelope labels, name tags): each block it holds is one piece, `columns` side by side, with dashed cutting lines around them. A row of pieces stays on one page.',
    attributes: { columns: ['1', '2', '3'] },
    children: ['card-note', 'callout', 'p', 'markdown', 'list', 'facts'],
  },
  pagebreak: { description: 'Starts a new page.', attributes: {}, children: [] },
  spacer: {
    description: 'Vertical space.',
    attributes: { height: 'length' },
    required: ['height'],
    children: [],
  },
  worksheet: {
    description:
      'A page to photocopy: starts a new page, has its own title (a section of the guide), and shares the page height among its `<prompt>` boxes.',
    attributes: { id: 'string', title: 'string' },
    required: ['id', 'title'],
    children: ['blanks', 'p', 'markdown', 'prompt'],
  },
  blanks: {
    description: 'A row of labelled lines to fill in (team, authority, card...).',
    attributes: {},
    children: ['blank'],
  },
  blank: {
    description: 'One labelled line of `<blanks>`.',
    attributes: { label: 'string', width: 'length' },
    required: ['label'],
    children: [],
  },
  prompt: inline(
    'A box to write in, headed by its text; `weight` gives it more or less of the page (default 1).',
    { weight: 'number' },
  ),
};
