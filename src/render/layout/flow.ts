import { resolveLength } from '../../compose/layout/compile.ts';
import type { FlowNode, GridBlock, PanelBlock, TextStyle } from '../../compose/layout/nodes.ts';
import { error, warning } from '../../diagnostics/diagnostic.ts';
import { fieldLabel, fieldPosition } from '../diagnostics.ts';
import type { FitRecorder } from '../fitting.ts';
import {
  atomWidth,
  breakLines,
  countLines,
  gapAfter,
  type Line,
  type LineMetrics,
  makeLine,
} from '../text/lines.ts';
import { drawPlainText } from '../text/plain.ts';
import { type Atom, isRightToLeft, tokenize } from '../text/words.ts';
import type { Prepared, PreparedItem, PreparedList, PreparedPara, TextSource } from './content.ts';
import type { RenderContext } from './context.ts';
import { drawDecoration, drawGauge, drawHorizontalRule } from './shapes.ts';

/*
 * Block layout inside a flow: paragraphs, lists, panels and grids stacked top to bottom. One function both
 * measures (no sink) and draws (with a sink), so what is measured is what is drawn. Shrink-to-fit scales every
 * style of the flow together by `t`, from its size (t = 1) down to its min size (t = 0).
 */

/** A line of text laid out, drawn once the whole flow is laid out (so the last line that fits is known). */
interface LaidLine {
  bottom: number;
  source: TextSource;
  size: number;
  lineHeight: number;
  atoms: Atom[];
  line: Line;
  x: number;
  baseline: number;
  m: BoxMetrics;
  /** Width the line has to fit in. */
  width: number;
  style: TextStyle;
  /** A list item's number or bullet, on its first line. */
  marker?: { atoms: Atom[]; x: number };
}

interface Sink {
  ctx: RenderContext;
  /** The flow belongs to a layout mirrored for a right-to-left locale (see mirror.ts). */
  mirrored: boolean;
  /** Every text line laid out, in reading order: drawn by `drawLines`, and read by the overflow report. */
  lines: LaidLine[];
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

/**
 * Fits and draws a flow. Text that still does not fit at its min size is reported (an error, or a warning with
 * `--allow-overflow`) and drawn cut after the last whole line that fits, which ends with an ellipsis: never a
 * line cut in half by the box's edge.
 */
export function drawFlow(flow: FlowNode, blocks: Prepared[], ctx: RenderContext): void {
  if (blocks.length === 0) return;
  const fit = fitFlow(flow, blocks);
  const { rect } = flow;
  const spare = Math.max(0, rect.h - fit.height);
  const growers = countGrowers(blocks);
  const grow = growers > 0 ? spare / growers : 0;
  const offset =
    growers > 0 ? 0 : flow.valign === 'middle' ? spare / 2 : flow.valign === 'bottom' ? spare : 0;
  const sink: Sink = { ctx, mirrored: flow.mirrored === true, lines: [] };
  const state: State = {};
  const { doc } = ctx;
  // Panels and images past the box are cut by it; text lines are left out whole (see drawLines).
  if (fit.overflows) doc.save().rect(rect.x, rect.y, rect.w, rect.h).clip();
  layoutBlocks(blocks, rect.x, rect.y + offset, rect.w, fit.t, flow.gap, sink, state, grow);
  drawLines(sink, fit.overflows ? rect.y + rect.h + 0.01 : Number.POSITIVE_INFINITY, ctx);
  if (fit.overflows) doc.restore();
  if (fit.overflows) reportOverflow(flow, fit, sink, state, ctx);
  if (ctx.fitting) recordSizes(blocks, fit, ctx.fitting, ctx.subject.label);
}

const ELLIPSIS = '…';

/**
 * Draws the laid-out lines whose box ends above `limit`. When some do not, the last line drawn ends with an
 * ellipsis (words taken off its end to make room), so a reader sees that the text goes on. A line with a word
 * wider than its box is drawn narrowed to the box.
 */
function drawLines(sink: Sink, limit: number, ctx: RenderContext): void {
  const shown = sink.lines.filter((l) => l.bottom <= limit);
  const cut = shown.length < sink.lines.length;
  shown.forEach((laid, i) => {
    if (laid.marker) drawMarker(laid.marker.atoms, laid.marker.x, laid.baseline, laid.m, ctx);
    const last = cut && i === shown.length - 1;
    if (!last) {
      drawLine(laid, laid.line, ctx);
      return;
    }
    const dots = ellipsisWidth(ctx, laid.style, laid.m.size);
    const line = shortenedFor(laid, dots);
    drawLine(laid, line, ctx);
    drawPlainText(ctx.fonts, ctx.emitter, ELLIPSIS, {
      face: laid.style.face,
      size: laid.m.size,
      colour: laid.style.colour,
      x: laid.x + Math.min(line.width, laid.width - dots),
      baseline: laid.baseline,
    });
  });
}

/** `laid`'s line without the words that leave no room for `room` points at its end. */
function shortenedFor(laid: LaidLine, room: number): Line {
  const { atoms, line, m } = laid;
  let end = line.end;
  const widthTo = (stop: number) => {
    let w = 0;
    for (let j = line.start; j < stop; j++) {
      if (j > line.start) w += gapAfter(atoms[j - 1] as Atom, m);
      w += atomWidth(atoms[j] as Atom, m);
    }
    return w;
  };
  let width = widthTo(end);
  while (end > line.start + 1 && width + room > laid.width + 0.001) {
    end--;
    width = widthTo(end);
  }
  return makeLine(line.start, end, width, false, line.overfull);
}

function ellipsisWidth(ctx: RenderContext, style: TextStyle, size: number): number {
  const atoms = tokenize([{ text: ELLIPSIS, face: style.face, colour: style.colour }], ctx.fonts, {
    upper: false,
    locale: ctx.locale,
    onMissing: () => {},
  });
  return breakLines(atoms, Number.POSITIVE_INFINITY, { size, tracking: 0 })[0]?.width ?? 0;
}

/** One line; narrowed (never cut) when a word too long for the box makes it wider than the box. */
function drawLine(laid: LaidLine, line: Line, ctx: RenderContext): void {
  const { m } = laid;
  if (line.width <= laid.width + 0.01 || line.width <= 0) {
    ctx.emitter.line(laid.atoms, line, laid.x, laid.baseline, m.size, m.tracking);
    return;
  }
  const squeeze = laid.width / line.width;
  ctx.doc.save().transform(squeeze, 0, 0, 1, laid.x * (1 - squeeze), 0);
  ctx.emitter.line(laid.atoms, line, laid.x, laid.baseline, m.size, m.tracking);
  ctx.doc.restore();
}

/** Notes the size each style of the flow was drawn at (for the fitting report). */
function recordSizes(blocks: Prepared[], fit: FitResult, recorder: FitRecorder, subject: string): void {
  for (const b of blocks) {
    if (b.kind === 'para' || b.kind === 'list')
      recorder.record(subject, b.block.style.name, sizeAt(b.block.style, fit.t), b.block.style.size);
    else if (b.kind === 'panel' || b.kind === 'grid') recordSizes(b.children, fit, recorder, subject);
  }
  if (fit.overflows) recorder.overflowed(subject);
}

/**
 * Reports text that does not fit at its min size: an error (a warning with `--allow-overflow`) that blames the
 * deck text taking the most lines (the one that grew: a long situation, not the question it pushed out), at
 * its position in the file it comes from (the locale file for a translation), with how much is over and what
 * was left out.
 */
function reportOverflow(flow: FlowNode, fit: FitResult, sink: Sink, state: State, ctx: RenderContext): void {
  const bottom = flow.rect.y + flow.rect.h + 0.01;
  const cut = sink.lines.filter((l) => l.bottom > bottom);
  const tooTall = fit.height - flow.rect.h;
  const blamed = state.overfull && tooTall <= 0.01 ? state.overfull : longestDeckText(sink.lines);
  const source = blamed?.source ?? sink.lines[0]?.source ?? { at: flow.at };
  const where = (source.field ? fieldPosition(ctx.subject, source.field) : undefined) ?? source.at;
  const what = source.field ? `\`${fieldLabel(source.field)}\`` : 'the text of the layout';
  const size = round(blamed?.size ?? sink.lines[0]?.size ?? 0);
  const lineHeight =
    sink.lines.find((l) => l.source === source)?.lineHeight ?? sink.lines[0]?.lineHeight ?? 0;
  const over = lineHeight > 0 ? Math.max(1, Math.ceil((tooTall - 0.01) / lineHeight)) : 0;
  // Deck text left out, whole or its end (the layout's own words are not the trainer's to shorten).
  const lost = [...new Set(cut.flatMap((l) => (l.source.field ? [l.source] : [])))].map((s) =>
    sink.lines.some((l) => l.source === s && l.bottom <= bottom)
      ? `the end of \`${fieldLabel(s.field as string)}\``
      : `\`${fieldLabel(s.field as string)}\``,
  );
  const message =
    tooTall > 0.01
      ? `${what} makes the text ${round(tooTall)} pt (about ${over} line${over === 1 ? '' : 's'}) too tall for its box, even at its smallest size (${size} pt)${lost.length ? `; cut off: ${list(lost)}` : ''}`
      : `a word of ${what} is wider than its box, even at its smallest size (${size} pt)`;
  const allowed = ctx.allowOverflow === true;
  const hint = source.field
    ? tooTall > 0.01
      ? `shorten ${what} by about ${over} line${over === 1 ? '' : 's'} (or the card's other text)`
      : `break the word, or shorten ${what}`
    : 'make the box larger or the text shorter in the layout';
  ctx.diagnostics.add(
    (allowed ? warning : error)(
      'render/overflow',
      `${ctx.subject.label} (${ctx.locale}): ${message}`,
      where,
      allowed
        ? `${hint}; printed cut after the last line that fits, ending in “…”`
        : `${hint}; or build with --allow-overflow to print it cut, ending in “…”`,
    ),
  );
}

/** The deck text (a field, not the layout's own words) that takes the most lines; the first of equals. */
function longestDeckText(lines: readonly LaidLine[]): { source: TextSource; size: number } | undefined {
  const counts = new Map<string, { source: TextSource; size: number; lines: number }>();
  for (const l of lines) {
    if (l.source.field === undefined) continue;
    const entry = counts.get(l.source.field);
    if (entry) entry.lines++;
    else counts.set(l.source.field, { source: l.source, size: l.size, lines: 1 });
  }
  let best: { source: TextSource; size: number; lines: number } | undefined;
  for (const entry of counts.values()) if (!best || entry.lines > best.lines) best = entry;
  return best;
}

const list = (items: string[]) =>
  items.length === 1 ? (items[0] as string) : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

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
        if (block.kind === 'gauge')
          drawGauge(sink.ctx.doc, { x, y, w, h: block.height }, block, sink.mirrored);
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
  const align = alignmentOf(block.align, p.atoms, sink.mirrored);
  lines.forEach((line, k) => {
    const top = y + block.padding + k * m.lineHeight;
    const shift = align === 'center' ? (inner - line.width) / 2 : align === 'right' ? inner - line.width : 0;
    const baseline = baselineIn(top, m.lineHeight, m.size, sink.ctx, block.style);
    const left = x + block.padding + Math.max(0, shift);
    drawTextLine(sink, p.atoms, line, left, top, baseline, m, p.source, {
      width: inner - Math.max(0, shift),
      style: block.style,
    });
  });
  return height;
}

/**
 * Where a paragraph's lines go. A layout's `left` and `right` are the start and the end of a line: mirrored
 * for a right-to-left locale, they swap (a band's end, on the right in French, is on the left in Arabic).
 * Otherwise a right-to-left paragraph aligned left starts at the right margin.
 */
function alignmentOf(
  align: TextStyle['align'],
  atoms: readonly Atom[],
  mirrored: boolean,
): TextStyle['align'] {
  if (mirrored) return align === 'left' ? 'right' : align === 'right' ? 'left' : align;
  return align === 'left' && isRightToLeft(atoms) ? 'right' : align;
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
    // A right-to-left item is mirrored: its marker in the right margin, its lines ending at the marker.
    const rtl = isRightToLeft(item.atoms);
    lines.forEach((line, k) => {
      const top = cursor + k * m.lineHeight;
      const baseline = baselineIn(top, m.lineHeight, m.size, sink.ctx, block.style);
      const marker =
        k === 0 && item.marker.length > 0
          ? { atoms: item.marker, x: rtl ? x + width - indent * 0.75 : x }
          : undefined;
      const left = rtl ? x + width - indent - line.width : x + indent;
      drawTextLine(sink, item.atoms, line, left, top, baseline, m, item.source, {
        width: width - indent,
        style: block.style,
        ...(marker ? { marker } : {}),
      });
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

/** Lays out one line of text: drawn later by `drawLines`, and noted for the overflow report. */
function drawTextLine(
  sink: Sink,
  atoms: Atom[],
  line: Line,
  x: number,
  top: number,
  baseline: number,
  m: BoxMetrics,
  source: TextSource,
  frame: { width: number; style: TextStyle; marker?: { atoms: Atom[]; x: number } },
): void {
  sink.lines.push({
    bottom: top + m.lineHeight,
    source,
    size: m.size,
    lineHeight: m.lineHeight,
    atoms,
    line,
    x,
    baseline,
    m,
    width: frame.width,
    style: frame.style,
    ...(frame.marker ? { marker: frame.marker } : {}),
  });
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
      // Mirrored for a right-to-left locale, the first column is the rightmost.
      const mirrored = sink.mirrored;
      let cx = mirrored ? x + width : x;
      rowCells.forEach((cell, i) => {
        const w = widths[i] as number;
        const down = spaceBefore(cell, t);
        layoutBlock(cell, mirrored ? cx - w : cx, cursor + down, w, t, sink, state, 0, rowHeight - down);
        cx += mirrored ? -(w + block.gap) : w + block.gap;
      });
    }
    cursor += rowHeight;
  }
  return cursor - y;
}
