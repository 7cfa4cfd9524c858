/**
 * The one shape every problem takes, from a YAML typo to a card whose text does not fit.
 * Positions are 1-based, as editors show them; `file` is the path as the user would type it.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Position {
  file: string;
  line: number;
  column: number;
  /** Where the offending span ends, when known (for carets and editors). */
  endLine?: number;
  endColumn?: number;
  /**
   * A spreadsheet cell as the spreadsheet names it (`Cards!B7`), for files that have no lines to point at
   * (XLSX); `line` and `column` then hold its row and column numbers.
   */
  cell?: string;
}

export interface Diagnostic extends Partial<Position> {
  severity: Severity;
  /** Stable, greppable identifier such as `schema/unknown-key`. */
  code: string;
  message: string;
  hint?: string;
  /** A second place that matters, e.g. the first definition of a duplicate id. */
  related?: Position & { message: string };
}

export function error(code: string, message: string, where?: Partial<Position>, hint?: string): Diagnostic {
  return { severity: 'error', code, message, ...where, ...(hint ? { hint } : {}) };
}

export function warning(code: string, message: string, where?: Partial<Position>, hint?: string): Diagnostic {
  return { severity: 'warning', code, message, ...where, ...(hint ? { hint } : {}) };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Stable order for reports: by file, then line, then column, then code. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.code.localeCompare(b.code),
  );
}

/** Thrown only to abort a stage early; carries what was found so far. Never reaches the user as a stack. */
export class DiagnosticError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('\n'));
  }
}
