import { codeFrameColumns } from '@babel/code-frame';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { readSourceFromDisk } from '../diagnostics/report.ts';
import type { LocaleState } from '../watch/incremental.ts';

/** What the preview page shows, as JSON: the last good outputs, and the problems of the last rebuild. */
export interface PreviewState {
  version: number;
  ok: boolean;
  problems: PreviewProblem[];
  locales: PreviewLocale[];
}

export interface PreviewProblem {
  severity: Diagnostic['severity'];
  code: string;
  message: string;
  where: string;
  frame?: string;
  hint?: string;
}

export interface PreviewLocale {
  deck: string;
  title: string;
  locale: string;
  /** Width / height of a card image (trim plus bleed): the page reserves the room before the image comes. */
  cardAspect: number;
  cards: {
    key: string;
    title: string;
    kind: string;
    index: number;
    copy: number;
    front: string;
    back: string;
  }[];
  documents: { file: string; pages: number; sha256: string }[];
}

export function previewLocale(state: LocaleState): PreviewLocale {
  const { deck } = state.input;
  const titles = new Map<string, string>();
  for (const e of deck.events) titles.set(`event/${e.id}`, e.title);
  for (const p of deck.profiles) titles.set(`profile/${p.id}`, p.title);
  const faces = [
    ...(state.manifest.faces?.['event-cards.pdf'] ?? []),
    ...(state.manifest.faces?.['profile-cards.pdf'] ?? []),
  ];
  return {
    deck: state.deck,
    title: deck.meta.title,
    locale: state.locale,
    cardAspect:
      (deck.print.card.width + 2 * deck.print.bleed) / (deck.print.card.height + 2 * deck.print.bleed),
    cards: faces.map((f, index) => ({
      key: `${f.card}#${f.copy}`,
      title: plain(titles.get(f.card) ?? f.card),
      kind: f.card.split('/')[0] ?? 'card',
      index,
      copy: f.copy,
      front: f.front,
      back: f.back,
    })),
    documents: state.manifest.files.map(({ name, pages, sha256 }) => ({ file: name, pages, sha256 })),
  };
}

export function previewProblems(diagnostics: readonly Diagnostic[]): PreviewProblem[] {
  return diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => {
      const where = d.file ? (d.line ? `${d.file}:${d.line}:${d.column ?? 1}` : d.file) : 'atelier';
      const source = d.file && d.line ? readSourceFromDisk(d.file) : undefined;
      const frame =
        source !== undefined && d.line
          ? codeFrameColumns(
              source,
              { start: { line: d.line, column: d.column ?? 1 } },
              { highlightCode: false, linesAbove: 2, linesBelow: 2 },
            )
          : undefined;
      return {
        severity: d.severity,
        code: d.code,
        message: d.message,
        where,
        ...(frame ? { frame } : {}),
        ...(d.hint ? { hint: d.hint } : {}),
      };
    });
}

/** Titles may hold light Markdown: the page shows them as plain text. */
function plain(text: string): string {
  return text
    .replace(/[*_`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
