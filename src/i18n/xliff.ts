import { SaxesParser } from 'saxes';
import js2xliff from 'xliff/js2xliff';
import xliff2js, { type XliffUnit, type XliffValue } from 'xliff/xliff2js';
import type { Deck } from '../check/deck.ts';
import { type Diagnostic, error, type Position, warning } from '../diagnostics/diagnostic.ts';
import { LABEL_KEY_PREFIX } from '../localize/labels.ts';
import { parseMessage, pluralArguments, pluralCategories } from '../localize/messages.ts';
import type { IncomingTranslation } from './incoming.ts';
import type { ReadExchangeResult } from './po.ts';
import type { TranslationUnit } from './units.ts';

/** XLIFF 2.0 segment states, as atelier maps them from its own. */
type SegmentState = 'initial' | 'translated' | 'reviewed' | 'final';

/**
 * An XLIFF 2.0 file of a deck's strings for one locale: one unit per key (id = key), notes for the owner, the
 * field, facilitator notes and, for a stale translation, the source it was made from. Segment state: `initial`
 * for missing and stale strings, `translated`, or `reviewed`. Whitespace is preserved (Markdown line breaks).
 */
export async function writeXliff(
  deck: Deck,
  locale: string,
  units: readonly TranslationUnit[],
): Promise<string> {
  const resources: Record<string, XliffUnit> = {};
  const states: SegmentState[] = [];
  for (const unit of units) {
    const notes = [`${unit.owner}; field: ${unit.field}`];
    if (unit.reference) notes.push(`source: ${unit.reference}`);
    if (unit.notes) notes.push(`Facilitator notes: ${unit.notes}`);
    // A plural label stays one ICU message in one segment: CAT tools that know ICU show its forms.
    if (unit.key.startsWith(LABEL_KEY_PREFIX) && pluralArgumentsOf(unit.source).length > 0)
      notes.push(
        `ICU MessageFormat plural: translate each form inside {name, plural, ...} and keep its structure; ${locale} forms: ${pluralCategories(locale).join(', ')}.`,
      );
    if (unit.state === 'stale')
      notes.push(
        unit.previous !== undefined
          ? `Source changed since translation. Previous source: ${unit.previous}`
          : 'Source changed since translation (previous source unknown).',
      );
    resources[unit.key] = {
      source: unit.source,
      ...(unit.target !== undefined ? { target: unit.target } : {}),
      note: notes,
      additionalAttributes: { 'xml:space': 'preserve' },
    };
    states.push(unit.state === 'translated' ? (unit.reviewed ? 'reviewed' : 'translated') : 'initial');
  }
  const xml = await js2xliff(
    { sourceLanguage: deck.meta.language, targetLanguage: locale, resources: { [deck.meta.id]: resources } },
    { indent: '  ' },
  );
  // The xliff package writes no segment attributes. Each unit holds exactly one `<segment>` and text content is
  // escaped (`<` becomes `&lt;`), so the n-th literal `<segment>` tag is the n-th unit's.
  const parts = xml.split('<segment>');
  if (parts.length !== states.length + 1)
    throw new Error(`expected ${states.length} segments in the XLIFF written, found ${parts.length - 1}`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${parts.map((part, i) => (i === 0 ? part : `<segment state="${states[i - 1]}">${part}`)).join('')}\n`;
}

/** Reads an XLIFF 2.0 file back: units, targets and segment states. */
export async function readXliff(text: string, file: string): Promise<ReadExchangeResult> {
  const scanned = scanUnits(text, file);
  if ('diagnostic' in scanned) return { translations: [], diagnostics: [scanned.diagnostic] };
  let parsed: Awaited<ReturnType<typeof xliff2js>>;
  try {
    parsed = await xliff2js(text);
  } catch (e) {
    return {
      translations: [],
      diagnostics: [
        error(
          'i18n/bad-xliff',
          `${file} is not a valid XLIFF file: ${e instanceof Error ? e.message : String(e)}`,
          { file },
        ),
      ],
    };
  }
  if (!parsed?.resources) {
    return {
      translations: [],
      diagnostics: [
        error(
          'i18n/bad-xliff',
          `${file} is not an XLIFF 2.0 file`,
          { file, line: 1, column: 1 },
          'export XLIFF 2.0 from your tool (atelier does not read XLIFF 1.2)',
        ),
      ],
    };
  }
  const diagnostics: Diagnostic[] = [];
  const translations: IncomingTranslation[] = [];
  for (const units of Object.values(parsed.resources)) {
    for (const [key, unit] of Object.entries(units)) {
      if (key === '_additionalElements' || !unit || typeof unit !== 'object') continue;
      const found = scanned.units.get(key);
      const position: Position = found?.position ?? { file, line: 1, column: 1 };
      if (unit.groupUnits) {
        diagnostics.push(
          warning('i18n/xliff-group', `group \`${key}\` is not read: atelier writes units only`, position),
        );
        continue;
      }
      const source = plain(unit.source);
      const target = unit.target === undefined ? '' : plain(unit.target);
      if (source === undefined || target === undefined) {
        diagnostics.push(
          warning(
            'i18n/xliff-inline',
            `unit \`${key}\` holds inline markup (tags) that atelier strings do not have: it is skipped`,
            position,
            'translate the text only, without inline tags',
          ),
        );
        continue;
      }
      const state = found?.state ?? 'initial';
      translations.push({
        key,
        source,
        target,
        fuzzy: state === 'initial',
        reviewed: state === 'reviewed' || state === 'final',
        position,
      });
    }
  }
  return { ...(parsed.targetLanguage ? { language: parsed.targetLanguage } : {}), translations, diagnostics };
}

function plain(value: XliffValue | undefined): string | undefined {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return value.every((part) => typeof part === 'string') ? value.join('') : undefined;
}

/** Line and segment state of each unit, read with a streaming XML parser (the xliff package drops both). */
function scanUnits(
  text: string,
  file: string,
): { units: Map<string, { position: Position; state: SegmentState }> } | { diagnostic: Diagnostic } {
  const units = new Map<string, { position: Position; state: SegmentState }>();
  const parser = new SaxesParser({ xmlns: false, position: true });
  let current: string | undefined;
  let version: string | undefined;
  let failure: Diagnostic | undefined;
  parser.on('error', (e) => {
    failure ??= error(
      'i18n/bad-xliff',
      `${file} is not well-formed XML: ${e.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')}`,
      { file, line: parser.line, column: parser.column },
    );
  });
  parser.on('opentag', (tag) => {
    const attr = (name: string): string | undefined => {
      const value: unknown = tag.attributes[name];
      return typeof value === 'string' ? value : undefined;
    };
    if (tag.name === 'xliff') version = attr('version');
    else if (tag.name === 'unit') {
      current = attr('id');
      if (current !== undefined)
        units.set(current, { position: { file, line: parser.line, column: 1 }, state: 'initial' });
    } else if (tag.name === 'segment' && current !== undefined) {
      const state = attr('state');
      const unit = units.get(current);
      if (unit && (state === 'translated' || state === 'reviewed' || state === 'final')) unit.state = state;
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'unit') current = undefined;
  });
  try {
    parser.write(text).close();
  } catch {
    // reported through the error handler
  }
  if (failure) return { diagnostic: failure };
  if (version === undefined || !version.startsWith('2.')) {
    return {
      diagnostic: error(
        'i18n/bad-xliff',
        `${file} is not an XLIFF 2 file${version ? ` (version ${version})` : ''}`,
        { file, line: 1, column: 1 },
        'export XLIFF 2.0 from your tool (atelier does not read XLIFF 1.2)',
      ),
    };
  }
  return { units };
}

function pluralArgumentsOf(message: string): string[] {
  const parsed = parseMessage(message);
  return parsed.ok ? pluralArguments(parsed.ast) : [];
}
