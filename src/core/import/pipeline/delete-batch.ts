/**
 * Deleting one import (an import_batch row) and what it wrote, in one savepoint: used by
 * «Заменить» when the same file is loaded again (ImportOptions.replaceDuplicate) and by the engine's
 * deleteBatch request.
 *
 * What goes:
 *  - rows stamped with the batch: result (with task_score and result_history of those results, and
 *    any other table that references result), fisoko_agg, and every other table with an
 *    import_batch_id column (olympiad_result, additional_education, teaching_staff, …);
 *  - changes an appeal / re-check file made to results of other files (result_history.batch_id):
 *    each changed value goes back to the value before the appeal, unless a later file changed that
 *    value again (then the later value stays); the history rows go;
 *  - a user table made from the file (oko_user_table.import_batch_id): the table is dropped;
 *  - the import_batch row itself.
 *
 * What stays — these tables have no batch id, and their rows are facts shared by many files, which
 * a later import of the same file writes again (upsert): school, municipality, school_code_alias
 * (including placeholder schools of РЦОИ codes), school_year_attr, cluster_assignment,
 * objectivity_flag, assessment, assessment_task, student, person_name_key, person_name,
 * mark_scale and the remembered column mappings (oko_import_mapping).
 */
import type { Database, SqlValue } from '../../db.ts';
import { queryAll, queryObjects, queryValue, quoteIdent, transaction } from '../../db.ts';
import { SCORE_KEY } from '../../schema/score-key.ts';

export interface DeletedBatch {
  batchId: number;
  fileName: string | null;
  format: string | null;
  importedAt: string | null;
  /** rows deleted, per table (result, task_score, fisoko_agg, …) */
  deleted: Record<string, number>;
  /** values of other files' results set back to what they were before this (appeal) file */
  restored: number;
  /** a user table made from the file, now dropped */
  userTable: string | null;
}

function columnsOf(db: Database, table: string): string[] {
  return queryAll(db, `PRAGMA table_info(${quoteIdent(table)})`).rows.map((row) => String(row[1]));
}

/** Tables (not views) of the session, without SQLite's own and the user's own tables. */
function sessionTables(db: Database): string[] {
  return queryAll(
    db,
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
       AND name NOT IN (SELECT table_name FROM oko_user_table) ORDER BY name`,
  ).rows.map((row) => String(row[0]));
}

/** Columns that reference result(result_id), per table: their rows go with the result. */
function resultChildren(db: Database, tables: readonly string[]): Array<{ table: string; column: string }> {
  // the scores' key is kept by triggers, not declared (score-key.ts)
  const children: Array<{ table: string; column: string }> = tables.includes(SCORE_KEY.table) ? [{ ...SCORE_KEY }] : [];
  for (const table of tables) {
    if (table === 'result') continue;
    for (const fk of queryObjects<{ table: string; from: string }>(db, `PRAGMA foreign_key_list(${quoteIdent(table)})`)) {
      if (fk.table === 'result') children.push({ table, column: fk.from });
    }
  }
  return children;
}

function count(db: Database, sql: string, params: SqlValue[]): number {
  return Number(queryValue(db, sql, params));
}

/** Sets back the values an appeal file changed in results that other files loaded; returns how many. */
function undoChanges(db: Database, batchId: number): number {
  const resultColumns = new Set(columnsOf(db, 'result'));
  const changes = queryObjects<{ history_id: number; result_id: number; column_name: string; old_value: SqlValue; new_value: SqlValue }>(
    db,
    `SELECT h.history_id, h.result_id, h.column_name, h.old_value, h.new_value FROM result_history h
     JOIN result r ON r.result_id = h.result_id
     WHERE h.batch_id = ? AND r.import_batch_id IS NOT ?
     ORDER BY h.history_id DESC`,
    [batchId, batchId],
  );
  let restored = 0;
  for (const change of changes) {
    if (!resultColumns.has(change.column_name) || change.column_name === 'result_id') continue;
    const later = count(db, 'SELECT COUNT(*) FROM result_history WHERE result_id = ? AND column_name = ? AND history_id > ? AND batch_id IS NOT ?', [
      change.result_id,
      change.column_name,
      change.history_id,
      batchId,
    ]);
    if (later > 0) continue;
    const column = quoteIdent(change.column_name);
    db.run(`UPDATE result SET ${column} = ? WHERE result_id = ? AND ${column} IS ?`, [change.old_value, change.result_id, change.new_value]);
    restored += db.getRowsModified();
  }
  db.run('DELETE FROM result_history WHERE batch_id = ?', [batchId]);
  return restored;
}

/**
 * Deletes import `batchId` and its rows (see the comment at the top), all or nothing. Throws a
 * Russian Error when there is no such import.
 */
export function deleteBatch(db: Database, batchId: number): DeletedBatch {
  return transaction(db, () => {
    const batch = queryObjects<{ file_name: string | null; detected_format: string | null; imported_at: string | null }>(
      db,
      'SELECT file_name, detected_format, imported_at FROM import_batch WHERE import_batch_id = ?',
      [batchId],
    )[0];
    if (!batch) throw new Error(`Загрузки № ${batchId} нет в сессии — удалять нечего.`);
    const deleted: Record<string, number> = {};
    const note = (table: string) => {
      const n = db.getRowsModified();
      if (n) deleted[table] = (deleted[table] ?? 0) + n;
    };

    const tables = sessionTables(db);
    const restored = undoChanges(db, batchId);
    const ofBatch = 'SELECT result_id FROM result WHERE import_batch_id = ?';
    for (const child of resultChildren(db, tables)) {
      db.run(`DELETE FROM ${quoteIdent(child.table)} WHERE ${quoteIdent(child.column)} IN (${ofBatch})`, [batchId]);
      note(child.table);
    }
    db.run('DELETE FROM result WHERE import_batch_id = ?', [batchId]);
    note('result');
    for (const table of tables) {
      if (table === 'result' || table === 'import_batch' || table === 'oko_user_table') continue;
      if (!columnsOf(db, table).includes('import_batch_id')) continue;
      db.run(`DELETE FROM ${quoteIdent(table)} WHERE import_batch_id = ?`, [batchId]);
      note(table);
    }

    const userTable = queryValue(db, 'SELECT table_name FROM oko_user_table WHERE import_batch_id = ?', [batchId]);
    if (typeof userTable === 'string') {
      deleted[userTable] = count(db, `SELECT COUNT(*) FROM ${quoteIdent(userTable)}`, []);
      db.run(`DROP TABLE IF EXISTS ${quoteIdent(userTable)}`);
      db.run('DELETE FROM oko_user_table WHERE import_batch_id = ?', [batchId]);
    }
    db.run('DELETE FROM import_batch WHERE import_batch_id = ?', [batchId]);
    return {
      batchId,
      fileName: batch.file_name,
      format: batch.detected_format,
      importedAt: batch.imported_at,
      deleted,
      restored,
      userTable: typeof userTable === 'string' ? userTable : null,
    };
  });
}

/** The import of the same bytes (SHA-256), if any. */
export function batchOfSha256(db: Database, sha256: string): { batchId: number; fileName: string | null; importedAt: string | null } | null {
  const row = queryObjects<{ import_batch_id: number; file_name: string | null; imported_at: string | null }>(
    db,
    'SELECT import_batch_id, file_name, imported_at FROM import_batch WHERE sha256 = ?',
    [sha256],
  )[0];
  return row ? { batchId: row.import_batch_id, fileName: row.file_name, importedAt: row.imported_at } : null;
}
