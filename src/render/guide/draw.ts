import type { FontFiles } from '../../fonts/font-files.ts';
import { LineWriter } from './line-writer.ts';
import type { DrawItem, Page, PlacedAnchor, StructNode } from './model.ts';
import type { GuideStyles, PageGeometry } from './styles.ts';
import type { Line, TextStyle, Typesetter } from './typesetter.ts';

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
  /** Pages mirrored for a right-to-left locale (see mirror.ts): the running header and footer swap sides. */
  mirrored?: boolean;
}

type Doc = PDFKit.PDFDocument;
type Element = PDFKit.PDFStructureElement;

/** Draws the pages; returns the words HarfBuzz had to draw with a dotted circle (see `MissingGlyphs`). */
export function drawPages(
  doc: Doc,
  pages: readonly Page[],
  root: StructNode,
  options: DrawOptions,
): { dottedCircles: ReadonlySet<string> } {
  return new GuideDrawer(doc, pages, root, options).draw();
}

/**
 * The drawing of one document. A class rather than closures made per document: every document calls the same
 * functions, so that code V8 optimized for the first one still holds for the next.
 */
class GuideDrawer {
  private readonly writer: LineWriter;
  /** Lines of the running header and footer, set once per text (the title comes back on every page). */
  private readonly runningLines = new Map<string, Line>();
  private readonly runningBold: TextStyle;
  private readonly pageOf: Map<string, number>;
  private readonly elements = new Map<StructNode, Element>();
  private readonly rootElement: Element;
  /** The last level-1 bookmark, which level-2 bookmarks go under. */
  private outlineLevel1: PDFKit.PDFOutline | undefined;

  constructor(
    private readonly doc: Doc,
    private readonly pages: readonly Page[],
    root: StructNode,
    private readonly options: DrawOptions,
  ) {
    this.writer = new LineWriter(doc, options.fonts);
    this.runningBold = { ...options.styles.running, bold: true };
    this.pageOf = new Map(pages.flatMap((p) => p.anchors).map((a) => [a.id, a.page]));
    this.rootElement = doc.struct(root.type);
    doc.addStructure(this.rootElement);
    this.elements.set(root, this.rootElement);
  }

  draw(): { dottedCircles: ReadonlySet<string> } {
    const { doc, pages } = this;
    const { geometry } = this.options;
    for (let index = 0; index < pages.length; index++) {
      const page = pages[index] as Page;
      if (index > 0) {
        this.writer.flush();
        doc.addPage({ size: [geometry.width, geometry.height], margin: 0 });
      }
      this.anchors(page, index);
      if (!page.plain) this.drawRunning(index);
      this.drawItems(page.items);
    }
    this.writer.flush();
    this.rootElement.end();
    return { dottedCircles: this.writer.dottedCircles };
  }

  /** Named destinations for contents links; bookmarks, level 2 nested under the last level-1 section. */
  private anchors(page: Page, index: number): void {
    const { doc } = this;
    const { geometry } = this.options;
    for (const anchor of page.anchors) {
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
        this.outlineLevel1 = doc.outline.addItem(anchor.title, { ...options, expanded: true });
      else if (anchor.level === 2 && this.outlineLevel1) this.outlineLevel1.addItem(anchor.title, options);
    }
  }

  private elementOf(node: StructNode): Element {
    let el = this.elements.get(node);
    if (!el) {
      const parent = node.parent ? this.elementOf(node.parent) : this.rootElement;
      el = this.doc.struct(node.type, node.title ? { title: node.title } : {});
      parent.add(el);
      this.elements.set(node, el);
    }
    return el;
  }

  private drawItems(items: readonly DrawItem[]): void {
    const { doc } = this;
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
      if (drawn > 0) {
        if (struct) {
          // What PDFKit's `element.add(closure)` does, without a closure per run: the run's marked content,
          // then its reference added to the element.
          const element = this.elementOf(struct);
          const content = doc.markStructureContent(struct.type);
          this.drawRun(items, i, j);
          doc.endMarkedContent();
          element.add(content);
        } else {
          doc.markContent('Artifact', { type: 'Layout' });
          this.drawRun(items, i, j);
          doc.endMarkedContent();
        }
      }
      if (drawn < j - i)
        for (let k = i; k < j; k++) {
          const item = items[k] as DrawItem;
          if (item.kind === 'link') this.drawLink(item);
        }
      i = j;
    }
  }

  private drawRun(items: readonly DrawItem[], from: number, to: number): void {
    for (let k = from; k < to; k++) {
      const item = items[k] as DrawItem;
      if (item.kind !== 'link') this.drawOne(item);
    }
  }

  /**
   * A link annotation, referenced from its `Link` structure element. The element is ended right away: PDFKit
   * writes the annotation's page into the structure when the element is flushed, so it must be this page.
   */
  private drawLink(link: Extract<DrawItem, { kind: 'link' }>): void {
    const { doc } = this;
    if (!link.struct) {
      doc.goTo(link.x, link.y, link.w, link.h, destination(link.target));
      return;
    }
    const element = this.elementOf(link.struct);
    doc.goTo(link.x, link.y, link.w, link.h, destination(link.target), {
      structParent: element,
    } as PDFKit.Mixins.AnnotationOption);
    element.end();
  }

  private drawOne(item: DrawItem): void {
    const { doc } = this;
    switch (item.kind) {
      case 'text':
        this.writer.line(item.line, item.x, item.y);
        break;
      case 'pageref': {
        const page = this.pageOf.get(item.target);
        const line = this.options.ts.line(
          [{ text: page === undefined ? '?' : String(page + 1) }],
          item.style,
        );
        this.writer.line(line, item.align === 'right' ? item.x - line.width : item.x, item.y);
        break;
      }
      case 'rect':
        drawRect(doc, item);
        break;
      case 'line':
        doc.save().moveTo(item.x1, item.y1).lineTo(item.x2, item.y2).lineWidth(item.width);
        if (item.dash) doc.dash(item.dash * 0.4, { space: item.dash * 1.6 }).lineCap('round');
        doc.stroke(item.colour).restore();
        break;
      case 'image':
        this.options.image(item);
        break;
      case 'link':
        break;
    }
  }

  /** A line of the running header or footer, set once per text. */
  private running(text: string, bold: boolean): Line {
    const key = `${bold ? 'b' : 'r'}${text}`;
    let line = this.runningLines.get(key);
    if (!line) {
      line = this.options.ts.line([{ text }], bold ? this.runningBold : this.options.styles.running);
      this.runningLines.set(key, line);
    }
    return line;
  }

  /** Running header (deck title, current section) and footer (page x / y), as pagination artifacts. */
  private drawRunning(index: number): void {
    const { doc, pages, writer } = this;
    const { geometry: g, styles: s } = this.options;
    const section = currentSection(index, pages, g.top);
    doc.markContent('Artifact', { type: 'Pagination' });
    // The deck title at the start of the line (left, or right when mirrored), the section at its end.
    const mirrored = this.options.mirrored === true;
    const atStart = (line: Line) => (mirrored ? g.right - line.width : g.left);
    const atEnd = (line: Line) => (mirrored ? g.left : g.right - line.width);
    const title = this.running(this.options.title, false);
    const room = g.right - g.left - title.width - 24;
    writer.line(title, atStart(title), g.headerBaseline);
    if (section) {
      const sectionTitle = this.running(section.title, true);
      if (sectionTitle.width <= room) writer.line(sectionTitle, atEnd(sectionTitle), g.headerBaseline);
    }
    doc
      .save()
      .moveTo(g.left, g.headerBaseline + 5)
      .lineTo(g.right, g.headerBaseline + 5)
      .lineWidth(0.5)
      .stroke(s.palette.rule)
      .restore();
    const footer = this.running(this.options.pageLabel(index + 1, pages.length), false);
    writer.line(footer, atEnd(footer), g.footerBaseline);
    doc.endMarkedContent();
  }
}

function structOf(item: DrawItem): StructNode | undefined {
  return item.kind === 'rect' || item.kind === 'line' || item.kind === 'image' ? undefined : item.struct;
}

function drawRect(doc: Doc, item: Extract<DrawItem, { kind: 'rect' }>): void {
  doc.save();
  if (item.radius) doc.roundedRect(item.x, item.y, item.w, item.h, item.radius);
  else doc.rect(item.x, item.y, item.w, item.h);
  if (item.dash) doc.dash(item.dash, { space: item.dash * 1.5 });
  if (item.fill && item.stroke) doc.lineWidth(item.lineWidth ?? 0.5).fillAndStroke(item.fill, item.stroke);
  else if (item.fill) doc.fill(item.fill);
  else if (item.stroke) doc.lineWidth(item.lineWidth ?? 0.5).stroke(item.stroke);
  doc.restore();
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
