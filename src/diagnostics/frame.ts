import { codeFrameColumns } from '@babel/code-frame';
import { escapeControls } from './escape.ts';

/** Source columns a frame shows at most per line; a longer line is cut to a window around the column. */
export const FRAME_WIDTH = 120;
/** Of the window, how many columns come before the one pointed at. */
const LEAD = 40;
const CUT = '…';

export interface FrameSpan {
  line: number;
  column: number;
  /** Same line only: where the underlined span ends. */
  endColumn?: number;
}

/**
 * A code frame of the line at `span` and one line either side, safe to print: each line is cut to the same
 * window of FRAME_WIDTH columns around the column (a 900 KB one-line value shows 120 of its characters, not all
 * of them), and control characters are shown escaped with the caret moved to match.
 */
export function codeFrame(source: string, span: FrameSpan): string {
  const lines = source.split(/\r?\n/);
  const first = Math.max(1, span.line - 1);
  const last = Math.min(lines.length, span.line + 1);
  if (span.line > lines.length) return '';
  const target = lines[span.line - 1] ?? '';
  const column = Math.min(Math.max(1, span.column), target.length + 1);
  const longest = Math.max(...lines.slice(first - 1, last).map((l) => l.length));
  const start = longest <= FRAME_WIDTH ? 0 : safeBoundary(target, Math.max(0, column - 1 - LEAD));
  const end = start + FRAME_WIDTH;
  const shown = (text: string) => {
    const from = safeBoundary(text, start);
    const to = safeBoundary(text, end);
    const before = from > 0 ? CUT : '';
    const after = text.length > to ? CUT : '';
    return before + escapeControls(text.slice(from, to), { oneLine: true }) + after;
  };
  /** Column in the shown line of `sourceColumn` in the target line. */
  const shownColumn = (sourceColumn: number) => {
    const at = Math.min(Math.max(sourceColumn - 1, start), Math.min(end, target.length));
    const prefix = (start > 0 ? CUT : '') + escapeControls(target.slice(start, at), { oneLine: true });
    return prefix.length + 1;
  };
  const window = lines.slice(first - 1, last).map(shown);
  // Blank lines before the window keep babel's line numbers those of the file; they are never printed.
  const synthetic = '\n'.repeat(first - 1) + window.join('\n');
  const endColumn =
    span.endColumn !== undefined && span.endColumn > column ? shownColumn(span.endColumn) : undefined;
  return codeFrameColumns(
    synthetic,
    {
      start: { line: span.line, column: shownColumn(column) },
      ...(endColumn !== undefined ? { end: { line: span.line, column: endColumn } } : {}),
    },
    { highlightCode: false, linesAbove: 1, linesBelow: 1 },
  );
}

/** `index`, moved back off the second half of a surrogate pair so a cut never splits a character. */
function safeBoundary(text: string, index: number): number {
  if (index <= 0 || index >= text.length) return Math.max(0, Math.min(index, text.length));
  const code = text.charCodeAt(index);
  const previous = text.charCodeAt(index - 1);
  const splitsPair = code >= 0xdc00 && code <= 0xdfff && previous >= 0xd800 && previous <= 0xdbff;
  return splitsPair ? index - 1 : index;
}
