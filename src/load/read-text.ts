import { isUtf8 } from 'node:buffer';
import { relative } from 'node:path';
import { type Diagnostic, error, type Position } from '../diagnostics/diagnostic.ts';
import { describeProblem, fileInsideDeck, readRegularFile } from '../fs-guard.ts';
import { LIMITS } from './limits.ts';

export type ReadTextResult =
  | { text: string; diagnostic?: undefined }
  | { text?: undefined; diagnostic: Diagnostic };

/**
 * Reads a deck file as UTF-8 text, refusing what is not a deck file: a link leading out of `deckDir`, a folder, a
 * pipe or a device (never opened in a way that could block or never end), too large, binary, another encoding.
 * A refused file's diagnostic names no line, so that no report ever quotes what it holds.
 */
export function readDeckText(
  absolutePath: string,
  name: string,
  file: string,
  deckDir?: string,
): ReadTextResult {
  if (deckDir !== undefined) {
    const inside = fileInsideDeck(deckDir, relative(deckDir, absolutePath));
    if (inside.problem === 'outside')
      return {
        diagnostic: error(
          'load/outside-deck',
          `${name} links to a file outside the deck folder`,
          { file },
          'copy the file into the deck folder instead of linking to it',
        ),
      };
  }
  const read = readRegularFile(absolutePath, LIMITS.maxFileBytes);
  if (read.code !== undefined) return { diagnostic: unreadable(name, { file }, read.code) };
  if (read.problem === 'too-large') {
    return {
      diagnostic: error(
        'load/file-too-large',
        `${name} is ${Math.round((read.size ?? 0) / 1024)} KiB, over the ${LIMITS.maxFileBytes / 1024} KiB limit for a deck file`,
        { file, line: 1, column: 1 },
        'split the deck over several YAML files in the same folder',
      ),
    };
  }
  if (read.problem === 'missing') return { diagnostic: unreadable(name, { file }, 'ENOENT') };
  if (read.problem !== undefined)
    return {
      diagnostic: error(
        'load/not-a-file',
        `${name} ${describeProblem(read.problem)}`,
        { file },
        'deck files are plain YAML files; replace it with one, or move it out of the deck folder',
      ),
    };
  const bytes = read.bytes;
  const bad = firstNonTextByte(bytes);
  if (bad !== undefined) {
    const what =
      bytes[bad] === 0
        ? 'a NUL byte (binary data)'
        : `the byte 0x${bytes[bad]?.toString(16).padStart(2, '0')}, which is not UTF-8`;
    return {
      diagnostic: error(
        'load/not-text',
        `${name} is not UTF-8 text: it holds ${what}`,
        positionOfByte(bytes, bad, file),
        bytes[bad] === 0
          ? 'deck files are YAML text; images and fonts belong in a sub-folder such as `assets/`'
          : 'save the file as UTF-8 (most editors offer it under "Save with encoding")',
      ),
    };
  }
  const text = bytes.toString('utf8');
  // A byte-order mark is legal UTF-8 but not YAML content; drop it so columns on line 1 stay right.
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** Offset of the first NUL byte or invalid UTF-8 sequence, or undefined for clean text. */
function firstNonTextByte(bytes: Buffer): number | undefined {
  const nul = bytes.indexOf(0);
  const limit = nul === -1 ? bytes.length : nul;
  // Validated without decoding: the text is decoded once, by the caller.
  if (isUtf8(bytes.subarray(0, limit))) return nul === -1 ? undefined : nul;
  // Rare path: find the first bad sequence by validating ever longer prefixes of whole characters.
  return firstInvalidUtf8(bytes.subarray(0, limit));
}

/** Walks UTF-8 sequences by hand; only runs on a file already known to be invalid. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return bytes.length;
}

/** Line and column of a byte offset; columns count UTF-16 units, like the YAML positions and most editors. */
function positionOfByte(bytes: Buffer, offset: number, file: string): Position {
  const before = bytes.subarray(0, offset);
  const lineStart = before.lastIndexOf(0x0a) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (before[i] === 0x0a) line++;
  const column = before.subarray(lineStart).toString('utf8').length + 1;
  return { file, line, column };
}

function unreadable(name: string, at: Pick<Position, 'file'>, code: string): Diagnostic {
  return error('load/unreadable', `cannot read ${name}: ${code}`, at);
}
