import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import * as fontkit from 'fontkit';
import { expect } from 'vitest';
import { isMap, isScalar, isSeq, type Node, parseDocument } from 'yaml';
import { validateDeck } from '../../src/api.ts';
import { composeGuide } from '../../src/compose/guide/index.ts';
import { type Diagnostic, hasErrors } from '../../src/diagnostics/diagnostic.ts';
import { formatJson, formatText, readSourceFromDisk } from '../../src/diagnostics/report.ts';
import { BUNDLED_FONTS } from '../../src/fonts/font-files.ts';
import { probeFont } from '../../src/fonts/font-probe.ts';
import { checkGlyphs } from '../../src/localize/glyphs.ts';
import { loadLabels } from '../../src/localize/labels.ts';
import { localizeDeck } from '../../src/localize/localize-deck.ts';
import { DiagnosticSink } from '../../src/render/diagnostics.ts';
import { ImageStore } from '../../src/render/images.ts';
import { YAML_SYNTAX } from '../helpers/yaml-syntax.ts';
import { MINIMAL } from './hostile-build.ts';

/*
 * The fuzzing of issue 13 (build item 8), shared by the small sample in `npm test` (fuzz.test.ts) and the
 * long run of `npm run fuzz`. Every case goes through the library in-process: load, check, localize, glyph
 * check, guide composition, and both report formats; assets go through the image store and the font probe.
 * Whatever the input, nothing throws, every diagnostic is located, and the report is safe to print.
 */

/** Problems about a folder or a bundled file rather than a place in a deck file. */
const UNLOCATED = new Set([
  'load/missing-deck-file',
  'load/no-deck-folder',
  'load/not-a-file',
  'load/too-many-files',
]);

/** Milliseconds each case took, for the closing figures (median and worst). */
export const timings: number[] = [];

function timed<T>(work: () => T): T {
  const started = performance.now();
  try {
    return work();
  } finally {
    timings.push(performance.now() - started);
  }
}

async function timedAsync<T>(work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings.push(performance.now() - started);
  }
}

function terminalControls(text: string): string[] {
  return [...text].filter((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return (code < 0x20 && code !== 0x09 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f);
  });
}

function expectLocated(d: Diagnostic, context: string): void {
  expect(d.code, context).toMatch(/^[a-z0-9]+\/[a-z-]+$/);
  expect(d.message.length, context).toBeGreaterThan(0);
  expect(d.file, `${d.code} has no file: ${context}`).toBeTypeOf('string');
  expect(d.file, `${d.code} is located in generated markup: ${context}`).not.toMatch(/\(filled\)/);
  if (UNLOCATED.has(d.code)) return;
  expect(Number.isInteger(d.line) && (d.line ?? 0) >= 1, `${d.code} line ${d.line}: ${context}`).toBe(true);
  expect(Number.isInteger(d.column) && (d.column ?? 0) >= 1, `${d.code} column: ${context}`).toBe(true);
}

/** The deck folder every case writes into (its files replaced each time). */
export function pipelineCase(dir: string, files: Record<string, string | Uint8Array>): void {
  for (const name of ['deck.yaml', 'extra.yaml']) rmSync(join(dir, name), { force: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  timed(() => {
    const context = JSON.stringify(files).slice(0, 2000);
    const diagnostics: Diagnostic[] = [];
    const checked = validateDeck(dir, dir);
    diagnostics.push(...checked.diagnostics);
    if (checked.deck && !hasErrors(diagnostics)) {
      const locale = checked.deck.meta.language;
      const localized = localizeDeck(checked.deck, locale);
      diagnostics.push(...localized.diagnostics);
      const labels = loadLabels(locale);
      diagnostics.push(...labels.diagnostics);
      if (localized.deck && !hasErrors(diagnostics)) {
        diagnostics.push(
          ...checkGlyphs(localized.deck, locale, localized.fonts, { origins: localized.origins }),
        );
        if (!hasErrors(diagnostics)) {
          const guide = composeGuide({ deck: localized.deck, locale, labels: labels.labels });
          diagnostics.push(...guide.diagnostics);
        }
      }
    }
    for (const d of diagnostics) expectLocated(d, context);
    const text = formatText(diagnostics, { readSource: (file) => readSourceFromDisk(join(dir, file)) });
    expect(terminalControls(text), context).toEqual([]);
    // Code frames are windows: a report stays small whatever the lines hold.
    expect(text.length, context).toBeLessThan(2_000 + diagnostics.length * 2_500);
    expect(terminalControls(formatJson(diagnostics)), context).toEqual([]);
  });
}

/** Every scalar of the minimal deck, by path: the fields random text goes into. */
export const FIELD_PATHS: (string | number)[][] = (() => {
  const paths: (string | number)[][] = [];
  const walk = (node: Node | null | undefined, path: (string | number)[]) => {
    if (isMap(node))
      for (const pair of node.items)
        walk(pair.value as Node, [...path, String((pair.key as { value: unknown }).value)]);
    else if (isSeq(node)) {
      for (const [i, item] of node.items.entries()) walk(item as Node, [...path, i]);
    } else if (isScalar(node)) paths.push(path);
  };
  walk(parseDocument(MINIMAL).contents as Node, []);
  return paths;
})();

/** Text of every kind: any code point (controls, lone surrogates, astral), Markdown and YAML look-alikes. */
export const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '**',
    '_x_',
    '- a\n- b',
    '<p>',
    '&amp;',
    '{{x}}',
    '\u0000',
    '\u001b[2J',
    '\ud800',
    'x'.repeat(5_000),
  ),
  fc.string({
    unit: fc.constantFrom('a', ' ', '\n', '*', '_', '<', '>', '&', '"', '\\', '\t', 'é', '\u00a0'),
    maxLength: 60,
  }),
);

/** Random values for one field: text mostly, sometimes another kind of value. */
export const anyValue = fc.oneof(
  { weight: 6, arbitrary: anyText },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
  { weight: 1, arbitrary: fc.array(anyText, { maxLength: 3 }) },
);

/** The minimal deck with random values in some of its fields. */
export const deckWithRandomFields = fc
  .array(fc.tuple(fc.nat({ max: FIELD_PATHS.length - 1 }), anyValue), { minLength: 1, maxLength: 4 })
  .map((changes) => {
    const doc = parseDocument(MINIMAL);
    for (const [index, value] of changes) doc.setIn(FIELD_PATHS[index] as (string | number)[], value);
    return doc.toString({ lineWidth: 0 });
  });

/** YAML syntax, and names and characters that have broken parsers and object code before. */
const yamlPiece = fc.constantFrom(
  ...YAML_SYNTAX,
  '__proto__',
  'constructor',
  '\\e',
  '\\0',
  '\u0000',
  '\u001b',
  '\ufeff',
  '\u2028',
  'é',
);

/** The minimal deck with YAML pieces inserted, lines removed or repeated, and bytes spliced in. */
export const mutatedDeck = fc
  .array(
    fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(yamlPiece, anyText) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('repeat' as const),
        at: fc.nat(),
        times: fc.integer({ min: 1, max: 50 }),
      }),
    ),
    { minLength: 1, maxLength: 5 },
  )
  .chain((edits) =>
    fc.tuple(
      fc.constant(edits),
      fc.option(fc.tuple(fc.nat(), fc.uint8Array({ maxLength: 8 })), { nil: undefined }),
    ),
  )
  .map(([edits, bytes]) => {
    let lines = MINIMAL.split('\n');
    for (const edit of edits) {
      const i = edit.at % lines.length;
      if (edit.kind === 'delete') lines.splice(i, 1);
      else if (edit.kind === 'repeat') lines.splice(i, 0, ...Array<string>(edit.times).fill(lines[i] ?? ''));
      else {
        const joined = lines.join('\n');
        const at = edit.at % (joined.length + 1);
        lines = (joined.slice(0, at) + edit.text + joined.slice(at)).split('\n');
      }
      if (lines.length === 0) lines = [''];
    }
    const text = lines.join('\n');
    if (!bytes) return text as string | Uint8Array;
    const encoded = Buffer.from(text, 'utf8');
    const cut = bytes[0] % (encoded.length + 1);
    return Buffer.concat([encoded.subarray(0, cut), bytes[1], encoded.subarray(cut)]);
  });

const SMALL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);
const SMALL_SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><defs><filter id="f"><feGaussianBlur stdDeviation="2"/></filter></defs><rect width="20" height="20" fill="#1f6feb" filter="url(#f)"/></svg>',
);

export type Asset =
  | { kind: 'image'; bytes: Buffer }
  | { kind: 'font'; changes: [number, number][]; cut: number | undefined };

/** Bytes an asset might hold: random, or a real PNG, SVG or font with some bytes changed or cut off. */
export const anyAsset: fc.Arbitrary<Asset> = fc.oneof(
  fc.uint8Array({ maxLength: 2_000 }).map((bytes) => ({ kind: 'image' as const, bytes: Buffer.from(bytes) })),
  fc
    .tuple(
      fc.constantFrom(SMALL_PNG, SMALL_SVG),
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { maxLength: 6 }),
      fc.option(fc.nat(), { nil: undefined }),
    )
    .map(([base, changes, cut]) => {
      const bytes = Buffer.from(base);
      for (const [at, value] of changes) bytes[at % bytes.length] = value;
      return {
        kind: 'image' as const,
        bytes: cut === undefined ? bytes : bytes.subarray(0, cut % (bytes.length + 1)),
      };
    }),
  fc
    .tuple(
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { minLength: 1, maxLength: 8 }),
      fc.option(fc.nat(), { nil: undefined }),
    )
    .map(([changes, cut]) => ({ kind: 'font' as const, changes, cut })),
);

let fontBase: Buffer | undefined;

/**
 * A small TrueType font to damage: the first 300 glyphs of Noto Sans, copied out as PDFKit embeds them. The
 * whole font takes half a second to probe; this one a few milliseconds, so thousands of cases stay quick.
 */
function smallFont(): Buffer {
  const font = fontkit.create(readFileSync(BUNDLED_FONTS.regular)) as unknown as {
    createSubset(): { includeGlyph(id: number): number; encode(): Uint8Array };
  };
  const subset = font.createSubset();
  for (let id = 0; id < 300; id++) subset.includeGlyph(id);
  return Buffer.from(subset.encode());
}
let fontCount = 0;

/** One asset through the image store or the font probe: a diagnostic or nothing, never a throw. */
export async function assetCase(dir: string, asset: Asset): Promise<void> {
  await timedAsync(async () => {
    if (asset.kind === 'image') {
      mkdirSync(join(dir, 'assets'), { recursive: true });
      writeFileSync(join(dir, 'assets', 'art'), asset.bytes);
      const sink = new DiagnosticSink();
      const at = { file: 'deck.yaml', line: 22, column: 13 };
      await new ImageStore(dir, sink).prepare('assets/art', { w: 180, h: 252 }, 'contain', at);
      for (const d of sink.list) expectLocated(d, asset.bytes.toString('base64').slice(0, 400));
      return;
    }
    fontBase ??= smallFont();
    const bytes = Buffer.from(fontBase);
    // Changes land in the table directory and table heads, where fontkit trusts what it reads.
    for (const [at, value] of asset.changes) bytes[at % 4096] = value;
    const path = join(dir, `font-${fontCount++}.ttf`);
    writeFileSync(path, asset.cut === undefined ? bytes : bytes.subarray(0, asset.cut % bytes.length));
    const problem = probeFont(path);
    if (problem) expect(problem.message).not.toMatch(/DataView|restructure|undefined/);
    rmSync(path, { force: true });
  });
}

/** Median and worst of the timings so far, in milliseconds. */
export function timingSummary(): { cases: number; median: number; worst: number } {
  const sorted = [...timings].sort((a, b) => a - b);
  return {
    cases: sorted.length,
    median: Math.round((sorted[Math.floor((sorted.length - 1) / 2)] ?? 0) * 10) / 10,
    worst: Math.round((sorted.at(-1) ?? 0) * 10) / 10,
  };
}
