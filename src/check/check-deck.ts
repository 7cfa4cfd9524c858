import type { ZodType } from 'zod';
import {
  type Diagnostic,
  error,
  hasErrors,
  type Position,
  sortDiagnostics,
  warning,
} from '../diagnostics/diagnostic.ts';
import { didYouMean } from '../diagnostics/suggest.ts';
import { describeProblem, fileInsideDeck } from '../fs-guard.ts';
import { DECK_FILE } from '../load/load-deck.ts';
import { type PathSegment, positionOf } from '../load/positions.ts';
import type { LoadedDeck, SourceFile } from '../load/source.ts';
import { checkContexts } from './contexts.ts';
import { checkDeal } from './deal.ts';
import type { CellTranslation, Deck, Origin } from './deck.ts';
import { unknownPlaceholders } from './quantity-names.ts';
import {
  CARD_SIZES,
  Category,
  Context,
  DeckFile,
  type DeckFileOut,
  LIST_SECTIONS,
  Phase,
  SECTION_CONTENT,
  SINGLE_SECTIONS,
} from './schema.ts';
import { nameColumn, prepareSheet, sheetWording } from './sheet-columns.ts';
import { issuesToDiagnostics, valueAt } from './zod-issues.ts';

export interface CheckResult {
  deck?: Deck;
  diagnostics: Diagnostic[];
}

interface Parsed {
  source: SourceFile;
  value: DeckFileOut;
}

/** Schema, then the deck as a whole: sections, unique ids, references, assets. Diagnostics come sorted. */
export function checkDeck(loaded: LoadedDeck): CheckResult {
  const { deck, diagnostics } = checkLoaded(loaded);
  const named = diagnostics.map((d) => nameColumn(d, loaded.files));
  return { ...(deck ? { deck } : {}), diagnostics: sortDiagnostics(named) };
}

/** Where a whole-file problem is shown: the first line of content (after any leading comments). */
function startOfContent(source: SourceFile): Position {
  const { file, line, column } = positionOf(source, []);
  return { file, line, column };
}

function checkLoaded(loaded: LoadedDeck): CheckResult {
  const diagnostics: Diagnostic[] = [];
  const parsed: Parsed[] = [];
  for (const source of loaded.files) {
    if (source.data === undefined) continue;
    if (source.sheet)
      diagnostics.push(
        ...prepareSheet(
          source,
          sheetItemSchema(source.sheet.section),
          sectionSchemas(loaded, source.sheet.section),
        ),
      );
    // Without zod's compiled fast path (`jitless`): a build checks each file once, and generating and compiling
    // a function for every object schema of the deck costs more than it saves (42 -> 24 ms for the shipped deck).
    const result = DeckFile.safeParse(source.data, { jitless: true });
    if (result.success) parsed.push({ source, value: result.data });
    else
      diagnostics.push(
        ...issuesToDiagnostics(source, DeckFile, result.error.issues).flatMap(
          (d) => sheetWording(d, source) ?? [],
        ),
      );
  }
  // The whole-deck checks need every file valid; the event references can still be read off the raw data.
  if (hasErrors(diagnostics) || parsed.length !== loaded.files.length || loaded.unreadable.length > 0)
    return { diagnostics: [...diagnostics, ...rawEventReferences(loaded)] };

  const origins = new Map<string, SourceOrigin>();
  const single: Partial<Record<(typeof SINGLE_SECTIONS)[number], { source: SourceFile; value: unknown }>> =
    {};
  for (const { source, value } of parsed) {
    for (const section of SINGLE_SECTIONS) {
      if (value[section] === undefined) continue;
      const first = single[section];
      if (first) {
        diagnostics.push({
          ...error(
            'deck/duplicate-section',
            `\`${section}\` is written in two files`,
            positionOf(source, [section], { key: true }),
            `keep \`${section}\` in one file only`,
          ),
          related: { ...positionOf(first.source, [section], { key: true }), message: 'first written' },
        });
      } else {
        single[section] = { source, value: value[section] };
        origins.set(section, new SourceOrigin(source, [section]));
      }
    }
  }
  const deckFile = parsed.find((p) => p.source.name === DECK_FILE);
  if (deckFile && !deckFile.value.meta) {
    const elsewhere = single.meta?.source.name;
    diagnostics.push(
      error(
        'schema/missing-field',
        'missing required section `meta` in deck.yaml',
        startOfContent(deckFile.source),
        elsewhere
          ? `move \`meta:\` from ${elsewhere} into deck.yaml: it says what the deck is`
          : 'add `meta:` with id, title, language, date, authors, licence, durationMinutes, participants and teams',
      ),
    );
  }

  const lists = {
    phases: [],
    categories: [],
    contextSections: [],
    contexts: [],
    events: [],
    profiles: [],
  } as {
    [K in (typeof LIST_SECTIONS)[number]]: NonNullable<DeckFileOut[K]>;
  };
  for (const section of LIST_SECTIONS) {
    const seen = new Map<string, { source: SourceFile; index: number }>();
    for (const { source, value } of parsed) {
      (value[section] ?? []).forEach((item, index) => {
        const previous = seen.get(item.id);
        if (previous) {
          diagnostics.push({
            ...error(
              'ref/duplicate-id',
              `${singular(section)} id \`${item.id}\` is used twice`,
              positionOf(source, [section, index, 'id']),
              'give each item its own id',
            ),
            related: {
              ...positionOf(previous.source, [section, previous.index, 'id']),
              message: 'first used',
            },
          });
          return;
        }
        seen.set(item.id, { source, index });
        origins.set(`${singular(section)}.${item.id}`, new SourceOrigin(source, [section, index]));
        (lists[section] as { id: string }[]).push(item);
      });
    }
    if ((section === 'phases' || section === 'events') && lists[section].length === 0 && deckFile) {
      diagnostics.push(
        error(
          'deck/empty-section',
          `the deck has no ${section}`,
          startOfContent(deckFile.source),
          `add \`${section}:\` (a list) to deck.yaml or to another YAML file of the deck`,
        ),
      );
    }
  }
  if (!single.guide && deckFile) {
    diagnostics.push(
      error(
        'schema/missing-field',
        'missing required section `guide`',
        startOfContent(deckFile.source),
        'add `guide:` with purpose, objectives, messages and agenda',
      ),
    );
  }

  const where = (key: string, path: PathSegment[] = []) => origins.get(key)?.position(path);
  const phaseIds = lists.phases.map((p) => p.id);
  const contextIds = lists.contexts.map((c) => c.id);
  const ids = { phases: phaseIds, contexts: contextIds, categories: lists.categories.map((c) => c.id) };
  for (const event of lists.events) {
    diagnostics.push(...eventReferences(event, ids, (path) => where(`event.${event.id}`, path)));
  }
  diagnostics.push(
    ...checkContexts(lists.contextSections, lists.contexts, (kind, id) => origins.get(`${kind}.${id}`)),
  );
  const guide = single.guide?.value as DeckFileOut['guide'];
  guide?.agenda.forEach((item, i) => {
    if (item.phase !== undefined && !phaseIds.includes(item.phase)) {
      diagnostics.push(
        error(
          'ref/unknown-phase',
          `agenda item \`${item.id}\` names phase \`${item.phase}\`, which does not exist`,
          where('guide', ['agenda', i, 'phase']),
          didYouMean(item.phase, phaseIds) ?? `phases: ${phaseIds.join(', ')}`,
        ),
      );
    } else if (item.phase === undefined && (item.title === undefined || item.minutes === undefined)) {
      diagnostics.push(
        error(
          'schema/missing-field',
          `agenda item \`${item.id}\` needs \`title\` and \`minutes\`, or a \`phase\``,
          where('guide', ['agenda', i]),
          'name a phase, or give the step a title and a length in minutes',
        ),
      );
    }
  });
  if (guide?.deal && single.guide) {
    const source = single.guide.source;
    diagnostics.push(
      ...checkDeal(guide.deal, lists, (path, options) =>
        positionOf(source, ['guide', 'deal', ...path], options),
      ),
    );
  }
  if (guide && single.guide) {
    const source = single.guide.source;
    for (const [path, text] of guideProse(guide))
      diagnostics.push(...unknownPlaceholders(text, () => positionOf(source, ['guide', ...path])));
  }
  const meta = single.meta?.value as DeckFileOut['meta'];
  if (meta && meta.participants.min > meta.participants.max) {
    diagnostics.push(
      error(
        'deck/participants',
        `participants: min (${meta.participants.min}) is larger than max (${meta.participants.max})`,
        where('meta', ['participants']),
      ),
    );
  }
  if (meta && lists.contexts.length > 0 && lists.contexts.length < meta.teams) {
    diagnostics.push(
      warning(
        'deck/teams-without-context',
        `${meta.teams} teams but only ${lists.contexts.length} context sheets: some teams will share a context`,
        where('meta', ['teams']),
      ),
    );
  }
  const theme = single.theme?.value as DeckFileOut['theme'];
  if (theme) diagnostics.push(...checkAssets(loaded, themeAssets(theme), (path) => where('theme', path)));
  for (const phase of lists.phases)
    if (phase.cardBack)
      diagnostics.push(
        ...checkAssets(loaded, [[['cardBack'], phase.cardBack]], (path) => where(`phase.${phase.id}`, path)),
      );
  for (const category of lists.categories)
    if (category.icon)
      diagnostics.push(
        ...checkAssets(loaded, [[['icon'], category.icon]], (path) => where(`category.${category.id}`, path)),
      );
  for (const event of lists.events) {
    const entries: [PathSegment[], string][] = [];
    if (event.icon) entries.push([['icon'], event.icon]);
    if (event.image) entries.push([['image'], event.image]);
    if (entries.length > 0)
      diagnostics.push(...checkAssets(loaded, entries, (path) => where(`event.${event.id}`, path)));
  }

  // Without deck.yaml there is no deck, even when the other files hold every section.
  if (hasErrors(diagnostics) || !meta || !guide || !deckFile) return { diagnostics };
  const print = (single.print?.value as DeckFileOut['print']) ?? DeckFile.shape.print.unwrap().parse({});
  const card =
    typeof print.card === 'string'
      ? { name: print.card, ...CARD_SIZES[print.card] }
      : { name: 'custom', ...print.card };
  const origin = (kind: string, id?: string): Origin | undefined =>
    origins.get(id === undefined ? kind : `${kind}.${id}`);
  const deck: Deck = {
    dir: loaded.dir,
    absoluteDir: loaded.absoluteDir,
    meta,
    print: { ...print, card },
    theme: theme ?? DeckFile.shape.theme.unwrap().parse({}),
    ...lists,
    guide,
    ...(single.handout ? { handout: single.handout.value as NonNullable<DeckFileOut['handout']> } : {}),
    origin,
    files: loaded.files.map((f) => f.name),
    translations: cellTranslations(parsed),
  };
  return { deck, diagnostics };
}

/** The item schema a spreadsheet's rows are checked against. */
function sheetItemSchema(section: string) {
  const list = DeckFile.shape[section as 'events' | 'profiles' | 'contexts'];
  return list.unwrap().element;
}

/**
 * For a spreadsheet of contexts: the schema of each section the deck declares, by id, read off the raw data
 * (the sections are checked on their own), so that a column such as `attitudes.0.level` is known and read.
 */
function sectionSchemas(loaded: LoadedDeck, section: string): Record<string, ZodType> {
  if (section !== 'contexts') return {};
  const schemas: Record<string, ZodType> = {};
  for (const file of loaded.files) {
    const declared = (file.data as { contextSections?: unknown } | undefined)?.contextSections;
    if (!Array.isArray(declared)) continue;
    for (const entry of declared as { id?: unknown; kind?: unknown }[]) {
      const kind = entry?.kind;
      if (typeof entry?.id === 'string' && typeof kind === 'string' && Object.hasOwn(SECTION_CONTENT, kind))
        schemas[entry.id] = SECTION_CONTENT[kind as keyof typeof SECTION_CONTENT];
    }
  }
  return schemas;
}

/** Translations written in spreadsheet columns (`title@en`), keyed as the deck's strings are. */
function cellTranslations(parsed: readonly Parsed[]): CellTranslation[] {
  return parsed.flatMap(({ source, value }) => {
    const sheet = source.sheet;
    if (!sheet) return [];
    const items = (value as Record<string, { id: string }[] | undefined>)[sheet.section] ?? [];
    return sheet.translations.flatMap((t) => {
      const item = items[t.item];
      const from = valueAt(item, t.field);
      if (!item) return [];
      const key = [singular(sheet.section), item.id, ...t.field].join('.');
      if (typeof from === 'string')
        return [{ locale: t.locale, key, text: t.text, from, position: t.position }];
      // A list written in one cell, one item per line: so is its translation.
      if (!Array.isArray(from)) return [];
      const lines = t.text.split('\n').filter((line) => line.trim() !== '');
      return from.flatMap((source, i) =>
        typeof source === 'string' && lines[i] !== undefined
          ? [
              {
                locale: t.locale,
                key: `${key}.${i}`,
                text: lines[i].trim(),
                from: source,
                position: t.position,
              },
            ]
          : [],
      );
    });
  });
}

/** Kind of item a list section holds, as origins and translation keys name it: `categories` → `category`. */
export function singular(section: string): string {
  return section === 'categories' ? 'category' : section.replace(/s$/, '');
}

/** Guide texts that may print quantities through `{placeholders}`, with their paths under `guide`. */
function guideProse(guide: NonNullable<DeckFileOut['guide']>): [PathSegment[], string][] {
  const texts: [PathSegment[], string | undefined][] = [
    [['purpose'], guide.purpose],
    [['planB'], guide.planB],
    [['runningLate'], guide.runningLate],
    [['worksheet', 'intro'], guide.worksheet?.intro],
    ...guide.agenda.map((item, i): [PathSegment[], string | undefined] => [
      ['agenda', i, 'description'],
      item.description,
    ]),
    ...guide.sections.map((section, i): [PathSegment[], string] => [['sections', i, 'body'], section.body]),
  ];
  return texts.filter((entry): entry is [PathSegment[], string] => entry[1] !== undefined);
}

/** Images and fonts the theme names, with where each is written. */
function themeAssets(theme: NonNullable<DeckFileOut['theme']>): [PathSegment[], string][] {
  const entries: [PathSegment[], string][] = [];
  if (theme.logo) entries.push([['logo'], theme.logo]);
  if (theme.cardBack) entries.push([['cardBack'], theme.cardBack]);
  for (const [face, path] of Object.entries(theme.fonts ?? {})) entries.push([['fonts', face], path]);
  return entries;
}

/** Every image and font the deck names must be a file inside the deck folder. */
function checkAssets(
  loaded: LoadedDeck,
  entries: readonly [PathSegment[], string][],
  where: (path: PathSegment[]) => ReturnType<typeof positionOf> | undefined,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const [path, file] of entries) {
    const { problem } = fileInsideDeck(loaded.absoluteDir, file);
    if (problem === 'outside') {
      diagnostics.push(
        error(
          'asset/outside-deck',
          `\`${file}\` is outside the deck folder`,
          where(path),
          'copy the file into the deck folder (e.g. `assets/`) and use a path relative to it',
        ),
      );
    } else if (problem === 'missing') {
      diagnostics.push(
        error(
          'asset/missing',
          `\`${file}\` does not exist in the deck folder`,
          where(path),
          'paths are relative to the deck folder, e.g. `assets/logo.svg`',
        ),
      );
    } else if (problem !== undefined) {
      diagnostics.push(
        error(
          'asset/not-a-file',
          `\`${file}\` ${describeProblem(problem)}`,
          where(path),
          'name an image or font file; paths are relative to the deck folder, e.g. `assets/logo.svg`',
        ),
      );
    }
  }
  return diagnostics;
}

interface EventReferences {
  id: string;
  phase: string;
  category?: string | undefined;
  appliesTo?: readonly string[] | undefined;
}

interface KnownIds {
  phases: readonly string[];
  contexts: readonly string[];
  categories: readonly string[];
}

/** The phase, category and contexts an event names must exist; `at` locates a path inside the event. */
function eventReferences(
  event: EventReferences,
  { phases: phaseIds, contexts: contextIds, categories: categoryIds }: KnownIds,
  at: (path: PathSegment[]) => Position | undefined,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (event.category !== undefined && !categoryIds.includes(event.category)) {
    diagnostics.push(
      error(
        'ref/unknown-category',
        `event \`${event.id}\` names category \`${event.category}\`, which does not exist`,
        at(['category']),
        didYouMean(event.category, categoryIds) ??
          (categoryIds.length
            ? `categories: ${categoryIds.join(', ')}`
            : 'declare it under `categories:` (id and title), or leave `category` out'),
      ),
    );
  }
  if (!phaseIds.includes(event.phase)) {
    diagnostics.push(
      error(
        'ref/unknown-phase',
        `event \`${event.id}\` names phase \`${event.phase}\`, which does not exist`,
        at(['phase']),
        didYouMean(event.phase, phaseIds) ?? `phases: ${phaseIds.join(', ')}`,
      ),
    );
  }
  event.appliesTo?.forEach((contextId, i) => {
    if (!contextIds.includes(contextId)) {
      diagnostics.push(
        error(
          'ref/unknown-context',
          `event \`${event.id}\` applies to context \`${contextId}\`, which does not exist`,
          at(['appliesTo', i]),
          didYouMean(contextId, contextIds) ?? `contexts: ${contextIds.join(', ')}`,
        ),
      );
    }
  });
  return diagnostics;
}

/**
 * References checked on the raw data while some file has schema errors, so a trainer sees a misspelt phase
 * together with a misspelt key rather than one after the other. Ids are gathered from every file, even the
 * ones with errors, so that a problem elsewhere in a file does not make its phases look missing; nothing is
 * said when the phases themselves cannot be read.
 */
function rawEventReferences(loaded: LoadedDeck): Diagnostic[] {
  const lists = (section: string) =>
    loaded.files.flatMap((source) => {
      const list = (source.data as Record<string, unknown> | undefined)?.[section];
      return Array.isArray(list) ? list.map((item: unknown, index) => ({ source, index, item })) : [];
    });
  const ids = (section: string) =>
    lists(section).flatMap(({ item }) => {
      const id = (item as { id?: unknown } | null)?.id;
      return typeof id === 'string' ? [id] : [];
    });
  // Only when the phases and contexts themselves are valid: otherwise their ids are the problem to report.
  const valid = (section: string, schema: typeof Phase | typeof Context | typeof Category) =>
    lists(section).every(({ item }) => schema.safeParse(item).success);
  if (
    !valid('phases', Phase) ||
    !valid('contexts', Context) ||
    !valid('categories', Category) ||
    loaded.unreadable.length > 0
  )
    return [];
  const known = { phases: ids('phases'), contexts: ids('contexts'), categories: ids('categories') };
  if (known.phases.length === 0) return [];
  return lists('events').flatMap(({ source, index, item }) => {
    const { id, phase, category, appliesTo } = (item ?? {}) as Record<string, unknown>;
    if (typeof id !== 'string' || typeof phase !== 'string') return [];
    const contexts =
      Array.isArray(appliesTo) && appliesTo.every((c) => typeof c === 'string') ? appliesTo : undefined;
    const named = typeof category === 'string' ? category : undefined;
    return eventReferences({ id, phase, category: named, appliesTo: contexts }, known, (path) =>
      positionOf(source, ['events', index, ...path]),
    );
  });
}

/** Where a section or list item of the deck is written; one per item, shared by every string located in it. */
class SourceOrigin implements Origin {
  constructor(
    readonly source: SourceFile,
    readonly path: PathSegment[],
  ) {}

  position(path: readonly PathSegment[] = []): Position {
    return positionOf(this.source, [...this.path, ...path]);
  }
}
