import type { Deck } from '../../check/deck.ts';
import type { Position } from '../../diagnostics/diagnostic.ts';
import { type Diagnostic, error, hasErrors } from '../../diagnostics/diagnostic.ts';
import { checkLabelUses } from '../../localize/labels.ts';
import { parseMarkup } from '../markup/parse.ts';
import { deckTemplatesDir } from '../templates.ts';
import type { LabelSet } from '../views.ts';
import { type FlowBlock, toFlow } from './flow.ts';
import { CODE_LABEL_KEYS } from './labels.ts';
import { buildGuideModel } from './model.ts';
import { type FlowLayout, GUIDE_LAYOUT, loadGuideTemplates } from './template.ts';
import { GUIDE_SPEC } from './vocabulary.ts';

export type { FlowBlock } from './flow.ts';
export { printQuantities } from './quantities.ts';

export interface ComposedGuide {
  blocks?: FlowBlock[];
  /** The filled flow markup, kept for debugging layouts. */
  markup?: string;
  /** The locale's labels, with a text for every key the guide reads (see `checkLabelUses`). */
  labels: Readonly<Record<string, string>>;
  diagnostics: Diagnostic[];
}

/**
 * What composing the guide takes: a deck localized for `locale` and the locale's labels. Declared here rather
 * than borrowed from the render stage (whose `RenderInput` has these and more), so compose depends on nothing
 * that comes after it.
 */
export interface GuideInput {
  deck: Deck;
  labels: LabelSet;
  locale: string;
}

/**
 * Deck → layout (checked) → labels completed → model → filled flow markup → checked tree → flow blocks. The
 * guide's layout by default; the participant handout is another layout of the same vocabulary and model.
 */
export function composeGuide(
  input: GuideInput,
  options: { templatesDir?: string; layout?: FlowLayout } = {},
): ComposedGuide {
  const layout = options.layout ?? GUIDE_LAYOUT;
  const templates = loadGuideTemplates(
    options.templatesDir,
    deckTemplatesDir(input.deck.absoluteDir),
    layout,
  );
  const diagnostics = [...templates.diagnostics];
  const keys = new Map<string, Position | undefined>(templates.labelKeys);
  for (const key of CODE_LABEL_KEYS) if (!keys.has(key)) keys.set(key, undefined);
  const { labels, diagnostics: labelDiagnostics } = checkLabelUses(input.labels, keys, input.locale);
  diagnostics.push(...labelDiagnostics);
  if (hasErrors(diagnostics) || !templates.has(layout)) return { labels, diagnostics };

  const { model, diagnostics: modelDiagnostics } = buildGuideModel(input.deck, labels, input.locale);
  diagnostics.push(...modelDiagnostics);
  const filled = templates.render(layout, model);
  diagnostics.push(...filled.diagnostics);
  if (filled.markup === undefined) return { labels, diagnostics };

  // Elements carry where the layout wrote them, so problems that only appear with the deck's data (a colour
  // in the wrong form...) still point at the template.
  const file = templates.files.find((f) => f.endsWith(`${layout}.hbs`)) ?? templates.files[0] ?? layout;
  const parsed = parseMarkup(filled.markup, `${file} (filled)`, GUIDE_SPEC, {
    files: templates.files,
  });
  diagnostics.push(...parsed.diagnostics);
  if (parsed.root?.name !== 'guide') {
    const root = parsed.root;
    if (root) {
      const message = `the ${layout} layout must produce one <guide> element, not <${root.name}>`;
      diagnostics.push(error('template/root', message, root.position));
    }
    return { labels, markup: filled.markup, diagnostics };
  }
  const flow = toFlow(parsed.root);
  diagnostics.push(...flow.diagnostics);
  return { blocks: flow.blocks, markup: filled.markup, labels, diagnostics };
}
