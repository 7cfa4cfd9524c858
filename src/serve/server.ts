import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { PACKAGE_ROOT } from '../paths.ts';
import type { Rebuild } from '../watch/incremental.ts';
import type { KitWatcher } from '../watch/watch.ts';
import { PreviewImages } from './images.ts';
import { type PreviewState, previewLocale, previewProblems } from './state.ts';

export interface PreviewServer {
  url: string;
  port: number;
  /** Tells the page that a rebuild finished (or the cards of one are on disk). */
  notify(rebuild?: Rebuild): void;
  close(): Promise<void>;
}

/** The page's own files: nothing else of the package is served. */
const ASSETS: Record<string, string> = {
  'preview.js': 'text/javascript; charset=utf-8',
  'preview.css': 'text/css; charset=utf-8',
};
const ASSETS_DIR = join(PACKAGE_ROOT, 'src', 'serve', 'assets');

/**
 * The live preview: a page on 127.0.0.1 listing each deck, locale and document, with every card face and
 * page as an image, told of each rebuild by server-sent events. It serves the last good outputs and the page's
 * own assets, nothing else, and answers only requests addressed to 127.0.0.1 or localhost on its port (a page
 * elsewhere cannot reach it through a rebound DNS name).
 */
export async function startPreview(
  watcher: KitWatcher,
  options: { port?: number } = {},
): Promise<PreviewServer> {
  const images = new PreviewImages();
  let version = 1;
  let problems = previewProblems([]);
  const listeners = new Set<() => void>();
  const allowedHosts = new Set<string>();

  const state = (): PreviewState => ({
    version,
    ok: problems.length === 0,
    problems,
    locales: watcher.build.locales.map(previewLocale),
  });
  const localeOf = (deck: string, locale: string) =>
    watcher.build.locales.find((l) => l.deck === deck && l.locale === locale);

  const app = new Hono();
  app.use('*', async (c, next) => {
    if (!allowedHosts.has(c.req.header('host') ?? '')) return c.text('atelier preview: unknown host\n', 403);
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
  });
  app.get('/', (c) => c.html(readAsset('preview.html')));
  app.get('/assets/:name', (c) => {
    const name = c.req.param('name');
    const type = ASSETS[name];
    if (!type) return c.notFound();
    return c.body(readAsset(name), 200, { 'Content-Type': type });
  });
  app.get('/api/state', (c) => c.json(state(), 200, { 'Cache-Control': 'no-store' }));
  app.get('/events', (c) =>
    streamSSE(c, async (stream) => {
      let wake: (() => void) | undefined;
      const listener = () => wake?.();
      listeners.add(listener);
      stream.onAbort(() => {
        listeners.delete(listener);
        wake?.();
      });
      await stream.writeSSE({ event: 'state', data: String(version) });
      while (!stream.aborted && !stream.closed) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        if (stream.aborted || stream.closed) break;
        await stream.writeSSE({ event: 'state', data: String(version) });
      }
      listeners.delete(listener);
    }),
  );
  // Image addresses name the content (a face's drawing hash, a file's sha256): they never change meaning.
  app.get('/card/:deck/:locale/:face', async (c) => {
    const { deck, locale, face } = c.req.param();
    const current = localeOf(deck, locale);
    const hash = /^([0-9a-f]{32})\.png$/.exec(face)?.[1];
    const png = current && hash ? images.card(current, hash) : undefined;
    return (png && (await pngResponse(png))) ?? c.notFound();
  });
  app.get('/page/:deck/:locale/:sha/:page', async (c) => {
    const { deck, locale, sha, page } = c.req.param();
    const current = localeOf(deck, locale);
    const number = /^(\d+)\.png$/.exec(page)?.[1];
    const png = current && number ? images.page(current, sha, Number(number)) : undefined;
    return (png && (await pngResponse(png))) ?? c.notFound();
  });
  app.get('/pdf/:deck/:locale/:file', (c) => {
    const { deck, locale, file } = c.req.param();
    const bytes = localeOf(deck, locale)?.files.get(file);
    if (!bytes) return c.notFound();
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': 'application/pdf',
      'Cache-Control': 'no-store',
    });
  });

  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: options.port ?? 4173 });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts.add(`127.0.0.1:${port}`);
  allowedHosts.add(`localhost:${port}`);

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    notify(rebuild?: Rebuild) {
      if (rebuild) problems = rebuild.ok ? [] : previewProblems(rebuild.result.diagnostics);
      version++;
      for (const listener of listeners) listener();
    },
    async close() {
      for (const listener of [...listeners]) listener();
      listeners.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await images.close();
    },
  };
}

/** The PNG being made, as a response; undefined (a 404 for the page) when it cannot be made. */
async function pngResponse(making: Promise<Buffer>): Promise<Response | undefined> {
  let bytes: Buffer;
  try {
    bytes = await making;
  } catch (e) {
    debug(e);
    return undefined;
  }
  // Image URLs carry the content's hash (`?v=`): what is fetched once never changes.
  return new Response(new Uint8Array(bytes), {
    headers: { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=31536000, immutable' },
  });
}

function readAsset(name: string): string {
  return readFileSync(join(ASSETS_DIR, name), 'utf8');
}

/** An image that cannot be made is a 404 for the page; with ATELIER_DEBUG, why. */
function debug(e: unknown): void {
  if (process.env.ATELIER_DEBUG)
    process.stderr.write(`preview: ${e instanceof Error ? e.stack : String(e)}\n`);
}
