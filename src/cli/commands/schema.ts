import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deckJsonSchema } from '../../check/json-schema.ts';
import { EXIT } from '../exit.ts';

export async function runSchema(options: { out?: string }): Promise<number> {
  const text = `${JSON.stringify(deckJsonSchema(), null, 2)}\n`;
  if (options.out) {
    mkdirSync(dirname(options.out), { recursive: true });
    writeFileSync(options.out, text);
    process.stdout.write(`wrote ${options.out}\n`);
  } else process.stdout.write(text);
  return EXIT.ok;
}
