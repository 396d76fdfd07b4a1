import type { SqlValue } from '../../core/db.ts';
import type { EditOutcome, FilterSpec, RowKey, SortSpec } from '../../engine/protocol.ts';

export type { EditOutcome, FilterSpec, RowKey, SortSpec, SqlValue };

/**
 * How a column's numbers are shown; text is always text. 'code' is a number that names
 * something — a year, a code — shown as written, never digit-grouped.
 */
export type ColumnFormat = 'int' | 'pct' | 'num' | 'code' | 'text';

export interface GridColumn {
  /** key in the source (SQL column name) */
  name: string;
  /** Russian header shown in the grid and in exports */
  label: string;
  format?: ColumnFormat;
  /** kept in the rows (charts, row styling) but not shown */
  hidden?: boolean;
  /** the user may edit cells of this column */
  editable?: boolean;
  /** a read-only name looked up for the id column before it (lookup-source.ts): not sorted or filtered on */
  lookup?: boolean;
}

export interface GridWindow {
  rows: SqlValue[][];
  /** identities of the rows (for edits that must survive re-sorting) */
  rowKeys?: RowKey[];
}

/** How a whole row looks: small samples greyed, total rows bold. */
export interface RowStyle {
  muted?: boolean;
  bold?: boolean;
  /** needs the reader's attention (e.g. a difference from ФИС ОКО) */
  flagged?: boolean;
  /** tooltip of the row's cells */
  title?: string;
}

export interface GridQuery {
  sort?: SortSpec | null;
  filters?: FilterSpec[];
}

/**
 * What any grid shows. The rows live elsewhere (the engine worker, or a small array); the
 * grid asks for windows of them as it scrolls and never needs all rows at once.
 * A source is an immutable snapshot: sorting or filtering yields a new source.
 */
export interface GridDataSource {
  /** all columns, in row order; hidden ones are skipped by the grid */
  readonly columns: GridColumn[];
  readonly rowCount: number;
  /** the sort and filters this snapshot applies */
  readonly query: GridQuery;
  /** for file names and messages, e.g. a table name */
  readonly title: string;
  fetch(offset: number, limit: number): Promise<GridWindow>;
  /** the same window at once, for rows held in memory: the grid then draws them in its first pass */
  fetchNow?(offset: number, limit: number): GridWindow;
  /** a new snapshot of the same data with another sort/filters */
  withQuery(query: GridQuery): Promise<GridDataSource>;
  /** present when cells may be edited; value as typed, returns the stored value or a Russian refusal */
  edit?(rowKey: RowKey, column: string, value: SqlValue): Promise<EditOutcome>;
  rowStyle?(row: SqlValue[]): RowStyle | undefined;
}

/** A committed edit: replayed through `edit` for undo/redo, addressed by row identity. */
export interface EditRecord {
  source: string;
  rowKey: RowKey;
  column: string;
  old: SqlValue;
  value: SqlValue;
}

/**
 * Contract of a grid view component (today HandsontableGrid.svelte):
 *  props  source: GridDataSource — what to show (a new object re-renders from scratch);
 *         onsort?(sort: SortSpec | null) — header clicked; the owner derives a new source;
 *         onedit?(record: EditRecord) — an edit was stored (for the owner's undo stack);
 *         onerror?(message: string) — an edit was refused or a window failed;
 *  exports patchRow(rowKey, column, value) — show a value changed elsewhere (undo/redo).
 * The grid element carries data-testid="result-grid".
 */
export interface GridViewApi {
  patchRow(rowKey: RowKey, column: string, value: SqlValue): void;
}
