// The source hash belongs to the locale-file model (src/locale-files), which reads it below the localize
// stage (translations kept in spreadsheet cells get theirs there); the localize stage and its callers import it
// from here as before.
export { normalizeText, SOURCE_HASH_LENGTH, sourceHash } from '../locale-files/hash.ts';
