import { type CompileResult, compileMarkup } from '../../compose/layout/compile.ts';
import type { Layout } from '../../compose/layout/nodes.ts';
import type { TemplateSet } from '../../compose/templates.ts';
import type { DiagnosticSink } from '../diagnostics.ts';

const MAX_CACHED = 256;

/**
 * Compiled markup by layout name, size, template files and markup, for the whole process: compiling is a
 * pure function of these, and the documents of a build (cards, sheets, each locale) fill the same layouts
 * with the same markup. Layout trees are never changed once compiled.
 */
const compiled = new Map<string, Map<string, CompileResult>>();
let cached = 0;

/**
 * Fills layouts and compiles their markup. Deck text reaches the markup by `field` paths rather than inside
 * it, so cards of one phase usually produce the same markup: it is parsed once and reused.
 */
export class Layouts {
  /** Compilations whose problems this document has reported. */
  private readonly reported = new Set<CompileResult>();
  /** Markup of data objects filled before (a phase's back is filled with the same object each time). */
  private readonly filled = new WeakMap<object, Map<string, string | undefined>>();

  constructor(
    readonly templates: TemplateSet,
    private readonly diagnostics: DiagnosticSink,
  ) {}

  fill(name: string, data: object, size: { width: number; height: number }): Layout | undefined {
    const markup = this.markup(name, data);
    if (markup === undefined) return undefined;
    const key = `${name}|${size.width}|${size.height}|${this.templates.files.join('|')}`;
    let byMarkup = compiled.get(key);
    if (!byMarkup) {
      byMarkup = new Map();
      compiled.set(key, byMarkup);
    }
    let result = byMarkup.get(markup);
    if (!result) {
      result = compileMarkup(markup, this.templates.files, size, name);
      if (cached >= MAX_CACHED) {
        // Rarely reached (markup varies with structure, not text): start over rather than track ages.
        compiled.clear();
        cached = 0;
        byMarkup = new Map();
        compiled.set(key, byMarkup);
      }
      byMarkup.set(markup, result);
      cached++;
    }
    // Each document reports its layouts' problems (copies: a sink may amend what it keeps).
    if (!this.reported.has(result)) {
      this.reported.add(result);
      this.diagnostics.addAll(result.diagnostics.map((d) => ({ ...d })));
    }
    return result.layout;
  }

  private markup(name: string, data: object): string | undefined {
    let byName = this.filled.get(data);
    if (byName?.has(name)) return byName.get(name);
    const rendered = this.templates.render(name, data);
    this.diagnostics.addAll(rendered.diagnostics);
    if (!byName) {
      byName = new Map();
      this.filled.set(data, byName);
    }
    byName.set(name, rendered.markup);
    return rendered.markup;
  }
}
