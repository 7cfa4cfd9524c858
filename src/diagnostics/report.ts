import { readFileSync } from 'node:fs';
import { codeFrameColumns } from '@babel/code-frame';
import pc from 'picocolors';
import { type Diagnostic, sortDiagnostics } from './diagnostic.ts';

export type ReportFormat = 'text' | 'json';

/** Reads a file's text for code frames; returns undefined when it cannot (binary, gone, too big). */
export type SourceReader = (file: string) => string | undefined;

const MAX_FRAME_SOURCE = 1024 * 1024;

export const readSourceFromDisk: SourceReader = (file) => {
  try {
    const bytes = readFileSync(file);
    if (bytes.length > MAX_FRAME_SOURCE || bytes.includes(0)) return undefined;
    return bytes.toString('utf8');
  } catch {
    return undefined;
  }
};

export function formatJson(diagnostics: readonly Diagnostic[]): string {
  return `${JSON.stringify(sortDiagnostics(diagnostics), null, 2)}\n`;
}

export interface TextOptions {
  color?: boolean;
  readSource?: SourceReader;
}

/** Human report: grouped by file, sorted by line, each with a code frame and a hint, then a one-line summary. */
export function formatText(diagnostics: readonly Diagnostic[], options: TextOptions = {}): string {
  const color = options.color ?? false;
  const c = pc.createColors(color);
  const readSource = options.readSource ?? readSourceFromDisk;
  const out: string[] = [];
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of sortDiagnostics(diagnostics)) {
    const key = d.file ?? '';
    byFile.set(key, [...(byFile.get(key) ?? []), d]);
  }
  for (const [file, list] of byFile) {
    if (file) out.push(c.underline(file));
    const source = file ? readSource(file) : undefined;
    for (const d of list) {
      const where = d.cell
        ? `${file}:${d.cell}`
        : d.line
          ? `${file}:${d.line}:${d.column ?? 1}`
          : file || 'atelier';
      const label =
        d.severity === 'error'
          ? c.red('error')
          : d.severity === 'warning'
            ? c.yellow('warning')
            : c.blue('info');
      out.push(`  ${where} ${label} ${d.message} ${c.dim(`[${d.code}]`)}`);
      if (source !== undefined && d.line && !d.cell) {
        out.push(
          ...codeFrame(source, d)
            .split('\n')
            .map((l) => `    ${l}`),
        );
      }
      if (d.hint) out.push(`    ${c.cyan('hint:')} ${d.hint}`);
      if (d.related) {
        out.push(
          `    ${c.dim(`${d.related.message} at ${d.related.file}:${d.related.cell ?? `${d.related.line}:${d.related.column}`}`)}`,
        );
      }
    }
    out.push('');
  }
  out.push(summaryLine(diagnostics, c));
  return `${out.join('\n')}\n`;
}

/** Widest source line a frame shows whole; a longer one (a CSV row, a long YAML line) is cut around the column. */
const FRAME_WIDTH = 100;

/** The lines around a diagnostic with a caret under its column; long lines are windowed so the caret stays in view. */
function codeFrame(source: string, d: Diagnostic): string {
  const line = d.line ?? 1;
  const column = d.column ?? 1;
  const end = d.endLine && d.endLine === d.line && d.endColumn ? { line, column: d.endColumn } : undefined;
  const options = { highlightCode: false, linesAbove: 1, linesBelow: 1 } as const;
  const lines = source.split(/\r?\n/);
  if ((lines[line - 1] ?? '').length <= FRAME_WIDTH) {
    return codeFrameColumns(source, { start: { line, column }, ...(end ? { end } : {}) }, options);
  }
  const from = Math.max(0, column - 1 - 30);
  const to = from + FRAME_WIDTH;
  const cut = (text: string) => `${from > 0 ? '…' : ''}${text.slice(from, to)}${text.length > to ? '…' : ''}`;
  const first = Math.max(1, line - 1);
  const window = lines
    .slice(first - 1, line + 1)
    .map(cut)
    .join('\n');
  const shift = (c: number) => Math.min(c - from, FRAME_WIDTH + 1) + (from > 0 ? 1 : 0);
  return codeFrameColumns(
    window,
    {
      start: { line, column: shift(column) },
      ...(end ? { end: { line, column: shift(end.column) } } : {}),
    },
    // `startLine` numbers the window's lines as in the file (the type definitions lag the option).
    { ...options, startLine: first } as Parameters<typeof codeFrameColumns>[2],
  );
}

export function summaryLine(diagnostics: readonly Diagnostic[], c = pc.createColors(false)): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const text = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  return errors > 0 ? c.red(c.bold(text)) : warnings > 0 ? c.yellow(text) : c.green(text);
}
