// Stands in for `@noble/ciphers/aes` in the CLI bundle. pdfkit imports AES to encrypt password-protected PDFs,
// and the module computes its tables on import (about 6 ms of every run, and TurboFan compiling the code that
// builds them); atelier's PDFs are never encrypted, so AES is loaded on first use instead.
import { createRequire } from 'node:module';

let aes;

function load() {
  aes ??= createRequire(import.meta.url)('@noble/ciphers/aes');
  return aes;
}

export const cbc = (...args) => load().cbc(...args);
export const ecb = (...args) => load().ecb(...args);
