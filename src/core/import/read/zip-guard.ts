/**
 * A look inside an XLSX/ODS (a ZIP archive) before SheetJS unpacks it: the central directory at
 * the end of the file lists every entry with its compressed and uncompressed size, so a truncated
 * file, a zip bomb or a Word document renamed to .xlsx is refused from a few kilobytes read,
 * before a byte is inflated (limits.ts holds the limits and their reasons).
 *
 * SheetJS trusts the sizes in each entry's local header: in the browser its inflater allocates
 * exactly that many bytes and never grows the buffer, so a local header that disagrees with the
 * directory is refused here. An entry written with a data descriptor (flag bit 3: Go's and .NET's
 * streaming writers do this) has no sizes in its local header, and SheetJS would grow its buffer
 * without bound; such entries are inflated here once, counting bytes only (no output is kept), and
 * refused as soon as they exceed the size the directory declares.
 *
 * ZIP layout: APPNOTE.TXT 6.3 (https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT),
 * deflate: RFC 1951.
 */
import { notATable } from './file-kind.ts';
import { fileError } from '../messages.ts';
import type { ImportFile } from '../types.ts';
import { MAX_ZIP_ENTRIES, MAX_ZIP_RATIO, MAX_ZIP_UNCOMPRESSED_BYTES, ZIP_RATIO_MIN_ENTRY_BYTES, formatBytes } from '../limits.ts';

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const U32_MAX = 0xffffffff;

/** A ZIP's local file header at the very start: what SheetJS reads as a ZIP container (XLSX, ODS). */
export const startsAsZip = (bytes: Uint8Array): boolean => bytes.length >= 4 && u32(bytes, 0) === LOCAL;

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  /** as the central directory records it */
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

export interface ZipDirectory {
  entries: ZipEntry[];
  /** sum of the declared uncompressed sizes */
  uncompressedBytes: number;
}

/** What went wrong, for the message: the caller (or checkZip) names the file. */
export class ZipProblem extends Error {
  constructor(
    readonly kind: 'truncated' | 'corrupt' | 'too-many-entries' | 'too-large' | 'bomb' | 'not-a-spreadsheet' | 'unsupported',
    readonly detail: { entry?: string; ratio?: number; bytes?: number; entries?: number; what?: string } = {},
  ) {
    super(kind);
  }
}

function u16(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8);
}

function u32(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}

/** Little-endian 64-bit as a double (exact below 2⁵³; larger sizes are refused anyway). */
function u64(bytes: Uint8Array, at: number): number {
  return u32(bytes, at) + u32(bytes, at + 4) * 0x100000000;
}

function findEndOfDirectory(bytes: Uint8Array): number {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && u32(bytes, i) === EOCD) return i;
  }
  return -1;
}

/** ZIP64 extra field (id 1): the 8-byte values present for each field that is 0xFFFFFFFF. */
function zip64Sizes(bytes: Uint8Array, from: number, to: number, sizes: { usz: number; csz: number; offset?: number }): void {
  for (let at = from; at + 4 <= to;) {
    const id = u16(bytes, at);
    const size = u16(bytes, at + 2);
    if (id === 0x0001) {
      let p = at + 4;
      const end = Math.min(to, p + size);
      if (sizes.usz === U32_MAX && p + 8 <= end) [sizes.usz, p] = [u64(bytes, p), p + 8];
      if (sizes.csz === U32_MAX && p + 8 <= end) [sizes.csz, p] = [u64(bytes, p), p + 8];
      if (sizes.offset === U32_MAX && p + 8 <= end) sizes.offset = u64(bytes, p);
      return;
    }
    at += 4 + size;
  }
}

/** The central directory; throws ZipProblem('truncated' | 'corrupt' | 'too-many-entries'). */
export function readZipDirectory(bytes: Uint8Array): ZipDirectory {
  const eocd = findEndOfDirectory(bytes);
  if (eocd < 0) throw new ZipProblem('truncated');
  let count = u16(bytes, eocd + 10);
  let size = u32(bytes, eocd + 12);
  let offset = u32(bytes, eocd + 16);
  if (count === 0xffff || size === U32_MAX || offset === U32_MAX) {
    const locator = eocd - 20;
    if (locator < 0 || u32(bytes, locator) !== EOCD64_LOCATOR) throw new ZipProblem('corrupt');
    const record = u64(bytes, locator + 8);
    if (record + 56 > bytes.length || u32(bytes, record) !== EOCD64) throw new ZipProblem('corrupt');
    count = u64(bytes, record + 32);
    size = u64(bytes, record + 40);
    offset = u64(bytes, record + 48);
  }
  if (count > MAX_ZIP_ENTRIES) throw new ZipProblem('too-many-entries', { entries: count });
  if (offset + size > bytes.length) throw new ZipProblem('truncated');
  const entries: ZipEntry[] = [];
  let uncompressedBytes = 0;
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== CENTRAL) throw new ZipProblem('corrupt');
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const nameEnd = at + 46 + nameLength;
    if (nameEnd + extraLength + commentLength > bytes.length) throw new ZipProblem('truncated');
    const sizes = { csz: u32(bytes, at + 20), usz: u32(bytes, at + 24), offset: u32(bytes, at + 42) };
    zip64Sizes(bytes, nameEnd, nameEnd + extraLength, sizes);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, nameEnd));
    entries.push({
      name,
      flags: u16(bytes, at + 8),
      method: u16(bytes, at + 10),
      crc32: u32(bytes, at + 16),
      compressedSize: sizes.csz,
      uncompressedSize: sizes.usz,
      localOffset: sizes.offset,
    });
    uncompressedBytes += sizes.usz;
    at = nameEnd + extraLength + commentLength;
  }
  return { entries, uncompressedBytes };
}

// ───────────── deflate, counted: how many bytes a stream inflates to, with a cap ─────────────

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

class BitReader {
  private bit = 0;
  constructor(
    private readonly bytes: Uint8Array,
    private pos: number,
    private readonly end: number,
  ) {}

  bits(n: number): number {
    let value = 0;
    for (let k = 0; k < n; k++) {
      if (this.pos >= this.end) throw new ZipProblem('corrupt');
      value |= ((this.bytes[this.pos] >> this.bit) & 1) << k;
      if (++this.bit === 8) {
        this.bit = 0;
        this.pos++;
      }
    }
    return value;
  }

  /** Skips to the next byte boundary and then `n` whole bytes. */
  alignAndSkip(readLength: () => number): void {
    if (this.bit > 0) {
      this.bit = 0;
      this.pos++;
    }
    const length = readLength();
    this.pos += length;
    if (this.pos > this.end) throw new ZipProblem('corrupt');
  }

  /** One symbol of a canonical Huffman code (counts per length, symbols in code order). */
  decode(counts: Int32Array, symbols: Int32Array): number {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let length = 1; length <= 15; length++) {
      code |= this.bits(1);
      const count = counts[length];
      if (code - first < count) return symbols[index + code - first];
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    throw new ZipProblem('corrupt');
  }
}

function huffman(lengths: ArrayLike<number>, from: number, n: number): { counts: Int32Array; symbols: Int32Array } {
  const counts = new Int32Array(16);
  for (let i = 0; i < n; i++) counts[lengths[from + i]]++;
  counts[0] = 0;
  const offsets = new Int32Array(16);
  for (let len = 1; len < 15; len++) offsets[len + 1] = offsets[len] + counts[len];
  const symbols = new Int32Array(n);
  for (let i = 0; i < n; i++) if (lengths[from + i] !== 0) symbols[offsets[lengths[from + i]]++] = i;
  return { counts, symbols };
}

const FIXED = (() => {
  const lengths = new Array<number>(288 + 30);
  for (let i = 0; i < 144; i++) lengths[i] = 8;
  for (let i = 144; i < 256; i++) lengths[i] = 9;
  for (let i = 256; i < 280; i++) lengths[i] = 7;
  for (let i = 280; i < 288; i++) lengths[i] = 8;
  for (let i = 288; i < 318; i++) lengths[i] = 5;
  return { literal: huffman(lengths, 0, 288), distance: huffman(lengths, 288, 30) };
})();

/**
 * Bytes the raw deflate stream at bytes[from, end) inflates to, stopping as soon as the count
 * passes `cap` (returns cap + 1 then). Nothing is written: back-references only add lengths.
 */
export function inflatedSize(bytes: Uint8Array, from: number, end: number, cap: number): number {
  const reader = new BitReader(bytes, from, end);
  let out = 0;
  for (;;) {
    const last = reader.bits(1);
    const type = reader.bits(2);
    if (type === 0) {
      let stored = 0;
      reader.alignAndSkip(() => {
        stored = reader.bits(16);
        reader.bits(16);
        return stored;
      });
      out += stored;
    } else if (type === 1 || type === 2) {
      let literal = FIXED.literal;
      let distance = FIXED.distance;
      if (type === 2) {
        const nLiteral = reader.bits(5) + 257;
        const nDistance = reader.bits(5) + 1;
        const nCode = reader.bits(4) + 4;
        const codeLengths = new Array<number>(19).fill(0);
        for (let i = 0; i < nCode; i++) codeLengths[CODE_LENGTH_ORDER[i]] = reader.bits(3);
        const lengthCode = huffman(codeLengths, 0, 19);
        const lengths: number[] = [];
        while (lengths.length < nLiteral + nDistance) {
          const symbol = reader.decode(lengthCode.counts, lengthCode.symbols);
          if (symbol < 16) lengths.push(symbol);
          else {
            const repeat = symbol === 16 ? 3 + reader.bits(2) : symbol === 17 ? 3 + reader.bits(3) : 11 + reader.bits(7);
            if (symbol === 16 && lengths.length === 0) throw new ZipProblem('corrupt');
            const value = symbol === 16 ? lengths[lengths.length - 1] : 0;
            for (let k = 0; k < repeat; k++) lengths.push(value);
          }
        }
        if (lengths.length > nLiteral + nDistance) throw new ZipProblem('corrupt');
        literal = huffman(lengths, 0, nLiteral);
        distance = huffman(lengths, nLiteral, nDistance);
      }
      for (;;) {
        const symbol = reader.decode(literal.counts, literal.symbols);
        if (symbol < 256) out++;
        else if (symbol === 256) break;
        else {
          const index = symbol - 257;
          if (index >= 29) throw new ZipProblem('corrupt');
          out += LENGTH_BASE[index] + reader.bits(LENGTH_EXTRA[index]);
          const dist = reader.decode(distance.counts, distance.symbols);
          if (dist >= 30) throw new ZipProblem('corrupt');
          reader.bits(DIST_EXTRA[dist]);
        }
        if (out > cap) return cap + 1;
      }
    } else throw new ZipProblem('corrupt');
    if (out > cap) return cap + 1;
    if (last) return out;
  }
}

// ───────────── the checks ─────────────

/** The stored (uncompressed) «mimetype» entry of an OpenDocument file, or ''. */
function storedMimetype(bytes: Uint8Array, entries: readonly ZipEntry[]): string {
  const entry = entries.find((e) => e.name === 'mimetype' && e.method === 0 && e.compressedSize < 200);
  if (!entry || entry.localOffset + 30 > bytes.length) return '';
  const start = entry.localOffset + 30 + u16(bytes, entry.localOffset + 26) + u16(bytes, entry.localOffset + 28);
  return new TextDecoder().decode(bytes.subarray(start, Math.min(bytes.length, start + entry.compressedSize)));
}

/** What an archive is when it is not a workbook: Word (word/) and PowerPoint (ppt/) are ZIPs like XLSX (xl/). */
function kindOfArchive(bytes: Uint8Array, entries: readonly ZipEntry[]): string | null {
  const names = new Set(entries.map((entry) => entry.name.replace(/^\/+/, '')));
  if (names.has('word/document.xml')) return 'документ Word (.docx)';
  if (names.has('ppt/presentation.xml')) return 'презентация PowerPoint (.pptx)';
  if (names.has('content.xml')) {
    const mimetype = storedMimetype(bytes, entries);
    if (mimetype.startsWith('application/vnd.oasis.opendocument.text')) return 'документ OpenDocument (.odt)';
    if (mimetype.startsWith('application/vnd.oasis.opendocument.presentation')) return 'презентация OpenDocument (.odp)';
    return null;
  }
  if (names.has('xl/workbook.xml') || names.has('xl/workbook.bin') || names.has('[Content_Types].xml') || names.has('Index/Document.iwa')) return null;
  return 'ZIP-архив';
}

/** The local header of an entry agrees with the directory, and the data is all there. */
function checkLocalHeader(bytes: Uint8Array, entry: ZipEntry): void {
  const at = entry.localOffset;
  if (at + 30 > bytes.length) throw new ZipProblem('truncated');
  if (u32(bytes, at) !== LOCAL) throw new ZipProblem('corrupt');
  const nameLength = u16(bytes, at + 26);
  const extraLength = u16(bytes, at + 28);
  const dataStart = at + 30 + nameLength + extraLength;
  if (dataStart + entry.compressedSize > bytes.length) throw new ZipProblem('truncated');
  const flags = u16(bytes, at + 6);
  if (flags & 0x0041) throw new ZipProblem('unsupported', { what: 'зашифрован' });
  const method = u16(bytes, at + 8);
  if (method !== 0 && method !== 8) throw new ZipProblem('unsupported', { what: 'сжат неподдерживаемым способом' });
  if (method !== entry.method) throw new ZipProblem('corrupt');
  if (flags & 0x0008) {
    // Sizes only in the data descriptor: count what the stream really inflates to.
    const limit = entry.uncompressedSize;
    const size = method === 0 ? entry.compressedSize : inflatedSize(bytes, dataStart, dataStart + entry.compressedSize, limit);
    if (size !== limit) throw new ZipProblem(size > limit ? 'bomb' : 'corrupt', { entry: entry.name, bytes: size });
    return;
  }
  const local = { csz: u32(bytes, at + 18), usz: u32(bytes, at + 22) };
  zip64Sizes(bytes, at + 30 + nameLength, dataStart, local);
  if (local.csz !== entry.compressedSize || local.usz !== entry.uncompressedSize) throw new ZipProblem('corrupt', { entry: entry.name });
  if (method === 0 && entry.compressedSize !== entry.uncompressedSize) throw new ZipProblem('corrupt', { entry: entry.name });
}

/** Checks a ZIP before it is unpacked; throws ZipProblem. */
export function inspectZip(bytes: Uint8Array): ZipDirectory {
  const directory = readZipDirectory(bytes);
  const kind = kindOfArchive(bytes, directory.entries);
  if (kind) throw new ZipProblem('not-a-spreadsheet', { what: kind });
  for (const entry of directory.entries) {
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > ZIP_RATIO_MIN_ENTRY_BYTES && ratio > MAX_ZIP_RATIO) {
      throw new ZipProblem('bomb', { entry: entry.name, ratio, bytes: entry.uncompressedSize });
    }
  }
  if (directory.uncompressedBytes > MAX_ZIP_UNCOMPRESSED_BYTES) throw new ZipProblem('too-large', { bytes: directory.uncompressedBytes });
  for (const entry of directory.entries) checkLocalHeader(bytes, entry);
  return directory;
}

const RESAVE = 'Откройте файл в Excel, сохраните его как «Книга Excel (.xlsx)» и загрузите снова.';

/** inspectZip with the Russian message naming the file (ImportError). */
export function checkZip(file: ImportFile): ZipDirectory {
  try {
    return inspectZip(file.bytes);
  } catch (error) {
    if (!(error instanceof ZipProblem)) throw error;
    const place = { file: file.name };
    const { detail } = error;
    switch (error.kind) {
      case 'truncated':
        return fail(
          'unreadable',
          place,
          'файл обрезан — архив XLSX не завершён (так бывает, когда файл скачался или скопировался не до конца). ' +
            'Скачайте или скопируйте его заново и загрузите снова.',
        );
      case 'corrupt':
        return fail(
          'unreadable',
          place,
          `файл повреждён — оглавление архива XLSX не сходится с его содержимым${detail.entry ? ` (часть «${detail.entry}»)` : ''}. ${RESAVE}`,
        );
      case 'unsupported':
        return fail('unreadable', place, `архив XLSX ${detail.what} — такой файл прочитать нельзя. ${RESAVE}`);
      case 'not-a-spreadsheet':
        throw notATable(file.name, detail.what ?? 'ZIP-архив');
      case 'too-many-entries':
        return fail(
          'too-large',
          place,
          `в архиве XLSX ${detail.entries} частей (у таблиц их несколько десятков, допустимо не больше ${MAX_ZIP_ENTRIES}) — это не похоже на таблицу Excel. ${RESAVE}`,
        );
      case 'too-large':
        return fail(
          'too-large',
          place,
          `после распаковки таблица займёт ${formatBytes(detail.bytes ?? 0)} (допустимо не больше ${formatBytes(MAX_ZIP_UNCOMPRESSED_BYTES)}) — ` +
            'столько браузер прочитать не сможет. Сохраните таблицу в Excel как «CSV UTF-8» (CSV читается по частям) или разделите её на несколько файлов и загрузите снова.',
        );
      case 'bomb': {
        const how =
          detail.ratio !== undefined
            ? `сжата в ${Math.round(detail.ratio).toLocaleString('ru-RU')} раз (${formatBytes(detail.bytes ?? 0)} после распаковки; у настоящих таблиц — не больше чем в ${MAX_ZIP_RATIO} раз)`
            : 'при распаковке оказывается больше, чем указано в оглавлении архива';
        return fail(
          'too-large',
          place,
          `часть архива «${detail.entry}» ${how} — это похоже на «ZIP-бомбу», файл, который при распаковке занимает всю память. ` +
            'Файл не открыт. Если вы доверяете его источнику, откройте его в Excel, сохраните заново и загрузите снова.',
        );
      }
    }
  }
}

function fail(code: 'unreadable' | 'too-large', place: { file: string }, text: string): never {
  throw fileError(code, place, text);
}
