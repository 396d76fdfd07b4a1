import type { Database } from '../core/db.ts';
import { queryAll, queryValue, quoteIdent } from '../core/db.ts';

/**
 * Row counts of tables, as the data panel lists them (views are not counted there). Counting a
 * million-row table reads all of it, and the panel asks after every edit, so a count is kept until
 * a change of the table (changes.ts tells which).
 */
export class RowCounts {
  private readonly counts = new Map<string, number>();
  /** how many times rows were counted (tests count it: a kept count is not counted again) */
  counted = 0;

  constructor(private readonly db: () => Database) {}

  of(table: string): number {
    const kept = this.counts.get(table);
    if (kept !== undefined) return kept;
    const count = Number(queryValue(this.db(), `SELECT COUNT(*) FROM ${quoteIdent(table)}`));
    this.counted++;
    this.counts.set(table, count);
    return count;
  }

  /** Counts every table now: the staged demo is counted while the user reads the start screen. */
  countAll(): void {
    const tables = queryAll(this.db(), "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").rows;
    for (const [name] of tables) this.of(String(name));
  }

  /** Keeps the counts `other` made of the same database (the staged one, now open). */
  adopt(other: RowCounts): void {
    for (const [table, count] of other.counts) this.counts.set(table, count);
  }

  forgetAll(): void {
    this.counts.clear();
  }

  /** Rows were added to or removed from `table`. */
  forget(table: string): void {
    this.counts.delete(table);
  }
}
