import type { SqlValue } from '../core/db.ts';
import type { GridColumn, GridDataSource } from '../ui/grid/types.ts';

const CHUNK = 5000;

export interface ExportTable {
  columns: GridColumn[];
  rows: SqlValue[][];
}

/**
 * Every row of the current result/table (with its sort and filters), read window by window so
 * the engine never builds one giant message. Hidden columns are left out.
 */
export async function collectRows(
  source: GridDataSource,
  onProgress?: (done: number, total: number) => void,
): Promise<ExportTable> {
  const keep = source.columns.map((column, index) => ({ column, index })).filter((c) => !c.column.hidden);
  const rows: SqlValue[][] = [];
  for (let offset = 0; offset < source.rowCount; offset += CHUNK) {
    const window = await source.fetch(offset, Math.min(CHUNK, source.rowCount - offset));
    for (const row of window.rows) rows.push(keep.map(({ index }) => row[index] ?? null));
    onProgress?.(Math.min(source.rowCount, offset + CHUNK), source.rowCount);
    if (window.rows.length === 0) break;
  }
  return { columns: keep.map((c) => c.column), rows };
}
