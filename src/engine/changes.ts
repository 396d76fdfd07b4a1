import type { Database } from '../core/db.ts';
import { OptionLists } from '../core/indicators/index.ts';
import { RowCounts } from './row-counts.ts';
import { SortedViews } from './sorted-views.ts';

/** What a write did to the open database; every write of the engine says it through Changes.note. */
export type Change =
  /** rows of data may have changed anywhere: an import, SQL, a merge, a deleted or restored import, generated forms, another database opened */
  | { kind: 'data' }
  /** one cell of `table` edited, and a line added to the edit log: no other row moves, except in the tables `derived` recomputed from it (the summaries agg_*) */
  | { kind: 'cell'; table: string; column: string; derived?: readonly string[] }
  /** one of the session's own records written (a справка, an own indicator, the participants' key): kept with the session, not data */
  | { kind: 'record'; table: string }
  /** the workspace entries written into oko_workspace right before the database is saved: they have a record of their own (src/store/workspace.ts) */
  | { kind: 'workspace' };

/**
 * Two questions about the open database, two revisions:
 * - the data revision moves when rows that tables, views, indicators and parameter lists show
 *   may have changed. What is built from data — sorted views, row counts, option lists — is
 *   valid for one data state and is read again after it changes, and only then: a справка saved,
 *   a parameter chosen or the workspace written never re-sorts a million rows;
 * - the save revision moves whenever the database holds something IndexedDB does not yet: every
 *   change of data and every record of the session. Autosave exports the database when it moves
 *   (src/store/autosave.ts). A workspace write moves neither.
 */
export class Changes {
  private dataRevision = 0;
  private saveRevision = 0;
  readonly sortedViews: SortedViews;
  readonly rowCounts: RowCounts;
  private readonly optionLists = new OptionLists();

  constructor(db: () => Database) {
    this.sortedViews = new SortedViews(db);
    this.rowCounts = new RowCounts(db);
  }

  /** the data revision: «Вернуть» after deleting an import is valid only at the one it left */
  get data(): number {
    return this.dataRevision;
  }

  /** the save revision: autosave exports the database when it moved */
  get save(): number {
    return this.saveRevision;
  }

  /** how many parameter option lists were read from the database */
  get optionListReads(): number {
    return this.optionLists.reads;
  }

  /** Parameter option lists read on the data as they are now. */
  lists(): OptionLists {
    return this.optionLists.validFor(String(this.dataRevision));
  }

  note(change: Change): void {
    switch (change.kind) {
      case 'data':
        this.dataRevision++;
        this.saveRevision++;
        this.sortedViews.forgetAll();
        this.rowCounts.forgetAll();
        return;
      case 'cell':
        this.dataRevision++;
        this.saveRevision++;
        this.sortedViews.cellEdited(change.table, change.column);
        for (const table of ['oko_edit_log', ...(change.derived ?? [])]) {
          this.sortedViews.forgetTable(table);
          this.rowCounts.forget(table);
        }
        return;
      case 'record':
        this.saveRevision++;
        this.sortedViews.forgetTable(change.table);
        this.rowCounts.forget(change.table);
        return;
      case 'workspace':
        this.sortedViews.forgetTable('oko_workspace');
        this.rowCounts.forget('oko_workspace');
    }
  }

  /** Another database was opened: nothing built on the old one holds, and it is what IndexedDB has or gets next. */
  opened(): void {
    this.sortedViews.clear();
    this.note({ kind: 'data' });
  }
}
