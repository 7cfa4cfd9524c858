import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDecks } from '../../src/build/build.ts';
import { sha256 } from '../../src/write/manifest.ts';

const FIXTURE = resolve('tests/fixtures/build/tiny');
const work = mkdtempSync(join(tmpdir(), 'atelier-build-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function copyDeck(name: string): string {
  const dir = join(work, name);
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) out[name] = sha256(readFileSync(join(dir, name)));
  return out;
}

describe('atelier build', () => {
  it('writes the three PDFs and a manifest into out/<deck>/<locale>/', async () => {
    const deck = copyDeck('write');
    const out = join(work, 'out-write');
    const result = await buildDecks([deck], { outDir: out, cwd: work });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
    const folder = join(out, 'tiny', 'fr');
    expect(readdirSync(folder).sort()).toEqual([
      'context-sheets.pdf',
      'event-cards.pdf',
      'facilitator-guide.pdf',
      'manifest.json',
    ]);
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
    for (const file of manifest.files) {
      expect(sha256(readFileSync(join(folder, file.name)))).toBe(file.sha256);
      expect(file.pages).toBeGreaterThan(0);
    }
    expect(manifest.sources.map((s: { file: string }) => s.file)).toContain('deck.yaml');
  });

  it('files how far text shrank under the file it was drawn in: event cards and profile cards apart', async () => {
    const deck = join(work, 'with-profiles');
    cpSync(resolve('tests/fixtures/render/deck'), deck, { recursive: true });
    const out = join(work, 'out-fitting');
    // The fixture's card written to overflow is printed cut: this test is about the fitting report.
    const result = await buildDecks([deck], { outDir: out, cwd: work, only: ['cards'], allowOverflow: true });
    expect(result.ok).toBe(true);
    const [built] = result.built;
    const manifest = JSON.parse(readFileSync(join(out, built?.folder ?? '', 'manifest.json'), 'utf8'));
    const subjects = (file: string) =>
      (manifest.fitting[file] as { subject: string }[]).map((floor) => floor.subject.split(' `')[0]);
    // Each file also has its backs (and the event cards their calibration page), never the other's fronts.
    expect(subjects('event-cards.pdf')).toContain('event card');
    expect(subjects('event-cards.pdf')).not.toContain('profile card');
    expect(subjects('profile-cards.pdf')).toContain('profile card');
    expect(subjects('profile-cards.pdf')).not.toContain('event card');
  });

  it('gives identical bytes for the same sources', async () => {
    const deck = copyDeck('twice');
    const first = join(work, 'out-a');
    const second = join(work, 'out-b');
    await buildDecks([deck], { outDir: first, cwd: work });
    await buildDecks([deck], { outDir: second, cwd: work });
    expect(hashes(join(first, 'tiny', 'fr'))).toEqual(hashes(join(second, 'tiny', 'fr')));
  });

  it('leaves the previous output untouched when a build fails', async () => {
    const deck = copyDeck('fail');
    const out = join(work, 'out-fail');
    expect((await buildDecks([deck], { outDir: out, cwd: work })).ok).toBe(true);
    const before = hashes(join(out, 'tiny', 'fr'));
    const yaml = readFileSync(join(deck, 'deck.yaml'), 'utf8');
    writeFileSync(join(deck, 'deck.yaml'), yaml.replace('phase: fin', 'phase: fni'));
    const failed = await buildDecks([deck], { outDir: out, cwd: work });
    expect(failed.ok).toBe(false);
    expect(failed.diagnostics.map((d) => d.code)).toContain('ref/unknown-phase');
    expect(hashes(join(out, 'tiny', 'fr'))).toEqual(before);
    expect(readdirSync(join(out, 'tiny')).sort()).toEqual(['fr']);
  });

  it('builds only what --only asks for, and the print-shop file on request', async () => {
    const deck = copyDeck('only');
    const out = join(work, 'out-only');
    const result = await buildDecks([deck], {
      outDir: out,
      cwd: work,
      only: ['cards'],
      printShop: true,
      paper: 'letter',
    });
    expect(result.ok).toBe(true);
    expect(readdirSync(join(out, 'tiny', 'fr')).sort()).toEqual([
      'cards-print-shop.pdf',
      'event-cards.pdf',
      'manifest.json',
      'print-shop-order.pdf',
    ]);
    expect(existsSync(join(out, 'tiny', 'fr', 'facilitator-guide.pdf'))).toBe(false);
  });
});
