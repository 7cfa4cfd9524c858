// Runs the CommonJS bundle with a V8 code cache beside it (what Node 22's module.enableCompileCache does, which
// Node 20 lacks). Compiling the bundle's 5 MB costs every run about 0.2 s; with the cache, V8 reads back the
// compiled code of every function the command ran last time. One cache per command (build, validate...),
// written after the command's first run so that it holds the functions that command uses. A cache V8 rejects
// (another Node version) is written again; one that cannot be written (a read-only install) is skipped.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import vm from 'node:vm';

// Node 20 flags the option that lets the bundle import ES modules (pdf.js, for `export png`) as experimental on
// its first use: a notice for Node's developers, not for atelier's users.
const emitWarning = process.emitWarning;
process.emitWarning = (warning, ...rest) => {
  if (String(warning).includes('USE_MAIN_CONTEXT_DEFAULT_LOADER')) return;
  return emitWarning.call(process, warning, ...rest);
};

/** Loads the bundle's exports; `save()` writes the code cache for `command` if it was missing or stale. */
export function loadWithCodeCache(file, command) {
  const cacheFile = `${file}.${/^[a-z0-9-]+$/.test(command) ? command : 'other'}.cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {}
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
    // `import('sharp')` inside the bundle resolves as it would from the bundle file.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return {
    exports: module.exports,
    save() {
      if (cachedData && !script.cachedDataRejected) return;
      try {
        const temp = `${cacheFile}.${process.pid}`;
        writeFileSync(temp, script.createCachedData());
        renameSync(temp, cacheFile);
      } catch {
        // Not cached: the next run compiles again, nothing worse.
      }
    },
  };
}
