import { Document, isMap, isScalar, type Node, type Pair, parseDocument, type YAMLMap } from 'yaml';

/** What an entry of a locale file should hold after an edit. */
export interface EntryValue {
  text: string;
  source?: string;
  from?: string;
  reviewed?: boolean;
}

export interface LocaleEdit {
  key: string;
  value: EntryValue;
}

/** Field order inside an entry, as written for new entries. */
const FIELDS = ['text', 'source', 'from', 'reviewed'] as const;

interface Splice {
  start: number;
  end: number;
  text: string;
  /** Among splices at one offset, lower goes first (a field added to an entry before the entry that follows). */
  rank: number;
}

/**
 * Applies edits to the text of a locale file and returns the new text. Only the lines of the fields that change
 * are rewritten; every other byte (order, comments, quoting, line folding) stays as it was, which the yaml
 * Document's own printer cannot promise for a hand-edited file. New entries go after the nearest entry that
 * precedes them in `order` (the deck's reading order). Without `original`, a new file is written.
 */
export function applyLocaleEdits(
  original: string | undefined,
  edits: readonly LocaleEdit[],
  order: readonly string[],
  header: { locale: string; comment: string },
): string {
  if (original === undefined || original.trim() === '') return newFile(edits, order, header);
  const doc = parseDocument(original, { schema: 'failsafe' });
  const root = doc.contents;
  if (!isMap(root) || root.flow) return reprint(doc, edits);
  const stringsPair = root.items.find((p) => isScalar(p.key) && p.key.value === 'strings') as
    | Pair<Node, Node | null>
    | undefined;
  if (!stringsPair) {
    const base = original.endsWith('\n') ? original : `${original}\n`;
    return `${base}strings:\n${sorted(edits, order)
      .map((e) => renderPair(e.key, entryObject(e.value), 2))
      .join('')}`;
  }
  const strings = stringsPair.value;
  if (strings === null || (isScalar(strings) && (strings.value === '' || strings.value === null))) {
    const lineEnd = endOfLine(original, (stringsPair.key as Node).range?.[1] ?? 0);
    const added = sorted(edits, order)
      .map((e) => renderPair(e.key, entryObject(e.value), 2))
      .join('');
    return (
      original.slice(0, lineEnd) +
      (original.charAt(lineEnd - 1) === '\n' ? '' : '\n') +
      added +
      original.slice(lineEnd)
    );
  }
  if (!isMap(strings) || strings.flow || strings.items.length === 0) return reprint(doc, edits);

  const splices: Splice[] = [];
  const entryIndent = columnOf(original, keyStart(strings.items[0]));
  const existing = new Map<string, Pair<Node, Node | null>>();
  for (const pair of strings.items as Pair<Node, Node | null>[])
    if (isScalar(pair.key)) existing.set(String(pair.key.value), pair);

  const inserts: LocaleEdit[] = [];
  for (const edit of edits) {
    const pair = existing.get(edit.key);
    if (!pair) inserts.push(edit);
    else splices.push(...editEntry(original, pair, edit.value, entryIndent));
  }

  // New entries: after the region of the closest preceding key of the deck that the file has.
  const position = new Map(order.map((k, i) => [k, i]));
  const present = [...existing.keys()];
  for (const edit of sorted(inserts, order)) {
    const index = position.get(edit.key) ?? Number.POSITIVE_INFINITY;
    const before = present
      .filter((k) => (position.get(k) ?? Number.POSITIVE_INFINITY) < index)
      .sort((a, b) => (position.get(b) ?? 0) - (position.get(a) ?? 0))[0];
    const anchorPair = before === undefined ? undefined : existing.get(before);
    const at = anchorPair
      ? regionOf(original, anchorPair).end
      : startOfLine(original, keyStart(strings.items[0]));
    splices.push({
      start: at,
      end: at,
      text: renderPair(edit.key, entryObject(edit.value), entryIndent),
      rank: 1 + index / (order.length + 1),
    });
  }
  return applySplices(original, splices);
}

/** Field-level edits inside one entry; the whole entry is rewritten when it is not a block map. */
function editEntry(
  text: string,
  pair: Pair<Node, Node | null>,
  value: EntryValue,
  entryIndent: number,
): Splice[] {
  const entry = pair.value;
  const wanted = entryObject(value);
  if (!isMap(entry) || entry.flow || entry.items.length === 0) {
    const region = regionOf(text, pair);
    const current = isMap(entry) ? mapValues(entry) : {};
    if (sameFields(current, wanted)) return [];
    return [
      {
        ...region,
        text: renderPair(String((pair.key as { value: unknown }).value), wanted, entryIndent),
        rank: 0,
      },
    ];
  }
  const fieldIndent = columnOf(text, keyStart(entry.items[0]));
  const fields = new Map<string, Pair<Node, Node | null>>();
  for (const field of entry.items as Pair<Node, Node | null>[])
    if (isScalar(field.key)) fields.set(String(field.key.value), field);
  const splices: Splice[] = [];
  let lastEnd = regionOf(text, entry.items.at(-1) as Pair<Node, Node | null>).end;
  for (const name of FIELDS) {
    const want = wanted[name] === undefined ? undefined : String(wanted[name]);
    const field = fields.get(name);
    const have = field && isScalar(field.value) ? String(field.value.value) : undefined;
    if (want === have) continue;
    // `reviewed: false` written by hand means the same as no field: leave it.
    if (name === 'reviewed' && want === undefined && have === 'false') continue;
    if (field) {
      splices.push({
        ...regionOf(text, field),
        text: want === undefined ? '' : renderPair(name, wanted[name], fieldIndent),
        rank: 0,
      });
    } else if (want !== undefined) {
      // Insert after the field that precedes it in FIELDS order, else after the last field.
      const previous = FIELDS.slice(0, FIELDS.indexOf(name))
        .map((f) => fields.get(f))
        .filter((f): f is Pair<Node, Node | null> => f !== undefined)
        .at(-1);
      const at = previous ? regionOf(text, previous).end : lastEnd;
      splices.push({ start: at, end: at, text: renderPair(name, wanted[name], fieldIndent), rank: 0 });
      if (!previous) lastEnd = at;
    }
  }
  return splices;
}

/** The whole lines a pair occupies: from the start of its key's line to the end of its value's last line. */
function regionOf(text: string, pair: Pair<Node, Node | null>): { start: number; end: number } {
  const key = pair.key as Node;
  const start = startOfLine(text, key.range?.[0] ?? 0);
  const valueEnd = pair.value?.range?.[1] ?? key.range?.[1] ?? start;
  return { start, end: text.charAt(valueEnd - 1) === '\n' ? valueEnd : endOfLine(text, valueEnd) };
}

/** Offset where a pair's key starts (0 when the pair has no position, which parsed pairs always have). */
function keyStart(pair: Pair | undefined): number {
  const key = pair?.key as Node | undefined;
  return key?.range?.[0] ?? 0;
}

function startOfLine(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the newline that ends the line holding `offset` (or the end of the text). */
function endOfLine(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - startOfLine(text, offset);
}

function applySplices(text: string, splices: Splice[]): string {
  // At one offset, insertions go before a replacement that starts there (they end the entry above it).
  const isInsert = (s: Splice) => (s.start === s.end ? 0 : 1);
  const ordered = [...splices].sort(
    (a, b) => a.start - b.start || isInsert(a) - isInsert(b) || a.rank - b.rank,
  );
  let out = '';
  let at = 0;
  for (const s of ordered) {
    out += text.slice(at, s.start);
    // An insertion at the very end of a file without a final newline needs one first.
    if (
      s.start === s.end &&
      s.start === text.length &&
      text.length > 0 &&
      !text.endsWith('\n') &&
      !out.endsWith('\n')
    )
      out += '\n';
    out += s.text;
    at = Math.max(at, s.end);
  }
  return out + text.slice(at);
}

/** `key: value` as YAML, every line indented by `indent` spaces, ending with a newline. */
function renderPair(key: string, value: unknown, indent: number): string {
  const rendered = new Document({ [key]: value }).toString({ lineWidth: 0, indent: 2 });
  const pad = ' '.repeat(indent);
  return rendered
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

/** The entry as YAML values; `reviewed` is a real boolean so it prints as `true` (the reader takes it as text). */
function entryObject(value: EntryValue): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = { text: value.text };
  if (value.source !== undefined) out.source = value.source;
  if (value.from !== undefined) out.from = value.from;
  if (value.reviewed) out.reviewed = true;
  return out;
}

function mapValues(map: YAMLMap): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of map.items)
    if (isScalar(pair.key) && isScalar(pair.value)) out[String(pair.key.value)] = String(pair.value.value);
  return out;
}

function sameFields(a: Record<string, string>, b: Record<string, string | boolean>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === (b[k] === undefined ? undefined : String(b[k])));
}

function sorted(edits: readonly LocaleEdit[], order: readonly string[]): LocaleEdit[] {
  const position = new Map(order.map((k, i) => [k, i]));
  return [...edits].sort(
    (a, b) =>
      (position.get(a.key) ?? Number.POSITIVE_INFINITY) - (position.get(b.key) ?? Number.POSITIVE_INFINITY),
  );
}

/** Files the line editor cannot follow (flow-style maps): edit through the Document, comments kept. */
function reprint(doc: Document.Parsed, edits: readonly LocaleEdit[]): string {
  for (const edit of edits) doc.setIn(['strings', edit.key], doc.createNode(entryObject(edit.value)));
  return doc.toString({ lineWidth: 0 });
}

function newFile(
  edits: readonly LocaleEdit[],
  order: readonly string[],
  header: { locale: string; comment: string },
): string {
  const comment = header.comment
    .split('\n')
    .map((line) => (line ? `# ${line}` : '#'))
    .join('\n');
  const body = sorted(edits, order)
    .map((e) => renderPair(e.key, entryObject(e.value), 2))
    .join('');
  return `${comment}\nlocale: ${header.locale}\nstrings:\n${body}`;
}
