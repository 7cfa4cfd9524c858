import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDeck } from '../../src/api.ts';
import { formatText } from '../../src/diagnostics/report.ts';
import { localeStatus } from '../../src/i18n/status.ts';
import { tempDir } from '../helpers/temp-dirs.ts';
import { expectClean, runTimed } from './cli-run.ts';
import { copyI18nDeck, snapshot } from './helpers.ts';

/*
 * Issue 13, rows 2, 3, 5, 6 and 7: files a deck must never read (links out of the deck, pipes, devices,
 * paths made from locale tags) and the checks `validate` must share with `build`. Each case runs the CLI as a
 * user would and checks: the exit code, a diagnostic naming the file, nothing quoted from outside the deck,
 * no hang, and the deck and the output folder unchanged.
 */

const PASSWD_LINE = /root:.*:0:0:/;

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/** A deck, an output folder, and a way to check both are as they were. */
function setup(change: (deck: string) => void) {
  const deck = copyI18nDeck();
  change(deck);
  const out = join(tempDir(), 'out');
  const before = snapshot(deck);
  return {
    deck,
    out,
    unchanged() {
      expect(snapshot(deck)).toEqual(before);
      expect(snapshot(out)).toBeUndefined();
    },
  };
}

describe.concurrent('files atelier must not read (CLI)', () => {
  for (const [label, name] of [
    ['deck.yaml', 'deck.yaml'],
    ['an extra deck file', 'extra.yaml'],
    ['a locale file', 'locales/en.yaml'],
  ] as const) {
    it(`row 2: ${label} linked to /etc/passwd is refused and never quoted`, async () => {
      const t = setup((deck) => {
        rmSync(join(deck, name), { force: true });
        symlinkSync('/etc/passwd', join(deck, name));
      });
      for (const args of [
        ['validate', t.deck],
        ['build', t.deck, '--out', t.out, '--only', 'cards'],
      ]) {
        const run = await runTimed(args);
        expectClean(run, 1);
        expect(run.stdout).toMatch(/links to a file outside the deck folder/);
        expect(run.stdout).toContain('load/outside-deck');
        expect(`${run.stdout}${run.stderr}`).not.toMatch(PASSWD_LINE);
      }
      t.unchanged();
    });

    it(`row 5: ${label} as a FIFO is refused without hanging`, async () => {
      const t = setup((deck) => {
        rmSync(join(deck, name), { force: true });
        mkfifo(join(deck, name));
      });
      for (const args of [
        ['validate', t.deck],
        ['build', t.deck, '--out', t.out, '--only', 'cards'],
      ]) {
        const run = await runTimed(args);
        expectClean(run, 1);
        expect(run.stdout).toMatch(/is a named pipe \(FIFO\), not a file/);
      }
      t.unchanged();
    });
  }

  it('row 6: a deck file linked to /dev/zero is refused, not read', async () => {
    const t = setup((deck) => symlinkSync('/dev/zero', join(deck, 'zero.yaml')));
    const run = await runTimed(['validate', t.deck]);
    expectClean(run, 1);
    expect(run.stdout).toMatch(/zero\.yaml links to a file outside the deck folder/);
    t.unchanged();
  });

  it('row 6: a device, a FIFO or a folder used as an asset says what it is', async () => {
    const t = setup((deck) => {
      mkdirSync(join(deck, 'assets', 'folder.png'), { recursive: true });
      mkfifo(join(deck, 'assets', 'pipe.png'));
      symlinkSync('/dev/zero', join(deck, 'assets', 'zero.png'));
      const yaml = readFileSync(join(deck, 'deck.yaml'), 'utf8');
      expect(yaml).not.toMatch(/^theme:/m);
      writeFileSync(
        join(deck, 'deck.yaml'),
        `${yaml}\ntheme:\n  logo: assets/folder.png\n  cardBack: assets/pipe.png\n`,
      );
    });
    const run = await runTimed(['validate', t.deck]);
    expectClean(run, 1);
    expect(run.stdout).toMatch(/`assets\/folder\.png` is a folder, not a file/);
    expect(run.stdout).toMatch(/`assets\/pipe\.png` is a named pipe \(FIFO\), not a file/);
    expect(run.stdout).not.toMatch(/does not exist/);
    t.unchanged();
  });

  it('row 3: a locale tag that is a path is refused the same way by every command', async () => {
    const t = setup(() => {});
    // What `../../evil` would reach from the deck's locales/ folder: it must never be read.
    writeFileSync(join(t.deck, '..', 'evil.yaml'), 'strings: {CANARY-EVIL: 1}\n');
    const runs = await Promise.all([
      runTimed(['i18n', 'status', t.deck, '--locale', '../../evil']),
      runTimed(['i18n', 'extract', t.deck, '--locale', '../../evil']),
      runTimed(['build', t.deck, '--out', t.out, '--locale', '../../evil']),
      runTimed(['validate', t.deck, '--locale', '../../evil']),
      runTimed(['i18n', 'status', t.deck, '--locale', 'en,../evil']),
    ]);
    for (const run of runs) {
      expectClean(run, 2);
      expect(run.stderr).toMatch(/`\.\.\/(\.\.\/)?evil` is not a locale: write a language tag such as `en`/);
      expect(`${run.stdout}${run.stderr}`).not.toMatch(/CANARY/);
    }
    t.unchanged();
  });

  it('row 7: validate finds the broken locale file build would fail on, and --help says so', async () => {
    const unclosed = setup((deck) =>
      writeFileSync(join(deck, 'locales', 'en.yaml'), 'locale: en\nstrings: [\n'),
    );
    const proto = setup((deck) =>
      writeFileSync(join(deck, 'locales', 'en.yaml'), 'locale: en\nstrings:\n  __proto__:\n    text: x\n'),
    );
    const [a, b, aBuild, help] = await Promise.all([
      runTimed(['validate', unclosed.deck]),
      runTimed(['validate', proto.deck]),
      runTimed(['build', unclosed.deck, '--out', unclosed.out, '--only', 'cards']),
      runTimed(['validate', '--help']),
    ]);
    for (const run of [a, b, aBuild]) {
      expectClean(run, 1);
      expect(run.stdout).toMatch(/locales\/en\.yaml:\d+:\d+ error/);
      expect(run.stdout).not.toMatch(/no problems found/);
    }
    expect(b.stdout).toMatch(/__proto__/);
    // The same errors, whichever command finds them.
    const errorLines = (s: string) => s.split('\n').filter((l) => / error /.test(l));
    expect(errorLines(a.stdout)).toEqual(errorLines(aBuild.stdout));
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/check decks as a build does/);
    expect(help.stdout).toMatch(/locale file, fonts/);
    expect(help.stdout).toMatch(/--locale/);
    unclosed.unchanged();
    proto.unchanged();
  });
});

describe('the library and the reporter refuse the same files', () => {
  it('localeStatus refuses a tag that is a path, without reading it', () => {
    const deck = copyI18nDeck();
    writeFileSync(join(deck, '..', 'evil.yaml'), 'strings: [\n');
    const checked = validateDeck(deck, deck);
    if (!checked.deck) throw new Error('fixture must check');
    const status = localeStatus(checked.deck, '../../evil');
    expect(status.diagnostics.map((d) => d.code)).toEqual(['i18n/bad-locale']);
    expect(status.exists).toBe(false);
  });

  it('the text reporter quotes neither a FIFO, a device, nor a link out of its folder', () => {
    const dir = tempDir();
    mkfifo(join(dir, 'pipe.yaml'));
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    symlinkSync('/etc/passwd', join(dir, 'passwd.yaml'));
    const started = performance.now();
    const text = formatText(
      ['pipe.yaml', 'zero.yaml', 'passwd.yaml'].map((name) => ({
        severity: 'error' as const,
        code: 'test/x',
        message: 'x',
        file: join(dir, name),
        line: 1,
        column: 1,
      })),
    );
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(text).not.toMatch(PASSWD_LINE);
    expect(text).not.toMatch(/^\s+> 1 \|/m);
  });
});
