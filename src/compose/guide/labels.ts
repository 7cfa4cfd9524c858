import { type Diagnostic, error, type Position, warning } from '../../diagnostics/diagnostic.ts';
import type { Labels } from '../../render/types.ts';

/*
 * Words of the guide that are not deck content ("Contents", "Facilitator notes", "Page 3 / 18"). They come
 * from the locale's label catalog (`templates/labels/<lang>.yaml`, flat kebab-case keys); the texts below
 * only stand in while a catalog lacks a key, and each stand-in is reported, never silent. Keys the catalogs
 * already had (contents, agenda, situation...) are reused; keys of the guide alone start with `guide-`.
 * No-break spaces are written as escapes so that French typography stays visible in review.
 */

const NBSP = '\u00a0';
const NNBSP = '\u202f';

const FR: Record<string, string> = {
  contents: 'Sommaire',
  purpose: 'Pourquoi cet atelier',
  objectives: 'Objectifs',
  'key-messages': 'Messages clés',
  agenda: 'Déroulé',
  duration: 'Durée',
  minutes: `{minutes}${NBSP}min`,
  material: 'Matériel',
  'print-checklist': 'À imprimer',
  'team-setup': 'Constitution des équipes',
  'facilitator-notes': 'Notes d’animation',
  debrief: 'Débriefing',
  'plan-b': 'Plan B',
  'page-x-of-y': 'Page {page} / {pages}',
  situation: 'Situation',
  questions: 'Questions',
  constraint: 'Contrainte',
  'all-contexts': 'Tous les contextes',
  'event-cards': 'Cartes événements',
  'key-figures': 'Chiffres clés',
  attitudes: 'Réceptivité à l’open data',
  ecosystem: 'Écosystème local',
  tensions: 'Tensions',
  team: 'Équipe',
  teams: 'Équipes',
  participants: 'Participants',
  phase: 'Phase',
  card: 'Carte',
  profile: 'Profil',
  'category-legal': 'Juridique',
  'category-technical': 'Technique',
  'category-political': 'Politique',
  'category-organisational': 'Organisation',
  'category-civil-society': 'Société civile',
  'category-economic': 'Économie',
  'guide-kicker': 'Guide d’animation',
  'guide-version': 'Version',
  'guide-date': 'Date',
  'guide-licence': 'Licence',
  'guide-authors': 'Auteurs',
  'guide-participants-range': 'de {min} à {max}',
  'guide-hours': `{h}${NBSP}h`,
  'guide-hours-minutes': `{h}${NBSP}h${NBSP}{mm}`,
  'guide-clock': `{h}${NBSP}h${NBSP}{mm}`,
  'guide-agenda-intro':
    'Le déroulé suit les phases du jeu. Les heures sont comptées depuis le début de la séance.',
  'guide-start': 'Début',
  'guide-step': 'Étape',
  'guide-end': 'Fin de la séance',
  'guide-total-margin': `Total${NBSP}: {total}, pour une séance prévue de {planned}${NNBSP}; il reste {margin} de marge.`,
  'guide-total-exact': `Total${NBSP}: {total}, soit exactement la durée prévue.`,
  'guide-total-overrun': `Total${NBSP}: {total}, soit {over} de plus que les {planned} prévues${NBSP}: raccourcissez une étape ou passez au plan B.`,
  'guide-material-intro':
    'Quantités calculées pour {participants} participants au plus, répartis en {teams} équipes.',
  'guide-room': 'Salle et fournitures',
  'guide-check-guide': 'Guide d’animation (ce document)',
  'guide-check-guide-detail': 'Un exemplaire par personne qui anime.',
  'guide-check-context-sheets': 'Fiches contexte (context-sheets.pdf)',
  'guide-check-context-sheets-detail':
    'Une par équipe ({teams}), plus un jeu complet de {contexts} fiches pour l’animation.',
  'guide-check-event-cards': 'Cartes événements (event-cards.pdf)',
  'guide-check-event-cards-detail': `Un paquet par équipe, pour pouvoir donner la même carte à toutes les équipes${NBSP}: imprimez le fichier {teams} fois ({set} cartes par paquet).`,
  'guide-check-event-cards-detail-aside': `Un paquet par équipe, pour pouvoir donner la même carte à toutes les équipes${NBSP}: imprimez le fichier {teams} fois ({set} cartes par paquet), puis retirez de chaque paquet les cartes prévues pour une autre collectivité ({aside} en tout).`,
  'guide-check-profile-cards': 'Cartes profil',
  'guide-check-profile-cards-detail': `Une par participant, jusqu’à {participants}${NBSP}: les {profiles} profils × {each}.`,
  'guide-check-worksheets': 'Fiches plan d’action',
  'guide-check-worksheets-detail': `Une par carte jouée${NBSP}: {teams} équipes × {phases} phases (une carte par équipe et par phase), plus une de réserve par équipe.`,
  'guide-check-tables': 'Tables d’équipe et chaises',
  'guide-check-tables-detail': 'Une table par équipe, assez espacées pour travailler sans se gêner.',
  'guide-check-boards': 'Paperboards ou grandes feuilles',
  'guide-check-boards-detail': 'Un par équipe, pour présenter le plan d’action.',
  'guide-check-pens': 'Stylos et marqueurs',
  'guide-check-pens-detail': 'Un lot par équipe.',
  'guide-check-timer': 'Minuteur visible de toute la salle',
  'guide-teams-intro': `Une équipe par fiche contexte${NBSP}: {teams} équipes de {min} à {max} personnes. Chaque équipe joue la collectivité de sa fiche du début à la fin.`,
  'guide-profiles-title': 'Mélanger les profils',
  'guide-profiles-intro':
    'Distribuez les cartes profil à l’arrivée, puis formez les équipes pour que chacune réunisse des profils aussi variés que possible.',
  'guide-cares': 'Ce qui lui importe',
  'guide-asks': 'Sa question type',
  'guide-events-intro':
    'Les {count} cartes, phase par phase, avec les notes d’animation, qui ne figurent pas sur les cartes.',
  'guide-phase-kicker': 'Phase {number} · {duration}',
  'guide-copies': '{copies} exemplaires',
  'guide-no-card': 'Aucune carte pour cette phase.',
  'guide-debrief-intro':
    'Terminez par un tour des plans d’action, puis reliez ce que les équipes ont dit aux messages ci-dessous.',
  'guide-authority': 'Collectivité',
};

const EN: Record<string, string> = {
  contents: 'Contents',
  purpose: 'Why this workshop',
  objectives: 'Objectives',
  'key-messages': 'Key messages',
  agenda: 'Agenda',
  duration: 'Duration',
  minutes: `{minutes}${NBSP}min`,
  material: 'Materials',
  'print-checklist': 'Print checklist',
  'team-setup': 'Setting up the teams',
  'facilitator-notes': 'Facilitator notes',
  debrief: 'Debrief',
  'plan-b': 'Plan B',
  'page-x-of-y': 'Page {page} of {pages}',
  situation: 'Situation',
  questions: 'Questions',
  constraint: 'Constraint',
  'all-contexts': 'All contexts',
  'event-cards': 'Event cards',
  'key-figures': 'Key figures',
  attitudes: 'Attitudes to open data',
  ecosystem: 'Local ecosystem',
  tensions: 'Tensions',
  team: 'Team',
  teams: 'Teams',
  participants: 'Participants',
  phase: 'Phase',
  card: 'Card',
  profile: 'Profile',
  'category-legal': 'Legal',
  'category-technical': 'Technical',
  'category-political': 'Political',
  'category-organisational': 'Organisational',
  'category-civil-society': 'Civil society',
  'category-economic': 'Economic',
  'guide-kicker': 'Facilitator guide',
  'guide-version': 'Version',
  'guide-date': 'Date',
  'guide-licence': 'Licence',
  'guide-authors': 'Authors',
  'guide-participants-range': '{min} to {max}',
  'guide-hours': `{h}${NBSP}h`,
  'guide-hours-minutes': `{h}${NBSP}h${NBSP}{mm}${NBSP}min`,
  'guide-clock': '{h}:{mm}',
  'guide-agenda-intro':
    'The agenda follows the phases of the game. Times count from the start of the session.',
  'guide-start': 'Start',
  'guide-step': 'Step',
  'guide-end': 'End of the session',
  'guide-total-margin': 'Total: {total}, for a session planned at {planned}; {margin} to spare.',
  'guide-total-exact': 'Total: {total}, exactly the planned length.',
  'guide-total-overrun':
    'Total: {total}, {over} more than the {planned} planned: shorten a step or use plan B.',
  'guide-material-intro': 'Quantities computed for up to {participants} participants in {teams} teams.',
  'guide-room': 'Room and supplies',
  'guide-check-guide': 'Facilitator guide (this document)',
  'guide-check-guide-detail': 'One copy per facilitator.',
  'guide-check-context-sheets': 'Context sheets (context-sheets.pdf)',
  'guide-check-context-sheets-detail':
    'One per team ({teams}), plus a full set of {contexts} sheets for the facilitator.',
  'guide-check-event-cards': 'Event cards (event-cards.pdf)',
  'guide-check-event-cards-detail':
    'One deck per team, so that every team can be dealt the same card: print the file {teams} times ({set} cards a deck).',
  'guide-check-event-cards-detail-aside':
    'One deck per team, so that every team can be dealt the same card: print the file {teams} times ({set} cards a deck), then take out of each deck the cards meant for another authority ({aside} in all).',
  'guide-check-profile-cards': 'Profile cards',
  'guide-check-profile-cards-detail':
    'One per participant, up to {participants}: the {profiles} profiles × {each}.',
  'guide-check-worksheets': 'Action-plan worksheets',
  'guide-check-worksheets-detail':
    'One per card played: {teams} teams × {phases} phases (one card per team per phase), plus one spare per team.',
  'guide-check-tables': 'Team tables and chairs',
  'guide-check-tables-detail': 'One table per team, far enough apart to work undisturbed.',
  'guide-check-boards': 'Flip charts or large sheets',
  'guide-check-boards-detail': 'One per team, to present the action plan.',
  'guide-check-pens': 'Pens and markers',
  'guide-check-pens-detail': 'One set per team.',
  'guide-check-timer': 'A timer the whole room can see',
  'guide-teams-intro':
    'One team per context sheet: {teams} teams of {min} to {max} people. Each team plays the authority on its sheet from start to finish.',
  'guide-profiles-title': 'Mixing profiles',
  'guide-profiles-intro':
    'Hand out the profile cards on arrival, then form teams so that each brings together profiles as varied as possible.',
  'guide-cares': 'Cares about',
  'guide-asks': 'Typical question',
  'guide-events-intro':
    'All {count} cards, phase by phase, with the facilitator notes, which are not printed on the cards.',
  'guide-phase-kicker': 'Phase {number} · {duration}',
  'guide-copies': '{copies} copies',
  'guide-no-card': 'No card for this phase.',
  'guide-debrief-intro':
    'End with a round of the action plans, then tie what the teams said to the messages below.',
  'guide-authority': 'Authority',
};

/** Built-in texts by language; also the list of every key the guide uses. */
export const GUIDE_LABELS: Readonly<Record<'fr' | 'en', Readonly<Record<string, string>>>> = {
  fr: FR,
  en: EN,
};

/** Keys read by code and helpers rather than by the layout (durations, categories, running footer...). */
export const CODE_LABEL_KEYS = [
  'minutes',
  'guide-hours',
  'guide-hours-minutes',
  'guide-clock',
  'page-x-of-y',
  'all-contexts',
  'guide-copies',
  'guide-kicker',
  'team',
  'category-legal',
  'category-technical',
  'category-political',
  'category-organisational',
  'category-civil-society',
  'category-economic',
] as const;

export type LabelParams = Readonly<Record<string, string | number>>;

export interface GuideLabels {
  labels: Readonly<Record<string, string>>;
  diagnostics: Diagnostic[];
}

/**
 * The locale's labels completed for every key the guide reads (`keys`, with where a layout first reads each).
 * A missing key takes the built-in text of the locale's language, or English (a warning: the catalog should
 * have it); a key with no text anywhere shows itself (an error: the layout names a label nobody wrote).
 */
export function guideLabels(
  labels: Labels,
  keys: ReadonlyMap<string, Position | undefined>,
  locale: string,
): GuideLabels {
  const language = locale.toLowerCase().split('-')[0] ?? 'en';
  const fallback = language === 'fr' ? FR : EN;
  const out: Record<string, string> = { ...labels };
  const diagnostics: Diagnostic[] = [];
  for (const [key, at] of keys) {
    if (Object.hasOwn(out, key)) continue;
    const text = fallback[key] ?? EN[key];
    const hint = `add \`${key}: …\` to templates/labels/${language}.yaml`;
    if (text !== undefined) {
      out[key] = text;
      diagnostics.push(
        warning(
          'i18n/missing-label',
          `label \`${key}\` is missing for ${locale}: the guide uses a built-in text`,
          at,
          hint,
        ),
      );
    } else {
      out[key] = key;
      diagnostics.push(
        error(
          'i18n/missing-label',
          `label \`${key}\` is missing for ${locale} and has no built-in text`,
          at,
          hint,
        ),
      );
    }
  }
  return { labels: out, diagnostics };
}

/** A label with its `{name}` placeholders filled; an unknown placeholder stays visible rather than vanishing. */
export function labelText(
  labels: Readonly<Record<string, string>>,
  key: string,
  params: LabelParams = {},
): string {
  return fill(labels[key] ?? key, params);
}

export function fill(template: string, params: LabelParams): string {
  return template.replace(/\{([A-Za-z][\w-]*)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}
