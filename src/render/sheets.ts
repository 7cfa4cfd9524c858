import type { Origin } from '../check/deck.ts';
import { contextSheetView } from '../compose/views.ts';
import { PAPERS } from './imposition.ts';
import { drawLayout, imagesPending, prepareImages } from './layout/draw.ts';
import { Session } from './session.ts';
import { loadShaping } from './text/shaper.ts';
import type { RenderInput, RenderResult } from './types.ts';

const MM = 72 / 25.4;
/** Labels the context sheets read by code: the gauge legend (filled with the deck's scale words) and the title. */
export const SHEET_LABEL_KEYS = ['gauge-legend', 'context-sheets'] as const;

/**
 * `context-sheets.pdf`: one page per context (the authority a team plays), A4 or Letter; no file at all for a
 * deck without contexts.
 */
export async function renderContextSheets(input: RenderInput): Promise<RenderResult> {
  const { deck } = input;
  if (deck.contexts.length === 0) return { files: [], diagnostics: [] };
  const paper = PAPERS[input.options.paper ?? deck.print.paper];
  await loadShaping();
  const session = Session.open(input, {
    templates: ['context-sheet'],
    title: `${deck.meta.title} — ${input.labels['context-sheets'] ?? 'Context sheets'}`,
    size: [paper.width, paper.height],
    labelKeys: SHEET_LABEL_KEYS,
    identity: 'context-sheets',
  });
  if (!(session instanceof Session)) return { files: [], diagnostics: session.diagnostics };
  const pageMm = { width: round(paper.width / MM), height: round(paper.height / MM) };
  const meta = deck.origin('meta');
  // `headings.<section>.title` is written where the deck declares the section.
  const headings: Origin = {
    position: (path = []) => {
      const [id, ...rest] = path;
      const origin = deck.origin('contextSection', String(id));
      return (
        origin?.position(rest[0] === 'legend' ? ['scale'] : rest) ??
        meta?.position() ?? { file: deck.dir, line: 1, column: 1 }
      );
    },
  };
  for (const [i, context] of deck.contexts.entries()) {
    if (i > 0) session.addPage([paper.width, paper.height]);
    session.ctx.subject = {
      label: `context sheet \`${context.id}\``,
      roots: { context: deck.origin('context', context.id), headings, deck: meta },
    };
    const data = contextSheetView(session.common, deck, context, pageMm);
    const layout = session.layouts.fill('context-sheet', data, paper);
    if (!layout) continue;
    if (imagesPending(layout, session.ctx)) await prepareImages(layout, session.ctx);
    drawLayout(layout, data, session.ctx);
  }
  const file = await session.finish('context-sheets.pdf');
  return { files: [file], diagnostics: session.sink.list, fitting: session.fitting };
}

const round = (n: number) => Math.round(n * 100) / 100;
