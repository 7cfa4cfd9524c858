import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { po } from 'gettext-parser';
import { describe, expect, it } from 'vitest';
import { extractTranslations } from '../../src/i18n/extract.ts';
import { importTranslations } from '../../src/i18n/import.ts';
import { localeStatus } from '../../src/i18n/status.ts';
import { hasTool } from '../helpers/tools.ts';
import { makeMissingAndStale, withoutEntries } from './exchange-helpers.ts';
import { loadDeck, useFixtureCopies } from './helpers.ts';

const copy = useFixtureCopies(makeMissingAndStale);

async function extractPo(dir: string): Promise<{ path: string; text: string }> {
  const result = await extractTranslations(loadDeck(dir), 'en', 'po');
  expect(result.diagnostics).toEqual([]);
  const path = join(dir, 'locales/en.po');
  writeFileSync(path, result.text ?? '');
  return { path, text: result.text ?? '' };
}

const hasMsgfmt = hasTool('msgfmt');
if (!hasMsgfmt) console.warn('msgfmt (GNU gettext) is not installed: the PO validity test is skipped');

describe('PO exchange', () => {
  it('writes context = key, source, translation, comments, and stale entries as fuzzy with the previous source', async () => {
    const dir = copy('po-write');
    const { text } = await extractPo(dir);
    const table = po.parse(text);
    expect(table.headers.Language).toBe('en');
    const entry = (key: string) => Object.values(table.translations[key] ?? {})[0];
    expect(entry('meta.title')).toMatchObject({
      msgid: 'Ouvrir les données de la commune',
      msgstr: ['Opening up the town’s data'],
    });
    expect(entry('profile.journaliste.asks')).toMatchObject({ msgid: 'Où est la source ?', msgstr: [''] });
    const stale = entry('event.licence.questions.1');
    expect(stale?.msgid).toBe('Qui doit approuver ce choix ?');
    expect(stale?.msgstr).toEqual(['Who has to approve the choice?']);
    expect(stale?.comments?.flag).toBe('fuzzy');
    expect(stale?.comments?.previous).toBe('msgid "Qui doit valider ce choix ?"');
    expect(stale?.comments?.extracted).toMatch(/field: questions/);
    expect(stale?.comments?.extracted).toMatch(/Facilitator notes: Licence Ouverte 2\.0/);
    expect(stale?.comments?.reference).toMatch(/^deck\.yaml:\d+$/);
    expect(entry('event.format.situation')?.msgid).toBe(
      'Les horaires sont publiés en PDF. Un développeur demande :\n- un fichier **CSV** ;\n- une mise à jour chaque semaine.',
    );
    expect(text).toContain(
      '#, fuzzy\n#| msgid "Qui doit valider ce choix ?"\nmsgctxt "event.licence.questions.1"',
    );
    // Deterministic: extracting twice gives the same bytes.
    expect((await extractTranslations(loadDeck(dir), 'en', 'po')).text).toBe(text);
  });

  it.skipIf(!hasMsgfmt)('passes msgfmt --check-format', async () => {
    const dir = copy('po-msgfmt');
    const { path } = await extractPo(dir);
    expect(() =>
      execFileSync('msgfmt', ['--check-format', '-o', '/dev/null', path], { stdio: 'pipe' }),
    ).not.toThrow();
  });

  it('round-trips without edits: the locale file stays byte-identical', async () => {
    const dir = copy('po-roundtrip');
    const localeFile = join(dir, 'locales/en.yaml');
    const before = readFileSync(localeFile);
    const { path } = await extractPo(dir);
    const report = await importTranslations(loadDeck(dir), path, 'en.po');
    expect(report.diagnostics).toEqual([]);
    expect(report).toMatchObject({ written: false, added: [], updated: [], stillStale: [], unchanged: 63 });
    expect(report.skipped).toEqual([{ key: 'profile.journaliste.asks', reason: 'empty' }]);
    expect(readFileSync(localeFile).equals(before)).toBe(true);
  });

  it('imports a PO edited by hand (one new translation, one fuzzy cleared): exactly those entries change', async () => {
    const dir = copy('po-edited');
    const localeFile = join(dir, 'locales/en.yaml');
    const before = readFileSync(localeFile, 'utf8');
    const { path, text } = await extractPo(dir);
    // What a translator does in a text editor: fill one msgstr, fix a fuzzy entry and drop its flag.
    const edited = text
      .replace(
        'msgctxt "profile.journaliste.asks"\nmsgid "Où est la source ?"\nmsgstr ""',
        'msgctxt "profile.journaliste.asks"\nmsgid "Où est la source ?"\nmsgstr "Where does this come from?"',
      )
      .replace('#, fuzzy\n#| msgid "Qui doit valider ce choix ?"\n', '')
      .replace('msgstr "Who has to approve the choice?"', 'msgstr "Who has to sign off on the choice?"');
    expect(edited).not.toBe(text);
    writeFileSync(path, edited);
    const report = await importTranslations(loadDeck(dir), path, 'en.po');
    expect(report.diagnostics).toEqual([]);
    expect(report.added).toEqual(['profile.journaliste.asks']);
    expect(report.updated).toEqual(['event.licence.questions.1']);
    expect(report.written).toBe(true);

    const after = readFileSync(localeFile, 'utf8');
    const changed = ['profile.journaliste.asks', 'event.licence.questions.1'];
    expect(withoutEntries(after, changed)).toBe(withoutEntries(before, changed));
    expect(after).toContain('  profile.journaliste.asks:\n    text: Where does this come from?\n');
    expect(after).toContain('    text: Who has to sign off on the choice?\n');
    const status = localeStatus(loadDeck(dir), 'en');
    expect([
      status.translated.length,
      status.missing.length,
      status.stale.length,
      status.unused.length,
    ]).toEqual([64, 0, 0, 0]);
    // The new entry goes where the deck has it: after the profile's other strings.
    expect(after.indexOf('profile.journaliste.asks:')).toBeGreaterThan(
      after.indexOf('profile.journaliste.cares:'),
    );
    expect(after.indexOf('profile.journaliste.asks:')).toBeLessThan(after.indexOf('guide.purpose:'));
  });

  it('keeps a translation that is still fuzzy stale, and skips a fuzzy one with nothing to update', async () => {
    const dir = copy('po-fuzzy');
    const { path, text } = await extractPo(dir);
    writeFileSync(
      path,
      text
        .replace('msgstr "Who has to approve the choice?"', 'msgstr "Who must approve it?"')
        .replace('msgctxt "profile.journaliste.asks"', '#, fuzzy\nmsgctxt "profile.journaliste.asks"')
        .replace('msgid "Où est la source ?"\nmsgstr ""', 'msgid "Où est la source ?"\nmsgstr "Source?"'),
    );
    const report = await importTranslations(loadDeck(dir), path, 'en.po');
    expect(report.stillStale).toEqual(['event.licence.questions.1']);
    expect(report.skipped).toContainEqual({ key: 'profile.journaliste.asks', reason: 'fuzzy' });
    const status = localeStatus(loadDeck(dir), 'en');
    expect(status.stale.map((e) => e.key)).toEqual(['event.licence.questions.1']);
    expect(status.missing.map((e) => e.key)).toEqual(['profile.journaliste.asks']);
    expect(readFileSync(join(dir, 'locales/en.yaml'), 'utf8')).toContain('text: Who must approve it?');
  });

  it('reports unknown keys, broken files and a wrong language without touching the locale file', async () => {
    const dir = copy('po-bad');
    const localeFile = join(dir, 'locales/en.yaml');
    const before = readFileSync(localeFile);
    const { path, text } = await extractPo(dir);
    writeFileSync(path, text.replace('msgctxt "meta.title"', 'msgctxt "meta.titel"'));
    const unknown = await importTranslations(loadDeck(dir), path, 'en.po');
    expect(unknown.diagnostics[0]).toMatchObject({
      code: 'i18n/unknown-key',
      hint: 'did you mean `meta.title`?',
    });
    expect(unknown.diagnostics[0]?.line).toBe(text.split('\n').indexOf('msgctxt "meta.title"') + 1);

    writeFileSync(path, 'msgid "unterminated\n');
    expect((await importTranslations(loadDeck(dir), path, 'en.po')).diagnostics[0]?.code).toBe('i18n/bad-po');

    writeFileSync(path, text);
    expect(
      (await importTranslations(loadDeck(dir), path, 'en.po', { locale: 'de' })).diagnostics[0]?.code,
    ).toBe('i18n/locale-mismatch');
    expect(readFileSync(localeFile).equals(before)).toBe(true);
  });

  it('starts a new locale file from a PO of a locale the deck does not have yet', async () => {
    const dir = copy('po-new');
    const result = await extractTranslations(loadDeck(dir), 'de', 'po');
    const path = join(dir, 'locales/de.po');
    writeFileSync(
      path,
      (result.text ?? '').replace('msgid "Cadrage"\nmsgstr ""', 'msgid "Cadrage"\nmsgstr "Rahmen"'),
    );
    const report = await importTranslations(loadDeck(dir), path, 'de.po');
    expect(report.added).toEqual(['phase.cadrage.title']);
    const created = readFileSync(join(dir, 'locales/de.yaml'), 'utf8');
    expect(created).toMatch(/^# de translation of "Ouvrir les données de la commune"/);
    expect(created).toContain('locale: de\nstrings:\n  phase.cadrage.title:\n    text: Rahmen\n');
    expect(localeStatus(loadDeck(dir), 'de').translated.map((e) => e.key)).toEqual(['phase.cadrage.title']);
  });
});
