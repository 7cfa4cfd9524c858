// The `hyphen` package ships no types; these are the parts atelier uses.
declare module 'hyphen/hyphen.js' {
  type HyphenateSync = (text: string, options?: { html?: boolean; minWordLength?: number }) => string;
  export default function createHyphenator(patterns: unknown): HyphenateSync;
}
declare module 'hyphen/patterns/*' {
  const patterns: unknown;
  export default patterns;
}
