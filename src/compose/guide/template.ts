import type { HelperDelegate } from 'handlebars';
import { loadTemplatesCached, type TemplateSet } from '../templates.ts';
import { formatClock, formatDate, formatDuration, formatNumber } from './format.ts';
import { GUIDE_SPEC } from './vocabulary.ts';

/*
 * The guide's layout is `templates/guide.hbs`, its parts `templates/partials/guide/*.hbs`, loaded with the
 * shared template loader: strict Handlebars, known helpers only, markup checked at load, every element
 * annotated with where it was written so that problems found after filling still point at the template.
 */

export const GUIDE_LAYOUT = 'guide';
/** The participant handout is a flow document too, written with the guide's vocabulary and engine. */
export const HANDOUT_LAYOUT = 'handout';
export type FlowLayout = typeof GUIDE_LAYOUT | typeof HANDOUT_LAYOUT;

/** Data every helper reads from the root of the model. */
interface Root {
  labels?: Readonly<Record<string, string>>;
  locale?: string;
}

const root = (options: unknown): Root => ((options as { data?: { root?: Root } }).data?.root ?? {}) as Root;
/** Handlebars passes its `options` last; a helper called with fewer arguments gets it earlier. */
const value = (v: unknown): number => (typeof v === 'number' ? v : Number(v) || 0);

/** Helpers of the guide, on top of the shared ones (`label`, `eq`, `add`...). Labels come from the data. */
export const GUIDE_HELPERS: Record<string, HelperDelegate> = {
  /** `{{duration 90}}` → "1 h 30". */
  duration: (minutes: unknown, options: unknown) =>
    formatDuration(value(minutes), root(options).labels ?? {}),
  /** `{{clock 75}}` → "1:15" (time since the start of the session). */
  clock: (minutes: unknown, options: unknown) => formatClock(value(minutes), root(options).labels ?? {}),
  /** `{{date meta.date}}` → "14 mai 2024". */
  date: (day: unknown, options: unknown) => formatDate(String(day), root(options).locale ?? 'en'),
  /** `{{number 412000}}` → "412 000" in French. */
  number: (n: unknown, options: unknown) => formatNumber(value(n), root(options).locale ?? 'en'),
};

/**
 * A flow layout (the guide by default, or the handout) from `dir` (atelier's `templates/` by default), a deck's
 * `overrides` replacing files.
 */
export function loadGuideTemplates(
  dir?: string,
  overrides?: string,
  layout: FlowLayout = GUIDE_LAYOUT,
): TemplateSet {
  return loadTemplatesCached({
    names: [layout],
    spec: GUIDE_SPEC,
    helpers: GUIDE_HELPERS,
    ...(dir ? { dir } : {}),
    ...(overrides ? { overrides } : {}),
  });
}
