// Stands in for `unicode-properties` in the CLI bundle. fontkit calls these five functions only when it shapes
// text itself (atelier's own shaper handles plain text), but the package inflates its Unicode tables on import
// (about 40 ms of every run): the real module is loaded on the first call instead.
import { createRequire } from 'node:module';

let properties;
const real = () => {
  properties ??= createRequire(import.meta.url)('unicode-properties');
  return properties;
};

export const getCategory = (codePoint) => real().getCategory(codePoint);
export const getCombiningClass = (codePoint) => real().getCombiningClass(codePoint);
export const getScript = (codePoint) => real().getScript(codePoint);
export const isDigit = (codePoint) => real().isDigit(codePoint);
export const isMark = (codePoint) => real().isMark(codePoint);
