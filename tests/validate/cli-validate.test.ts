import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { type CliRun, runCli } from '../helpers/run-cli.ts';

/*
 * `atelier validate` as a user runs it, one subprocess per case (each costs a tsx start-up, so there are few,
 * and they run concurrently). Exit codes: 0 clean (warnings allowed), 1 errors in the input, 2 wrong usage.
 */

/** No stack trace may reach the user, whatever went wrong. */
function expectNoStack(run: CliRun): void {
  expect(run.stdout).not.toMatch(/^\s+at /m);
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

describe.concurrent('atelier validate (subprocess)', () => {
  it('prints a JSON array with 1-based positions and paths relative to the current folder, and exits 1', async () => {
    const run = await runCli([
      'validate',
      'tests/fixtures/broken/several-errors',
      'tests/fixtures/broken/errors-in-two-files',
      'tests/fixtures/broken/no-deck-file',
      '--format',
      'json',
    ]);
    expect(run.status).toBe(1);
    expectNoStack(run);
    const parsed: unknown = JSON.parse(run.stdout);
    expect(Array.isArray(parsed)).toBe(true);
    const diagnostics = parsed as Diagnostic[];
    expect(diagnostics.length).toBe(7);
    for (const d of diagnostics) {
      expect(d).toMatchObject({
        severity: expect.any(String),
        code: expect.any(String),
        message: expect.any(String),
      });
      expect(d.file, d.code).toMatch(/^tests\/fixtures\/broken\/[a-z-]+(\/[a-z-]+\.yaml)?$/);
      if (d.line !== undefined) {
        expect(Number.isInteger(d.line) && d.line >= 1, d.code).toBe(true);
        expect(Number.isInteger(d.column) && (d.column ?? 0) >= 1, d.code).toBe(true);
      }
    }
    expect(
      diagnostics.find((d) => d.code === 'schema/unknown-key' && d.file?.endsWith('profiles.yaml')),
    ).toMatchObject({
      file: 'tests/fixtures/broken/errors-in-two-files/profiles.yaml',
      line: 4,
      column: 5,
    });
    expect(diagnostics.find((d) => d.code === 'load/missing-deck-file')?.file).toBe(
      'tests/fixtures/broken/no-deck-file',
    );
  });

  it('exits 0 on warnings only, with a code frame, the summary and what it checked', async () => {
    const run = await runCli(['validate', 'tests/fixtures/broken/teams-without-context']);
    expect(run.status).toBe(0);
    expectNoStack(run);
    expect(run.stdout).toContain('tests/fixtures/broken/teams-without-context/deck.yaml:14:10 warning');
    expect(run.stdout).toContain('> 14 |   teams: 3');
    expect(run.stdout).toContain('0 errors, 1 warning');
    expect(run.stdout).toMatch(
      /^checked tests\/fixtures\/broken\/teams-without-context: 1 file \(deck\.yaml\), 2 phases, 6 categories, 2 context sheets, 2 event cards/m,
    );
  });

  it("checks the deck's own layouts too, at the deck's file", async () => {
    const run = await runCli(['validate', 'tests/fixtures/templates/deck-template-error']);
    expect(run.status).toBe(1);
    expectNoStack(run);
    expect(run.stdout).toContain(
      'tests/fixtures/templates/deck-template-error/templates/card-back.hbs:5:6 error unknown element <para>',
    );
    expect(run.stdout).toContain('1 error, 0 warnings');
  });

  it('exits 1 on the same warning with --strict', async () => {
    const run = await runCli(['validate', '--strict', 'tests/fixtures/broken/teams-without-context']);
    expect(run.status).toBe(1);
  });

  it('validates every shipped deck when no folder is named, and exits 0', async () => {
    const run = await runCli(['validate']);
    expectNoStack(run);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^checked decks\/[a-z0-9-]+: \d+ files? \(deck\.yaml/m);
  });

  it('exits 2 with a usage line on an unknown flag', async () => {
    const run = await runCli(['validate', '--colour', 'tests/fixtures/valid/minimal']);
    expect(run.status).toBe(2);
    expectNoStack(run);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("unknown option '--colour'");
    expect(run.stderr).toMatch(/^usage: atelier validate/m);
  });

  it('exits 2 with a usage line on a missing folder', async () => {
    const run = await runCli(['validate', 'no/such/deck', '--format', 'json']);
    expect(run.status).toBe(2);
    expectNoStack(run);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('`no/such/deck` is not a folder');
    expect(run.stderr).toMatch(/^usage: atelier validate \[deck-dir\.\.\.\]/m);
  });
});
