/**
 * «Удалить загрузку» with «Вернуть»: deleteBatch (delete-batch.ts), recording every row it
 * deletes or changes, so that the import can be brought back exactly — the same rows, values and
 * rowids (a table without rowid, task_score, by its key) — without keeping the file or a copy of
 * the whole session.
 *
 * How: for the duration of the delete, temporary triggers on every table of the session copy each
 * deleted row (AFTER DELETE) and the old values of each changed row (BEFORE UPDATE; an appeal file
 * sets other files' results back) into TEMP tables; a user table the import made is copied with its
 * definition before it is dropped. The copies cost memory in proportion to what was deleted only;
 * TEMP tables are never part of a saved or downloaded session. Restoring inserts the deleted rows
 * with their rowids and writes back the earliest old values, in one transaction with foreign keys
 * checked at its end (so the order of tables does not matter for them). The key of a task score to
 * its result is kept by triggers at once (score-key.ts): results go back before task scores, and
 * the scores — of results just put back, whose inserts noted the pairs — go back as an import
 * writes them, without the triggers on each score (writingScores; a 100,000-row Ф1 is 1,500,000
 * scores).
 *
 * The caller (the engine) offers «Вернуть» only while nothing else has changed the data since the
 * delete: rows imported later could take the same rowids.
 */
import type { Database } from '../../db.ts';
import { queryAll, queryObjects, queryValue, quoteIdent, transaction } from '../../db.ts';
import type { DeletedBatch } from './delete-batch.ts';
import { deleteBatch } from './delete-batch.ts';
import { SCORE_KEY, writingScores } from '../../schema/score-key.ts';

interface Captured {
  table: string;
  /** the TEMP table holding the rows: oko_seq, oko_op ('d' deleted, 'u' old values of a change), oko_rowid, columns… */
  copy: string;
  columns: string[];
  /** false for a WITHOUT ROWID table: rows go back by their values alone */
  rowid: boolean;
}

interface UserTableCopy {
  table: string;
  /** CREATE TABLE, then CREATE INDEX statements, as sqlite_master had them */
  definitions: string[];
  copy: string;
  columns: string[];
}

let sequence = 0;

/** The captured tables with `result` first: the triggers of score-key.ts refuse a score before its result. */
function resultsFirst(captured: readonly Captured[]): Captured[] {
  return [...captured].sort((a, b) => Number(b.table === 'result') - Number(a.table === 'result'));
}

/** Tables the delete may touch: the session's own (the user's tables are dropped whole, see UserTableCopy). */
function capturedTables(db: Database): Array<{ name: string; rowid: boolean }> {
  return queryObjects<{ name: string; wr: number; sql: string }>(
    db,
    `SELECT l.name, l.wr, m.sql FROM pragma_table_list l JOIN main.sqlite_master m ON m.name = l.name AND m.type = 'table'
     WHERE l.schema = 'main' AND l.type = 'table' AND l.name NOT LIKE 'sqlite_%'
       AND l.name NOT IN (SELECT table_name FROM main.oko_user_table) ORDER BY l.name`,
  ).map((t) => ({ name: t.name, rowid: t.wr === 0 }));
}

/** Stored columns (generated ones are computed again on insert). */
function storedColumns(db: Database, table: string): string[] {
  return queryAll(db, `PRAGMA main.table_info(${quoteIdent(table)})`).rows.map((row) => String(row[1]));
}

function list(columns: readonly string[], prefix = ''): string {
  return columns.map((c) => `${prefix}${quoteIdent(c)}`).join(', ');
}

export class BatchUndo {
  private dropped = false;

  constructor(
    private readonly db: Database,
    private readonly captured: Captured[],
    private readonly userTable: UserTableCopy | null,
  ) {}

  /** Puts back every row the delete removed and every value it changed; returns rows put back per table. */
  restore(): Record<string, number> {
    if (this.dropped) throw new Error('Удалённую загрузку вернуть уже нельзя.');
    const db = this.db;
    const restored: Record<string, number> = {};
    transaction(db, () => {
      db.run('PRAGMA defer_foreign_keys = ON');
      const user = this.userTable;
      if (user) {
        for (const definition of user.definitions) db.run(definition);
        db.run(
          `INSERT INTO main.${quoteIdent(user.table)} (rowid, ${list(user.columns)}) SELECT oko_rowid, ${list(user.columns)} FROM temp.${user.copy} ORDER BY oko_rowid`,
        );
        restored[user.table] = db.getRowsModified();
      }
      for (const c of resultsFirst(this.captured)) {
        const target = `main.${quoteIdent(c.table)}`;
        const columns = list(c.columns);
        const rowid = c.rowid ? 'rowid, ' : '';
        const from = c.rowid ? 'oko_rowid, ' : '';
        const putBack = (): number => {
          db.run(`INSERT INTO ${target} (${rowid}${columns}) SELECT ${from}${columns} FROM temp.${c.copy} WHERE oko_op = 'd' ORDER BY oko_seq`);
          return db.getRowsModified();
        };
        // the scores deleted were those of the results deleted (delete-batch.ts, SCORE_KEY), just put back
        const n = c.table === SCORE_KEY.table ? writingScores(db, putBack) : putBack();
        if (n) restored[c.table] = n;
        if (!c.rowid) continue;
        // The earliest old values of each changed row are the values before the delete.
        db.run(
          `UPDATE ${target} SET (${columns}) = (SELECT ${columns} FROM temp.${c.copy} u WHERE u.oko_op = 'u' AND u.oko_rowid = ${target}.rowid ORDER BY u.oko_seq LIMIT 1)
           WHERE rowid IN (SELECT oko_rowid FROM temp.${c.copy} WHERE oko_op = 'u')`,
        );
      }
    });
    this.discard();
    return restored;
  }

  /** Frees the copies. */
  discard(): void {
    if (this.dropped) return;
    this.dropped = true;
    for (const c of this.captured) this.db.run(`DROP TABLE IF EXISTS temp.${c.copy}`);
    if (this.userTable) this.db.run(`DROP TABLE IF EXISTS temp.${this.userTable.copy}`);
  }
}

/** deleteBatch, keeping what it removes for BatchUndo.restore(). All or nothing, like deleteBatch. */
export function deleteBatchWithUndo(db: Database, batchId: number): { deleted: DeletedBatch; undo: BatchUndo } {
  const id = ++sequence;
  const captured: Captured[] = [];
  const triggers: string[] = [];
  let userTable: UserTableCopy | null = null;
  const dropCopies = () => {
    for (const c of captured) db.run(`DROP TABLE IF EXISTS temp.${c.copy}`);
    if (userTable) db.run(`DROP TABLE IF EXISTS temp.${userTable.copy}`);
  };
  try {
    const own = queryValue(db, 'SELECT table_name FROM main.oko_user_table WHERE import_batch_id = ?', [batchId]);
    if (typeof own === 'string' && queryValue(db, "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ?", [own]) !== null) {
      const definitions = queryAll(db, "SELECT sql FROM main.sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL ORDER BY type = 'table' DESC, rowid", [
        own,
      ]).rows.map((row) => String(row[0]));
      const copy = `oko_undo_${id}_user`;
      const columns = storedColumns(db, own);
      db.run(`CREATE TEMP TABLE ${copy} AS SELECT rowid AS oko_rowid, ${list(columns)} FROM main.${quoteIdent(own)}`);
      userTable = { table: own, definitions, copy, columns };
    }
    capturedTables(db).forEach((table, i) => {
      const columns = storedColumns(db, table.name);
      const copy = `oko_undo_${id}_${i}`;
      // Columns without a type keep every value exactly as it was (no affinity conversions).
      db.run(`CREATE TEMP TABLE ${copy} (oko_seq INTEGER PRIMARY KEY, oko_op, oko_rowid, ${list(columns)})`);
      captured.push({ table: table.name, copy, columns, rowid: table.rowid });
      const values = `${table.rowid ? 'OLD.rowid' : 'NULL'}, ${list(columns, 'OLD.')}`;
      const into = `temp.${copy} (oko_op, oko_rowid, ${list(columns)})`;
      const target = `main.${quoteIdent(table.name)}`;
      triggers.push(`oko_undo_${id}_${i}_d`, `oko_undo_${id}_${i}_u`);
      db.run(`CREATE TEMP TRIGGER oko_undo_${id}_${i}_d AFTER DELETE ON ${target} BEGIN INSERT INTO ${into} VALUES ('d', ${values}); END`);
      db.run(`CREATE TEMP TRIGGER oko_undo_${id}_${i}_u BEFORE UPDATE ON ${target} BEGIN INSERT INTO ${into} VALUES ('u', ${values}); END`);
    });
    const deleted = deleteBatch(db, batchId);
    return { deleted, undo: new BatchUndo(db, captured, userTable) };
  } catch (error) {
    dropCopies();
    throw error;
  } finally {
    for (const trigger of triggers) db.run(`DROP TRIGGER IF EXISTS temp.${trigger}`);
  }
}

/** What deleting import `batchId` would remove, for the confirmation; the database is left as it was. */
export function previewDeleteBatch(db: Database, batchId: number): DeletedBatch {
  const savepoint = `oko_preview_${++sequence}`;
  db.run(`SAVEPOINT ${savepoint}`);
  try {
    return deleteBatch(db, batchId);
  } finally {
    db.run(`ROLLBACK TO ${savepoint}`);
    db.run(`RELEASE ${savepoint}`);
  }
}
