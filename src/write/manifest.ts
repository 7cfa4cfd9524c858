import { createHash } from 'node:crypto';
import type { QuantityName } from '../check/quantity-names.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { CardFace } from '../render/card-faces.ts';
import type { StyleFloor } from '../render/fitting.ts';
import type { OutputFile } from '../render/types.ts';

/** What a build made, so an organizer (or a script) can tell what is in a folder and whether it changed. */
export interface Manifest {
  deck: string;
  title: string;
  locale: string;
  version: string;
  date: string;
  generator: string;
  files: { name: string; pages: number; bytes: number; sha256: string }[];
  /** Per file, the smallest size each text style was shrunk to, and where: how tight the text is. */
  fitting: Record<string, StyleFloor[]>;
  sources: { file: string; sha256: string }[];
  /** How many of each thing to print and bring: the figures the guide's checklist and prose print. */
  quantities: Record<QuantityName, number>;
  /** Per card document, a hash of what each card face draws: `build --changed-since` compares them. */
  faces?: Record<string, CardFace[]>;
  warnings: Pick<Diagnostic, 'code' | 'message' | 'file' | 'line' | 'column'>[];
}

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function describeFiles(files: readonly OutputFile[]): Manifest['files'] {
  return files.map((f) => ({ name: f.name, pages: f.pages, bytes: f.bytes.length, sha256: sha256(f.bytes) }));
}

export function manifestJson(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
