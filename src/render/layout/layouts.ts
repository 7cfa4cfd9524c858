import { compileMarkup } from '../../compose/layout/compile.ts';
import type { Layout } from '../../compose/layout/nodes.ts';
import type { TemplateSet } from '../../compose/templates.ts';
import type { DiagnosticSink } from '../diagnostics.ts';

const MAX_CACHED = 256;

/**
 * Fills layouts and compiles their markup. Deck text reaches the markup by `field` paths rather than inside
 * it, so cards of one phase usually produce the same markup: it is parsed once and reused.
 */
export class Layouts {
  private readonly cache = new Map<string, Map<string, Layout | undefined>>();
  private cached = 0;
  /** Markup of data objects filled before (a phase's back is filled with the same object each time). */
  private readonly filled = new WeakMap<object, Map<string, string | undefined>>();

  constructor(
    readonly templates: TemplateSet,
    private readonly diagnostics: DiagnosticSink,
  ) {}

  fill(name: string, data: object, size: { width: number; height: number }): Layout | undefined {
    const markup = this.markup(name, data);
    if (markup === undefined) return undefined;
    const sizeKey = `${name}|${size.width}|${size.height}`;
    let byMarkup = this.cache.get(sizeKey);
    if (!byMarkup) {
      byMarkup = new Map();
      this.cache.set(sizeKey, byMarkup);
    }
    if (byMarkup.has(markup)) return byMarkup.get(markup);
    const compiled = compileMarkup(markup, this.templates.files, size, name);
    this.diagnostics.addAll(compiled.diagnostics);
    if (this.cached >= MAX_CACHED) {
      // Rarely reached (markup varies with structure, not text): start over rather than track ages.
      this.cache.clear();
      this.cached = 0;
    }
    byMarkup.set(markup, compiled.layout);
    this.cached++;
    return compiled.layout;
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
