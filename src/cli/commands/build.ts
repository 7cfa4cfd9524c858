import { join } from 'node:path';
import { buildDecks } from '../../build/build.ts';
import { formatJson, formatText } from '../../diagnostics/report.ts';
import type { DocumentKind } from '../../render/types.ts';
import { outRootProblem } from '../../write/out-paths.ts';
import { EXIT, UsageError } from '../exit.ts';
import { parseLocaleOption } from '../locales.ts';
import { USAGE } from '../usage.ts';
import { deckDirs } from './validate.ts';

export interface BuildCliOptions {
  locale?: string;
  only?: DocumentKind;
  paper?: 'a4' | 'letter';
  printShop?: boolean;
  out?: string;
  strict?: boolean;
  format: 'text' | 'json';
}

export async function runBuild(dirs: string[], options: BuildCliOptions): Promise<number> {
  const started = performance.now();
  const locales = parseLocaleOption(options.locale, `${USAGE.build}\n`);
  const outDir = options.out ?? 'out';
  const outProblem = outRootProblem(outDir);
  if (outProblem) throw new UsageError(outProblem, `${USAGE.build}\n`);
  const result = await buildDecks(deckDirs(dirs, `${USAGE.build}\n`), {
    ...(locales ? { locales } : {}),
    ...(options.only ? { only: [options.only] } : {}),
    ...(options.paper ? { paper: options.paper } : {}),
    ...(options.printShop ? { printShop: true } : {}),
    outDir,
    ...(options.strict ? { strict: true } : {}),
  });
  if (options.format === 'json') {
    process.stdout.write(formatJson(result.diagnostics));
  } else {
    const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
    if (result.diagnostics.length > 0) process.stdout.write(formatText(result.diagnostics, { color }));
    for (const b of result.built) {
      const files = b.files
        .map((f) => {
          const body = b.fitting[f.name]?.find((floor) => floor.style === 'body');
          const tight = body ? `, body text down to ${body.size} pt on ${body.subject}` : '';
          return `${f.name} (${f.pages} p., ${Math.round(f.bytes / 1024)} KiB${tight})`;
        })
        .join(', ');
      process.stdout.write(`built ${join(outDir, b.folder)}: ${files} in ${Math.round(b.milliseconds)} ms\n`);
    }
    if (!result.ok)
      process.stdout.write('build failed: nothing was written, the previous output is untouched\n');
    else process.stdout.write(`done in ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
  }
  return result.ok ? EXIT.ok : EXIT.invalidInput;
}
