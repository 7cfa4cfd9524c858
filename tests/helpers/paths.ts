import { fileURLToPath } from 'node:url';

/** The repository root, whatever folder vitest was started from. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
/** One folder per broken deck, each with one mistake (see tests/validate/broken-decks.test.ts). */
export const BROKEN_DECKS = fileURLToPath(new URL('../fixtures/broken/', import.meta.url));
/** The smallest deck that passes validation; the broken decks are copies of it with one thing broken. */
export const MINIMAL_DECK = fileURLToPath(new URL('../fixtures/valid/minimal/', import.meta.url));
export const SPLIT_DECK = fileURLToPath(new URL('../fixtures/valid/split/', import.meta.url));
