import { z } from 'zod';
import { type Diagnostic, error, type Position } from '../diagnostics/diagnostic.ts';
import { didYouMean } from '../diagnostics/suggest.ts';
import { type PathSegment, positionOf } from '../load/positions.ts';
import type { SourceFile } from '../load/source.ts';
import {
  CONTEXT_FIELDS,
  type Context,
  type ContextSection,
  type Figure,
  type Gauge,
  SECTION_CONTENT,
} from './schema.ts';
import { issuesToDiagnostics } from './zod-issues.ts';

/** Where a context or section is written: its file and its path in that file. */
interface Written {
  source: SourceFile;
  path: PathSegment[];
}

type Locate = (kind: 'context' | 'contextSection', id: string) => Written | undefined;

/**
 * Context sheets against the sections the deck declares: every key of a context beyond its own fields names a
 * declared section, and holds what that section's kind expects (a paragraph, a list, figures, ratings on the
 * section's scale). Sections themselves: no id taken by a context field, a scale only on gauges, one word per
 * level when words are given.
 */
export function checkContexts(
  sections: readonly ContextSection[],
  contexts: readonly Context[],
  locate: Locate,
): Diagnostic[] {
  const where = (kind: 'context' | 'contextSection', id: string, path: PathSegment[], key = false) => {
    const written = locate(kind, id);
    return written ? positionOf(written.source, [...written.path, ...path], { key }) : undefined;
  };
  const diagnostics: Diagnostic[] = [];
  const byId = new Map(sections.map((s) => [s.id, s]));
  for (const section of sections) {
    const at = (path: PathSegment[]) => where('contextSection', section.id, path);
    if ((CONTEXT_FIELDS as readonly string[]).includes(section.id)) {
      diagnostics.push(
        error(
          'deck/reserved-section-id',
          `section id \`${section.id}\` is a field every context has`,
          at(['id']),
          `choose another id: ${CONTEXT_FIELDS.join(', ')} are taken`,
        ),
      );
    }
    if (section.scale && section.kind !== 'gauges') {
      diagnostics.push(
        error(
          'deck/scale-without-gauges',
          `section \`${section.id}\` has a scale but is of kind \`${section.kind}\``,
          at(['scale']),
          'only `kind: gauges` sections have a scale: remove it, or change the kind',
        ),
      );
    }
    const scale = section.scale;
    if (scale?.levels && scale.levels.length !== scale.max + 1) {
      diagnostics.push(
        error(
          'deck/scale-levels',
          `section \`${section.id}\`: ${scale.levels.length} level words for a scale from 0 to ${scale.max}`,
          at(['scale', 'levels']),
          `give ${scale.max + 1} words (one for each level from 0 to ${scale.max}), or set \`max: ${scale.levels.length - 1}\``,
        ),
      );
    }
  }

  const names = sections.map((s) => s.id);
  for (const context of contexts) {
    const at = (path: PathSegment[]) => where('context', context.id, path);
    for (const [key, value] of Object.entries(context)) {
      if ((CONTEXT_FIELDS as readonly string[]).includes(key)) continue;
      const section = byId.get(key);
      if (!section) {
        diagnostics.push(
          error(
            'ref/unknown-section',
            `context \`${context.id}\` has \`${key}\`, which is no section of the deck`,
            where('context', context.id, [key], true),
            didYouMean(key, names) ??
              (names.length
                ? `sections: ${names.join(', ')}; declare new ones under \`contextSections:\``
                : 'declare the section under `contextSections:` (id, title, kind)'),
          ),
        );
        continue;
      }
      diagnostics.push(...contentProblems(context.id, section, value, locate('context', context.id), at));
    }
  }
  return diagnostics;
}

function contentProblems(
  contextId: string,
  section: ContextSection,
  value: unknown,
  written: Written | undefined,
  at: (path: PathSegment[]) => Position | undefined,
): Diagnostic[] {
  const result = SECTION_CONTENT[section.kind].safeParse(value);
  if (!result.success) {
    if (!written) return [];
    // Located like any schema problem, through a schema with the section at its place in the file.
    const schema = nestAt(written.path, z.looseObject({ [section.id]: SECTION_CONTENT[section.kind] }));
    const issues = result.error.issues.map((issue) => ({
      ...issue,
      path: [...written.path, section.id, ...issue.path],
    }));
    return issuesToDiagnostics(written.source, schema, issues).map((d) => ({
      ...d,
      message: `context \`${contextId}\`, section \`${section.id}\` (${section.kind}): ${d.message}`,
      hint: d.hint ?? EXPECTED[section.kind],
    }));
  }
  if (section.kind !== 'gauges') return [];
  const max = section.scale?.max ?? 4;
  const diagnostics: Diagnostic[] = [];
  (value as { level: number }[]).forEach((rating, i) => {
    if (rating.level > max)
      diagnostics.push(
        error(
          'schema/too-big',
          `context \`${contextId}\`, section \`${section.id}\`: level ${rating.level} is above the scale's ${max}`,
          at([section.id, i, 'level']),
          `use a level from 0 to ${max}, or raise \`scale.max\` of section \`${section.id}\``,
        ),
      );
  });
  return diagnostics;
}

/** A schema that holds `inner` at `path` (`['contexts', 2]`: a list whose items are `inner`). */
function nestAt(path: readonly PathSegment[], inner: z.ZodType): z.ZodType {
  return path.reduceRight<z.ZodType>(
    (schema, segment) =>
      typeof segment === 'number' ? z.array(schema) : z.looseObject({ [segment]: schema }),
    inner,
  );
}

const EXPECTED: Record<ContextSection['kind'], string> = {
  figures: 'a `figures` section is a list of `- label: …` / `value: …` pairs',
  paragraph: 'a `paragraph` section is one text',
  bullets: 'a `bullets` section is a list of texts (`- …`)',
  numbered: 'a `numbered` section is a list of texts (`- …`)',
  gauges: 'a `gauges` section is a list of `- who: …` / `level: 0…max` / `reason: …`',
  notes: 'a `notes` section is a list of texts (`- …`), each printed in a frame',
};

/** A section as one context fills it: the declaration, its place in `contextSections`, and the content. */
export interface FilledSection {
  section: ContextSection;
  /** Index of the section in the deck's `contextSections`. */
  index: number;
  /** `paragraph`: the text. */
  text?: string;
  /** `bullets`, `numbered`, `notes`: the entries. */
  entries?: string[];
  figures?: Figure[];
  gauges?: Gauge[];
}

/** The sections a context gives content for, in the order the deck declares them (a valid deck only). */
export function filledSections(sections: readonly ContextSection[], context: Context): FilledSection[] {
  const out: FilledSection[] = [];
  sections.forEach((section, index) => {
    const value = (context as Record<string, unknown>)[section.id];
    if (value === undefined) return;
    const filled: FilledSection = { section, index };
    if (section.kind === 'paragraph') filled.text = value as string;
    else if (section.kind === 'figures') filled.figures = value as Figure[];
    else if (section.kind === 'gauges') filled.gauges = value as Gauge[];
    else filled.entries = value as string[];
    out.push(filled);
  });
  return out;
}
