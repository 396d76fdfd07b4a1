import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../src/core/db.ts';
import { ArraySource } from '../../src/ui/grid/array-source.ts';
import { LookupSource, type Lookup } from '../../src/ui/grid/lookup-source.ts';
import type { EditOutcome, GridColumn, GridDataSource, GridQuery, GridWindow } from '../../src/ui/grid/types.ts';

/** A table source that records edits, as EngineSource would send them to the engine. */
class EditableRows implements GridDataSource {
  readonly edits: Array<[number, string, SqlValue]> = [];
  constructor(
    readonly columns: GridColumn[],
    private readonly rows: SqlValue[][],
    readonly query: GridQuery = {},
  ) {}
  get rowCount() {
    return this.rows.length;
  }
  get title() {
    return 'result';
  }
  async fetch(offset: number, limit: number): Promise<GridWindow> {
    return { rows: this.rows.slice(offset, offset + limit), rowKeys: this.rows.slice(offset, offset + limit).map((row) => Number(row[0])) };
  }
  async withQuery(query: GridQuery): Promise<EditableRows> {
    const rows = query.sort ? [...this.rows].sort((a, b) => Number(b[0]) - Number(a[0])) : this.rows;
    return new EditableRows(this.columns, rows, query);
  }
  edit = async (rowKey: number, column: string, value: SqlValue): Promise<EditOutcome> => {
    this.edits.push([rowKey, column, value]);
    return { ok: true, value };
  };
}

const COLUMNS: GridColumn[] = [
  { name: 'result_id', label: 'result_id' },
  { name: 'school_id', label: 'school_id', editable: true },
  { name: 'mark', label: 'mark', editable: true },
];
const SCHOOLS: Lookup = {
  column: 'school_id',
  label: 'ОО',
  names: new Map([
    ['1', 'МБОУ «СОШ №1»'],
    ['2', 'МАОУ «Лицей №2»'],
  ]),
};

describe('a table with the names its ids stand for', () => {
  const inner = new EditableRows(COLUMNS, [
    [10, 1, 4],
    [11, 2, 5],
    [12, 7, 3],
  ]);
  const source = new LookupSource(inner, [SCHOOLS]);

  it('shows a read-only «ОО» column right after school_id; an unknown id leaves it empty', async () => {
    expect(source.columns.map((c) => [c.label, Boolean(c.lookup), Boolean(c.editable)])).toEqual([
      ['result_id', false, false],
      ['school_id', false, true],
      ['ОО', true, false],
      ['mark', false, true],
    ]);
    expect((await source.fetch(0, 10)).rows).toEqual([
      [10, 1, 'МБОУ «СОШ №1»', 4],
      [11, 2, 'МАОУ «Лицей №2»', 5],
      [12, 7, null, 3],
    ]);
    expect((await source.fetch(0, 10)).rowKeys).toEqual([10, 11, 12]);
  });

  it('edits go to the table under their own column names', async () => {
    expect(await source.edit!(11, 'mark', 4)).toEqual({ ok: true, value: 4 });
    expect(inner.edits).toEqual([[11, 'mark', 4]]);
  });

  it('sorting keeps the names beside the ids', async () => {
    const sorted = await source.withQuery({ sort: { column: 'result_id', direction: 'desc' } });
    expect((await sorted.fetch(0, 1)).rows).toEqual([[12, 7, null, 3]]);
    expect(sorted.columns.map((c) => c.label)).toEqual(['result_id', 'school_id', 'ОО', 'mark']);
  });

  it('a table without references is shown as it is', async () => {
    const plain = new LookupSource(new ArraySource(COLUMNS, [[1, 1, 5]], 't'), []);
    expect(plain.columns).toEqual(COLUMNS);
    expect((await plain.fetch(0, 1)).rows).toEqual([[1, 1, 5]]);
    expect(plain.edit).toBeUndefined();
  });
});
