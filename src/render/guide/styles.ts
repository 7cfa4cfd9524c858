import { PAPER_SIZES, type PaperName } from '../../check/schema.ts';
import { mix, readableOn, textOn } from '../../compose/colour.ts';
import { mm } from '../pdf/document.ts';
import type { TextStyle } from './typesetter.ts';

/*
 * The look of the guide: page geometry and type scale. One body size with a clear step to each heading level,
 * generous margins, theme colours as accents and phase colours on the phase sections and their cards.
 */

export interface PageGeometry {
  width: number;
  height: number;
  left: number;
  right: number;
  /** Top of the text area. */
  top: number;
  /** Bottom of the text area. */
  bottom: number;
  bodyWidth: number;
  bodyHeight: number;
  headerBaseline: number;
  footerBaseline: number;
}

export function pageGeometry(paper: PaperName): PageGeometry {
  const size = PAPER_SIZES[paper];
  const width = mm(size.width);
  const height = mm(size.height);
  const left = mm(22);
  const right = width - mm(22);
  const top = mm(25);
  const bottom = height - mm(22);
  return {
    width,
    height,
    left,
    right,
    top,
    bottom,
    bodyWidth: right - left,
    bodyHeight: bottom - top,
    headerBaseline: mm(14),
    footerBaseline: height - mm(11),
  };
}

export interface Palette {
  ink: string;
  muted: string;
  accent: string;
  rule: string;
  paper: string;
}

export interface GuideStyles {
  palette: Palette;
  body: TextStyle;
  lead: TextStyle;
  small: TextStyle;
  muted: TextStyle;
  h1: TextStyle;
  h2: TextStyle;
  h3: TextStyle;
  h4: TextStyle;
  kicker: TextStyle;
  fieldLabel: TextStyle;
  meta: TextStyle;
  tableHead: TextStyle;
  cell: TextStyle;
  cellSmall: TextStyle;
  checkLabel: TextStyle;
  quantity: TextStyle;
  tocLevel1: TextStyle;
  tocLevel2: TextStyle;
  running: TextStyle;
  coverKicker: TextStyle;
  coverTitle: TextStyle;
  coverSubtitle: TextStyle;
  factLabel: TextStyle;
  coverFactLabel: TextStyle;
  factValue: TextStyle;
  prompt: TextStyle;
  /** Space between paragraphs, and before lists and tables. */
  paragraphSpace: number;
}

export function guideStyles(colours: {
  ink: string;
  muted: string;
  accent: string;
  paper: string;
}): GuideStyles {
  const ink = colours.ink;
  const muted = colours.muted;
  const accent = colours.accent;
  const palette: Palette = { ink, muted, accent, paper: colours.paper, rule: mix(muted, '#ffffff', 0.3) };
  // Text on the cover's accent band: white or ink, whichever reads better on that colour.
  const onAccent = textOn(accent, ink, '#ffffff');
  const label = (size: number, colour: string): TextStyle => ({
    size,
    leading: size * 1.35,
    colour,
    bold: true,
    uppercase: true,
    tracking: size * 0.08,
  });
  return {
    palette,
    body: { size: 10, leading: 14.5, colour: ink },
    lead: { size: 12, leading: 17.5, colour: ink },
    small: { size: 8.5, leading: 12, colour: ink },
    muted: { size: 9.5, leading: 13.5, colour: muted },
    h1: { size: 21, leading: 26, colour: ink, bold: true },
    h2: { size: 14, leading: 18, colour: ink, bold: true },
    h3: { size: 12, leading: 15.5, colour: ink, bold: true },
    h4: { size: 11.5, leading: 15, colour: ink, bold: true },
    kicker: label(8, readableOn(accent)),
    fieldLabel: label(7, muted),
    meta: { size: 8.5, leading: 12, colour: muted },
    tableHead: label(7.5, muted),
    cell: { size: 9.5, leading: 13.5, colour: ink },
    cellSmall: { size: 8.5, leading: 12, colour: ink },
    checkLabel: { size: 10, leading: 14, colour: ink, bold: true },
    quantity: { size: 13, leading: 16, colour: readableOn(accent), bold: true },
    tocLevel1: { size: 11, leading: 15, colour: ink, bold: true },
    tocLevel2: { size: 10, leading: 14, colour: ink },
    running: { size: 7.5, leading: 10, colour: muted },
    coverKicker: label(10, onAccent),
    coverTitle: { size: 32, leading: 38, colour: onAccent, bold: true },
    coverSubtitle: { size: 14, leading: 19, colour: mix(onAccent, accent, 0.15) },
    factLabel: { size: 8, leading: 11, colour: muted },
    coverFactLabel: label(7.5, muted),
    factValue: { size: 11.5, leading: 15, colour: ink },
    prompt: { size: 10.5, leading: 14, colour: ink, bold: true },
    paragraphSpace: 6,
  };
}

/** A light background tint of a colour (`share` of the colour over white). */
export function tint(colour: string, share = 0.08): string {
  return mix(colour, '#ffffff', 1 - share);
}

/** A colour darkened just enough to read as text on `background` (WCAG AA), e.g. a phase colour on its tint. */
export function inkOf(colour: string, background = '#ffffff'): string {
  return readableOn(colour, background);
}

/** Position of the baseline inside a line box of the style's leading (Noto Sans metrics, ascent 1.069 em). */
export function baselineIn(style: TextStyle): number {
  const ascent = 1.069 * style.size;
  const descent = 0.293 * style.size;
  return (style.leading - (ascent + descent)) / 2 + ascent;
}
