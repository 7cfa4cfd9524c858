import { Command, CommanderError, Option } from 'commander';
import { runBuild } from './commands/build.ts';
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
    .command('build')
    .description('build the PDFs of decks into out/<deck>/<locale>/')
    .argument('[deck-dir...]', 'deck folders (default: every deck under decks/)')
    .option('--locale <locales>', 'comma-separated locales to build (default: all the deck has)')
    .addOption(new Option('--only <document>', 'build one document only').choices(['sheets', 'cards', 'guide']))
    .addOption(new Option('--paper <paper>', 'paper for sheets, imposed cards and guide').choices(['a4', 'letter']))
    .option('--print-shop', 'also write cards-print-shop.pdf: one card per page with bleed and trim boxes')
    .option('--out <dir>', 'output root instead of out/ (same layout inside)')
    .option('--strict', 'treat warnings (overflow, missing translations...) as errors')
    .addOption(new Option('--format <format>', 'diagnostics format').choices(['text', 'json']).default('text'))
    .action(async (dirs: string[], options) => {
      exitCode = await runBuild(dirs, options);
    });

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
