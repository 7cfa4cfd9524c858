import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { PACKAGE_ROOT } from '../paths.ts';

/** Where precompiled layouts are kept: beside the CLI bundle, in the disposable `dist/` folder. */
const CACHE_DIR = join(PACKAGE_ROOT, 'dist', 'templates');

/**
 * Handlebars' precompiled form of a template (JavaScript source), kept on disk by content: precompiling the
 * card layouts costs every build some 50 ms, and they change only when a designer edits them. The key covers
 * the source, the compile options (helpers included) and the Handlebars version, so an edit or an upgrade
 * compiles afresh. A cache that cannot be written (a read-only install) only means compiling every time.
 */
export function precompileCached(env: typeof Handlebars, source: string, options: PrecompileOptions): string {
  const key = createHash('sha256')
    .update(`${Handlebars.VERSION}\0${JSON.stringify(options)}\0${source}`)
    .digest('hex')
    .slice(0, 40);
  const file = join(CACHE_DIR, `${key}.js`);
  try {
    return readFileSync(file, 'utf8');
  } catch {}
  // A copy: Handlebars adds to the options it is given, which would change the key of the next template.
  const spec = env.precompile(source, structuredClone(options)) as unknown as string;
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const temp = `${file}.${process.pid}`;
    writeFileSync(temp, spec);
    renameSync(temp, file);
  } catch {
    // Not cached: the next build compiles again.
  }
  return spec;
}

type PrecompileOptions = Parameters<typeof Handlebars.precompile>[1];
