import type { Cell } from '../cells.ts';

/** One sheet as a grid: rows[i][j] is Excel row i+1, column j+1. */
export interface SheetGrid {
  name: string;
  rows: Cell[][];
  /** Russian warnings about the sheet (formulas without a saved value, formula errors), shown with the import */
  warnings?: string[];
  /** when only the first rows were read (ReadOptions.maxRows): how many rows the sheet has */
  totalRows?: number;
}
