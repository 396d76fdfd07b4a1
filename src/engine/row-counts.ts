import type { Database } from '../core/db.ts';
import { queryValue, quoteIdent } from '../core/db.ts';
import { queryReads } from '../core/indicators/reads.ts';

/**
 * Row counts of tables and views, as the data panel lists them. Counting a million-row table or
 * a view over it reads all of it, and the panel asks after every edit, so a count is kept until
 * a change of what it reads (changes.ts tells which table changed).
 */
export class RowCounts {
  private readonly counts = new Map<string, { count: number; view: boolean; reads: ReadonlySet<string> }>();
  /** how many times rows were counted (tests count it: a kept count is not counted again) */
  counted = 0;

  constructor(private readonly db: () => Database) {}

  of(name: string, kind: 'table' | 'view'): number {
    const kept = this.counts.get(name);
    if (kept) return kept.count;
    const db = this.db();
    const sql = `SELECT COUNT(*) FROM ${quoteIdent(name)}`;
    const count = Number(queryValue(db, sql));
    this.counted++;
    // a view counts what SQLite reads for it: the tables beneath, as its compiled program names them
    const reads = kind === 'view' ? new Set(queryReads(db, sql).map((read) => read.table)) : new Set([name]);
    this.counts.set(name, { count, view: kind === 'view', reads });
    return count;
  }

  forgetAll(): void {
    this.counts.clear();
  }

  /** Rows were added to or removed from `table`: its count and those of the views over it change. */
  rowsChanged(table: string): void {
    for (const [name, { reads }] of [...this.counts]) if (reads.has(table)) this.counts.delete(name);
  }

  /** Values in `table` changed: the table keeps its rows, but a view over it may filter by a value. */
  valuesChanged(table: string): void {
    for (const [name, { view, reads }] of [...this.counts]) if (view && reads.has(table)) this.counts.delete(name);
  }
}
