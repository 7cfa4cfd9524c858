import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.ts';

/** atelier's version, from its package.json (the same whether run from src/ or from the bundle). */
export function packageVersion(): string {
  try {
    const { version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
      version?: string;
    };
    return version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
