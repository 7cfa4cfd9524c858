import { z } from 'zod';
import { colour, id, length } from './units.ts';

/*
 * The deck format, written once. Every field carries a description: exported as JSON Schema, they become the
 * hints an editor shows while a trainer types. Text fields accept light Markdown (bold, italic, lists, breaks).
 */

const text = (description: string) =>
  z.string().min(1, { error: 'must not be empty' }).describe(`${description} Light Markdown.`);
const label = (description: string) =>
  z.string().min(1, { error: 'must not be empty' }).describe(description);
const minutes = (description: string) =>
  z
    .number()
    .int()
    .positive()
    .max(24 * 60)
    .describe(`${description} In minutes.`);

/** `2024-02-30` has the right shape but is no day: it would become an invalid date in the PDFs. */
function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export const CARD_SIZES = {
  poker: { width: 63.5, height: 88.9 },
  bridge: { width: 57.15, height: 88.9 },
  tarot: { width: 70, height: 120 },
  mini: { width: 44.5, height: 63.5 },
  a6: { width: 105, height: 148 },
  a7: { width: 74, height: 105 },
} as const;
export type CardSizeName = keyof typeof CARD_SIZES;

export const PAPER_SIZES = {
  a4: { width: 210, height: 297 },
  letter: { width: 215.9, height: 279.4 },
} as const;
export type PaperName = keyof typeof PAPER_SIZES;

export const Meta = z
  .strictObject({
    id: id('Deck id; names the output folder `out/<id>/`.'),
    title: label('Title of the workshop, on covers and in the guide.'),
    subtitle: label('One-line subtitle under the title.').optional(),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, {
        error: 'expected a language tag such as `fr` or `en-GB`',
      })
      .describe(
        'Source language of the deck as a BCP 47 tag (`fr`, `en`, `de-CH`). Translations live in `locales/`.',
      ),
    version: label('Version of the deck content, printed in the guide and on card backs.').default('1.0'),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date as YYYY-MM-DD', abort: true })
      .refine(isCalendarDate, {
        error: (issue) => `\`${String(issue.input)}\` is not a day of the calendar`,
        params: { code: 'bad-date' },
      })
      .describe('Date of this edition (YYYY-MM-DD). Also stamped into the PDFs so builds are reproducible.'),
    authors: z.array(label('Author name.')).min(1).describe('Who wrote the deck.'),
    licence: label('Licence of the deck content, e.g. `CC BY-SA 4.0`.'),
    durationMinutes: minutes('Planned length of a full session.'),
    participants: z
      .strictObject({
        min: z.number().int().positive().describe('Fewest participants the session works with.'),
        max: z.number().int().positive().describe('Most participants the session works with.'),
      })
      .describe('Participant range; used for the print checklist.'),
    teams: z.number().int().min(1).max(12).describe('Number of teams; each plays one context sheet.'),
  })
  .describe('What the deck is: id, title, language, authors, licence, session size.');

const CustomCardSize = z
  .strictObject({ width: length('Card width at trim.'), height: length('Card height at trim.') })
  .describe('A custom card size.');

export const Print = z
  .strictObject({
    paper: z
      .enum(['a4', 'letter'])
      .default('a4')
      .describe('Paper the kit is printed on at home: `a4` or `letter`.'),
    card: z
      .union([z.enum(Object.keys(CARD_SIZES) as [CardSizeName, ...CardSizeName[]]), CustomCardSize])
      .default('poker')
      .describe('Card size: poker (63.5×88.9 mm), bridge, tarot, mini, a6, a7, or `{ width, height }`.'),
    bleed: length('Bleed painted around each card beyond the cut.').prefault('3mm'),
    safeMargin: length('Distance from the cut that text keeps inside each card.').prefault('4mm'),
    printerMargin: length(
      'Edge of the paper a home printer cannot print: no card, bleed or crop mark comes closer to it.',
    ).prefault('5mm'),
    duplex: z
      .enum(['long-edge', 'short-edge', 'none', 'fold'])
      .default('long-edge')
      .describe(
        'How backs are printed: duplex flipping on the `long-edge` (book) or `short-edge` (notepad); `none`: fronts only; `fold`: fronts and backs side by side on one page, to fold along the dashed line (printers without duplex).',
      ),
    backs: z
      .enum(['phase', 'uniform', 'light'])
      .default('phase')
      .describe(
        'Card backs: `phase` (each phase its colour), `uniform` (one back for all cards), `light` (outline and colour band instead of a full-bleed fill, to save ink).',
      ),
    backOffset: z
      .strictObject({
        dx: length(
          'Horizontal shift of the back pages (positive = right), read off the calibration page.',
        ).prefault('0mm'),
        dy: length(
          'Vertical shift of the back pages (positive = down), read off the calibration page.',
        ).prefault('0mm'),
      })
      .prefault({})
      .describe('Correction for the front/back drift of your printer.'),
    cropMarks: z.boolean().default(true).describe('Draw crop marks outside the cards on imposed sheets.'),
    cmyk: z
      .record(
        z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'write the deck colour as #rrggbb' }),
        z.tuple([
          z.number().min(0).max(100),
          z.number().min(0).max(100),
          z.number().min(0).max(100),
          z.number().min(0).max(100),
        ]),
      )
      .default({})
      .describe(
        'CMYK values (0–100) of deck colours for --print-shop, e.g. `"#2a6f97": [72, 27, 0, 41]`; other colours are converted (K = 1 − max(R, G, B)), small dark text prints in 100 % K.',
      ),
  })
  .describe('Print settings: paper, card size, bleed, duplex.');

export const Theme = z
  .strictObject({
    colours: z
      .strictObject({
        ink: colour('Main text colour.').default('#1d2433'),
        paper: colour('Background of pages and card faces.').default('#ffffff'),
        accent: colour('Accent colour for titles and rules.').default('#1f6feb'),
        muted: colour('Secondary text and light fills.').default('#5b6473'),
      })
      .default({ ink: '#1d2433', paper: '#ffffff', accent: '#1f6feb', muted: '#5b6473' })
      .describe('Colour palette.'),
    fonts: z
      .strictObject({
        regular: label('Regular face, a TTF/OTF path inside the deck folder.'),
        bold: label('Bold face, a TTF/OTF path inside the deck folder.'),
        italic: label('Italic face, a TTF/OTF path inside the deck folder.'),
        boldItalic: label('Bold italic face, a TTF/OTF path inside the deck folder.'),
      })
      .optional()
      .describe('Text fonts; by default the bundled Noto Sans.'),
    logo: label('Logo image (PNG, JPEG, SVG, WebP, AVIF), a path inside the deck folder.').optional(),
    cardBack: label('Art drawn on every card back, a path inside the deck folder.').optional(),
  })
  .describe('Look of the kit: colours, fonts, images.');

export const Phase = z
  .strictObject({
    id: id('Phase id, referenced by events.'),
    title: label('Phase name, e.g. "Cadrage".'),
    goal: text('What teams work on during this phase.'),
    durationMinutes: minutes('Time given to the phase in the agenda.'),
    cardsPerTeam: z
      .number()
      .int()
      .min(1)
      .max(20)
      .default(1)
      .describe('Event cards each team plays in this phase; the print checklist counts worksheets from it.'),
    colour: colour('Colour of this phase on cards and in the guide.'),
  })
  .describe('A phase of the project the game walks through.');

const Figure = z
  .strictObject({
    label: label('What is measured, e.g. "Habitants".'),
    value: label('The figure, e.g. "612 000".'),
  })
  .describe('A key figure of the authority.');

const Gauge = z
  .strictObject({
    who: label('Who or what is rated, e.g. "Élus", "Directions métiers", "Entreprises du numérique".'),
    level: z
      .number()
      .int()
      .min(0)
      .max(4)
      .describe('From 0 (hostile or absent) to 4 (champion or plentiful); drawn as a gauge.'),
    reason: text('Why, in a sentence or two.'),
  })
  .describe('A rating shown at a glance as a gauge.');

export const Context = z
  .strictObject({
    id: id('Context id; events may name it in `appliesTo`.'),
    name: label('Name of the fictional authority.'),
    kind: label('Kind of authority, e.g. "Conseil départemental".'),
    tagline: label('One line that sums the authority up.').optional(),
    territory: text('The territory in a few sentences.'),
    figures: z.array(Figure).min(1).max(8).describe('Key figures: population, agents, budget...'),
    objectives: z
      .array(text('A mandate objective.'))
      .min(1)
      .max(6)
      .describe('Main objectives of the current mandate.'),
    attitudes: z
      .array(Gauge)
      .min(1)
      .max(6)
      .describe('How receptive elected officials and departments are to open data.'),
    ecosystem: z
      .array(Gauge)
      .min(1)
      .max(6)
      .describe('Digital companies, academic institutions and civil society present on the territory.'),
    data: z
      .array(text('A dataset or system the authority already has.'))
      .min(1)
      .max(8)
      .describe('Data and systems already there.'),
    tensions: z
      .array(text('A tension that makes the game interesting.'))
      .min(1)
      .max(3)
      .describe('One or two tensions.'),
  })
  .describe('A context sheet: the fictional authority one team plays.');

export const EVENT_CATEGORIES = [
  'legal',
  'technical',
  'political',
  'organisational',
  'civil-society',
  'economic',
] as const;

export const Event = z
  .strictObject({
    id: id('Event id, stable across translations.'),
    phase: id('Id of the phase this card is dealt in.'),
    category: z
      .enum(EVENT_CATEGORIES)
      .describe('Kind of problem: legal, technical, political, organisational, civil-society or economic.'),
    title: label('Short title of the card.'),
    situation: text('The situation, in a few sentences.'),
    questions: z
      .array(text('A question the team answers in its action plan.'))
      .min(1)
      .max(3)
      .describe('One to three questions.'),
    constraint: text('An extra constraint printed on the card.').optional(),
    appliesTo: z
      .array(id('A context id.'))
      .min(1)
      .optional()
      .describe('Contexts this card is for; all when absent.'),
    copies: z.number().int().min(1).max(50).default(1).describe('How many copies of this card to print.'),
    notes: text(
      'Facilitator notes (guide only): what a good answer covers, the fact behind it, how contexts change it.',
    ),
  })
  .describe('An event card dealt to a team during a phase.');

export const Profile = z
  .strictObject({
    id: id('Profile id.'),
    title: label('The role, e.g. "Journaliste de données".'),
    description: text('Who this person is.'),
    cares: text('What this person cares about.'),
    asks: text('A question they tend to ask.'),
  })
  .describe('A participant profile card.');

const AgendaItem = z
  .strictObject({
    id: id('Agenda item id.'),
    phase: id('A phase id: title and duration then come from the phase.').optional(),
    title: label('Title of the step, when it is not a phase.').optional(),
    minutes: minutes('Length of the step, when it is not a phase.').optional(),
    description: text('What happens in this step.').optional(),
  })
  .describe('One step of the session: a phase, or a step of its own (welcome, debrief...).');

const Section = z
  .strictObject({ id: id('Section id.'), title: label('Section heading.'), body: text('Section text.') })
  .describe('A section of the guide.');

export const Guide = z
  .strictObject({
    purpose: text('Why this workshop exists, in a paragraph.'),
    objectives: z.array(text('A learning objective.')).min(1).describe('What participants leave with.'),
    messages: z.array(text('A key message.')).min(1).describe('Key messages the debrief lands.'),
    agenda: z.array(AgendaItem).min(1).describe('The session step by step; phases are referenced by id.'),
    planB: text('A shorter plan when time or people are missing.').optional(),
    sections: z
      .array(Section)
      .default([])
      .describe('Further sections: room and material, teams, dealing cards, presentations, debrief...'),
    worksheet: z
      .strictObject({
        title: label('Title of the action-plan worksheet.'),
        intro: text('Instructions at the top of the worksheet.'),
        prompts: z
          .array(label('A heading with space to write under it.'))
          .min(1)
          .max(8)
          .describe('Boxes of the worksheet.'),
      })
      .optional()
      .describe('An action-plan worksheet page teams fill in.'),
  })
  .describe('The facilitator guide prose.');

/** What one YAML file of a deck may hold. A deck may be split over several files; lists are concatenated. */
export const DeckFile = z
  .strictObject({
    meta: Meta.optional(),
    print: Print.optional(),
    theme: Theme.optional(),
    phases: z.array(Phase).optional().describe('Phases of the project, in order.'),
    contexts: z.array(Context).optional().describe('Context sheets, one per team.'),
    events: z.array(Event).optional().describe('Event cards.'),
    profiles: z.array(Profile).optional().describe('Participant profile cards.'),
    guide: Guide.optional(),
  })
  .describe('An atelier deck file (deck.yaml or any other YAML file in the deck folder).');

export type MetaOut = z.output<typeof Meta>;
export type PrintOut = z.output<typeof Print>;
export type ThemeOut = z.output<typeof Theme>;
export type Phase = z.output<typeof Phase>;
export type Context = z.output<typeof Context>;
export type Event = z.output<typeof Event>;
export type Profile = z.output<typeof Profile>;
export type GuideOut = z.output<typeof Guide>;
export type DeckFileOut = z.output<typeof DeckFile>;

/** Sections that appear in one file only; lists may be spread. */
export const SINGLE_SECTIONS = ['meta', 'print', 'theme', 'guide'] as const;
export const LIST_SECTIONS = ['phases', 'contexts', 'events', 'profiles'] as const;
