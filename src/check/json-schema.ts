import { z } from 'zod';
import { DeckFile } from './schema.ts';

/** JSON Schema of a deck file, input side: fields with defaults are optional, as a trainer writes them. */
export function deckJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(DeckFile, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://atelier.invalid/schema/deck.schema.json',
    title: 'atelier deck file',
  };
}
