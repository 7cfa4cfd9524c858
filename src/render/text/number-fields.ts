/*
 * V8 lays a number field out as a small integer until a fraction is stored in it; it then re-lays out every
 * object of that layout and throws away the optimized code that reads them, which is compiled again: in a
 * cold build, a deopt and a recompile of the hottest text functions each time. Advances and widths are whole
 * numbers in Noto's 1,000 units an em and fractions in DejaVu's 2,048 or at fitted sizes, so the first
 * fraction comes at some point in the middle of a build. An object made with fractions before any other of
 * its layout makes those fields doubles from the start; it is kept here because V8 forgets a layout with its
 * last object.
 */

const examples: object[] = [];

/** Keeps `example`, made with a fraction in each number field that may hold one, for the process's life. */
export function fractionalExample(example: object): void {
  examples.push(example);
}
