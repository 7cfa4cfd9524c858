import { type Diagnostic, error, type Position } from '../diagnostics/diagnostic.ts';
import { didYouMean } from '../diagnostics/suggest.ts';

/*
 * Numbers that guide prose may print with a `{name}` placeholder, so that "four worksheets per team" in a section
 * is the same figure as the print checklist's; the compose stage computes them (`printQuantities`).
 */
export const QUANTITY_NAMES = [
  'teams',
  'participants',
  'phases',
  'contexts',
  'context-sheets',
  'context-sheets-per-team',
  'event-cards',
  'cards-per-team',
  'envelopes',
  'envelopes-per-team',
  'profile-cards',
  'worksheets',
  'worksheets-per-team',
] as const;
export type QuantityName = (typeof QUANTITY_NAMES)[number];

/** `{name}` in prose: lower-case words joined by hyphens, so braces in ordinary text are left alone. */
export const PLACEHOLDER = /\{([a-z]+(?:-[a-z]+)*)\}/g;

/** Placeholders in `text` that name no quantity, located by `at` (the string's position). */
export function unknownPlaceholders(
  text: string,
  at: Position | undefined | (() => Position | undefined),
): Diagnostic[] {
  const known: readonly string[] = QUANTITY_NAMES;
  return [...text.matchAll(PLACEHOLDER)].flatMap(([whole, name]) =>
    name === undefined || known.includes(name)
      ? []
      : [
          error(
            'guide/unknown-quantity',
            `\`${whole}\` names no quantity`,
            // Located only for a diagnostic: finding a position parses the file's syntax tree.
            typeof at === 'function' ? at() : at,
            didYouMean(name, known) ?? `quantities: ${QUANTITY_NAMES.map((n) => `{${n}}`).join(', ')}`,
          ),
        ],
  );
}
