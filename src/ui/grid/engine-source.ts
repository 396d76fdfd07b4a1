import type { SqlValue } from '../../core/db.ts';
import type { EngineClient } from '../../engine/client.ts';
import type { RowSource } from '../../engine/protocol.ts';
import type { EditOutcome, GridColumn, GridDataSource, GridQuery, GridWindow, RowKey, RowStyle } from './types.ts';

export interface EngineSourceOptions {
  title: string;
  /** a real table (not a view, not a query): cells of non-key columns may be edited */
  editable?: boolean;
  /** Russian labels and formats by column name; unknown columns keep their SQL name */
  labels?: Record<string, Omit<GridColumn, 'name'>>;
  rowStyle?: (row: SqlValue[]) => RowStyle | undefined;
  /**
   * Runs the engine calls that read rows (count, windows), e.g. under a stop and a time limit
   * for a view the user wrote (src/ui/queries/); columns are read without it: that runs nothing.
   */
  guard?: <T>(read: () => Promise<T>) => Promise<T>;
}

/**
 * Rows of a table, view or SELECT that stay in the engine worker: each window is one
 * LIMIT/OFFSET read, sort and filters run in SQLite. Nothing is read until the grid asks.
 */
export class EngineSource implements GridDataSource {
  private constructor(
    private readonly engine: EngineClient,
    readonly source: RowSource,
    readonly columns: GridColumn[],
    readonly rowCount: number,
    private readonly options: EngineSourceOptions,
  ) {
    if (options.rowStyle) this.rowStyle = options.rowStyle;
  }

  rowStyle?: (row: SqlValue[]) => RowStyle | undefined;

  static async create(engine: EngineClient, source: RowSource, options: EngineSourceOptions): Promise<EngineSource> {
    const [info, count] = await Promise.all([engine.call('columns', { source }), readRows(options, () => engine.call('count', { source }))]);
    const columns: GridColumn[] = info.map((column) => ({
      name: column.name,
      label: column.name,
      ...options.labels?.[column.name],
      editable: Boolean(options.editable) && !column.key,
    }));
    return new EngineSource(engine, source, columns, count, options);
  }

  get title(): string {
    return this.options.title;
  }

  get query(): GridQuery {
    return { sort: this.source.sort ?? null, filters: this.source.filters ?? [] };
  }

  async fetch(offset: number, limit: number): Promise<GridWindow> {
    const window = await readRows(this.options, () => this.engine.call('window', { source: this.source, offset, limit }));
    return { rows: window.rows, rowKeys: window.rowKeys };
  }

  withQuery(query: GridQuery): Promise<EngineSource> {
    return EngineSource.create(this.engine, withGridQuery(this.source, query), this.options);
  }

  get edit(): ((rowKey: RowKey, column: string, value: SqlValue) => Promise<EditOutcome>) | undefined {
    if (!this.options.editable || this.source.kind !== 'table') return undefined;
    const table = this.source.name;
    return (rowKey, column, value) => this.engine.call('updateCell', { table, rowKey, column, value });
  }
}

/** The rows of `source` in another sort and filters (what the query leaves out stays as it was). */
export function withGridQuery(source: RowSource, query: GridQuery): RowSource {
  const next: RowSource = {
    ...source,
    sort: (query.sort === undefined ? source.sort : query.sort) ?? undefined,
    filters: query.filters ?? source.filters,
  };
  if (!next.filters?.length) delete next.filters;
  if (!next.sort) delete next.sort;
  return next;
}

/** A read of rows, under the source's guard when it has one. */
function readRows<T>(options: EngineSourceOptions, read: () => Promise<T>): Promise<T> {
  return options.guard ? options.guard(read) : read();
}
