import { lstatSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pc from 'picocolors';
import { isWithin, readRegularFile } from '../fs-guard.ts';
import { type Diagnostic, sortDiagnostics } from './diagnostic.ts';
import { escapeControls, escapeUnsafeInJson } from './escape.ts';
import { codeFrame } from './frame.ts';

export type ReportFormat = 'text' | 'json';

/** Reads a file's text for code frames; returns undefined when it cannot (binary, gone, too big). */
export type SourceReader = (file: string) => string | undefined;

const MAX_FRAME_SOURCE = 1024 * 1024;

/**
 * Only a regular file is quoted, read non-blocking and capped (a FIFO or /dev/zero in a deck must not hang or
 * exhaust the report), and never through a link that leads out of the folder holding it (a deck file linked
 * to /etc/passwd is refused by the loader and must not be printed by the reporter either).
 */
export const readSourceFromDisk: SourceReader = (file) => {
  if (linksOutOfItsFolder(file)) return undefined;
  const read = readRegularFile(file, MAX_FRAME_SOURCE);
  if (read.bytes === undefined || read.bytes.includes(0)) return undefined;
  return read.bytes.toString('utf8');
};

function linksOutOfItsFolder(file: string): boolean {
  try {
    if (!lstatSync(file).isSymbolicLink()) return false;
    return !isWithin(realpathSync(file), realpathSync(dirname(resolve(file))));
  } catch {
    return true;
  }
}

/** JSON escapes C0 controls itself; the other characters a terminal acts on are escaped too (same strings once parsed). */
export function formatJson(diagnostics: readonly Diagnostic[]): string {
  return `${escapeUnsafeInJson(JSON.stringify(sortDiagnostics(diagnostics), null, 2))}\n`;
}

/** A message is a sentence: one quoting a whole 900 KB value is cut, and its control characters escaped. */
const MAX_MESSAGE = 1000;

function printable(text: string): string {
  const cut =
    text.length > MAX_MESSAGE
      ? `${text.slice(0, MAX_MESSAGE)}… (${text.length - MAX_MESSAGE} more characters)`
      : text;
  return escapeControls(cut);
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
    if (file) out.push(c.underline(printable(file)));
    // Read only when a diagnostic of the file has a line to show.
    const source = file && list.some((d) => d.line && !d.cell) ? readSource(file) : undefined;
    for (const d of list) {
      // A spreadsheet cell is named as the spreadsheet does (`Sheet!B7`); a CSV cell has a line and column.
      const where = printable(
        d.cell ? `${file}:${d.cell}` : d.line ? `${file}:${d.line}:${d.column ?? 1}` : file || 'atelier',
      );
      const label =
        d.severity === 'error'
          ? c.red('error')
          : d.severity === 'warning'
            ? c.yellow('warning')
            : c.blue('info');
      out.push(`  ${where} ${label} ${printable(d.message)} ${c.dim(`[${printable(d.code)}]`)}`);
      if (source !== undefined && d.line && !d.cell) {
        const frame = codeFrame(source, {
          line: d.line,
          column: d.column ?? 1,
          ...(d.endLine && d.endLine === d.line && d.endColumn ? { endColumn: d.endColumn } : {}),
        });
        if (frame) out.push(...frame.split('\n').map((l) => `    ${l}`));
      }
      if (d.hint) out.push(`    ${c.cyan('hint:')} ${printable(d.hint)}`);
      if (d.related) {
        out.push(
          `    ${c.dim(printable(`${d.related.message} at ${d.related.file}:${d.related.cell ?? `${d.related.line}:${d.related.column}`}`))}`,
        );
      }
    }
    out.push('');
  }
  out.push(summaryLine(diagnostics, c));
  return `${out.join('\n')}\n`;
}

export function summaryLine(diagnostics: readonly Diagnostic[], c = pc.createColors(false)): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const text = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  return errors > 0 ? c.red(c.bold(text)) : warnings > 0 ? c.yellow(text) : c.green(text);
}
