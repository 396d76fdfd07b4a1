/**
 * SheetJS as Око uses it: the options of every read, and a SheetJS sheet as a grid (SheetGrid).
 * xlsx/ reads big sheets itself and must give exactly what these functions give.
 */
import type * as XLSX from '@e965/xlsx';
import { sheetJs } from './sheetjs-lib.ts';
import type { Cell } from '../cells.ts';
import type { FormulaCell } from './formula-warnings.ts';
import { formulaWarnings } from './formula-warnings.ts';
import { checkSheetCells, ShapeLimit, shapeError } from './shape-limits.ts';
import type { SheetGrid } from './grid.ts';

/**
 * Formulas are never evaluated: a cell gives the value Excel saved with it. `cellFormula` and
 * `sheetStubs` keep a formula cell that has no saved value (SheetJS drops it otherwise), so that
 * it can be reported (formulaWarnings) and read as empty.
 */
export const READ_OPTIONS = { dense: true, cellText: false, cellHTML: false, cellFormula: true, sheetStubs: true } as const;

/** READ_OPTIONS, with SheetJS's sheetRows when only the first rows are read. */
export function sheetJsOptions(maxRows: number | undefined): XLSX.ParsingOptions {
  return maxRows !== undefined ? { ...READ_OPTIONS, sheetRows: maxRows } : READ_OPTIONS;
}

/** The sheet objects by name; a sheet named «__proto__» lands on the prototype of SheetJS's map, not as an own key. */
export function sheetOf(workbook: XLSX.WorkBook, name: string): XLSX.WorkSheet | undefined {
  const sheets = workbook.Sheets;
  if (Object.prototype.hasOwnProperty.call(sheets, name)) return sheets[name];
  if (name === '__proto__') {
    const proto: unknown = Object.getPrototypeOf(sheets);
    return proto && proto !== Object.prototype ? (proto as XLSX.WorkSheet) : undefined;
  }
  return undefined;
}

interface SheetJsCell {
  t?: string;
  v?: unknown;
  f?: string;
}

/** Cells that SheetJS read as formulas without a saved value, and cells whose saved value is an error (#DIV/0!). */
function formulaCells(sheet: XLSX.WorkSheet): FormulaCell[] {
  const data = (sheet as { '!data'?: Array<Array<SheetJsCell | undefined> | undefined> })['!data'];
  const cells: FormulaCell[] = [];
  if (!data) return cells;
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell || cell.t === undefined) continue;
      if (cell.f !== undefined && (cell.t === 'z' || cell.v === undefined)) cells.push({ r, c, kind: 'no-value' });
      else if (cell.t === 'e') cells.push({ r, c, kind: 'error' });
    }
  }
  return cells;
}

/** Refuses a sheet over a shape limit (shape-limits.ts) before a grid is built of it. */
function checkShape(fileName: string, name: string, sheet: XLSX.WorkSheet): void {
  const data = (sheet as { '!data'?: Array<Array<SheetJsCell | undefined> | undefined> })['!data'];
  try {
    if (data) checkSheetCells(data, (cell) => cell.v as Cell);
  } catch (error) {
    throw error instanceof ShapeLimit ? shapeError(fileName, name, error) : error;
  }
}

export function sheetToGrid(fileName: string, name: string, sheet: XLSX.WorkSheet | undefined): SheetGrid {
  const ref = sheet?.['!ref'];
  if (!sheet || !ref) return { name, rows: [] };
  checkShape(fileName, name, sheet);
  const { utils } = sheetJs();
  const range = utils.decode_range(ref);
  const body = utils.sheet_to_json<Cell[]>(sheet, { header: 1, raw: true, defval: null, blankrows: true });
  // sheet_to_json starts at the used range; pad so that indexes are Excel positions.
  const lead: Cell[][] = Array.from({ length: range.s.r }, () => []);
  const rows = range.s.c > 0 ? body.map((row) => [...new Array<Cell>(range.s.c).fill(null), ...row]) : body;
  const grid: SheetGrid = { name, rows: lead.length ? [...lead, ...rows] : rows };
  const warnings = formulaWarnings(fileName, name, formulaCells(sheet));
  if (warnings.length) grid.warnings = warnings;
  const full = (sheet as { '!fullref'?: string })['!fullref'];
  if (full) grid.totalRows = utils.decode_range(full).e.r + 1;
  return grid;
}

/** Every sheet of an XLSX/XLS/ODS as SheetJS reads it; SheetJS's own errors pass through. */
export function sheetJsGrids(fileName: string, bytes: Uint8Array, maxRows: number | undefined): SheetGrid[] {
  const workbook = sheetJs().read(bytes, { type: 'array', ...sheetJsOptions(maxRows) });
  return workbook.SheetNames.map((name) => sheetToGrid(fileName, name, sheetOf(workbook, name)));
}
