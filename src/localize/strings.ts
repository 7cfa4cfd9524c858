import { filledSections } from '../check/contexts.ts';
import type { Deck, Origin } from '../check/deck.ts';
import type { Position } from '../diagnostics/diagnostic.ts';
import type { PathSegment } from '../load/positions.ts';

/**
 * One translatable string of a deck. The key is built from ids (and list positions where items have no id), so
 * it survives reordering of cards and files; ids, references, enums, colours, lengths, dates, paths, URLs,
 * card ranks (`2`…`10`, `K`, `A`: the same in every edition) and numbers are not translatable and never listed.
 */
export interface DeckString {
  /** Stable key, e.g. `event.portal-launch.questions.0`. */
  key: string;
  /** Text as written in the deck's source language. */
  text: string;
  /** Name of the field in the deck format: `title`, `situation`, `reason`... */
  field: string;
  /** Where the value lives in a `Deck` object, e.g. `['events', 3, 'questions', 0]`. */
  path: PathSegment[];
  /** Where the source text is written, when known. */
  position?: Position;
  /** What the string belongs to, in words a translator understands: `event card "Portail"`. */
  owner: string;
  /** Facilitator notes of the event the string belongs to: context for the translator. */
  notes?: string;
  /** Text drawn on a card (event or profile body): hyphenated, since card columns are narrow. */
  card: boolean;
}

/** Fields whose text sits in the narrow columns of a card. Titles are left whole: they shrink instead. */
const CARD_FIELDS: Record<string, ReadonlySet<string>> = {
  event: new Set(['situation', 'questions', 'constraint', 'fields']),
  profile: new Set(['description', 'cares', 'asks']),
};

/**
 * A listed string. Its position is located only when a diagnostic asks: a large deck lists thousands of
 * strings and reports few. A class rather than an object literal with a getter, which V8 stores as a
 * dictionary: about twice the memory for the tens of thousands of strings of a large deck.
 */
class ListedString implements DeckString {
  readonly notes?: string;
  readonly #origin: Origin | undefined;
  readonly #relative: PathSegment[];
  #located = false;
  #position: Position | undefined;

  constructor(
    readonly key: string,
    readonly text: string,
    readonly field: string,
    readonly path: PathSegment[],
    readonly owner: string,
    readonly card: boolean,
    notes: string | undefined,
    origin: Origin | undefined,
    relative: PathSegment[],
  ) {
    if (notes) this.notes = notes;
    this.#origin = origin;
    this.#relative = relative;
  }

  get position(): Position | undefined {
    if (!this.#located) {
      this.#position = this.#origin?.position(this.#relative);
      this.#located = true;
    }
    return this.#position;
  }
}

/** Every translatable string of `deck`, in reading order (meta, phases, contexts, events, profiles, guide). */
export function listStrings(deck: Deck): DeckString[] {
  const out: DeckString[] = [];
  // Strings come item by item: look each item's origin up once, not once per string.
  let originKey: string | undefined;
  let origin: Origin | undefined;
  const add = (
    kind: string,
    id: string | undefined,
    deckPath: PathSegment[],
    relative: PathSegment[],
    text: string | undefined,
    owner: string,
    extra: { notes?: string } = {},
  ) => {
    if (text === undefined) return;
    let field = kind;
    for (let i = relative.length - 1; i >= 0; i--) {
      const segment = relative[i];
      if (typeof segment === 'string') {
        field = segment;
        break;
      }
    }
    let key = id === undefined ? kind : `${kind}.${id}`;
    if (key !== originKey) {
      originKey = key;
      origin = deck.origin(kind, id);
    }
    for (const segment of keyPath(relative)) key += `.${segment}`;
    out.push(
      new ListedString(
        key,
        text,
        field,
        deckPath.concat(relative),
        owner,
        CARD_FIELDS[kind]?.has(String(relative[0])) ?? false,
        extra.notes,
        origin,
        relative,
      ),
    );
  };

  const meta = deck.meta;
  add('meta', undefined, ['meta'], ['title'], meta.title, 'deck');
  add('meta', undefined, ['meta'], ['subtitle'], meta.subtitle, 'deck');

  deck.phases.forEach((phase, i) => {
    const owner = `phase "${phase.title}"`;
    add('phase', phase.id, ['phases', i], ['title'], phase.title, owner);
    add('phase', phase.id, ['phases', i], ['goal'], phase.goal, owner);
  });

  deck.categories.forEach((category, i) => {
    add(
      'category',
      category.id,
      ['categories', i],
      ['title'],
      category.title,
      `category "${category.title}"`,
    );
  });

  deck.contextSections.forEach((section, i) => {
    const at: PathSegment[] = ['contextSections', i];
    const owner = `context sheet section "${section.title}" (heading)`;
    add('contextSection', section.id, at, ['title'], section.title, owner);
    const scale = section.scale;
    if (!scale) return;
    const scaleOwner = `context sheet section "${section.title}", words of its scale`;
    add('contextSection', section.id, at, ['scale', 'low'], scale.low, scaleOwner);
    add('contextSection', section.id, at, ['scale', 'high'], scale.high, scaleOwner);
    scale.levels?.forEach((word, j) => {
      add('contextSection', section.id, at, ['scale', 'levels', j], word, scaleOwner);
    });
  });

  deck.contexts.forEach((context, i) => {
    const at: PathSegment[] = ['contexts', i];
    const owner = `context sheet "${context.name}"`;
    for (const field of ['name', 'kind', 'tagline'] as const)
      add('context', context.id, at, [field], context[field], owner);
    for (const filled of filledSections(deck.contextSections, context)) {
      const id = filled.section.id;
      const sectionOwner = `${owner}, section "${filled.section.title}"`;
      add('context', context.id, at, [id], filled.text, sectionOwner);
      filled.entries?.forEach((text, j) => {
        add('context', context.id, at, [id, j], text, sectionOwner);
      });
      filled.figures?.forEach((figure, j) => {
        add('context', context.id, at, [id, j, 'label'], figure.label, sectionOwner);
        add('context', context.id, at, [id, j, 'value'], figure.value, sectionOwner);
      });
      filled.gauges?.forEach((item, j) => {
        add('context', context.id, at, [id, j, 'who'], item.who, sectionOwner);
        add('context', context.id, at, [id, j, 'reason'], item.reason, sectionOwner);
      });
    }
  });

  deck.events.forEach((event, i) => {
    const at: PathSegment[] = ['events', i];
    const owner = `event card "${event.title}" (phase ${event.phase}${event.category ? `, ${event.category}` : ''})`;
    const context = event.notes ? { notes: event.notes } : {};
    add('event', event.id, at, ['title'], event.title, owner, context);
    add('event', event.id, at, ['situation'], event.situation, owner, context);
    event.questions.forEach((text, j) => {
      add('event', event.id, at, ['questions', j], text, owner, context);
    });
    add('event', event.id, at, ['constraint'], event.constraint, owner, context);
    for (const [name, text] of Object.entries(event.fields ?? {}))
      add('event', event.id, at, ['fields', name], text, owner, context);
    // The notes are translated too (the guide prints them); they are their own context.
    add('event', event.id, at, ['notes'], event.notes, `${owner}, facilitator notes (guide only)`);
  });

  deck.profiles.forEach((profile, i) => {
    const owner = `profile card "${profile.title}"`;
    for (const field of ['title', 'description', 'cares', 'asks'] as const)
      add('profile', profile.id, ['profiles', i], [field], profile[field], owner);
  });

  const guide = deck.guide;
  add('guide', undefined, ['guide'], ['purpose'], guide.purpose, 'facilitator guide');
  guide.objectives.forEach((text, j) => {
    add('guide', undefined, ['guide'], ['objectives', j], text, 'facilitator guide, objectives');
  });
  guide.messages.forEach((text, j) => {
    add('guide', undefined, ['guide'], ['messages', j], text, 'facilitator guide, debrief messages');
  });
  guide.agenda.forEach((item, j) => {
    const owner = `facilitator guide, agenda step ${item.id}`;
    add('guide', undefined, ['guide'], ['agenda', j, 'title'], item.title, owner);
    add('guide', undefined, ['guide'], ['agenda', j, 'description'], item.description, owner);
  });
  add('guide', undefined, ['guide'], ['planB'], guide.planB, 'facilitator guide, plan B');
  add('guide', undefined, ['guide'], ['runningLate'], guide.runningLate, 'facilitator guide, running late');
  guide.sections.forEach((section, j) => {
    const owner = `facilitator guide, section "${section.title}"`;
    add('guide', undefined, ['guide'], ['sections', j, 'title'], section.title, owner);
    add('guide', undefined, ['guide'], ['sections', j, 'body'], section.body, owner);
  });
  if (guide.worksheet) {
    const owner = 'action-plan worksheet';
    add('guide', undefined, ['guide'], ['worksheet', 'title'], guide.worksheet.title, owner);
    add('guide', undefined, ['guide'], ['worksheet', 'intro'], guide.worksheet.intro, owner);
    guide.worksheet.prompts.forEach((text, j) => {
      add('guide', undefined, ['guide'], ['worksheet', 'prompts', j], text, owner);
    });
  }
  const handout = deck.handout;
  if (handout) {
    const owner = 'participant handout';
    add('handout', undefined, ['handout'], ['title'], handout.title, owner);
    add('handout', undefined, ['handout'], ['rules'], handout.rules, `${owner}, rules`);
    handout.references.forEach((ref, j) => {
      const refOwner = `${owner}, reference "${ref.title}"`;
      add('handout', undefined, ['handout'], ['references', j, 'title'], ref.title, refOwner);
      add('handout', undefined, ['handout'], ['references', j, 'identifier'], ref.identifier, refOwner);
      add('handout', undefined, ['handout'], ['references', j, 'summary'], ref.summary, refOwner);
    });
    const feedback = handout.feedback;
    if (feedback) {
      const formOwner = `${owner}, feedback form`;
      add('handout', undefined, ['handout'], ['feedback', 'intro'], feedback.intro, formOwner);
      feedback.ratings.forEach((text, j) => {
        add('handout', undefined, ['handout'], ['feedback', 'ratings', j], text, formOwner);
      });
      feedback.questions.forEach((text, j) => {
        add('handout', undefined, ['handout'], ['feedback', 'questions', j], text, formOwner);
      });
    }
  }
  return out;

  /** Keys name agenda steps and guide sections by id, so inserting a section does not shift the others. */
  function keyPath(relative: PathSegment[]): PathSegment[] {
    const [head, index, ...rest] = relative;
    if ((head === 'agenda' || head === 'sections' || head === 'references') && typeof index === 'number') {
      const list =
        head === 'agenda'
          ? deck.guide.agenda
          : head === 'sections'
            ? deck.guide.sections
            : (deck.handout?.references ?? []);
      return [head, list[index]?.id ?? index, ...rest];
    }
    return relative;
  }
}

/** Keys that appear twice (two agenda steps or guide sections with one id): their translations would clash. */
export function duplicateKeys(strings: readonly DeckString[]): DeckString[] {
  const seen = new Set<string>();
  return strings.filter((s) => {
    if (seen.has(s.key)) return true;
    seen.add(s.key);
    return false;
  });
}

/** Sets the value at `path` in a plain object tree (arrays and records), creating nothing. */
export function setAt(root: unknown, path: readonly PathSegment[], value: string): void {
  if (path.length === 0) return;
  let node = root as Record<string | number, unknown>;
  for (let i = 0; i < path.length - 1; i++)
    node = node[path[i] as PathSegment] as Record<string | number, unknown>;
  node[path[path.length - 1] as PathSegment] = value;
}
