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
      return !empty && String(value).toLocaleLowerCase('ru').includes(String(filter.value ?? '').toLocaleLowerCase('ru'));
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

/** A small result held in memory (an indicator's rows): sort and filter are done here. */
export class ArraySource implements GridDataSource {
  constructor(
    readonly columns: GridColumn[],
    private readonly allRows: SqlValue[][],
    readonly title: string,
    readonly query: GridQuery = {},
    private readonly styler?: (row: SqlValue[]) => RowStyle | undefined,
  ) {
    let rows = allRows;
    for (const filter of query.filters ?? []) {
      const index = columns.findIndex((c) => c.name === filter.column);
      if (index >= 0) rows = rows.filter((row) => matches(row[index], filter));
    }
    const sort = query.sort;
    if (sort) {
      const index = columns.findIndex((c) => c.name === sort.column);
      const sign = sort.direction === 'desc' ? -1 : 1;
      if (index >= 0) rows = [...rows].sort((a, b) => sign * compare(a[index], b[index]));
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
    return { rows: this.rows.slice(offset, offset + limit) };
  }

  async withQuery(query: GridQuery): Promise<ArraySource> {
    return new ArraySource(this.columns, this.allRows, this.title, { ...this.query, ...query }, this.styler);
  }

  rowStyle(row: SqlValue[]): RowStyle | undefined {
    return this.styler?.(row);
  }
}
