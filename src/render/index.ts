/*
 * The render stage: a localized deck in, PDF bytes out (never written to disk here). Each function returns
 * its file(s) with page counts and every problem found as a diagnostic.
 */
export { REPRINT_FILE, renderEventCards, renderReprint } from './cards.ts';
export { type FitRecord, type StyleFloor, styleFloors } from './fitting.ts';
export { renderPrintShop } from './print-shop.ts';
export { renderContextSheets } from './sheets.ts';
export type { OutputFile, RenderInput, RenderOptions, RenderResult } from './types.ts';
