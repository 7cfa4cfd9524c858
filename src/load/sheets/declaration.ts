import { z } from 'zod';

/*
 * How deck.yaml names a spreadsheet that holds items of the deck. The load stage reads the declarations to
 * find the files; the check stage validates them as part of the deck schema (this is the one definition).
 */

/** The lists of a deck a spreadsheet may hold; each row is one item. */
export const SHEET_SECTIONS = ['events', 'profiles', 'contexts'] as const;
export type SheetSection = (typeof SHEET_SECTIONS)[number];

/** A field path as a column names it: `title`, `questions.1`, `fields.url`; `@fr` names a translation. */
const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_-]*(?:\.(?:[A-Za-z0-9_-]+))*(?:@[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)?$/;

export const SheetSource = z
  .strictObject({
    file: z
      .string()
      .regex(/\.(?:csv|xlsx)$/i, { error: 'expected a `.csv` or `.xlsx` file' })
      .describe('The spreadsheet, a path inside the deck folder: a `.csv` (UTF-8) or `.xlsx` file.'),
    into: z
      .enum(SHEET_SECTIONS)
      .describe('The list its rows are items of: `events`, `profiles` or `contexts`. One row, one item.'),
    sheet: z
      .string()
      .min(1)
      .optional()
      .describe('XLSX only: the worksheet to read (default: the first one).'),
    delimiter: z
      .enum([',', ';', '\t'])
      .optional()
      .describe('CSV only: the separator (default: guessed from the header row among `,` `;` and tab).'),
    columns: z
      .record(
        z.string().min(1),
        z
          .string()
          .regex(FIELD_PATH, {
            error:
              'expected a field path such as `title`, `questions.1` or `title@en`, or `-` to ignore the column',
          })
          .or(z.literal('-')),
      )
      .optional()
      .describe(
        'Header → field path, for headers that are not field paths themselves (e.g. `Card: id`, ' +
          '`"Question 2": questions.1`, `Titre anglais: title@en`). `-` ignores a column.',
      ),
  })
  .describe(
    'A CSV or XLSX file whose rows are items of the deck. The first row holds the headers; each names a ' +
      'field path (`title`, `questions.0`, `fields.url`) or a translation (`title@en`), or is mapped to one ' +
      'in `columns`.',
  );

export type SheetSourceOut = z.output<typeof SheetSource>;

/** A column header (or its mapping) split into a field path and, for a translation column, the locale. */
export function parseFieldPath(text: string): { path: (string | number)[]; locale?: string } | undefined {
  if (!FIELD_PATH.test(text)) return undefined;
  const [field = '', locale] = text.split('@');
  const path = field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  return locale === undefined ? { path } : { path, locale };
}
