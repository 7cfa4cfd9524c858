import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { MINIMAL_DECK } from '../helpers/paths.ts';

/** The minimal deck's deck.yaml without its events, plus `extra` (a `sources:` list) at the end. */
export function deckYamlWithoutEvents(extra: string): string {
  const text = readFileSync(join(MINIMAL_DECK, 'deck.yaml'), 'utf8');
  return `${text.slice(0, text.indexOf('events:'))}${text.slice(text.indexOf('guide:'))}${extra}`;
}

/** Rows as a CSV text: cells quoted where they must be. */
export function csv(rows: readonly (readonly string[])[]): string {
  const cell = (c: string) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
  return `${rows.map((r) => r.map(cell).join(',')).join('\n')}\n`;
}

/** An XLSX workbook with one sheet holding `rows`, as bytes. Made at test time with exceljs. */
export async function xlsx(
  sheet: string,
  rows: readonly (readonly (string | number)[])[],
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet(sheet);
  for (const row of rows) worksheet.addRow([...row]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export const HEADER = ['id', 'phase', 'category', 'titel', 'situation', 'Question', 'notes'];
/** Two cards with three mistakes: a misspelt header (`titel`), an empty required cell, a bad phase id. */
export const BROKEN_ROWS = [
  HEADER,
  ['licence-choice', 'cadrage', 'legal', 'Quelle licence ?', 'Le service hésite.', 'Laquelle ?', 'LO 2.0.'],
  ['transport-data', 'realisaton', 'technical', 'Les données', '', 'Que dit le contrat ?', 'Le code.'],
];
