import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatLabel, LABELS_DIR, loadLabels } from '../../src/localize/labels.ts';
import { NNBSP } from './helpers.ts';

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
    expect(fr.positions.get('phase')?.file).toMatch(/templates\/labels\/fr\.yaml$/);
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
