import type {
  Block,
  Inline,
  ListBlock,
  ParaBlock,
  StyledRun,
  TextFace,
  TextStyle,
} from '../../compose/layout/nodes.ts';
import { error, type Position } from '../../diagnostics/diagnostic.ts';
import { didYouMean } from '../../diagnostics/suggest.ts';
import { codePointLabel, type Face, faceOf } from '../../fonts/font-files.ts';
import { type Block as MdBlock, parseInline, parseMarkdown, type Run } from '../../markdown.ts';
import { fieldLabel, fieldPosition } from '../diagnostics.ts';
import type { FontSet } from '../text/faces.ts';
import { type Atom, type FaceRun, tokenize } from '../text/words.ts';
import type { RenderContext } from './context.ts';

/** Where a piece of text came from: a data path (deck text) or the layout itself. */
export interface TextSource {
  field?: string;
  at: Position;
}

export interface PreparedPara {
  kind: 'para';
  block: ParaBlock;
  atoms: Atom[];
  source: TextSource;
}

export interface PreparedItem {
  atoms: Atom[];
  marker: Atom[];
  source: TextSource;
}

export interface PreparedList {
  kind: 'list';
  block: ListBlock;
  items: PreparedItem[];
}

export interface PreparedContainer {
  kind: 'panel' | 'grid';
  block: Extract<Block, { kind: 'panel' | 'grid' }>;
  children: Prepared[];
}

export interface PreparedOther {
  kind: 'gauge' | 'rule' | 'gap' | 'image';
  block: Extract<Block, { kind: 'gauge' | 'rule' | 'gap' | 'image' }>;
}

export type Prepared = PreparedPara | PreparedList | PreparedContainer | PreparedOther;

/**
 * Turns a flow's blocks into atoms for one filling of the layout: `field` paths are read from the data and
 * their light Markdown parsed; every string is cut into measured atoms once, whatever size it is fitted at.
 */
export function prepareBlocks(blocks: readonly Block[], data: unknown, ctx: RenderContext): Prepared[] {
  const out: Prepared[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'para':
        out.push(...preparePara(block, data, ctx));
        break;
      case 'list': {
        const items = listItems(block, data, ctx);
        if (items.length > 0) out.push({ kind: 'list', block, items });
        break;
      }
      case 'panel':
      case 'grid': {
        const children = prepareBlocks(block.kind === 'panel' ? block.blocks : block.cells, data, ctx);
        // A panel left empty by missing optional text (a card without constraint) is not drawn.
        if (children.some((c) => c.kind !== 'gap' && c.kind !== 'rule'))
          out.push({ kind: block.kind, block, children });
        break;
      }
      default:
        out.push({ kind: block.kind, block } as PreparedOther);
    }
  }
  return out;
}

function preparePara(block: ParaBlock, data: unknown, ctx: RenderContext): Prepared[] {
  const source: TextSource =
    block.content.kind === 'field' ? { field: block.content.path, at: block.at } : { at: block.at };
  if (block.content.kind === 'runs') {
    const runs = expandFieldRuns(block.content.runs, data, block.at, ctx);
    const firstField = block.content.runs.find((r) => r.field !== undefined)?.field;
    const runSource = firstField ? { field: firstField, at: block.at } : source;
    const atoms = atomsOf(runs, block.style, runSource, ctx);
    return atoms.length > 0 ? [{ kind: 'para', block, atoms, source: runSource }] : [];
  }
  const value = readField(data, block.content.path, block.at, ctx);
  if (value === undefined) return [];
  const parsed = parseMarkdown(value);
  return parsed.map((md, i): Prepared => {
    // The block's own spacing goes around the whole text; paragraphs inside it use the style's spacing.
    const part: ParaBlock = {
      ...block,
      spaceBefore: i === 0 ? block.spaceBefore : 0,
      spaceAfter: i === parsed.length - 1 ? block.spaceAfter : 0,
    };
    return md.kind === 'paragraph'
      ? { kind: 'para', block: part, atoms: atomsOf(md.runs, block.style, source, ctx), source }
      : markdownList(md, part, source, ctx);
  });
}

function markdownList(
  md: Extract<MdBlock, { kind: 'list' }>,
  para: ParaBlock,
  source: TextSource,
  ctx: RenderContext,
): PreparedList {
  const block: ListBlock = {
    kind: 'list',
    style: para.style,
    marker: md.ordered ? 'number' : 'bullet',
    gap: 0,
    items: [],
    spaceBefore: para.spaceBefore,
    spaceAfter: para.spaceAfter,
    at: para.at,
  };
  return {
    kind: 'list',
    block,
    items: md.items.map((runs, i) => ({
      atoms: atomsOf(runs, para.style, source, ctx),
      marker: markerAtoms(block, i, ctx),
      source,
    })),
  };
}

function listItems(block: ListBlock, data: unknown, ctx: RenderContext): PreparedItem[] {
  const items: PreparedItem[] = [];
  if ('field' in block.items) {
    const path = block.items.field;
    const value = lookup(data, path);
    if (value.missing) {
      reportMissingField(path, block.at, value.candidates, ctx);
      return items;
    }
    const list = value.value == null ? [] : Array.isArray(value.value) ? value.value : [value.value];
    list.forEach((entry, i) => {
      if (entry == null || entry === '') return;
      const source = { field: `${path}.${i}`, at: block.at };
      items.push({
        atoms: atomsOf(parseInline(String(entry)), block.style, source, ctx),
        marker: markerAtoms(block, items.length, ctx),
        source,
      });
    });
    return items;
  }
  for (const inline of block.items) {
    const source: TextSource =
      inline.kind === 'field' ? { field: inline.path, at: block.at } : { at: block.at };
    const runs = inlineRuns(inline, data, block.at, ctx);
    if (!runs) continue;
    const atoms = atomsOf(runs, block.style, source, ctx);
    if (atoms.length > 0) items.push({ atoms, marker: markerAtoms(block, items.length, ctx), source });
  }
  return items;
}

/** Literal runs with `<span field>` pieces replaced by the deck text they name, in the span's style. */
function expandFieldRuns(
  runs: readonly StyledRun[],
  data: unknown,
  at: Position,
  ctx: RenderContext,
): StyledRun[] {
  if (!runs.some((r) => r.field !== undefined)) return runs as StyledRun[];
  const out: StyledRun[] = [];
  for (const run of runs) {
    if (run.field === undefined) {
      out.push(run);
      continue;
    }
    const value = readField(data, run.field, at, ctx);
    if (value === undefined) continue;
    for (const part of parseInline(value)) {
      out.push({
        text: part.text,
        bold: run.bold || part.bold,
        italic: run.italic || part.italic,
        ...(run.colour ? { colour: run.colour } : {}),
      });
    }
  }
  return out;
}

function inlineRuns(
  inline: Inline,
  data: unknown,
  at: Position,
  ctx: RenderContext,
): StyledRun[] | undefined {
  if (inline.kind === 'runs') return expandFieldRuns(inline.runs, data, at, ctx);
  const value = readField(data, inline.path, at, ctx);
  return value === undefined ? undefined : parseInline(value);
}

const MARKERS = { bullet: '•', dash: '–', none: '' } as const;

function markerAtoms(block: ListBlock, index: number, ctx: RenderContext): Atom[] {
  const text = block.marker === 'number' ? `${index + 1}.` : MARKERS[block.marker];
  if (!text) return [];
  const face: TextFace =
    block.markerFace ?? (block.marker === 'number' ? boldOf(block.style.face) : block.style.face);
  return tokenizeRuns(
    [{ text, face, colour: block.markerColour ?? block.style.colour }],
    block.style,
    { at: block.at },
    ctx,
  );
}

function boldOf(face: TextFace): TextFace {
  return face === 'italic' || face === 'boldItalic' ? 'boldItalic' : 'bold';
}

/** Runs (bold/italic relative to the style's face) to atoms. */
function atomsOf(
  runs: readonly (Run | StyledRun)[],
  style: TextStyle,
  source: TextSource,
  ctx: RenderContext,
): Atom[] {
  const base = style.face;
  const faceRuns: FaceRun[] = runs.map((run) => ({
    text: run.text,
    face: faceOf({
      bold: run.bold || base === 'bold' || base === 'boldItalic',
      italic: run.italic || base === 'italic' || base === 'boldItalic',
    }),
    colour: ('colour' in run && run.colour) || style.colour,
  }));
  return tokenizeRuns(faceRuns, style, source, ctx);
}

function tokenizeRuns(runs: FaceRun[], style: TextStyle, source: TextSource, ctx: RenderContext): Atom[] {
  return tokenize(runs, ctx.fonts as FontSet, new MissingGlyphs(style.upper, source, ctx));
}

/** Tokenizer options that report characters no font has against the text they come from. */
class MissingGlyphs {
  readonly locale: string;

  constructor(
    readonly upper: boolean,
    private readonly source: TextSource,
    private readonly ctx: RenderContext,
  ) {
    this.locale = ctx.locale;
  }

  onMissing(ch: string): void {
    reportMissingGlyph(ch, this.source, this.ctx);
  }
}

function reportMissingGlyph(ch: string, source: TextSource, ctx: RenderContext): void {
  const where = (source.field ? fieldPosition(ctx.subject, source.field) : undefined) ?? source.at;
  const field = source.field ? ` in \`${fieldLabel(source.field)}\`` : '';
  ctx.diagnostics.add(
    error(
      'render/missing-glyph',
      `no font can draw “${ch}” (${codePointLabel(ch)})${field} of ${ctx.subject.label} (${ctx.locale})`,
      where,
      'use another character, or give the locale a font that has it (theme.fonts)',
    ),
  );
}

/** Reads a string at a data path; reports a path that does not exist. `null` (an absent optional field) is no text. */
/** The text at a data path; undefined (reported) when the path is unknown or not text, or when it is empty. */
export function readField(data: unknown, path: string, at: Position, ctx: RenderContext): string | undefined {
  const found = lookup(data, path);
  if (found.missing) {
    reportMissingField(path, at, found.candidates, ctx);
    return undefined;
  }
  if (found.value == null || found.value === '') return undefined;
  if (typeof found.value === 'object') {
    ctx.diagnostics.add(
      error(
        'template/field-not-text',
        `field \`${path}\` holds a list or an object, not text`,
        at,
        Array.isArray(found.value) ? 'use <list field="…"> for a list' : 'name one of its fields',
      ),
    );
    return undefined;
  }
  return String(found.value);
}

function reportMissingField(path: string, at: Position, candidates: string[], ctx: RenderContext): void {
  const last = path.split('.').at(-1) ?? path;
  ctx.diagnostics.add(
    error(
      'template/unknown-field',
      `field \`${path}\` is not in the data given to this layout`,
      at,
      didYouMean(last, candidates) ?? (candidates.length ? `here: ${candidates.join(', ')}` : undefined),
    ),
  );
}

const splitPaths = new Map<string, string[]>();

/** Follows a dotted path (`card.questions.1`) through plain objects and arrays. */
export function lookup(
  data: unknown,
  path: string,
): { value?: unknown; missing: boolean; candidates: string[] } {
  let parts = splitPaths.get(path);
  if (!parts) {
    parts = path.split('.');
    if (splitPaths.size < 10_000) splitPaths.set(path, parts);
  }
  let current: unknown = data;
  for (const part of parts) {
    if (current == null || typeof current !== 'object') return { missing: true, candidates: [] };
    if (!Object.hasOwn(current, part))
      return {
        missing: !Array.isArray(current),
        candidates: Array.isArray(current) ? [] : Object.keys(current),
      };
    current = (current as Record<string, unknown>)[part];
  }
  return { value: current, missing: false, candidates: [] };
}

export type { Face };
