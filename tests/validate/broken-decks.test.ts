import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDeck } from '../../src/api.ts';
import { type Diagnostic, sortDiagnostics } from '../../src/diagnostics/diagnostic.ts';
import { BROKEN_DECKS } from '../helpers/paths.ts';

/*
 * One folder per case under tests/fixtures/broken/: a copy of tests/fixtures/valid/minimal with one thing
 * broken, its first line saying what (so line numbers are one more than in the minimal deck). Each row gives
 * every diagnostic the case must produce, sorted as reports show them, with the exact place it points at.
 * `file` is relative to the case folder; `.` is the folder itself.
 */
interface Expected {
  code: string;
  file: string;
  line?: number;
  column?: number;
  severity?: 'error' | 'warning';
  /** Text the hint must contain. */
  hint?: string;
  related?: { file: string; line: number; column: number };
}

const CASES: Record<string, Expected[]> = {
  // YAML syntax
  'yaml-unclosed-quote': [{ code: 'yaml/unclosed-quote', file: 'deck.yaml', line: 4, column: 10 }],
  'yaml-bad-indent': [{ code: 'yaml/bad-indent', file: 'deck.yaml', line: 5, column: 4 }],
  'tab-indent': [{ code: 'yaml/tab-indent', file: 'deck.yaml', line: 4, column: 1 }],
  'unquoted-colon': [
    { code: 'yaml/unquoted-colon', file: 'deck.yaml', line: 81, column: 12, hint: '"Licence : laquelle ?"' },
  ],
  'duplicate-key': [
    {
      code: 'yaml/duplicate-key',
      file: 'deck.yaml',
      line: 5,
      column: 3,
      related: { file: 'deck.yaml', line: 4, column: 3 },
    },
  ],
  'multiple-documents': [{ code: 'yaml/multiple-documents', file: 'deck.yaml', line: 97, column: 1 }],
  'unknown-tag': [{ code: 'yaml/unknown-tag', file: 'deck.yaml', line: 88, column: 5 }],
  'undefined-alias': [{ code: 'yaml/bad-alias', file: 'deck.yaml', line: 95, column: 9 }],
  'alias-bomb': [{ code: 'yaml/alias-limit', file: 'deck.yaml', line: 4, column: 10 }],
  'deep-nesting': [{ code: 'yaml/too-deep', file: 'deck.yaml', line: 66, column: 129 }],
  'proto-key': [{ code: 'yaml/forbidden-key', file: 'deck.yaml', line: 15, column: 3 }],
  'constructor-key': [{ code: 'yaml/forbidden-key', file: 'deck.yaml', line: 38, column: 5 }],

  // Files and folders
  'empty-file': [{ code: 'load/empty-file', file: 'deck.yaml', line: 1, column: 1 }],
  'comment-only-file': [{ code: 'load/empty-file', file: 'deck.yaml', line: 1, column: 1 }],
  'no-deck-file': [{ code: 'load/missing-deck-file', file: '.', hint: 'main.yaml' }],
  'nul-bytes': [{ code: 'load/not-text', file: 'deck.yaml', line: 36, column: 14 }],
  latin1: [{ code: 'load/not-text', file: 'deck.yaml', line: 7, column: 7, hint: 'UTF-8' }],

  // Schema: types, required fields, unknown keys
  'wrong-type': [{ code: 'schema/wrong-type', file: 'deck.yaml', line: 14, column: 10 }],
  'quoted-number': [
    { code: 'schema/wrong-type', file: 'deck.yaml', line: 10, column: 20, hint: 'remove the quotes' },
  ],
  'number-for-text': [
    { code: 'schema/wrong-type', file: 'deck.yaml', line: 41, column: 16, hint: '"48000"' },
  ],
  'null-value': [{ code: 'schema/wrong-type', file: 'deck.yaml', line: 81, column: 5 }],
  'string-for-list': [{ code: 'schema/wrong-type', file: 'deck.yaml', line: 83, column: 16, hint: '- ' }],
  'top-level-list': [{ code: 'schema/wrong-type', file: 'deck.yaml', line: 2, column: 1 }],
  'missing-field': [
    { code: 'schema/missing-field', file: 'deck.yaml', line: 88, column: 5, hint: '`title:`' },
  ],
  'missing-nested-field': [
    { code: 'schema/missing-field', file: 'deck.yaml', line: 12, column: 5, hint: '`max:`' },
  ],
  'missing-meta': [{ code: 'schema/missing-field', file: 'deck.yaml', line: 2, column: 1, hint: '`meta:`' }],
  'meta-elsewhere': [
    { code: 'schema/missing-field', file: 'deck.yaml', line: 2, column: 1, hint: 'from about.yaml' },
  ],
  'only-meta': [
    { code: 'deck/empty-section', file: 'deck.yaml', line: 2, column: 1, hint: '`phases:`' },
    { code: 'deck/empty-section', file: 'deck.yaml', line: 2, column: 1, hint: '`events:`' },
    { code: 'schema/missing-field', file: 'deck.yaml', line: 2, column: 1, hint: '`guide:`' },
  ],
  'unknown-key': [
    { code: 'schema/unknown-key', file: 'deck.yaml', line: 25, column: 5, hint: 'did you mean `title`?' },
  ],
  'unknown-key-no-suggestion': [
    {
      code: 'schema/unknown-key',
      file: 'deck.yaml',
      line: 88,
      column: 5,
      hint: 'allowed keys here: id, phase,',
    },
  ],
  'unknown-top-level-key': [
    { code: 'schema/unknown-key', file: 'deck.yaml', line: 77, column: 1, hint: 'did you mean `events`?' },
  ],
  'capitalised-section': [
    { code: 'schema/unknown-key', file: 'deck.yaml', line: 2, column: 1, hint: 'did you mean `meta`?' },
  ],
  'custom-card-typo': [
    { code: 'schema/unknown-key', file: 'deck.yaml', line: 17, column: 24, hint: 'did you mean `height`?' },
  ],

  // Schema: values
  'bad-length': [{ code: 'schema/bad-length', file: 'deck.yaml', line: 18, column: 10 }],
  'bad-colour': [{ code: 'schema/bad-colour', file: 'deck.yaml', line: 28, column: 13 }],
  'bad-id': [{ code: 'schema/bad-id', file: 'deck.yaml', line: 24, column: 9 }],
  'bad-date': [{ code: 'schema/bad-date', file: 'deck.yaml', line: 6, column: 9 }],
  'bad-language': [{ code: 'schema/bad-format', file: 'deck.yaml', line: 5, column: 13 }],
  'enum-typo': [
    {
      code: 'schema/invalid-value',
      file: 'deck.yaml',
      line: 19,
      column: 11,
      hint: 'did you mean `long-edge`?',
    },
  ],
  'too-many-copies': [{ code: 'schema/too-big', file: 'deck.yaml', line: 96, column: 13 }],
  'empty-text': [{ code: 'schema/too-small', file: 'deck.yaml', line: 25, column: 12 }],
  'zero-teams': [{ code: 'schema/too-small', file: 'deck.yaml', line: 14, column: 10 }],

  // The deck as a whole: ids, references, sections, assets
  'duplicate-id': [
    {
      code: 'ref/duplicate-id',
      file: 'deck.yaml',
      line: 88,
      column: 9,
      related: { file: 'deck.yaml', line: 78, column: 9 },
    },
  ],
  'split-duplicate-id': [
    {
      code: 'ref/duplicate-id',
      file: 'events-more.yaml',
      line: 2,
      column: 9,
      related: { file: 'deck.yaml', line: 78, column: 9 },
    },
  ],
  'meta-twice': [
    {
      code: 'deck/duplicate-section',
      file: 'about.yaml',
      line: 1,
      column: 1,
      related: { file: 'deck.yaml', line: 2, column: 1 },
    },
  ],
  'unknown-phase': [
    {
      code: 'ref/unknown-phase',
      file: 'deck.yaml',
      line: 89,
      column: 12,
      hint: 'did you mean `realisation`?',
    },
  ],
  'unknown-agenda-phase': [
    {
      code: 'ref/unknown-phase',
      file: 'deck.yaml',
      line: 110,
      column: 14,
      hint: 'did you mean `realisation`?',
    },
  ],
  'unknown-category': [
    { code: 'ref/unknown-category', file: 'deck.yaml', line: 80, column: 15, hint: 'did you mean `legal`?' },
  ],
  'unknown-section': [
    {
      code: 'ref/unknown-section',
      file: 'deck.yaml',
      line: 42,
      column: 5,
      hint: 'did you mean `objectives`?',
    },
  ],
  'section-wrong-kind': [
    {
      code: 'schema/wrong-type',
      file: 'deck.yaml',
      line: 39,
      column: 7,
      hint: '`paragraph` section is one text',
    },
  ],
  'gauge-above-scale': [
    { code: 'schema/too-big', file: 'deck.yaml', line: 46, column: 16, hint: 'raise `scale.max`' },
  ],
  'unknown-context': [
    { code: 'ref/unknown-context', file: 'deck.yaml', line: 86, column: 9, hint: 'did you mean `ville`?' },
  ],
  'agenda-item-incomplete': [{ code: 'schema/missing-field', file: 'deck.yaml', line: 104, column: 7 }],
  'participants-range': [{ code: 'deck/participants', file: 'deck.yaml', line: 12, column: 5 }],
  'logo-outside': [{ code: 'asset/outside-deck', file: 'deck.yaml', line: 23, column: 9 }],
  'asset-missing': [{ code: 'asset/missing', file: 'deck.yaml', line: 23, column: 9 }],
  'teams-without-context': [
    { code: 'deck/teams-without-context', file: 'deck.yaml', line: 14, column: 10, severity: 'warning' },
  ],

  // Several mistakes: every one is reported, in file and line order
  'several-errors': [
    { code: 'schema/wrong-type', file: 'deck.yaml', line: 14, column: 10 },
    { code: 'schema/bad-length', file: 'deck.yaml', line: 18, column: 10 },
    { code: 'schema/bad-colour', file: 'deck.yaml', line: 33, column: 13 },
    { code: 'schema/unknown-key', file: 'deck.yaml', line: 91, column: 5, hint: 'did you mean `copies`?' },
  ],
  'several-reference-errors': [
    { code: 'ref/unknown-phase', file: 'deck.yaml', line: 79, column: 12, hint: 'did you mean `cadrage`?' },
    { code: 'ref/unknown-context', file: 'deck.yaml', line: 86, column: 9, hint: 'did you mean `ville`?' },
    {
      code: 'ref/unknown-phase',
      file: 'deck.yaml',
      line: 110,
      column: 14,
      hint: 'phases: cadrage, realisation',
    },
  ],
  // A misspelt key does not hide a misspelt phase in the same file: both are reported at once.
  'key-and-reference-errors': [
    { code: 'ref/unknown-phase', file: 'deck.yaml', line: 79, column: 12, hint: 'did you mean `cadrage`?' },
    { code: 'schema/unknown-key', file: 'deck.yaml', line: 81, column: 5, hint: 'did you mean `title`?' },
  ],
  'errors-in-two-files': [
    { code: 'yaml/tab-indent', file: 'deck.yaml', line: 4, column: 1 },
    {
      code: 'schema/unknown-key',
      file: 'profiles.yaml',
      line: 4,
      column: 5,
      hint: 'did you mean `description`?',
    },
  ],
};

/** A diagnostic's file relative to its case folder, as the table writes it. */
function inCase(name: string, file: string | undefined): string | undefined {
  if (file === name) return '.';
  return file?.startsWith(`${name}/`) ? file.slice(name.length + 1) : file;
}

function shape(name: string, d: Diagnostic) {
  return { code: d.code, file: inCase(name, d.file), line: d.line, column: d.column, severity: d.severity };
}

describe('broken decks under tests/fixtures/broken', () => {
  it('has a table row for every fixture folder, and a folder for every row', () => {
    const folders = readdirSync(BROKEN_DECKS).filter((n) => statSync(join(BROKEN_DECKS, n)).isDirectory());
    expect(folders.sort()).toEqual(Object.keys(CASES).sort());
    expect(folders.length).toBeGreaterThanOrEqual(30);
  });

  it.each(Object.entries(CASES))('%s', (name, expected) => {
    const { deck, diagnostics } = validateDeck(name, BROKEN_DECKS);
    const sorted = sortDiagnostics(diagnostics);
    expect(sorted.map((d) => shape(name, d))).toEqual(
      expected.map((e) => ({
        code: e.code,
        file: e.file,
        line: e.line,
        column: e.column,
        severity: e.severity ?? 'error',
      })),
    );
    sorted.forEach((d, i) => {
      const want = expected[i];
      expect(d.message.length, d.code).toBeGreaterThan(0);
      if (want?.hint) expect(d.hint).toContain(want.hint);
      if (want?.related) {
        expect(d.related).toBeDefined();
        expect({ ...d.related, file: inCase(name, d.related?.file) }).toMatchObject(want.related);
      }
    });
    // A deck comes back only when nothing is wrong with it: later stages must never see a broken deck.
    if (expected.some((e) => (e.severity ?? 'error') === 'error')) expect(deck).toBeUndefined();
    else expect(deck).toBeDefined();
  });
});
