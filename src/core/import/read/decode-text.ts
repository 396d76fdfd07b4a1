/**
 * Text files from Russian schools come in UTF-8 or in Windows-1251 (Excel's «CSV» on a Russian
 * Windows); Excel's «Текст Юникод» is UTF-16 with a byte-order mark. A strict UTF-8 decode fails
 * on 1251 bytes, so the fallback is safe — unless the file is UTF-8 with a few broken bytes (cut
 * mid-character, or glued from files in two encodings): then the fallback would turn every
 * Cyrillic letter into «Р°Рё», so the encoding reports where UTF-8 breaks instead.
 *
 * The decision needs every byte, but a 100 MB CSV should be decoded once, not once to check and
 * again to read: sniffEncoding() looks at the first SNIFF_BYTES, and a file that is UTF-8 there is
 * read as UTF-8 *tentatively* — the reader decodes it strictly and, at the first bad byte, asks
 * settleEncoding() for the answer the whole file gives (the same answer a full check up front
 * would have given): broken UTF-8, or Windows-1251 (then it reads again; see csv-reader.ts).
 */
export type TextEncodingName = 'utf-8' | 'windows-1251' | 'utf-16le' | 'utf-16be';

export interface TextFormat {
  encoding: TextEncodingName;
  /** bytes of the byte-order mark to skip */
  bomBytes: number;
  /**
   * The file is mostly UTF-8 but breaks at this byte offset (the fallback to Windows-1251 would
   * garble it): the caller refuses it, naming the line.
   */
  brokenUtf8At?: number;
  /** UTF-8 seen in the first SNIFF_BYTES only: decode strictly and settleEncoding() on the first bad byte */
  tentative?: boolean;
}

const CHUNK_BYTES = 4 * 1024 * 1024;

/** The start of a file that decides its encoding (the rest is checked while it is read). */
export const SNIFF_BYTES = 64 * 1024;

/** Whether the bytes are valid UTF-8, decoded in chunks so that no big string is built. */
function isUtf8(bytes: Uint8Array, from: number): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    for (let at = from; at < bytes.length; at += CHUNK_BYTES) decoder.decode(bytes.subarray(at, Math.min(bytes.length, at + CHUNK_BYTES)), { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/** Byte offset of the first invalid UTF-8 sequence; -1 when there is none. */
export function invalidUtf8Offset(bytes: Uint8Array, from = 0): number {
  let i = from;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= n) return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Mostly UTF-8: most bytes ≥ 0x80 form two-byte Cyrillic sequences (D0–D3 then 80–BF). In real
 * Windows-1251 text such a pair is «Р»/«С»/«Т»/«У» followed by punctuation like «°» or «ѓ»,
 * which Russian text practically never has.
 */
function mostlyUtf8(bytes: Uint8Array, from: number): boolean {
  let high = 0;
  let pairs = 0;
  for (let i = from; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    high++;
    if (b >= 0xd0 && b <= 0xd3 && i + 1 < bytes.length && (bytes[i + 1] & 0xc0) === 0x80) {
      pairs++;
      high++;
      i++;
    }
  }
  return high >= 8 && (pairs * 2) / high > 0.5;
}

/** Whether bytes [from, to) are valid UTF-8 as the start of a longer text (a character cut at `to` is fine). */
function startsAsUtf8(bytes: Uint8Array, from: number, to: number): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(from, to), { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The encoding of a text file from its first SNIFF_BYTES: byte-order mark, else UTF-8 when they
 * decode strictly (tentatively, unless they are the whole file), else what settleEncoding() says.
 */
export function sniffEncoding(bytes: Uint8Array): TextFormat {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomBytes: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomBytes: 2 };
  const bomBytes = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (bytes.length > bomBytes + SNIFF_BYTES && startsAsUtf8(bytes, bomBytes, bomBytes + SNIFF_BYTES)) return { encoding: 'utf-8', bomBytes, tentative: true };
  return settleEncoding(bytes);
}

/**
 * The encoding the whole file gives: with a UTF-8 byte-order mark, UTF-8 (broken where it breaks);
 * else UTF-8 when every byte decodes strictly, broken UTF-8 when most non-ASCII bytes are UTF-8
 * pairs, else Windows-1251.
 */
export function settleEncoding(bytes: Uint8Array): TextFormat {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    if (isUtf8(bytes, 3)) return { encoding: 'utf-8', bomBytes: 3 };
    return { encoding: 'utf-8', bomBytes: 3, brokenUtf8At: invalidUtf8Offset(bytes, 3) };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomBytes: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomBytes: 2 };
  if (isUtf8(bytes, 0)) return { encoding: 'utf-8', bomBytes: 0 };
  if (mostlyUtf8(bytes, 0)) return { encoding: 'utf-8', bomBytes: 0, brokenUtf8At: invalidUtf8Offset(bytes, 0) };
  return { encoding: 'windows-1251', bomBytes: 0 };
}

/** 1-based line number of a byte offset (for «строка N» in messages about a text file). */
export function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** The whole text (the caller has checked brokenUtf8At). */
export function decodeWith(bytes: Uint8Array, format: TextFormat): string {
  const text = new TextDecoder(format.encoding, { ignoreBOM: true }).decode(bytes.subarray(format.bomBytes));
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The whole text, for small files and tests: UTF-8 (BOM dropped), UTF-16 with a BOM, else Windows-1251. */
export function decodeText(bytes: Uint8Array): string {
  const format = settleEncoding(bytes);
  if (format.brokenUtf8At !== undefined) return decodeWith(bytes, { encoding: 'windows-1251', bomBytes: 0 });
  return decodeWith(bytes, format);
}

/** Control characters never occur in real CSV/HTML exports; in binary garbage they always do. */
export const CONTROL_CHAR = /[\u0000-\u0008\u000b\u000e-\u001a\u001c-\u001f\u007f-\u009f\ufffd]/;

/** C0 controls other than tab, line feed and carriage return: never in a real text file, anywhere in it. */
export const C0_CONTROL_CHAR = /[\u0000-\u0008\u000b\u000e-\u001a\u001c-\u001f]/;

export function looksLikeText(text: string): boolean {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  return !CONTROL_CHAR.test(sample);
}
