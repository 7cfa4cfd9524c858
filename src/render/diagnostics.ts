import type { Origin } from '../check/deck.ts';
import type { Diagnostic, Position } from '../diagnostics/diagnostic.ts';

/**
 * Collects what a render finds. The same layout problem would otherwise be reported once per card: the same
 * code at the same place with the same message is kept once. Text that overflows on many cards from one
 * string (a phase title in every card's band) is reported once, naming the first card and counting the others.
 */
export class DiagnosticSink {
  readonly list: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  private readonly repeated = new Map<string, { diagnostic: Diagnostic; message: string; others: number }>();

  add(diagnostic: Diagnostic): void {
    const key = `${diagnostic.code}|${diagnostic.file}|${diagnostic.line}|${diagnostic.column}|${diagnostic.message}`;
    if (this.seen.has(key)) return;
    if (diagnostic.code === 'render/overflow' && diagnostic.file !== undefined) {
      const place = `${diagnostic.file}|${diagnostic.line}|${diagnostic.column}`;
      const first = this.repeated.get(place);
      if (first) {
        first.others++;
        first.diagnostic.message = `${first.message} (the same on ${first.others} other card${first.others === 1 ? '' : 's'})`;
        return;
      }
      const copy = { ...diagnostic };
      this.repeated.set(place, { diagnostic: copy, message: copy.message, others: 0 });
      diagnostic = copy;
    }
    this.seen.add(key);
    this.list.push(diagnostic);
  }

  addAll(diagnostics: readonly Diagnostic[]): void {
    for (const d of diagnostics) this.add(d);
  }
}

/** What is being drawn, for messages and for positions of deck text in the YAML. */
export interface Subject {
  /** "event card `open-licence`", "context sheet `ville`". */
  label: string;
  /** Data roots that stand for deck items: `card` → the event, `phase` → its phase. */
  roots: Readonly<Record<string, Origin | undefined>>;
}

/** Where a data path such as `card.questions.1` was written in the deck, when it comes from the deck. */
export function fieldPosition(subject: Subject, path: string): Position | undefined {
  const [root, ...rest] = path.split('.');
  const origin = root === undefined ? undefined : subject.roots[root];
  return origin?.position(rest.map((part) => (/^\d+$/.test(part) ? Number(part) : part)));
}

/** Data roots that stand for the item drawn itself: their fields are named without the root. */
const ITEM_ROOTS = new Set(['card', 'context']);

/**
 * The field name as a trainer knows it: `card.questions.1` → `questions[1]`; text that belongs to something
 * else keeps its root, so the deck's title on a card back is `deck.title`, not the card's `title`.
 */
export function fieldLabel(path: string): string {
  const [root, ...rest] = path.split('.');
  const parts = rest.length > 0 && root !== undefined && ITEM_ROOTS.has(root) ? rest : path.split('.');
  return parts.reduce(
    (out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part),
    '',
  );
}
