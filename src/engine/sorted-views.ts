import type { Database } from '../core/db.ts';
import { queryAll, quoteIdent } from '../core/db.ts';
import { keyColumnSql, rowKeyOf } from '../core/edit/row-key.ts';
import type { RowSource, RowWindow } from './protocol.ts';
import { bindable, sourceKey, sourceSelect } from './row-source.ts';
import { sqlErrorOf } from './sql-error.ts';

type TableSource = Extract<RowSource, { kind: 'table' }>;

/** A handful of recent orderings is enough; each costs a row's key per row. */
const KEPT = 4;

/**
 * Sorted or filtered tables materialised as «position → row key» temp tables (the rowid, or the
 * primary key of a table without rowid: src/core/edit/row-key.ts), so each window of
 * the grid is a range read instead of a sort. Sorting a million rows is the costly part, so a
 * view is kept until a change says its rows may have moved (changes.ts tells it which).
 */
export class SortedViews {
  private readonly views = new Map<string, { table: string; source: TableSource }>();
  /** temp tables a drop could not remove yet (e.g. while the console's PRAGMA query_only is on) */
  private leftover: string[] = [];
  private seq = 0;
  /** how many times a table was sorted into a view (tests count it: a kept view is not sorted again) */
  sorts = 0;

  constructor(private readonly db: () => Database) {}

  /** `keys`: the table's key columns (row-key.ts, rowKeyColumns). */
  window(source: TableSource, keys: readonly string[], offset: number, limit: number): RowWindow {
    const map = this.view(source, keys);
    const result = queryAll(
      this.db(),
      `SELECT ${keys.map((_, i) => `p.k${i}`).join(', ')}, t.* FROM temp.${map} p JOIN ${quoteIdent(source.name)} t
       ON ${keys.map((column, i) => `t.${keyColumnSql(keys, column)} = p.k${i}`).join(' AND ')}
       WHERE p.pos >= :lo AND p.pos < :hi ORDER BY p.pos`,
      { ':lo': offset, ':hi': offset + limit },
    );
    return { offset, rows: result.rows.map((row) => row.slice(keys.length)), rowKeys: result.rows.map((row) => rowKeyOf(row, keys)) };
  }

  private view(source: TableSource, keys: readonly string[]): string {
    const key = sourceKey(source);
    const kept = this.views.get(key);
    if (kept) {
      // the most recently used goes last, so the oldest is dropped first
      this.views.delete(key);
      this.views.set(key, kept);
      return kept.table;
    }
    while (this.views.size >= KEPT) this.drop(this.views.keys().next().value as string);
    for (const table of this.leftover.splice(0)) this.dropTable(table);
    const db = this.db();
    const table = `oko_pos_${++this.seq}`;
    const { sql, params } = sourceSelect(source, keys);
    const columns = keys.map((_, i) => `k${i}`).join(', ');
    try {
      db.run(`CREATE TEMP TABLE ${table} (pos INTEGER PRIMARY KEY, ${columns})`);
      db.run(
        `INSERT INTO temp.${table} (pos, ${columns}) SELECT ROW_NUMBER() OVER () - 1, ${keys.map((_, i) => `oko_key_${i}`).join(', ')} FROM (${sql})`,
        bindable(params),
      );
    } catch (error) {
      db.run(`DROP TABLE IF EXISTS temp.${table}`);
      throw sqlErrorOf(error);
    }
    this.sorts++;
    this.views.set(key, { table, source });
    return table;
  }

  /** Rows of any table may have moved. */
  forgetAll(): void {
    for (const key of [...this.views.keys()]) this.drop(key);
  }

  /** Rows of `table` may have moved. */
  forgetTable(table: string): void {
    for (const [key, view] of [...this.views]) if (view.source.name === table) this.drop(key);
  }

  /** One cell edited: a view moves only when it sorts or filters by that column. */
  cellEdited(table: string, column: string): void {
    for (const [key, { source }] of [...this.views]) {
      if (source.name === table && (source.sort?.column === column || source.filters?.some((f) => f.column === column))) this.drop(key);
    }
  }

  /** Another database was opened: the temp tables closed with the old one. */
  clear(): void {
    this.views.clear();
    this.leftover = [];
  }

  private drop(key: string): void {
    const view = this.views.get(key);
    if (!view) return;
    this.views.delete(key);
    this.dropTable(view.table);
  }

  /** Freeing memory never fails the write that made a view stale: what cannot go now goes with the next view. */
  private dropTable(table: string): void {
    try {
      this.db().run(`DROP TABLE IF EXISTS temp.${table}`);
    } catch {
      this.leftover.push(table);
    }
  }
}
