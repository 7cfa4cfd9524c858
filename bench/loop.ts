/*
 * The trainer's loop (issue 10), measured on the default kit (fr + en) in a fresh install (see install.ts):
 * - cold `atelier build` of the whole kit: the first run on fresh caches (bundle, code cache and compiled
 *   layouts made on the way), then warm runs, median judged; the same for cards only;
 * - `atelier watch`: time from saving a one-word change in one event card to both locales' event-cards.pdf
 *   updated on disk, median of 20 saves, and to the whole kit (the guide follows the cards); then a label
 *   change and a locale-file change, from the save to the watch's rebuild line;
 * - `atelier export png` at 300 dpi: time and size.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshInstall, median, range } from './install.ts';

const install = freshInstall();
const cli = join(install, 'src', 'cli', 'bin.js');
const deck = join(install, 'decks', 'open-data-territoires');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function timedCli(args: string[]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, [cli, ...args], { cwd: install, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`atelier ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
  return (performance.now() - started) / 1000;
}

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const out = join(install, 'out');
const build = (only?: string) => timedCli(['build', deck, '--out', out, ...(only ? ['--only', only] : [])]);

// 1. Cold builds. The very first run builds the bundle and every cache: reported apart, never judged.
const firstRun = build();
const full: number[] = [];
const cards: number[] = [];
for (let i = 0; i < RUNS; i++) {
  full.push(build());
  cards.push(build('cards'));
}
console.log('cold `atelier build`, default kit, fr + en (a new process each time)');
console.log(`  first run on fresh caches (bundle, code cache, layouts)   ${firstRun.toFixed(2)} s`);
console.log(
  `  whole kit, warm caches: median of ${RUNS}                     ${median(full).toFixed(2)} s (${range(full)})`,
);
console.log(
  `  cards only, warm caches: median of ${RUNS}                    ${median(cards).toFixed(2)} s (${range(cards)})`,
);

// 2. Watch. One long-running process; each save waits for the previous rebuild to finish.
const events = join(deck, 'events-cadrage.yaml');
const pdf = (locale: string, name: string) => join(out, 'open-data-territoires', locale, name);
/** A file's mtime; -1 for the instant a folder swap leaves it absent (the new folder is being renamed in). */
const mtime = (file: string) => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
};

interface Watch {
  child: ChildProcess;
  lines: { at: number; text: string }[];
}

async function startWatch(): Promise<Watch> {
  const child = spawn(process.execPath, [cli, 'watch', deck, '--out', out], {
    cwd: install,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const watch: Watch = { child, lines: [] };
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const text of parts) watch.lines.push({ at: performance.now(), text });
  });
  while (!watch.lines.some((l) => l.text.startsWith('watching'))) await sleep(20);
  return watch;
}

/** Saves `text` to `file` and resolves once the watch prints its next rebuild line: ms from save to line. */
async function saveAndWaitLine(
  watch: Watch,
  file: string,
  text: string,
): Promise<{ ms: number; line: string }> {
  const seen = watch.lines.length;
  const saved = performance.now();
  writeFileSync(file, text);
  for (;;) {
    const line = watch.lines.slice(seen).find((l) => /^\[\d\d:\d\d:\d\d\]/.test(l.text));
    if (line) return { ms: line.at - saved, line: line.text };
    await sleep(2);
  }
}

const watch = await startWatch();
const source = readFileSync(events, 'utf8');
const cardMs: number[] = [];
const kitMs: number[] = [];
for (let i = 0; i < 20; i++) {
  await sleep(300);
  const files = ['fr', 'en'].map((l) => pdf(l, 'event-cards.pdf'));
  const before = files.map(mtime);
  const seen = watch.lines.length;
  const saved = performance.now();
  // One word of one card's situation, alternately two spellings.
  writeFileSync(
    events,
    source.replace('une licence maison', i % 2 ? 'une licence interne' : 'une licence propre'),
  );
  while (files.some((f, k) => [before[k], -1].includes(mtime(f)))) await sleep(1);
  cardMs.push(performance.now() - saved);
  while (!watch.lines.slice(seen).some((l) => /^\[\d\d:\d\d:\d\d\]/.test(l.text))) await sleep(2);
  kitMs.push((watch.lines.slice(seen).find((l) => /^\[/.test(l.text))?.at ?? performance.now()) - saved);
}
await sleep(300);
const labels = join(install, 'templates', 'labels', 'fr.yaml');
const label = await saveAndWaitLine(
  watch,
  labels,
  readFileSync(labels, 'utf8').replace('questions: Questions', 'questions: Vos questions'),
);
await sleep(300);
const localeFile = join(deck, 'locales', 'en.yaml');
const locale = await saveAndWaitLine(
  watch,
  localeFile,
  readFileSync(localeFile, 'utf8').replace('text: Which licence?', 'text: What licence?'),
);
await sleep(300);
// The same card edit through a cold build, for comparison.
writeFileSync(events, source.replace('une licence maison', 'une licence ouverte'));
const watchExit = new Promise((resolve) => watch.child.once('exit', resolve));
watch.child.kill('SIGINT');
await watchExit;
const sameEditCold = build();

console.log('`atelier watch`, default kit, fr + en: one-word change in one event card, 20 saves');
console.log(
  `  save -> both locales' event-cards.pdf on disk: median ${median(cardMs).toFixed(0)} ms (${range(cardMs, 0)})`,
);
console.log(
  `  save -> whole kit on disk (guides follow):     median ${median(kitMs).toFixed(0)} ms (${range(kitMs, 0)})`,
);
console.log(
  `  label change (templates/labels/fr.yaml):       ${label.ms.toFixed(0)} ms  ${label.line.replace(install, '')}`,
);
console.log(
  `  locale-file change (locales/en.yaml):          ${locale.ms.toFixed(0)} ms  ${locale.line.replace(install, '')}`,
);
console.log(`  the same card edit through a cold build:       ${(sameEditCold * 1000).toFixed(0)} ms`);

// 3. PNG export.
const exportStarted = performance.now();
timedCli(['export', 'png', deck, '--out', out, '--dpi', '300', '--sheet', 'tts']);
const exportSeconds = (performance.now() - exportStarted) / 1000;
let pngBytes = 0;
let pngFiles = 0;
for (const locale of ['fr', 'en']) {
  const folder = join(out, 'open-data-territoires', 'png', locale);
  for (const name of readdirSync(folder)) {
    pngBytes += statSync(join(folder, name)).size;
    if (name.endsWith('.png')) pngFiles++;
  }
}
console.log('`atelier export png --dpi 300 --sheet tts`, default kit, fr + en');
console.log(`  ${exportSeconds.toFixed(1)} s, ${pngFiles} images, ${(pngBytes / 1024 / 1024).toFixed(1)} MB`);

rmSync(install, { recursive: true, force: true });
const checks = [
  ['watch: card edit to both PDFs, median <= 300 ms', median(cardMs) <= 300],
  ['cold build of the whole kit, median <= 1.2 s', median(full) <= 1.2],
] as const;
for (const [text, ok] of checks) console.log(`${ok ? 'ok  ' : 'MISS'} ${text}`);
if (!checks.every(([, ok]) => ok)) process.exitCode = 1;
