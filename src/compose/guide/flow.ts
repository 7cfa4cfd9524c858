import { type Diagnostic, type Position, warning } from '../../diagnostics/diagnostic.ts';
import { type Block as MarkdownBlock, parseInline, parseMarkdown, type Run } from '../../markdown.ts';
import type { MarkupElement, MarkupNode } from '../markup/tree.ts';

/*
 * The guide as a tree of flow blocks: what the layout engine takes. Built from the parsed markup; every text is
 * already turned from light Markdown into styled runs, every attribute into a typed value.
 */

export type TextStyleName = 'body' | 'lead' | 'small' | 'muted';

/** A length from the markup: absolute in points, or a share of the available width. */
export type Length = { pt: number } | { percent: number };

export interface Fact {
  label: string;
  value: Run[];
}

export type FlowBlock =
  | {
      kind: 'cover';
      kicker?: string;
      title: string;
      subtitle?: string;
      colour?: string;
      /** An image of the deck (a path inside the deck folder), drawn on the band. */
      logo?: string;
      facts: Fact[];
      notes: Run[][];
      swatches: { colour: string; caption: string }[];
      at: Position;
    }
  | { kind: 'toc'; title: string; depth: 1 | 2 }
  | {
      kind: 'section';
      id: string;
      title: string;
      kicker?: string;
      colour?: string;
      pageBreak: boolean;
      toc: boolean;
      children: FlowBlock[];
      at: Position;
    }
  | { kind: 'heading'; level: 2 | 3; runs: Run[] }
  | { kind: 'paragraph'; style: TextStyleName; runs: Run[] }
  | { kind: 'list'; ordered: boolean; style: TextStyleName; items: Run[][] }
  | { kind: 'table'; size: 'normal' | 'small'; columns: TableColumn[]; rows: TableRow[] }
  | { kind: 'checklist'; items: { runs: Run[]; quantity: string; detail: Run[] }[] }
  | { kind: 'card-note'; id?: string; title: string; meta?: string; colour?: string; children: FlowBlock[] }
  | { kind: 'field'; label: string; notes: boolean; children: FlowBlock[] }
  | { kind: 'callout'; title?: string; colour?: string; children: FlowBlock[] }
  | { kind: 'facts'; columns: number; facts: Fact[] }
  | { kind: 'keep'; children: FlowBlock[] }
  /** Each child is one piece to cut out; `columns` pieces side by side. */
  | { kind: 'cut-outs'; columns: number; children: FlowBlock[] }
  | { kind: 'pagebreak' }
  | { kind: 'spacer'; height: number }
  | {
      kind: 'worksheet';
      id: string;
      title: string;
      blanks: { label: string; width?: Length }[];
      intro: FlowBlock[];
      prompts: { runs: Run[]; weight: number }[];
      at: Position;
    };

export interface TableColumn {
  label: string;
  width?: Length;
  align: 'left' | 'right' | 'center';
}

export interface TableRow {
  colour?: string;
  total: boolean;
  cells: { runs: Run[]; style: TextStyleName }[];
}

/**
 * Turns the parsed (and already validated) `<guide>` element into flow blocks. Section and worksheet ids name
 * contents entries, bookmarks and link targets, so they must be unique: a repeated id is reported where the
 * layout wrote it and made unique.
 */
export function toFlow(guide: MarkupElement): { blocks: FlowBlock[]; diagnostics: Diagnostic[] } {
  const blocks = blocksOf(guide.children);
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, number>();
  const visit = (list: FlowBlock[]) => {
    for (const block of list) {
      if (block.kind === 'section' || block.kind === 'worksheet') {
        const count = (seen.get(block.id) ?? 0) + 1;
        seen.set(block.id, count);
        if (count > 1) {
          diagnostics.push(
            warning(
              'template/duplicate-id',
              `id \`${block.id}\` names two sections of the guide`,
              block.at,
              'give each <section> its own id; deck sections can be prefixed, e.g. id="guide-{{id}}"',
            ),
          );
          block.id = `${block.id}-${count}`;
        }
      }
      if ('children' in block) visit(block.children);
    }
  };
  visit(blocks);
  return { blocks, diagnostics };
}

function blocksOf(nodes: readonly MarkupNode[]): FlowBlock[] {
  const blocks: FlowBlock[] = [];
  for (const node of nodes) {
    if (node.kind !== 'element') continue;
    blocks.push(...blockOf(node));
  }
  return blocks;
}

function blockOf(el: MarkupElement): FlowBlock[] {
  const a = el.attributes;
  switch (el.name) {
    case 'cover':
      return [
        {
          kind: 'cover',
          title: a.title ?? '',
          ...(a.kicker ? { kicker: a.kicker } : {}),
          ...(a.subtitle ? { subtitle: a.subtitle } : {}),
          ...(colourOf(a.colour) ? { colour: colourOf(a.colour) } : {}),
          ...(a.logo ? { logo: a.logo } : {}),
          at: el.position,
          facts: childElements(el, 'fact').map(factOf),
          notes: childElements(el, 'p').map((p) => parseInline(inlineText(p))),
          swatches: childElements(el, 'swatches')
            .flatMap((s) => childElements(s, 'swatch'))
            .flatMap((s) =>
              colourOf(s.attributes.colour)
                ? [{ colour: colourOf(s.attributes.colour) as string, caption: inlineText(s) }]
                : [],
            ),
        },
      ];
    case 'toc':
      return [{ kind: 'toc', title: a.title ?? '', depth: a.depth === '1' ? 1 : 2 }];
    case 'section':
      return [
        {
          kind: 'section',
          id: a.id ?? '',
          title: a.title ?? '',
          ...(a.kicker ? { kicker: a.kicker } : {}),
          ...(colourOf(a.colour) ? { colour: colourOf(a.colour) } : {}),
          pageBreak: a.break === 'page',
          toc: a.toc !== 'false',
          children: blocksOf(el.children),
          at: el.position,
        },
      ];
    case 'h2':
    case 'h3':
      return [{ kind: 'heading', level: el.name === 'h2' ? 2 : 3, runs: parseInline(inlineText(el)) }];
    case 'p':
      return [{ kind: 'paragraph', style: styleOf(a.style), runs: parseInline(inlineText(el)) }];
    case 'markdown':
      return markdownBlocks(parseMarkdown(blockText(el)), styleOf(a.style));
    case 'list':
      return [
        {
          kind: 'list',
          ordered: a.type === 'number',
          style: styleOf(a.style),
          items: childElements(el, 'item').map((i) => parseInline(inlineText(i))),
        },
      ];
    case 'table':
      return [tableOf(el)];
    case 'checklist':
      return [
        {
          kind: 'checklist',
          items: childElements(el, 'check').map((c) => ({
            runs: parseInline(inlineText(c)),
            quantity: c.attributes.quantity ?? '',
            detail: c.attributes.detail ? parseInline(collapse(c.attributes.detail)) : [],
          })),
        },
      ];
    case 'card-note':
      return [
        {
          kind: 'card-note',
          title: a.title ?? '',
          ...(a.id ? { id: a.id } : {}),
          ...(a.meta ? { meta: a.meta } : {}),
          ...(colourOf(a.colour) ? { colour: colourOf(a.colour) } : {}),
          children: blocksOf(el.children),
        },
      ];
    case 'field':
      return [
        { kind: 'field', label: a.label ?? '', notes: a.style === 'notes', children: blocksOf(el.children) },
      ];
    case 'callout':
      return [
        {
          kind: 'callout',
          ...(a.title ? { title: a.title } : {}),
          ...(colourOf(a.colour) ? { colour: colourOf(a.colour) } : {}),
          children: blocksOf(el.children),
        },
      ];
    case 'facts':
      return [
        { kind: 'facts', columns: Number(a.columns ?? '2'), facts: childElements(el, 'fact').map(factOf) },
      ];
    case 'keep':
      return [{ kind: 'keep', children: blocksOf(el.children) }];
    case 'cut-outs':
      return [{ kind: 'cut-outs', columns: Number(a.columns ?? '2'), children: blocksOf(el.children) }];
    case 'pagebreak':
      return [{ kind: 'pagebreak' }];
    case 'spacer':
      return [{ kind: 'spacer', height: absolutePt(a.height) }];
    case 'worksheet':
      return [
        {
          kind: 'worksheet',
          id: a.id ?? '',
          title: a.title ?? '',
          blanks: childElements(el, 'blanks')
            .flatMap((b) => childElements(b, 'blank'))
            .map((b) => {
              const width = b.attributes.width ? lengthOf(b.attributes.width) : undefined;
              return { label: b.attributes.label ?? '', ...(width ? { width } : {}) };
            }),
          intro: blocksOf(
            el.children.filter((c) => c.kind === 'element' && (c.name === 'p' || c.name === 'markdown')),
          ),
          prompts: childElements(el, 'prompt').map((p) => ({
            runs: parseInline(inlineText(p)),
            weight: Math.max(0.1, Number(p.attributes.weight ?? '1') || 1),
          })),
          at: el.position,
        },
      ];
    default:
      // Unknown elements were reported when the markup was parsed; they draw nothing.
      return [];
  }
}

function tableOf(el: MarkupElement): FlowBlock {
  const columns: TableColumn[] = childElements(el, 'column').map((c) => {
    const width = c.attributes.width ? lengthOf(c.attributes.width) : undefined;
    const align =
      c.attributes.align === 'right' || c.attributes.align === 'center' ? c.attributes.align : 'left';
    return { label: c.attributes.label ?? '', align, ...(width ? { width } : {}) };
  });
  const rows: TableRow[] = childElements(el, 'row').map((r) => ({
    ...(colourOf(r.attributes.colour) ? { colour: colourOf(r.attributes.colour) } : {}),
    total: r.attributes.style === 'total',
    cells: childElements(r, 'cell').map((c) => ({
      runs: parseInline(cellText(c)),
      style: styleOf(c.attributes.style),
    })),
  }));
  return { kind: 'table', size: el.attributes.size === 'small' ? 'small' : 'normal', columns, rows };
}

function markdownBlocks(blocks: MarkdownBlock[], style: TextStyleName): FlowBlock[] {
  return blocks.map((b) =>
    b.kind === 'paragraph'
      ? { kind: 'paragraph', style, runs: b.runs }
      : { kind: 'list', ordered: b.ordered, style, items: b.items },
  );
}

function factOf(el: MarkupElement): Fact {
  return { label: el.attributes.label ?? '', value: parseInline(inlineText(el)) };
}

function childElements(el: MarkupElement, name: string): MarkupElement[] {
  return el.children.filter((c): c is MarkupElement => c.kind === 'element' && c.name === name);
}

function rawText(el: MarkupElement): string {
  return el.children.map((c) => (c.kind === 'text' ? c.text : '')).join('');
}

/** Template text: whitespace and line ends collapse, as a designer wraps lines freely. */
function inlineText(el: MarkupElement): string {
  return collapse(rawText(el));
}

function collapse(text: string): string {
  // Only ASCII whitespace: no-break spaces (U+00A0, U+202F) are typography and must survive.
  return text.replace(/[ \t\r\n]+/g, ' ').trim();
}

/** Deck prose inside `<markdown>`: line ends matter, so only the template's indentation is removed. */
function blockText(el: MarkupElement): string {
  const lines = rawText(el).replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && lines[0]?.trim() === '') lines.shift();
  while (lines.length > 0 && lines.at(-1)?.trim() === '') lines.pop();
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(common)).join('\n');
}

/** Cells keep explicit line ends (a step title and its description) but not the template's indentation. */
function cellText(el: MarkupElement): string {
  return blockText(el)
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .join('\n');
}

function styleOf(value: string | undefined): TextStyleName {
  return value === 'lead' || value === 'small' || value === 'muted' ? value : 'body';
}

function colourOf(value: string | undefined): string | undefined {
  if (!value || !/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(value)) return undefined;
  return value.length === 4
    ? `#${[...value.slice(1)].map((c) => c + c).join('')}`.toLowerCase()
    : value.toLowerCase();
}

/** A length that must be absolute (a percentage of nothing reads as 0). */
function absolutePt(value: string | undefined): number {
  const length = value ? lengthOf(value) : undefined;
  return length && 'pt' in length ? length.pt : 0;
}

const PT_PER = { mm: 72 / 25.4, pt: 1 } as const;

/** Reads `12mm`, `9pt` or `40%` (already checked against the vocabulary). */
export function lengthOf(value: string): Length | undefined {
  const m = /^(-?\d+(?:\.\d+)?)(mm|pt|%)$/.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === '%' ? { percent: n } : { pt: n * PT_PER[m[2] as 'mm' | 'pt'] };
}
