import { resolveLength } from '../../compose/layout/compile.ts';
import type { FlowNode, GridBlock, PanelBlock, TextStyle } from '../../compose/layout/nodes.ts';
import { warning } from '../../diagnostics/diagnostic.ts';
import { fieldLabel, fieldPosition } from '../diagnostics.ts';
import type { FitRecorder } from '../fitting.ts';
import { breakLines, countLines, type Line, type LineMetrics } from '../text/lines.ts';
import { type Atom, isRightToLeft } from '../text/words.ts';
import type { Prepared, PreparedItem, PreparedList, PreparedPara, TextSource } from './content.ts';
import type { RenderContext } from './context.ts';
import { drawDecoration, drawGauge, drawHorizontalRule } from './shapes.ts';

/*
 * Block layout inside a flow: paragraphs, lists, panels and grids stacked top to bottom. One function both
 * measures (no sink) and draws (with a sink), so what is measured is what is drawn. Shrink-to-fit scales every
 * style of the flow together by `t`, from its size (t = 1) down to its min size (t = 0).
 */

interface Sink {
  ctx: RenderContext;
  /** Every text line drawn, for the overflow report. */
  lines: { bottom: number; source: TextSource; size: number; lineHeight: number }[];
}

interface State {
  overfull?: { source: TextSource; size: number };
}

const sizeAt = (style: TextStyle, t: number) => style.minSize + t * (style.size - style.minSize);

export interface FitResult {
  t: number;
  height: number;
  overflows: boolean;
}

/** Finds the largest scale at which the flow's blocks fit its box (binary search over `t`). */
export function fitFlow(flow: FlowNode, blocks: Prepared[]): FitResult {
  const available = flow.rect.h + 0.01;
  const measure = (t: number) => {
    const state: State = {};
    const height = layoutBlocks(blocks, 0, 0, flow.rect.w, t, flow.gap, null, state, 0);
    return { height, fits: height <= available && !state.overfull };
  };
  const full = measure(1);
  if (full.fits) return { t: 1, height: full.height, overflows: false };
  if (!shrinkable(blocks)) return { t: 1, height: full.height, overflows: true };
  const smallest = measure(0);
  if (!smallest.fits) return { t: 0, height: smallest.height, overflows: true };
  // Bisection guided by interpolation: heights fall roughly linearly with the size, so the first guess lands
  // close and the bracket shrinks fast; five steps bring it within a few hundredths of a point.
  let lo = 0;
  let hi = 1;
  let loHeight = smallest.height;
  let hiHeight = full.height;
  for (let i = 0; i < 5; i++) {
    const span = hi - lo;
    const guess =
      hiHeight > loHeight ? lo + ((available - loHeight) / (hiHeight - loHeight)) * span : lo + span / 2;
    const mid = Math.min(hi - span * 0.1, Math.max(lo + span * 0.1, guess));
    const m = measure(mid);
    if (m.fits) {
      lo = mid;
      loHeight = m.height;
    } else {
      hi = mid;
      hiHeight = m.height;
    }
  }
  return { t: lo, height: loHeight, overflows: false };
}

/** Fits and draws a flow; text that still does not fit is drawn clipped to the box and reported. */
export function drawFlow(flow: FlowNode, blocks: Prepared[], ctx: RenderContext): void {
  if (blocks.length === 0) return;
  const fit = fitFlow(flow, blocks);
  const { rect } = flow;
  const spare = Math.max(0, rect.h - fit.height);
  const growers = countGrowers(blocks);
  const grow = growers > 0 ? spare / growers : 0;
  const offset =
    growers > 0 ? 0 : flow.valign === 'middle' ? spare / 2 : flow.valign === 'bottom' ? spare : 0;
  const sink: Sink = { ctx, lines: [] };
  const state: State = {};
  const { doc } = ctx;
  if (fit.overflows) doc.save().rect(rect.x, rect.y, rect.w, rect.h).clip();
  layoutBlocks(blocks, rect.x, rect.y + offset, rect.w, fit.t, flow.gap, sink, state, grow);
  if (fit.overflows) doc.restore();
  if (fit.overflows) reportOverflow(flow, fit, sink, state, ctx);
  if (ctx.fitting) recordSizes(blocks, fit, ctx.fitting, ctx.subject.label);
}

/** Notes the size each style of the flow was drawn at (for the fitting report). */
function recordSizes(blocks: Prepared[], fit: FitResult, recorder: FitRecorder, subject: string): void {
  for (const b of blocks) {
    if (b.kind === 'para' || b.kind === 'list')
      recorder.record(subject, b.block.style.name, sizeAt(b.block.style, fit.t));
    else if (b.kind === 'panel' || b.kind === 'grid') recordSizes(b.children, fit, recorder, subject);
  }
  if (fit.overflows) recorder.overflowed(subject);
}

function reportOverflow(flow: FlowNode, fit: FitResult, sink: Sink, state: State, ctx: RenderContext): void {
  const bottom = flow.rect.y + flow.rect.h + 0.01;
  const cut = sink.lines.filter((l) => l.bottom > bottom);
  // Name the deck text that was cut (the layout's own labels are not what a trainer can shorten).
  const fromDeck = cut.filter((l) => l.source.field !== undefined);
  const first =
    fromDeck[0] ??
    cut[0] ??
    (state.overfull ? { source: state.overfull.source, size: state.overfull.size } : sink.lines.at(-1));
  const source = first?.source ?? { at: flow.at };
  const where = (source.field ? fieldPosition(ctx.subject, source.field) : undefined) ?? source.at;
  const fields = [...new Set(fromDeck.map((l) => l.source.field as string))].map(
    (f) => `\`${fieldLabel(f)}\``,
  );
  const what =
    fields.length === 0
      ? source.field
        ? `\`${fieldLabel(source.field)}\``
        : 'the text'
      : fields.length === 1
        ? fields[0]
        : `${fields.slice(0, -1).join(', ')} and ${fields.at(-1)}`;
  const verb = fields.length > 1 ? 'do' : 'does';
  const size = first ? round(first.size) : 0;
  const tooTall = fit.height - flow.rect.h;
  const amount =
    tooTall > 0.01
      ? `${cut.length > 0 ? `${cut.length} line${cut.length === 1 ? '' : 's'} / ` : ''}${round(tooTall)} pt too tall at ${size} pt`
      : `a word is wider than the box at ${size} pt`;
  ctx.diagnostics.add(
    warning(
      'render/overflow',
      `${ctx.subject.label} (${ctx.locale}): ${what} ${verb} not fit: ${amount}`,
      where,
      source.field
        ? 'shorten the text, or let its style shrink further (min-size in the layout)'
        : 'make the box larger or the text shorter in the layout',
    ),
  );
}

const round = (n: number) => Math.round(n * 10) / 10;

function shrinkable(blocks: Prepared[]): boolean {
  return blocks.some((b) => {
    if (b.kind === 'para' || b.kind === 'list') return b.block.style.minSize < b.block.style.size;
    if (b.kind === 'panel' || b.kind === 'grid') return shrinkable(b.children);
    return false;
  });
}

function countGrowers(blocks: Prepared[]): number {
  return blocks.filter((b) => b.kind === 'gap' && b.block.kind === 'gap' && b.block.grow).length;
}

function spaceBefore(p: Prepared, t: number): number {
  const own = 'spaceBefore' in p.block ? p.block.spaceBefore : 0;
  if (p.kind === 'para' || p.kind === 'list')
    return own + (p.block.style.spaceBefore * sizeAt(p.block.style, t)) / p.block.style.size;
  return own;
}

function spaceAfter(p: Prepared, t: number): number {
  const own = 'spaceAfter' in p.block ? p.block.spaceAfter : 0;
  if (p.kind === 'para' || p.kind === 'list')
    return own + (p.block.style.spaceAfter * sizeAt(p.block.style, t)) / p.block.style.size;
  return own;
}

/** Stacks blocks from `y` down; returns the height used. The first block's space before and the last's after are dropped. */
function layoutBlocks(
  blocks: Prepared[],
  x: number,
  y: number,
  width: number,
  t: number,
  gap: number,
  sink: Sink | null,
  state: State,
  grow: number,
): number {
  let cursor = y;
  for (let i = 0; i < blocks.length; i++) {
    const p = blocks[i] as Prepared;
    if (i > 0) cursor += spaceAfter(blocks[i - 1] as Prepared, t) + gap + spaceBefore(p, t);
    cursor += layoutBlock(p, x, cursor, width, t, sink, state, grow, 0);
  }
  return cursor - y;
}

function layoutBlock(
  p: Prepared,
  x: number,
  y: number,
  width: number,
  t: number,
  sink: Sink | null,
  state: State,
  grow: number,
  stretch: number,
): number {
  switch (p.kind) {
    case 'para':
      return layoutPara(p, x, y, width, t, sink, state);
    case 'list':
      return layoutList(p, x, y, width, t, sink, state);
    case 'panel':
      return layoutPanel(p.block as PanelBlock, p.children, x, y, width, t, sink, state, stretch);
    case 'grid':
      return layoutGrid(p.block as GridBlock, p.children, x, y, width, t, sink, state);
    default: {
      const block = p.block;
      if (block.kind === 'gap') return block.height + (block.grow ? grow : 0);
      if (block.kind === 'rule') {
        if (sink) drawHorizontalRule(sink.ctx.doc, x, y + block.thickness / 2, width, block);
        return block.thickness;
      }
      const w = block.width ? Math.min(width, resolveLength(block.width, width)) : width;
      if (sink) {
        if (block.kind === 'gauge') drawGauge(sink.ctx.doc, { x, y, w, h: block.height }, block);
        else
          sink.ctx.images.draw(
            sink.ctx,
            block.src,
            { x, y, w, h: block.height },
            block.fit,
            block.opacity,
            block.at,
          );
      }
      return block.height;
    }
  }
}

/** A style's line metrics at fit `t`, with the height of its line box. */
type BoxMetrics = LineMetrics & { lineHeight: number };

function metricsOf(style: TextStyle, t: number): BoxMetrics {
  const size = sizeAt(style, t);
  return { size, tracking: style.tracking, lineHeight: size * style.leading };
}

/** Baseline of a line in a line box: half-leading above, the em box split by the face's ascender and descender. */
function baselineIn(
  top: number,
  lineHeight: number,
  size: number,
  ctx: RenderContext,
  style: TextStyle,
): number {
  const { ascender, descender } = ctx.fonts.metrics(style.face);
  return top + (lineHeight - size) / 2 + (size * ascender) / (ascender - descender);
}

function layoutPara(
  p: PreparedPara,
  x: number,
  y: number,
  width: number,
  t: number,
  sink: Sink | null,
  state: State,
): number {
  const { block } = p;
  const m = metricsOf(block.style, t);
  const inner = width - 2 * block.padding;
  if (!sink) return countNoting(p.atoms, inner, m, p.source, state) * m.lineHeight + 2 * block.padding;
  const lines = breakNoting(p.atoms, inner, m, p.source, state);
  const height = lines.length * m.lineHeight + 2 * block.padding;
  drawDecoration(sink.ctx.doc, { x, y, w: width, h: height }, block.deco);
  // Right-to-left paragraphs start at the right margin: a left-aligned layout means aligned at the start.
  const align = block.align === 'left' && isRightToLeft(p.atoms) ? 'right' : block.align;
  lines.forEach((line, k) => {
    const top = y + block.padding + k * m.lineHeight;
    const shift = align === 'center' ? (inner - line.width) / 2 : align === 'right' ? inner - line.width : 0;
    const baseline = baselineIn(top, m.lineHeight, m.size, sink.ctx, block.style);
    drawTextLine(sink, p.atoms, line, x + block.padding + Math.max(0, shift), top, baseline, m, p.source);
  });
  return height;
}

function layoutList(
  p: PreparedList,
  x: number,
  y: number,
  width: number,
  t: number,
  sink: Sink | null,
  state: State,
): number {
  const { block } = p;
  const m = metricsOf(block.style, t);
  const indent = block.indent ?? m.size * (block.marker === 'number' ? 1.5 : 1.1);
  let cursor = y;
  p.items.forEach((item: PreparedItem, i) => {
    if (i > 0) cursor += block.gap;
    if (!sink) {
      cursor += countNoting(item.atoms, width - indent, m, item.source, state) * m.lineHeight;
      return;
    }
    const lines = breakNoting(item.atoms, width - indent, m, item.source, state);
    lines.forEach((line, k) => {
      const top = cursor + k * m.lineHeight;
      const baseline = baselineIn(top, m.lineHeight, m.size, sink.ctx, block.style);
      if (k === 0 && item.marker.length > 0) drawMarker(item.marker, x, baseline, m, sink.ctx);
      drawTextLine(sink, item.atoms, line, x + indent, top, baseline, m, item.source);
    });
    cursor += lines.length * m.lineHeight;
  });
  return cursor - y;
}

/** How many lines `atoms` take in `width` (measuring), noting the first word too wide for any line. */
function countNoting(atoms: Atom[], width: number, m: LineMetrics, source: TextSource, state: State): number {
  const overfull = { value: false };
  const count = countLines(atoms, width, m, overfull);
  if (overfull.value && !state.overfull) state.overfull = { source, size: m.size };
  return count;
}

/** `atoms` broken into lines of `width` (drawing), noting the first word too wide for any line. */
function breakNoting(atoms: Atom[], width: number, m: LineMetrics, source: TextSource, state: State): Line[] {
  const lines = breakLines(atoms, width, m);
  if (!state.overfull && lines.some((l) => l.overfull)) state.overfull = { source, size: m.size };
  return lines;
}

/** Draws one line of text and notes where it ends, for the overflow report. */
function drawTextLine(
  sink: Sink,
  atoms: Atom[],
  line: Line,
  x: number,
  top: number,
  baseline: number,
  m: BoxMetrics,
  source: TextSource,
): void {
  sink.ctx.emitter.line(atoms, line, x, baseline, m.size, m.tracking);
  sink.lines.push({ bottom: top + m.lineHeight, source, size: m.size, lineHeight: m.lineHeight });
}

function drawMarker(marker: Atom[], x: number, baseline: number, m: LineMetrics, ctx: RenderContext): void {
  const lines = breakLines(marker, Number.POSITIVE_INFINITY, m);
  const line = lines[0];
  if (line) ctx.emitter.line(marker, line, x, baseline, m.size, m.tracking);
}

function layoutPanel(
  block: PanelBlock,
  children: Prepared[],
  x: number,
  y: number,
  width: number,
  t: number,
  sink: Sink | null,
  state: State,
  stretch: number,
): number {
  const w = block.width ? Math.min(width, resolveLength(block.width, width)) : width;
  const inner = w - 2 * block.padding;
  const contentHeight = layoutBlocks(
    children,
    x + block.padding,
    y + block.padding,
    inner,
    t,
    block.gap,
    null,
    state,
    0,
  );
  const height = Math.max(contentHeight + 2 * block.padding, stretch);
  if (sink) {
    drawDecoration(sink.ctx.doc, { x, y, w, h: height }, block.deco);
    layoutBlocks(children, x + block.padding, y + block.padding, inner, t, block.gap, sink, state, 0);
  }
  return height;
}

function layoutGrid(
  block: GridBlock,
  cells: Prepared[],
  x: number,
  y: number,
  width: number,
  t: number,
  sink: Sink | null,
  state: State,
): number {
  const n = block.columns.length;
  const share = width - block.gap * (n - 1);
  const widths = block.columns.map((c) => Math.max(0, resolveLength(c, share)));
  let cursor = y;
  for (let row = 0; row * n < cells.length; row++) {
    if (row > 0) cursor += block.rowGap;
    const rowCells = cells.slice(row * n, row * n + n);
    // A cell's space before moves it down in its row (to line a gauge up with the text beside it).
    const heights = rowCells.map(
      (cell, i) => spaceBefore(cell, t) + layoutBlock(cell, 0, 0, widths[i] as number, t, null, state, 0, 0),
    );
    const rowHeight = Math.max(0, ...heights);
    if (sink) {
      let cx = x;
      rowCells.forEach((cell, i) => {
        const down = spaceBefore(cell, t);
        layoutBlock(cell, cx, cursor + down, widths[i] as number, t, sink, state, 0, rowHeight - down);
        cx += (widths[i] as number) + block.gap;
      });
    }
    cursor += rowHeight;
  }
  return cursor - y;
}
