import type { FontFiles } from '../fonts.ts';
import { LineWriter } from './line-writer.ts';
import type { DrawItem, Page, PlacedAnchor, StructNode } from './model.ts';
import type { GuideStyles, PageGeometry } from './styles.ts';
import type { Line, Typesetter } from './typesetter.ts';

/*
 * Pages → PDFKit, as a tagged PDF: text goes into marked content attached to structure elements created in
 * reading order; rules, boxes, running headers and footers are artifacts. Bookmarks follow the sections
 * (level 2 under level 1), and contents entries link to the sections they name.
 */

export interface DrawOptions {
  geometry: PageGeometry;
  styles: GuideStyles;
  ts: Typesetter;
  /** Deck title, on the left of the running header. */
  title: string;
  /** "Page {page} / {pages}" already looked up; placeholders filled here. */
  pageLabel(page: number, pages: number): string;
  /** Fonts of the document, to encode text with. */
  fonts: FontFiles;
  /** Draws a deck image prepared beforehand (see `ImageStore`). */
  image(item: Extract<DrawItem, { kind: 'image' }>): void;
}

type Doc = PDFKit.PDFDocument;
type WriterOptions = DrawOptions & {
  writer: LineWriter;
  /** A line of the running header or footer, set once per text (the title comes back on every page). */
  running(text: string, bold: boolean): Line;
};
type Element = PDFKit.PDFStructureElement;

/** Draws the pages; returns the words HarfBuzz had to draw with a dotted circle (see `MissingGlyphs`). */
export function drawPages(
  doc: Doc,
  pages: readonly Page[],
  root: StructNode,
  drawOptions: DrawOptions,
): { dottedCircles: ReadonlySet<string> } {
  const runningLines = new Map<string, Line>();
  const runningBold = { ...drawOptions.styles.running, bold: true };
  const options: WriterOptions = {
    ...drawOptions,
    writer: new LineWriter(doc, drawOptions.fonts),
    running(text, bold) {
      const key = `${bold ? 'b' : 'r'}${text}`;
      let line = runningLines.get(key);
      if (!line) {
        line = drawOptions.ts.line([{ text }], bold ? runningBold : drawOptions.styles.running);
        runningLines.set(key, line);
      }
      return line;
    },
  };
  const { geometry } = options;
  const anchors = pages.flatMap((p) => p.anchors);
  const pageOf = new Map(anchors.map((a) => [a.id, a.page]));
  const elements = new Map<StructNode, Element>();
  const rootElement = doc.struct(root.type);
  doc.addStructure(rootElement);
  elements.set(root, rootElement);
  const elementOf = (node: StructNode): Element => {
    let el = elements.get(node);
    if (!el) {
      const parent = node.parent ? elementOf(node.parent) : rootElement;
      el = doc.struct(node.type, node.title ? { title: node.title } : {});
      parent.add(el);
      elements.set(node, el);
    }
    return el;
  };

  let outlineLevel1: PDFKit.PDFOutline | undefined;
  pages.forEach((page, index) => {
    if (index > 0) {
      options.writer.flush();
      doc.addPage({ size: [geometry.width, geometry.height], margin: 0 });
    }
    for (const anchor of page.anchors) {
      // Named destination for contents links; bookmark nested under the last level-1 section.
      doc.addNamedDestination(
        destination(anchor.id),
        'XYZ',
        0,
        geometry.height - Math.max(0, anchor.y - 12),
        null,
      );
      const options = {
        pageNumber: index,
        top: Math.max(0, anchor.y - 12),
        left: geometry.width,
      } as unknown as { expanded?: boolean };
      if (anchor.level <= 1)
        outlineLevel1 = doc.outline.addItem(anchor.title, { ...options, expanded: true });
      else if (anchor.level === 2 && outlineLevel1) outlineLevel1.addItem(anchor.title, options);
    }
    if (!page.plain) drawRunning(doc, index, pages, options);
    drawItems(doc, page.items, elementOf, (target) => pageOf.get(target), options);
  });
  options.writer.flush();
  rootElement.end();
  return { dottedCircles: options.writer.dottedCircles };
}

function drawItems(
  doc: Doc,
  items: readonly DrawItem[],
  elementOf: (node: StructNode) => Element,
  pageOf: (id: string) => number | undefined,
  options: WriterOptions,
): void {
  let i = 0;
  while (i < items.length) {
    // A run of items of one structure node (consecutive text becomes one marked-content sequence), or of
    // decoration and text without structure (such as a repeated table header), which is one artifact.
    const struct = structOf(items[i] as DrawItem);
    let j = i;
    let drawn = 0;
    for (; j < items.length; j++) {
      const item = items[j] as DrawItem;
      if (structOf(item) !== struct) break;
      if (item.kind !== 'link') drawn++;
    }
    const from = i;
    const to = j;
    const drawRun = () => {
      for (let k = from; k < to; k++) {
        const item = items[k] as DrawItem;
        if (item.kind !== 'link') drawOne(doc, item, pageOf, options);
      }
    };
    if (drawn > 0) {
      if (struct) elementOf(struct).add(drawRun);
      else {
        doc.markContent('Artifact', { type: 'Layout' });
        drawRun();
        doc.endMarkedContent();
      }
    }
    if (drawn < to - from)
      for (let k = from; k < to; k++) {
        const item = items[k] as DrawItem;
        if (item.kind === 'link') drawLink(doc, item, elementOf);
      }
    i = j;
  }
}

/**
 * A link annotation, referenced from its `Link` structure element. The element is ended right away: PDFKit
 * writes the annotation's page into the structure when the element is flushed, so it must be this page.
 */
function drawLink(
  doc: Doc,
  link: Extract<DrawItem, { kind: 'link' }>,
  elementOf: (node: StructNode) => Element,
): void {
  if (!link.struct) {
    doc.goTo(link.x, link.y, link.w, link.h, destination(link.target));
    return;
  }
  const element = elementOf(link.struct);
  doc.goTo(link.x, link.y, link.w, link.h, destination(link.target), {
    structParent: element,
  } as PDFKit.Mixins.AnnotationOption);
  element.end();
}

function structOf(item: DrawItem): StructNode | undefined {
  return item.kind === 'rect' || item.kind === 'line' || item.kind === 'image' ? undefined : item.struct;
}

function drawOne(
  doc: Doc,
  item: DrawItem,
  pageOf: (id: string) => number | undefined,
  options: WriterOptions,
): void {
  switch (item.kind) {
    case 'text':
      options.writer.line(item.line, item.x, item.y);
      break;
    case 'pageref': {
      const page = pageOf(item.target);
      const line = options.ts.line([{ text: page === undefined ? '?' : String(page + 1) }], item.style);
      options.writer.line(line, item.xRight - line.width, item.y);
      break;
    }
    case 'rect': {
      doc.save();
      if (item.radius) doc.roundedRect(item.x, item.y, item.w, item.h, item.radius);
      else doc.rect(item.x, item.y, item.w, item.h);
      if (item.dash) doc.dash(item.dash, { space: item.dash * 1.5 });
      if (item.fill && item.stroke)
        doc.lineWidth(item.lineWidth ?? 0.5).fillAndStroke(item.fill, item.stroke);
      else if (item.fill) doc.fill(item.fill);
      else if (item.stroke) doc.lineWidth(item.lineWidth ?? 0.5).stroke(item.stroke);
      doc.restore();
      break;
    }
    case 'line':
      doc.save().moveTo(item.x1, item.y1).lineTo(item.x2, item.y2).lineWidth(item.width);
      if (item.dash) doc.dash(item.dash * 0.4, { space: item.dash * 1.6 }).lineCap('round');
      doc.stroke(item.colour).restore();
      break;
    case 'image':
      options.image(item);
      break;
    case 'link':
      break;
  }
}

/** Running header (deck title, current section) and footer (page x / y), as pagination artifacts. */
function drawRunning(doc: Doc, index: number, pages: readonly Page[], options: WriterOptions): void {
  const { geometry: g, styles: s } = options;
  const section = currentSection(index, pages, g.top);
  doc.markContent('Artifact', { type: 'Pagination' });
  const left = options.running(options.title, false);
  const room = g.right - g.left - left.width - 24;
  options.writer.line(left, g.left, g.headerBaseline);
  if (section) {
    const right = options.running(section.title, true);
    if (right.width <= room) options.writer.line(right, g.right - right.width, g.headerBaseline);
  }
  doc
    .save()
    .moveTo(g.left, g.headerBaseline + 5)
    .lineTo(g.right, g.headerBaseline + 5)
    .lineWidth(0.5)
    .stroke(s.palette.rule)
    .restore();
  const footer = options.running(options.pageLabel(index + 1, pages.length), false);
  options.writer.line(footer, g.right - footer.width, g.footerBaseline);
  doc.endMarkedContent();
}

/**
 * The level-1 section in force at the top of the page: one that starts right there, else the last one started
 * before (a section starting lower on the page shows from the next page on).
 */
function currentSection(index: number, pages: readonly Page[], top: number): PlacedAnchor | undefined {
  const here = pages[index]?.anchors.find((a) => a.level === 1 && a.y <= top + 0.5);
  if (here) return here;
  for (let p = index - 1; p >= 0; p--) {
    const last = pages[p]?.anchors.filter((a) => a.level === 1).at(-1);
    if (last) return last;
  }
  return undefined;
}

function destination(id: string): string {
  return `section-${id}`;
}
