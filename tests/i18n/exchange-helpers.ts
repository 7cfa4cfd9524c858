import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { editFile } from './helpers.ts';

/**
 * Prepares a copied fixture deck for exchange tests: one string left untranslated (`profile.journaliste.asks`)
 * and one source edited since translation (`event.licence.questions.1`).
 */
export function makeMissingAndStale(dir: string): void {
  removeEntry(join(dir, 'locales/en.yaml'), 'profile.journaliste.asks');
  editFile(join(dir, 'deck.yaml'), 'Qui doit valider ce choix ?', 'Qui doit approuver ce choix ?');
}

/** Removes one entry (its key line and the indented lines under it) from a locale file. */
export function removeEntry(path: string, key: string): void {
  const lines = readFileSync(path, 'utf8').split('\n');
  const start = lines.indexOf(`  ${key}:`);
  if (start === -1) throw new Error(`no entry ${key} in ${path}`);
  let end = start + 1;
  while (end < lines.length && /^ {4}/.test(lines[end] ?? '')) end++;
  lines.splice(start, end - start);
  writeFileSync(path, lines.join('\n'));
}

/** The locale file's text without the given entries: what must stay byte-identical through an import. */
export function withoutEntries(text: string, keys: readonly string[]): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let skipping = false;
  for (const line of lines) {
    if (/^ {2}\S/.test(line)) skipping = keys.some((k) => line === `  ${k}:`);
    else if (!/^ {4}/.test(line)) skipping = false;
    if (!skipping) out.push(line);
  }
  return out.join('\n');
}
