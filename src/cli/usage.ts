/** One-line usages, printed after a usage error (exit 2) and kept in one place for the README to match. */
export const USAGE = {
  build:
    'usage: atelier build [deck-dir...] [--locale fr,en] [--only sheets|cards|guide|handout] [--paper a4|letter] [--print-shop] [--changed-since manifest.json] [--out dir] [--strict] [--format text|json]',
  watch:
    'usage: atelier watch [deck-dir...] [--locale fr,en] [--only sheets|cards|guide|handout] [--paper a4|letter] [--out dir] [--serve] [--port 4173]',
  export:
    'usage: atelier export png [deck-dir...] [--locale fr,en] [--dpi 300] [--bleed] [--sheet tts] [--out dir]',
  validate: 'usage: atelier validate [deck-dir...] [--locale fr,en] [--format text|json] [--strict]',
  schema: 'usage: atelier schema [--out file]',
  init: 'usage: atelier init [dir] [--kind workshop|cards]',
  i18nStatus: 'usage: atelier i18n status [deck-dir...] [--locale en,de] [--strict] [--format text|json]',
  i18nExtract: 'usage: atelier i18n extract [deck-dir] --locale <locale> [--format po|xliff] [--out file]',
  i18nImport:
    'usage: atelier i18n import <file.po|file.xlf> [--locale <locale>] [--deck deck-dir] [--dry-run]',
  i18nPseudo: 'usage: atelier i18n pseudo [deck-dir] [--key prefix] [--format text|json]',
} as const;
