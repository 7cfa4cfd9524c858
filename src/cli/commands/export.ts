import { formatJson, formatText } from '../../diagnostics/report.ts';
import { EXIT, UsageError } from '../exit.ts';
import { USAGE } from '../usage.ts';
import { deckDirs } from './validate.ts';

export interface ExportPngCliOptions {
  locale?: string;
  dpi?: string;
  bleed?: boolean;
  sheet?: 'tts';
  paper?: 'a4' | 'letter';
  out?: string;
  format: 'text' | 'json';
}

/** `atelier export png`: card images for slides, remote sessions and Tabletop Simulator. */
export async function runExportPng(dirs: string[], options: ExportPngCliOptions): Promise<number> {
  const usage = `${USAGE.export}\n`;
  const decks = deckDirs(dirs, usage);
  const dpi = options.dpi === undefined ? 300 : Number(options.dpi);
  if (!Number.isFinite(dpi) || dpi < 36 || dpi > 1200)
    throw new UsageError(`--dpi must be a number from 36 to 1200, not \`${options.dpi}\``, usage);
  const started = performance.now();
  const { exportPng } = await import('../../export/png.ts');
  const result = await exportPng(decks, {
    dpi,
    ...(options.locale
      ? {
          locales: options.locale
            .split(',')
            .map((l) => l.trim())
            .filter(Boolean),
        }
      : {}),
    ...(options.bleed ? { bleed: true } : {}),
    ...(options.sheet ? { sheet: options.sheet } : {}),
    ...(options.paper ? { paper: options.paper } : {}),
    ...(options.out ? { outDir: options.out } : {}),
  });
  if (options.format === 'json') {
    process.stdout.write(formatJson(result.diagnostics));
  } else {
    const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
    const shown = result.ok ? result.diagnostics.filter((d) => d.severity === 'error') : result.diagnostics;
    if (shown.length > 0) process.stdout.write(formatText(shown, { color }));
    for (const e of result.exported) {
      const bytes = e.files.reduce((sum, f) => sum + f.bytes, 0);
      const images = e.files.filter((f) => f.name.endsWith('.png')).length;
      process.stdout.write(
        `exported ${options.out ?? 'out'}/${e.folder}: ${e.cards} cards, ${images} images at ${dpi} dpi` +
          `${options.bleed ? ' with bleed' : ''}, ${(bytes / 1024 / 1024).toFixed(1)} MB\n`,
      );
    }
    if (!result.ok) process.stdout.write('export failed: nothing was written\n');
    else process.stdout.write(`done in ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
  }
  return result.ok ? EXIT.ok : EXIT.invalidInput;
}
