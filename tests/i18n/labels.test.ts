import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { composeGuide } from '../../src/compose/guide/index.ts';
import { CODE_LABEL_KEYS } from '../../src/compose/guide/labels.ts';
import { GUIDE_LAYOUT, HANDOUT_LAYOUT, loadGuideTemplates } from '../../src/compose/guide/template.ts';
import { LAYOUT_SPEC } from '../../src/compose/layout/spec.ts';
import { loadTemplates, TEMPLATES_DIR } from '../../src/compose/templates.ts';
import type { Position } from '../../src/diagnostics/diagnostic.ts';
import {
  checkLabelUses,
  formatLabel,
  LABELS_DIR,
  type LabelUses,
  loadLabels,
} from '../../src/localize/labels.ts';
import { CALIBRATION_LABEL_KEYS, CALIBRATION_TEMPLATES } from '../../src/render/calibration.ts';
import { CARD_LABEL_KEYS, CARD_TEMPLATES } from '../../src/render/card-items.ts';
import { renderContextSheets, SHEET_LABEL_KEYS } from '../../src/render/sheets.ts';
import { fixtureDeck, inputFor as guideInput } from '../guide/helpers.ts';
import { inputFor, loadDeck, normalize, pdfText } from '../render/helpers.ts';
import { NBSP, NNBSP } from './helpers.ts';

const REQUIRED = [
  'phase',
  'phases',
  'questions',
  'constraint',
  'duration',
  'minutes',
  'page-x-of-y',
  'contents',
  'objectives',
  'key-figures',
  'attitudes',
  'ecosystem',
  'existing-data',
  'tensions',
  'mandate-objectives',
  'applies-to',
  'all-contexts',
  'copies',
  'facilitator-notes',
  'agenda',
  'material',
  'print-checklist',
  'team-setup',
  'profiles',
  'debrief',
  'event-cards',
  'context-sheets',
  'action-plan',
  'calibration',
  'cut-here',
  'back',
  'front',
  'card',
  'team',
  'participants',
  'teams',
  'category-legal',
  'category-technical',
  'category-political',
  'category-organisational',
  'category-civil-society',
  'category-economic',
  'level-0',
  'level-1',
  'level-2',
  'level-3',
  'level-4',
  'presence-0',
  'presence-1',
  'presence-2',
  'presence-3',
  'presence-4',
];

const work = mkdtempSync(join(tmpdir(), 'atelier-labels-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('label catalogs', () => {
  it('ships French and English with the same keys, all the required ones', () => {
    const fr = parse(readFileSync(join(LABELS_DIR, 'fr.yaml'), 'utf8'));
    const en = parse(readFileSync(join(LABELS_DIR, 'en.yaml'), 'utf8'));
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const key of REQUIRED) expect(Object.keys(en), key).toContain(key);
    for (const locale of ['fr', 'en']) expect(loadLabels(locale).diagnostics).toEqual([]);
  });

  it('loads a locale, falls back to its base language, fills placeholders', () => {
    const fr = loadLabels('fr-CH');
    expect(fr.diagnostics).toEqual([]);
    expect(fr.labels.phase).toBe('Phase');
    expect(formatLabel(fr.labels, 'page-x-of-y', { page: 3, pages: 12 })).toBe('Page 3 / 12');
    expect(formatLabel(loadLabels('en').labels, 'page-x-of-y', { page: 3, pages: 12 })).toBe('Page 3 of 12');
    expect(formatLabel(fr.labels, 'no-such-label')).toBe('no-such-label');
    expect(fr.positionOf('phase')?.file).toMatch(/templates\/labels\/fr\.yaml$/);
  });

  it('reports a missing label with its file and key, and shows the reference text', () => {
    const dir = join(work, 'missing');
    mkdirSync(dir);
    for (const name of ['en', 'fr']) {
      const text = readFileSync(join(LABELS_DIR, `${name}.yaml`), 'utf8');
      writeFileSync(
        join(dir, `${name}.yaml`),
        name === 'fr'
          ? text
              .replace('cut-here: Découper ici\n', '')
              .replace('page-x-of-y: Page {page} / {pages}', 'page-x-of-y: Page {page}')
          : text,
      );
    }
    writeFileSync(join(dir, 'fr-CH.yaml'), 'phase: Étape\n');
    const result = loadLabels('fr-CH', { dir });
    expect(result.labels.phase).toBe('Étape');
    expect(result.labels['cut-here']).toBe('Cut here');
    const missing = result.diagnostics.filter((d) => d.code === 'i18n/missing-label');
    expect(missing).toHaveLength(1);
    expect(missing[0]?.message).toContain('`cut-here`');
    expect(missing[0]?.file).toMatch(/\/fr\.yaml$/);
    expect(result.diagnostics.filter((d) => d.code === 'i18n/label-placeholders').map((d) => d.line)).toEqual(
      [expect.any(Number)],
    );
    expect(loadLabels('de', { dir }).diagnostics.map((d) => d.code)).toEqual(['i18n/no-labels']);
  });

  it('applies French typography to French labels', () => {
    const dir = join(work, 'typo');
    mkdirSync(dir);
    writeFileSync(join(dir, 'en.yaml'), 'question: Why?\n');
    writeFileSync(join(dir, 'fr.yaml'), 'question: Pourquoi ?\n');
    expect(loadLabels('fr', { dir }).labels.question).toBe(`Pourquoi${NNBSP}?`);
    expect(loadLabels('en', { dir }).labels.question).toBe('Why?');
  });

  it('generates qps-ploc labels from the English catalog', () => {
    const pseudo = loadLabels('qps-ploc');
    expect(pseudo.diagnostics).toEqual([]);
    expect(pseudo.labels['cut-here']).toMatch(/^\[Çûţ ĥéŕé.*\]$/);
    expect(formatLabel(pseudo.labels, 'page-x-of-y', { page: 1, pages: 2 })).toMatch(/^\[Þáĝé 1 öƒ 2/);
  });
});

/** The shipped layouts other than the guide, which has its own markup vocabulary and helpers. */
const LAYOUTS = [...CARD_TEMPLATES, ...CALIBRATION_TEMPLATES, 'context-sheet'];

/** Every label the shipped layouts and the code around them read, as the renderers check them. */
function shippedUses(): Map<string, Position | undefined> {
  const cards = loadTemplates({ names: LAYOUTS, spec: LAYOUT_SPEC });
  const guide = loadGuideTemplates();
  const handout = loadGuideTemplates(undefined, undefined, HANDOUT_LAYOUT);
  expect([...cards.diagnostics, ...guide.diagnostics, ...handout.diagnostics]).toEqual([]);
  const uses = new Map<string, Position | undefined>([
    ...cards.labelKeys,
    ...guide.labelKeys,
    ...handout.labelKeys,
  ]);
  for (const key of [
    ...CODE_LABEL_KEYS,
    ...CARD_LABEL_KEYS,
    ...CALIBRATION_LABEL_KEYS,
    ...SHEET_LABEL_KEYS,
  ]) {
    if (!uses.has(key)) uses.set(key, undefined);
  }
  return uses;
}

/** A copy of the shipped catalogs with `key` taken out of `locale`'s. */
function catalogsWithout(name: string, locale: string, key: string): string {
  const dir = join(work, name);
  mkdirSync(dir);
  for (const file of readdirSync(LABELS_DIR)) cpSync(join(LABELS_DIR, file), join(dir, file));
  const path = join(dir, `${locale}.yaml`);
  const lines = readFileSync(path, 'utf8').split('\n');
  const kept = lines.filter((line) => !line.startsWith(`${key}:`));
  expect(kept).toHaveLength(lines.length - 1);
  writeFileSync(path, kept.join('\n'));
  return dir;
}

describe('labels the layouts read', () => {
  it('finds every key any shipped layout or renderer reads in both shipped catalogs', () => {
    const uses = shippedUses();
    // Every form of use is collected: `labels.x`, `../labels.x`, `label "x"` and `(label "x")`.
    for (const key of ['phase', 'profile-cares', 'situation', 'guide-teams-intro', 'gauge-legend'])
      expect(uses.has(key), key).toBe(true);
    // Each top-level layout of templates/ is among those loaded, so none escapes the check.
    const layouts = readdirSync(TEMPLATES_DIR)
      .filter((f) => f.endsWith('.hbs'))
      .map((f) => f.slice(0, -'.hbs'.length));
    expect(layouts.sort()).toEqual([...LAYOUTS, GUIDE_LAYOUT, HANDOUT_LAYOUT].sort());
    for (const locale of ['fr', 'en']) {
      const catalog = parse(readFileSync(join(LABELS_DIR, `${locale}.yaml`), 'utf8')) as Record<
        string,
        unknown
      >;
      const absent = [...uses.keys()].filter((key) => typeof catalog[key] !== 'string');
      expect(absent, `${locale}.yaml lacks`).toEqual([]);
    }
  });

  it('has nothing to report for the shipped catalogs in fr, en and qps-ploc', () => {
    const uses = shippedUses();
    for (const locale of ['fr', 'en', 'qps-ploc']) {
      const loaded = loadLabels(locale);
      const checked = checkLabelUses(loaded.labels, uses, locale);
      expect([...loaded.diagnostics, ...checked.diagnostics], locale).toEqual([]);
    }
  });

  it('writes the card labels with French spacing in French', () => {
    const fr = loadLabels('fr').labels;
    expect(
      formatLabel(fr, 'calibration-setting', { dx: 1.5, dy: 0, flip: fr['duplex-long-edge'] ?? '' }),
    ).toBe(
      `Réglage actuel${NBSP}: dx${NBSP}=${NBSP}1.5${NBSP}mm, dy${NBSP}=${NBSP}0${NBSP}mm, retournement sur le bord long.`,
    );
    expect(fr['calibration-back']).toContain(`sans correction${NNBSP};`);
    // Inline code keeps its colons as written; its braces are quoted in the ICU message and print as braces.
    expect(formatLabel(fr, 'calibration-steps', { flip: 'x' }, 'fr')).toContain(
      '`print: backOffset: {dx: …mm, dy: …mm}`',
    );
    expect(fr['calibration-steps']?.split('\n')).toHaveLength(4);
    expect(loadLabels('en').labels['calibration-setting']).toBe(
      `Current setting: dx${NBSP}=${NBSP}{dx}${NBSP}mm, dy${NBSP}=${NBSP}{dy}${NBSP}mm, {flip}.`,
    );
  });

  it('prints the English text where French lacks a label, reported once at the French catalog', async () => {
    const dir = catalogsWithout('no-gauge-legend', 'fr', 'gauge-legend');
    const labels = loadLabels('fr', { dir });
    const result = await renderContextSheets(inputFor(loadDeck(), {}, labels.labels));
    const all = [...labels.diagnostics, ...result.diagnostics];
    const missing = all.filter((d) => d.code === 'i18n/missing-label');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ severity: 'warning', file: expect.stringMatching(/\/fr\.yaml$/) });
    expect(missing[0]?.message).toContain('`gauge-legend`');
    expect(missing[0]?.hint).toContain('gauge-legend');
    const bytes = result.files[0]?.bytes;
    expect(bytes).toBeDefined();
    const text = normalize((await pdfText(bytes ?? Buffer.alloc(0))).join(' '));
    expect(text).toContain('From 0 (Hostiles) to 4 (Moteurs)');
    expect(text).not.toContain('De 0 (');
  });

  it('reports a label no catalog has as an error where the layout reads it, in every form of use', () => {
    const dir = join(work, 'layouts');
    mkdirSync(dir);
    const lines = [
      '<card>',
      '  <p>{{labels.phse}}</p>',
      '  <p>{{@root.labels.qestions}}</p>',
      '  <p>{{label "gauge-legnd" low=1 high=2}}</p>',
      '  {{#each items}}<p>{{../labels.constrant}}</p>{{/each}}',
      '  <p>{{@root.labels.phase}} {{@index}}</p>',
      '</card>',
    ];
    writeFileSync(join(dir, 'typos.hbs'), lines.join('\n'));
    /** Where `text` starts in the layout, as `file:line:column`. */
    const where = (text: string) => {
      const line = lines.findIndex((l) => l.includes(text));
      return `typos.hbs:${line + 1}:${(lines[line] ?? '').indexOf(text) + 1}`;
    };
    const set = loadTemplates({ names: ['typos'], dir, spec: LAYOUT_SPEC, display: () => 'typos.hbs' });
    const uses: LabelUses = new Map([...set.labelKeys, ['no-such-code-label', undefined]]);
    const checked = checkLabelUses(loadLabels('fr').labels, uses, 'fr');
    const at = (d: { file?: string; line?: number; column?: number }) => `${d.file}:${d.line}:${d.column}`;
    expect(checked.diagnostics.map((d) => [d.severity, d.code, at(d), d.hint])).toEqual([
      ['error', 'i18n/missing-label', where('labels.phse'), 'did you mean `phase`?'],
      ['error', 'i18n/missing-label', where('@root.labels.qestions'), 'did you mean `questions`?'],
      ['error', 'i18n/missing-label', where('"gauge-legnd"'), 'did you mean `gauge-legend`?'],
      ['error', 'i18n/missing-label', where('../labels.constrant'), 'did you mean `constraint`?'],
      [
        'error',
        'i18n/missing-label',
        `${join('templates', 'labels', 'en.yaml')}:undefined:undefined`,
        expect.stringContaining('add `no-such-code-label: ...`'),
      ],
    ]);
    expect(checked.labels.phase).toBe('Phase');
    expect(checked.labels.phse).toBe('phse');
  });

  it('stops the guide on a misspelt label in one of its partials, before anything is drawn', () => {
    const dir = join(work, 'guide-templates');
    cpSync(TEMPLATES_DIR, dir, { recursive: true });
    const purpose = join(dir, 'partials', 'guide', 'purpose.hbs');
    const source = readFileSync(purpose, 'utf8');
    writeFileSync(purpose, source.replace('labels.objectives', 'labels.objectifs'));
    const line = source.split('\n').findIndex((l) => l.includes('labels.objectives')) + 1;
    const column = (source.split('\n')[line - 1] ?? '').indexOf('labels.objectives') + 1;
    const deck = fixtureDeck();
    const result = composeGuide(guideInput(deck, { labels: loadLabels(deck.meta.language).labels }), {
      templatesDir: dir,
    });
    expect(result.blocks).toBeUndefined();
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({
        code: 'i18n/missing-label',
        file: expect.stringMatching(/partials\/guide\/purpose\.hbs$/),
        line,
        column,
        hint: 'did you mean `objectives`?',
      }),
    ]);
  });

  it('fills labels a caller did not pass from the catalogs, saying where each is read', () => {
    const uses: LabelUses = new Map([
      ['phase', { file: 'card-back.hbs', line: 20, column: 5 }],
      ['questions', undefined],
    ]);
    const checked = checkLabelUses({ questions: 'Questions ?' }, uses, 'fr');
    expect(checked.labels).toEqual({ questions: 'Questions ?', phase: 'Phase' });
    expect(checked.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'i18n/missing-label',
        file: 'card-back.hbs',
        line: 20,
      }),
    ]);
  });
});
