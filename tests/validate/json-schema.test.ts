import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deckJsonSchema, deckJsonSchemaText, SCHEMA_FILE } from '../../src/check/json-schema.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

type JsonSchema = {
  type?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: unknown;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
};

const schema = deckJsonSchema() as JsonSchema;

/** Every object schema in the tree, with the path that leads to it. */
function objects(node: JsonSchema, path = '$'): [string, JsonSchema][] {
  const found: [string, JsonSchema][] = node.properties ? [[path, node]] : [];
  for (const [key, child] of Object.entries(node.properties ?? {}))
    found.push(...objects(child, `${path}.${key}`));
  if (node.items) found.push(...objects(node.items, `${path}[]`));
  for (const [i, option] of (node.anyOf ?? []).entries()) found.push(...objects(option, `${path}|${i}`));
  return found;
}

function at(path: string[]): JsonSchema {
  let node: JsonSchema | undefined = schema;
  for (const key of path) node = key === '[]' ? node?.items : node?.properties?.[key];
  if (!node) throw new Error(`no schema at ${path.join('.')}`);
  return node;
}

describe('JSON Schema of deck files', () => {
  it('is committed as generated (run `npm run schema` after changing src/check/schema.ts)', () => {
    const committed = join(REPO_ROOT, SCHEMA_FILE);
    expect(existsSync(committed), `${SCHEMA_FILE} is missing: run \`npm run schema\``).toBe(true);
    expect(readFileSync(committed, 'utf8')).toBe(deckJsonSchemaText());
  });

  it('describes every property, for editor hovers', () => {
    const undescribed = objects(schema).flatMap(([path, node]) =>
      Object.entries(node.properties ?? {})
        .filter(([, child]) => !child.description)
        .map(([key]) => `${path}.${key}`),
    );
    expect(undescribed).toEqual([]);
  });

  it('is the input side: fields with a default are optional', () => {
    expect(at(['meta']).required).not.toContain('version');
    expect(at(['meta']).required).toContain('title');
    expect(at(['print']).required ?? []).toEqual([]);
    expect(at(['theme']).required ?? []).toEqual([]);
    expect(at(['events', '[]']).required).not.toContain('copies');
    expect(at(['events', '[]']).required).toContain('situation');
    // A card may have no questions and no notes.
    expect(at(['events', '[]']).required).not.toContain('questions');
    expect(at(['events', '[]']).required).not.toContain('notes');
    // Only a context's id and name are required: its sections are the deck's.
    expect(at(['contexts', '[]']).required?.sort()).toEqual(['id', 'name']);
    expect(at(['guide']).required).not.toContain('sections');
    // Lengths are written as text with a unit, not as the millimetres they become.
    expect(at(['print', 'bleed']).type).toBe('string');
  });

  it('rejects unknown keys everywhere, as `atelier validate` does', () => {
    const open = objects(schema)
      .filter(([, node]) => node.additionalProperties !== false)
      .map(([path]) => path);
    // A context's other keys are ids of the deck's own sections (`contextSections`): the schema cannot list
    // them, so it says what a section holds; validate checks each key against the declared sections.
    expect(open).toEqual(['$.contexts[]']);
    const sections = at(['contexts', '[]']).additionalProperties as JsonSchema;
    expect(sections.anyOf?.map((o) => o.type)).toEqual(['string', 'array', 'array', 'array']);
  });
});

describe('shipped deck files', () => {
  const decksDir = join(REPO_ROOT, 'decks');
  const files = existsSync(decksDir)
    ? readdirSync(decksDir, { recursive: true, encoding: 'utf8' })
        // Deck files sit at the top of a deck folder; sub-folders (locales/, assets/) hold other things.
        .filter((f) => /\.ya?ml$/.test(f) && f.split(/[\\/]/).length === 2)
        .map((f) => join(decksDir, f))
    : [];

  it.skipIf(files.length === 0)(
    'start with a yaml-language-server line pointing at the committed schema',
    () => {
      for (const file of files) {
        const first =
          readFileSync(file, 'utf8')
            .replace(/^\ufeff/, '')
            .split(/\r?\n/, 1)[0] ?? '';
        const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
        expect(match, `${file}: first line is \`${first}\``).not.toBeNull();
        expect(resolve(dirname(file), match?.[1] ?? ''), file).toBe(join(REPO_ROOT, SCHEMA_FILE));
      }
    },
  );
});
