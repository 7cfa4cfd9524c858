import { fmt } from '../text/faces.ts';

/*
 * CMYK for the print-shop file. A deck may give the CMYK values of its colours (`print.cmyk`, e.g. the values
 * of its brand guide); every other colour (tints and shades derived from the theme, greys) is converted with
 * the plain device formula: K = 1 − max(R, G, B), then C = (1 − R − K) / (1 − K), and so on for M and Y.
 * Greys thus print on the black plate alone. Small dark text (12 pt or less, K ≥ 70 % by that formula) prints
 * in pure black, 100 % K: four plates out of register would blur it.
 */

export type Cmyk = [number, number, number, number];

/** Text up to this size, dark enough, prints in pure black K. */
export const SMALL_TEXT = 12;
const DARK = 70;
const PURE_BLACK: Cmyk = [0, 0, 0, 100];

/** `#rrggbb` to CMYK percentages (0–100) by the device formula. */
export function rgbToCmyk(hex: string): Cmyk {
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => c / 255) as [
    number,
    number,
    number,
  ];
  const k = 1 - Math.max(r, g, b);
  if (k >= 1) return [0, 0, 0, 100];
  const part = (c: number) => round((100 * (1 - c - k)) / (1 - k));
  return [part(r), part(g), part(b), round(100 * k)];
}

export class CmykPalette {
  private readonly given = new Map<string, Cmyk>();

  constructor(overrides: Readonly<Record<string, readonly number[]>> = {}) {
    for (const [hex, values] of Object.entries(overrides))
      this.given.set(normalizeHex(hex), values.slice(0, 4) as Cmyk);
  }

  /** The CMYK of a colour: the deck's own values, else converted. */
  of(colour: string): Cmyk {
    const hex = normalizeHex(colour);
    return this.given.get(hex) ?? rgbToCmyk(hex);
  }

  /** The CMYK of text of `size` points: pure black when small and dark, unless the deck gave its own values. */
  ofText(colour: string, size: number): Cmyk {
    const hex = normalizeHex(colour);
    const given = this.given.get(hex);
    if (given) return given;
    const converted = rgbToCmyk(hex);
    return size <= SMALL_TEXT && converted[3] >= DARK ? PURE_BLACK : converted;
  }
}

/**
 * Makes every colour `doc` draws CMYK: hex strings given to `fillColor` and `strokeColor` are converted, and
 * the text emitter writes `k` operators. PDFKit writes 4-component colours in DeviceCMYK.
 */
export function drawInCmyk(
  doc: PDFKit.PDFDocument,
  emitter: { fillOperator: ((hex: string, size: number) => string) | undefined },
  palette: CmykPalette,
): void {
  type ColourFn = (colour: unknown, opacity?: number) => PDFKit.PDFDocument;
  const target = doc as unknown as { fillColor: ColourFn; strokeColor: ColourFn };
  const convert = (colour: unknown) =>
    typeof colour === 'string' && /^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(colour) ? palette.of(colour) : colour;
  const fill = target.fillColor.bind(doc);
  const stroke = target.strokeColor.bind(doc);
  target.fillColor = (colour, opacity) => fill(convert(colour), opacity);
  target.strokeColor = (colour, opacity) => stroke(convert(colour), opacity);
  emitter.fillOperator = (hex, size) =>
    `${palette
      .ofText(hex, size)
      .map((v) => fmt(v / 100))
      .join(' ')} k`;
}

function normalizeHex(colour: string): string {
  const lower = colour.toLowerCase();
  return lower.length === 4 ? `#${[...lower.slice(1)].map((c) => c + c).join('')}` : lower;
}

const round = (n: number) => Math.round(n * 10) / 10;
