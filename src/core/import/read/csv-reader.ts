/**
 * CSV/TSV read in chunks, for files of millions of rows. SheetJS reads a CSV into a whole
 * worksheet of cell objects first (a 1,000,000-row, 8-column CSV took ~7.5 s and 1.45 GB in
 * Node); this reader decodes ~1 MB at a time and hands over one row at a time, so a table of
 * the user's own streams straight into SQLite and a layout is recognised from the first rows.
 *
 * The cells are exactly what `XLSX.read(text, { type: 'string', raw: true })` +
 * `sheet_to_json(ws, { header: 1, raw: true, defval: null, blankrows: true })` gave before
 * (tests/unit/csv-reader.test.ts compares the two on many inputs):
 *  - separator: a first line «sep=;», else the most frequent of `,` tab `;` `|` outside quotes in
 *    the first 1024 characters (ties: `,` > tab > `;` > `|`);
 *  - a cell that starts with `"` is quoted: every `"` in it toggles «inside quotes», where the
 *    separator and line breaks are text; a cell that starts and ends with `"` loses them and `""`
 *    becomes `"` (RFC 4180; malformed quoting is read the same lenient way SheetJS reads it);
 *  - `\r\n`, `\n` and `\r` end a row; cells stay text (no number or date guessing), an empty
 *    cell is null; a row with no filled cell is [] and every other row (and the first) is
 *    padded with null to the widest row.
 * Text is UTF-8, Windows-1251 or UTF-16 with a BOM (decode-text.ts). A C0 control character
 * (NUL and the like) anywhere in the file makes it unreadable, naming the row. A cell longer than
 * MAX_CELL_CHARS or a value beyond MAX_COLUMNS stops the reading there (shape-limits.ts); blank
 * cells beyond MAX_COLUMNS are dropped.
 */
import type { Cell } from '../cells.ts';
import type { TextFormat } from './decode-text.ts';
import { C0_CONTROL_CHAR, lineOfOffset, settleEncoding, sniffEncoding } from './decode-text.ts';
import { MAX_CELL_CHARS, MAX_COLUMNS } from '../limits.ts';
import { fileError } from '../messages.ts';
import { ShapeLimit, shapeError } from './shape-limits.ts';
import type { ImportFile } from '../types.ts';

export interface CsvFormat extends TextFormat {
  /** one character: `,` `;` tab or `|` */
  separator: string;
  /** characters of a first «sep=;» line, skipped */
  skipChars: number;
}

/** Called with each row (0-based index); return false to stop reading. */
export type RowSink = (cells: Cell[], index: number) => boolean | void;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SUB = 0x1a;
const CHUNK_BYTES = 1024 * 1024;
const HEAD_CHUNK_BYTES = 64 * 1024;

const SEPARATORS = [',', '\t', ';', '|'];

/** SheetJS's name for the one sheet of a CSV (kept: remembered mappings and messages name it). */
export const CSV_SHEET = 'Sheet1';

/** A cell still being read may be this long before it is refused: quoted, every `""` is one character. */
const MAX_RAW_CELL_CHARS = 2 * MAX_CELL_CHARS + 3;

/** SheetJS's guess_sep: the most frequent separator outside quotes; ties go to `,` then tab, `;`, `|`. */
export function guessSeparator(head: string): string {
  const text = head.slice(0, 1024);
  const counts = new Map<string, number>();
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && SEPARATORS.includes(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  let bestCount = -1;
  for (const separator of SEPARATORS) {
    const count = counts.get(separator) ?? 0;
    if (count > bestCount) {
      best = separator;
      bestCount = count;
    }
  }
  return best;
}

/** The first characters of the text, enough to guess the separator. */
function headText(bytes: Uint8Array, format: TextFormat): string {
  const head = bytes.subarray(format.bomBytes, Math.min(bytes.length, format.bomBytes + 8192));
  const text = new TextDecoder(format.encoding === 'utf-8' || format.brokenUtf8At !== undefined ? 'utf-8' : format.encoding, { ignoreBOM: true }).decode(head);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** One file is sniffed once per read path (the UTF-8 check reads all its bytes); bytes are never changed once dropped. */
const sniffed = new WeakMap<Uint8Array, CsvFormat>();

/** Encoding and separator of a CSV/TSV (not yet checked for broken UTF-8: see readCsv). */
export function sniffCsv(bytes: Uint8Array): CsvFormat {
  let format = sniffed.get(bytes);
  if (!format) {
    format = sniffUncached(bytes);
    sniffed.set(bytes, format);
  }
  return format;
}

function sniffUncached(bytes: Uint8Array, format: TextFormat = sniffEncoding(bytes)): CsvFormat {
  const head = headText(bytes, format);
  if (head.startsWith('sep=')) {
    const after = head.charCodeAt(5);
    if (after === CR && head.charCodeAt(6) === LF) return { ...format, separator: head[4], skipChars: 7 };
    if (after === CR || after === LF) return { ...format, separator: head[4], skipChars: 6 };
  }
  return { ...format, separator: guessSeparator(head), skipChars: 0 };
}

/** The first non-blank text of a text file, to tell an HTML/XML table from a CSV. */
export function firstText(bytes: Uint8Array): string {
  return headText(bytes, sniffCsv(bytes))
    .replace(/^[\s\ufeff]+/, '')
    .slice(0, 64);
}

/**
 * A file read as UTF-8 from its first bytes turned out to be Windows-1251 further on (see
 * decode-text.ts): read it again with this format (sniffCsv gives it from now on).
 */
export class EncodingRevised extends Error {
  constructor(readonly format: CsvFormat) {
    super('the file is Windows-1251');
    this.name = 'EncodingRevised';
  }
}

/** The format the whole file gives (settleEncoding), for a format that was tentative. */
export function settledCsvFormat(bytes: Uint8Array, format: CsvFormat): CsvFormat {
  if (!format.tentative) return format;
  const settled = settleEncoding(bytes);
  const revised = settled.encoding === 'utf-8' && settled.brokenUtf8At === undefined ? { ...format, tentative: false } : sniffUncached(bytes, settled);
  sniffed.set(bytes, revised);
  return revised;
}

/**
 * The state machine, fed chunk by chunk (a cell or a `\r\n` may span two chunks).
 * Mirrors SheetJS's dsv_to_sheet_str (see the header comment).
 */
export class CsvParser {
  /** rows handed to the sink so far */
  rows = 0;
  /** the widest row, in cells (empty cells included) */
  width = 0;
  stopped = false;
  private row: Cell[] = [];
  /** cells of the current row so far, blank ones dropped beyond MAX_COLUMNS included */
  private cells = 0;
  private rowHasValue = false;
  private partial = '';
  private atCellStart = true;
  private quoted = false;
  private inQuotes = false;
  private pendingCR = false;
  private readonly sep: number;

  constructor(
    separator: string,
    private readonly sink: RowSink,
  ) {
    this.sep = separator.charCodeAt(0);
  }

  private finishCell(raw: string): void {
    let text = raw.charCodeAt(raw.length - 1) === CR ? raw.slice(0, -1) : raw;
    if (text.charCodeAt(0) === QUOTE && text.charCodeAt(text.length - 1) === QUOTE) text = text.slice(1, -1).replace(/""/g, '"');
    const column = this.cells++;
    if (text.length > MAX_CELL_CHARS) throw new ShapeLimit('cell', this.rows, column);
    if (column >= MAX_COLUMNS) {
      if (text.trim() !== '') throw new ShapeLimit('columns', this.rows, column);
    } else if (text.length === 0) this.row.push(null);
    else {
      this.row.push(text);
      this.rowHasValue = true;
    }
  }

  private finishRow(): void {
    const cells = this.row;
    if (cells.length > this.width) this.width = cells.length;
    this.row = [];
    this.cells = 0;
    const hadValue = this.rowHasValue;
    this.rowHasValue = false;
    if (this.sink(hadValue ? cells : [], this.rows++) === false) this.stopped = true;
  }

  /** A line with no quotes: its cells are the pieces between separators. */
  private splitLine(line: string, sepChar: string): void {
    const cells: Cell[] = line.split(sepChar);
    let hasValue = false;
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c] as string;
      if (cell === '') cells[c] = null;
      else {
        if (cell.length > MAX_CELL_CHARS) throw new ShapeLimit('cell', this.rows, c);
        if (c >= MAX_COLUMNS && cell.trim() !== '') throw new ShapeLimit('columns', this.rows, c);
        hasValue = true;
      }
    }
    if (cells.length > MAX_COLUMNS) cells.length = MAX_COLUMNS;
    this.row = cells;
    this.rowHasValue = hasValue;
    this.finishRow();
  }

  /** Parses text[from, to); the caller has checked it for control characters. */
  push(text: string, from = 0, to = text.length): void {
    if (this.stopped) return;
    let i = from;
    if (this.pendingCR) {
      this.pendingCR = false;
      if (i < to && text.charCodeAt(i) === LF) i++;
    }
    let start = i;
    let { atCellStart, quoted, inQuotes } = this;
    const sep = this.sep;
    const sepChar = String.fromCharCode(sep);
    let nextQuote = -1;
    let nextCR = -1;
    for (; i < to; i++) {
      // Fast path: a whole line without quotes or a lone \r is split natively.
      if (atCellStart && this.row.length === 0 && this.partial === '') {
        const lf = text.indexOf('\n', i);
        if (lf >= 0 && lf < to) {
          if (nextQuote < i) nextQuote = text.indexOf('"', i) >>> 0; // -1 → 2³²−1: «none»
          if (nextCR < i) nextCR = text.indexOf('\r', i) >>> 0;
          if (nextQuote > lf && (nextCR > lf || nextCR === lf - 1)) {
            const line = text.slice(i, nextCR === lf - 1 ? lf - 1 : lf);
            this.splitLine(line, sepChar);
            if (this.stopped) return;
            i = lf;
            start = lf + 1;
            continue;
          }
        }
      }
      const c = text.charCodeAt(i);
      if (atCellStart) {
        quoted = c === QUOTE;
        atCellStart = false;
      }
      if (c === QUOTE) {
        if (quoted) inQuotes = !inQuotes;
        continue;
      }
      if (inQuotes || (c !== sep && c !== LF && c !== CR)) continue;
      this.finishCell(this.partial === '' ? text.slice(start, i) : this.partial + text.slice(start, i));
      this.partial = '';
      atCellStart = true;
      quoted = false;
      if (c !== sep) {
        if (c === CR) {
          if (i + 1 < to) {
            if (text.charCodeAt(i + 1) === LF) i++;
          } else this.pendingCR = true;
        }
        this.finishRow();
        if (this.stopped) {
          this.partial = '';
          return;
        }
      }
      start = i + 1;
    }
    if (start < to) {
      this.partial += text.slice(start, to);
      // A cell that runs on over chunks (an unclosed quote, a line with no break) stops here, not at the end of the file.
      if (this.partial.length > MAX_RAW_CELL_CHARS) throw new ShapeLimit('cell', this.rows, this.cells);
    }
    this.atCellStart = atCellStart;
    this.quoted = quoted;
    this.inQuotes = inQuotes;
  }

  /** The end of the text: a last cell without a line break, or a row left open by a trailing separator. */
  end(): void {
    if (this.stopped) return;
    if (this.partial !== '') {
      this.finishCell(this.partial);
      this.partial = '';
    }
    if (this.row.length > 0) this.finishRow();
  }
}

function controlCharError(file: ImportFile, row: number, code: number): Error {
  const what = code === 0 ? 'нулевой байт (символ с кодом 0)' : `управляющий символ с кодом ${code}`;
  return fileError(
    'unreadable',
    { file: file.name, row },
    `в тексте встречается ${what} — в таблицах CSV таких символов не бывает: файл повреждён или это не текстовый файл. ` +
      'Откройте исходную таблицу в Excel, сохраните её заново как «CSV UTF-8» или «Книга Excel (.xlsx)» и загрузите снова.',
  );
}

export function brokenUtf8Error(file: ImportFile, offset: number): Error {
  return fileError(
    'unreadable',
    { file: file.name, row: lineOfOffset(file.bytes, offset) },
    'текст записан в кодировке UTF-8, но здесь она нарушена (файл обрезан посреди буквы или склеен из файлов в разных кодировках): ' +
      'прочитать его без искажения букв нельзя. Откройте файл в Excel или Блокноте, сохраните в кодировке UTF-8 и загрузите снова.',
  );
}

/**
 * Reads the whole CSV row by row (sink may stop it early), decoding each byte once. Throws
 * 'unreadable' for broken UTF-8 or a control character, naming the row, and EncodingRevised when
 * a tentatively UTF-8 file turns out to be Windows-1251 (the caller reads it again), 'too-large'
 * for a cell or row over a shape limit (shape-limits.ts). Returns the parser for its counts.
 */
export function readCsv(file: ImportFile, format: CsvFormat, sink: RowSink, chunkBytes = CHUNK_BYTES): CsvParser {
  const bytes = file.bytes;
  if (format.brokenUtf8At !== undefined) throw brokenUtf8Error(file, format.brokenUtf8At);
  let end = bytes.length;
  // MS-DOS end-of-file marks (Ctrl-Z) at the very end of old CSV files are not data.
  if (format.encoding === 'utf-8' || format.encoding === 'windows-1251') while (end > format.bomBytes && bytes[end - 1] === SUB) end--;
  const decoder = new TextDecoder(format.encoding, { ignoreBOM: true, fatal: format.tentative === true });
  const parser = new CsvParser(format.separator, sink);
  let skip = format.skipChars;
  let firstChunk = true;
  const decode = (chunk: Uint8Array, last: boolean): string => {
    try {
      return decoder.decode(chunk, { stream: !last });
    } catch {
      // Not UTF-8 after all: what the whole file is decides between an error and Windows-1251.
      const settled = settledCsvFormat(bytes, format);
      if (settled.brokenUtf8At !== undefined) throw brokenUtf8Error(file, settled.brokenUtf8At);
      throw new EncodingRevised(settled);
    }
  };
  try {
    readChunks();
  } catch (error) {
    throw error instanceof ShapeLimit ? shapeError(file.name, CSV_SHEET, error) : error;
  }
  return parser;

  function readChunks(): void {
    for (let at = format.bomBytes; at < end && !parser.stopped; at += chunkBytes) {
      const last = at + chunkBytes >= end;
      let text = decode(bytes.subarray(at, Math.min(end, at + chunkBytes)), last);
      if (firstChunk && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      firstChunk = false;
      let from = 0;
      if (skip > 0) {
        from = Math.min(skip, text.length);
        skip -= from;
      }
      const bad = C0_CONTROL_CHAR.exec(from > 0 ? text.slice(from) : text);
      if (bad) {
        const badAt = from + bad.index;
        parser.push(text, from, badAt);
        throw controlCharError(file, parser.rows + 1, text.charCodeAt(badAt));
      }
      parser.push(text, from);
    }
    parser.end();
  }
}

/**
 * Rows as a grid (the shape SheetJS gave): the first `maxRows` rows, or all. The first row and
 * every row with a value are padded with null to the widest row.
 */
export function readCsvRows(file: ImportFile, format: CsvFormat, maxRows = Infinity): Cell[][] {
  const rows: Cell[][] = [];
  let parser: CsvParser;
  // The first rows only: small chunks, so that 30 rows do not decode a megabyte.
  const chunkBytes = maxRows < Infinity ? HEAD_CHUNK_BYTES : CHUNK_BYTES;
  const read = (as: CsvFormat) =>
    readCsv(
      file,
      as,
      (cells) => {
        rows.push(cells);
        return rows.length < maxRows;
      },
      chunkBytes,
    );
  try {
    parser = read(format);
  } catch (error) {
    if (!(error instanceof EncodingRevised)) throw error;
    rows.length = 0;
    parser = read(error.format);
  }
  const width = parser.width;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (r > 0 && row.length === 0) continue;
    for (let c = row.length; c < width; c++) row.push(null);
  }
  return rows;
}

/**
 * Rows in the file, counted over the bytes without building cells (≈10× faster than reading
 * them): the separator, quotes and line breaks are ASCII, and in UTF-8 and Windows-1251 an ASCII
 * byte is always that character. UTF-16 is read through the parser.
 */
export function countCsvRows(file: ImportFile, format: CsvFormat): number {
  if (format.encoding === 'utf-16le' || format.encoding === 'utf-16be') return readCsv(file, format, () => true).rows;
  const bytes = file.bytes;
  const sep = format.separator.charCodeAt(0);
  let end = bytes.length;
  while (end > format.bomBytes && bytes[end - 1] === SUB) end--;
  // «sep=;» is ASCII: characters are bytes.
  let i = format.bomBytes + format.skipChars;
  let rows = 0;
  let cellChars = 0;
  let rowCells = 0;
  let atCellStart = true;
  let quoted = false;
  let inQuotes = false;
  let nextQuote = -1;
  let nextCR = -1;
  for (; i < end; i++) {
    // Fast path, as in the parser: a whole line without quotes or a lone \r is one row.
    if (atCellStart && rowCells === 0) {
      const lf = bytes.indexOf(LF, i);
      if (lf >= 0 && lf < end) {
        if (nextQuote < i) nextQuote = bytes.indexOf(QUOTE, i) >>> 0;
        if (nextCR < i) nextCR = bytes.indexOf(CR, i) >>> 0;
        if (nextQuote > lf && (nextCR > lf || nextCR === lf - 1)) {
          rows++;
          i = lf;
          continue;
        }
      }
    }
    const c = bytes[i];
    if (atCellStart) {
      quoted = c === QUOTE;
      atCellStart = false;
    }
    if (c === QUOTE) {
      if (quoted) inQuotes = !inQuotes;
      cellChars++;
      continue;
    }
    if (inQuotes || (c !== sep && c !== LF && c !== CR)) {
      cellChars++;
      continue;
    }
    cellChars = 0;
    atCellStart = true;
    quoted = false;
    if (c === sep) {
      rowCells++;
      continue;
    }
    if (c === CR && bytes[i + 1] === LF) i++;
    rows++;
    rowCells = 0;
  }
  if (cellChars > 0 || rowCells > 0) rows++;
  return rows;
}
