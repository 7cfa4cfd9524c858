import { describe, expect, it } from 'vitest';
import { type Diagnostic, error, warning } from '../../src/diagnostics/diagnostic.ts';
import { formatJson, formatText, summaryLine } from '../../src/diagnostics/report.ts';

const SOURCES: Record<string, string> = {
  'decks/demo/deck.yaml': [
    'meta:',
    '  id: demo',
    '  teams: deux',
    'phases:',
    '  - id: cadrage',
    '    titel: Cadrage',
    '',
  ].join('\n'),
  'decks/demo/events.yaml': ['events:', '  - id: portail', '    phase: cadrge', ''].join('\n'),
};
const readSource = (file: string) => SOURCES[file];

/** Given out of order on purpose: the report sorts by file, then line. */
const DIAGNOSTICS: Diagnostic[] = [
  error(
    'ref/unknown-phase',
    'event `portail` names phase `cadrge`, which does not exist',
    { file: 'decks/demo/events.yaml', line: 3, column: 12, endLine: 3, endColumn: 18 },
    'did you mean `cadrage`?',
  ),
  error(
    'schema/unknown-key',
    'unknown key `titel` in phases[0]',
    { file: 'decks/demo/deck.yaml', line: 6, column: 5, endLine: 6, endColumn: 10 },
    'did you mean `title`?',
  ),
  warning('deck/teams-without-context', '2 teams but only 1 context sheet', {
    file: 'decks/demo/deck.yaml',
    line: 3,
    column: 10,
  }),
  {
    ...error('ref/duplicate-id', 'event id `portail` is used twice', {
      file: 'decks/demo/events.yaml',
      line: 2,
      column: 9,
      endLine: 2,
      endColumn: 16,
    }),
    related: { file: 'decks/demo/deck.yaml', line: 5, column: 9, message: 'first used' },
  },
  error(
    'load/missing-deck-file',
    'deck folder `decks/empty` has no deck.yaml',
    { file: 'decks/empty' },
    'create deck.yaml',
  ),
];

const EXPECTED = `decks/demo/deck.yaml
  decks/demo/deck.yaml:3:10 warning 2 teams but only 1 context sheet [deck/teams-without-context]
      2 |   id: demo
    > 3 |   teams: deux
        |          ^
      4 | phases:
  decks/demo/deck.yaml:6:5 error unknown key \`titel\` in phases[0] [schema/unknown-key]
      5 |   - id: cadrage
    > 6 |     titel: Cadrage
        |     ^^^^^
      7 |
    hint: did you mean \`title\`?

decks/demo/events.yaml
  decks/demo/events.yaml:2:9 error event id \`portail\` is used twice [ref/duplicate-id]
      1 | events:
    > 2 |   - id: portail
        |         ^^^^^^^
      3 |     phase: cadrge
    first used at decks/demo/deck.yaml:5:9
  decks/demo/events.yaml:3:12 error event \`portail\` names phase \`cadrge\`, which does not exist [ref/unknown-phase]
      2 |   - id: portail
    > 3 |     phase: cadrge
        |            ^^^^^^
      4 |
    hint: did you mean \`cadrage\`?

decks/empty
  decks/empty error deck folder \`decks/empty\` has no deck.yaml [load/missing-deck-file]
    hint: create deck.yaml

4 errors, 1 warning
`;

describe('text report', () => {
  it('groups by file, sorts by line, frames the line with a caret, and ends with a summary', () => {
    expect(formatText(DIAGNOSTICS, { readSource })).toBe(EXPECTED);
  });

  it('has no colour codes unless asked, and some when asked', () => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes is the point
    const ansi = /\u001b\[/;
    expect(formatText(DIAGNOSTICS, { readSource })).not.toMatch(ansi);
    expect(formatText(DIAGNOSTICS, { readSource, color: true })).toMatch(ansi);
  });

  it('still reports a diagnostic whose file cannot be read, without a frame', () => {
    const text = formatText(
      [error('schema/wrong-type', 'teams: expected a number', { file: 'gone.yaml', line: 2, column: 3 })],
      { readSource: () => undefined },
    );
    expect(text).toBe(
      'gone.yaml\n  gone.yaml:2:3 error teams: expected a number [schema/wrong-type]\n\n1 error, 0 warnings\n',
    );
  });

  it('says so when there is nothing to report', () => {
    expect(summaryLine([])).toBe('0 errors, 0 warnings');
    expect(formatText([], { readSource })).toBe('0 errors, 0 warnings\n');
  });
});

describe('JSON report', () => {
  it('is an array, sorted like the text report, carrying every field', () => {
    const parsed = JSON.parse(formatJson(DIAGNOSTICS)) as Diagnostic[];
    expect(parsed.map((d) => `${d.file}:${d.line ?? '-'}`)).toEqual([
      'decks/demo/deck.yaml:3',
      'decks/demo/deck.yaml:6',
      'decks/demo/events.yaml:2',
      'decks/demo/events.yaml:3',
      'decks/empty:-',
    ]);
    expect(parsed[2]).toEqual({
      severity: 'error',
      code: 'ref/duplicate-id',
      message: 'event id `portail` is used twice',
      file: 'decks/demo/events.yaml',
      line: 2,
      column: 9,
      endLine: 2,
      endColumn: 16,
      related: { file: 'decks/demo/deck.yaml', line: 5, column: 9, message: 'first used' },
    });
  });
});
