/** One-line usages, printed after a usage error (exit 2) and kept in one place for the README to match. */
export const USAGE = {
  build:
    'usage: atelier build [deck-dir...] [--locale fr,en] [--only sheets|cards|guide] [--paper a4|letter] [--print-shop] [--out dir] [--strict] [--format text|json]',
  validate: 'usage: atelier validate [deck-dir...] [--format text|json] [--strict]',
  schema: 'usage: atelier schema [--out file]',
} as const;
