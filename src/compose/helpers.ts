import type { HelperDelegate } from 'handlebars';
import { formatLabel } from '../localize/labels.ts';

/*
 * The few helpers layouts may call. Templates are compiled with `knownHelpersOnly`, so a misspelt helper is a
 * load-time error rather than silent empty output. Arithmetic exists for geometry (`{{sub size.width 8}}mm`).
 */

const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value));
/** Three decimals are plenty for millimetres and keep the markup free of floating-point noise. */
const round = (value: number): number => Math.round(value * 1000) / 1000;
/** Handlebars passes an `options` object last; helpers work on what comes before it. */
const args = (list: unknown[]): unknown[] => list.slice(0, -1);

/**
 * A label of the locale formatted as an ICU message with the hash's values:
 * `{{label "calibration-setting" dx=offset.dx}}`, `{{label "guide-events-intro" count=events.total}}` (plural
 * forms chosen by the locale's rules, which the root's `locale` names).
 */
function label(
  this: unknown,
  key: unknown,
  options: {
    hash?: Record<string, unknown>;
    data?: { root?: { labels?: Record<string, string>; locale?: string } };
  },
): string {
  const root = options.data?.root;
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(options.hash ?? {}))
    values[name] = typeof value === 'number' ? value : String(value);
  return formatLabel(root?.labels ?? {}, String(key), values, root?.locale);
}

export const LAYOUT_HELPERS: Record<string, HelperDelegate> = {
  label: label as HelperDelegate,
  eq: (a: unknown, b: unknown) => a === b,
  ne: (a: unknown, b: unknown) => a !== b,
  not: (a: unknown) => !a,
  lt: (a: unknown, b: unknown) => num(a) < num(b),
  gt: (a: unknown, b: unknown) => num(a) > num(b),
  and: (...list: unknown[]) => args(list).every(Boolean),
  or: (...list: unknown[]) => args(list).find(Boolean) ?? args(list).at(-1),
  /** 1-based numbering from `@index`. */
  inc: (a: unknown) => num(a) + 1,
  add: (...list: unknown[]) => round(args(list).reduce<number>((sum, v) => sum + num(v), 0)),
  sub: (a: unknown, b: unknown) => round(num(a) - num(b)),
  mul: (a: unknown, b: unknown) => round(num(a) * num(b)),
  div: (a: unknown, b: unknown) => round(num(b) === 0 ? 0 : num(a) / num(b)),
};
