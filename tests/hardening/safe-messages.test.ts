import { beforeAll, describe, expect, it } from 'vitest';
import { error, warning } from '../../src/diagnostics/diagnostic.ts';
import { escapeControls } from '../../src/diagnostics/escape.ts';
import { codeFrame, FRAME_WIDTH } from '../../src/diagnostics/frame.ts';
import { formatJson, formatText } from '../../src/diagnostics/report.ts';
import { runCli } from '../helpers/run-cli.ts';
import { hostileBuild, hostileDeck } from './hostile-build.ts';

/*
 * Issue 13, build item 3 (rows 4, 13, 14): what atelier prints is safe to print. Deck text reaches the terminal
 * only with its control characters escaped, code frames stay a window around the column however long the
 * line, and a problem of the deck is located in the deck, never in markup the layouts generated.
 */

/** C0 controls but tab and line feed, DEL and C1 controls: what a terminal acts on. */
function terminalControls(text: string): string[] {
  return [...text].filter((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return (code < 0x20 && code !== 0x09 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f);
  });
}

// The first CLI run after a source change builds the launcher's bundle: not part of any timing below.
beforeAll(async () => {
  await runCli(['--help']);
}, 120_000);

describe('control characters are shown escaped (row 4)', () => {
  it('escapes ESC, BEL, C1 controls and bidirectional overrides, and keeps tabs and line feeds', () => {
    expect(escapeControls('\u001b[2J\u001b]0;x\u0007 \u009b \u202e')).toBe(
      '\\u001B[2J\\u001B]0;x\\u0007 \\u009B \\u202E',
    );
    expect(escapeControls('a\tb\nc')).toBe('a\tb\nc');
    expect(escapeControls('a\nb', { oneLine: true })).toBe('a\\u000Ab');
  });

  it('escapes them in messages, hints and code frames, with the caret under the same character', () => {
    const source = 'phases:\n  - id: "x\u001b[2Jy"\n';
    const text = formatText(
      [
        error(
          'ref/unknown-phase',
          'phase `\u001b[2J\u0007` does not exist',
          { file: 'd.yaml', line: 2, column: 15 },
          'hint \u001b',
        ),
      ],
      { readSource: () => source },
    );
    expect(terminalControls(text)).toEqual([]);
    expect(text).toContain('phase `\\u001B[2J\\u0007` does not exist');
    expect(text).toContain('hint: hint \\u001B');
    const lines = text.split('\n');
    const framed = lines.findIndex((l) => l.includes('> 2 |'));
    expect(lines[framed]).toContain('id: "x\\u001B[2Jy"');
    // Column 15 is the `y` after the ESC: the caret stands under it, not 5 columns early.
    const caret = lines[framed + 1]?.indexOf('^') ?? -1;
    expect(lines[framed]?.[caret]).toBe('y');
  });

  it('keeps JSON output parseable to the same strings, with no raw C1 or bidi control', () => {
    const message = 'a \u009b b \u202e c \u001b d';
    const json = formatJson([warning('x/y', message, { file: 'f', line: 1, column: 1 })]);
    expect(terminalControls(json)).toEqual([]);
    expect(json).not.toContain('\u202e');
    expect(JSON.parse(json)[0].message).toBe(message);
  });

  it('prints no raw control byte when a deck holds ESC and BEL, and fails with the deck line', async () => {
    const deck = hostileDeck((d) => d.replace('    phase: realisation', '    phase: "\\e[2J\\e]0;x\\a"'));
    const run = await hostileBuild(deck);
    expect(run.status).toBe(1);
    expect(terminalControls(run.stdout)).toEqual([]);
    expect(run.stdout).toContain('names phase `\\u001B[2J\\u001B]0;x\\u0007`');
    expect(run.stdout).toMatch(/deck\.yaml:88:12 error/);
  });
});

describe('code frames are a window around the column (row 13)', () => {
  it('cuts a long line to FRAME_WIDTH columns around the column, marking both cuts', () => {
    const line = `key: ${'word '.repeat(200_000)}END`;
    const frame = codeFrame(`before\n${line}\nafter\n`, { line: 2, column: 500_000 });
    const shown = frame.split('\n').find((l) => l.startsWith('>'));
    expect(shown).toMatch(/^> 2 \| ….*…$/);
    expect(shown?.length).toBeLessThan(FRAME_WIDTH + 20);
    expect(frame.length).toBeLessThan(4 * (FRAME_WIDTH + 20));
  });

  it('shows a short line whole, as before', () => {
    expect(codeFrame('a: 1\nb: 2\nc: 3\n', { line: 2, column: 4, endColumn: 5 })).toBe(
      '  1 | a: 1\n> 2 | b: 2\n    |    ^\n  3 | c: 3',
    );
  });

  it('reports a warning on a 900 KB one-line value in a few kilobytes', async () => {
    const huge = 'mot '.repeat(225_000);
    const deck = hostileDeck((d) =>
      d.replace(
        '    situation: Le délégataire refuse de transmettre les horaires.',
        `    situation: ${huge}`,
      ),
    );
    // --strict makes the warning fail the build, so that out/ must stay as it was.
    const run = await hostileBuild(deck, { args: ['--only', 'cards', '--strict'] });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/deck\.yaml:91:16 warning .*do not fit/);
    expect(run.stdout.length).toBeLessThan(4_000);
  });
});

describe('every deck problem is located in the deck (row 14)', () => {
  it('reports a NUL in the title at its line, not in the guide’s generated markup', async () => {
    const deck = hostileDeck((d) => d.replace('  title: Atelier minimal', '  title: "Bad \\0 x"'));
    const run = await hostileBuild(deck);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/deck\.yaml:3:10 error `meta\.title` holds the control character U\+0000/);
    expect(run.stdout).not.toMatch(/\(filled\)|guide\.hbs/);
  });

  it('reports control characters in a card title once per character, at the card', async () => {
    const deck = hostileDeck((d) =>
      d.replace('    title: Quelle licence ?', '    title: "Bad \\0 x \\e[2J"'),
    );
    const run = await hostileBuild(deck);
    const lines = run.stdout.split('\n').filter((l) => l.includes('[text/control-character]'));
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/deck\.yaml:80:12 error `event\.licence-choice\.title`/);
  });
});
