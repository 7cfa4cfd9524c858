import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/paths.ts';

/*
 * src/ is a pipeline, load -> check -> localize -> compose -> render -> write: a stage may use the stages before
 * it, never one after it. The locale-file model sits between check and localize (it reads and checks files, and
 * both localize and the translators' formats read it). The shared pieces below them all (diagnostics, fonts,
 * the small modules at the root of src/) use no stage; the library API (api.ts) and the CLI sit on top. Type-only
 * imports count too: a type that two stages share lives below both.
 */
const SRC = join(REPO_ROOT, 'src');
const STAGES = ['load', 'check', 'locale-files', 'localize', 'compose', 'render', 'write'];
const SHARED = ['diagnostics', 'fonts'];
const ON_TOP = ['api.ts'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The stage a file of src/ belongs to: its index in STAGES, -1 for the shared pieces, undefined otherwise. */
function stageOf(file: string): number | undefined {
  const [top, ...rest] = relative(SRC, file).split('/');
  if (ON_TOP.includes(top as string)) return undefined;
  if (rest.length === 0 || SHARED.includes(top as string)) return -1;
  const index = STAGES.indexOf(top as string);
  return index >= 0 ? index : undefined;
}

const IMPORT = /^(?:import|export)\b[^'"]*?from\s+'(\.{1,2}\/[^']+)'/gm;

describe('the direction of src/ imports', () => {
  it('never runs back up the pipeline', () => {
    const upward: string[] = [];
    for (const file of sources(SRC)) {
      const from = stageOf(file);
      if (from === undefined) continue;
      for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const target = resolve(dirname(file), match[1] as string);
        const to = stageOf(target);
        if (to !== undefined && to > from) upward.push(`${relative(SRC, file)} -> ${relative(SRC, target)}`);
      }
    }
    expect(upward).toEqual([]);
  });
});
