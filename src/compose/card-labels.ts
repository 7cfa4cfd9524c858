import { type Diagnostic, error, type Position, warning } from '../diagnostics/diagnostic.ts';
import type { LabelSet } from './views.ts';

/*
 * Labels the card, sheet and calibration layouts read. They belong in `templates/labels/<lang>.yaml`; the
 * texts below stand in while a catalog lacks one of them, and each stand-in is reported, never silent.
 * No-break spaces are written as escapes so French typography stays visible in review.
 */

const NBSP = '\u00a0';
const NNBSP = '\u202f';

const FALLBACKS: Record<string, Record<string, string>> = {
  en: {
    territory: 'Territory',
    profile: 'Profile',
    'profile-cares': 'What matters to me',
    'profile-asks': 'The question I ask',
    'duplex-long-edge': 'flip on long edge',
    'duplex-short-edge': 'flip on short edge',
    'calibration-steps':
      '1. Print **only this page and the next one**, double-sided ({flip}), on the printer and paper you will use for the cards.\n' +
      '2. Hold the sheet against a window or a lamp, this side facing you.\n' +
      '3. Read where the cross printed on the back meets each ruler: the number on the horizontal ruler is **dx**, the one on the vertical ruler is **dy** (in millimetres).\n' +
      '4. Write them in `deck.yaml` under `print: backOffset: {dx: …mm, dy: …mm}` and build again. A dashed cross shows the current setting: once it is right, it sits on 0.',
    'calibration-setting': 'Current setting: dx = {dx} mm, dy = {dy} mm, {flip}.',
    'gauge-legend': 'From 0 ({low}) to 4 ({high})',
    'calibration-back':
      'Back of the calibration page. The solid cross shows where this printer puts the back without correction; the dashed one, where the current backOffset puts it.',
  },
  fr: {
    territory: 'Territoire',
    profile: 'Profil',
    'profile-cares': 'Ce qui compte pour moi',
    'profile-asks': 'La question que je pose',
    'duplex-long-edge': 'retournement bord long',
    'duplex-short-edge': 'retournement bord court',
    'calibration-steps':
      '1. Imprimez **seulement cette page et la suivante**, en recto verso ({flip}), sur l’imprimante et le papier des cartes.\n' +
      `2. Tenez la feuille contre une fenêtre ou une lampe, ce côté face à vous.\n` +
      `3. Lisez où la croix imprimée au verso croise chaque règle${NBSP}: le nombre sur la règle horizontale est **dx**, celui sur la règle verticale est **dy** (en millimètres).\n` +
      `4. Reportez-les dans \`deck.yaml\`, sous \`print: backOffset: {dx: …mm, dy: …mm}\`, et relancez la fabrication. Une croix en tirets montre le réglage actuel${NNBSP}: une fois juste, elle tombe sur 0.`,
    'calibration-setting': `Réglage actuel${NBSP}: dx = {dx}${NBSP}mm, dy = {dy}${NBSP}mm, {flip}.`,
    'gauge-legend': 'De 0 ({low}) à 4 ({high})',
    'calibration-back': `Verso de la page d’étalonnage. La croix pleine montre où cette imprimante place le verso sans correction${NNBSP}; la croix en tirets, où le place le backOffset actuel.`,
  },
};

export interface LabelCheck {
  labels: LabelSet;
  diagnostics: Diagnostic[];
}

/**
 * Every label `keys` names must exist. A missing one takes the built-in text for the locale's language (a
 * warning: the catalog should have it) or, without one, shows its key (an error).
 */
export function completeLabels(
  labels: LabelSet,
  keys: ReadonlyMap<string, Position | undefined>,
  locale: string,
): LabelCheck {
  const diagnostics: Diagnostic[] = [];
  const language = locale.split('-')[0] ?? 'en';
  const fallback = FALLBACKS[language] ?? FALLBACKS.en ?? {};
  const out: Record<string, string> = { ...labels };
  for (const [key, at] of keys) {
    if (out[key] !== undefined) continue;
    const text = fallback[key] ?? FALLBACKS.en?.[key];
    if (text !== undefined) {
      out[key] = text;
      diagnostics.push(
        warning(
          'render/missing-label',
          `label \`${key}\` is missing for ${locale}: a built-in text is used`,
          at,
          `add \`${key}: …\` to templates/labels/${language}.yaml`,
        ),
      );
    } else {
      out[key] = key;
      diagnostics.push(
        error(
          'render/missing-label',
          `label \`${key}\` is missing for ${locale}`,
          at,
          `add \`${key}: …\` to templates/labels/${language}.yaml`,
        ),
      );
    }
  }
  return { labels: out, diagnostics };
}
