import type { Deck } from '../check/deck.ts';
import { type Diagnostic, error, hasErrors, type Position, warning } from '../diagnostics/diagnostic.ts';
import { didYouMean } from '../diagnostics/suggest.ts';
import type { FontFiles } from '../fonts/font-files.ts';
import { type LocaleFile, loadLocaleFile, translatedLocales } from '../locale-files/locale-file.ts';
import {
  badLocaleTag,
  baseLanguage,
  fallbackChain,
  PSEUDO_LOCALE,
  sameLocale,
} from '../locale-files/locale-tags.ts';
import { compareLocale } from './compare.ts';
import { localeFonts } from './fonts.ts';
import { hyphenate } from './hyphenate.ts';
import { LABEL_KEY_PREFIX } from './labels.ts';
import { pseudoLocalize } from './pseudo.ts';
import { type DeckString, duplicateKeys, listStrings, setAt } from './strings.ts';
import { type Typography, typographyFor } from './typography/index.ts';

export interface LocalizeOptions {
  /** Missing and stale translations are errors instead of warnings. */
  strict?: boolean;
  /** Insert soft hyphens into card text (default true). */
  hyphenate?: boolean;
}

/** Where the text of one string of the localized deck was written. */
export interface StringOrigin {
  key: string;
  /** The language the text is in: the locale, or the source language where it fell back. */
  language: string;
  position?: Position;
}

export interface LocalizeResult {
  /** The deck with every string in the locale (or the source where it fell back); undefined for a bad locale tag. */
  deck?: Deck;
  locale: string;
  diagnostics: Diagnostic[];
  /** Fonts to draw this locale with (bundled, then theme, then the locale file's own). */
  fonts: FontFiles;
  /** Per key, where its text comes from: for glyph and overflow diagnostics. */
  origins: Map<string, StringOrigin>;
}

/** Something whose source position may be looked up (a listed string locates its own on demand). */
interface Located {
  readonly position?: Position | undefined;
}

/** The text chosen for a string, and where it was written. */
interface Chosen {
  text: string;
  language: string;
  from: Located;
}

/** A string's origin; a class, so that tens of thousands of them stay small (see `ListedString`). */
class ChosenOrigin implements StringOrigin {
  constructor(
    readonly key: string,
    readonly language: string,
    private readonly from: Located,
  ) {}

  get position(): Position | undefined {
    return this.from.position;
  }
}

/**
 * The deck as one locale reads it: translated strings from `locales/<locale>.yaml` (the source where a string is
 * missing or stale, with a warning each), the pseudo-locale generated from the source, then the locale's
 * typography on every string and soft hyphens in card text. The source deck is not modified.
 *
 * A regional locale reads its own file over its language's (`en-GB.yaml` over `en.yaml`). A regional variant
 * of the source language (`fr-CA` for a French deck) needs no file: it is the source with its own typography,
 * plus whatever its file overrides.
 */
export function localizeDeck(deck: Deck, locale: string, options: LocalizeOptions = {}): LocalizeResult {
  const source = deck.meta.language;
  const badTag = badLocaleTag(locale);
  if (badTag) return { locale, diagnostics: [badTag], fonts: localeFonts(deck).fonts, origins: new Map() };
  const strings = listStrings(deck);
  const diagnostics: Diagnostic[] = duplicateKeys(strings).map((s) =>
    error(
      'i18n/duplicate-key',
      `\`${s.key}\` names two strings: translations cannot tell them apart`,
      s.position,
      'give each agenda step and guide section its own id',
    ),
  );
  let texts: Map<string, Chosen>;
  let files: LocaleFile[] = [];
  if (locale === PSEUDO_LOCALE) {
    texts = pseudoTexts(strings, source, options);
  } else if (sameLocale(locale, source)) {
    texts = new Map(strings.map((s) => [s.key, sourceText(s, source)]));
  } else {
    const translated = translatedTexts(deck, strings, locale, options);
    diagnostics.push(...translated.diagnostics);
    texts = translated.texts;
    files = translated.files;
  }

  // Most specific file last, so that its fonts win.
  const fonts = localeFonts(deck, mergeFonts(files));
  diagnostics.push(...fonts.diagnostics);

  const data = structuredClone({
    meta: deck.meta,
    print: deck.print,
    theme: deck.theme,
    phases: deck.phases,
    categories: deck.categories,
    contextSections: deck.contextSections,
    contexts: deck.contexts,
    events: deck.events,
    profiles: deck.profiles,
    guide: deck.guide,
    ...(deck.handout ? { handout: deck.handout } : {}),
  });
  const origins = new Map<string, StringOrigin>();
  const sourceIsLocale = baseLanguage(locale) === baseLanguage(source);
  const typographies = new Map<string, Typography>();
  for (const s of strings) {
    const chosen = texts.get(s.key) ?? sourceText(s, source);
    let text = chosen.text;
    if (chosen.language !== PSEUDO_LOCALE) {
      // Fallback text keeps the typography of its own language: French text in an English kit stays French.
      const language = chosen.language === source && sourceIsLocale ? locale : chosen.language;
      let typography = typographies.get(language);
      if (!typography) {
        typography = typographyFor(language);
        typographies.set(language, typography);
      }
      text = typography(text);
      if (s.card && options.hyphenate !== false) text = hyphenate(text, language);
    }
    setAt(data, s.path, text);
    // Located on demand: most strings never need a position, and locating one parses its file's syntax tree.
    origins.set(s.key, new ChosenOrigin(s.key, chosen.language, chosen.from));
  }
  return {
    deck: { ...deck, ...data, origin: localizedOrigin(deck, origins) },
    locale,
    diagnostics,
    fonts: fonts.fonts,
    origins,
  };
}

/**
 * The localized deck's `origin`: a string's position is where the text this locale prints was written (the
 * locale file for a translation), so that later stages (an overflow, a missing glyph) point at the string to
 * change; anything else is located in the source as before.
 */
function localizedOrigin(deck: Deck, origins: ReadonlyMap<string, StringOrigin>): Deck['origin'] {
  return (kind, id) => {
    const source = deck.origin(kind, id);
    if (!source) return undefined;
    const prefix = id === undefined ? kind : `${kind}.${id}`;
    return {
      position: (path = []) =>
        (path.length > 0 ? origins.get(`${prefix}.${path.join('.')}`)?.position : undefined) ??
        source.position(path),
    };
  };
}

function sourceText(s: DeckString, source: string): Chosen {
  return { text: s.text, language: source, from: s };
}

function pseudoTexts(
  strings: readonly DeckString[],
  source: string,
  options: LocalizeOptions,
): Map<string, Chosen> {
  const texts = new Map<string, Chosen>();
  for (const s of strings) {
    // Hyphenate with the source's patterns first: pseudo letters are no word any pattern knows.
    const text = pseudoLocalize(s.card && options.hyphenate !== false ? hyphenate(s.text, source) : s.text);
    texts.set(s.key, { text, language: PSEUDO_LOCALE, from: s });
  }
  return texts;
}

/** Strings from the locale's files (own, then its language's), the source where none has a current one. */
function translatedTexts(
  deck: Deck,
  strings: readonly DeckString[],
  locale: string,
  options: LocalizeOptions,
): { texts: Map<string, Chosen>; files: LocaleFile[]; diagnostics: Diagnostic[] } {
  const source = deck.meta.language;
  const diagnostics: Diagnostic[] = [];
  const variantOfSource = baseLanguage(locale) === baseLanguage(source);
  // The source language itself has no file; its regional variants and every other locale may.
  const chain = fallbackChain(locale).filter((tag) => !sameLocale(tag, source));
  const loaded = chain.map((tag) => loadLocaleFile(deck, tag));
  for (const l of loaded) diagnostics.push(...l.diagnostics);
  const files = loaded.flatMap((l) => (l.file ? [l.file] : []));
  // A locale file that cannot be read leaves every string of it "missing": the one error says it all.
  if (hasErrors(diagnostics)) return { texts: new Map(), files, diagnostics };
  const own = loaded[0];
  if (!loaded.some((l) => l.exists || l.file) && !variantOfSource) {
    const known = translatedLocales(deck);
    diagnostics.push(
      error(
        'i18n/no-locale',
        `deck \`${deck.meta.id}\` has no ${locale} translation (${own?.path ?? `locales/${locale}.yaml`} does not exist)`,
        own ? { file: own.path } : undefined,
        didYouMean(locale, known) ??
          (known.length
            ? `locales of this deck: ${[source, ...known].join(', ')}`
            : `run \`atelier i18n extract --locale ${locale}\` to start one`),
      ),
    );
    return { texts: new Map(), files, diagnostics };
  }
  // A locale file that cannot be read has its errors: a missing-string warning for each of its strings on top
  // would only bury them.
  if (hasErrors(diagnostics)) return { texts: new Map(), files, diagnostics };
  const level = options.strict ? error : warning;
  const comparisons = files.map((file) => ({ file, comparison: compareLocale(strings, file) }));
  const texts = new Map<string, Chosen>();
  strings.forEach((s, i) => {
    const found = comparisons.map(({ file, comparison }) => ({ file, compared: comparison.strings[i] }));
    const current = found.find((f) => f.compared?.state === 'translated' && f.compared.entry);
    const entry = current?.compared?.entry;
    if (entry) {
      // The position is looked up only if a diagnostic asks for it: locating it parses the file's syntax tree.
      texts.set(s.key, {
        text: entry.text,
        language: locale,
        from: {
          get position() {
            return entry.textPosition;
          },
        },
      });
      return;
    }
    texts.set(s.key, sourceText(s, source));
    const stale = found.find((f) => f.compared?.state === 'stale')?.compared?.entry;
    if (stale) {
      diagnostics.push({
        ...level(
          'i18n/stale',
          stale.source === undefined
            ? `the ${locale} translation of \`${s.key}\` has no source hash: the source text is used`
            : `the source of \`${s.key}\` changed since it was translated to ${locale}: the source text is used`,
          stale.position,
          'update the translation, then its `source:` hash (`atelier i18n extract` and `import` do both)',
        ),
        ...(s.position ? { related: { ...s.position, message: 'source text' } } : {}),
      });
    } else if (!variantOfSource) {
      const file = own?.exists ? own.path : (files[0]?.file ?? own?.path);
      diagnostics.push(
        level(
          'i18n/missing',
          `no ${locale} translation for \`${s.key}\` (${s.owner}): the source text is used`,
          s.position,
          `add it to ${file}, or run \`atelier i18n extract --locale ${locale}\``,
        ),
      );
    }
  });
  const keys = strings.map((s) => s.key);
  for (const { comparison } of comparisons) {
    for (const entry of comparison.unused) {
      // Label translations (`label.<key>`) are checked where the labels are loaded.
      if (entry.key.startsWith(LABEL_KEY_PREFIX)) continue;
      diagnostics.push(
        warning(
          'i18n/unused',
          `\`${entry.key}\` is not a string of the deck: this translation is not used`,
          entry.position,
          didYouMean(entry.key, keys) ?? 'remove it, or rename it after the id it translates',
        ),
      );
    }
  }
  return { texts, files, diagnostics };
}

/** Fonts named by the files of a locale chain, the most specific file's winning. */
function mergeFonts(files: readonly LocaleFile[]): LocaleFile | undefined {
  if (files.length === 0) return undefined;
  const [own, ...rest] = files;
  if (!own) return undefined;
  return { ...own, fonts: Object.assign({}, ...[...rest].reverse().map((f) => f.fonts), own.fonts) };
}
