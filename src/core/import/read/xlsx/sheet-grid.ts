import type { Cell } from '../../cells.ts';
import type { FormulaCell } from '../formula-warnings.ts';
import { formulaWarnings } from '../formula-warnings.ts';
import { checkSheetCells, ShapeLimit, shapeError } from '../shape-limits.ts';
import type { SheetGrid } from '../grid.ts';
import type { Range, SheetCells } from './sheet-reader.ts';
import { COLUMNS } from './sheet-reader.ts';

const copy = (range: Range): Range => ({ s: { ...range.s }, e: { ...range.e } });

/** SheetJS's !ref and !fullref of a sheet read with sheetRows (parse_ws_xml, the end). */
function rangesOf(cells: SheetCells, sheetRows: number): { ref: Range | null; full: Range | null } {
  const guess = cells.guess;
  let ref = cells.dimension ? copy(cells.dimension) : null;
  if (!ref && guess.e.c >= guess.s.c && guess.e.r >= guess.s.r) ref = copy(guess);
  if (!(sheetRows > 0 && ref && sheetRows <= ref.e.r)) return { ref, full: null };
  const cut = copy(ref);
  cut.e.r = sheetRows - 1;
  if (cut.e.r > guess.e.r) cut.e.r = guess.e.r;
  if (cut.e.r < cut.s.r) cut.s.r = cut.e.r;
  if (cut.e.c > guess.e.c) cut.e.c = guess.e.c;
  if (cut.e.c < cut.s.c) cut.s.c = cut.e.c;
  return { ref: cut, full: ref };
}

/**
 * The grid sheetToGrid (workbook.ts) makes of the same sheet read by SheetJS: rows of the used
 * range, each full width with null for empty cells, a row with no cell at all empty ([]), rows
 * above the range empty, columns left of it null; the warnings about formulas.
 */
export function gridOfCells(fileName: string, name: string, cells: SheetCells, sheetRows: number): SheetGrid {
  try {
    checkSheetCells(cells.rows, (cell) => cell);
  } catch (error) {
    throw error instanceof ShapeLimit ? shapeError(fileName, name, error) : error;
  }
  const { ref, full } = rangesOf(cells, sheetRows);
  if (!ref) return { name, rows: [] };
  const { s, e } = ref;
  const width = e.c + 1;
  const rows: Cell[][] = new Array(e.r + 1);
  for (let r = 0; r < s.r; r++) rows[r] = [];
  for (let r = s.r; r <= e.r; r++) {
    const raw = cells.rows[r];
    if (raw === undefined && r !== s.r) {
      rows[r] = s.c > 0 ? new Array<Cell>(s.c).fill(null) : [];
      continue;
    }
    const row = raw ?? [];
    if (row.length > width) row.length = width;
    let length = width;
    for (let c = 0; c < width; c++) {
      if (c < s.c) row[c] = null;
      else if (row[c] === undefined) {
        // sheet_to_json skips such a cell: a hole (undefined after the column padding), and
        // holes at the end leave the row shorter.
        if (cells.holes.size && cells.holes.has(r * COLUMNS + c)) {
          if (s.c === 0) delete row[c];
        } else row[c] = null;
      }
    }
    while (cells.holes.size && length > s.c && cells.holes.has(r * COLUMNS + length - 1)) length--;
    if (length < width) row.length = length;
    rows[r] = row;
  }
  const grid: SheetGrid = { name, rows };
  const marks: FormulaCell[] = [...cells.formulaMarks]
    .sort((a, b) => a[0] - b[0])
    .map(([key, kind]) => ({ r: Math.floor(key / COLUMNS), c: key % COLUMNS, kind }));
  const warnings = formulaWarnings(fileName, name, marks);
  if (warnings.length) grid.warnings = warnings;
  if (full) grid.totalRows = full.e.r + 1;
  return grid;
}
