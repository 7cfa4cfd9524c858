import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { localeStatus } from '../../src/i18n/status.ts';
import { makeMissingAndStale } from './exchange-helpers.ts';
import { editFile, loadDeck, MINI, useFixtureCopies } from './helpers.ts';

const copy = useFixtureCopies();

/** Runs the command line in this process (a child process costs seconds under tsx), capturing its output. */
async function atelier(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const status = await main(args);
    return { status, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('i18n status', () => {
  it('counts translated, missing, stale and unused strings with their positions', () => {
    const dir = copy('counts');
    makeMissingAndStale(dir);
    editFile(join(dir, 'deck.yaml'), '    - id: materiel\n', '    - id: materiel-salle\n');
    const status = localeStatus(loadDeck(dir), 'en');
    expect([
      status.total,
      status.translated.length,
      status.missing.length,
      status.stale.length,
      status.unused.length,
    ]).toEqual([64, 60, 3, 1, 2]);
    expect(status.missing.map((e) => e.key)).toEqual([
      'profile.journaliste.asks',
      'guide.sections.materiel-salle.title',
      'guide.sections.materiel-salle.body',
    ]);
    expect(status.stale[0]).toMatchObject({
      key: 'event.licence.questions.1',
      position: { line: expect.any(Number) },
    });
    expect(status.stale[0]?.position?.file).toMatch(/locales\/en\.yaml$/);
    expect(status.missing[0]?.position?.file).toMatch(/deck\.yaml$/);
    expect(status.unused.map((e) => e.key)).toEqual([
      'guide.sections.materiel.title',
      'guide.sections.materiel.body',
    ]);
  });

  it('on the command line: text and JSON, exit 1 under --strict when something is missing or stale', async () => {
    const complete = await atelier('i18n', 'status', MINI, '--strict');
    expect(complete.status).toBe(0);
    expect(complete.stdout).toContain(
      'en  tests/fixtures/i18n/mini/locales/en.yaml: 64/64 translated (100%), 0 missing, 0 stale, 0 unused',
    );

    const dir = copy('cli');
    makeMissingAndStale(dir);
    const lenient = await atelier('i18n', 'status', dir);
    expect(lenient.status).toBe(0);
    expect(lenient.stdout).toMatch(/62\/64 translated \(96%\), 1 missing, 1 stale, 0 unused/);
    expect(lenient.stdout).toMatch(/missing profile\.journaliste\.asks\s+\S*deck\.yaml:\d+:\d+/);
    expect(lenient.stdout).toMatch(/stale {3}event\.licence\.questions\.1\s+\S*locales\/en\.yaml:\d+:\d+/);
    expect((await atelier('i18n', 'status', dir, '--strict')).status).toBe(1);
    const json = JSON.parse((await atelier('i18n', 'status', dir, '--format', 'json')).stdout);
    expect(json[0]).toMatchObject({ deck: 'mini-atelier', locale: 'en', total: 64 });
    expect(json[0].stale).toHaveLength(1);
  });

  it('on the command line: extract then import, and the pseudo preview', async () => {
    const dir = copy('cli-exchange');
    const extracted = await atelier('i18n', 'extract', dir, '--locale', 'en', '--format', 'xliff');
    expect(extracted.status).toBe(0);
    expect(extracted.stdout).toMatch(
      /wrote .*locales\/en\.xlf: 64 strings \(64 translated, 0 to translate, 0 stale/,
    );
    expect(existsSync(join(dir, 'locales/en.xlf'))).toBe(true);
    const before = readFileSync(join(dir, 'locales/en.yaml'));
    const imported = await atelier('i18n', 'import', join(dir, 'locales/en.xlf'));
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/en: 0 added, 0 updated, 64 unchanged, 0 untranslated; left unchanged/);
    expect(readFileSync(join(dir, 'locales/en.yaml')).equals(before)).toBe(true);
    expect((await atelier('i18n', 'extract', dir, '--locale', 'fr')).status).toBe(1);
    const pseudo = await atelier('i18n', 'pseudo', dir, '--key', 'event.licence.title');
    expect(pseudo.status).toBe(0);
    expect(pseudo.stdout).toMatch(/^event\.licence\.title\t\[Ǫûéļļé ļîçéñçé \?/);
  });
});
