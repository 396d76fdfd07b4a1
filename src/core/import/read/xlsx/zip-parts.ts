/**
 * Parts of an XLSX (a ZIP archive already checked by zip-guard.ts): a part inflated in chunks,
 * and the archive rebuilt with some parts replaced (for SheetJS to read everything but the big
 * sheets). ZIP layout: APPNOTE.TXT 4.3.7 (local header), 4.3.12 (central directory), 4.3.16 (end).
 */
import { Inflate } from 'fflate';
import type { ZipDirectory, ZipEntry } from '../zip-guard.ts';
import { NotStreamable } from './sheetjs-text.ts';

function u16(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8);
}

/** Where the entry's name and data are (its local header was checked by zip-guard.ts). */
function localParts(bytes: Uint8Array, entry: ZipEntry): { name: Uint8Array; data: Uint8Array } {
  const at = entry.localOffset;
  const nameLength = u16(bytes, at + 26);
  const start = at + 30 + nameLength + u16(bytes, at + 28);
  return { name: bytes.subarray(at + 30, at + 30 + nameLength), data: bytes.subarray(start, start + entry.compressedSize) };
}

/** The part alone — its local header and compressed data, copied — and its entry pointing there: what another thread needs to inflate it. */
export function partAlone(bytes: Uint8Array, entry: ZipEntry): { bytes: Uint8Array; entry: ZipEntry } {
  const { data } = localParts(bytes, entry);
  return { bytes: bytes.slice(entry.localOffset, data.byteOffset - bytes.byteOffset + data.length), entry: { ...entry, localOffset: 0 } };
}

/** Compressed bytes given to the inflater at a time, at most: 3–4 MB of sheet XML out of each. */
const INFLATE_INPUT_BYTES = 1024 * 1024;
const MIN_PIECE_BYTES = 64 * 1024;
/** The most DEFLATE expands: a 258-byte match per ~2 bits. */
const MAX_DEFLATE_RATIO = 1032;

/**
 * One part inflated a piece at a time, each piece handed to `onChunk` and dropped: the reader of a
 * big worksheet never holds its whole XML (79 MB for a 100,000-row Ф1), which, garbage once read,
 * stayed in the worker until a collection came — often only while the rows were being written and
 * the database file had grown (docs/benchmarks.md). The output stops at the size the directory
 * declares (checked by zip-guard.ts against the local header, or counted for a part with a data
 * descriptor), as SheetJS's inflater in the browser cuts a stream that would inflate to more; a
 * part that inflates to less is refused. In Node on that Ф1 this is no slower than inflating the
 * whole part into one buffer (0.5–0.66 s against 0.74–1.45 s, load 5).
 */
export function inflatePartInChunks(bytes: Uint8Array, entry: ZipEntry, onChunk: (chunk: Uint8Array) => void, inputBytes = INFLATE_INPUT_BYTES): void {
  const { data } = localParts(bytes, entry);
  if (entry.method === 0) {
    onChunk(data);
    return;
  }
  let left = entry.uncompressedSize;
  const inflater = new Inflate((chunk) => {
    if (left === 0 || chunk.length === 0) return;
    const kept = chunk.length > left ? chunk.subarray(0, left) : chunk;
    left -= kept.length;
    onChunk(kept);
  });
  // fflate inflates all of a pushed piece before it hands out any of it, and DEFLATE can expand
  // ~1032-fold: a piece no bigger than what is left ÷ 1032 (or 64 KiB) keeps one push's output
  // near the declared size, so a part that claims little and inflates to gigabytes stops early.
  for (let at = 0; at < data.length && left > 0;) {
    const end = Math.min(at + Math.min(inputBytes, Math.max(MIN_PIECE_BYTES, Math.ceil(left / MAX_DEFLATE_RATIO))), data.length);
    inflater.push(data.subarray(at, end), end === data.length);
    at = end;
  }
  if (left > 0) throw new NotStreamable('the part inflates to less than its declared size');
}

/** Pieces handed on by inflatePartNatively: the browser's inflater gives ~64 KiB at a time, and each piece costs a message and a reader call. */
const NATIVE_PIECE_BYTES = 4 * 1024 * 1024;

/**
 * The same part inflated by the platform's own DEFLATE (DecompressionStream, in browsers and Node):
 * in a worker of Chromium 2–3 times faster than fflate, which has to warm up in every new worker.
 * Pieces come in order, up to 4 MiB each; like inflatePartInChunks, the output stops at the
 * declared size — the stream is read only as far as that needs — and a part that inflates to less,
 * or whose stream is broken, is refused.
 */
export async function inflatePartNatively(bytes: Uint8Array, entry: ZipEntry, onChunk: (chunk: Uint8Array) => void): Promise<void> {
  const { data } = localParts(bytes, entry);
  if (entry.method === 0) {
    onChunk(data);
    return;
  }
  const reader = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  let left = entry.uncompressedSize;
  let piece = new Uint8Array(Math.min(NATIVE_PIECE_BYTES, left));
  let filled = 0;
  const read = async () => {
    try {
      return await reader.read();
    } catch (error) {
      throw new NotStreamable(`the part does not inflate: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  try {
    while (left > 0) {
      const { done, value } = await read();
      if (done) break;
      let chunk = value.length > left ? value.subarray(0, left) : value;
      left -= chunk.length;
      while (chunk.length > 0) {
        const taken = Math.min(chunk.length, piece.length - filled);
        piece.set(chunk.subarray(0, taken), filled);
        filled += taken;
        chunk = chunk.subarray(taken);
        if (filled === piece.length) {
          onChunk(piece);
          piece = new Uint8Array(Math.min(NATIVE_PIECE_BYTES, left + chunk.length));
          filled = 0;
        }
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  if (left > 0) throw new NotStreamable('the part inflates to less than its declared size');
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

class ByteWriter {
  private readonly parts: Uint8Array[] = [];
  length = 0;

  u16(value: number): void {
    this.bytes(Uint8Array.of(value & 0xff, (value >>> 8) & 0xff));
  }

  u32(value: number): void {
    this.bytes(Uint8Array.of(value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff));
  }

  bytes(part: Uint8Array): void {
    this.parts.push(part);
    this.length += part.length;
  }

  result(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const part of this.parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}

/**
 * The archive again, with the data of some entries replaced (stored, uncompressed); every other
 * entry keeps its compressed bytes, name and method. No data descriptors, no extra fields.
 */
export function replaceParts(bytes: Uint8Array, directory: ZipDirectory, replacements: ReadonlyMap<ZipEntry, Uint8Array>): Uint8Array {
  const out = new ByteWriter();
  const central = new ByteWriter();
  for (const entry of directory.entries) {
    const { name, data: original } = localParts(bytes, entry);
    const replacement = replacements.get(entry);
    const method = replacement ? 0 : entry.method;
    const data = replacement ?? original;
    const size = replacement ? replacement.length : entry.uncompressedSize;
    const crc = replacement ? crc32(replacement) : entry.crc32;
    const flags = entry.flags & 0x0800; // UTF-8 names; no data descriptor
    const offset = out.length;
    out.u32(0x04034b50);
    out.u16(20);
    out.u16(flags);
    out.u16(method);
    out.u32(0); // time, date
    out.u32(crc);
    out.u32(data.length);
    out.u32(size);
    out.u16(name.length);
    out.u16(0);
    out.bytes(name);
    out.bytes(data);
    central.u32(0x02014b50);
    central.u16(20);
    central.u16(20);
    central.u16(flags);
    central.u16(method);
    central.u32(0);
    central.u32(crc);
    central.u32(data.length);
    central.u32(size);
    central.u16(name.length);
    central.u32(0); // extra, comment lengths
    central.u32(0); // disk, internal attributes
    central.u32(0); // external attributes
    central.u32(offset);
    central.bytes(name);
  }
  const centralAt = out.length;
  const centralBytes = central.result();
  out.bytes(centralBytes);
  out.u32(0x06054b50);
  out.u32(0); // disk numbers
  out.u16(directory.entries.length);
  out.u16(directory.entries.length);
  out.u32(centralBytes.length);
  out.u32(centralAt);
  out.u16(0);
  return out.result();
}
