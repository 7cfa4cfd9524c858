import { formatText } from '../../diagnostics/report.ts';
import type { DocumentKind } from '../../render/types.ts';
import type { PreviewServer } from '../../serve/server.ts';
import { type KitWatcher, rebuildLine } from '../../watch/watch.ts';
import { EXIT, UsageError } from '../exit.ts';
import { USAGE } from '../usage.ts';
import { deckDirs } from './validate.ts';

export interface WatchCliOptions {
  locale?: string;
  only?: DocumentKind;
  paper?: 'a4' | 'letter';
  out?: string;
  serve?: boolean;
  port?: string;
}

/**
 * `atelier watch`: builds, then rebuilds what each save touched until Ctrl-C; with `--serve`, a preview page on
 * 127.0.0.1 that follows the rebuilds. Resolves (exit 0) once stopped cleanly.
 */
export async function runWatch(dirs: string[], options: WatchCliOptions): Promise<number> {
  const decks = deckDirs(dirs, `${USAGE.watch}\n`);
  const port = options.port === undefined ? 4173 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a port number, not \`${options.port}\``, `${USAGE.watch}\n`);
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  const { KitWatcher } = await import('../../watch/watch.ts');
  // Ctrl-C is caught from the start: one arriving during the first build stops once that build is written,
  // never in the middle of a write.
  let stopRequested = false;
  let requestStop = () => {
    stopRequested = true;
  };
  const onSignal = () => requestStop();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let preview: PreviewServer | undefined;
  const watcher: KitWatcher = await KitWatcher.start(decks, {
    ...(options.locale ? { locales: splitList(options.locale) } : {}),
    ...(options.only ? { only: [options.only] } : {}),
    ...(options.paper ? { paper: options.paper } : {}),
    ...(options.out ? { outDir: options.out } : {}),
    onRebuild: (rebuild, changed) => {
      const problems = rebuild.result.diagnostics.filter((d) => !rebuild.ok || d.severity === 'error');
      if (problems.length > 0) process.stdout.write(formatText(problems, { color }));
      process.stdout.write(`${rebuildLine(rebuild, changed)}\n`);
      preview?.notify(rebuild);
    },
    onFirstWrite: () => preview?.notify(),
    onError: (e) => {
      process.stderr.write(
        `atelier: internal error during a rebuild: ${e instanceof Error ? e.message : String(e)}\n` +
          'This is a bug in atelier, not in your deck; watch goes on. Set ATELIER_DEBUG=1 to see the details.\n',
      );
      if (process.env.ATELIER_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    },
  });
  if (options.serve && !stopRequested) {
    const { startPreview } = await import('../../serve/server.ts');
    preview = await startPreview(watcher, { port });
    process.stdout.write(`preview on ${preview.url}\n`);
  }
  if (!stopRequested) {
    process.stdout.write('watching for changes; Ctrl-C to stop\n');
    await new Promise<void>((stop) => {
      requestStop = stop;
    });
  }
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  await preview?.close();
  await watcher.close();
  process.stdout.write('stopped\n');
  return EXIT.ok;
}

function splitList(list: string): string[] {
  return list
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean);
}
