import { composeGuide } from '../../compose/guide/index.ts';
import { labelText } from '../../compose/guide/labels.ts';
import { type FlowLayout, GUIDE_LAYOUT, HANDOUT_LAYOUT } from '../../compose/guide/template.ts';
import { hasErrors, type Position } from '../../diagnostics/diagnostic.ts';
import { DiagnosticSink } from '../diagnostics.ts';
import { ImageStore } from '../images.ts';
import { createPdf, pdfToBuffer } from '../pdf/document.ts';
import { isRightToLeftLocale } from '../text/breaks.ts';
import { loadShaping } from '../text/shaper.ts';
import type { RenderInput, RenderResult } from '../types.ts';
import { drawPages } from './draw.ts';
import { MissingGlyphs } from './glyphs.ts';
import { GuideLayout } from './layout/index.ts';
import { mirrorPages } from './mirror.ts';
import { paginate } from './paginate.ts';
import { guideStyles, pageGeometry } from './styles.ts';
import { Typesetter } from './typesetter.ts';

export const GUIDE_FILE = 'facilitator-guide.pdf';
export const HANDOUT_FILE = 'participant-handout.pdf';

export interface GuideRenderOptions {
  /** Folder holding guide.hbs and guide/ (tests point it at broken templates). */
  templatesDir?: string;
}

/** A flow document: which layout fills it, which file it becomes, and its subject line (a label key). */
interface FlowDocument {
  layout: FlowLayout;
  file: string;
  subjectLabel: string;
}

/** The facilitator guide: every card with its notes, the agenda, the checklist, the deal, the worksheet. */
export function renderGuide(input: RenderInput, options: GuideRenderOptions = {}): Promise<RenderResult> {
  return renderFlowDocument(
    input,
    { layout: GUIDE_LAYOUT, file: GUIDE_FILE, subjectLabel: 'guide-kicker' },
    options,
  );
}

/** The participant handout (rules and agenda, references, feedback form), when the deck has one. */
export async function renderHandout(
  input: RenderInput,
  options: GuideRenderOptions = {},
): Promise<RenderResult> {
  if (!input.deck.handout) return { files: [], diagnostics: [] };
  return renderFlowDocument(
    input,
    { layout: HANDOUT_LAYOUT, file: HANDOUT_FILE, subjectLabel: 'handout-kicker' },
    options,
  );
}

/**
 * A flow document (the guide, the handout): compose (templates → flow blocks), lay out (blocks → atoms → pages, measured with
 * the document's own fonts), then draw as a tagged PDF with bookmarks. Layout finishes before drawing starts,
 * so page numbers in the contents and in "Page x / y" are known when the first page is drawn.
 */
async function renderFlowDocument(
  input: RenderInput,
  document: FlowDocument,
  options: GuideRenderOptions,
): Promise<RenderResult> {
  await loadShaping();
  const composed = composeGuide(input, { ...options, layout: document.layout });
  const diagnostics = [...composed.diagnostics];
  if (!composed.blocks || hasErrors(diagnostics)) return { files: [], diagnostics };

  const { deck, locale } = input;
  const geometry = pageGeometry(input.options.paper ?? deck.print.paper);
  const styles = guideStyles(deck.theme.colours);
  const doc = createPdf({
    title: deck.meta.title,
    author: deck.meta.authors.join(', '),
    subject: labelText(composed.labels, document.subjectLabel),
    lang: locale,
    date: input.date,
    fonts: input.fonts,
    tagged: true,
    size: [geometry.width, geometry.height],
    identity: `${deck.meta.id}/${locale}/${document.file}`,
  });
  const glyphs = new MissingGlyphs(deck, input.labels, locale);
  const ts = new Typesetter({
    fonts: input.fonts,
    locale,
    onMissingGlyph: (ch) => glyphs.report(ch),
  });

  const layout = new GuideLayout(ts, styles, geometry);
  const mirrored = isRightToLeftLocale(locale);
  const laidOut = paginate(layout.layout(composed.blocks), geometry);
  const pages = mirrored ? mirrorPages(laidOut, geometry.width) : laidOut;

  // Images (the logo) are read and normalized before drawing starts, which is synchronous.
  const sink = new DiagnosticSink();
  const theme = deck.origin('theme');
  const namedAt = new Map<string, Position>();
  if (theme && deck.theme.logo) namedAt.set(deck.theme.logo, theme.position(['logo']));
  const images = new ImageStore(deck.absoluteDir, sink, namedAt);
  for (const item of pages.flatMap((p) => p.items)) {
    if (item.kind === 'image') await images.prepare(item.src, { w: item.w, h: item.h }, 'contain', item.at);
  }

  const drawn = drawPages(doc, pages, layout.root, {
    geometry,
    styles,
    ts,
    title: deck.meta.title,
    fonts: input.fonts,
    mirrored,
    pageLabel: (page, total) => labelText(composed.labels, 'page-x-of-y', { page, pages: total }),
    image: (item) =>
      images.draw({ doc }, item.src, { x: item.x, y: item.y, w: item.w, h: item.h }, 'contain', 1, item.at),
  });
  const bytes = await pdfToBuffer(doc);
  for (const text of drawn.dottedCircles) glyphs.dottedCircle(text, document.file);
  diagnostics.push(...glyphs.diagnostics, ...sink.list);
  return { files: [{ name: document.file, bytes, pages: pages.length }], diagnostics };
}
