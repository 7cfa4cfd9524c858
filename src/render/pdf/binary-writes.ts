/*
 * PDFKit turns every string it writes (content stream operators, each object's dictionary) into bytes with a
 * JavaScript loop over its characters. Node does the same conversion natively: Latin-1 keeps the low byte of
 * each UTF-16 unit, exactly what PDFKit's loop does (`charCodeAt(i) & 255`), so the bytes are the same. Short
 * strings (most content operators) stay with the loop, which is quicker below some 30 characters.
 */

interface PdfReferenceLike {
  write(chunk: Uint8Array | string): void;
}

interface PdfDocumentLike {
  _root: PdfReferenceLike;
  _write(data: Uint8Array | string): void;
  push(data: Uint8Array): boolean;
  _offset: number;
}

const patched = new WeakSet<object>();

/** Makes PDFKit's document and reference classes (those of `doc`) write strings through Buffer. */
export function writeStringsNatively(doc: PDFKit.PDFDocument): void {
  const document = doc as unknown as PdfDocumentLike;
  const documentProto = Object.getPrototypeOf(document) as PdfDocumentLike;
  const referenceProto = Object.getPrototypeOf(document._root) as PdfReferenceLike;
  if (!patched.has(documentProto) && typeof documentProto._write === 'function') {
    patched.add(documentProto);
    // PDFKit's own `_write`, with the conversion done by Buffer.
    documentProto._write = function (this: PdfDocumentLike, data: Uint8Array | string) {
      const bytes = data instanceof Uint8Array ? data : binary(`${data}\n`);
      this.push(bytes);
      this._offset += bytes.length;
    };
  }
  if (!patched.has(referenceProto) && typeof referenceProto.write === 'function') {
    patched.add(referenceProto);
    const write = referenceProto.write;
    referenceProto.write = function (this: PdfReferenceLike, chunk: Uint8Array | string) {
      // As PDFKit's `write` converts a string (line end included), then its own `write` as it is.
      write.call(this, chunk instanceof Uint8Array ? chunk : binary(`${chunk}\n`));
    };
  }
}

/** A binary string's bytes (the low byte of each UTF-16 unit). */
function binary(text: string): Uint8Array {
  if (text.length >= 32) return Buffer.from(text, 'latin1');
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 255;
  return out;
}
