/*
 * Colour arithmetic for layouts: a phase colour may be any hex a trainer picks, so text drawn on it, tints
 * behind text and phase-coloured titles on white are derived here to stay readable.
 */

type Rgb = [number, number, number];

function rgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function hex([r, g, b]: Rgb): string {
  return `#${[r, g, b]
    .map((c) =>
      Math.round(Math.min(255, Math.max(0, c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** WCAG relative luminance. */
function luminance(colour: string): number {
  const [r, g, b] = rgb(colour).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `amount` of `b` over `a` (0: a, 1: b). */
export function mix(a: string, b: string, amount: number): string {
  const x = rgb(a);
  const y = rgb(b);
  return hex([0, 1, 2].map((i) => (x[i] as number) * (1 - amount) + (y[i] as number) * amount) as Rgb);
}

/** Ink or paper, whichever reads better on `background`. */
export function textOn(background: string, ink: string, paper = '#ffffff'): string {
  return contrast(background, paper) >= contrast(background, ink) ? paper : ink;
}

/** `colour` darkened until it reads as text on `background` (contrast 4.5:1). */
export function readableOn(colour: string, background = '#ffffff', ratio = 4.5): string {
  let out = colour;
  for (let step = 1; step <= 20 && contrast(out, background) < ratio; step++)
    out = mix(colour, '#000000', step * 0.05);
  return out;
}
