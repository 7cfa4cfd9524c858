import { type FrenchSpacing, frenchSpacing } from './french.ts';
import { NBSP } from './spaces.ts';

/**
 * Canadian French (Office québécois de la langue française): a no-break space before : and inside « », and
 * nothing added before ; ! ? (left as the writer typed them).
 */
export const CANADIAN_FRENCH: FrenchSpacing = { beforeColon: NBSP, insideQuotes: NBSP };

export function canadianFrenchSpacing(text: string): string {
  return frenchSpacing(text, CANADIAN_FRENCH);
}
