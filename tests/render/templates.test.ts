import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { compileMarkup } from '../../src/compose/layout/compile.ts';
import { LAYOUT_SPEC } from '../../src/compose/layout/spec.ts';
import { precompileCached } from '../../src/compose/template-cache.ts';
import { loadTemplates } from '../../src/compose/templates.ts';
import { PACKAGE_ROOT } from '../../src/paths.ts';

/** A templates folder holding `files` (names relative to it). */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-templates-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const load = (dir: string, names = ['card']) =>
  loadTemplates({ dir, names, spec: LAYOUT_SPEC, display: (p) => p.slice(dir.length + 1) });

describe('layout templates', () => {
  it('reports an unknown element at the template’s line and column, with a suggestion', () => {
    const dir = folder({ 'card.hbs': '<card>\n  <styles/>\n  <boxx x="{{size.x}}mm"/>\n</card>\n' });
    const set = load(dir);
    const d = set.diagnostics.find((x) => x.code === 'template/unknown-element');
    expect(d).toMatchObject({ file: 'card.hbs', line: 3, column: 4 });
    expect(d?.hint).toContain('box');
  });

  it('reports an unknown attribute, even next to a mustache', () => {
    const dir = folder({ 'card.hbs': '<card>\n  <box x="{{a}}mm"\n       fil="#ffffff"/>\n</card>\n' });
    const d = load(dir).diagnostics.find((x) => x.code === 'template/unknown-attribute');
    expect(d).toMatchObject({ file: 'card.hbs', line: 2, column: 4 });
    expect(d?.message).toContain('fil');
    expect(d?.hint).toContain('fill');
  });

  it('reports a bad attribute value written in the template', () => {
    const dir = folder({ 'card.hbs': '<card>\n  <box x="12"/>\n</card>\n' });
    expect(load(dir).diagnostics.find((x) => x.code === 'template/bad-attribute')).toMatchObject({ line: 2 });
  });

  it('reports a missing variable at its position when the layout is filled (strict mode)', () => {
    const dir = folder({
      'card.hbs': '<card background="{{theme.paper}}">\n  <text style="x">{{card.titel}}</text>\n</card>\n',
    });
    const set = load(dir);
    expect(set.diagnostics).toEqual([]);
    const result = set.render('card', { theme: { paper: '#ffffff' }, card: { title: 'Titre' } });
    expect(result.markup).toBeUndefined();
    expect(result.diagnostics[0]).toMatchObject({
      code: 'template/missing-variable',
      file: 'card.hbs',
      line: 2,
      column: 21,
    });
    expect(result.diagnostics[0]?.message).toContain('card.titel');
  });

  it('reports a missing variable inside a partial in the partial’s file', () => {
    const dir = folder({
      'card.hbs': '<card>\n  {{> parts/band}}\n</card>\n',
      'partials/parts/band.hbs':
        '<box x="0" y="0" w="10mm" h="10mm">\n  <text style="x">{{phase.titel}}</text>\n</box>\n',
    });
    const set = load(dir);
    expect(set.diagnostics).toEqual([]);
    const result = set.render('card', { phase: { title: 'Cadrage' } });
    expect(result.diagnostics[0]).toMatchObject({
      code: 'template/missing-variable',
      file: 'partials/parts/band.hbs',
      line: 2,
    });
  });

  it('reports unknown helpers, missing partials and Handlebars syntax at load', () => {
    const dir = folder({
      'a.hbs': '<card>\n  {{shout title}}\n</card>\n',
      'b.hbs': '<card>\n  {{> nowhere}}\n</card>\n',
      'c.hbs': '<card>\n  {{#if x}}\n</card>\n',
    });
    const set = load(dir, ['a', 'b', 'c']);
    expect(set.diagnostics.find((d) => d.code === 'template/unknown-helper')).toMatchObject({
      file: 'a.hbs',
      line: 2,
    });
    expect(set.diagnostics.find((d) => d.code === 'template/missing')).toMatchObject({
      file: 'b.hbs',
      line: 2,
    });
    expect(set.diagnostics.find((d) => d.code === 'template/syntax')).toMatchObject({ file: 'c.hbs' });
  });

  it('keeps the template’s positions in the markup it produces, through loops and partials', () => {
    const dir = folder({
      'card.hbs':
        '<card>\n  <styles><style name="body" size="9pt"/></styles>\n  {{#each items}}\n  {{> item}}\n  {{/each}}\n</card>\n',
      'partials/item.hbs': '<flow x="0" y="0" w="10mm" h="10mm">\n  <p style="bodyy">{{this}}</p>\n</flow>\n',
    });
    const set = load(dir);
    const { markup } = set.render('card', { items: ['a', 'b'] });
    const compiled = compileMarkup(markup as string, set.files, { width: 100, height: 100 });
    const unknown = compiled.diagnostics.filter((d) => d.code === 'template/unknown-style');
    expect(unknown[0]).toMatchObject({ file: 'partials/item.hbs', line: 2, column: 4 });
    expect(unknown[0]?.hint).toContain('body');
  });

  it('escapes deck text written with mustaches, so markup characters cannot break the layout', () => {
    const dir = folder({
      'card.hbs':
        '<card>\n  <styles><style name="b" size="9pt"/></styles>\n  <text style="b">{{title}}</text>\n</card>\n',
    });
    const set = load(dir);
    const { markup } = set.render('card', { title: 'A < B & "C" </text><boxx/>' });
    const compiled = compileMarkup(markup as string, set.files, { width: 100, height: 100 });
    expect(compiled.diagnostics).toEqual([]);
    const flow = compiled.layout?.children[0];
    expect(flow?.kind === 'flow' && flow.blocks[0]?.kind === 'para' && flow.blocks[0].content).toEqual({
      kind: 'runs',
      runs: [{ text: 'A < B & "C" </text><boxx/>' }],
    });
  });

  it('loads the shipped card, sheet and calibration layouts without a problem', () => {
    const set = loadTemplates({
      names: [
        'card-front',
        'card-back',
        'profile-card',
        'context-sheet',
        'calibration-front',
        'calibration-back',
      ],
      spec: LAYOUT_SPEC,
    });
    expect(set.diagnostics).toEqual([]);
  });
});

describe('precompiled layouts on disk', () => {
  it('give what Handlebars precompiles, and are read back for the same source and options', () => {
    const env = Handlebars.create();
    const source = `<p>{{card.title}} ${process.pid}-${Date.now()}</p>`;
    const options = { strict: true, knownHelpersOnly: true, knownHelpers: { label: true } };
    const first = precompileCached(env, source, options);
    expect(first).toBe(env.precompile(source, structuredClone(options)));
    const dir = join(PACKAGE_ROOT, 'dist', 'templates');
    const entry = readdirSync(dir)
      .map((f) => join(dir, f))
      .find((f) => f.endsWith('.js') && readFileSync(f, 'utf8') === first);
    expect(entry).toBeDefined();
    // The second call reads the file: marked, it comes back marked.
    writeFileSync(entry as string, `${first}/* from the cache */`);
    expect(precompileCached(env, source, options)).toBe(`${first}/* from the cache */`);
    rmSync(entry as string);
    // Other options (another helper set) are another entry.
    expect(precompileCached(env, source, { ...options, knownHelpers: {} })).toBe(
      env.precompile(source, { ...options, knownHelpers: {} }),
    );
  });
});
