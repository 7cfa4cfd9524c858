// Stands in for `brotli/decompress.js` in the CLI bundle. fontkit imports that decoder for WOFF2 fonts only,
// and it builds its dictionary on import (about 30 ms of every run); atelier's fonts are TTF, so the real
// decoder is loaded on the first WOFF2 font instead.
import { createRequire } from 'node:module';

let decompress;

export default function deferredDecompress(buffer, outSize) {
  decompress ??= createRequire(import.meta.url)('brotli/decompress.js');
  return decompress(buffer, outSize);
}
