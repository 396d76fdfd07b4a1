import type { SqlValue } from '../core/db.ts';
import type { IndicatorColumn } from '../core/indicators/types.ts';

/** A column as an export writes it: its key, its Russian header, how its numbers read. */
export interface ExportColumn {
  name: string;
  label: string;
  format?: IndicatorColumn['format'];
  /** kept in the rows but not written */
  hidden?: boolean;
}

/** What an export reads: columns and rows fetched window by window. The grid's data sources (ui/grid) are such sources. */
export interface ExportSource {
  readonly columns: ExportColumn[];
  readonly rowCount: number;
  fetch(offset: number, limit: number): Promise<{ rows: SqlValue[][] }>;
}
