/** Bounds that keep hostile or accidental input from hanging or exhausting a build. */
export const LIMITS = {
  /** A deck file larger than this is refused: real decks are a few dozen kilobytes. */
  maxFileBytes: 1024 * 1024,
  /** Alias expansions per document; a "billion laughs" file stops here in milliseconds. */
  maxAliasCount: 100,
  /** Nesting depth of YAML collections. */
  maxDepth: 64,
  /** YAML files per deck. */
  maxFiles: 200,
} as const;

/** Keys that could reach an object's prototype chain if anything downstream used plain assignment. */
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
