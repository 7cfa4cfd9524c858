import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deckJsonSchemaText } from '../../check/json-schema.ts';
import { EXIT } from '../exit.ts';

/** `atelier schema [--out file]`: the JSON Schema of deck files, for editors (`npm run schema` refreshes the repo's copy). */
export async function runSchema(options: { out?: string }): Promise<number> {
  const text = deckJsonSchemaText();
  if (options.out) {
    mkdirSync(dirname(options.out), { recursive: true });
    writeFileSync(options.out, text);
    process.stdout.write(`wrote ${options.out}\n`);
  } else process.stdout.write(text);
  return EXIT.ok;
}
