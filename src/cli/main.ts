import { Command, CommanderError, Option } from 'commander';
import { STARTER_KINDS } from '../init/init-deck.ts';
import { runSchema } from './commands/schema.ts';
import { runValidate } from './commands/validate.ts';
import { EXIT, UsageError } from './exit.ts';
import { USAGE } from './usage.ts';
import { packageVersion } from './version.ts';

export { setHarfBuzzImporter } from '../render/text/shaper.ts';

/** Parses the command line and runs one command; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('atelier')
    .description(
      'Build print-ready workshop kits (context sheets, event cards, facilitator guide) from YAML decks.',
    )
    .version(packageVersion(), '-V, --version', 'print the version of atelier')
    .exitOverride()
    .showHelpAfterError('(run `atelier --help` for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });

  program
    .command('build')
    .description('build the PDFs of decks into out/<deck>/<locale>/')
    .showHelpAfterError(USAGE.build)
    .argument('[deck-dir...]', 'deck folders (default: every deck under decks/)')
    .option('--locale <locales>', 'comma-separated locales to build (default: all the deck has)')
    .addOption(
      new Option('--only <document>', 'build one document only').choices([
        'sheets',
        'cards',
        'guide',
        'handout',
      ]),
    )
    .addOption(
      new Option('--paper <paper>', 'paper for sheets, imposed cards and guide').choices(['a4', 'letter']),
    )
    .option('--print-shop', 'also write cards-print-shop.pdf: one card per page with bleed and trim boxes')
    .option('--out <dir>', 'output root instead of out/ (same layout inside)')
    .option('--strict', 'treat warnings (overflow, missing translations...) as errors')
    .option(
      '--changed-since <manifest>',
      "also write reprint-cards.pdf: the cards whose drawing changed since that build's manifest.json",
    )
    .addOption(
      new Option('--format <format>', 'diagnostics format').choices(['text', 'json']).default('text'),
    )
    .action(async (dirs: string[], options) => {
      // Loaded on demand: validate and schema start faster without PDFKit and the renderers.
      const { runBuild } = await import('./commands/build.ts');
      exitCode = await runBuild(dirs, options);
    });

  program
    .command('watch')
    .description('build, then rebuild only what each save touched; --serve adds a live preview page')
    .showHelpAfterError(USAGE.watch)
    .argument('[deck-dir...]', 'deck folders (default: every deck under decks/)')
    .option('--locale <locales>', 'comma-separated locales to build (default: all the deck has)')
    .addOption(
      new Option('--only <document>', 'build one document only').choices(['sheets', 'cards', 'guide']),
    )
    .addOption(
      new Option('--paper <paper>', 'paper for sheets, imposed cards and guide').choices(['a4', 'letter']),
    )
    .option('--out <dir>', 'output root instead of out/ (same layout inside)')
    .option('--serve', 'serve a preview page on 127.0.0.1 that follows every rebuild')
    .option('--port <port>', 'port of the preview page (0: any free port)', '4173')
    .action(async (dirs: string[], options) => {
      const { runWatch } = await import('./commands/watch.ts');
      exitCode = await runWatch(dirs, options);
    });

  program
    .command('export')
    .description('export card images: `atelier export png`')
    .command('png')
    .description(
      'one PNG per card face, Tabletop Simulator sheets, a contact sheet, into out/<deck>/png/<locale>/',
    )
    .showHelpAfterError(USAGE.export)
    .argument('[deck-dir...]', 'deck folders (default: every deck under decks/)')
    .option('--locale <locales>', 'comma-separated locales (default: all the deck has)')
    .option('--dpi <dpi>', 'resolution of the card images', '300')
    .option('--bleed', 'images at trim plus bleed (default: at trim)')
    .addOption(new Option('--sheet <kind>', 'also write deck sheets for Tabletop Simulator').choices(['tts']))
    .addOption(new Option('--paper <paper>', 'paper the kit is built for').choices(['a4', 'letter']))
    .option('--out <dir>', 'output root instead of out/')
    .addOption(
      new Option('--format <format>', 'diagnostics format').choices(['text', 'json']).default('text'),
    )
    .action(async (dirs: string[], options) => {
      const { runExportPng } = await import('./commands/export.ts');
      exitCode = await runExportPng(dirs, options);
    });

  program
    .command('validate')
    .description(
      'check decks as a build does, without drawing: deck files, assets, layouts, and per locale its locale ' +
        'file, fonts, labels and glyphs; report every problem with file:line:column',
    )
    .showHelpAfterError(USAGE.validate)
    .argument('[deck-dir...]', 'deck folders (default: every deck under decks/)')
    .option('--locale <locales>', 'comma-separated locales to check (default: all the deck has)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--strict', 'treat warnings as errors')
    .action(async (dirs: string[], options) => {
      exitCode = await runValidate(dirs, options);
    });

  program
    .command('schema')
    .description('write the JSON Schema of deck files (for editors)')
    .showHelpAfterError(USAGE.schema)
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (options) => {
      exitCode = await runSchema(options);
    });

  program
    .command('init')
    .description('write a commented starter deck that validates and builds as it is')
    .showHelpAfterError(USAGE.init)
    .argument('[dir]', 'a new or empty folder (default: the current folder)')
    .addOption(
      new Option('--kind <kind>', 'workshop: phases, a context sheet, cards; cards: a card deck only')
        .choices([...STARTER_KINDS])
        .default('workshop'),
    )
    .action(async (dir: string | undefined, options) => {
      const { runInit } = await import('./commands/init.ts');
      exitCode = await runInit(dir, options);
    });

  // i18n: translation status, PO/XLIFF exchange and the pseudo-locale (src/cli/commands/i18n.ts).
  const i18n = program
    .command('i18n')
    .description('translations: status, PO/XLIFF extract and import, pseudo-locale');
  i18n
    .command('status')
    .showHelpAfterError(USAGE.i18nStatus)
    .description('per locale: translated, missing, stale and unused strings, with file positions')
    .argument('[deck-dir...]', 'deck folders (default: every deck under decks/)')
    .option('--locale <locales>', 'comma-separated locales (default: every locale file of the deck)')
    .option('--strict', 'exit 1 when a string is missing or stale')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (dirs: string[], options) => {
      const { runI18nStatus } = await import('./commands/i18n.ts');
      exitCode = await runI18nStatus(dirs, options);
    });
  i18n
    .command('extract')
    .showHelpAfterError(USAGE.i18nExtract)
    .description('write the strings of a deck for translators: PO (gettext) or XLIFF 2.0')
    .argument('[deck-dir...]', 'deck folders (default: every deck under decks/)')
    .requiredOption('--locale <locale>', 'target locale, e.g. en or de-CH')
    .addOption(new Option('--format <format>', 'exchange format').choices(['po', 'xliff']).default('po'))
    .option('--out <file>', 'output file (default: <deck>/locales/<locale>.po or .xlf)')
    .action(async (dirs: string[], options) => {
      const { runI18nExtract } = await import('./commands/i18n.ts');
      exitCode = await runI18nExtract(dirs, options);
    });
  i18n
    .command('import')
    .showHelpAfterError(USAGE.i18nImport)
    .description('merge a translated PO or XLIFF file back into <deck>/locales/<locale>.yaml')
    .argument('<file>', 'the .po or .xlf file')
    .option('--locale <locale>', "locale to import into (default: the file's language)")
    .option('--deck <deck-dir>', 'deck the file belongs to (default: the folder above locales/)')
    .option('--dry-run', 'report what would change without writing')
    .action(async (file: string, options) => {
      const { runI18nImport } = await import('./commands/i18n.ts');
      exitCode = await runI18nImport(file, options);
    });
  i18n
    .command('pseudo')
    .showHelpAfterError(USAGE.i18nPseudo)
    .description('show the pseudo-locale (qps-ploc) strings of a deck and check their glyphs')
    .argument('[deck-dir...]', 'deck folders (default: every deck under decks/)')
    .option('--key <prefix>', 'only keys starting with this, e.g. event.portal')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (dirs: string[], options) => {
      const { runI18nPseudo } = await import('./commands/i18n.ts');
      exitCode = await runI18nPseudo(dirs, options);
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
