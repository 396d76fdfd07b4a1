import type { SqlValue } from '../core/db.ts';
import type { ExportColumn, ExportSource } from './table-source.ts';
import { SMALL_MARK_LABEL, SMALL_MARK_YES } from './table-meta.ts';

const CHUNK = 5000;

export interface ExportTable {
  columns: ExportColumn[];
  rows: SqlValue[][];
}

/** The result column that flags groups under the minimum size (the catalogue's `small`). */
const SMALL_COLUMN = 'small';

/**
 * Every row of the current result/table (with its sort and filters), read window by window so
 * the engine never builds one giant message. Hidden columns are left out — except the
 * small-group flag, which becomes a readable last column «Менее 10 участников» (да / пусто):
 * the caveat the grid shows in italics must survive in the file.
 */
export async function collectRows(source: ExportSource, onProgress?: (done: number, total: number) => void): Promise<ExportTable> {
  const keep = source.columns.map((column, index) => ({ column, index })).filter((c) => !c.column.hidden);
  const small = source.columns.findIndex((c) => c.name === SMALL_COLUMN);
  const rows: SqlValue[][] = [];
  for (let offset = 0; offset < source.rowCount; offset += CHUNK) {
    const window = await source.fetch(offset, Math.min(CHUNK, source.rowCount - offset));
    for (const row of window.rows) {
      const out = keep.map(({ index }) => row[index] ?? null);
      if (small >= 0) out.push(Number(row[small]) === 1 ? SMALL_MARK_YES : null);
      rows.push(out);
    }
    onProgress?.(Math.min(source.rowCount, offset + CHUNK), source.rowCount);
    if (window.rows.length === 0) break;
  }
  const columns = keep.map((c) => c.column);
  if (small >= 0) columns.push({ name: SMALL_COLUMN, label: SMALL_MARK_LABEL, format: 'text' });
  return { columns, rows };
}
