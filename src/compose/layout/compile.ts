import { type Diagnostic, error } from '../../diagnostics/diagnostic.ts';
import { didYouMean } from '../../diagnostics/suggest.ts';
import { parseMarkup } from '../markup/parse.ts';
import type { MarkupElement, MarkupNode } from '../markup/tree.ts';
import type {
  Align,
  Block,
  Decoration,
  FlowNode,
  ImageUse,
  Inline,
  Layout,
  Length,
  PositionedNode,
  Rect,
  Sides,
  StyledRun,
  TextFace,
  TextStyle,
  VAlign,
} from './nodes.ts';
import { LAYOUT_SPEC } from './spec.ts';

const PT_PER_MM = 72 / 25.4;

export interface CompileResult {
  layout?: Layout;
  diagnostics: Diagnostic[];
}

/**
 * Parses the markup a layout produced and turns it into a layout tree for a root of `width`×`height` points.
 * `files` names the templates that `_at` attributes point into, so problems are reported in the template.
 */
export function compileMarkup(
  markup: string,
  files: readonly string[],
  size: { width: number; height: number },
  generatedName = 'layout',
): CompileResult {
  const parsed = parseMarkup(markup, `${generatedName} (generated)`, LAYOUT_SPEC, { files });
  if (!parsed.root) return { diagnostics: parsed.diagnostics };
  const compiler = new Compiler(size);
  const layout = compiler.root(parsed.root);
  return { ...(layout ? { layout } : {}), diagnostics: [...parsed.diagnostics, ...compiler.diagnostics] };
}

/** Reads a markup length: `4mm`, `9pt`, `0`, or a percentage of `base`. */
export function lengthOf(value: string, base: number): number {
  const length = parseLength(value);
  return 'pt' in length ? length.pt : (length.percent / 100) * base;
}

export function parseLength(value: string): Length {
  const v = value.trim();
  const n = Number.parseFloat(v);
  if (!Number.isFinite(n)) return { pt: 0 };
  if (v.endsWith('%')) return { percent: n };
  if (v.endsWith('mm')) return { pt: n * PT_PER_MM };
  return { pt: n };
}

export function resolveLength(length: Length, base: number): number {
  return 'pt' in length ? length.pt : (length.percent / 100) * base;
}

class Compiler {
  readonly diagnostics: Diagnostic[] = [];
  private readonly styles = new Map<string, TextStyle>();
  private readonly images: ImageUse[] = [];

  constructor(private readonly size: { width: number; height: number }) {}

  root(element: MarkupElement): Layout | undefined {
    if (element.name !== 'card' && element.name !== 'page') {
      this.diagnostics.push(
        error(
          'template/root',
          `a layout starts with <card> or <page>, not <${element.name}>`,
          element.position,
        ),
      );
      return undefined;
    }
    // Styles first, wherever they are written: a style may be used before the element that defines it.
    for (const child of elements(element))
      if (child.name === 'styles') for (const style of elements(child)) this.defineStyle(style);
    const frame: Rect = { x: 0, y: 0, w: this.size.width, h: this.size.height };
    const children = this.positioned(element, frame);
    const background = element.attributes.background;
    return {
      kind: element.name,
      width: this.size.width,
      height: this.size.height,
      ...(background && background !== 'none' ? { background } : {}),
      children,
      images: this.images,
    };
  }

  private defineStyle(element: MarkupElement): void {
    const a = element.attributes;
    const size = lengthOf(a.size ?? '9pt', 0);
    const minSize = a['min-size'] ? Math.min(size, lengthOf(a['min-size'], 0)) : size;
    this.styles.set(a.name ?? '', {
      name: a.name ?? '',
      face: (a.font as TextFace | undefined) ?? 'regular',
      size,
      minSize,
      leading: a.leading ? Number(a.leading) : 1.25,
      colour: colourOf(a.colour) ?? '#000000',
      align: (a.align as Align | undefined) ?? 'left',
      upper: a.case === 'upper',
      tracking: a.tracking ? lengthOf(a.tracking, 0) : 0,
      spaceBefore: a['space-before'] ? lengthOf(a['space-before'], 0) : 0,
      spaceAfter: a['space-after'] ? lengthOf(a['space-after'], 0) : 0,
    });
  }

  private style(element: MarkupElement): TextStyle {
    const name = element.attributes.style ?? '';
    const style = this.styles.get(name);
    if (style) return style;
    this.diagnostics.push(
      error(
        'template/unknown-style',
        `<${element.name}> uses style \`${name}\`, which no <style> defines`,
        element.position,
        didYouMean(name, this.styles.keys()) ??
          `styles: ${[...this.styles.keys()].join(', ') || 'none defined'}`,
      ),
    );
    return {
      name,
      face: 'regular',
      size: 9,
      minSize: 9,
      leading: 1.25,
      colour: '#000000',
      align: 'left',
      upper: false,
      tracking: 0,
      spaceBefore: 0,
      spaceAfter: 0,
    };
  }

  private positioned(parent: MarkupElement, frame: Rect): PositionedNode[] {
    const nodes: PositionedNode[] = [];
    for (const element of elements(parent)) {
      const node = this.positionedNode(element, frame);
      if (node) nodes.push(node);
    }
    return nodes;
  }

  private positionedNode(element: MarkupElement, frame: Rect): PositionedNode | undefined {
    const a = element.attributes;
    const at = element.position;
    switch (element.name) {
      case 'box': {
        const rect = place(a, frame);
        const padding = a.padding ? lengthOf(a.padding, rect.w) : 0;
        return {
          kind: 'box',
          rect,
          deco: decoration(a),
          bleed: sides(a.bleed),
          clip: a.clip === 'true',
          children: this.positioned(element, inset(rect, padding)),
          at,
        };
      }
      case 'flow': {
        const rect = place(a, frame);
        return {
          kind: 'flow',
          rect: inset(rect, a.padding ? lengthOf(a.padding, rect.w) : 0),
          valign: (a.valign as VAlign | undefined) ?? 'top',
          gap: a.gap ? lengthOf(a.gap, rect.h) : 0,
          blocks: this.blocks(element),
          at,
        };
      }
      case 'text': {
        const rect = place(a, frame);
        const style = this.style(element);
        const flow: FlowNode = {
          kind: 'flow',
          rect: inset(rect, a.padding ? lengthOf(a.padding, rect.w) : 0),
          valign: (a.valign as VAlign | undefined) ?? 'top',
          gap: 0,
          blocks: [
            {
              kind: 'para',
              style,
              align: (a.align as Align | undefined) ?? style.align,
              content: this.inline(element),
              deco: decoration({}),
              padding: 0,
              spaceBefore: 0,
              spaceAfter: 0,
              at,
            },
          ],
          at,
        };
        return flow;
      }
      case 'image': {
        const src = a.src ?? '';
        const rect = place(a, frame);
        const fit = (a.fit as 'contain' | undefined) ?? 'contain';
        if (src) this.images.push({ src, at, w: rect.w, h: rect.h, fit });
        return { kind: 'image', rect, src, fit, opacity: a.opacity ? Number(a.opacity) : 1, at };
      }
      case 'gauge':
        return { kind: 'gauge', rect: place(a, frame), ...gauge(a), at };
      case 'qr':
        return {
          kind: 'qr',
          rect: place(a, frame),
          field: a.field ?? '',
          colour: colourOf(a.colour) ?? '#000000',
          level: (a.level as 'M' | undefined) ?? 'M',
          at,
        };
      case 'rule': {
        const x = frame.x + (a.x ? lengthOf(a.x, frame.w) : 0);
        const y = frame.y + (a.y ? lengthOf(a.y, frame.h) : 0);
        const vertical = a.vertical === 'true';
        const along = vertical
          ? a.h
            ? lengthOf(a.h, frame.h)
            : frame.h - (y - frame.y)
          : a.w
            ? lengthOf(a.w, frame.w)
            : frame.w - (x - frame.x);
        return {
          kind: 'rule',
          x1: x,
          y1: y,
          x2: vertical ? x : x + along,
          y2: vertical ? y + along : y,
          ...rule(a),
          at,
        };
      }
      case 'styles':
        return undefined;
      default:
        // The parser already reported an element that does not belong here.
        return undefined;
    }
  }

  private blocks(parent: MarkupElement): Block[] {
    const blocks: Block[] = [];
    for (const element of elements(parent)) {
      const block = this.block(element);
      if (block) blocks.push(block);
    }
    return blocks;
  }

  private block(element: MarkupElement): Block | undefined {
    const a = element.attributes;
    const at = element.position;
    const space = {
      spaceBefore: a['space-before'] ? lengthOf(a['space-before'], 0) : 0,
      spaceAfter: a['space-after'] ? lengthOf(a['space-after'], 0) : 0,
    };
    switch (element.name) {
      case 'p': {
        const style = this.style(element);
        return {
          kind: 'para',
          style,
          align: (a.align as Align | undefined) ?? style.align,
          content: this.inline(element),
          deco: decoration(a),
          padding: a.padding ? lengthOf(a.padding, 0) : 0,
          ...space,
          at,
        };
      }
      case 'list': {
        const style = this.style(element);
        const items = a.field ? { field: a.field } : elements(element).map((item) => this.inline(item));
        if (a.field && elements(element).length > 0)
          this.diagnostics.push(
            error(
              'template/field-and-text',
              '<list> has both `field` and <item> elements: the items are ignored',
              at,
            ),
          );
        return {
          kind: 'list',
          style,
          marker: (a.marker as 'bullet' | undefined) ?? 'bullet',
          ...(a.indent ? { indent: lengthOf(a.indent, 0) } : {}),
          ...(colourOf(a['marker-colour']) ? { markerColour: colourOf(a['marker-colour']) } : {}),
          ...(a['marker-font'] ? { markerFace: a['marker-font'] as TextFace } : {}),
          gap: a.gap ? lengthOf(a.gap, 0) : 0,
          items,
          ...space,
          at,
        };
      }
      case 'panel':
        return {
          kind: 'panel',
          deco: decoration(a),
          padding: a.padding ? lengthOf(a.padding, 0) : 0,
          gap: a.gap ? lengthOf(a.gap, 0) : 0,
          ...(a.w ? { width: parseLength(a.w) } : {}),
          blocks: this.blocks(element),
          ...space,
          at,
        };
      case 'grid': {
        // Percentages share the width left once the gaps are taken out; `columns` makes equal shares.
        const count = Math.max(1, Math.min(12, Math.floor(Number(a.columns ?? '2')) || 1));
        const columns = a.widths
          ? a.widths.split(',').map((w) => parseLength(w))
          : Array.from({ length: count }, () => ({ percent: 100 / count }));
        return {
          kind: 'grid',
          columns,
          gap: a.gap ? lengthOf(a.gap, 0) : 0,
          rowGap: a['row-gap'] ? lengthOf(a['row-gap'], 0) : 0,
          cells: this.blocks(element),
          ...space,
          at,
        };
      }
      case 'gauge':
        return {
          kind: 'gauge',
          ...gauge(a),
          ...(a.w ? { width: parseLength(a.w) } : {}),
          height: a.h ? lengthOf(a.h, 0) : 3 * PT_PER_MM,
          ...space,
          at,
        };
      case 'rule':
        return { kind: 'rule', ...rule(a), ...space, at };
      case 'gap':
        return { kind: 'gap', height: a.h ? lengthOf(a.h, 0) : 0, grow: a.grow === 'true', at };
      case 'image': {
        const src = a.src ?? '';
        const width = a.w ? parseLength(a.w) : undefined;
        const height = a.h ? lengthOf(a.h, 0) : 20 * PT_PER_MM;
        const fit = (a.fit as 'contain' | undefined) ?? 'contain';
        // In a flow the width is known only when laid out: the root's width bounds it.
        if (src)
          this.images.push({
            src,
            at,
            w: width && 'pt' in width ? width.pt : this.size.width,
            h: height,
            fit,
          });
        return {
          kind: 'image',
          src,
          ...(width ? { width } : {}),
          height,
          fit,
          opacity: a.opacity ? Number(a.opacity) : 1,
          ...space,
          at,
        };
      }
      default:
        return undefined;
    }
  }

  /** The text of a paragraph: its `field`, or the runs written inside it (whitespace collapsed as in HTML). */
  private inline(element: MarkupElement): Inline {
    const runs: StyledRun[] = [];
    collectRuns(element, {}, runs);
    const field = element.attributes.field;
    if (field !== undefined) {
      if (runs.some((r) => r.text.trim() !== '')) {
        this.diagnostics.push(
          error(
            'template/field-and-text',
            `<${element.name}> has both \`field\` and text: the text is ignored`,
            element.position,
            'keep one of them',
          ),
        );
      }
      return { kind: 'field', path: field };
    }
    return { kind: 'runs', runs: collapse(runs) };
  }
}

function elements(parent: MarkupElement): MarkupElement[] {
  return parent.children.filter((c): c is MarkupElement => c.kind === 'element');
}

function collectRuns(node: MarkupNode, style: Omit<StyledRun, 'text'>, out: StyledRun[]): void {
  if (node.kind === 'text') {
    out.push({ text: node.text, ...style });
    return;
  }
  const next = { ...style };
  if (node.name === 'b') next.bold = true;
  if (node.name === 'i') next.italic = true;
  if (node.name === 'span' && colourOf(node.attributes.colour))
    next.colour = colourOf(node.attributes.colour);
  if (node.name === 'br') {
    out.push({ text: '\n', ...style });
    return;
  }
  if (node.name === 'span' && node.attributes.field) {
    out.push({ text: '', ...next, field: node.attributes.field });
    return;
  }
  for (const child of node.children) collectRuns(child, next, out);
}

/** Layout whitespace (indentation, newlines) collapses to single spaces; no-break spaces are kept. */
function collapse(runs: StyledRun[]): StyledRun[] {
  const out: StyledRun[] = [];
  let lastWasSpace = true;
  for (const run of runs) {
    if (run.field !== undefined) {
      out.push(run);
      lastWasSpace = false;
      continue;
    }
    let text = '';
    for (const part of run.text === '\n' ? ['\n'] : run.text.split(/([ \t\r\n]+)/)) {
      if (part === '') continue;
      if (part === '\n' && run.text === '\n') {
        text = text.replace(/ $/, '');
        text += '\n';
        lastWasSpace = true;
      } else if (/^[ \t\r\n]+$/.test(part)) {
        if (!lastWasSpace) text += ' ';
        lastWasSpace = true;
      } else {
        text += part;
        lastWasSpace = false;
      }
    }
    if (text !== '') out.push({ ...run, text });
  }
  const last = out.at(-1);
  if (last && last.field === undefined) last.text = last.text.replace(/ $/, '');
  return out.filter((r) => r.text !== '' || r.field !== undefined);
}

function place(a: Record<string, string>, frame: Rect): Rect {
  const get = (name: string, base: number) => (a[name] !== undefined ? lengthOf(a[name], base) : undefined);
  const right = get('right', frame.w);
  const bottom = get('bottom', frame.h);
  let x = get('x', frame.w);
  let y = get('y', frame.h);
  const w = get('w', frame.w) ?? frame.w - (x ?? 0) - (right ?? 0);
  const h = get('h', frame.h) ?? frame.h - (y ?? 0) - (bottom ?? 0);
  x ??= right !== undefined ? frame.w - right - w : 0;
  y ??= bottom !== undefined ? frame.h - bottom - h : 0;
  return { x: frame.x + x, y: frame.y + y, w: Math.max(0, w), h: Math.max(0, h) };
}

function inset(rect: Rect, by: number): Rect {
  return { x: rect.x + by, y: rect.y + by, w: Math.max(0, rect.w - 2 * by), h: Math.max(0, rect.h - 2 * by) };
}

function colourOf(value: string | undefined): string | undefined {
  if (!value || value === 'none') return undefined;
  return value.length === 4
    ? `#${[...value.slice(1)].map((c) => c + c).join('')}`.toLowerCase()
    : value.toLowerCase();
}

function decoration(a: Record<string, string>): Decoration {
  const fill = colourOf(a.fill);
  const stroke = colourOf(a.stroke);
  return {
    ...(fill ? { fill } : {}),
    ...(stroke ? { stroke } : {}),
    opacity: a.opacity ? Math.min(1, Math.max(0, Number(a.opacity))) : 1,
    strokeWidth: a['stroke-width'] ? lengthOf(a['stroke-width'], 0) : 0.5,
    radius: a.radius ? lengthOf(a.radius, 0) : 0,
  };
}

function sides(value: string | undefined): Sides {
  const words = new Set((value ?? 'none').trim().split(/\s+/));
  const all = words.has('all');
  return {
    top: all || words.has('top'),
    right: all || words.has('right'),
    bottom: all || words.has('bottom'),
    left: all || words.has('left'),
  };
}

function gauge(a: Record<string, string>) {
  const max = Math.max(1, Math.min(20, Math.round(Number(a.max ?? '4')) || 4));
  return {
    level: Math.max(0, Math.min(max, Number(a.level ?? '0') || 0)),
    max,
    colour: colourOf(a.colour) ?? '#1f6feb',
    track: colourOf(a.track) ?? '#e3e6eb',
    gap: a.gap ? lengthOf(a.gap, 0) : 0.8 * PT_PER_MM,
  };
}

function rule(a: Record<string, string>) {
  return {
    colour: colourOf(a.colour) ?? '#000000',
    thickness: a.thickness ? lengthOf(a.thickness, 0) : 0.5,
    dash: a.dash ? lengthOf(a.dash, 0) : 0,
  };
}
