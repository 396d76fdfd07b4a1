import type { SqlValue } from '../../core/db.ts';
import type { FilterSpec, GridColumn, GridDataSource, GridQuery, GridWindow, RowStyle } from './types.ts';

function compare(a: SqlValue, b: SqlValue): number {
  // NULLs last, numbers before text, text in Russian collation (as a reader expects).
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return String(a).localeCompare(String(b), 'ru');
}

function matches(value: SqlValue, filter: FilterSpec): boolean {
  const empty = value === null || value === '';
  switch (filter.op) {
    case 'empty':
      return empty;
    case 'not-empty':
      return !empty;
    case 'contains':
      return (
        !empty &&
        String(value)
          .toLocaleLowerCase('ru')
          .includes(String(filter.value ?? '').toLocaleLowerCase('ru'))
      );
    default: {
      if (empty) return false;
      const target = filter.value ?? null;
      const c = compare(value, typeof value === 'number' && target !== null && target !== '' && !Number.isNaN(Number(target)) ? Number(target) : target);
      switch (filter.op) {
        case '=':
          return c === 0;
        case '!=':
          return c !== 0;
        case '<':
          return c < 0;
        case '<=':
          return c <= 0;
        case '>':
          return c > 0;
        case '>=':
          return c >= 0;
      }
    }
  }
  return true;
}

/** How an ArraySource styles rows and which rows form the summary block. */
export interface ArrayRowRoles {
  style?: (row: SqlValue[]) => RowStyle | undefined;
  /**
   * Summary rows (a cluster, the municipality, the region, РФ): a sort orders the other rows
   * and leaves these after them, in the order the result gave.
   */
  summary?: (row: SqlValue[]) => boolean;
}

/** A small result held in memory (an indicator's rows): sort and filter are done here. */
export class ArraySource implements GridDataSource {
  constructor(
    readonly columns: GridColumn[],
    /** the rows as the result gave them, before filters and sort */
    readonly allRows: SqlValue[][],
    readonly title: string,
    readonly query: GridQuery = {},
    private readonly roles: ArrayRowRoles = {},
  ) {
    let rows = allRows;
    for (const filter of query.filters ?? []) {
      const index = columns.findIndex((c) => c.name === filter.column);
      if (index >= 0) rows = rows.filter((row) => matches(row[index], filter));
    }
    const sort = query.sort;
    const index = sort ? columns.findIndex((c) => c.name === sort.column) : -1;
    if (sort && index >= 0) {
      const sign = sort.direction === 'desc' ? -1 : 1;
      const summary = roles.summary ?? (() => false);
      const block = rows.filter(summary);
      // empty cells stay last in either direction, as in the engine's ORDER BY … NULLS LAST
      const empty = (v: SqlValue) => v === null || v === undefined;
      const order = (a: SqlValue, b: SqlValue) => (empty(a) || empty(b) ? compare(a, b) : sign * compare(a, b));
      const sorted = rows.filter((row) => !summary(row)).sort((a, b) => order(a[index], b[index]));
      rows = [...sorted, ...block];
    }
    this.rows = rows;
  }

  private readonly rows: SqlValue[][];

  get rowCount(): number {
    return this.rows.length;
  }

  /** every row of this snapshot (charts of small results) */
  get allVisibleRows(): SqlValue[][] {
    return this.rows;
  }

  async fetch(offset: number, limit: number): Promise<GridWindow> {
    return this.fetchNow(offset, limit);
  }

  fetchNow(offset: number, limit: number): GridWindow {
    return { rows: this.rows.slice(offset, offset + limit) };
  }

  async withQuery(query: GridQuery): Promise<ArraySource> {
    return new ArraySource(this.columns, this.allRows, this.title, { ...this.query, ...query }, this.roles);
  }

  rowStyle(row: SqlValue[]): RowStyle | undefined {
    return this.roles.style?.(row);
  }
}
