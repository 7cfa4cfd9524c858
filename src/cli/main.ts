import { Command, CommanderError, Option } from 'commander';
import { runSchema } from './commands/schema.ts';
import { runValidate } from './commands/validate.ts';
import { EXIT, UsageError } from './exit.ts';

/** Parses the command line and runs one command; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('atelier')
    .description('Build print-ready workshop kits (context sheets, event cards, facilitator guide) from YAML decks.')
    .exitOverride()
    .showHelpAfterError('(run `atelier --help` for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });

  program
    .command('validate')
    .description('check decks and report every problem with file:line:column')
    .argument('[deck-dir...]', 'deck folders (default: every deck under decks/)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--strict', 'treat warnings as errors')
    .action(async (dirs: string[], options) => {
      exitCode = await runValidate(dirs, options);
    });

  program
    .command('schema')
    .description('write the JSON Schema of deck files (for editors)')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (options) => {
      exitCode = await runSchema(options);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`atelier: ${e.message}\n${e.usage ?? ''}`);
      return EXIT.usage;
    }
    process.stderr.write(
      `atelier: internal error: ${e instanceof Error ? e.message : String(e)}\n` +
        'This is a bug in atelier, not in your deck. Please report it with the command you ran and the deck ' +
        '(see README, "Reporting a problem"). Set ATELIER_DEBUG=1 to see the details.\n',
    );
    if (process.env.ATELIER_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    return EXIT.internal;
  }
}
