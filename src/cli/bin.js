#!/usr/bin/env node
// Entry point of `npx atelier`. It runs a single-file bundle of src/ (dist/atelier.mjs) that esbuild rebuilds
// whenever a source file is newer than it: a fresh clone needs no build step, an edited source is picked up on
// the next run, and start-up skips compiling a hundred TypeScript modules one by one (about 0.7 s saved).
// Should bundling fail for any reason, the sources run through tsx instead.
import { mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const srcDir = dirname(dirname(fileURLToPath(import.meta.url)));
const bundle = join(dirname(srcDir), 'dist', 'atelier.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function bundleTime() {
  try {
    return statSync(bundle).mtimeMs;
  } catch {
    return -1;
  }
}

async function loadMain() {
  if (!process.env.ATELIER_NO_BUNDLE) {
    try {
      if (bundleTime() < newestSource(srcDir)) {
        const { build } = await import('esbuild');
        // Each run writes its own file and renames it into place, so concurrent runs never read a partial bundle.
        const temp = `${bundle}.${process.pid}.tmp`;
        mkdirSync(dirname(bundle), { recursive: true });
        await build({
          entryPoints: [join(srcDir, 'cli', 'main.ts')],
          outfile: temp,
          bundle: true,
          platform: 'node',
          format: 'esm',
          target: 'node20',
          packages: 'external',
          logLevel: 'silent',
        });
        renameSync(temp, bundle);
      }
      return await import(pathToFileURL(bundle).href);
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
