import { z } from 'zod';
import { DeckFile } from './schema.ts';

/** Where the schema lives in the repository; deck files point at it from their first line. */
export const SCHEMA_FILE = 'schema/deck.schema.json';

/** JSON Schema of a deck file, input side: fields with defaults are optional, as a trainer writes them. */
export function deckJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(DeckFile, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://atelier.invalid/schema/deck.schema.json',
    title: 'atelier deck file',
  };
}

/** The schema as written to disk: stable formatting, so the committed file can be compared byte for byte. */
export function deckJsonSchemaText(): string {
  return `${JSON.stringify(deckJsonSchema(), null, 2)}\n`;
}
