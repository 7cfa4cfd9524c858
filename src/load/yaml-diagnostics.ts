import { visit, type YAMLError, type YAMLWarning } from 'yaml';
import { type Diagnostic, error, type Position, warning } from '../diagnostics/diagnostic.ts';
import { positionOfRange } from './positions.ts';
import type { SourceFile } from './source.ts';

/** Past this many syntax errors in one file the rest is noise: the parser has lost its footing. */
const MAX_SYNTAX_ERRORS = 20;

/**
 * The parser's errors and warnings as diagnostics a trainer can act on. One mistake often makes the parser
 * stumble several times (a tab, a badly indented line): those follow-on complaints are folded into one.
 */
export function yamlDiagnostics(source: SourceFile): Diagnostic[] {
  const errors = source.document.errors;
  const exhausted = errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
  if (exhausted) {
    return [
      error(
        'yaml/too-deep',
        'the YAML is nested too deeply to be read',
        at(source, exhausted),
        'a deck needs a few levels of nesting, not hundreds: look for runs of `[` or `{`',
      ),
    ];
  }
  // After a tab in the indentation the parser misreads every line below it: report the tabs only.
  const tabs = errors.filter((e) => e.code === 'TAB_AS_INDENT');
  const relevant = tabs.length > 0 ? tabs : errors;
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < relevant.length; i++) {
    const e = relevant[i] as YAMLError;
    const next = relevant[i + 1];
    // The parser reports an over-indented line twice, as both codes at the same place: keep the clearer one.
    if (
      e.code === 'BLOCK_AS_IMPLICIT_KEY' &&
      next?.code === 'MULTILINE_IMPLICIT_KEY' &&
      next.pos[0] === e.pos[0]
    )
      continue;
    // Once lost, the parser complains about every token that follows: one diagnostic covers the whole run.
    let last = i;
    while (e.code === 'UNEXPECTED_TOKEN' && relevant[last + 1]?.code === 'UNEXPECTED_TOKEN') last++;
    const d =
      last > i
        ? unreadableRun(source, e, relevant[last] as YAMLError)
        : errorDiagnostic(source, e, relevant[i - 1]);
    i = last;
    // One complaint per line: the parser often trips twice over the same mistake.
    const key = `${d.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(d);
    const following = relevant[i + 1];
    if (diagnostics.length === MAX_SYNTAX_ERRORS && following) {
      diagnostics.push(
        error(
          'yaml/too-many-errors',
          'more YAML errors follow; fix the ones above first',
          startOf(at(source, following)),
        ),
      );
      break;
    }
  }
  for (const w of source.document.warnings) diagnostics.push(warningDiagnostic(source, w));
  return diagnostics;
}

function at(source: SourceFile, e: YAMLError | YAMLWarning): Position {
  return positionOfRange(source, e.pos);
}

function errorDiagnostic(source: SourceFile, e: YAMLError, previous: YAMLError | undefined): Diagnostic {
  const where = at(source, e);
  const line = lineAt(source, e.pos[0]);
  const message = firstLine(e.message);
  const retrace = 'check the indentation of this line and of the line above';
  switch (e.code) {
    case 'TAB_AS_INDENT':
      return error(
        'yaml/tab-indent',
        'a tab is used for indentation',
        where,
        'YAML indents with spaces only: replace the tab with spaces',
      );
    case 'MULTIPLE_DOCS':
      return error(
        'yaml/multiple-documents',
        'a second YAML document starts here',
        startOf(where),
        'a deck file holds one document: remove the `---` line, or move what follows into a file of its own',
      );
    case 'MULTILINE_IMPLICIT_KEY':
      if (previous?.code === 'BLOCK_AS_IMPLICIT_KEY' && previous.pos[0] === e.pos[0])
        return overIndented(source, e);
      return error(
        'yaml/syntax',
        'YAML reads this line and the next as one key',
        line.content,
        'a `:` is missing after the key, or the next line is indented wrongly',
      );
    case 'BLOCK_AS_IMPLICIT_KEY': {
      // The classic: a value with `: ` in it (French typography puts a space before the colon).
      const value = line.text.slice(e.pos[0] - line.start).trim();
      const afterKey = /^\s*(?:-\s+)*[^\s#-][^#]*?:\s+$/.test(line.text.slice(0, e.pos[0] - line.start));
      if (afterKey && /:(\s|$)/.test(value)) {
        return error(
          'yaml/unquoted-colon',
          `\`${value}\` contains \`: \`, which YAML reads as the start of a nested key`,
          where,
          `put the whole value in quotes: "${value.replace(/"/g, '\\"')}"`,
        );
      }
      return error(
        'yaml/syntax',
        'a nested map cannot start here',
        where.column < line.content.column ? line.content : where,
        retrace,
      );
    }
    case 'BAD_INDENT':
      if (/same column/.test(message)) {
        return error(
          'yaml/bad-indent',
          'this line does not line up with the keys above it',
          line.content,
          'indent it exactly like the other keys of the same map',
        );
      }
      return error('yaml/bad-indent', message, where, retrace);
    case 'MISSING_CHAR':
      if (/quote/.test(message)) {
        return error(
          'yaml/unclosed-quote',
          'this quoted text is never closed',
          openingQuote(source, e) ?? where,
          'end the text with the same quote mark it starts with, or remove the opening quote',
        );
      }
      if (/followed by map values/.test(message))
        return error('yaml/syntax', 'this key has no `:` after it', where, 'write it as `key: value`');
      return error('yaml/syntax', message, where);
    case 'UNEXPECTED_TOKEN': {
      if (/block-seq-ind on same line with key/.test(message)) {
        return error(
          'yaml/syntax',
          'a list item (`- `) cannot start on the same line as a key',
          where,
          'start the list on the next line, indented under its key',
        );
      }
      const token = /token in YAML stream: "(.*)"$/.exec(message)?.[1];
      return error(
        'yaml/syntax',
        token === undefined ? message : `unexpected \`${token}\` here`,
        where,
        retrace,
      );
    }
    default:
      return error(e.code === 'BAD_ALIAS' ? 'yaml/bad-alias' : 'yaml/syntax', message, where);
  }
}

function warningDiagnostic(source: SourceFile, w: YAMLWarning): Diagnostic {
  if (w.code === 'TAG_RESOLVE_FAILED') {
    const tag =
      /Unresolved tag: (.*)$/.exec(firstLine(w.message))?.[1]?.replace(/^tag:yaml\.org,2002:/, '!!') ??
      'this tag';
    return error(
      'yaml/unknown-tag',
      `the YAML tag \`${tag}\` is not supported in deck files`,
      at(source, w),
      'remove the tag and write the value itself; every YAML file of the deck folder is read, so nothing needs including',
    );
  }
  return warning('yaml/warning', firstLine(w.message), at(source, w));
}

/** A run of tokens the parser could not place, from the first to the last. */
function unreadableRun(source: SourceFile, first: YAMLError, last: YAMLError): Diagnostic {
  const from = source.lineCounter.linePos(first.pos[0]).line;
  const to = source.lineCounter.linePos(last.pos[0]).line;
  const span = to > from ? `lines ${from} to ${to}` : `the rest of line ${from}`;
  return error(
    'yaml/syntax',
    `YAML loses track of the structure here and cannot read ${span}`,
    lineAt(source, first.pos[0]).content,
    'check the indentation of this line and of the line above it (does the file start indented?)',
  );
}

/** Where the quoted scalar that runs into the error starts: the quote the trainer has to look at. */
function openingQuote(source: SourceFile, e: YAMLError): Position | undefined {
  let start: number | undefined;
  visit(source.document, {
    Scalar(_key, node) {
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      if (
        quoted &&
        node.range &&
        node.range[0] < e.pos[0] &&
        e.pos[0] <= node.range[2] + 1 &&
        (start === undefined || node.range[0] > start)
      ) {
        start = node.range[0];
      }
    },
  });
  if (start === undefined) return undefined;
  const { line, col } = source.lineCounter.linePos(start);
  return { file: source.file, line, column: col };
}

/** A line indented deeper than its siblings, read as the continuation of the value above it. */
function overIndented(source: SourceFile, e: YAMLError): Diagnostic {
  const valueLine = source.lineCounter.linePos(e.pos[0]).line;
  const end = source.lineCounter.linePos(e.pos[1]);
  const lineStart = source.lineCounter.lineStarts[end.line - 1] ?? 0;
  const lineText = source.text.slice(lineStart).split(/\r?\n/, 1)[0] ?? '';
  const indent = lineText.length - lineText.trimStart().length;
  const key = lineText.trim().split(':', 1)[0] ?? '';
  return error(
    'yaml/bad-indent',
    `\`${key}:\` is indented deeper than the keys above, so YAML reads it as part of the value on line ${valueLine}`,
    { file: source.file, line: end.line, column: indent + 1 },
    `indent \`${key}:\` like its sibling keys; if it belongs to the text above, put that text in quotes`,
  );
}

/** Just the start of a position: for spans that would make a caret run over many lines. */
function startOf(p: Position): Position {
  return { file: p.file, line: p.line, column: p.column };
}

/** The line holding `offset`: its text, where it starts, and the position of its first non-blank character. */
function lineAt(source: SourceFile, offset: number): { text: string; start: number; content: Position } {
  const { line } = source.lineCounter.linePos(offset);
  const start = source.lineCounter.lineStarts[line - 1] ?? 0;
  const text = source.text.slice(start).split(/\r?\n/, 1)[0] ?? '';
  const indent = text.length - text.trimStart().length;
  return { text, start, content: { file: source.file, line, column: indent + 1 } };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+.*$/, '');
}
