// The renderers await HarfBuzz's WebAssembly before setting text; tests that set text directly (FontSet,
// Typesetter) get it loaded here, once per worker.
import { beforeAll } from 'vitest';
import { loadShaping } from '../../src/render/text/shaper.ts';

beforeAll(loadShaping);
