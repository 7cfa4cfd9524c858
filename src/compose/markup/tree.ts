import type { Position } from '../../diagnostics/diagnostic.ts';

/** A parsed element of layout markup, with where it was written. */
export interface MarkupElement {
  kind: 'element';
  name: string;
  attributes: Record<string, string>;
  children: MarkupNode[];
  position: Position;
}

export interface MarkupText {
  kind: 'text';
  text: string;
}

export type MarkupNode = MarkupElement | MarkupText;

/** What an attribute holds; checked when a template is loaded. */
export type AttributeType =
  | 'length'
  | 'lengths'
  | 'sides'
  | 'number'
  | 'colour'
  | 'string'
  | 'boolean'
  | readonly string[];

/** What one element of the markup may carry: the vocabulary a designer can use in `templates/`. */
export interface ElementSpec {
  description: string;
  attributes: Record<string, AttributeType>;
  required?: readonly string[];
  /** Child elements allowed; `undefined` means any element of the vocabulary. */
  children?: readonly string[];
  /** Whether character data may appear directly inside. */
  text?: boolean;
}

export type MarkupSpec = Record<string, ElementSpec>;
