import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateDeck } from '../../src/api.ts';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { MINIMAL_DECK } from '../helpers/paths.ts';
import { tempDir } from '../helpers/temp-dirs.ts';
import { YAML_SYNTAX } from '../helpers/yaml-syntax.ts';

/*
 * Whatever a trainer's editor (or a cat on the keyboard) leaves in a deck folder, validation answers with a
 * deck or with located diagnostics, and never throws. Runs are random; a failure prints the seed and the
 * smallest input fast-check could shrink it to. ATELIER_PROPERTY_RUNS raises the count for a longer hunt.
 */

const RUNS = Number(process.env.ATELIER_PROPERTY_RUNS ?? 0) || undefined;
const MINIMAL = readFileSync(join(MINIMAL_DECK, 'deck.yaml'), 'utf8');
const MINIMAL_LINES = MINIMAL.split('\n');

/** Problems about a folder rather than a place in a file: the only ones allowed without a line. */
const FOLDER_LEVEL = new Set([
  'load/missing-deck-file',
  'load/no-deck-folder',
  'load/not-a-file',
  'load/too-many-files',
]);

const dir = tempDir('atelier-property-');

/** Writes the files (replacing the previous run's) and validates the folder. */
function validateFiles(files: Record<string, string | Uint8Array>) {
  for (const name of ['deck.yaml', 'extra.yaml']) rmSync(join(dir, name), { force: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return validateDeck(dir, dir);
}

function lineCount(name: string): number {
  try {
    return readFileSync(join(dir, name), 'utf8').split('\n').length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** The contract every answer keeps, whatever the input. */
function expectWellFormed(result: ReturnType<typeof validateDeck>): void {
  const { deck, diagnostics } = result;
  expect(deck !== undefined || diagnostics.length > 0).toBe(true);
  if (deck) expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  for (const d of diagnostics) expectLocated(d);
}

function expectLocated(d: Diagnostic): void {
  expect(d.code).toMatch(/^[a-z]+\/[a-z-]+$/);
  expect(d.message.length).toBeGreaterThan(0);
  expect(['error', 'warning', 'info']).toContain(d.severity);
  expect(d.file).toBeTypeOf('string');
  if (FOLDER_LEVEL.has(d.code)) return;
  expect(Number.isInteger(d.line) && (d.line ?? 0) >= 1, `${d.code} line ${d.line}`).toBe(true);
  expect(Number.isInteger(d.column) && (d.column ?? 0) >= 1, `${d.code} column ${d.column}`).toBe(true);
  expect(d.line ?? 0, `${d.code} past the end of ${d.file}`).toBeLessThanOrEqual(lineCount(d.file ?? ''));
  if (d.related) {
    expect(d.related.line).toBeGreaterThanOrEqual(1);
    expect(d.related.column).toBeGreaterThanOrEqual(1);
  }
}

/** Pieces YAML is made of, so random text trips the parser in interesting places rather than only in plain words. */
const yamlPiece = fc.constantFrom(
  ...YAML_SYNTAX,
  ...[
    'meta',
    'id',
    'title',
    'events',
    'phases',
    'phase',
    'contexts',
    'guide',
    'agenda',
    '__proto__',
    'constructor',
    'cadrage',
    '3mm',
    '#1f6feb',
    '1e400',
    'é',
    '\u00a0',
    '\ufeff',
    '\0',
  ],
);
const randomYaml = fc.string({ unit: yamlPiece, maxLength: 60 });

type Mutation =
  | { kind: 'delete'; line: number }
  | { kind: 'duplicate'; line: number }
  | { kind: 'swap'; line: number; other: number }
  | { kind: 'tab'; line: number; column: number }
  | { kind: 'char'; at: number; text: string }
  | { kind: 'cut'; at: number; length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), line: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('tab' as const), line: fc.nat(), column: fc.nat({ max: 8 }) }),
  fc.record({
    kind: fc.constant('char' as const),
    at: fc.nat(),
    text: fc.oneof(yamlPiece, fc.string({ maxLength: 3 })),
  }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.nat({ max: 40 }) }),
);

function mutate(text: string, mutations: Mutation[]): string {
  let lines = text.split('\n');
  for (const m of mutations) {
    const i = 'line' in m ? m.line % lines.length : 0;
    switch (m.kind) {
      case 'delete':
        lines.splice(i, 1);
        break;
      case 'duplicate':
        lines.splice(i, 0, lines[i] ?? '');
        break;
      case 'swap': {
        const j = m.other % lines.length;
        [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
        break;
      }
      case 'tab': {
        const line = lines[i] ?? '';
        const column = Math.min(m.column, line.length);
        lines[i] = `${line.slice(0, column)}\t${line.slice(column)}`;
        break;
      }
      case 'char':
      case 'cut': {
        const joined = lines.join('\n');
        const at = m.at % (joined.length + 1);
        const next =
          m.kind === 'char'
            ? joined.slice(0, at) + m.text + joined.slice(at)
            : joined.slice(0, at) + joined.slice(at + m.length);
        lines = next.split('\n');
        break;
      }
    }
    if (lines.length === 0) lines = [''];
  }
  return lines.join('\n');
}

/** Random bytes spliced into the deck's UTF-8: invalid sequences, NULs, stray continuation bytes. */
function spliceBytes(text: string, at: number, bytes: Uint8Array): Uint8Array {
  const encoded = Buffer.from(text, 'utf8');
  const cut = at % (encoded.length + 1);
  return Buffer.concat([encoded.subarray(0, cut), bytes, encoded.subarray(cut)]);
}

describe('validation never throws (property-based)', () => {
  it('answers random YAML-like text with a deck or located diagnostics', () => {
    fc.assert(
      fc.property(randomYaml, fc.option(randomYaml, { nil: undefined }), (main, extra) => {
        expectWellFormed(
          validateFiles(
            extra === undefined ? { 'deck.yaml': main } : { 'deck.yaml': main, 'extra.yaml': extra },
          ),
        );
      }),
      { numRuns: RUNS ?? 80 },
    );
  });

  it('answers mutations of the valid minimal deck with a deck or located diagnostics', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (mutations, split) => {
        // Half the runs split the deck in two files so that cross-file checks see broken input too.
        const cut = MINIMAL_LINES.indexOf('events:');
        const files: Record<string, string> = split
          ? {
              'deck.yaml': mutate(MINIMAL_LINES.slice(0, cut).join('\n'), mutations),
              'extra.yaml': MINIMAL_LINES.slice(cut).join('\n'),
            }
          : { 'deck.yaml': mutate(MINIMAL, mutations) };
        expectWellFormed(validateFiles(files));
      }),
      { numRuns: RUNS ?? 100 },
    );
  });

  it('answers random bytes in the deck with a deck or located diagnostics', () => {
    fc.assert(
      fc.property(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 }), (at, bytes) => {
        expectWellFormed(validateFiles({ 'deck.yaml': spliceBytes(MINIMAL, at, bytes) }));
      }),
      { numRuns: RUNS ?? 40 },
    );
  });

  it('keeps the minimal deck valid when nothing is mutated', () => {
    const { deck, diagnostics } = validateFiles({ 'deck.yaml': mutate(MINIMAL, []) });
    expect(diagnostics).toEqual([]);
    expect(deck).toBeDefined();
  });
});
