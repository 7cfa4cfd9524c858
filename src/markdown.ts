import MarkdownItModule from 'markdown-it';

type MarkdownIt = InstanceType<typeof MarkdownItModule>;

/** A stretch of text in one style. `\n` inside `text` is a forced line break. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/** Light Markdown as blocks: paragraphs and (possibly ordered) lists of paragraphs. */
export type Block = { kind: 'paragraph'; runs: Run[] } | { kind: 'list'; ordered: boolean; items: Run[][] };

// CommonMark core only: no raw HTML, no links turned into anything clickable, no typographer rewrites
// (typography is the localize stage's job, per locale).
// Set up on first use: most deck strings take the plain-text path below and never need it.
let parser: MarkdownIt | undefined;
function md(): MarkdownIt {
  if (!parser) {
    parser = new MarkdownItModule('zero', { breaks: true }).enable([
      'emphasis',
      'list',
      'newline',
      'paragraph',
      'escape',
      'backticks',
    ]);
  }
  return parser;
}

/** Characters that make markdown-it do something: emphasis, code, escapes, breaks, entities, links. */
const SYNTAX = /[*_`\\\n\r&<>[\]]/;

/**
 * Whether `source` is text Markdown would leave as it is (no syntax character, no list marker at the start):
 * most deck strings. They are parsed without markdown-it, which matters when a deck has thousands of cards.
 */
function isPlain(source: string): boolean {
  let start = 0;
  while (start < source.length && (source.charCodeAt(start) === 32 || source.charCodeAt(start) === 9))
    start++;
  // One regular expression search rather than a JavaScript loop over every character of every deck string.
  if (SYNTAX.test(source)) return false;
  const first = source[start];
  // "- item", "+ item", "1. item", "2) item" start lists.
  const blank = (c: string | undefined) => c === undefined || c === ' ' || c === '\t';
  if ((first === '-' || first === '+') && blank(source[start + 1])) return false;
  let digits = start;
  while (
    digits < source.length &&
    digits - start < 10 &&
    source.charCodeAt(digits) >= 48 &&
    source.charCodeAt(digits) <= 57
  )
    digits++;
  if (digits > start && (source[digits] === '.' || source[digits] === ')') && blank(source[digits + 1]))
    return false;
  return true;
}

/** Parses deck text (light Markdown) into styled blocks. */
export function parseMarkdown(source: string): Block[] {
  if (isPlain(source)) {
    // Only spaces and tabs are trimmed, as markdown-it does: a no-break space stays.
    const text = source.replace(/^[ \t]+|[ \t]+$/g, '');
    return text === '' ? [] : [{ kind: 'paragraph', runs: [{ text }] }];
  }
  return parseWithMarkdownIt(source);
}

/** The same as `parseMarkdown`, always through markdown-it (the plain-text shortcut is tested against it). */
export function parseWithMarkdownIt(source: string): Block[] {
  const tokens = md().parse(source, {});
  const blocks: Block[] = [];
  let list: { ordered: boolean; items: Run[][] } | undefined;
  let itemRuns: Run[] | undefined;
  for (const token of tokens) {
    switch (token.type) {
      case 'bullet_list_open':
      case 'ordered_list_open':
        list = { ordered: token.type === 'ordered_list_open', items: [] };
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        if (list) blocks.push({ kind: 'list', ...list });
        list = undefined;
        break;
      case 'list_item_open':
        itemRuns = [];
        break;
      case 'list_item_close':
        if (list && itemRuns) list.items.push(itemRuns);
        itemRuns = undefined;
        break;
      case 'inline': {
        const runs = inlineRuns(token.children ?? []);
        if (itemRuns) {
          if (itemRuns.length > 0) itemRuns.push({ text: '\n' });
          itemRuns.push(...runs);
        } else blocks.push({ kind: 'paragraph', runs });
        break;
      }
    }
  }
  return blocks;
}

/** Inline Markdown only (titles, list entries): one run list, paragraphs joined by line breaks. */
export function parseInline(source: string): Run[] {
  const runs: Run[] = [];
  for (const block of parseMarkdown(source)) {
    if (runs.length > 0) runs.push({ text: '\n' });
    if (block.kind === 'paragraph') runs.push(...block.runs);
    else
      block.items.forEach((item, i) => {
        runs.push({ text: `${i ? '\n' : ''}• ` }, ...item);
      });
  }
  return mergeRuns(runs);
}

type Token = ReturnType<MarkdownIt['parse']>[number];

function inlineRuns(children: Token[]): Run[] {
  const runs: Run[] = [];
  let bold = 0;
  let italic = 0;
  const push = (text: string) =>
    runs.push({ text, ...(bold ? { bold: true } : {}), ...(italic ? { italic: true } : {}) });
  for (const child of children) {
    switch (child.type) {
      case 'text':
      case 'code_inline':
        push(child.content);
        break;
      case 'softbreak':
      case 'hardbreak':
        push('\n');
        break;
      case 'strong_open':
        bold++;
        break;
      case 'strong_close':
        bold--;
        break;
      case 'em_open':
        italic++;
        break;
      case 'em_close':
        italic--;
        break;
    }
  }
  return mergeRuns(runs);
}

/** Joins neighbouring runs of the same style, so layout measures fewer pieces. */
export function mergeRuns(runs: Run[]): Run[] {
  const merged: Run[] = [];
  for (const run of runs) {
    if (run.text === '') continue;
    const last = merged.at(-1);
    if (last && !!last.bold === !!run.bold && !!last.italic === !!run.italic) last.text += run.text;
    else merged.push({ ...run });
  }
  return merged;
}

/** Plain text of Markdown (for bookmarks, file names, search). */
export function plainText(source: string): string {
  return parseInline(source)
    .map((r) => r.text)
    .join('');
}
