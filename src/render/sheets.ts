import { contextSheetView } from '../compose/views.ts';
import { PAPERS } from './imposition.ts';
import { drawLayout, imagesPending, prepareImages } from './layout/draw.ts';
import { Session } from './session.ts';
import { loadShaping } from './text/shaper.ts';
import type { RenderInput, RenderResult } from './types.ts';

const MM = 72 / 25.4;
const GAUGE_LABEL_KEYS = [0, 1, 2, 3, 4].flatMap((n) => [`level-${n}`, `presence-${n}`]);

/** `context-sheets.pdf`: one page per context (the authority a team plays), A4 or Letter. */
export async function renderContextSheets(input: RenderInput): Promise<RenderResult> {
  const { deck } = input;
  const paper = PAPERS[input.options.paper ?? deck.print.paper];
  await loadShaping();
  const session = Session.open(input, {
    templates: ['context-sheet'],
    title: `${deck.meta.title} — ${input.labels['context-sheets'] ?? 'Context sheets'}`,
    size: [paper.width, paper.height],
    labelKeys: [...GAUGE_LABEL_KEYS, 'context-sheets'],
    identity: 'context-sheets',
  });
  if (!(session instanceof Session)) return { files: [], diagnostics: session.diagnostics };
  const pageMm = { width: round(paper.width / MM), height: round(paper.height / MM) };
  const meta = deck.origin('meta');
  for (const [i, context] of deck.contexts.entries()) {
    if (i > 0) session.addPage([paper.width, paper.height]);
    session.ctx.subject = {
      label: `context sheet \`${context.id}\``,
      roots: { context: deck.origin('context', context.id), deck: meta },
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
