import type { Fact, FlowBlock, Length, TableColumn, TextStyleName } from '../../compose/guide/flow.ts';
import type { Run } from '../../compose/markdown.ts';
import { mm } from '../pdf/document.ts';
import { type Anchor, type Atom, type DrawItem, type Frame, StructNode } from './model.ts';
import { baselineIn, type GuideStyles, mix, type PageGeometry, shade, tint } from './styles.ts';
import type { Line, TextStyle, Typesetter } from './typesetter.ts';

/*
 * Flow blocks → atoms. Each block becomes vertical slices that pagination may separate: one per line of a
 * paragraph (widows and orphans are held by `keepWithNext`), one per table row, one per checklist entry...
 * Boxes (card notes, callouts) hand their frame to every atom inside, and ask to be kept on one page when they
 * fit on one.
 */

/** Where blocks are being laid out: horizontal extent, boxes around, structure parent, heading depth. */
interface Box {
  x: number;
  width: number;
  frames: readonly Frame[];
  struct: StructNode;
  /** Level of the heading that owns this content (0 before any section). */
  level: number;
}

/** Narrower columns than this get hyphenation points. */
const NARROW = mm(75);

export class GuideLayout {
  readonly root = new StructNode('Document');
  private frameIds = 0;

  constructor(
    private readonly ts: Typesetter,
    private readonly styles: GuideStyles,
    private readonly page: PageGeometry,
  ) {}

  layout(blocks: readonly FlowBlock[]): Atom[] {
    const box: Box = { x: this.page.left, width: this.page.bodyWidth, frames: [], struct: this.root, level: 0 };
    return this.blocks(blocks, box, blocks);
  }

  private blocks(blocks: readonly FlowBlock[], box: Box, all: readonly FlowBlock[]): Atom[] {
    const atoms: Atom[] = [];
    for (const block of blocks) atoms.push(...this.block(block, box, all));
    return atoms;
  }

  private block(block: FlowBlock, box: Box, all: readonly FlowBlock[]): Atom[] {
    switch (block.kind) {
      case 'cover':
        return [this.cover(block)];
      case 'toc':
        return this.toc(block, box, all);
      case 'section':
        return this.section(block, box, all);
      case 'heading':
        return [this.heading(block.runs, block.level === 2 ? this.styles.h2 : this.styles.h3, box, `H${block.level}`, block.level === 2 ? 14 : 10)];
      case 'paragraph':
        return this.paragraph(block.runs, this.textStyle(block.style), box, this.styles.paragraphSpace);
      case 'list':
        return this.list(block.items, block.ordered, this.textStyle(block.style), box);
      case 'table':
        return this.table(block, box);
      case 'checklist':
        return this.checklist(block.items, box);
      case 'card-note':
        return this.cardNote(block, box, all);
      case 'field':
        return this.field(block, box, all);
      case 'callout':
        return this.callout(block, box, all);
      case 'facts':
        return this.facts(block.facts, block.columns, box);
      case 'keep':
        return keepTogether(this.blocks(block.children, box, all), this.page.bodyHeight);
      case 'pagebreak':
        return [{ height: 0, spaceBefore: 0, keepWithNext: false, breakBefore: true, items: [], frames: box.frames }];
      case 'spacer':
        return [{ height: 0, spaceBefore: block.height, keepWithNext: false, items: [], frames: box.frames }];
      case 'worksheet':
        return this.worksheet(block, box);
    }
  }

  private textStyle(name: TextStyleName): TextStyle {
    return this.styles[name];
  }

  // ---- text ------------------------------------------------------------------------------------------------

  /** One atom per line; the first two and the last two lines stay together (no orphans, no widows). */
  private paragraph(runs: readonly Run[], style: TextStyle, box: Box, space: number, type = 'P', align: 'left' | 'right' = 'left'): Atom[] {
    const node = new StructNode(type, box.struct);
    const lines = this.ts.lines(runs, style, box.width, box.width < NARROW);
    const atoms = lines.map((line, i): Atom => ({
      height: style.leading,
      spaceBefore: i === 0 ? space : 0,
      keepWithNext: false,
      items: [{ kind: 'text', x: box.x + (align === 'right' ? box.width - line.width : 0), y: baselineIn(style), line, struct: node }],
      frames: box.frames,
    }));
    const n = atoms.length;
    if (n >= 2) {
      (atoms[0] as Atom).keepWithNext = true;
      (atoms[n - 2] as Atom).keepWithNext = true;
    }
    return atoms;
  }

  /** Lines as items from `top`, for content drawn inside one atom (cells, notes, cover). Returns the height. */
  private linesAt(lines: Line[], style: TextStyle, x: number, top: number, struct: StructNode | undefined, items: DrawItem[], width?: number, align: TableColumn['align'] = 'left'): number {
    lines.forEach((line, i) => {
      const offset = width === undefined || align === 'left' ? 0 : align === 'right' ? width - line.width : (width - line.width) / 2;
      items.push({ kind: 'text', x: x + offset, y: top + i * style.leading + baselineIn(style), line, ...(struct ? { struct } : {}) });
    });
    return lines.length * style.leading;
  }

  private heading(runs: readonly Run[], style: TextStyle, box: Box, type: string, space: number): Atom {
    const node = new StructNode(type, box.struct);
    const items: DrawItem[] = [];
    const height = this.linesAt(this.ts.lines(runs, style, box.width), style, box.x, 0, node, items);
    return { height: height + 3, spaceBefore: space, keepWithNext: true, items, frames: box.frames };
  }

  // ---- sections --------------------------------------------------------------------------------------------

  private section(block: Extract<FlowBlock, { kind: 'section' }>, box: Box, all: readonly FlowBlock[]): Atom[] {
    const level = Math.min(6, box.level + 1);
    const node = new StructNode('Sect', box.struct, block.title);
    const anchor: Anchor = { id: block.id, title: block.title, level, toc: block.toc, ...(block.colour ? { colour: block.colour } : {}) };
    const head = this.sectionHeading(block.title, block.kicker, block.colour, level, { ...box, struct: node });
    head.anchors = [anchor];
    head.breakBefore = block.pageBreak;
    const body = this.blocks(block.children, { ...box, struct: node, level }, all);
    trimFirstSpace(body, level === 1 ? 4 : 2);
    return [head, ...body];
  }

  /**
   * Level 1: an accent rule above a large title. Level 2 with a colour (phases): a tinted band with a coloured
   * edge, the kicker in the colour. Deeper levels: a bold title.
   */
  private sectionHeading(title: string, kicker: string | undefined, colour: string | undefined, level: number, box: Box): Atom {
    const s = this.styles;
    const items: DrawItem[] = [];
    const runs = [{ text: title }];
    if (level === 1) {
      items.push({ kind: 'rect', x: box.x, y: 0, w: mm(14), h: 2.2, fill: colour ?? s.palette.accent });
      let y = 12;
      if (kicker) y += this.linesAt(this.ts.lines([{ text: kicker }], s.kicker, box.width), { ...s.kicker, colour: colour ?? s.palette.accent }, box.x, y, new StructNode('P', box.struct), items);
      y += this.linesAt(this.ts.lines(runs, s.h1, box.width), s.h1, box.x, y, new StructNode('H1', box.struct), items);
      return { height: y + 6, spaceBefore: 26, keepWithNext: true, items, frames: box.frames };
    }
    const style = level === 2 ? s.h2 : level === 3 ? s.h3 : s.h4;
    if (level === 2 && colour) {
      const pad = 9;
      const inner = box.width - 2 * pad - 4;
      const kickerStyle = { ...s.kicker, colour: shade(colour, 0.75) };
      const kickerLines = kicker ? this.ts.lines([{ text: kicker }], kickerStyle, inner) : [];
      const titleLines = this.ts.lines(runs, style, inner);
      const height = pad + kickerLines.length * kickerStyle.leading + (kicker ? 2 : 0) + titleLines.length * style.leading + pad;
      items.push({ kind: 'rect', x: box.x, y: 0, w: box.width, h: height, fill: tint(colour, 0.14), radius: 3 });
      items.push({ kind: 'rect', x: box.x, y: 0, w: 4, h: height, fill: colour });
      let y = pad;
      if (kicker) y += this.linesAt(kickerLines, kickerStyle, box.x + 4 + pad, y, new StructNode('P', box.struct), items) + 2;
      this.linesAt(titleLines, style, box.x + 4 + pad, y, new StructNode('H2', box.struct), items);
      return { height: height + 8, spaceBefore: 20, keepWithNext: true, items, frames: box.frames };
    }
    let y = 0;
    if (kicker) y += this.linesAt(this.ts.lines([{ text: kicker }], s.kicker, box.width), s.kicker, box.x, y, new StructNode('P', box.struct), items);
    y += this.linesAt(this.ts.lines(runs, style, box.width), colour ? { ...style, colour: shade(colour) } : style, box.x, y, new StructNode(`H${level}`, box.struct), items);
    return { height: y + 4, spaceBefore: level === 2 ? 18 : 12, keepWithNext: true, items, frames: box.frames };
  }

  // ---- contents --------------------------------------------------------------------------------------------

  private toc(block: Extract<FlowBlock, { kind: 'toc' }>, box: Box, all: readonly FlowBlock[]): Atom[] {
    const s = this.styles;
    const sect = new StructNode('Sect', box.struct, block.title);
    const head = this.sectionHeading(block.title, undefined, undefined, 1, { ...box, struct: sect });
    head.anchors = [{ id: 'contents', title: block.title, level: 1, toc: false }];
    head.breakBefore = true;
    const tocNode = new StructNode('TOC', sect);
    const numberSlot = mm(12);
    const atoms: Atom[] = [head];
    for (const entry of tocEntries(all, block.depth)) {
      const style = entry.level === 1 ? s.tocLevel1 : s.tocLevel2;
      const indent = entry.level === 1 ? 0 : mm(7);
      const x = box.x + indent;
      const node = new StructNode('Link', new StructNode('TOCI', tocNode));
      const lines = this.ts.lines([{ text: entry.title }], style, box.width - indent - numberSlot - mm(4));
      const items: DrawItem[] = [];
      const height = this.linesAt(lines, style, x, 0, node, items);
      const last = lines.at(-1);
      const lastBaseline = height - style.leading + baselineIn(style);
      if (entry.colour) items.unshift({ kind: 'rect', x: box.x + indent - mm(4), y: baselineIn(style) - style.size * 0.62, w: 4.5, h: 4.5, fill: entry.colour, radius: 2.25 });
      items.push({
        kind: 'line',
        x1: x + (last?.width ?? 0) + 5,
        y1: lastBaseline,
        x2: box.x + box.width - numberSlot + 2,
        y2: lastBaseline,
        colour: s.palette.rule,
        width: 0.8,
        dash: 1.6,
      });
      items.push({ kind: 'pageref', xRight: box.x + box.width, y: lastBaseline, target: entry.id, style, struct: node });
      items.push({ kind: 'link', x: box.x, y: 0, w: box.width, h: height, target: entry.id, struct: node });
      atoms.push({ height, spaceBefore: entry.level === 1 ? 9 : 2.5, keepWithNext: false, items, frames: box.frames });
    }
    trimFirstSpace(atoms.slice(1), 4);
    return atoms;
  }

  // ---- lists -----------------------------------------------------------------------------------------------

  private list(items: Run[][], ordered: boolean, style: TextStyle, box: Box): Atom[] {
    const node = new StructNode('L', box.struct);
    const labelWidth = ordered ? this.ts.width(`${items.length}.`, 'regular', style.size) + 6 : mm(4.5);
    const atoms: Atom[] = [];
    items.forEach((runs, index) => {
      const li = new StructNode('LI', node);
      const lbl = new StructNode('Lbl', li);
      const body = new StructNode('LBody', li);
      const label = this.ts.line([{ text: ordered ? `${index + 1}.` : '•' }], { ...style, colour: ordered ? style.colour : this.styles.palette.accent, bold: ordered });
      const lines = this.ts.lines(runs, style, box.width - labelWidth, box.width - labelWidth < NARROW);
      const itemAtoms = lines.map((line, i): Atom => {
        const drawn: DrawItem[] = [];
        if (i === 0) drawn.push({ kind: 'text', x: box.x, y: baselineIn(style), line: label, struct: lbl });
        drawn.push({ kind: 'text', x: box.x + labelWidth, y: baselineIn(style), line, struct: body });
        return { height: style.leading, spaceBefore: i === 0 ? (index === 0 ? this.styles.paragraphSpace : 3) : 0, keepWithNext: false, items: drawn, frames: box.frames };
      });
      const n = itemAtoms.length;
      if (n >= 2) {
        (itemAtoms[0] as Atom).keepWithNext = true;
        (itemAtoms[n - 2] as Atom).keepWithNext = true;
      }
      atoms.push(...itemAtoms);
    });
    return atoms;
  }

  // ---- tables ----------------------------------------------------------------------------------------------

  private table(block: Extract<FlowBlock, { kind: 'table' }>, box: Box): Atom[] {
    const s = this.styles;
    const cellStyle = block.size === 'small' ? s.cellSmall : s.cell;
    const widths = columnWidths(block.columns, box.width);
    const padX = 5;
    const padY = 4.5;
    const node = new StructNode('Table', box.struct);
    const xs = widths.map((_, i) => box.x + widths.slice(0, i).reduce((a, b) => a + b, 0));

    const headerRow = (struct: boolean): Atom => {
      const tr = struct ? new StructNode('TR', node) : undefined;
      const items: DrawItem[] = [];
      let height = 0;
      block.columns.forEach((column, i) => {
        const w = (widths[i] ?? 0) - 2 * padX;
        const lines = this.ts.lines([{ text: column.label }], s.tableHead, w);
        height = Math.max(height, this.linesAt(lines, s.tableHead, (xs[i] ?? 0) + padX, padY, tr ? new StructNode('TH', tr) : undefined, items, w, column.align));
      });
      height += 2 * padY;
      items.push({ kind: 'line', x1: box.x, y1: height, x2: box.x + box.width, y2: height, colour: s.palette.ink, width: 0.9 });
      return { height, spaceBefore: s.paragraphSpace + 2, keepWithNext: true, items, frames: box.frames };
    };
    const header = headerRow(true);
    const repeat = { ...headerRow(false), spaceBefore: 0 };

    const rows = block.rows.map((row): Atom => {
      const tr = new StructNode('TR', node);
      const items: DrawItem[] = [];
      const style = row.total ? { ...cellStyle, bold: true } : cellStyle;
      let height = 0;
      row.cells.forEach((cell, i) => {
        const column = block.columns[i];
        const w = (widths[i] ?? 0) - 2 * padX - (i === 0 && row.colour ? 4 : 0);
        const cs = cell.style === 'body' ? style : { ...this.textStyle(cell.style), size: style.size - 0.5, leading: style.leading - 1, bold: row.total };
        const lines = this.ts.lines(cell.runs, cs, w, w < NARROW);
        const x = (xs[i] ?? 0) + padX + (i === 0 && row.colour ? 4 : 0);
        height = Math.max(height, this.linesAt(lines, cs, x, padY, new StructNode('TD', tr), items, w, column?.align ?? 'left'));
      });
      height += 2 * padY;
      if (row.colour) items.unshift({ kind: 'rect', x: box.x, y: padY - 1, w: 3, h: height - 2 * padY + 2, fill: row.colour, radius: 1.5 });
      if (row.total) items.unshift({ kind: 'line', x1: box.x, y1: 0, x2: box.x + box.width, y2: 0, colour: s.palette.ink, width: 0.9 });
      else items.push({ kind: 'line', x1: box.x, y1: height, x2: box.x + box.width, y2: height, colour: s.palette.rule, width: 0.5 });
      return { height, spaceBefore: 0, keepWithNext: false, items, frames: box.frames, repeatHeader: repeat };
    });
    // Keep the header with the first row, and the last two rows together.
    if (rows.length >= 2) (rows[rows.length - 2] as Atom).keepWithNext = true;
    return [header, ...rows];
  }

  // ---- checklist -------------------------------------------------------------------------------------------

  private checklist(entries: Extract<FlowBlock, { kind: 'checklist' }>['items'], box: Box): Atom[] {
    const s = this.styles;
    const node = new StructNode('L', box.struct);
    const boxSize = mm(3.8);
    const textX = box.x + mm(8);
    const qtyWidth = mm(20);
    const textWidth = box.width - mm(8) - qtyWidth;
    return entries.map((entry, index): Atom => {
      const li = new StructNode('LI', node);
      const body = new StructNode('LBody', li);
      const items: DrawItem[] = [];
      const top = 6;
      // Read as: what, how many, how counted.
      let y = top + this.linesAt(this.ts.lines(entry.runs, s.checkLabel, textWidth), s.checkLabel, textX, top, new StructNode('P', body), items);
      const quantity = this.ts.line([{ text: entry.quantity }], s.quantity);
      items.push({ kind: 'text', x: box.x + box.width - quantity.width, y: top + baselineIn(s.checkLabel) + 1, line: quantity, struct: new StructNode('P', body) });
      if (entry.detail.length > 0) y += 1 + this.linesAt(this.ts.lines(entry.detail, s.muted, textWidth, false), s.muted, textX, y + 1, new StructNode('P', body), items);
      const height = y + 6;
      items.unshift({ kind: 'rect', x: box.x + 1, y: top + baselineIn(s.checkLabel) - boxSize + 0.5, w: boxSize, h: boxSize, stroke: s.palette.ink, lineWidth: 0.9, radius: 1.2 });
      items.push({ kind: 'line', x1: box.x, y1: height, x2: box.x + box.width, y2: height, colour: s.palette.rule, width: 0.5 });
      return { height, spaceBefore: index === 0 ? s.paragraphSpace : 0, keepWithNext: false, items, frames: box.frames };
    });
  }

  // ---- boxes -----------------------------------------------------------------------------------------------

  private cardNote(block: Extract<FlowBlock, { kind: 'card-note' }>, box: Box, all: readonly FlowBlock[]): Atom[] {
    const s = this.styles;
    const colour = block.colour ?? s.palette.accent;
    const pad = 11;
    const bar = 4;
    const frame = this.frame({ x: box.x, w: box.width, fill: tint(colour, 0.07), bar: { colour, width: bar }, radius: 3, pad });
    const node = new StructNode('Div', box.struct, block.title);
    const inner: Box = { x: box.x + bar + pad, width: box.width - bar - 2 * pad, frames: [...box.frames, frame], struct: node, level: box.level + 1 };
    const level = Math.min(6, box.level + 1);
    const titleStyle = level <= 3 ? s.h3 : s.h4;
    const atoms: Atom[] = [{ height: pad, spaceBefore: 12, keepWithNext: true, items: [], frames: inner.frames }];
    atoms.push(this.heading([{ text: block.title }], titleStyle, inner, `H${level}`, 0));
    if (block.meta) atoms.push(...this.paragraph([{ text: block.meta }], { ...s.meta, colour: shade(colour, 0.6) }, inner, 1));
    const body = this.blocks(block.children, inner, all);
    trimFirstSpace(body, 7);
    atoms.push(...body, { height: pad, spaceBefore: 0, keepWithNext: false, items: [], frames: inner.frames });
    return keepTogether(atoms, this.page.bodyHeight);
  }

  private field(block: Extract<FlowBlock, { kind: 'field' }>, box: Box, all: readonly FlowBlock[]): Atom[] {
    const s = this.styles;
    const labelType = `H${Math.min(6, box.level + 1)}`;
    if (!block.notes) {
      const label = this.paragraph([{ text: block.label }], s.fieldLabel, box, 8, labelType);
      label.forEach((a) => (a.keepWithNext = true));
      const body = this.blocks(block.children, box, all);
      trimFirstSpace(body, 1);
      return [...label, ...body];
    }
    // Facilitator notes: a white inset inside the card, so they read as "for you, not for the table".
    const pad = 8;
    const frame = this.frame({ x: box.x, w: box.width, fill: '#ffffff', stroke: s.palette.rule, radius: 2.5, pad });
    const inner: Box = { ...box, x: box.x + pad, width: box.width - 2 * pad, frames: [...box.frames, frame] };
    const label = this.paragraph([{ text: block.label }], { ...s.fieldLabel, colour: s.palette.accent }, inner, 0, labelType);
    label.forEach((a) => (a.keepWithNext = true));
    const body = this.blocks(block.children, inner, all);
    trimFirstSpace(body, 2);
    return [{ height: pad - 2, spaceBefore: 10, keepWithNext: true, items: [], frames: inner.frames }, ...label, ...body, { height: pad, spaceBefore: 0, keepWithNext: false, items: [], frames: inner.frames }];
  }

  private callout(block: Extract<FlowBlock, { kind: 'callout' }>, box: Box, all: readonly FlowBlock[]): Atom[] {
    const s = this.styles;
    const colour = block.colour ?? s.palette.accent;
    const pad = 11;
    const frame = this.frame({ x: box.x, w: box.width, fill: tint(colour, 0.08), bar: { colour, width: 4 }, radius: 3, pad });
    const node = new StructNode('Div', box.struct);
    const inner: Box = { x: box.x + 4 + pad, width: box.width - 4 - 2 * pad, frames: [...box.frames, frame], struct: node, level: box.level };
    const atoms: Atom[] = [{ height: pad, spaceBefore: 12, keepWithNext: true, items: [], frames: inner.frames }];
    if (block.title) atoms.push(this.heading([{ text: block.title }], { ...s.h3, colour: shade(colour, 0.8) }, inner, `H${Math.min(6, box.level + 1)}`, 0));
    const body = this.blocks(block.children, inner, all);
    trimFirstSpace(body, block.title ? 2 : 0);
    atoms.push(...body, { height: pad, spaceBefore: 0, keepWithNext: false, items: [], frames: inner.frames });
    return keepTogether(atoms, this.page.bodyHeight);
  }

  private frame(spec: Omit<Frame, 'id'>): Frame {
    return { id: ++this.frameIds, ...spec };
  }

  // ---- facts -----------------------------------------------------------------------------------------------

  private facts(facts: Fact[], columns: number, box: Box): Atom[] {
    const s = this.styles;
    const gap = mm(5);
    const n = Math.max(1, columns);
    const w = (box.width - gap * (n - 1)) / n;
    const atoms: Atom[] = [];
    for (let start = 0; start < facts.length; start += n) {
      const items: DrawItem[] = [];
      let height = 0;
      facts.slice(start, start + n).forEach((fact, i) => {
        const x = box.x + i * (w + gap);
        let y = this.linesAt(this.ts.lines([{ text: fact.label }], s.factLabel, w), s.factLabel, x, 0, new StructNode('P', box.struct), items);
        y += this.linesAt(this.ts.lines(fact.value, { ...s.body, bold: true }, w, w < NARROW), { ...s.body, bold: true }, x, y, new StructNode('P', box.struct), items);
        height = Math.max(height, y);
      });
      atoms.push({ height, spaceBefore: start === 0 ? s.paragraphSpace : 5, keepWithNext: false, items, frames: box.frames });
    }
    return atoms;
  }

  // ---- cover -----------------------------------------------------------------------------------------------

  private cover(block: Extract<FlowBlock, { kind: 'cover' }>): Atom {
    const s = this.styles;
    const p = this.page;
    const colour = block.colour ?? s.palette.accent;
    const node = new StructNode('Sect', this.root);
    const items: DrawItem[] = [];
    const text: DrawItem[] = [];
    let y = mm(34);
    if (block.kicker) y += this.linesAt(this.ts.lines([{ text: block.kicker }], s.coverKicker, p.bodyWidth), s.coverKicker, p.left, y, new StructNode('P', node), text) + mm(5);
    y += this.linesAt(this.ts.lines([{ text: block.title }], s.coverTitle, p.bodyWidth), s.coverTitle, p.left, y, new StructNode('H1', node), text);
    if (block.subtitle) y += mm(3) + this.linesAt(this.ts.lines([{ text: block.subtitle }], s.coverSubtitle, p.bodyWidth * 0.85), s.coverSubtitle, p.left, y + mm(3), new StructNode('P', node), text);
    const band = Math.max(mm(110), y + mm(16));
    items.push({ kind: 'rect', x: 0, y: 0, w: p.width, h: band, fill: colour });
    items.push({ kind: 'rect', x: 0, y: band, w: p.width, h: 3, fill: shade(colour, 0.75) });
    items.push(...text);

    // The session at a glance: facts on a grid of three columns.
    const gap = mm(6);
    const n = 3;
    const w = (p.bodyWidth - gap * (n - 1)) / n;
    let rowTop = band + mm(16);
    for (let start = 0; start < block.facts.length; start += n) {
      let rowHeight = 0;
      block.facts.slice(start, start + n).forEach((fact, i) => {
        const x = p.left + i * (w + gap);
        items.push({ kind: 'line', x1: x, y1: rowTop, x2: x + w, y2: rowTop, colour: s.palette.rule, width: 0.6 });
        let h = mm(2.5) + this.linesAt(this.ts.lines([{ text: fact.label }], s.coverFactLabel, w), s.coverFactLabel, x, rowTop + mm(2.5), new StructNode('P', node), items);
        h += this.linesAt(this.ts.lines(fact.value, s.factValue, w), s.factValue, x, rowTop + h + 1, new StructNode('P', node), items) + 1;
        rowHeight = Math.max(rowHeight, h);
      });
      rowTop += rowHeight + mm(7);
    }
    for (const note of block.notes) rowTop += this.linesAt(this.ts.lines(note, s.muted, p.bodyWidth), s.muted, p.left, rowTop, new StructNode('P', node), items) + 4;

    // Phase colours along the foot of the page, with their names: the game's structure at a glance.
    if (block.swatches.length > 0) {
      const sg = mm(3);
      const sw = (p.bodyWidth - sg * (block.swatches.length - 1)) / block.swatches.length;
      const top = p.bottom - mm(16);
      block.swatches.forEach((swatch, i) => {
        const x = p.left + i * (sw + sg);
        items.push({ kind: 'rect', x, y: top, w: sw, h: mm(4), fill: swatch.colour, radius: 2 });
        this.linesAt(this.ts.lines([{ text: swatch.caption }], { ...s.meta, colour: shade(swatch.colour, 0.7), bold: true }, sw), { ...s.meta, colour: shade(swatch.colour, 0.7), bold: true }, x, top + mm(6), new StructNode('P', node), items);
      });
    }
    return { height: p.height, spaceBefore: 0, keepWithNext: false, items, frames: [], fullPage: true };
  }

  // ---- worksheet -------------------------------------------------------------------------------------------

  private worksheet(block: Extract<FlowBlock, { kind: 'worksheet' }>, box: Box): Atom[] {
    const s = this.styles;
    const node = new StructNode('Sect', box.struct, block.title);
    const inner: Box = { ...box, struct: node, level: 1 };
    const head = this.sectionHeading(block.title, undefined, undefined, 1, inner);
    head.anchors = [{ id: block.id, title: block.title, level: 1, toc: true }];
    head.breakBefore = true;
    head.spaceBefore = 0;
    const atoms: Atom[] = [head];

    if (block.blanks.length > 0) {
      const items: DrawItem[] = [];
      const gap = mm(6);
      const labels = block.blanks.map((b) => this.ts.line([{ text: b.label }], s.fieldLabel));
      // Blanks without a width share the line: each gets its label plus an equal length to write on.
      const fixed = block.blanks.reduce((sum, b) => sum + (b.width ? lengthPt(b.width, box.width) : 0), 0);
      const free = block.blanks.filter((b) => !b.width);
      const freeLabels = block.blanks.reduce((sum, b, i) => sum + (b.width ? 0 : (labels[i]?.width ?? 0) + 4), 0);
      const writing = free.length > 0 ? Math.max(mm(12), (box.width - fixed - freeLabels - gap * (block.blanks.length - 1)) / free.length) : 0;
      let x = box.x;
      const lineY = 22;
      block.blanks.forEach((blank, i) => {
        const label = labels[i] as Line;
        const w = blank.width ? lengthPt(blank.width, box.width) : label.width + 4 + writing;
        items.push({ kind: 'text', x, y: lineY - 4, line: label, struct: new StructNode('P', node) });
        items.push({ kind: 'line', x1: x + label.width + 4, y1: lineY, x2: x + w, y2: lineY, colour: s.palette.muted, width: 0.7 });
        x += w + gap;
      });
      atoms.push({ height: lineY + 4, spaceBefore: 2, keepWithNext: true, items, frames: box.frames });
    }
    const intro = this.blocks(block.intro, inner, []);
    atoms.push(...intro);

    // Share what is left of the page among the prompts, so the sheet is one page to photocopy when it fits.
    const used = atoms.reduce((sum, a, i) => sum + a.height + (i === 0 ? 0 : a.spaceBefore), 0);
    const gap = mm(4);
    const available = this.page.bodyHeight - used - gap * block.prompts.length - 1;
    const totalWeight = block.prompts.reduce((sum, p) => sum + p.weight, 0) || 1;
    for (const prompt of block.prompts) {
      const pad = 9;
      const items: DrawItem[] = [];
      const p = new StructNode('P', node);
      const textHeight = this.linesAt(this.ts.lines(prompt.runs, s.prompt, box.width - 2 * pad), s.prompt, box.x + pad, pad, p, items);
      // At least room for two lines of writing; a sheet with many prompts then runs onto a second page.
      const height = Math.max(textHeight + 2 * pad + mm(13), (available * prompt.weight) / totalWeight);
      items.unshift({ kind: 'rect', x: box.x, y: 0, w: box.width, h: height, stroke: mix(s.palette.muted, '#ffffff', 0.6), lineWidth: 0.9, radius: 4 });
      // Writing lines, faint, every 8 mm under the prompt.
      for (let ly = pad + textHeight + mm(8); ly < height - pad + 1; ly += mm(8)) {
        items.push({ kind: 'line', x1: box.x + pad, y1: ly, x2: box.x + box.width - pad, y2: ly, colour: mix(s.palette.muted, '#ffffff', 0.3), width: 0.4, dash: 1.2 });
      }
      atoms.push({ height, spaceBefore: gap, keepWithNext: false, items, frames: box.frames });
    }
    return atoms;
  }
}

/** Contents entries: sections and worksheets, in order, down to `depth`. */
export function tocEntries(blocks: readonly FlowBlock[], depth: number, level = 1): { id: string; title: string; level: number; colour?: string }[] {
  const entries: { id: string; title: string; level: number; colour?: string }[] = [];
  for (const b of blocks) {
    if (b.kind === 'section') {
      if (b.toc) entries.push({ id: b.id, title: b.title, level, ...(b.colour ? { colour: b.colour } : {}) });
      if (level < depth) entries.push(...tocEntries(b.children, depth, level + 1));
    } else if (b.kind === 'worksheet') {
      entries.push({ id: b.id, title: b.title, level });
    } else if (b.kind === 'keep') {
      entries.push(...tocEntries(b.children, depth, level));
    }
  }
  return entries;
}

/** Column widths: fixed ones as written, the rest share what is left equally. */
function columnWidths(columns: readonly TableColumn[], total: number): number[] {
  const fixed = columns.map((c) => (c.width ? lengthPt(c.width, total) : undefined));
  const used = fixed.reduce<number>((sum, w) => sum + (w ?? 0), 0);
  const free = fixed.filter((w) => w === undefined).length;
  const share = free > 0 ? Math.max(mm(15), (total - used) / free) : 0;
  return fixed.map((w) => w ?? share);
}

function lengthPt(length: Length, of: number): number {
  return 'pt' in length ? length.pt : (length.percent / 100) * of;
}

/** Holds a run of atoms on one page when it fits on one (boxes, `<keep>`). */
function keepTogether(atoms: Atom[], pageHeight: number): Atom[] {
  const total = atoms.reduce((sum, a, i) => sum + a.height + (i === 0 ? 0 : a.spaceBefore), 0);
  if (total <= pageHeight) atoms.slice(0, -1).forEach((a) => (a.keepWithNext = true));
  return atoms;
}

/** The first atom of a body sits close to what introduces it. */
function trimFirstSpace(atoms: Atom[], space: number): void {
  const first = atoms[0];
  if (first && !first.breakBefore) first.spaceBefore = Math.min(first.spaceBefore, space);
}
