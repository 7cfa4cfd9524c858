import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import Handlebars from 'handlebars';
import { type Diagnostic, error, type Position } from '../diagnostics/diagnostic.ts';
import { describeProblem, readRegularFile } from '../fs-guard.ts';
import { LIMITS } from '../load/limits.ts';
import { boundedEntryOf, entryOf } from '../maps.ts';
import { PACKAGE_ROOT } from '../paths.ts';
import { LAYOUT_HELPERS } from './helpers.ts';
import { type AnnotatedTemplate, annotatePositions } from './markup/annotate.ts';
import { checkTemplateMarkup } from './markup/check-template.ts';
import type { MarkupSpec } from './markup/tree.ts';
import { precompileCached } from './template-cache.ts';

/** The `templates/` folder shipped with atelier. */
export const TEMPLATES_DIR = join(PACKAGE_ROOT, 'templates');
/** Partials live under `templates/partials/`; `{{> card/band}}` is `partials/card/band.hbs`. */
export const PARTIALS_DIR = 'partials';

export interface TemplateSetOptions {
  /** Top-level templates to load, by name: `card-front` is `templates/card-front.hbs`. */
  names: readonly string[];
  /** Vocabulary the layouts' markup is checked against at load. */
  spec: MarkupSpec;
  /** Folder of templates; `templates/` by default. */
  dir?: string;
  /**
   * A deck's own `templates/` folder: a file there (a layout, or a partial under `partials/`) replaces the file
   * of the same name in `dir`, and problems in it are reported at the deck's file.
   */
  overrides?: string;
  /** Extra helpers on top of `LAYOUT_HELPERS`. */
  helpers?: Record<string, Handlebars.HelperDelegate>;
  /** How file names are shown in diagnostics; relative to the working directory by default. */
  display?: (absolutePath: string) => string;
}

export interface RenderedMarkup {
  markup?: string;
  diagnostics: Diagnostic[];
}

/** Compiled layouts, ready to fill. Each call to `render` is independent; nothing is shared between decks. */
export interface TemplateSet {
  /** Display names of every file loaded; `_at` attributes in the markup index this list. */
  files: readonly string[];
  /** Absolute paths of the same files (to notice edits). */
  paths: readonly string[];
  /** Problems found while loading: Handlebars syntax, unknown elements or attributes, missing partials. */
  diagnostics: Diagnostic[];
  /** Each label the templates read (`labels.<key>`, `@root.labels.<key>`, `label "<key>"`), with where it is first read. */
  labelKeys: ReadonlyMap<string, Position>;
  has(name: string): boolean;
  render(name: string, data: object): RenderedMarkup;
}

interface LoadedFile {
  index: number;
  name: string;
  absolute: string;
  display: string;
  annotated?: AnnotatedTemplate;
  ast?: hbs.AST.Program;
  /** Compiled without a Handlebars error (markup problems are reported but do not stop compiling). */
  compiles?: boolean;
  compiled?: HandlebarsTemplateDelegate;
}

type TemplateSpecification = Parameters<typeof Handlebars.template>[0];
type LocatedError = Error & {
  lineNumber?: number;
  column?: number;
  atelierFile?: number;
  /** A limit of this module was reached: the diagnostic is already made. */
  atelierDiagnostic?: Diagnostic;
};

/**
 * Bounds on what one layout may produce. A layout looping over loops (or partials including themselves)
 * made 150 MB of markup and ran V8 out of memory after a minute and a half. The guide is the largest markup:
 * 1.6 MB for 1,000 cards, so about 8 MB for 5,000.
 */
export const TEMPLATE_LIMITS = {
  /** Characters of markup one render may produce. */
  maxMarkupChars: 24 * 1024 * 1024,
  /** Partials inside partials. */
  maxPartialDepth: 32,
} as const;

/** Names every JavaScript object answers to: a layout reading them reads no deck data. */
const OBJECT_PROPERTIES = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

const COMPILE_OPTIONS = (helpers: Record<string, unknown>) => ({
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries(Object.keys(helpers).map((name) => [name, true])),
  preventIndent: true,
});

/**
 * Loads layouts and the partials they use (transitively) into an isolated Handlebars environment in strict
 * mode: a missing variable, unknown helper or missing partial is an error located at the template's file,
 * line and column, and so is markup outside the vocabulary, before any deck data fills it.
 */
export function loadTemplates(options: TemplateSetOptions): TemplateSet {
  const dir = options.dir ?? TEMPLATES_DIR;
  const display = options.display ?? ((p: string) => relative(process.cwd(), p) || p);
  const helpers = { ...LAYOUT_HELPERS, ...options.helpers };
  const env = Handlebars.create();
  for (const [name, helper] of Object.entries(helpers)) env.registerHelper(name, helper);
  const compileOptions = COMPILE_OPTIONS(helpers);
  const budget = new OutputBudget();
  wrapLoops(env, budget);

  const files: LoadedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const labelKeys = new Map<string, Position>();
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  const partials = new Set<string>();

  const load = (name: string, shipped: string, referencedAt?: Position): LoadedFile | undefined => {
    const absolute = options.overrides ? (deckFile(options.overrides, dir, shipped) ?? shipped) : shipped;
    const file: LoadedFile = { index: files.length, name, absolute, display: display(absolute) };
    // A deck's own layout may be anything its author put there: read only a regular file, never blocking.
    const read = readRegularFile(absolute, LIMITS.maxFileBytes);
    if (read.problem !== undefined && read.problem !== 'missing') {
      diagnostics.push(
        error(
          'template/not-a-file',
          `template \`${file.display}\` ${describeProblem(read.problem)}`,
          referencedAt ?? { file: file.display },
          'a layout is a Handlebars text file (.hbs)',
        ),
      );
      return undefined;
    }
    const source = read.bytes?.toString('utf8');
    if (source === undefined) {
      diagnostics.push(
        error(
          'template/missing',
          `template \`${file.display}\` does not exist`,
          referencedAt ?? { file: file.display },
          `layouts live in ${display(dir)}/`,
        ),
      );
      return undefined;
    }
    files.push(file);
    const checked = checkedFile(source, file.display, options.spec);
    if (!checked.ast) {
      diagnostics.push(handlebarsError(checked.parseError as LocatedError, file.display));
      return file;
    }
    file.ast = checked.ast;
    diagnostics.push(...checked.markup.map((d) => ({ ...d })));
    file.annotated = annotatedFile(source, file.index);
    try {
      // `compile` is lazy and would report an unknown helper only when first run: precompile now, once.
      file.compiled = env.template(templateSpecification(env, file.annotated.source, compileOptions));
    } catch (e) {
      diagnostics.push(locate(e as LocatedError, file));
      return file;
    }
    file.compiles = true;
    collect(file, file.ast);
    return file;
  };

  const collect = (file: LoadedFile, ast: hbs.AST.Program) => {
    visit(ast, (node) => {
      if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') {
        const partial = (node as hbs.AST.PartialStatement).name;
        if (partial.type !== 'PathExpression') return;
        const name = (partial as hbs.AST.PathExpression).original;
        if (partials.has(name)) return;
        partials.add(name);
        const at = { file: file.display, line: node.loc.start.line, column: node.loc.start.column + 1 };
        const loaded = load(name, join(dir, PARTIALS_DIR, `${name}.hbs`), at);
        if (loaded?.compiled) {
          const fn = loaded.compiled;
          env.registerPartial(name, ((context: unknown, opts: unknown) => {
            if (budget.depth >= TEMPLATE_LIMITS.maxPartialDepth) {
              throw limitError(
                error(
                  'template/partial-depth',
                  `partial \`${name}\` is nested more than ${TEMPLATE_LIMITS.maxPartialDepth} partials deep`,
                  at,
                  'a partial that includes itself needs a condition that ends it ({{#if ...}})',
                ),
              );
            }
            budget.depth++;
            try {
              return budget.count(() => fn(context, opts as RuntimeOptions), at);
            } catch (e) {
              const located = e as LocatedError;
              located.atelierFile ??= loaded.index;
              throw located;
            } finally {
              budget.depth--;
            }
          }) as unknown as HandlebarsTemplateDelegate);
        }
      } else if (node.type === 'PathExpression') {
        const path = node as hbs.AST.PathExpression;
        const inherited = path.parts.find((part) => OBJECT_PROPERTIES.has(part));
        if (inherited !== undefined) {
          diagnostics.push(
            error(
              'template/object-property',
              `\`${path.original}\` reads \`${inherited}\`, which every JavaScript object has, not deck data`,
              { file: file.display, line: path.loc.start.line, column: path.loc.start.column + 1 },
              'check the name against the data described in docs/templates.md',
            ),
          );
        }
        // `labels.x`, `../labels.x` (the parts leave out `../`) and `@root.labels.x`; other `@` data is not labels.
        const parts = path.data ? (path.parts[0] === 'root' ? path.parts.slice(1) : []) : path.parts;
        const key = parts[0] === 'labels' && parts.length === 2 ? (parts[1] as string) : undefined;
        if (key !== undefined && !labelKeys.has(key)) {
          labelKeys.set(key, {
            file: file.display,
            line: path.loc.start.line,
            column: path.loc.start.column + 1,
          });
        }
      } else if (node.type === 'MustacheStatement' || node.type === 'SubExpression') {
        // `{{label "key" ...}}` reads a label too.
        const call = node as hbs.AST.MustacheStatement;
        const looked = call.params[1];
        if (
          call.path.type === 'PathExpression' &&
          (call.path as hbs.AST.PathExpression).original === 'lookup' &&
          looked?.type === 'StringLiteral' &&
          OBJECT_PROPERTIES.has((looked as hbs.AST.StringLiteral).value)
        ) {
          diagnostics.push(
            error(
              'template/object-property',
              `\`lookup\` of \`${(looked as hbs.AST.StringLiteral).value}\` reads what every JavaScript object has, not deck data`,
              { file: file.display, line: looked.loc.start.line, column: looked.loc.start.column + 1 },
              'check the name against the data described in docs/templates.md',
            ),
          );
        }
        const key = call.params[0];
        if (
          call.path.type === 'PathExpression' &&
          (call.path as hbs.AST.PathExpression).original === 'label' &&
          key?.type === 'StringLiteral'
        ) {
          const name = (key as hbs.AST.StringLiteral).value;
          if (!labelKeys.has(name))
            labelKeys.set(name, {
              file: file.display,
              line: key.loc.start.line,
              column: key.loc.start.column + 1,
            });
        }
      }
    });
  };

  for (const name of options.names) {
    const file = load(name, join(dir, `${name}.hbs`));
    if (file?.compiled) compiled.set(name, file.compiled);
  }

  return {
    files: files.map((f) => f.display),
    paths: files.map((f) => f.absolute),
    diagnostics,
    labelKeys,
    has: (name) => compiled.has(name),
    render(name, data) {
      const fn = compiled.get(name);
      if (!fn)
        return { diagnostics: [error('template/not-loaded', `template \`${name}\` could not be loaded`)] };
      budget.reset();
      try {
        const markup = fn(data);
        if (markup.length > TEMPLATE_LIMITS.maxMarkupChars) budget.refuse(undefined);
        return { markup, diagnostics: [] };
      } catch (e) {
        const located = e as LocatedError;
        if (located.atelierDiagnostic) {
          const fallback = files.find((f) => f.name === name)?.display;
          const d = located.atelierDiagnostic;
          return { diagnostics: [d.file || !fallback ? d : { ...d, file: fallback, line: 1, column: 1 }] };
        }
        if (e instanceof RangeError) {
          const file = files.find((f) => f.name === name);
          return {
            diagnostics: [
              error(
                'template/too-deep',
                `layout \`${name}\` nests too deeply to be filled (${e.message})`,
                file ? { file: file.display, line: 1, column: 1 } : undefined,
                'look for a partial that includes itself, or blocks nested without end',
              ),
            ],
          };
        }
        const file = files[located.atelierFile ?? files.find((f) => f.name === name)?.index ?? 0];
        return { diagnostics: [file ? locate(located, file) : error('template/runtime', located.message)] };
      }
    },
  };
}

type RuntimeOptions = Handlebars.RuntimeOptions;

/*
 * What loading a file computes from its text alone, kept for the process: a build loads several sets of layouts
 * (context sheets, event cards, profile cards, guide, handout) that share files, each set into an environment
 * of its own, and watch mode reloads them. The keys hold the whole text, so an edited file is read afresh.
 */
interface CheckedFile {
  ast?: hbs.AST.Program;
  parseError?: unknown;
  markup: Diagnostic[];
}
const checkedFiles = new WeakMap<MarkupSpec, Map<string, CheckedFile>>();
const annotatedFiles = new Map<string, AnnotatedTemplate>();
const specifications = new Map<string, TemplateSpecification>();

/** Entries a cache keeps before it starts afresh: every version of every file a long watch session saw. */
const MAX_KEPT = 500;

function remember<V>(cache: Map<string, V>, key: string, make: () => V): V {
  return boundedEntryOf(cache, key, make, MAX_KEPT);
}

/** A file's syntax tree (or why it has none) and the problems of its markup, shown at `display`. */
function checkedFile(source: string, display: string, spec: MarkupSpec): CheckedFile {
  const bySpec = entryOf(checkedFiles, spec, () => new Map<string, CheckedFile>());
  return remember(bySpec, `${display}\0${source}`, () => {
    let ast: hbs.AST.Program;
    try {
      // The tree is only read (partials, labels, error positions), never changed.
      ast = Handlebars.parse(source);
    } catch (e) {
      return { parseError: e, markup: [] };
    }
    return { ast, markup: checkTemplateMarkup(source, display, spec) };
  });
}

function annotatedFile(source: string, index: number): AnnotatedTemplate {
  return remember(annotatedFiles, `${index}\0${source}`, () => annotatePositions(source, index));
}

/**
 * The precompiled template, evaluated: compiling its JavaScript costs more than running it. One specification
 * serves every environment (Handlebars only reads it, bar a property it sets to the same value each time).
 */
function templateSpecification(
  env: typeof Handlebars,
  source: string,
  options: ReturnType<typeof COMPILE_OPTIONS>,
): TemplateSpecification {
  return remember(
    specifications,
    `${JSON.stringify(options)}\0${source}`,
    () => new Function(`return ${precompileCached(env, source, options)}`)() as TemplateSpecification,
  );
}

function limitError(diagnostic: Diagnostic): LocatedError {
  const e = new Error(diagnostic.message) as LocatedError;
  e.atelierDiagnostic = diagnostic;
  return e;
}

/**
 * Markup one render has produced so far, counted where output multiplies (each loop iteration, each partial),
 * so that a runaway layout stops at the limit instead of building the whole string. Output of nested loops is
 * counted once: what an inner iteration made is taken out of the outer iteration's share.
 */
class OutputBudget {
  depth = 0;
  private counted = 0;

  reset(): void {
    this.counted = 0;
    this.depth = 0;
  }

  count(produce: () => string, at?: Position): string {
    const before = this.counted;
    const out = produce();
    const nested = this.counted - before;
    this.counted += Math.max(0, out.length - nested);
    if (this.counted > TEMPLATE_LIMITS.maxMarkupChars) this.refuse(at);
    return out;
  }

  refuse(at: Position | undefined): never {
    throw limitError(
      error(
        'template/too-much-markup',
        `the layout produces more than ${TEMPLATE_LIMITS.maxMarkupChars / (1024 * 1024)} MB of markup`,
        at,
        'look for loops inside loops or partials that repeat each other; a kit needs a few megabytes at most',
      ),
    );
  }
}

/** The built-in `each` helper, with each iteration counted against the budget. */
function wrapLoops(env: typeof Handlebars, budget: OutputBudget): void {
  const each = env.helpers.each as Handlebars.HelperDelegate;
  env.registerHelper('each', function (this: unknown, context: unknown, options: Handlebars.HelperOptions) {
    const fn = options.fn;
    const counted = Object.assign(
      (item: unknown, runtime?: Handlebars.RuntimeOptions) => budget.count(() => fn(item, runtime)),
      fn,
    );
    return each.call(this, context, { ...options, fn: counted });
  });
}

/** A Handlebars error at the original template's position (annotations removed from the column). */
function locate(e: LocatedError, file: LoadedFile): Diagnostic {
  const line = e.lineNumber ?? lineFromMessage(e.message) ?? 1;
  const column =
    file.annotated && e.column !== undefined
      ? file.annotated.originalColumn(line, e.column)
      : (e.column ?? 0) + 1;
  const message = e.message.replace(/ - \d+:\d+$/, '');
  const missing = /^"([^"]+)" not defined in/.exec(message);
  if (missing) {
    const path = file.ast ? pathAt(file.ast, line, column - 1) : undefined;
    return error(
      'template/missing-variable',
      `\`${path ?? missing[1]}\` is not defined in the data given to this layout`,
      { file: file.display, line, column },
      'check the name against the data described in docs/templates.md; optional values need {{#if ...}}',
    );
  }
  const partial = /^The partial (\S+) could not be found/.exec(message);
  if (partial)
    return error(
      'template/missing-partial',
      `partial \`${partial[1]}\` does not exist`,
      { file: file.display, line, column },
      `partials live in templates/${PARTIALS_DIR}/`,
    );
  const helper = /unknown helper (\S+)/.exec(message);
  if (helper)
    return error(
      'template/unknown-helper',
      `unknown helper \`${helper[1]}\``,
      { file: file.display, line, column },
      `helpers: ${Object.keys(LAYOUT_HELPERS).join(', ')}`,
    );
  return error('template/handlebars', message, { file: file.display, line, column });
}

function handlebarsError(e: LocatedError, file: string): Diagnostic {
  // Parse errors carry the line in the message and a caret under the column.
  const line = e.lineNumber ?? lineFromMessage(e.message) ?? 1;
  const caret = /\n-*\^/.exec(e.message);
  const column = e.column !== undefined ? e.column + 1 : caret ? caret[0].length - 1 : 1;
  const expecting = /Expecting (.*), got (.*)$/m.exec(e.message);
  const message = expecting
    ? `Handlebars syntax: expecting ${expecting[1]}, got ${expecting[2]}`
    : `Handlebars syntax: ${e.message.split('\n')[0]?.replace(/ - \d+:\d+$/, '')}`;
  return error(
    'template/syntax',
    message,
    { file, line, column },
    'check that every {{#block}} is closed by a matching {{/block}}',
  );
}

function lineFromMessage(message: string): number | undefined {
  const match = /line (\d+)/.exec(message) ?? / - (\d+):\d+$/.exec(message);
  return match ? Number(match[1]) : undefined;
}

/** The dotted path of the mustache expression starting at a position (Handlebars reports only its last part). */
function pathAt(ast: hbs.AST.Program, line: number, column0: number): string | undefined {
  let found: string | undefined;
  visit(ast, (node) => {
    if (node.type === 'PathExpression' && node.loc.start.line === line && node.loc.start.column === column0)
      found ??= (node as hbs.AST.PathExpression).original;
  });
  return found;
}

/** Walks every node of a Handlebars AST. */
function visit(node: unknown, fn: (node: hbs.AST.Node) => void): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) visit(child, fn);
    return;
  }
  const n = node as hbs.AST.Node & Record<string, unknown>;
  if (typeof n.type === 'string') fn(n);
  for (const key in n) {
    const value = n[key];
    if (key !== 'loc' && value && typeof value === 'object') visit(value, fn);
  }
}

/**
 * The deck's file standing for a shipped one (`templates/partials/card/styles.hbs` →
 * `<deck>/templates/partials/card/styles.hbs`), when there is one inside the deck's folder (a link that leads
 * out of it is not followed).
 */
function deckFile(overrides: string, dir: string, shipped: string): string | undefined {
  const candidate = resolve(overrides, relative(dir, shipped));
  if (!candidate.startsWith(resolve(overrides) + sep) || !existsSync(candidate)) return undefined;
  try {
    const real = realpathSync(candidate);
    return real.startsWith(realpathSync(overrides) + sep) && statSync(real).isFile() ? candidate : undefined;
  } catch {
    return undefined;
  }
}

/** Every `.hbs` file under a deck's `templates/` folder, to notice one added or removed (watch mode). */
function overridesStamp(overrides: string | undefined): string {
  if (!overrides || !existsSync(overrides)) return '';
  try {
    return readdirSync(overrides, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.hbs'))
      .sort()
      .join(',');
  } catch {
    return '';
  }
}

const loaded = new Map<string, { stamp: string; set: TemplateSet }>();

/**
 * `loadTemplates`, reused while none of the files changed: a build of several decks and locales loads the
 * layouts once, and watch mode still picks up a designer's edit (or a file added to a deck's `templates/`).
 */
export function loadTemplatesCached(options: TemplateSetOptions): TemplateSet {
  const key = `${options.dir ?? TEMPLATES_DIR}|${options.overrides ?? ''}|${options.names.join(',')}`;
  const stamp = (set: TemplateSet) => `${filesStamp(set.paths)}|${overridesStamp(options.overrides)}`;
  const hit = loaded.get(key);
  if (hit && hit.stamp === stamp(hit.set)) return hit.set;
  const set = loadTemplates(options);
  // Files that failed to load are not in `paths`; a set with problems is not kept, so a fix is seen next time.
  if (set.diagnostics.length === 0) loaded.set(key, { stamp: stamp(set), set });
  else loaded.delete(key);
  return set;
}

/** A deck's `templates/` folder, when it has one: its files replace atelier's own of the same name. */
export function deckTemplatesDir(deckDir: string): string | undefined {
  const dir = join(deckDir, 'templates');
  return existsSync(dir) && statSync(dir).isDirectory() ? dir : undefined;
}

/** Modification stamp of a set of files, to reload layouts a designer edited (watch mode) and nothing else. */
export function filesStamp(paths: readonly string[]): string {
  return paths
    .map((p) => {
      try {
        const s = statSync(p);
        return `${p}:${s.mtimeMs}:${s.size}`;
      } catch {
        return `${p}:missing`;
      }
    })
    .join('|');
}
