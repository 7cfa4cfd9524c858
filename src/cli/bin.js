#!/usr/bin/env node
// Entry point of `npx atelier`. It runs a bundle of src/ and its dependencies (launch/bundle.js), built on the
// first run and after any change, with a V8 code cache (launch/code-cache.js): start-up reads a few files and
// compiled code instead of compiling a hundred TypeScript modules and resolving some four hundred package
// files one by one (about a second in all). Should bundling fail for any reason, the sources run through tsx
// instead: slower to start, same behaviour.

/** The bundled CLI, loaded with its code cache; undefined if it cannot be built or loaded. */
async function loadBundle(command) {
  if (process.env.ATELIER_NO_BUNDLE) return undefined;
  try {
    const [{ bundleFile }, { loadWithCodeCache }] = await Promise.all([
      import('./launch/bundle.js'),
      import('./launch/code-cache.js'),
    ]);
    return loadWithCodeCache(await bundleFile(), command);
  } catch {
    return undefined;
  }
}

/**
 * Ends the process once its output is written. Left to end by itself, Node waits for V8's background work
 * (optimizing compilers, concurrent marking) to finish first, about 50 ms after a build that nothing needs.
 */
async function exitWhenWritten(code) {
  for (const stream of [process.stdout, process.stderr])
    if (stream.writableLength > 0) await new Promise((done) => stream.once('drain', done));
  process.exit(code);
}

async function run(args) {
  const bundle = await loadBundle(args.find((a) => !a.startsWith('-')) ?? 'help');
  if (bundle) {
    // Code compiled from a V8 cache cannot run `import()` on Node 20: this module imports for the bundle.
    bundle.exports.setHarfBuzzImporter?.(() => import('harfbuzzjs'));
    const code = await bundle.exports.main(args);
    bundle.save();
    await exitWhenWritten(code);
    return code;
  }
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('./main.ts');
  return main(args);
}

// A reader that stops early (`atelier validate | head`) closes the pipe: that is not an error worth a stack.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await run(process.argv.slice(2));
