import { z } from 'zod';
import { SheetSource } from '../load/sheets/declaration.ts';
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

/** How event card backs differ: kept as a list so other kinds of backs can join it. */
export const BACK_KINDS = ['phase', 'uniform', 'light'] as const;
export type BackKind = (typeof BACK_KINDS)[number];

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

/**
 * Physical bounds of print settings, in millimetres. Outside them nothing useful prints, and layout would
 * loop or exhaust memory (a 0.01 mm card fits no word on any line): they are refused at the deck line.
 */
export const PRINT_BOUNDS = {
  card: { min: 20, max: 300 },
  bleed: { min: 0, max: 10 },
  safeMargin: { min: 0, max: 25 },
  backOffset: { min: -20, max: 20 },
  printerMargin: { min: 0, max: 20 },
  /** The text area left inside the safe margin, on each axis. */
  minTextArea: 10,
} as const;

const CustomCardSize = z
  .strictObject({
    width: length('Card width at trim.', PRINT_BOUNDS.card),
    height: length('Card height at trim.', PRINT_BOUNDS.card),
  })
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
    bleed: length('Bleed painted around each card beyond the cut.', PRINT_BOUNDS.bleed).prefault('3mm'),
    safeMargin: length(
      'Distance from the cut that text keeps inside each card.',
      PRINT_BOUNDS.safeMargin,
    ).prefault('4mm'),
    printerMargin: length(
      'Edge of the paper a home printer cannot print: no card, bleed or crop mark comes closer to it.',
      PRINT_BOUNDS.printerMargin,
    ).prefault('5mm'),
    duplex: z
      .enum(['long-edge', 'short-edge', 'none', 'fold'])
      .default('long-edge')
      .describe(
        'How backs are printed: duplex flipping on the `long-edge` (book) or `short-edge` (notepad); `none`: fronts only; `fold`: fronts and backs side by side on one page, to fold along the dashed line (printers without duplex).',
      ),
    backOffset: z
      .strictObject({
        dx: length(
          'Horizontal shift of the back pages (positive = right), read off the calibration page.',
          PRINT_BOUNDS.backOffset,
        ).prefault('0mm'),
        dy: length(
          'Vertical shift of the back pages (positive = down), read off the calibration page.',
          PRINT_BOUNDS.backOffset,
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
    backs: z
      .enum(BACK_KINDS)
      .default('phase')
      .describe(
        'Event card backs: `phase` (each phase its colour, number and name), `uniform` (one back for the whole deck, nothing that tells cards apart: for games where the back must not reveal the card) or `light` (per phase like `phase`, but an outline and a colour band on white paper instead of a full-bleed fill, to save ink).',
      ),
  })
  .superRefine((print, context) => {
    const card = typeof print.card === 'string' ? CARD_SIZES[print.card] : print.card;
    const within = (mm: number, b: { min: number; max: number }) => mm >= b.min && mm <= b.max;
    // Each value out of its own bounds is reported already; their combination only says something new once they fit.
    if (!within(card.width, PRINT_BOUNDS.card) || !within(card.height, PRINT_BOUNDS.card)) return;
    if (!within(print.safeMargin, PRINT_BOUNDS.safeMargin)) return;
    const left = Math.min(card.width, card.height) - 2 * print.safeMargin;
    if (left < PRINT_BOUNDS.minTextArea - 1e-9)
      context.addIssue({
        code: 'custom',
        path: ['safeMargin'],
        params: { code: 'length-out-of-range' },
        message: `leaves ${Number(left.toFixed(2))}mm for text across a ${Number(Math.min(card.width, card.height).toFixed(2))}mm card: keep at least ${PRINT_BOUNDS.minTextArea}mm between the margins`,
      });
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
    code: z
      .string()
      .regex(/^[A-Z0-9]{1,3}$/, { error: 'expected one to three capital letters or digits, e.g. `C`' })
      .optional()
      .describe(
        "Short code that starts the numbers of this phase's cards (`C` gives C-01, C-02...); the phase's position (1, 2...) when absent, or nothing in a deck of one phase (01, 02...). Card numbers are printed on cards and used in the guide, the deal and the envelope labels.",
      ),
    cardBack: label(
      "Art drawn on the backs of this phase's cards (`print.backs: phase`), a path inside the deck folder; `theme.cardBack` otherwise.",
    ).optional(),
  })
  .describe('A phase of the project the game walks through.');

const Figure = z
  .strictObject({
    label: label('What is measured, e.g. "Habitants".'),
    value: label('The figure, e.g. "612 000".'),
  })
  .describe('A key figure (section of kind `figures`).');

const Gauge = z
  .strictObject({
    who: label('Who or what is rated, e.g. "Élus", "Directions métiers", "Entreprises du numérique".'),
    level: z
      .number()
      .int()
      .min(0)
      .max(10)
      .describe("A level on the section's scale, from 0 to its `max`; drawn as a gauge."),
    reason: text('Why, in a sentence or two.').optional(),
  })
  .describe('A rating shown at a glance as a gauge (section of kind `gauges`).');

/** Kinds of context sheet sections, and the content a context gives for each. */
export const SECTION_KINDS = ['figures', 'paragraph', 'bullets', 'numbered', 'gauges', 'notes'] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

/** Schema of a context's content for a section, by kind; check-deck holds each context to it. */
export const SECTION_CONTENT = {
  figures: z.array(Figure).min(1).describe('Key figures: label and value.'),
  paragraph: text('A paragraph.'),
  bullets: z.array(text('An entry.')).min(1).describe('A bullet list.'),
  numbered: z.array(text('An entry.')).min(1).describe('A numbered list.'),
  gauges: z.array(Gauge).min(1).describe('Ratings on the section scale.'),
  notes: z.array(text('A note, printed in a frame.')).min(1).describe('Boxed notes.'),
} as const satisfies Record<SectionKind, z.ZodType>;

/** What a context may hold under a section id, for editors; validate holds it to the section's own kind. */
export const SectionContentForEditors = z
  .union([
    SECTION_CONTENT.paragraph,
    z.array(text('An entry of a list or a boxed note.')).min(1),
    SECTION_CONTENT.figures,
    SECTION_CONTENT.gauges,
  ])
  .describe(
    "Content of a section declared in `contextSections`: a paragraph, a list of entries, of figures (`label`, `value`) or of ratings (`who`, `level`, `reason`), as the section's kind says.",
  );

/** Fields every context has; any other key of a context names one of the deck's `contextSections`. */
export const CONTEXT_FIELDS = ['id', 'name', 'kind', 'tagline'] as const;

const Scale = z
  .strictObject({
    max: z
      .number()
      .int()
      .min(1)
      .max(10)
      .default(4)
      .describe('Highest level of the scale (levels go from 0).'),
    low: label('What level 0 means, printed at the start of the scale, e.g. "Hostile".').optional(),
    high: label('What the highest level means, printed at its end, e.g. "Champions".').optional(),
    levels: z
      .array(label('The word for one level.'))
      .min(2)
      .max(11)
      .optional()
      .describe(
        'A word for every level from 0 to `max` (so `max + 1` words), printed next to each rating; the ends default to the first and last.',
      ),
  })
  .describe('The scale of a `gauges` section: its length and what its ends (or every level) mean.');

export const ContextSection = z
  .strictObject({
    id: id(
      'Section id: the key under which each context writes this section (not `id`, `name`, `kind` or `tagline`).',
    ),
    title: label('Heading printed above the section.'),
    kind: z
      .enum(SECTION_KINDS)
      .describe(
        'What the section holds: `figures` (key figures), `paragraph`, `bullets`, `numbered` (lists), `gauges` (ratings on a scale), `notes` (boxed notes).',
      ),
    scale: Scale.optional().describe('For `gauges`: the scale and the words at its ends.'),
    guide: z
      .boolean()
      .optional()
      .describe(
        'Whether the facilitator guide repeats this section in its summary of each context; by default figures, gauges and notes are repeated, text and lists are not.',
      ),
  })
  .describe('A section of the context sheets, declared once; each context gives its content under the id.');

export const Context = z
  .strictObject({
    id: id('Context id; events may name it in `appliesTo`.'),
    name: label('Name of the context (the authority, team or situation a team plays).'),
    kind: label('What kind of thing it is, printed above the name, e.g. "Conseil départemental".').optional(),
    tagline: label('One line that sums the context up.').optional(),
  })
  // Section ids are the deck's own: their content is checked against each section's kind in check-deck (with
  // the section's name in the message); the JSON Schema shows editors `SectionContentForEditors` here.
  .catchall(z.unknown())
  .describe(
    'A context sheet, played by one team: its name, then its content for each section declared in `contextSections`, under the section id.',
  );

export const Category = z
  .strictObject({
    id: id('Category id, named by events in `category`.'),
    title: label('Name of the category, printed on the cards, e.g. "Juridique" or "Spades".'),
    colour: colour(
      "Colour of this category's cards (a suit's colour): their band and accents take it instead of the phase's.",
    ).optional(),
    icon: label('Small image printed next to the category name, a path inside the deck folder.').optional(),
  })
  .describe('A kind of event card, declared by the deck: a category, a suit, an impact...');

const Url = z
  .url({ protocol: /^https?$/, error: 'expected a web address starting with `https://` or `http://`' })
  .describe('A web address, printed on the card as a QR code with its text.');

export const Event = z
  .strictObject({
    id: id('Event id, stable across translations.'),
    phase: id('Id of the phase this card is dealt in.'),
    category: id("Id of one of the deck's `categories`; without it, no category is printed.").optional(),
    title: label('Short title of the card.'),
    situation: text('The situation, in a few sentences.'),
    questions: z
      .array(text('A question the team answers in its action plan.'))
      .default([])
      .describe('Questions printed on the card; none, one or several.'),
    constraint: text('An extra constraint printed on the card.').optional(),
    rank: z
      .union([label('Rank of the card, e.g. "K", "10".'), z.number().int().min(0).max(999)])
      .transform((rank) => String(rank))
      .optional()
      .describe(
        'Rank of the card, printed in a corner: `2`…`10`, `J`, `Q`, `K`, `A`, or any short text; the same in every translation.',
      ),
    icon: label('Small image printed near the title, a path inside the deck folder.').optional(),
    image: label(
      'Illustration printed on the card face (PNG, JPEG, SVG, WebP, AVIF), a path inside the deck folder; 300 dpi at its printed size.',
    ).optional(),
    url: Url.optional(),
    fields: z
      .record(
        id('Field name, read by layouts as `card.fields.<name>`.'),
        label('The text of the field (light Markdown).'),
      )
      .optional()
      .describe('Free fields (name → text) that layouts can print; translatable like every text.'),
    appliesTo: z
      .array(id('A context id.'))
      .min(1)
      .optional()
      .describe('Contexts this card is for; all when absent.'),
    copies: z.number().int().min(1).max(50).default(1).describe('How many copies of this card to print.'),
    notes: text(
      'Facilitator notes (guide only): what a good answer covers, the fact behind it, how contexts change it.',
    ).optional(),
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
  .strictObject({
    id: id('Section id.'),
    title: label('Section heading.'),
    body: text(
      'Section text. `{quantity}` placeholders (e.g. `{worksheets-per-team}`) print the numbers the print checklist counts, so they never disagree.',
    ),
    editions: z
      .enum(['all', 'translations'])
      .default('all')
      .describe(
        'Which editions print the section: `all`, or `translations` only (e.g. a note for facilitators abroad that the source edition does not need).',
      ),
  })
  .describe('A section of the guide.');

const DealPhase = z
  .strictObject({
    phase: id('The phase this deal is for.'),
    shared: id(
      'An event card every team gets in this phase (read aloud or copied for each table).',
    ).optional(),
    teams: z
      .record(id('A context id: the teams playing this context.'), z.array(id('An event id.')).min(1))
      .describe('For each context, the event cards its teams get in this phase, besides the shared one.'),
  })
  .describe("One phase of the default deal: its shared card and each context's own cards.");

const Handout = z
  .strictObject({
    title: label('Title of the participant handout.'),
    rules: text('How the game is played, for participants: one short page with the agenda.'),
    references: z
      .array(
        z
          .strictObject({
            id: id('Reference id.'),
            title: label('Name of the text or resource, e.g. "Loi pour une République numérique".'),
            identifier: label(
              'Its official identifier, e.g. "loi n° 2016-1321 du 7 octobre 2016".',
            ).optional(),
            url: z
              .url({
                protocol: /^https?$/,
                error: 'expected a web address starting with `https://` or `http://`',
              })
              .optional()
              .describe('Where to read it.'),
            summary: text('What it says that matters for the game, in a sentence or two.'),
          })
          .describe('A text or resource: its name, official identifier, address and what it says.'),
      )
      .default([])
      .describe('Legal references and resources cited on the cards, for participants to take away.'),
    feedback: z
      .strictObject({
        intro: text('A line above the feedback form.'),
        ratings: z
          .array(label('A statement participants rate from 1 to 5.'))
          .default([])
          .describe('Statements rated from 1 (disagree) to 5 (agree).'),
        questions: z
          .array(label('An open question with space to write.'))
          .default([])
          .describe('Open questions, each with a box to write in.'),
      })
      .optional()
      .describe('A feedback form participants fill in at the end.'),
  })
  .describe(
    'The participant handout (participant-handout.pdf): rules and agenda, references, feedback form.',
  );

export const Guide = z
  .strictObject({
    purpose: text('Why this workshop exists, in a paragraph.'),
    objectives: z.array(text('A learning objective.')).min(1).describe('What participants leave with.'),
    messages: z.array(text('A key message.')).min(1).describe('Key messages the debrief lands.'),
    agenda: z.array(AgendaItem).min(1).describe('The session step by step; phases are referenced by id.'),
    planB: text('A shorter plan when time or people are missing.').optional(),
    runningLate: text('Where to cut when a session runs late: which cards or steps go first.').optional(),
    deal: z
      .array(DealPhase)
      .optional()
      .describe(
        'The default deal, per phase: the shared card and the cards each context gets. The guide prints it as a table and as envelope labels.',
      ),
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
    categories: z
      .array(Category)
      .optional()
      .describe('Categories of event cards (kinds, suits...), declared by the deck and named by events.'),
    contextSections: z
      .array(ContextSection)
      .optional()
      .describe('Sections of the context sheets, in the order they are printed.'),
    contexts: z.array(Context).optional().describe('Context sheets, one per team; none is fine.'),
    events: z.array(Event).optional().describe('Event cards.'),
    profiles: z.array(Profile).optional().describe('Participant profile cards.'),
    guide: Guide.optional(),
    sources: z
      .array(SheetSource)
      .optional()
      .describe('Spreadsheets (CSV, XLSX) whose rows are events, profiles or contexts of the deck.'),
    handout: Handout.optional(),
  })
  .describe('An atelier deck file (deck.yaml or any other YAML file in the deck folder).');

export type MetaOut = z.output<typeof Meta>;
export type PrintOut = z.output<typeof Print>;
export type ThemeOut = z.output<typeof Theme>;
export type Phase = z.output<typeof Phase>;
export type Context = z.output<typeof Context>;
export type Category = z.output<typeof Category>;
export type ContextSection = z.output<typeof ContextSection>;
export type Figure = z.output<typeof Figure>;
export type Gauge = z.output<typeof Gauge>;
export type Event = z.output<typeof Event>;
export type Profile = z.output<typeof Profile>;
export type GuideOut = z.output<typeof Guide>;
export type DealPhase = z.output<typeof DealPhase>;
export type HandoutOut = z.output<typeof Handout>;
export type DeckFileOut = z.output<typeof DeckFile>;

/** Sections that appear in one file only; lists may be spread. */
export const SINGLE_SECTIONS = ['meta', 'print', 'theme', 'guide', 'handout'] as const;
export const LIST_SECTIONS = [
  'phases',
  'categories',
  'contextSections',
  'contexts',
  'events',
  'profiles',
] as const;
