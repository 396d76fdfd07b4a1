import type * as XLSX from '@e965/xlsx';
import { sheetJs } from './sheetjs-lib.ts';
import type { SheetGrid } from './grid.ts';
import { isBlank } from '../cells.ts';
import type { CsvFormat } from './csv-reader.ts';
import { brokenUtf8Error, countCsvRows, CSV_SHEET, firstText, readCsvRows, settledCsvFormat, sniffCsv } from './csv-reader.ts';
import { decodeWith, looksLikeText } from './decode-text.ts';
import { fileSizeError } from '../file-size.ts';
import { notATable, oleKind, signatureKind } from './file-kind.ts';
import { fileError } from '../messages.ts';
import { sheetJsGrids, sheetJsOptions, sheetOf, sheetToGrid } from './sheetjs.ts';
import type { XlsxReader } from './xlsx/load.ts';
import { streamingReader } from './xlsx/load.ts';
import { ImportError, type ImportFile } from '../types.ts';
import { checkZip, startsAsZip } from './zip-guard.ts';

export type { SheetGrid } from './grid.ts';

export interface ReadOptions {
  /** Read only the first rows of each sheet (previews; recognising a big CSV). */
  maxRows?: number;
  /** With maxRows: set totalRows (free for XLSX; a pass over the bytes for a CSV). */
  countRows?: boolean;
  /** 'sheetjs': no streaming of big XLSX sheets (xlsx/index.ts), for benchmarks; default 'auto'. */
  xlsxReader?: XlsxReader;
  /** rows read so far of a big XLSX sheet (streamed), of the rows it declares */
  onRead?: (rowsRead: number, rowsTotal: number) => void;
}

type Container = 'zip' | 'ole' | 'text';

/** Container signatures SheetJS reads as binary: ZIP (xlsx, ods) and OLE (xls). */
function containerOf(bytes: Uint8Array): Container {
  if (startsAsZip(bytes)) return 'zip';
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

function parseBinary(file: ImportFile, options: ReadOptions): SheetGrid[] {
  try {
    return sheetJsGrids(file.name, file.bytes, options.maxRows);
  } catch (error) {
    // a sheet over a shape limit (shape-limits.ts) is refused with its own reason
    if (error instanceof ImportError) throw error;
    throw unreadable(file);
  }
}

/** An HTML or XML table saved with an .xls name (SheetJS reads those); everything else is CSV/TSV. */
function parseMarkup(file: ImportFile, format: CsvFormat, options: ReadOptions): XLSX.WorkBook {
  const text = decodeWith(file.bytes, format);
  if (!looksLikeText(text)) throw unreadable(file);
  try {
    // raw: keep cells as typed (no guessing of dates like 20.04.2026).
    return sheetJs().read(text, { type: 'string', raw: true, ...sheetJsOptions(options.maxRows) });
  } catch {
    throw unreadable(file);
  }
}

export function sheetHasData(sheet: SheetGrid): boolean {
  return sheet.rows.some((row) => row.some((cell) => !isBlank(cell)));
}

export { CSV_SHEET } from './csv-reader.ts';

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
  // looksLikeText looks at 65,536 characters; a character cut at the end of these bytes is dropped.
  const head = decodeWith(file.bytes.subarray(0, Math.min(file.bytes.length, 65536 * 2 + 4)), { ...text.format, brokenUtf8At: undefined });
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
    const directory = container === 'zip' ? checkZip(file) : null;
    // the streaming reader, when an async caller has loaded it (xlsx/load.ts)
    const streaming = directory && options.xlsxReader !== 'sheetjs' ? streamingReader() : null;
    const streamed = streaming && directory ? streaming.readStreamedWorkbook(file, directory, { maxRows: options.maxRows, onRead: options.onRead }) : null;
    sheets = streamed && 'sheets' in streamed ? streamed.sheets : parseBinary(file, options);
  } else {
    const format = csvFormatOf(file);
    if (format) sheets = [readCsvSheet(file, format, options)];
    else {
      const text = textKind(file);
      if (!text) throw unreadable(file);
      // SheetJS decodes markup whole: the encoding is settled on every byte first.
      const markupFormat = settledCsvFormat(file.bytes, text.format);
      if (markupFormat.brokenUtf8At !== undefined) throw brokenUtf8Error(file, markupFormat.brokenUtf8At);
      const workbook = parseMarkup(file, markupFormat, options);
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
