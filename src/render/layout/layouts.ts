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
  private readonly cache = new Map<string, Layout | undefined>();

  constructor(
    readonly templates: TemplateSet,
    private readonly diagnostics: DiagnosticSink,
  ) {}

  fill(name: string, data: object, size: { width: number; height: number }): Layout | undefined {
    const rendered = this.templates.render(name, data);
    this.diagnostics.addAll(rendered.diagnostics);
    if (rendered.markup === undefined) return undefined;
    const key = `${name}|${size.width}|${size.height}|${rendered.markup}`;
    if (this.cache.has(key)) return this.cache.get(key);
    const compiled = compileMarkup(rendered.markup, this.templates.files, size, name);
    this.diagnostics.addAll(compiled.diagnostics);
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, compiled.layout);
    return compiled.layout;
  }
}
