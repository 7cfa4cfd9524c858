import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeGuide } from '../../src/compose/guide/index.ts';
import { fixtureDeck, inputFor } from './helpers.ts';

/** A templates folder of its own: `guide.hbs` plus partials under `partials/guide/`. */
function templates(layout: string, partials: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-guide-'));
  writeFileSync(join(dir, 'guide.hbs'), layout);
  mkdirSync(join(dir, 'partials', 'guide'), { recursive: true });
  for (const [name, source] of Object.entries(partials))
    writeFileSync(join(dir, 'partials', 'guide', `${name}.hbs`), source);
  return dir;
}

const compose = (dir: string) => composeGuide(inputFor(fixtureDeck()), { templatesDir: dir });

describe('guide layout errors', () => {
  it('reports an unknown element at the layout’s line and column, with a suggestion', () => {
    const dir = templates(
      '<guide>\n  <section id="a" title="A">\n    <paragraf>Hello</paragraf>\n  </section>\n</guide>\n',
    );
    const result = compose(dir);
    const d = result.diagnostics.find((x) => x.code === 'template/unknown-element');
    expect(d).toMatchObject({ severity: 'error', line: 3, column: 6 });
    expect(d?.file).toMatch(/guide\.hbs$/);
    expect(d?.message).toContain('<paragraf>');
    expect(d?.hint).toContain('p');
    expect(result.blocks).toBeUndefined();
  });

  it('reports an unknown attribute inside a partial at the partial’s own position', () => {
    const dir = templates('<guide>\n  {{> guide/part}}\n</guide>\n', {
      part: '<section id="x" title="X">\n  <p styel="lead">Hi</p>\n</section>\n',
    });
    const d = compose(dir).diagnostics.find((x) => x.code === 'template/unknown-attribute');
    expect(d).toMatchObject({ line: 2, column: 4 });
    expect(d?.file).toMatch(/partials\/guide\/part\.hbs$/);
    expect(d?.hint).toContain('style');
  });

  it('reports a bad value that only appears once the deck fills the layout, at the layout’s position', () => {
    const dir = templates(
      '<guide>\n  <section id="a" title="A">\n    <spacer height="{{meta.teams}}"/>\n  </section>\n</guide>\n',
    );
    const d = compose(dir).diagnostics.find((x) => x.code === 'template/bad-attribute');
    expect(d).toMatchObject({ line: 3 });
    expect(d?.file).toMatch(/guide\.hbs$/);
  });

  it('reports a variable the model does not have, at its line and column', () => {
    const dir = templates('<guide>\n  <section id="a" title="{{meta.titel}}">\n  </section>\n</guide>\n');
    const d = compose(dir).diagnostics.find((x) => x.code === 'template/missing-variable');
    expect(d).toMatchObject({ line: 2, column: 28 });
    expect(d?.message).toContain('meta.titel');
  });

  it('makes repeated section ids unique and says so, so that contents and links still land right', () => {
    const dir = templates(
      '<guide>\n  <section id="a" title="One"/>\n  <section id="a" title="Two"/>\n</guide>\n',
    );
    const result = compose(dir);
    const d = result.diagnostics.find((x) => x.code === 'template/duplicate-id');
    expect(d).toMatchObject({ severity: 'warning', line: 3 });
    expect(result.blocks?.map((b) => (b.kind === 'section' ? b.id : b.kind))).toEqual(['a', 'a-2']);
  });

  it('accepts the shipped layout without a problem', () => {
    const result = composeGuide(inputFor(fixtureDeck()));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.blocks?.map((b) => b.kind).slice(0, 3)).toEqual(['cover', 'toc', 'pagebreak']);
  });
});
