/**
 * Characters a terminal would act on rather than show: C0 controls (ESC starts colour and cursor sequences,
 * BEL rings), DEL, C1 controls (0x9B is a one-byte CSI on some terminals), Unicode line separators, the
 * bidirectional overrides and isolates that can make a line read differently from what it holds, and lone
 * surrogates. Tab and, where asked, line feed stay as they are.
 */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const UNSAFE_OR_NEWLINE = new RegExp(`\\n|${UNSAFE.source}`, 'g');

/** `\u001B` for ESC: the form JavaScript, JSON and YAML double-quoted strings all read back. */
export function escapeChar(ch: string): string {
  return `\\u${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Text safe to print on a terminal: unsafe characters shown as `\u001B`; line feeds kept unless `oneLine`. */
export function escapeControls(text: string, options: { oneLine?: boolean } = {}): string {
  return text.replace(options.oneLine ? UNSAFE_OR_NEWLINE : UNSAFE, escapeChar);
}

/** Whether `ch` (one UTF-16 unit) is shown escaped by escapeControls. */
export function isUnsafe(ch: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(ch);
}

/** The unsafe characters JSON.stringify leaves raw (all but C0), written as JSON escapes. */
export function escapeUnsafeInJson(json: string): string {
  return json.replace(UNSAFE, escapeChar);
}
