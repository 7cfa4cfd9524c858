// Builds the CLI bundle: src/ and its dependencies in one CommonJS file, dist/bundle-<stamp>/main.cjs. The stamp
// is the time of the newest source file or package install, so an edited source or an `npm ci` gives a new
// bundle on the next run, and a fresh clone needs no build step. One file rather than ES module chunks: it
// can be compiled once and its V8 code cached (see code-cache.js), which ES modules cannot on Node 20.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const launchDir = dirname(fileURLToPath(import.meta.url));
const srcDir = dirname(dirname(launchDir));
const packageRoot = dirname(srcDir);
const distDir = join(packageRoot, 'dist');

// Native or tooling packages stay outside the bundle, and harfbuzzjs, an ES module that loads its WebAssembly
// with a top-level await (imported on first use); synckit starts its worker with a preload file found next to
// its own code, which a bundle does not have; pdf.js starts its own worker module and Skia's canvas is native
// (both loaded only by `export png` and the preview page). Everything else is bundled.
const EXTERNAL = ['sharp', 'esbuild', 'tsx', 'harfbuzzjs', 'synckit', 'pdfjs-dist', '@napi-rs/canvas'];

// Modules that dependencies import (and that set up tables when imported) but that a build never or rarely calls
// are replaced by stand-ins that load them on first use (see each stand-in for why).
const DEFERRED = {
  'brotli/decompress.js': 'brotli-decompress.js',
  'unicode-properties': 'unicode-properties.js',
  '@noble/ciphers/aes': 'noble-aes.js',
};
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const deferredModules = {
  name: 'deferred-modules',
  setup(build) {
    build.onResolve(
      { filter: new RegExp(`^(?:${Object.keys(DEFERRED).map(escapeRegExp).join('|')})$`) },
      (args) => ({
        path: join(launchDir, 'deferred', DEFERRED[args.path]),
      }),
    );
  },
};

// js-yaml's CommonJS build rather than its ES module: the same parser, but its per-file state objects are made
// by a helper instead of an object spread followed by more properties (`{ ...defaults, ...options, input }`),
// which on Node 20's V8 gets a new hidden class on every call once the function has feedback. From the ninth
// file on, each file read then threw the parser's optimised code away (recompiled three times a build) and
// left its property reads megamorphic: the same files parse three times faster warm, half as long cold.
const jsYamlCommonJs = {
  name: 'js-yaml-commonjs',
  setup(build) {
    const path = createRequire(join(packageRoot, 'package.json')).resolve('js-yaml');
    build.onResolve({ filter: /^js-yaml$/ }, () => ({ path }));
  },
};

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.[jt]s$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** When `npm ci` or `npm install` last changed the installed packages (npm rewrites this file each time). */
function installedAt() {
  try {
    return statSync(join(packageRoot, 'node_modules', '.package-lock.json')).mtimeMs;
  } catch {
    return 0;
  }
}

/** The bundle for the sources as they are now (its path), built first if needed. */
export async function bundleFile() {
  const stamp = Math.floor(Math.max(newestSource(srcDir), installedAt())).toString(36);
  const folder = join(distDir, `bundle-${stamp}`);
  const file = join(folder, 'main.cjs');
  try {
    statSync(file);
    return file;
  } catch {}
  const { build } = await import('esbuild');
  // Built aside and renamed into place, so that concurrent runs never read a half-written bundle.
  const temp = join(distDir, `.tmp-${process.pid}`);
  mkdirSync(distDir, { recursive: true });
  await build({
    entryPoints: [join(srcDir, 'cli', 'main.ts')],
    outfile: join(temp, 'main.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: EXTERNAL,
    plugins: [deferredModules, jsYamlCommonJs],
    // The sources (and some packages) locate files from `import.meta.url`: in the bundle, that is the bundle.
    define: { 'import.meta.url': 'atelierBundleUrl' },
    banner: { js: "const atelierBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'silent',
  });
  const out = join(temp, 'main.cjs');
  writeFileSync(out, asciiOnly(readFileSync(out, 'utf8')));
  try {
    renameSync(temp, folder);
  } catch {
    rmSync(temp, { recursive: true, force: true }); // another run put the same bundle in place first
  }
  // Older bundles go once nothing can still be running from them.
  const anHourAgo = Date.now() - 3600_000;
  for (const old of readdirSync(distDir)) {
    const path = join(distDir, old);
    if (old.startsWith('bundle-') && old !== `bundle-${stamp}` && statSync(path).mtimeMs < anHourAgo) {
      rmSync(path, { recursive: true, force: true });
    }
  }
  return file;
}

/**
 * The bundle with every character outside ASCII written as a `\u` escape. esbuild escapes them in strings but
 * leaves a few in comments and regular expressions (`«»`, `’`): one is enough to make Node decode the 5 MB file
 * on its slow UTF-8 path (25 ms) into a string twice its size, where pure ASCII is read in a few milliseconds.
 * An escape means the same character in a string, a regular expression, an identifier or a comment; one that
 * follows a backslash (`\«`, an identity escape) replaces that backslash.
 */
function asciiOnly(text) {
  return text.replace(/(\\*)([\u0080-\uffff])/g, (_, backslashes, ch) => {
    const escaped = `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    return backslashes.length % 2 === 1 ? backslashes.slice(1) + escaped : backslashes + escaped;
  });
}
