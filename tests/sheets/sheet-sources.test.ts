import { describe, expect, it } from 'vitest';
import { validateDeck } from '../../src/api.ts';
import { FRAME_WIDTH } from '../../src/diagnostics/frame.ts';
import { formatText } from '../../src/diagnostics/report.ts';
import { localeStatus } from '../../src/i18n/status.ts';
import { sourceHash } from '../../src/locale-files/hash.ts';
import { localizeDeck } from '../../src/localize/localize-deck.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempDeck } from '../helpers/temp-dirs.ts';
import { BROKEN_ROWS, csv, deckYamlWithoutEvents, xlsx } from './helpers.ts';

const CSV_SOURCE = `sources:
  - file: cards.csv
    into: events
    columns:
      Question: questions.0
`;

const where = (d: { file?: string; line?: number; column?: number; cell?: string }) =>
  d.cell ?? `${d.line}:${d.column}`;

describe('spreadsheet sources', () => {
  it('locates a misspelt header, an empty required cell and a bad phase in a CSV, with hints', () => {
    const dir = tempDeck({ 'deck.yaml': deckYamlWithoutEvents(CSV_SOURCE), 'cards.csv': csv(BROKEN_ROWS) });
    const { deck, diagnostics } = validateDeck(dir, dir);
    expect(deck).toBeUndefined();
    expect(diagnostics.map((d) => [d.file, where(d), d.code, d.hint])).toEqual([
      ['cards.csv', '1:19', 'sheet/unknown-column', 'did you mean `title`?'],
      ['cards.csv', '3:16', 'ref/unknown-phase', 'did you mean `realisation`?'],
      ['cards.csv', '3:49', 'schema/missing-field', 'fill in the cell'],
    ]);
    const [header, phase, empty] = diagnostics;
    expect(header?.message).toContain('column D `titel`');
    expect(phase?.message).toContain('column B `phase`');
    expect(empty?.message).toMatch(/`situation` on row 3: its cell in column E `situation` is empty/);
    // The report shows the CSV line with a caret under the cell, as for YAML.
    const text = formatText(diagnostics, { readSource: () => csv(BROKEN_ROWS) });
    expect(text).toContain('cards.csv:3:16 error');
    expect(text).toMatch(/> 3 \| transport-data,realisaton,.*\n\s+\|\s{16}\^/);
  });

  it('locates the same three mistakes in an XLSX sheet as Sheet!Cell, naming the header', async () => {
    const dir = tempDeck({
      'deck.yaml': deckYamlWithoutEvents(
        CSV_SOURCE.replace('cards.csv', 'cards.xlsx').replace(
          'events\n',
          'events\n    sheet: Cartes du jeu\n',
        ),
      ),
      'cards.xlsx': await xlsx('Cartes du jeu', BROKEN_ROWS),
    });
    const { deck, diagnostics } = validateDeck(dir, dir);
    expect(deck).toBeUndefined();
    expect(diagnostics.map((d) => [d.file, where(d), d.code, d.hint])).toEqual([
      ['cards.xlsx', "'Cartes du jeu'!D1", 'sheet/unknown-column', 'did you mean `title`?'],
      ['cards.xlsx', "'Cartes du jeu'!B3", 'ref/unknown-phase', 'did you mean `realisation`?'],
      ['cards.xlsx', "'Cartes du jeu'!E3", 'schema/missing-field', 'fill in the cell'],
    ]);
    expect(diagnostics.map((d) => [d.line, d.column])).toEqual([
      [1, 4],
      [3, 2],
      [3, 5],
    ]);
    const text = formatText(diagnostics, { readSource: () => undefined });
    expect(text).toContain(
      "cards.xlsx:'Cartes du jeu'!B3 error event `transport-data` names phase `realisaton`",
    );
    expect(text).toContain('(column B `phase`)');
    expect(text).not.toContain('| ');
  });

  it('names the worksheets when the one asked for does not exist', async () => {
    const dir = tempDeck({
      'deck.yaml': deckYamlWithoutEvents(
        CSV_SOURCE.replace('cards.csv', 'cards.xlsx').replace('events\n', 'events\n    sheet: Carte\n'),
      ),
      'cards.xlsx': await xlsx('Cartes', BROKEN_ROWS),
    });
    const { diagnostics } = validateDeck(dir, dir);
    expect(diagnostics.map((d) => [d.file, d.code, d.hint])).toEqual([
      ['deck.yaml', 'sheet/no-such-sheet', 'did you mean `Cartes`?'],
    ]);
  });

  it('reads a valid sheet into the same items as YAML: numbers, lists, mapped and ignored columns', () => {
    const rows = [
      ['Card', 'phase', 'category', 'title', 'situation', 'questions', 'copies', 'Internal', 'notes'],
      [
        'licence-choice',
        'cadrage',
        'legal',
        'Quelle licence ?',
        'Le service\r\nhésite.',
        'Laquelle ?\nPourquoi ?',
        '3',
        'x',
        'LO.',
      ],
    ];
    const source =
      'sources:\n  - file: cards.csv\n    into: events\n    columns: { Card: id, Internal: "-" }\n';
    const dir = tempDeck({ 'deck.yaml': deckYamlWithoutEvents(source), 'cards.csv': csv(rows) });
    const { deck, diagnostics } = validateDeck(dir, dir);
    expect(diagnostics).toEqual([]);
    expect(deck?.files).toEqual(['deck.yaml', 'cards.csv']);
    expect(deck?.events).toEqual([
      {
        id: 'licence-choice',
        phase: 'cadrage',
        category: 'legal',
        title: 'Quelle licence ?',
        situation: 'Le service\nhésite.',
        questions: ['Laquelle ?', 'Pourquoi ?'],
        copies: 3,
        notes: 'LO.',
      },
    ]);
    // Later stages locate the card's strings in the sheet.
    expect(deck?.origin('event', 'licence-choice')?.position(['title'])).toMatchObject({
      file: 'cards.csv',
      line: 2,
    });
  });

  it('reads `;`-separated CSV (as Excel saves it in many locales) and closes up numbered list columns', () => {
    const text =
      'id;phase;category;title;situation;questions.0;questions.1;questions.2;notes\n' +
      'a-card;cadrage;legal;Titre;Situation;;Deuxième ?;Troisième ?;Notes\n';
    const dir = tempDeck({
      'deck.yaml': deckYamlWithoutEvents('sources:\n  - { file: cards.csv, into: events }\n'),
      'cards.csv': text,
    });
    const { deck, diagnostics } = validateDeck(dir, dir);
    expect(diagnostics).toEqual([]);
    expect(deck?.events[0]?.questions).toEqual(['Deuxième ?', 'Troisième ?']);
    expect(deck?.origin('event', 'a-card')?.position(['questions', 0])).toMatchObject({
      line: 2,
      column: 39,
    });
  });

  it('feeds `title@en` columns to the translation machinery: status counts them, the locale prints them', () => {
    const rows = [
      ['id', 'phase', 'category', 'title', 'title@en', 'situation', 'situation@en', 'questions.0', 'notes'],
      [
        'licence-choice',
        'cadrage',
        'legal',
        'Quelle licence ?',
        'Which licence?',
        'Le service hésite.',
        'Legal hesitates.',
        'Laquelle ?',
        'LO.',
      ],
      [
        'transport-data',
        'realisation',
        'technical',
        'Les données',
        '',
        'Le délégataire refuse.',
        '',
        'Le contrat ?',
        'Code.',
      ],
    ];
    const dir = tempDeck({
      'deck.yaml': deckYamlWithoutEvents('sources:\n  - { file: cards.csv, into: events }\n'),
      'cards.csv': csv(rows),
    });
    const { deck, diagnostics } = validateDeck(dir, dir);
    expect(diagnostics).toEqual([]);
    if (!deck) throw new Error('no deck');
    const status = localeStatus(deck, 'en');
    expect(status.exists).toBe(true);
    expect(status.translated.map((e) => [e.key, e.position?.line, e.position?.column])).toEqual([
      ['event.licence-choice.title', 2, 47],
      ['event.licence-choice.situation', 2, 81],
    ]);
    expect(status.missing.map((e) => e.key)).toContain('event.transport-data.title');
    const localized = localizeDeck(deck, 'en', { hyphenate: false });
    expect(localized.deck?.events[0]?.title).toBe('Which licence?');
    expect(localized.deck?.events[1]?.title).toBe('Les données');
  });

  it('the locale file wins over a spreadsheet cell translating the same key, with a warning', () => {
    const rows = [
      ['id', 'phase', 'category', 'title', 'title@en', 'situation', 'questions.0', 'notes'],
      [
        'licence-choice',
        'cadrage',
        'legal',
        'Quelle licence ?',
        'Which licence?',
        'Hésite.',
        'Laquelle ?',
        'LO.',
      ],
    ];
    const dir = tempDeck({
      'deck.yaml': deckYamlWithoutEvents('sources:\n  - { file: cards.csv, into: events }\n'),
      'cards.csv': csv(rows),
      'locales/en.yaml': `locale: en\nstrings:\n  event.licence-choice.title:\n    text: What licence?\n    source: ${sourceHash('Quelle licence ?')}\n`,
    });
    const { deck } = validateDeck(dir, dir);
    if (!deck) throw new Error('no deck');
    const localized = localizeDeck(deck, 'en', { hyphenate: false });
    expect(localized.deck?.events[0]?.title).toBe('What licence?');
    expect(localized.diagnostics.map((d) => d.code)).toContain('i18n/translated-twice');
  });

  it('reports a missing spreadsheet, a path leaving the deck and a CSV syntax error where they are', () => {
    const yaml = deckYamlWithoutEvents('sources:\n  - file: carts.csv\n    into: events\n');
    const missing = tempDeck({ 'deck.yaml': yaml });
    const line = yaml.slice(0, yaml.indexOf('carts.csv')).split('\n').length;
    const found = validateDeck(missing, missing).diagnostics;
    expect(found.map((d) => [d.file, d.line, d.column, d.code])).toEqual([
      ['deck.yaml', line, 11, 'sheet/missing'],
    ]);
    expect(found[0]?.hint).toContain('relative to the deck folder');
    const outside = tempDeck({
      'deck.yaml': deckYamlWithoutEvents('sources:\n  - file: ../cards.csv\n    into: events\n'),
    });
    expect(validateDeck(outside, outside).diagnostics.map((d) => d.code)).toEqual(['sheet/outside-deck']);
    const broken = tempDeck({
      'deck.yaml': deckYamlWithoutEvents('sources:\n  - file: cards.csv\n    into: events\n'),
      'cards.csv': 'id,title\na,"unclosed\n',
    });
    expect(validateDeck(broken, broken).diagnostics.map((d) => [d.file, d.code])).toEqual([
      ['cards.csv', 'sheet/csv-syntax'],
    ]);
  });

  it('reports a header that names no field, a column without header and two columns for one field', () => {
    const text = 'id,phase,,title,Title\na,cadrage,x,T,U\n';
    const dir = tempDeck({
      'deck.yaml': deckYamlWithoutEvents(
        'sources:\n  - file: cards.csv\n    into: events\n    columns: { Title: title }\n',
      ),
      'cards.csv': text.replace('id,phase', 'id,phase name'),
    });
    const codes = validateDeck(dir, dir).diagnostics.map((d) => [d.code, d.line, d.column]);
    expect(codes).toEqual(
      expect.arrayContaining([
        ['sheet/bad-header', 1, 4],
        ['sheet/no-header', 1, 15],
        ['sheet/duplicate-column', 1, 22],
      ]),
    );
  });
});

describe('atelier validate on spreadsheet sources', () => {
  it('prints CSV cells as file:line:column with a code frame and XLSX cells as file:Sheet!B3, exit 1', async () => {
    const source = (file: string) =>
      `sources:\n  - file: ${file}\n    into: events\n    columns: { Question: questions.0 }\n`;
    const csvDeck = tempDeck({
      'deck.yaml': deckYamlWithoutEvents(source('cards.csv')),
      'cards.csv': csv(BROKEN_ROWS),
    });
    const xlsxDeck = tempDeck({
      'deck.yaml': deckYamlWithoutEvents(source('cards.xlsx')),
      'cards.xlsx': await xlsx('Cards', BROKEN_ROWS),
    });
    const [fromCsv, fromXlsx] = await Promise.all([
      runCli(['validate', '.'], { cwd: csvDeck }),
      runCli(['validate', '.'], { cwd: xlsxDeck }),
    ]);
    expect(fromCsv.status).toBe(1);
    expect(fromCsv.stdout).toContain('cards.csv:3:16 error event `transport-data` names phase `realisaton`');
    expect(fromCsv.stdout).toContain('> 3 | transport-data,realisaton,');
    expect(fromCsv.stdout).toContain('3 errors, 0 warnings');
    expect(fromXlsx.status).toBe(1);
    expect(fromXlsx.stdout).toContain(
      'cards.xlsx:Cards!D1 error column D `titel`: `titel` is not a field of an event',
    );
    expect(fromXlsx.stdout).toContain('cards.xlsx:Cards!B3 error');
    expect(fromXlsx.stdout).toContain(
      'cards.xlsx:Cards!E3 error missing required field `situation` on row 3',
    );
    expect(fromXlsx.stdout).toContain('3 errors, 0 warnings');
  });
});

describe('code frames of long lines', () => {
  it('cut a long CSV row around the cell so the caret stays in view, with the file line numbers', () => {
    const long = `${'a,'.repeat(200)}bad,${'b,'.repeat(100)}end`;
    const source = `header\n${long}\n${long}\n`;
    const column = long.indexOf('bad') + 1;
    const text = formatText(
      [{ severity: 'error', code: 'x/y', message: 'here', file: 'cards.csv', line: 3, column }],
      { readSource: () => source },
    );
    const lines = text.split('\n');
    const marked = lines.find((l) => l.includes('> 3 |')) ?? '';
    const caret = lines[lines.indexOf(marked) + 1] ?? '';
    // The window's width plus the gutter (`> 3 | `) and the two cut marks: never the whole 600-character row.
    expect(marked.length).toBeLessThanOrEqual(FRAME_WIDTH + 14);
    expect(marked).toMatch(/\| …a,a,.*bad,b,.*…$/);
    expect(caret.indexOf('^')).toBe(marked.indexOf('bad'));
    expect(lines.some((l) => l.includes('  2 | …'))).toBe(true);
  });
});

describe('context sheets from a spreadsheet', () => {
  /** The minimal deck with its contexts moved out: the sheet below gives one context per row. */
  function deckWithContextSheet(extra: string): string {
    const text = deckYamlWithoutEvents(extra);
    const yaml = text.slice(0, text.indexOf('contexts:')) + text.slice(text.indexOf('guide:'));
    return `${yaml}events:\n  - { id: one-card, phase: cadrage, title: Une carte, situation: Une situation. }\n`;
  }
  const header = [
    'id',
    'name',
    'territory',
    'figures.0.label',
    'figures.0.value',
    'objectives',
    'data',
    'attitudes.0.who',
    'attitudes.0.level',
    'ecosystem.0.who',
    'ecosystem.0.level',
    'tensions',
  ];
  const row = [
    'ville',
    'Ville de Belrive',
    'Au bord du fleuve.',
    'Habitants',
    '48 000',
    'Rénover.\nRelier.',
    'Budget.',
    'Élus',
    '3',
    'Université',
    '2',
    'Peu de temps.',
  ];

  it("reads each section by the kind the deck declares for it: numbers on gauges, lists from a cell's lines", async () => {
    const dir = tempDeck({
      'deck.yaml': deckWithContextSheet('sources:\n  - { file: contexts.xlsx, into: contexts }\n'),
      'contexts.xlsx': await xlsx('Contexts', [header, row]),
    });
    const { deck, diagnostics } = validateDeck(dir, dir);
    // The minimal deck plays two teams; this sheet holds one context.
    expect(diagnostics.map((d) => d.code)).toEqual(['deck/teams-without-context']);
    expect(deck?.contexts[0]).toMatchObject({
      id: 'ville',
      figures: [{ label: 'Habitants', value: '48 000' }],
      objectives: ['Rénover.', 'Relier.'],
      attitudes: [{ who: 'Élus', level: 3 }],
    });
  });

  it('names a misspelt field inside a section on its header cell', async () => {
    const dir = tempDeck({
      'deck.yaml': deckWithContextSheet('sources:\n  - { file: contexts.xlsx, into: contexts }\n'),
      'contexts.xlsx': await xlsx('Contexts', [
        header.map((h) => h.replace('attitudes.0.level', 'attitudes.0.levle')),
        row,
      ]),
    });
    const found = validateDeck(dir, dir).diagnostics.find((d) => d.code === 'sheet/unknown-column');
    expect(found).toMatchObject({ cell: 'Contexts!I1', hint: 'did you mean `attitudes.0.level`?' });
  });
});

describe('hostile spreadsheets', () => {
  const declare = (file: string) => deckYamlWithoutEvents(`sources:\n  - { file: ${file}, into: events }\n`);

  it('reports binary garbage named .xlsx, and a NUL byte in a .csv, without a stack trace', () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 251);
    const xlsxDeck = tempDeck({ 'deck.yaml': declare('cards.xlsx'), 'cards.xlsx': garbage });
    expect(validateDeck(xlsxDeck, xlsxDeck).diagnostics.map((d) => [d.file, d.code])).toEqual([
      ['cards.xlsx', 'sheet/unreadable'],
    ]);
    const csvDeck = tempDeck({ 'deck.yaml': declare('cards.csv'), 'cards.csv': 'id,title\na,\u0000b\n' });
    expect(validateDeck(csvDeck, csvDeck).diagnostics.map((d) => [d.file, d.code])).toEqual([
      ['cards.csv', 'load/not-text'],
    ]);
  });

  it('never lets a header reach a prototype', () => {
    const dir = tempDeck({
      'deck.yaml': declare('cards.csv'),
      'cards.csv': 'id,phase,title,situation,__proto__.polluted,constructor.prototype.x\na,cadrage,T,S,1,2\n',
    });
    const { diagnostics } = validateDeck(dir, dir);
    expect(diagnostics.map((d) => [d.code, d.column])).toEqual([
      ['sheet/bad-header', 26],
      ['sheet/bad-header', 45],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).x).toBeUndefined();
  });
});
