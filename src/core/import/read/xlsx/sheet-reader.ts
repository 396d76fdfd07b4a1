/**
 * A worksheet's XML (SpreadsheetML, ECMA-376 §18.3) read row by row as it is inflated, into the
 * cells SheetJS 0.20.3 would give with Око's options (dense, cellFormula, sheetStubs, no
 * cellText/cellDates/cellNF: see workbook.ts). It is a tokenizer for the subset real exports use —
 * `<row>`, `<c>` with `<v>`, `<f>`, `<is>` — and it mirrors SheetJS's parse_ws_xml_data cell for
 * cell: numbers (parseFloat), shared strings, inline strings, booleans, `t="str"` formula values,
 * errors, formulas without a value (never evaluated), the column and row guessed when `r` is
 * missing, the used range from `<dimension>` or from the cells. Dates stay Excel serial numbers,
 * as SheetJS gives them without cellDates. Anything outside the subset (namespaced tags, array
 * formulas, `t="d"`, CDATA, broken UTF-8, odd attributes …) throws NotStreamable: SheetJS then
 * reads the whole file, so the reader is never the reason for a different result.
 */
import type { Cell } from '../../cells.ts';
import { ERROR_CODES, NotStreamable, formulaStringValue, latin1, mayNeedUnescape, stringItemText, unescapeXml, utf8Text, xmlBool } from './sheetjs-text.ts';

/** A shared string as SheetJS parsed it (workbook.Strings). */
export interface SharedString {
  t?: string;
}

/** 0-based, inclusive, as SheetJS's ranges. */
export interface Range {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

/** What the reader found: the cells by row (absolute column index) and what sheetToGrid needs besides. */
export interface SheetCells {
  /** rows[r][c]: Excel row r+1, column c+1; undefined for a row with no cell */
  rows: Array<Cell[] | undefined>;
  /** the `<dimension>` range, when SheetJS would take it */
  dimension: Range | null;
  /** the range of the rows and cells seen (SheetJS's refguess) */
  guess: Range;
  /** cells SheetJS reads but sheet_to_json leaves out (a formula with no value and no type): key r * COLUMNS + c */
  holes: Set<number>;
  /** formula cells without a saved value and error cells, key r * COLUMNS + c */
  formulaMarks: Map<number, 'no-value' | 'error'>;
}

/** Columns in a sheet (XFD), for cell keys. */
export const COLUMNS = 16384;
const MAX_ROWS = 1_048_576;
const READ_PROGRESS_EVERY = 5000;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQ = 0x3d;
const DQ = 0x22;
const SQ = 0x27;

const ascii = (text: string) => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
const SHEET_DATA = ascii('<sheetData');
const SHEET_DATA_END = ascii('</sheetData>');
const ROW_END = ascii('</row>');
const CELL_END = ascii('</c>');
const V_END = ascii('</v>');
const F_END = ascii('</f>');
const IS_END = ascii('</is>');
const PLAIN_CELL_END = ascii('</v></c>');

/** A cell's `t`, as SheetJS switches on it. */
const enum CellType {
  Absent,
  Number,
  Shared,
  FormulaString,
  Inline,
  Bool,
  Error,
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

function startsWith(bytes: Uint8Array, at: number, word: Uint8Array): boolean {
  if (at + word.length > bytes.length) return false;
  for (let i = 0; i < word.length; i++) if (bytes[at + i] !== word[i]) return false;
  return true;
}

function indexOfWord(bytes: Uint8Array, word: Uint8Array, from: number, to = bytes.length): number {
  const first = word[0];
  for (let at = bytes.indexOf(first, from); at !== -1 && at + word.length <= to; at = bytes.indexOf(first, at + 1)) {
    if (startsWith(bytes, at, word)) return at;
  }
  return -1;
}

/**
 * The key SheetJS's parsexmltag files an attribute under (namespace prefix and an `_…` tail
 * dropped, also lower-cased): an attribute that lands on `r` or `t` without being exactly that
 * name would be read differently.
 */
function collidesWith(name: string, keys: string): boolean {
  const colon = name.indexOf(':');
  let key = name;
  if (colon !== -1) key = name.slice(colon + 1);
  else if (name.indexOf('_') > 0) key = name.slice(0, name.indexOf('_'));
  const lower = key.toLowerCase();
  return keys.includes(`|${key}|`) || keys.includes(`|${lower}|`);
}

/** An all-digit `<v>` of up to 15 digits is an exact integer; parseFloat for the rest, as SheetJS. */
function numberValue(bytes: Uint8Array, from: number, to: number): number {
  const negative = bytes[from] === 0x2d;
  const start = negative ? from + 1 : from;
  if (to > start && to - start <= 15) {
    let value = 0;
    let i = start;
    for (; i < to; i++) {
      const digit = bytes[i] - 48;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
    }
    if (i === to) return negative ? -value : value;
  }
  const text = latin1(bytes, from, to);
  return parseFloat(mayNeedUnescape(bytes, from, to) ? unescapeXml(text) : text);
}

function plainValue(bytes: Uint8Array, from: number, to: number): string {
  const text = latin1(bytes, from, to);
  return mayNeedUnescape(bytes, from, to) ? unescapeXml(text) : text;
}

const SHARED = 't="shared"';
const ARRAY = 't="array"';
/** SheetJS's parsexmltag attribute pattern, for the si of a shared formula. */
const ATTRIBUTE = /\s([^"\s?>/]+)\s*=\s*((?:")([^"]*)(?:")|(?:')([^']*)(?:')|([^'">\s]+))/g;

/** The `si` SheetJS's parsexmltag finds anywhere in the text of an `<f>` element. */
function sharedIndex(text: string): string | undefined {
  let si: string | undefined;
  for (const match of text.matchAll(ATTRIBUTE)) {
    const pair = match[0].slice(1);
    const eq = pair.indexOf('=');
    let name = pair.slice(0, eq).trim();
    let v = eq + 1;
    while (pair.charCodeAt(v) === 32) v++;
    const quoted = pair.charCodeAt(v) === 34 || pair.charCodeAt(v) === 39 ? 1 : 0;
    const value = pair.slice(v + quoted, pair.length - quoted);
    const colon = name.indexOf(':');
    if (colon !== -1) {
      const prefix = name.slice(0, colon);
      name = (colon === 5 && prefix === 'xmlns' ? 'xmlns' : '') + name.slice(colon + 1);
      if (si !== undefined && prefix.endsWith('ext') && (name === 'si' || name.toLowerCase() === 'si')) continue;
    } else if (name.indexOf('_') > 0) name = name.slice(0, name.indexOf('_'));
    if (name === 'si' || name.toLowerCase() === 'si') si = value;
  }
  return si;
}

export class SheetReader {
  private readonly cells: SheetCells = {
    rows: [],
    dimension: null,
    guess: { s: { r: 2_000_000, c: 2_000_000 }, e: { r: 0, c: 0 } },
    holes: new Set(),
    formulaMarks: new Map(),
  };
  private phase: 'head' | 'data' | 'done' = 'head';
  /** bytes received but not yet read (an unfinished row) */
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /** the last row's number (SheetJS's tagr), for a row without `r` */
  private rowNumber = 0;
  /** the row last told to onRead */
  private reportedRow = 0;
  /** a self-closing `<row/>` counts only when nothing follows it before `</sheetData>` (SheetJS splits rows at `</row>`) */
  private trailingEmptyRow: string | null | undefined = undefined;
  /** shared formulas by si (SheetJS's sharedf) */
  private readonly sharedFormulas = new Set<string>();
  /** each column's last `t="str"` text and its bytes */
  private readonly lastText: Array<{ bytes: Uint8Array; text: string } | undefined> = [];
  // What readTag, readCell and readFormula found (fields, not objects: they run for every cell).
  private tagEnd = 0;
  private tagClosed = false;
  private rFrom = -1;
  private rTo = -1;
  private tFrom = -1;
  private tTo = -1;
  private equalsInValue = false;
  private value: Cell = null;
  private formula = false;
  private plainColumn = 0;

  constructor(
    private readonly strings: readonly SharedString[],
    /** SheetJS's sheetRows: rows below it are skipped (0: all) */
    private readonly sheetRows = 0,
    /** rows read so far, of the rows <dimension> declares (told every READ_PROGRESS_EVERY rows) */
    private readonly onRead?: (rowsRead: number, rowsTotal: number) => void,
  ) {}

  /** Feeds the next bytes of the XML. */
  push(chunk: Uint8Array): void {
    if (this.phase === 'done' || chunk.length === 0) return;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.phase === 'head') {
      this.readHead(false);
      return;
    }
    // Nothing to read until a row (or the sheet data) ends: a long row is not copied again per chunk.
    if (this.pending.length > 1 && lastClose(chunk) === -1 && !closesAcross(this.pending[this.pending.length - 2], chunk)) return;
    this.readRows(false);
  }

  /** The end of the XML. */
  finish(): SheetCells {
    if (this.phase === 'head') this.readHead(true);
    if (this.phase === 'data') this.readRows(true);
    if (this.phase !== 'done') throw new NotStreamable('the sheet data does not end');
    return this.cells;
  }

  private take(): Uint8Array {
    const bytes = this.pending.length === 1 ? this.pending[0] : concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    return bytes;
  }

  private keep(bytes: Uint8Array, from: number): void {
    if (from < bytes.length) {
      this.pending = [bytes.subarray(from)];
      this.pendingBytes = bytes.length - from;
    }
  }

  /** Everything before `<sheetData>`: only `<dimension>` matters. */
  private readHead(last: boolean): void {
    const bytes = this.take();
    const at = indexOfWord(bytes, SHEET_DATA, 0);
    const open = at === -1 ? -1 : bytes.indexOf(GT, at);
    if (open === -1) {
      if (last) throw new NotStreamable('no sheet data');
      if (bytes.length > 4 * 1024 * 1024) throw new NotStreamable('a very long sheet header');
      this.keep(bytes, 0);
      return;
    }
    const head = latin1(bytes, 0, at);
    if (head.includes('<!--') || /<\w+:sheetData/.test(head)) throw new NotStreamable('an unusual sheet header');
    const after = bytes[at + SHEET_DATA.length];
    if (after !== GT && after !== SLASH && !isSpace(after)) throw new NotStreamable('an unusual sheet data tag');
    this.cells.dimension = dimensionOf(head);
    if (bytes[open - 1] === SLASH) {
      // <sheetData/>: SheetJS then finds no sheet data, and looks for <dimension> in the whole XML.
      if (!DIMENSION.test(head)) throw new NotStreamable('empty sheet data without a dimension before it');
      this.phase = 'done';
      return;
    }
    this.phase = 'data';
    this.keep(bytes, open + 1);
    this.readRows(last);
  }

  private readRows(last: boolean): void {
    const bytes = this.take();
    const limit = last ? bytes.length : lastClose(bytes);
    if (limit === -1) {
      this.keep(bytes, 0);
      return;
    }
    let p = 0;
    while (p < limit) {
      while (p < limit && isSpace(bytes[p])) p++;
      if (p >= limit) break;
      if (bytes[p] !== LT) throw new NotStreamable('text between rows');
      if (startsWith(bytes, p, SHEET_DATA_END)) {
        this.endOfData();
        return;
      }
      if (bytes[p + 1] === 0x72 && bytes[p + 2] === 0x6f && bytes[p + 3] === 0x77 && (bytes[p + 4] === GT || bytes[p + 4] === 0x20 || bytes[p + 4] === SLASH)) {
        p = this.readRow(bytes, p + 4);
        continue;
      }
      throw new NotStreamable('an unexpected element between rows');
    }
    if (last) throw new NotStreamable('the sheet data does not end');
    this.keep(bytes, p);
  }

  private endOfData(): void {
    const empty = this.trailingEmptyRow;
    if (empty !== undefined) this.startRow(empty === null ? null : ascii(empty), empty === null ? -1 : 0, empty === null ? -1 : empty.length);
    this.phase = 'done';
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** SheetJS's tagr for a row whose `r` is bytes [from, to) (-1: no `r`); whether the row is read (sheetRows). */
  private startRow(bytes: Uint8Array | null, from: number, to: number): boolean {
    if (from === -1) this.rowNumber++;
    else {
      let row = 0;
      for (let i = from; i < to; i++) {
        const digit = bytes![i] - 48;
        if (digit < 0 || digit > 9) throw new NotStreamable('an unusual row number');
        row = row * 10 + digit;
      }
      if (to - from > 7 || row < 1 || row > MAX_ROWS) throw new NotStreamable('an unusual row number');
      this.rowNumber = row;
    }
    if (this.sheetRows && this.sheetRows < this.rowNumber) return false;
    if (this.onRead && this.cells.dimension && this.rowNumber - this.reportedRow >= READ_PROGRESS_EVERY) {
      this.reportedRow = this.rowNumber;
      this.onRead(this.rowNumber, this.cells.dimension.e.r + 1);
    }
    const guess = this.cells.guess;
    const r0 = this.rowNumber - 1;
    if (guess.s.r > r0) guess.s.r = r0;
    if (guess.e.r < r0) guess.e.r = r0;
    return true;
  }

  /**
   * An element's attributes from `at` (just after its name) to `>` or `/>`, into the tag* fields:
   * where `r` and `t` are, whether the tag closes itself. SheetJS's parsexmltag files attributes
   * under their name without a namespace prefix or an `_…` tail, also lower-cased: any other
   * attribute that would land on `r` or `t` is refused.
   */
  private readTag(bytes: Uint8Array, at: number, watched: string): void {
    const n = bytes.length;
    this.rFrom = this.tFrom = -1;
    this.equalsInValue = false;
    let p = at;
    for (;;) {
      while (p < n && isSpace(bytes[p])) p++;
      if (p >= n) throw new NotStreamable('a tag is not closed');
      const b = bytes[p];
      if (b === GT) {
        this.tagEnd = p + 1;
        this.tagClosed = false;
        return;
      }
      if (b === SLASH) {
        if (bytes[p + 1] !== GT) throw new NotStreamable('a stray / in a tag');
        this.tagEnd = p + 2;
        this.tagClosed = true;
        return;
      }
      if (p === at) throw new NotStreamable('no space after the element name');
      const nameStart = p;
      let special = false;
      for (; p < n; p++) {
        const c = bytes[p];
        if (isSpace(c) || c === EQ || c === GT || c === SLASH || c === LT || c === DQ || c === SQ) break;
        if (c === 0x3a || c === 0x5f) special = true;
      }
      const nameEnd = p;
      while (p < n && isSpace(bytes[p])) p++;
      if (nameEnd === nameStart || bytes[p] !== EQ) throw new NotStreamable('an attribute without a value');
      p++;
      while (p < n && isSpace(bytes[p])) p++;
      const quote = bytes[p];
      if (quote !== DQ && quote !== SQ) throw new NotStreamable('an unquoted attribute');
      const valueStart = p + 1;
      const valueEnd = bytes.indexOf(quote, valueStart);
      if (valueEnd === -1) throw new NotStreamable('an attribute value is not closed');
      for (let i = valueStart; i < valueEnd; i++) {
        const c = bytes[i];
        if (c === LT || c === GT) throw new NotStreamable('< or > in an attribute value');
        if (c === EQ) this.equalsInValue = true;
      }
      if (nameEnd - nameStart === 1) {
        const name = bytes[nameStart];
        if (name === 0x72) {
          if (this.rFrom !== -1) throw new NotStreamable('a repeated attribute');
          this.rFrom = valueStart;
          this.rTo = valueEnd;
        } else if (name === 0x74) {
          if (this.tFrom !== -1) throw new NotStreamable('a repeated attribute');
          this.tFrom = valueStart;
          this.tTo = valueEnd;
        } else if (name === 0x52 || name === 0x54) throw new NotStreamable('an attribute SheetJS reads as r or t');
      } else if (special && collidesWith(latin1(bytes, nameStart, nameEnd), watched)) throw new NotStreamable('an attribute SheetJS reads as r or t');
      p = valueEnd + 1;
    }
  }

  /** One `<row …>…</row>` from just after `<row`; returns the position after it. */
  private readRow(bytes: Uint8Array, at: number): number {
    this.readTag(bytes, at, '|r|');
    if (this.tagClosed) {
      this.trailingEmptyRow = this.rFrom === -1 ? null : latin1(bytes, this.rFrom, this.rTo);
      return this.tagEnd;
    }
    this.trailingEmptyRow = undefined;
    if (!this.startRow(bytes, this.rFrom, this.rTo)) {
      const end = indexOfWord(bytes, ROW_END, this.tagEnd);
      if (end === -1) throw new NotStreamable('a row does not end');
      return end + ROW_END.length;
    }
    const r = this.rowNumber - 1;
    const rows = this.cells.rows;
    let row: Cell[] | undefined = rows[r];
    let column = -1;
    let minColumn = COLUMNS;
    let maxColumn = -1;
    let p = this.tagEnd;
    const n = bytes.length;
    for (;;) {
      while (p < n && isSpace(bytes[p])) p++;
      if (p >= n) throw new NotStreamable('a row does not end');
      if (bytes[p] !== LT) throw new NotStreamable('text inside a row');
      const next = bytes[p + 2];
      if (bytes[p + 1] !== 0x63 || (next !== 0x20 && next !== GT && next !== SLASH)) {
        if (startsWith(bytes, p, ROW_END)) {
          p += ROW_END.length;
          break;
        }
        throw new NotStreamable('an unexpected element inside a row');
      }
      const plainEnd = next === 0x20 ? this.plainCell(bytes, p, r) : -1;
      if (plainEnd !== -1) {
        column = this.plainColumn;
        p = plainEnd;
      } else {
        const cellStart = p;
        this.readTag(bytes, p + 2, '|r|t|');
        if (this.equalsInValue) throw new NotStreamable('= in a cell attribute');
        if (this.rFrom !== -1) column = this.cellColumn(bytes, this.rFrom, this.rTo);
        else column++;
        if (column >= COLUMNS) throw new NotStreamable('a cell past the last column');
        p = this.readCell(bytes, r, column, cellStart);
      }
      row ??= rows[r] = [];
      row[column] = this.value;
      if (column < minColumn) minColumn = column;
      if (column > maxColumn) maxColumn = column;
    }
    const guess = this.cells.guess;
    if (maxColumn >= 0) {
      if (guess.s.c > minColumn) guess.s.c = minColumn;
      if (guess.e.c < maxColumn) guess.e.c = maxColumn;
    }
    return p;
  }

  /**
   * The common cell — `<c r="B7"`, then ` s="3"` and ` t="s"` (or `"n"`, `"str"`) if any, then
   * `><v>…</v></c>` — read without the general tag reader: nearly every cell of an export is one,
   * and the general path costs about twice as much per cell. Its value goes to `this.value` and
   * its column to `this.plainColumn`, as readCell and cellColumn give them. Anything else returns
   * -1 with nothing changed, and the general path reads the cell (and refuses what it refuses).
   */
  private plainCell(bytes: Uint8Array, at: number, r: number): number {
    let p = at + 3;
    if (bytes[p] !== 0x72 || bytes[p + 1] !== EQ || bytes[p + 2] !== DQ) return -1;
    p += 3;
    // The reference is read here as cellColumn reads it, but without first finding its end: a
    // shared helper taking [from, to) made the whole sheet's reading ~25 % slower (Node, Ф1).
    const lettersFrom = p;
    let c = 0;
    while (p - lettersFrom < 3) {
      const letter = bytes[p] - 64;
      if (letter < 1 || letter > 26) break;
      c = c * 26 + letter;
      p++;
    }
    const digitsFrom = p;
    let row = 0;
    for (;;) {
      const digit = bytes[p] - 48;
      if (digit < 0 || digit > 9) break;
      row = row * 10 + digit;
      p++;
    }
    if (digitsFrom === lettersFrom || p === digitsFrom || p - digitsFrom > 7 || bytes[p] !== DQ || row !== this.rowNumber) return -1;
    p++;
    if (bytes[p] === 0x20 && bytes[p + 1] === 0x73 && bytes[p + 2] === EQ && bytes[p + 3] === DQ) {
      p += 4;
      const styleFrom = p;
      while (bytes[p] >= 0x30 && bytes[p] <= 0x39) p++;
      if (p === styleFrom || bytes[p] !== DQ) return -1;
      p++;
    }
    let type = CellType.Absent;
    if (bytes[p] === 0x20 && bytes[p + 1] === 0x74 && bytes[p + 2] === EQ && bytes[p + 3] === DQ) {
      p += 4;
      if (bytes[p] === 0x73 && bytes[p + 1] === DQ) type = CellType.Shared;
      else if (bytes[p] === 0x6e && bytes[p + 1] === DQ) type = CellType.Number;
      else if (bytes[p] === 0x73 && bytes[p + 1] === 0x74 && bytes[p + 2] === 0x72 && bytes[p + 3] === DQ) type = CellType.FormulaString;
      else return -1;
      p += type === CellType.FormulaString ? 4 : 2;
    }
    if (bytes[p] !== GT || bytes[p + 1] !== LT || bytes[p + 2] !== 0x76 || bytes[p + 3] !== GT) return -1;
    const vFrom = p + 4;
    const vTo = bytes.indexOf(LT, vFrom);
    // an empty value, or one that does not end here: the general path
    if (vTo <= vFrom || !startsWith(bytes, vTo, PLAIN_CELL_END)) return -1;
    const column = c - 1;
    if (column >= COLUMNS) return -1;
    let value: Cell;
    if (type === CellType.Shared) {
      const item = this.strings[parseInt(plainValue(bytes, vFrom, vTo), 10)];
      if (item === undefined) return -1;
      value = item.t;
    } else if (type === CellType.FormulaString) value = this.formulaString(bytes, vFrom, vTo, column);
    else value = numberValue(bytes, vFrom, vTo);
    const key = r * COLUMNS + column;
    const cells = this.cells;
    if (cells.holes.size) cells.holes.delete(key);
    if (cells.formulaMarks.size) cells.formulaMarks.delete(key);
    this.value = value === undefined ? null : value;
    this.plainColumn = column;
    return vTo + PLAIN_CELL_END.length;
  }

  /** The column of a cell reference like `AB12` in bytes [from, to); its row must be this row. */
  private cellColumn(bytes: Uint8Array, from: number, to: number): number {
    let i = from;
    let c = 0;
    for (; i < to && i - from < 3; i++) {
      const letter = bytes[i] - 64;
      if (letter < 1 || letter > 26) break;
      c = c * 26 + letter;
    }
    let row = 0;
    const digits = i;
    for (; i < to; i++) {
      const digit = bytes[i] - 48;
      if (digit < 0 || digit > 9) throw new NotStreamable('an unusual cell reference');
      row = row * 10 + digit;
    }
    if (digits === from || digits === to || to - digits > 7 || row !== this.rowNumber) throw new NotStreamable('an unusual cell reference');
    return c - 1;
  }

  /** The cell's `t` (bytes [tFrom, tTo) of the tag just read). */
  private cellType(bytes: Uint8Array): CellType {
    const from = this.tFrom;
    if (from === -1) return CellType.Absent;
    const length = this.tTo - from;
    const first = bytes[from];
    if (length === 0) return CellType.Number;
    if (length === 1) {
      if (first === 0x6e) return CellType.Number;
      if (first === 0x73) return CellType.Shared;
      if (first === 0x62) return CellType.Bool;
      if (first === 0x65) return CellType.Error;
    } else if (length === 3 && first === 0x73 && bytes[from + 1] === 0x74 && bytes[from + 2] === 0x72) return CellType.FormulaString;
    else if (length === 9 && latin1(bytes, from, this.tTo) === 'inlineStr') return CellType.Inline;
    throw new NotStreamable(`a cell of type «${latin1(bytes, from, this.tTo)}»`);
  }

  /**
   * One cell, its tag just read: its value goes to `this.value` (undefined for a hole). Returns
   * the position after the cell.
   */
  private readCell(bytes: Uint8Array, r: number, c: number, cellStart: number): number {
    const type = this.cellType(bytes);
    const hasReference = this.rFrom !== -1;
    let vFrom = -1;
    let vTo = -1;
    let seenValue = false;
    let formula = false;
    let inline: string | null = null;
    let p = this.tagEnd;
    const n = bytes.length;
    if (!this.tagClosed) {
      for (;;) {
        while (p < n && isSpace(bytes[p])) p++;
        if (p >= n || bytes[p] !== LT) throw new NotStreamable('text inside a cell');
        const name = bytes[p + 1];
        const after = bytes[p + 2];
        if (name === 0x76 && (after === GT || after === 0x20 || after === SLASH)) {
          if (seenValue) throw new NotStreamable('two values in a cell');
          seenValue = true;
          let open = p + 3;
          if (after !== GT) {
            this.readTag(bytes, p + 2, '');
            if (this.tagClosed) {
              // <v/>: SheetJS finds no value.
              p = this.tagEnd;
              continue;
            }
            open = this.tagEnd;
          }
          const close = bytes.indexOf(LT, open);
          if (close === -1 || !startsWith(bytes, close, V_END)) throw new NotStreamable('markup inside a value');
          vFrom = open;
          vTo = close;
          p = close + V_END.length;
        } else if (name === SLASH && after === 0x63 && bytes[p + 3] === GT) {
          p += CELL_END.length;
          break;
        } else if (name === 0x66 && (after === GT || after === 0x20 || after === SLASH)) {
          p = this.readFormula(bytes, p);
          formula = this.formula;
        } else if (name === 0x69 && after === 0x73 && (bytes[p + 3] === GT || bytes[p + 3] === 0x20)) {
          if (inline !== null) throw new NotStreamable('two inline strings in a cell');
          this.readTag(bytes, p + 3, '');
          if (this.tagClosed) throw new NotStreamable('an empty inline string tag');
          const close = indexOfWord(bytes, IS_END, this.tagEnd);
          if (close === -1) throw new NotStreamable('an inline string does not end');
          inline = utf8Text(bytes, this.tagEnd, close);
          p = close + IS_END.length;
        } else throw new NotStreamable('an unexpected element inside a cell');
      }
    }
    // SheetJS takes the first r="…" in the cell's text as its reference.
    if (!hasReference && /r=["']/.test(latin1(bytes, cellStart, p))) throw new NotStreamable('r= inside a cell without a reference');

    const key = r * COLUMNS + c;
    const hasValue = vTo > vFrom;
    const cells = this.cells;
    if (cells.holes.size) cells.holes.delete(key);
    if (cells.formulaMarks.size) cells.formulaMarks.delete(key);
    if (type === CellType.Absent && !hasValue) {
      // SheetJS: a formula without a value becomes 0, and "0 == ''" then makes it a stub that
      // sheet_to_json skips (a hole in the row); without a formula, a stub (null).
      if (formula) {
        cells.holes.add(key);
        cells.formulaMarks.set(key, 'no-value');
        this.value = undefined;
      } else this.value = null;
      return p;
    }
    let value: Cell;
    switch (type) {
      case CellType.Absent:
      case CellType.Number:
        value = hasValue ? numberValue(bytes, vFrom, vTo) : undefined;
        break;
      case CellType.Shared: {
        if (!hasValue) {
          value = undefined;
          break;
        }
        const item = this.strings[parseInt(plainValue(bytes, vFrom, vTo), 10)];
        if (item === undefined) throw new NotStreamable('a shared string that is not there');
        value = item.t;
        break;
      }
      case CellType.FormulaString:
        value = hasValue ? this.formulaString(bytes, vFrom, vTo, c) : '';
        break;
      case CellType.Inline:
        value = inline === null ? '' : stringItemText(inline);
        break;
      case CellType.Bool:
        value = xmlBool(hasValue ? plainValue(bytes, vFrom, vTo) : undefined);
        break;
      case CellType.Error: {
        const code = ERROR_CODES[hasValue ? plainValue(bytes, vFrom, vTo) : (undefined as unknown as string)];
        cells.formulaMarks.set(key, formula && code === undefined ? 'no-value' : 'error');
        this.value = null;
        return p;
      }
    }
    if (formula && value === undefined) cells.formulaMarks.set(key, 'no-value');
    this.value = value === undefined ? null : value;
    return p;
  }

  /**
   * A `t="str"` value. A column often repeats one text row after row (a school, a municipality):
   * the same bytes as the column's last text give the same string, decoded once and shared.
   */
  private formulaString(bytes: Uint8Array, from: number, to: number, c: number): string {
    const length = to - from;
    const last = this.lastText[c];
    if (last && last.bytes.length === length) {
      const seen = last.bytes;
      let i = 0;
      while (i < length && seen[i] === bytes[from + i]) i++;
      if (i === length) return last.text;
    }
    const text = formulaStringValue(bytes, from, to);
    if (length <= 256) this.lastText[c] = { bytes: bytes.slice(from, to), text };
    return text;
  }

  /** `<f …>text</f>` or `<f …/>` at `at`: whether SheetJS gives the cell a formula (p.f), into this.formula. */
  private readFormula(bytes: Uint8Array, at: number): number {
    this.readTag(bytes, at + 2, '');
    const tagEnd = this.tagEnd;
    if (this.tagClosed) {
      // A cell of a shared formula: a formula when its si was defined above.
      const si = sharedIndex(latin1(bytes, at, tagEnd));
      this.formula = si !== undefined && this.sharedFormulas.has(si);
      return tagEnd;
    }
    const close = bytes.indexOf(LT, tagEnd);
    if (close === -1 || !startsWith(bytes, close, F_END)) throw new NotStreamable('markup inside a formula');
    const whole = latin1(bytes, at, close + F_END.length);
    if (whole.indexOf(ARRAY) > -1) throw new NotStreamable('an array formula');
    const shared = whole.indexOf(SHARED) > -1;
    if (close === tagEnd) {
      const si = shared ? sharedIndex(whole) : undefined;
      this.formula = si !== undefined && this.sharedFormulas.has(si);
    } else {
      if (shared) this.sharedFormulas.add(String(parseInt(sharedIndex(whole) as string, 10)));
      this.formula = true;
    }
    return close + F_END.length;
  }
}

/** The end of the last `</row>` or `</sheetData>` in the bytes: all before it is whole rows; -1 when none. */
function lastClose(bytes: Uint8Array): number {
  for (let at = bytes.lastIndexOf(LT); at !== -1; at = at > 0 ? bytes.lastIndexOf(LT, at - 1) : -1) {
    if (startsWith(bytes, at, ROW_END)) return at + ROW_END.length;
    if (startsWith(bytes, at, SHEET_DATA_END)) return at + SHEET_DATA_END.length;
  }
  return -1;
}

/** Whether `</row>` or `</sheetData>` starts in the last bytes of `before` and ends in `after`. */
function closesAcross(before: Uint8Array, after: Uint8Array): boolean {
  const span = SHEET_DATA_END.length - 1;
  const joined = concat(
    [before.subarray(Math.max(0, before.length - span)), after.subarray(0, span)],
    Math.min(before.length, span) + Math.min(after.length, span),
  );
  const close = lastClose(joined);
  return close > Math.min(before.length, span);
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const DIMENSION = /<(?:\w*:)?dimension/;
const DIMENSION_REF = /"(\w*:\w*)"/;
const PLAIN_RANGE = /^([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})$/;

function column(letters: string): number {
  let c = 0;
  for (let i = 0; i < letters.length; i++) c = c * 26 + letters.charCodeAt(i) - 64;
  return c - 1;
}

/** The `<dimension ref>` as SheetJS takes it (parse_ws_xml + parse_ws_xml_dim), or null. */
function dimensionOf(head: string): Range | null {
  const at = head.search(DIMENSION);
  if (at <= 0) return null;
  const ref = head.slice(at, at + 50).match(DIMENSION_REF);
  if (!ref) return null;
  const parts = PLAIN_RANGE.exec(ref[1]);
  if (!parts) throw new NotStreamable('an unusual dimension');
  const range: Range = { s: { c: column(parts[1]), r: +parts[2] - 1 }, e: { c: column(parts[3]), r: +parts[4] - 1 } };
  if (range.s.r <= range.e.r && range.s.c <= range.e.c && range.s.r >= 0 && range.s.c >= 0) return range;
  return null;
}
