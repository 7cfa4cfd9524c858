#!/usr/bin/env node
// Entry point of `npx atelier`. It runs an esbuild bundle of src/ and its dependencies
// (dist/bundle-<stamp>/main.js), rebuilt when a source file or the installed packages are newer than it: a
// fresh clone needs no build step, an edited source is picked up on the next run, and start-up loads a few
// files instead of compiling a hundred TypeScript modules and resolving some four hundred package files one by
// one (about 0.9 s in all). Commands are split into chunks, so `validate` never loads PDFKit. Should bundling
// fail for any reason, the sources run through tsx instead.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const srcDir = dirname(dirname(fileURLToPath(import.meta.url)));
const packageRoot = dirname(srcDir);
const distDir = join(packageRoot, 'dist');

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

// Native or tooling packages stay outside the bundle; everything else is bundled.
const EXTERNAL = ['sharp', 'esbuild', 'tsx'];

/** Modules whose import costs every run time that few runs need, replaced by stand-ins that load them lazily. */
const DEFERRED = {
  'brotli/decompress.js': join(srcDir, 'cli', 'deferred', 'brotli-decompress.js'),
  'unicode-properties': join(srcDir, 'cli', 'deferred', 'unicode-properties.js'),
};
const deferredModules = {
  name: 'deferred-modules',
  setup(build) {
    build.onResolve({ filter: /^(brotli\/decompress\.js|unicode-properties)$/ }, (args) =>
      args.importer.startsWith(join(srcDir, 'cli', 'deferred')) ? undefined : { path: DEFERRED[args.path] },
    );
  },
};

/** The bundle for the sources as they are now, built if needed; named after their newest modification time. */
async function bundleEntry() {
  const stamp = Math.floor(Math.max(newestSource(srcDir), installedAt())).toString(36);
  const folder = join(distDir, `bundle-${stamp}`);
  const entry = join(folder, 'main.js');
  try {
    statSync(entry);
    return entry;
  } catch {}
  const { build } = await import('esbuild');
  // Built aside and renamed into place, so that concurrent runs never read a half-written bundle.
  const temp = join(distDir, `.tmp-${process.pid}`);
  mkdirSync(distDir, { recursive: true });
  await build({
    entryPoints: { main: join(srcDir, 'cli', 'main.ts') },
    outdir: temp,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    plugins: [deferredModules],
    // Bundled CommonJS packages require Node's built-in modules: give each chunk a real `require`.
    banner: {
      js: "import { createRequire as atelierRequire } from 'node:module'; const require = atelierRequire(import.meta.url);",
    },
    logLevel: 'silent',
  });
  try {
    renameSync(temp, folder);
  } catch {
    rmSync(temp, { recursive: true, force: true }); // another run put the same bundle in place first
  }
  // Older bundles go once nothing can still be running from them (a run loads its command chunk lazily).
  const anHourAgo = Date.now() - 3600_000;
  for (const old of readdirSync(distDir)) {
    const path = join(distDir, old);
    if (old.startsWith('bundle-') && old !== `bundle-${stamp}` && statSync(path).mtimeMs < anHourAgo) {
      rmSync(path, { recursive: true, force: true });
    }
  }
  return entry;
}

async function loadMain() {
  if (!process.env.ATELIER_NO_BUNDLE) {
    try {
      return await import(pathToFileURL(await bundleEntry()).href);
    } catch {
      // Fall through to tsx: slower to start, same behaviour.
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import('./main.ts');
}

// A reader that stops early (`atelier validate | head`) closes the pipe: that is not an error worth a stack.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const { main } = await loadMain();
process.exitCode = await main(process.argv.slice(2));
