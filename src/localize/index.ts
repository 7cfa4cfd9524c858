export { normalizeText, sourceHash } from '../locale-files/hash.ts';
export { baseLanguage, PSEUDO_LOCALE } from '../locale-files/locale-tags.ts';
export { checkGlyphs, type GlyphCheckOptions } from './glyphs.ts';
export { hyphenate, SOFT_HYPHEN } from './hyphenate.ts';
export { formatLabel, type LabelsResult, loadLabels } from './labels.ts';
export { type LocalizeOptions, type LocalizeResult, localizeDeck } from './localize-deck.ts';
export { pseudoLocalize } from './pseudo.ts';
export { type DeckString, listStrings } from './strings.ts';
export { typographyFor } from './typography/index.ts';
