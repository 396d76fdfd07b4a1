import * as XLSX from '@e965/xlsx';
import type { Cell } from './cells.ts';
import { isBlank } from './cells.ts';
import { decodeText, looksLikeText } from './decode-text.ts';
import { fileError } from './messages.ts';
import type { ImportFile } from './types.ts';

/** One sheet as a grid: rows[i][j] is Excel row i+1, column j+1. */
export interface SheetGrid {
  name: string;
  rows: Cell[][];
}

const READ_OPTIONS = { dense: true, cellText: false, cellHTML: false, cellFormula: false } as const;

/** Container signatures SheetJS reads as binary: ZIP (xlsx, ods) and OLE (xls). */
function isBinarySpreadsheet(bytes: Uint8Array): boolean {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  return zip || ole;
}

function unreadable(file: ImportFile): Error {
  return fileError(
    'unreadable',
    { file: file.name },
    'не удалось прочитать его как таблицу (XLSX, XLS или CSV). Возможно, файл повреждён или это не таблица. ' +
      'Откройте его в Excel, сохраните как «Книга Excel (.xlsx)» и загрузите снова.',
  );
}

function parseWorkbook(file: ImportFile): XLSX.WorkBook {
  const bytes = file.bytes;
  try {
    if (isBinarySpreadsheet(bytes)) return XLSX.read(bytes, { type: 'array', ...READ_OPTIONS });
  } catch {
    throw unreadable(file);
  }
  // SheetJS would happily read any bytes as one-column text, so text is decoded and checked here.
  const text = decodeText(bytes);
  if (!looksLikeText(text)) throw unreadable(file);
  try {
    // raw: keep CSV cells as typed (no guessing of dates like 20.04.2026).
    return XLSX.read(text, { type: 'string', raw: true, ...READ_OPTIONS });
  } catch {
    throw unreadable(file);
  }
}

function sheetToGrid(name: string, sheet: XLSX.WorkSheet): SheetGrid {
  const ref = sheet['!ref'];
  if (!ref) return { name, rows: [] };
  const range = XLSX.utils.decode_range(ref);
  const body = XLSX.utils.sheet_to_json<Cell[]>(sheet, { header: 1, raw: true, defval: null, blankrows: true });
  // sheet_to_json starts at the used range; pad so that indexes are Excel positions.
  const lead: Cell[][] = Array.from({ length: range.s.r }, () => []);
  const rows = range.s.c > 0 ? body.map((row) => [...new Array<Cell>(range.s.c).fill(null), ...row]) : body;
  return { name, rows: lead.length ? [...lead, ...rows] : rows };
}

export function sheetHasData(sheet: SheetGrid): boolean {
  return sheet.rows.some((row) => row.some((cell) => !isBlank(cell)));
}

/** Reads XLSX/XLS/ODS/CSV bytes into grids; throws 'unreadable' or 'empty' ImportErrors. */
export function readWorkbook(file: ImportFile): SheetGrid[] {
  if (file.bytes.length === 0) {
    throw fileError('empty', { file: file.name }, 'размер 0 байт — файл пустой. Проверьте, что выбран нужный файл, и загрузите его снова.');
  }
  const workbook = parseWorkbook(file);
  const sheets = workbook.SheetNames.map((name) => sheetToGrid(name, workbook.Sheets[name]));
  if (!sheets.some(sheetHasData)) {
    throw fileError(
      'empty',
      { file: file.name },
      'в нём нет ни одной заполненной ячейки. Проверьте, что выбран нужный файл (а не пустой шаблон), и загрузите его снова.',
    );
  }
  return sheets;
}
