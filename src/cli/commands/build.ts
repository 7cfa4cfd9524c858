import { join } from 'node:path';
import { buildDecks } from '../../build/build.ts';
import { type EarlierBuild, readEarlierBuild } from '../../build/reprint.ts';
import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import { formatJson, formatText } from '../../diagnostics/report.ts';
import { REPRINT_FILE } from '../../render/index.ts';
import type { DocumentKind } from '../../render/types.ts';
import { outRootProblem } from '../../write/out-paths.ts';
import { EXIT, UsageError } from '../exit.ts';
import { parseLocaleOption } from '../locales.ts';
import { Progress } from '../progress.ts';
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
  changedSince?: string;
}

const DOCUMENT_NAMES: Record<string, string> = {
  sheets: 'context sheets',
  cards: 'cards',
  guide: 'guide',
  printShop: 'print-shop cards',
};

export async function runBuild(dirs: string[], options: BuildCliOptions): Promise<number> {
  const started = performance.now();
  const locales = parseLocaleOption(options.locale, `${USAGE.build}\n`);
  const outDir = options.out ?? 'out';
  const outProblem = outRootProblem(outDir);
  if (outProblem) throw new UsageError(outProblem, `${USAGE.build}\n`);
  const dirList = deckDirs(dirs, `${USAGE.build}\n`);
  let earlier: EarlierBuild | undefined;
  if (options.changedSince) {
    const read = readEarlierBuild(options.changedSince);
    if (!read.earlier) return report(read.diagnostics, options);
    earlier = read.earlier;
  }
  const progress = new Progress(process.stdout, options.format === 'text' && process.stdout.isTTY === true);
  const result = await buildDecks(dirList, {
    onProgress: ({ deck, locale, document }) =>
      progress.step(`building ${deck}/${locale}: ${DOCUMENT_NAMES[document] ?? document}…`),
    ...(earlier ? { changedSince: earlier } : {}),
    ...(locales ? { locales } : {}),
    ...(options.only ? { only: [options.only] } : {}),
    ...(options.paper ? { paper: options.paper } : {}),
    ...(options.printShop ? { printShop: true } : {}),
    outDir,
    ...(options.strict ? { strict: true } : {}),
  });
  progress.done();
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
      if (b.reprint) process.stdout.write(reprintLine(b.reprint, join(outDir, b.folder)));
    }
    if (!result.ok)
      process.stdout.write('build failed: nothing was written, the previous output is untouched\n');
    else process.stdout.write(`done in ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
  }
  return result.ok ? EXIT.ok : EXIT.invalidInput;
}

function reprintLine(cards: readonly string[], folder: string): string {
  if (cards.length === 0) return `no card changed since that build: nothing to reprint in ${folder}\n`;
  const list = cards.map((c) => `  ${c}\n`).join('');
  return `${REPRINT_FILE}: ${cards.length} card${cards.length === 1 ? '' : 's'} changed, front and back, in ${folder}/${REPRINT_FILE}\n${list}`;
}

function report(diagnostics: Diagnostic[], options: BuildCliOptions): number {
  if (options.format === 'json') process.stdout.write(formatJson(diagnostics));
  else
    process.stdout.write(
      formatText(diagnostics, { color: process.stdout.isTTY === true && !process.env.NO_COLOR }),
    );
  return EXIT.invalidInput;
}
