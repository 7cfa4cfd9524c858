import { SaxesParser, type SaxesTagPlain } from 'saxes';

/**
 * What an SVG costs to draw, read before librsvg sees it: librsvg takes minutes and gigabytes on a million
 * elements or two hundred large blurs, and its timeout cannot always stop one long filter.
 */
export const SVG_LIMITS = {
  /** Elements of all kinds; real card art has a few thousand. */
  maxElements: 20_000,
  /**
   * Filter primitives (feGaussianBlur, feOffset...) applied, counted once per element that uses the filter:
   * each one is a full pass over the filter region, ~0.15 s at card size.
   */
  maxFilterPasses: 16,
  /** feMorphology radius: its cost grows with it (500 takes seconds). */
  maxMorphologyRadius: 20,
  /** feConvolveMatrix order: its cost grows with its square. */
  maxConvolveOrder: 7,
} as const;

export interface SvgCost {
  elements: number;
  /** Filter primitives applied, over every element that names a filter. */
  filterPasses: number;
  /** The largest feMorphology radius, and feConvolveMatrix order. */
  morphologyRadius: number;
  convolveOrder: number;
  /** Files the SVG refers to: it is drawn on its own, so they come out blank. */
  externalReferences: string[];
  /** The counting stopped at a limit: the numbers are lower bounds. */
  stoppedEarly: boolean;
}

/** Whether bytes look like SVG text (what sharp would open as SVG): the first tag is `<svg` or an XML prologue. */
export function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('utf8');
  return /^\uFEFF?\s*(?:<\?xml|<!--|<!DOCTYPE|<svg[\s>])/i.test(head) && /<svg[\s>]/i.test(head);
}

class StopCounting extends Error {}

/**
 * Counts elements, filter passes and external references in one streaming pass. Malformed XML stops the count
 * (librsvg then reports the file as unreadable); reaching a limit stops it too.
 */
export function inspectSvg(text: string): SvgCost {
  const cost: SvgCost = {
    elements: 0,
    filterPasses: 0,
    morphologyRadius: 0,
    convolveOrder: 0,
    externalReferences: [],
    stoppedEarly: false,
  };
  const primitivesByFilter = new Map<string, number>();
  /** Elements that use a filter, by filter id: a filter may be defined after its first use. */
  const uses = new Map<string, number>();
  let openFilter: string | undefined;
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    cost.elements++;
    const name = localName(tag.name);
    const attributes = tag.attributes;
    if (name === 'filter') openFilter = attributes.id ?? '';
    else if (
      openFilter !== undefined &&
      name.startsWith('fe') &&
      !name.startsWith('feFunc') &&
      name !== 'feMergeNode'
    )
      primitivesByFilter.set(openFilter, (primitivesByFilter.get(openFilter) ?? 0) + 1);
    if (name === 'feMorphology')
      cost.morphologyRadius = Math.max(cost.morphologyRadius, maxNumber(attributes.radius));
    if (name === 'feConvolveMatrix')
      cost.convolveOrder = Math.max(cost.convolveOrder, maxNumber(attributes.order ?? '3'));
    for (const filter of filterIds(attributes)) uses.set(filter, (uses.get(filter) ?? 0) + 1);
    for (const ref of externalReferences(attributes)) {
      if (cost.externalReferences.length < 10 && !cost.externalReferences.includes(ref))
        cost.externalReferences.push(ref);
    }
    if (cost.elements > SVG_LIMITS.maxElements) throw new StopCounting();
  });
  parser.on('closetag', (tag) => {
    if (localName(tag.name) === 'filter') openFilter = undefined;
  });
  parser.on('text', (text) => {
    // CSS in <style> can name files too: url(other.png).
    for (const ref of cssUrls(text)) {
      if (cost.externalReferences.length < 10 && !cost.externalReferences.includes(ref))
        cost.externalReferences.push(ref);
    }
  });
  try {
    parser.write(text).close();
  } catch (e) {
    if (e instanceof StopCounting) cost.stoppedEarly = true;
  }
  for (const [filter, count] of uses) cost.filterPasses += count * (primitivesByFilter.get(filter) ?? 1);
  return cost;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function maxNumber(text: string | undefined): number {
  const numbers = (text ?? '')
    .split(/[\s,]+/)
    .map(Number)
    .filter(Number.isFinite);
  return numbers.length > 0 ? Math.max(...numbers.map(Math.abs)) : 0;
}

/** Filter ids an element applies, from its `filter` attribute or its style. */
function filterIds(attributes: Record<string, string>): string[] {
  const declared = [attributes.filter, /(?:^|;)\s*filter\s*:([^;]*)/.exec(attributes.style ?? '')?.[1]];
  const ids: string[] = [];
  for (const value of declared) {
    if (!value) continue;
    for (const match of value.matchAll(/url\(\s*['"]?#([^'")\s]+)['"]?\s*\)/g)) ids.push(match[1] as string);
  }
  return ids;
}

/** href, xlink:href and url(...) values that name something other than a fragment or a data: URL. */
function externalReferences(attributes: Record<string, string>): string[] {
  const refs: string[] = [];
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'href' || key.endsWith(':href')) {
      if (isExternal(value)) refs.push(value.trim());
    } else refs.push(...cssUrls(value));
  }
  return refs;
}

function cssUrls(text: string): string[] {
  if (!text.includes('url(')) return [];
  return [...text.matchAll(/url\(\s*['"]?([^'")]*)['"]?\s*\)/g)]
    .map((m) => (m[1] as string).trim())
    .filter(isExternal);
}

function isExternal(ref: string): boolean {
  const value = ref.trim();
  return value !== '' && !value.startsWith('#') && !/^data:/i.test(value);
}
