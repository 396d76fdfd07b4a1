import * as XLSX from '@e965/xlsx';
import type { Cell } from './cells.ts';
import { isBlank } from './cells.ts';
import type { CsvFormat } from './csv-reader.ts';
import { brokenUtf8Error, countCsvRows, firstText, readCsvRows, sniffCsv } from './csv-reader.ts';
import { decodeWith, looksLikeText } from './decode-text.ts';
import { fileSizeError } from './file-size.ts';
import { notATable, oleKind, signatureKind } from './file-kind.ts';
import { columnLetter, fileError, quoted } from './messages.ts';
import type { ImportFile } from './types.ts';
import { checkZip } from './zip-guard.ts';

/** One sheet as a grid: rows[i][j] is Excel row i+1, column j+1. */
export interface SheetGrid {
  name: string;
  rows: Cell[][];
  /** Russian warnings about the sheet (formulas without a saved value, formula errors), shown with the import */
  warnings?: string[];
  /** when only the first rows were read (ReadOptions.maxRows): how many rows the sheet has */
  totalRows?: number;
}

export interface ReadOptions {
  /** Read only the first rows of each sheet (previews; recognising a big CSV). */
  maxRows?: number;
  /** With maxRows: set totalRows (free for XLSX; a pass over the bytes for a CSV). */
  countRows?: boolean;
}

/**
 * Formulas are never evaluated: a cell gives the value Excel saved with it. `cellFormula` and
 * `sheetStubs` keep a formula cell that has no saved value (SheetJS drops it otherwise), so that
 * it can be reported (formulaWarnings) and read as empty.
 */
const READ_OPTIONS = { dense: true, cellText: false, cellHTML: false, cellFormula: true, sheetStubs: true } as const;

type Container = 'zip' | 'ole' | 'text';

/** Container signatures SheetJS reads as binary: ZIP (xlsx, ods) and OLE (xls). */
function containerOf(bytes: Uint8Array): Container {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'zip';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'ole';
  return 'text';
}

function unreadable(file: ImportFile): Error {
  const what = signatureKind(file.bytes) ?? (containerOf(file.bytes) === 'ole' ? oleKind(file.bytes) : undefined);
  if (what) return notATable(file.name, what);
  return fileError(
    'unreadable',
    { file: file.name },
    'не удалось прочитать его как таблицу (XLSX, XLS или CSV). Возможно, файл повреждён или это не таблица. ' +
      'Откройте его в Excel, сохраните как «Книга Excel (.xlsx)» и загрузите снова.',
  );
}

/**
 * The 'too-large' error of a file over MAX_FILE_BYTES (limits.ts says why), or null. The UI can
 * ask it with File.name and File.size before it reads the file into memory at all.
 */
/** Refuses a file over MAX_FILE_BYTES before anything reads it. */
export function checkFileSize(file: ImportFile): void {
  const error = fileSizeError(file.name, file.bytes.length);
  if (error) throw error;
}

function readOptions(options: ReadOptions): XLSX.ParsingOptions {
  return options.maxRows !== undefined ? { ...READ_OPTIONS, sheetRows: options.maxRows } : READ_OPTIONS;
}

function parseBinary(file: ImportFile, options: ReadOptions): XLSX.WorkBook {
  try {
    return XLSX.read(file.bytes, { type: 'array', ...readOptions(options) });
  } catch {
    throw unreadable(file);
  }
}

/** An HTML or XML table saved with an .xls name (SheetJS reads those); everything else is CSV/TSV. */
function parseMarkup(file: ImportFile, format: CsvFormat, options: ReadOptions): XLSX.WorkBook {
  const text = decodeWith(file.bytes, format);
  if (!looksLikeText(text)) throw unreadable(file);
  try {
    // raw: keep cells as typed (no guessing of dates like 20.04.2026).
    return XLSX.read(text, { type: 'string', raw: true, ...readOptions(options) });
  } catch {
    throw unreadable(file);
  }
}

/** The sheet objects by name; a sheet named «__proto__» lands on the prototype of SheetJS's map, not as an own key. */
function sheetOf(workbook: XLSX.WorkBook, name: string): XLSX.WorkSheet | undefined {
  const sheets = workbook.Sheets;
  if (Object.prototype.hasOwnProperty.call(sheets, name)) return sheets[name];
  if (name === '__proto__') {
    const proto: unknown = Object.getPrototypeOf(sheets);
    return proto && proto !== Object.prototype ? (proto as XLSX.WorkSheet) : undefined;
  }
  return undefined;
}

interface FormulaCell {
  t?: string;
  v?: unknown;
  f?: string;
}

/** Cells that SheetJS read as formulas without a saved value, and cells whose saved value is an error (#DIV/0!). */
function formulaWarnings(fileName: string, name: string, sheet: XLSX.WorkSheet): string[] {
  const data = (sheet as { '!data'?: Array<Array<FormulaCell | undefined> | undefined> })['!data'];
  if (!data) return [];
  const noValue: string[] = [];
  const errors: string[] = [];
  let noValueCount = 0;
  let errorCount = 0;
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell || cell.t === undefined) continue;
      if (cell.f !== undefined && (cell.t === 'z' || cell.v === undefined)) {
        if (noValueCount++ < 5) noValue.push(`${columnLetter(c)}${r + 1}`);
      } else if (cell.t === 'e') {
        if (errorCount++ < 5) errors.push(`${columnLetter(c)}${r + 1}`);
      }
    }
  }
  const where = (cells: string[], count: number) => `${cells.join(', ')}${count > cells.length ? ` и ещё ${count - cells.length}` : ''}`;
  const warnings: string[] = [];
  const prefix = `Файл «${fileName}», лист «${quoted(name)}»`;
  if (noValueCount > 0) {
    warnings.push(
      `${prefix}: ${noValueCount === 1 ? 'в ячейке' : 'в ячейках'} ${where(noValue, noValueCount)} формула без сохранённого значения — ` +
        'такие ячейки считаются пустыми (Око формулы не вычисляет). Чтобы загрузить значения, откройте файл в Excel, пересчитайте (F9), сохраните и загрузите снова.',
    );
  }
  if (errorCount > 0) {
    warnings.push(
      `${prefix}: ${errorCount === 1 ? 'в ячейке' : 'в ячейках'} ${where(errors, errorCount)} ошибка формулы (#ДЕЛ/0!, #Н/Д …) — такие ячейки считаются пустыми.`,
    );
  }
  return warnings;
}

function sheetToGrid(fileName: string, name: string, sheet: XLSX.WorkSheet | undefined): SheetGrid {
  const ref = sheet?.['!ref'];
  if (!sheet || !ref) return { name, rows: [] };
  const range = XLSX.utils.decode_range(ref);
  const body = XLSX.utils.sheet_to_json<Cell[]>(sheet, { header: 1, raw: true, defval: null, blankrows: true });
  // sheet_to_json starts at the used range; pad so that indexes are Excel positions.
  const lead: Cell[][] = Array.from({ length: range.s.r }, () => []);
  const rows = range.s.c > 0 ? body.map((row) => [...new Array<Cell>(range.s.c).fill(null), ...row]) : body;
  const grid: SheetGrid = { name, rows: lead.length ? [...lead, ...rows] : rows };
  const warnings = formulaWarnings(fileName, name, sheet);
  if (warnings.length) grid.warnings = warnings;
  const full = (sheet as { '!fullref'?: string })['!fullref'];
  if (full) grid.totalRows = XLSX.utils.decode_range(full).e.r + 1;
  return grid;
}

export function sheetHasData(sheet: SheetGrid): boolean {
  return sheet.rows.some((row) => row.some((cell) => !isBlank(cell)));
}

/** SheetJS's name for the one sheet of a CSV (kept: remembered mappings name it). */
export const CSV_SHEET = 'Sheet1';

function readCsvSheet(file: ImportFile, format: CsvFormat, options: ReadOptions): SheetGrid {
  const rows = readCsvRows(file, format, options.maxRows);
  const sheet: SheetGrid = { name: CSV_SHEET, rows };
  if (options.countRows && options.maxRows !== undefined && rows.length >= options.maxRows) sheet.totalRows = countCsvRows(file, format);
  return sheet;
}

/** What kind of text a text file is: a CSV/TSV for csv-reader.ts, or HTML/XML for SheetJS. */
export function textKind(file: ImportFile): { kind: 'csv' | 'markup'; format: CsvFormat } | null {
  if (containerOf(file.bytes) !== 'text' || signatureKind(file.bytes)) return null;
  const format = sniffCsv(file.bytes);
  return { kind: firstText(file.bytes).startsWith('<') ? 'markup' : 'csv', format };
}

/** The CSV format of a file that is a plain CSV/TSV, checked as readWorkbook checks it; null for anything else. */
export function csvFormatOf(file: ImportFile): CsvFormat | null {
  checkFileSize(file);
  const text = textKind(file);
  if (!text || text.kind !== 'csv') return null;
  if (text.format.brokenUtf8At !== undefined) throw brokenUtf8Error(file, text.format.brokenUtf8At);
  const head = decodeWith(file.bytes.subarray(0, Math.min(file.bytes.length, 262144)), { ...text.format, brokenUtf8At: undefined });
  if (!looksLikeText(head.slice(0, -4))) throw unreadable(file);
  return text.format;
}

/**
 * Reads XLSX/XLS/ODS/CSV bytes into grids; throws 'unreadable', 'too-large' or 'empty'
 * ImportErrors naming the file. Every check that needs no parsing comes first: size
 * (limits.ts), the ZIP directory (zip-guard.ts), the text encoding (decode-text.ts).
 */
export function readWorkbook(file: ImportFile, options: ReadOptions = {}): SheetGrid[] {
  if (file.bytes.length === 0) {
    throw fileError('empty', { file: file.name }, 'размер 0 байт — файл пустой. Проверьте, что выбран нужный файл, и загрузите его снова.');
  }
  checkFileSize(file);
  const what = signatureKind(file.bytes);
  if (what) throw notATable(file.name, what);
  let sheets: SheetGrid[];
  const container = containerOf(file.bytes);
  if (container !== 'text') {
    if (container === 'zip') checkZip(file);
    const workbook = parseBinary(file, options);
    sheets = workbook.SheetNames.map((name) => sheetToGrid(file.name, name, sheetOf(workbook, name)));
  } else {
    const format = csvFormatOf(file);
    if (format) sheets = [readCsvSheet(file, format, options)];
    else {
      const text = textKind(file);
      if (!text) throw unreadable(file);
      if (text.format.brokenUtf8At !== undefined) throw brokenUtf8Error(file, text.format.brokenUtf8At);
      const workbook = parseMarkup(file, text.format, options);
      sheets = workbook.SheetNames.map((name) => sheetToGrid(file.name, name, sheetOf(workbook, name)));
    }
  }
  if (!sheets.some(sheetHasData)) {
    throw fileError(
      'empty',
      { file: file.name },
      'в нём нет ни одной заполненной ячейки. Проверьте, что выбран нужный файл (а не пустой шаблон), и загрузите его снова.',
    );
  }
  return sheets;
}
