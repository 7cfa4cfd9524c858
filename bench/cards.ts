/*
 * `npm run bench` (second part): builds generated decks of 1,000 and 5,000 poker cards (80-word bodies, two
 * questions, shrink-to-fit, crop marks, backs) through the real CLI of a fresh install, and prints wall time,
 * ms per card, peak RSS and PDF size against the targets of issue 3. The words are the shipped deck's own (a
 * deck of 20 repeated words lays out a third faster and makes a PDF half the size: fewer distinct words to
 * measure, fewer glyphs to embed). Cards only (`--only cards`) beside full builds (sheets, cards and the
 * guide, which prints every card's notes). Timing lives here, not in unit tests: these machines are noisy.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { freshInstall } from './install.ts';

/** Every word of the shipped deck's cards, in order, repeats included: a real vocabulary and word frequency. */
function shippedWords(): string[] {
  const dir = 'decks/open-data-territoires';
  const text = readdirSync(dir)
    .filter((f) => f.startsWith('events-') && f.endsWith('.yaml'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  return text
    .split('\n')
    .filter(
      (line) =>
        !/^\s*(-\s*)?[a-zA-Z]+:\s*([a-z0-9-]*|[>|][-+]?)\s*$/.test(line) && !line.trim().startsWith('#'),
    )
    .join(' ')
    .replace(/^\s*(-\s*)?[a-zA-Z]+:/gm, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^[«"'(>|-]+|[»"',.;:!?)]+$/g, ''))
    .filter((w) => /\p{L}/u.test(w) && !w.includes(':'));
}

const WORDS = shippedWords();

/** Deterministic pseudo-random words, so every run measures the same deck. */
function words(count: number, seed: number): string {
  let state = seed;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out.push(WORDS[state % WORDS.length] as string);
  }
  return `${out.join(' ')}.`;
}

function makeDeck(dir: string, cards: number): void {
  const phases = ['one', 'two', 'three'].map((id, i) => ({
    id,
    title: `Phase ${id}`,
    goal: words(12, i),
    durationMinutes: 30,
    colour: ['#1f6feb', '#b35900', '#2d7d46'][i],
  }));
  const contexts = ['a', 'b', 'c'].map((id) => ({
    id,
    name: `Context ${id}`,
    kind: 'Ville',
    territory: words(20, 7),
    figures: [{ label: 'Habitants', value: '42 000' }],
    objectives: [words(10, 1)],
    attitudes: [{ who: 'Élus', level: 2, reason: words(8, 2) }],
    ecosystem: [{ who: 'Entreprises', level: 1, reason: words(8, 3) }],
    data: [words(6, 4)],
    tensions: [words(10, 5)],
  }));
  const events = Array.from({ length: cards }, (_, i) => ({
    id: `card-${i + 1}`,
    phase: phases[i % 3]?.id,
    category: 'technical',
    title: `Carte ${i + 1} ${words(3, i)}`,
    situation: words(80, i + 11),
    questions: [words(10, i + 13), words(9, i + 17)],
    notes: words(20, i),
  }));
  const deck = {
    meta: {
      id: 'bench',
      title: 'Bench',
      language: 'fr',
      date: '2026-01-01',
      authors: ['bench'],
      licence: 'CC0',
      durationMinutes: 120,
      participants: { min: 6, max: 24 },
      teams: 3,
    },
    print: { paper: 'a4', card: 'poker' },
    phases,
    categories: [{ id: 'technical', title: 'Technique' }],
    contextSections: [
      { id: 'figures', title: 'Chiffres clés', kind: 'figures' },
      { id: 'territory', title: 'Territoire', kind: 'paragraph' },
      { id: 'objectives', title: 'Objectifs', kind: 'numbered' },
      { id: 'data', title: 'Données', kind: 'bullets' },
      { id: 'attitudes', title: 'Attitudes', kind: 'gauges', scale: { low: 'hostiles', high: 'moteurs' } },
      { id: 'ecosystem', title: 'Écosystème', kind: 'gauges', scale: { low: 'absent', high: 'foisonnant' } },
      { id: 'tensions', title: 'Tensions', kind: 'notes' },
    ],
    contexts,
    guide: {
      purpose: 'Bench.',
      objectives: ['Measure.'],
      messages: ['Fast.'],
      agenda: phases.map((p) => ({ id: `a-${p.id}`, phase: p.id })),
    },
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'deck.yaml'), stringify(deck, { lineWidth: 0 }));
  // Deck files are capped at 1 MiB each, as a trainer's would be: spread the cards over several files.
  for (let start = 0; start < events.length; start += 500) {
    writeFileSync(
      join(dir, `events-${start / 500 + 1}.yaml`),
      stringify({ events: events.slice(start, start + 500) }, { lineWidth: 0 }),
    );
  }
}

/** Runs per deck size: these machines are noisy, so each size is timed several times and the median judged. */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

interface Measure {
  cards: number;
  scope: 'cards' | 'full';
  /** Wall time of each run, in seconds, sorted. */
  seconds: number[];
  /** Highest peak RSS of the runs. */
  rssMb: number | undefined;
  pdfBytes: number;
}

const median = (sorted: number[]) => sorted[Math.floor((sorted.length - 1) / 2)] as number;

function run(cards: number, scope: 'cards' | 'full' = 'cards'): Measure {
  const root = mkdtempSync(join(tmpdir(), 'atelier-bench-'));
  try {
    const deckDir = join(root, 'deck');
    makeDeck(deckDir, cards);
    const seconds: number[] = [];
    let rssMb: number | undefined;
    let pdfBytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const out = join(root, `out-${i}`);
      const cli = [
        cliPath,
        'build',
        deckDir,
        ...(scope === 'cards' ? ['--only', 'cards'] : []),
        '--out',
        out,
      ];
      const timed = existsSync('/usr/bin/time');
      const started = performance.now();
      const child = timed
        ? spawnSync('/usr/bin/time', ['-f', 'rss=%M', process.execPath, ...cli], {
            encoding: 'utf8',
            maxBuffer: 256 * 1024 * 1024,
          })
        : spawnSync(process.execPath, cli, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      seconds.push((performance.now() - started) / 1000);
      if (child.status !== 0)
        throw new Error(`build of ${cards} cards failed:\n${child.stdout}\n${child.stderr}`);
      const rss = /rss=(\d+)/.exec(child.stderr ?? '');
      if (rss) rssMb = Math.max(rssMb ?? 0, Number(rss[1]) / 1024);
      pdfBytes = statSync(join(out, 'bench', 'fr', 'event-cards.pdf')).size;
      rmSync(out, { recursive: true, force: true });
    }
    return { cards, scope, seconds: seconds.sort((a, b) => a - b), rssMb, pdfBytes };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

// A fresh install: its first build makes the CLI bundle, the compiled-code cache and the compiled layouts that
// every later build reads. That first run is timed and shown apart; the runs judged are the warm ones, as a
// trainer's builds after the first would be.
const install = freshInstall();
const cliPath = join(install, 'src', 'cli', 'bin.js');
const firstDeck = mkdtempSync(join(tmpdir(), 'atelier-bench-'));
makeDeck(join(firstDeck, 'deck'), 1000);
const firstStarted = performance.now();
spawnSync(
  process.execPath,
  [cliPath, 'build', join(firstDeck, 'deck'), '--only', 'cards', '--out', join(firstDeck, 'out')],
  {
    encoding: 'utf8',
  },
);
const firstSeconds = (performance.now() - firstStarted) / 1000;
rmSync(firstDeck, { recursive: true, force: true });
console.log(`vocabulary: ${WORDS.length} words of the shipped deck's cards, ${new Set(WORDS).size} distinct`);
console.log(
  `first build of 1,000 cards on fresh caches (bundle, code cache, layouts made): ${firstSeconds.toFixed(2)} s`,
);
const results = [run(1000), run(5000), run(1000, 'full')];
rmSync(install, { recursive: true, force: true });
const pad = (s: string, n: number) => s.padStart(n);
console.log(
  `median of ${RUNS} warm runs per size (min-max in brackets); peak RSS is the highest of the runs`,
);
console.log(
  `${pad('cards', 6)} ${pad('build', 6)} ${pad('wall s', 8)} ${pad('(min-max)', 13)} ${pad('ms/card', 8)} ${pad('peak RSS MB', 12)} ${pad('PDF KB', 8)} ${pad('KB/1000', 8)}`,
);
for (const r of results) {
  const wall = median(r.seconds);
  const range = `(${(r.seconds[0] as number).toFixed(2)}-${(r.seconds.at(-1) as number).toFixed(2)})`;
  console.log(
    `${pad(String(r.cards), 6)} ${pad(r.scope, 6)} ${pad(wall.toFixed(2), 8)} ${pad(range, 13)} ${pad(((wall * 1000) / r.cards).toFixed(2), 8)} ${pad(r.rssMb === undefined ? 'n/a' : r.rssMb.toFixed(0), 12)} ${pad((r.pdfBytes / 1024).toFixed(0), 8)} ${pad(((r.pdfBytes / 1024 / r.cards) * 1000).toFixed(0), 8)}`,
  );
}
// Hostile input must be refused fast: the alias bomb ("billion laughs") of the test fixtures, in process.
const { validateDeck } = await import('../src/api.ts');
let aliasBombMs = Number.POSITIVE_INFINITY;
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  validateDeck('tests/fixtures/broken/alias-bomb');
  aliasBombMs = Math.min(aliasBombMs, performance.now() - started);
}
console.log(`alias bomb refused in ${aliasBombMs.toFixed(1)} ms (best of 5)`);

const [k1, k5] = results as [Measure, Measure, Measure];
const checks = [
  ['1,000 cards under 2 s wall (median)', median(k1.seconds) < 2],
  ['5,000 cards under 6x the 1,000-card time (medians)', median(k5.seconds) < 6 * median(k1.seconds)],
  ['peak RSS under 300 MB (cards only)', [k1, k5].every((r) => r.rssMb === undefined || r.rssMb < 300)],
  ['PDF under 1 MB per 1,000 cards', [k1, k5].every((r) => r.pdfBytes / r.cards < 1024)],
  ['alias bomb refused in well under a second (100 ms)', aliasBombMs < 100],
] as const;
for (const [label, ok] of checks) console.log(`${ok ? 'ok  ' : 'MISS'} ${label}`);
if (!checks.every(([, ok]) => ok)) process.exitCode = 1;
