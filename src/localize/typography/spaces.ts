/** U+202F NARROW NO-BREAK SPACE: the French "espace fine insécable". */
export const NNBSP = '\u202f';
/** U+00A0 NO-BREAK SPACE. */
export const NBSP = '\u00a0';
/** Horizontal spaces a writer may have typed where a no-break space belongs (never line breaks). */
export const HORIZONTAL_SPACE = /[ \t\u00a0\u2009\u202f]/;
