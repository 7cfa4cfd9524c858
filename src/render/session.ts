import type { Deck } from '../check/deck.ts';
import { LAYOUT_SPEC } from '../compose/layout/spec.ts';
import { deckTemplatesDir, loadTemplatesCached } from '../compose/templates.ts';
import { commonView, type LabelSet } from '../compose/views.ts';
import { type Diagnostic, hasErrors, type Position } from '../diagnostics/diagnostic.ts';
import { checkLabelUses } from '../localize/labels.ts';
import { DiagnosticSink } from './diagnostics.ts';
import { type FitRecord, FitRecorder } from './fitting.ts';
import { MissingGlyphs } from './guide/glyphs.ts';
import { type ImageColours, ImageStore } from './images.ts';
import type { RenderContext } from './layout/context.ts';
import { Layouts } from './layout/layouts.ts';
import { createPdf, pdfToBuffer } from './pdf/document.ts';
import { Stamps } from './stamps.ts';
import { TextEmitter } from './text/emit.ts';
import { FontSet } from './text/faces.ts';
import type { OutputFile, RenderInput } from './types.ts';

export interface SessionOptions {
  /** Layouts this document uses (`templates/<name>.hbs`). */
  templates: readonly string[];
  title: string;
  /** Size of the first page in points. */
  size: [number, number];
  duplex?: 'long-edge' | 'short-edge' | 'simplex';
  /** Labels read by code rather than by the layouts (category names, gauge words...). */
  labelKeys?: readonly string[];
  /** Distinguishes the document's /ID from other documents of the same deck and locale. */
  identity: string;
  /** Images in CMYK (the print-shop file) rather than RGB. */
  imageColours?: ImageColours;
}

/** One PDF being made: the document, its fonts and images, the filled layouts and what went wrong. */
export class Session {
  pages = 1;
  readonly common: ReturnType<typeof commonView>;
  readonly stamps: Stamps;

  private constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly ctx: RenderContext,
    readonly layouts: Layouts,
    readonly labels: LabelSet,
    readonly deck: Deck,
    readonly locale: string,
  ) {
    this.common = commonView(deck, labels, locale);
    this.stamps = new Stamps(doc, () => ctx.emitter.flush());
  }

  get sink(): DiagnosticSink {
    return this.ctx.diagnostics;
  }

  /** What shrink-to-fit did on each card or page drawn so far. */
  get fitting(): FitRecord[] {
    return this.ctx.fitting?.records ?? [];
  }

  /**
   * Loads the layouts (reporting their problems at their file, line and column) and opens the document.
   * Returns only diagnostics when a layout cannot be used.
   */
  static open(input: RenderInput, options: SessionOptions): Session | { diagnostics: Diagnostic[] } {
    const sink = new DiagnosticSink();
    const overrides = deckTemplatesDir(input.deck.absoluteDir);
    const templates = loadTemplatesCached({
      names: options.templates,
      spec: LAYOUT_SPEC,
      ...(overrides ? { overrides } : {}),
    });
    sink.addAll(templates.diagnostics);
    const keys = new Map<string, Position | undefined>(templates.labelKeys);
    for (const key of options.labelKeys ?? []) if (!keys.has(key)) keys.set(key, undefined);
    const labels = checkLabelUses(input.labels, keys, input.locale);
    sink.addAll(labels.diagnostics);
    if (hasErrors(sink.list)) return { diagnostics: sink.list };

    const { deck } = input;
    const doc = createPdf({
      title: options.title,
      author: deck.meta.authors.join(', '),
      subject: deck.meta.subtitle ?? deck.meta.title,
      lang: input.locale,
      date: input.date,
      fonts: input.fonts,
      size: options.size,
      ...(options.duplex ? { duplex: options.duplex } : {}),
      identity: `${deck.meta.id}/${input.locale}/${options.identity}`,
    });
    const fonts = new FontSet(doc, input.fonts);
    const theme = deck.origin('theme');
    const namedAt = new Map<string, Position>();
    if (theme && deck.theme.logo) namedAt.set(deck.theme.logo, theme.position(['logo']));
    if (theme && deck.theme.cardBack) namedAt.set(deck.theme.cardBack, theme.position(['cardBack']));
    // Images named by deck items: a low-resolution warning points at the item that names the file.
    const named: [string | undefined, string, string, string][] = [
      ...deck.phases.map((p): [string | undefined, string, string, string] => [
        p.cardBack,
        'phase',
        p.id,
        'cardBack',
      ]),
      ...deck.categories.map((c): [string | undefined, string, string, string] => [
        c.icon,
        'category',
        c.id,
        'icon',
      ]),
      ...deck.events.flatMap((e): [string | undefined, string, string, string][] => [
        [e.icon, 'event', e.id, 'icon'],
        [e.image, 'event', e.id, 'image'],
      ]),
    ];
    for (const [src, kind, id, field] of named) {
      if (src === undefined || namedAt.has(src)) continue;
      const at = deck.origin(kind, id)?.position([field]);
      if (at) namedAt.set(src, at);
    }
    const ctx: RenderContext = {
      doc,
      fonts,
      emitter: new TextEmitter(doc, fonts),
      images: new ImageStore(deck.absoluteDir, sink, namedAt, options.imageColours),
      locale: input.locale,
      diagnostics: sink,
      subject: { label: deck.meta.id, roots: {} },
      fitting: new FitRecorder(),
      ...(input.options.allowOverflow ? { allowOverflow: true } : {}),
    };
    return new Session(doc, ctx, new Layouts(templates, sink), labels.labels, deck, input.locale);
  }

  addPage(size: [number, number]): void {
    this.ctx.emitter.flush();
    this.doc.addPage({ size, margin: 0 });
    this.pages++;
  }

  async finish(name: string): Promise<OutputFile> {
    this.ctx.emitter.flush();
    if (this.ctx.fonts.dottedCircles.size > 0) {
      const report = new MissingGlyphs(this.deck, this.labels, this.locale);
      for (const text of this.ctx.fonts.dottedCircles) report.dottedCircle(text, name);
      this.sink.addAll(report.diagnostics);
    }
    const bytes = await pdfToBuffer(this.doc);
    return { name, bytes, pages: this.pages, fitting: this.fitting };
  }
}
