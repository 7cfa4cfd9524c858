// Stands in for `unicode-properties` in the CLI bundle. fontkit imports it for its own OpenType shaping and for
// the marks among a glyph's characters; it inflates its Unicode table on import (about 12 ms of every run).
// atelier shapes with HarfBuzz and lays glyphs out by id, so a build never asks: the table is read on the first
// question instead.
import { createRequire } from 'node:module';

let properties;

function load() {
  properties ??= createRequire(import.meta.url)('unicode-properties');
  return properties;
}

export const getCategory = (codePoint) => load().getCategory(codePoint);
export const getCombiningClass = (codePoint) => load().getCombiningClass(codePoint);
export const getScript = (codePoint) => load().getScript(codePoint);
export const getEastAsianWidth = (codePoint) => load().getEastAsianWidth(codePoint);
export const getNumericValue = (codePoint) => load().getNumericValue(codePoint);
export const isAlphabetic = (codePoint) => load().isAlphabetic(codePoint);
export const isDigit = (codePoint) => load().isDigit(codePoint);
export const isPunctuation = (codePoint) => load().isPunctuation(codePoint);
export const isLowerCase = (codePoint) => load().isLowerCase(codePoint);
export const isUpperCase = (codePoint) => load().isUpperCase(codePoint);
export const isTitleCase = (codePoint) => load().isTitleCase(codePoint);
export const isWhiteSpace = (codePoint) => load().isWhiteSpace(codePoint);
export const isBaseForm = (codePoint) => load().isBaseForm(codePoint);
export const isMark = (codePoint) => load().isMark(codePoint);

export default {
  getCategory,
  getCombiningClass,
  getScript,
  getEastAsianWidth,
  getNumericValue,
  isAlphabetic,
  isDigit,
  isPunctuation,
  isLowerCase,
  isUpperCase,
  isTitleCase,
  isWhiteSpace,
  isBaseForm,
  isMark,
};
