import { z } from 'zod';
import { CONTEXT_FIELDS, Context, DeckFile, SectionContentForEditors } from './schema.ts';

/** Where the schema lives in the repository; deck files point at it from their first line. */
export const SCHEMA_FILE = 'schema/deck.schema.json';

/** JSON Schema of a deck file, input side: fields with defaults are optional, as a trainer writes them. */
export function deckJsonSchema(): Record<string, unknown> {
  const target = 'draft-2020-12';
  const { $schema: _, ...sectionContent } = z.toJSONSchema(SectionContentForEditors, { io: 'input', target });
  return {
    ...z.toJSONSchema(DeckFile, {
      io: 'input',
      target,
      // Any other key of a context is one of the deck's section ids: show what a section may hold.
      override: ({ zodSchema, jsonSchema }) => {
        if (zodSchema === Context) {
          jsonSchema.additionalProperties = sectionContent;
          jsonSchema.propertyNames = {
            pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
            description: `${CONTEXT_FIELDS.join(', ')}, or the id of a section declared in contextSections.`,
          };
        }
      },
    }),
    $id: 'https://atelier.invalid/schema/deck.schema.json',
    title: 'atelier deck file',
  };
}

/** The schema as written to disk: stable formatting, so the committed file can be compared byte for byte. */
export function deckJsonSchemaText(): string {
  return `${JSON.stringify(deckJsonSchema(), null, 2)}\n`;
}
