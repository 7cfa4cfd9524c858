import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDecks } from '../../src/build/build.ts';
import { TEMPLATES_DIR } from '../../src/compose/templates.ts';
import { normalize, pdfText } from '../render/helpers.ts';

/*
 * A deck may bring its own layouts: a file in the deck's `templates/` replaces atelier's file of the same name,
 * partials included, and problems in it are reported at the deck's file.
 */
const FIXTURE = resolve('tests/fixtures/render/open-model');
const work = mkdtempSync(join(tmpdir(), 'atelier-deck-templates-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let count = 0;
/** A copy of the open-model deck with `files` written into it; built into its own out/. */
async function build(files: Record<string, string>) {
  const dir = join(work, `deck-${++count}`);
  cpSync(FIXTURE, dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const out = join(dir, 'out');
  const result = await buildDecks([dir], { outDir: out, cwd: dir, only: ['cards', 'guide'] });
  return { dir, result, folder: join(out, 'open-model', 'en') };
}

const shipped = (name: string) => readFileSync(join(TEMPLATES_DIR, name), 'utf8');

describe('deck templates', () => {
  it('replace the shipped layout of the same name, and may use partials of their own', async () => {
    const back = `<card background="{{tone.colour}}">
  {{> card/styles}}
  {{> card/motto}}
</card>
`;
    const motto = `<flow x="8mm" y="30mm" right="8mm" bottom="8mm">
  <p style="back-title">Keep your cards close</p>
</flow>
`;
    const { result, folder } = await build({
      'templates/card-back.hbs': back,
      'templates/partials/card/motto.hbs': motto,
    });
    expect(result.diagnostics).toEqual([]);
    const pages = await pdfText(readFileSync(join(folder, 'event-cards.pdf')));
    expect(normalize(pages[1] ?? '')).toBe(Array(4).fill('Keep your cards close').join(' '));
    // The fronts still come from atelier's own layout.
    expect(normalize(pages[0] ?? '')).toContain('Guessable login');
    // The deck's layouts are sources of the build, like its YAML.
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
    expect(manifest.sources.map((s: { file: string }) => s.file)).toEqual(
      expect.arrayContaining(['templates/card-back.hbs', 'templates/partials/card/motto.hbs']),
    );
  });

  it('replace a shipped partial inside a shipped layout (the guide too)', async () => {
    const styles = shipped('partials/card/styles.hbs').replace(
      '<style name="rank"',
      '<style name="rank" case="upper"',
    );
    const debrief = '<section id="debrief" title="Wrap-up">\n  <p>Our own debrief.</p>\n</section>\n';
    const { result, folder } = await build({
      'templates/partials/card/styles.hbs': styles,
      'templates/partials/guide/debrief.hbs': debrief,
      // Written into the deck so that its rank prints in lower case unless the deck's styles are used.
      'deck.yaml': readFileSync(join(FIXTURE, 'deck.yaml'), 'utf8').replace('rank: K', 'rank: k'),
    });
    expect(result.diagnostics).toEqual([]);
    const cards = normalize((await pdfText(readFileSync(join(folder, 'event-cards.pdf'))))[0] ?? '');
    expect(cards).toContain('spoofing-k K 2 · REVIEW');
    const guide = normalize((await pdfText(readFileSync(join(folder, 'facilitator-guide.pdf')))).join(' '));
    expect(guide).toContain('Our own debrief.');
    expect(guide).toContain('Wrap-up');
  });

  it('report their problems at the deck’s file, line and column', async () => {
    const front = shipped('card-front.hbs').replace(
      '<p style="body" field="card.situation"/>',
      '<p style="body" field="card.situation"/>\n    <p style="body">{{card.nope}}</p>',
    );
    const line = front.split('\n').findIndex((l) => l.includes('card.nope')) + 1;
    const column = (front.split('\n')[line - 1] ?? '').indexOf('card.nope') + 1;
    const styles = shipped('partials/card/styles.hbs').replace('size="16pt"', 'size="big"');
    const styleLine = styles.split('\n').findIndex((l) => l.includes('size="big"')) + 1;

    const runtime = await build({ 'templates/card-front.hbs': front });
    expect(runtime.result.ok).toBe(false);
    expect(runtime.result.diagnostics).toEqual([
      expect.objectContaining({ code: 'template/missing-variable', line, column }),
    ]);
    expect(resolve(runtime.result.diagnostics[0]?.file ?? '')).toBe(
      join(runtime.dir, 'templates/card-front.hbs'),
    );

    const markup = await build({ 'templates/partials/card/styles.hbs': styles });
    expect(markup.result.ok).toBe(false);
    expect(markup.result.diagnostics).toEqual([
      expect.objectContaining({ code: 'template/bad-attribute', line: styleLine }),
    ]);
    expect(resolve(markup.result.diagnostics[0]?.file ?? '')).toBe(
      join(markup.dir, 'templates/partials/card/styles.hbs'),
    );
  });
});
