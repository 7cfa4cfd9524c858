import { createHash } from 'node:crypto';

/*
 * Subset tags (the `ABCDEF+` before an embedded font's name) derived from the subset itself. PDFKit derives
 * them from the font's resource name in the document (`F1`, `F2`...), so every atelier PDF called its first
 * font `BZZZZZ+NotoSans-Regular` whatever glyphs it held; prepress tools that merge files take fonts with the
 * same tagged name for the same subset and drop glyphs. The tag is now six letters of a hash of the font's
 * name, the glyphs of the subset and the document's identity (deck, locale and file, see `createPdf`): each
 * file's subsets have tags of their own, and the same sources give the same tags.
 */

interface EmbeddedFontLike {
  id: string;
  subset?: { glyphs?: readonly number[] };
  font?: { postscriptName?: string };
  document?: { info?: { Keywords?: string } };
  embed(): unknown;
}

const patched = new WeakSet<object>();

/** Six capital letters for a subset of a font in a document. */
export function subsetTag(postscriptName: string, glyphs: readonly number[], document = ''): string {
  const digest = createHash('sha256')
    .update(`${document}\0${postscriptName}\0${[...glyphs].sort((a, b) => a - b).join(',')}`)
    .digest();
  return [...digest.subarray(0, 6)].map((byte) => String.fromCharCode(65 + (byte % 26))).join('');
}

/**
 * Makes the class of `font` (a PDFKit embedded font) tag its subsets by content. PDFKit computes the tag in
 * `embed()` from characters 1 to 6 of the font's `id` (each + 17): the id is set, for that call only, to
 * characters that give the wanted letters.
 */
export function tagSubsetsByContent(font: unknown): void {
  const proto =
    font && typeof font === 'object' ? (Object.getPrototypeOf(font) as EmbeddedFontLike | null) : null;
  if (!proto || patched.has(proto) || typeof proto.embed !== 'function') return;
  const embed = proto.embed;
  proto.embed = function (this: EmbeddedFontLike) {
    const glyphs = this.subset?.glyphs;
    if (!glyphs) return embed.call(this);
    const id = this.id;
    const tag = subsetTag(this.font?.postscriptName ?? '', glyphs, this.document?.info?.Keywords ?? '');
    this.id = `${id.charAt(0)}${[...tag].map((letter) => String.fromCharCode(letter.charCodeAt(0) - 17)).join('')}`;
    try {
      return embed.call(this);
    } finally {
      this.id = id;
    }
  };
  patched.add(proto);
}
