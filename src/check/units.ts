import { z } from 'zod';

const MM_PER_UNIT = { mm: 1, cm: 10, in: 25.4, pt: 25.4 / 72 } as const;
const LENGTH = /^(-?\d+(?:\.\d+)?)\s*(mm|cm|in|pt)$/;

/** Smallest and largest value a length may take, in millimetres. */
export interface LengthBounds {
  min: number;
  max: number;
}

/**
 * A physical length written with its unit (`63.5mm`, `0.25in`, `9pt`), read as millimetres. With `bounds`, a
 * value outside them is refused: a card of 0 mm, or a bleed of a metre, would make layout loop or run out of
 * memory long before it made a useful PDF.
 */
export function length(description: string, bounds?: LengthBounds) {
  const parsed = z
    .string({ error: 'expected a length with a unit, such as `3mm`' })
    .regex(LENGTH, {
      error: (issue) =>
        `\`${String(issue.input)}\` is not a length: write a number followed by mm, cm, in or pt, such as \`3mm\``,
    })
    .transform((text) => parseLength(text));
  const checked = bounds
    ? parsed.refine((mm) => mm >= bounds.min - 1e-9 && mm <= bounds.max + 1e-9, {
        error: (issue) => outOfBounds(issue.input as number, bounds),
        params: { code: 'length-out-of-range' },
      })
    : parsed;
  const range = bounds ? ` Between ${formatMm(bounds.min)} and ${formatMm(bounds.max)}.` : '';
  return checked.describe(`${description} A number with a unit: mm, cm, in or pt (e.g. \`3mm\`).${range}`);
}

function outOfBounds(mm: number, bounds: LengthBounds): string {
  return `${formatMm(mm)} is ${mm < bounds.min ? 'too small' : 'too large'}: write a length between ${formatMm(bounds.min)} and ${formatMm(bounds.max)}`;
}

function formatMm(mm: number): string {
  return `${Number(mm.toFixed(2))}mm`;
}

export function parseLength(text: string): number {
  const match = LENGTH.exec(text.trim());
  if (!match) throw new Error(`not a length: ${text}`);
  return Number(match[1]) * MM_PER_UNIT[match[2] as keyof typeof MM_PER_UNIT];
}

export const MM_TO_PT = 72 / 25.4;

/** A colour as `#rrggbb` or `#rgb`, read as `#rrggbb` lower case. */
export function colour(description: string) {
  return z
    .string({ error: 'expected a colour such as `#1f6feb`' })
    .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, {
      error: (issue) =>
        `\`${String(issue.input)}\` is not a colour: write it as \`#rrggbb\`, such as \`#1f6feb\``,
    })
    .transform((hex) =>
      (hex.length === 4 ? `#${[...hex.slice(1)].map((ch) => ch + ch).join('')}` : hex).toLowerCase(),
    )
    .describe(`${description} Hex colour \`#rrggbb\` or \`#rgb\`.`);
}

/** Stable identifiers: lower-case kebab-case, so they survive translation, file names and URLs. */
export function id(description: string) {
  return z
    .string({ error: 'expected an id in kebab-case, such as `open-data-portal`' })
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
      error: (issue) =>
        `\`${String(issue.input)}\` is not a valid id: use lower-case letters, digits and hyphens (kebab-case), such as \`${kebab(String(issue.input))}\``,
    })
    .describe(`${description} Kebab-case: lower-case letters, digits and single hyphens.`);
}

function kebab(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'my-id'
  );
}
