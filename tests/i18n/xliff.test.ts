import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import xliff2js from 'xliff/xliff2js';
import { extractTranslations } from '../../src/i18n/extract.ts';
import { importTranslations } from '../../src/i18n/import.ts';
import { localeStatus } from '../../src/i18n/status.ts';
import { makeMissingAndStale, withoutEntries } from './exchange-helpers.ts';
import { editFile, loadDeck, useFixtureCopies } from './helpers.ts';

const copy = useFixtureCopies(makeMissingAndStale);

async function extractXliff(dir: string): Promise<{ path: string; text: string }> {
  const result = await extractTranslations(loadDeck(dir), 'en', 'xliff');
  expect(result.diagnostics).toEqual([]);
  const path = join(dir, 'locales/en.xlf');
  writeFileSync(path, result.text ?? '');
  return { path, text: result.text ?? '' };
}

/** The `<unit>` element of one key, as written. */
function unitOf(text: string, key: string): string {
  const start = text.indexOf(`<unit id="${key}"`);
  return text.slice(start, text.indexOf('</unit>', start) + '</unit>'.length);
}

describe('XLIFF 2.0 exchange', () => {
  it('writes one unit per key with notes and a segment state', async () => {
    const dir = copy('xliff-write');
    editFile(
      join(dir, 'locales/en.yaml'),
      '    from: Ouvrir les données de la commune\n',
      '    from: Ouvrir les données de la commune\n    reviewed: true\n',
    );
    const { text } = await extractXliff(dir);
    expect(text).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2\.0" version="2\.0" srcLang="fr" trgLang="en">/,
    );
    expect(unitOf(text, 'meta.title')).toContain('<segment state="reviewed">');
    expect(unitOf(text, 'meta.subtitle')).toContain('<segment state="translated">');
    const missing = unitOf(text, 'profile.journaliste.asks');
    expect(missing).toContain('<segment state="initial">');
    expect(missing).not.toContain('<target>');
    const stale = unitOf(text, 'event.licence.questions.1');
    expect(stale).toContain('<segment state="initial">');
    expect(stale).toContain('<target>Who has to approve the choice?</target>');
    expect(stale).toContain(
      '<note>Source changed since translation. Previous source: Qui doit valider ce choix ?</note>',
    );
    expect(stale).toContain('<note>Facilitator notes: Licence Ouverte 2.0');
    const parsed = await xliff2js(text);
    expect(Object.keys(parsed.resources['mini-atelier'] ?? {})).toHaveLength(64);
    expect(parsed.resources['mini-atelier']?.['event.format.situation']?.source).toBe(
      'Les horaires sont publiés en PDF. Un développeur demande :\n- un fichier **CSV** ;\n- une mise à jour chaque semaine.',
    );
  });

  it('round-trips without edits: the locale file stays byte-identical', async () => {
    const dir = copy('xliff-roundtrip');
    editFile(
      join(dir, 'locales/en.yaml'),
      '    from: Ouvrir les données de la commune\n',
      '    from: Ouvrir les données de la commune\n    reviewed: true\n',
    );
    const localeFile = join(dir, 'locales/en.yaml');
    const before = readFileSync(localeFile);
    const { path } = await extractXliff(dir);
    const report = await importTranslations(loadDeck(dir), path, 'en.xlf');
    expect(report.diagnostics).toEqual([]);
    expect(report).toMatchObject({ written: false, added: [], updated: [], unchanged: 63 });
    expect(readFileSync(localeFile).equals(before)).toBe(true);
  });

  it('imports new targets and segments marked translated or reviewed, and nothing else', async () => {
    const dir = copy('xliff-edited');
    const localeFile = join(dir, 'locales/en.yaml');
    const before = readFileSync(localeFile, 'utf8');
    const { path, text } = await extractXliff(dir);
    const missing = unitOf(text, 'profile.journaliste.asks');
    const stale = unitOf(text, 'event.licence.questions.1');
    const subtitle = unitOf(text, 'meta.subtitle');
    writeFileSync(
      path,
      text
        .replace(
          missing,
          missing
            .replace('<segment state="initial">', '<segment state="translated">')
            .replace('</source>', '</source>\n        <target>Where does this come from?</target>'),
        )
        .replace(
          stale,
          stale
            .replace('<segment state="initial">', '<segment state="translated">')
            .replace('approve the choice', 'sign off on the choice'),
        )
        .replace(subtitle, subtitle.replace('<segment state="translated">', '<segment state="reviewed">')),
    );
    const report = await importTranslations(loadDeck(dir), path, 'en.xlf');
    expect(report.diagnostics).toEqual([]);
    expect(report.added).toEqual(['profile.journaliste.asks']);
    expect(report.updated).toEqual(['meta.subtitle', 'event.licence.questions.1']);
    const after = readFileSync(localeFile, 'utf8');
    const changed = ['meta.subtitle', 'profile.journaliste.asks', 'event.licence.questions.1'];
    expect(withoutEntries(after, changed)).toBe(withoutEntries(before, changed));
    expect(after).toContain('    from: Un atelier court pour essayer les traductions\n    reviewed: true\n');
    const status = localeStatus(loadDeck(dir), 'en');
    expect([status.translated.length, status.missing.length, status.stale.length]).toEqual([64, 0, 0]);
  });

  it('reports XML that is not well-formed, and XLIFF 1.2, with a position', async () => {
    const dir = copy('xliff-bad');
    const path = join(dir, 'locales/en.xlf');
    writeFileSync(
      path,
      '<?xml version="1.0"?>\n<xliff version="2.0">\n  <file id="x">\n    <unit id="a">\n</xliff>\n',
    );
    const broken = await importTranslations(loadDeck(dir), path, 'en.xlf', { locale: 'en' });
    expect(broken.diagnostics[0]).toMatchObject({ code: 'i18n/bad-xliff', line: 5 });
    writeFileSync(path, '<xliff version="1.2"><file original="x"><body></body></file></xliff>');
    expect(
      (await importTranslations(loadDeck(dir), path, 'en.xlf', { locale: 'en' })).diagnostics[0]?.message,
    ).toMatch(/not an XLIFF 2 file \(version 1\.2\)/);
  });
});
