import type { Database } from '../db.ts';
import { queryAll, quoteIdent } from '../db.ts';

const KEY_COMPARES = new Set(['SeekGE', 'SeekGT', 'SeekLE', 'SeekLT', 'IdxGE', 'IdxGT', 'IdxLE', 'IdxLT', 'Found', 'NotFound', 'NoConflict']);

export interface TableRead {
  table: string;
  columns: string[];
}

/**
 * The tables and columns a query reads, from SQLite's own compiled program (EXPLAIN): every
 * OpenRead names a table or an index by its root page, every Column names a column of that
 * cursor. Views and CTEs are already resolved to the tables beneath them, so this is what the
 * query really touches — shown before a shared indicator is added. Nothing is run.
 */
export function queryReads(db: Database, sql: string): TableRead[] {
  const roots = new Map<number, { table: string; index: string | null }>();
  for (const [name, type, table, rootpage] of queryAll(db, "SELECT name, type, tbl_name, rootpage FROM sqlite_master WHERE type IN ('table','index')").rows) {
    roots.set(Number(rootpage), { table: String(table), index: type === 'index' ? String(name) : null });
  }
  const cursors = new Map<number, { table: string; columns: string[] }>();
  const reads = new Map<string, Set<string>>();
  const note = (table: string, column?: string) => {
    const set = reads.get(table) ?? new Set<string>();
    if (column) set.add(column);
    reads.set(table, set);
  };
  for (const [, opcode, p1, p2, p3, p4] of queryAll(db, `EXPLAIN ${sql}`).rows) {
    if ((opcode === 'OpenRead' || opcode === 'ReopenIdx') && Number(p3) === 0) {
      const root = roots.get(Number(p2));
      if (!root) continue;
      cursors.set(Number(p1), { table: root.table, columns: columnsOf(db, root) });
      note(root.table);
    } else if (KEY_COMPARES.has(String(opcode)) && /^\d+$/.test(String(p4))) {
      // a seek or compare on an index reads its first p4 key columns (WHERE year = :year …)
      const cursor = cursors.get(Number(p1));
      for (const column of cursor?.columns.slice(0, Number(p4)) ?? []) note(cursor!.table, column);
    } else if (opcode === 'Column' || opcode === 'Rowid') {
      const cursor = cursors.get(Number(p1));
      if (!cursor) continue;
      note(cursor.table, opcode === 'Rowid' ? rowidName(db, cursor.table) : cursor.columns[Number(p2)]);
    }
  }
  return [...reads.entries()]
    .map(([table, columns]) => ({ table, columns: [...columns].filter(Boolean).sort() }))
    .sort((a, b) => a.table.localeCompare(b.table));
}

function columnsOf(db: Database, root: { table: string; index: string | null }): string[] {
  if (!root.index) return queryAll(db, `PRAGMA table_info(${quoteIdent(root.table)})`).rows.map((row) => String(row[1]));
  // index_xinfo: the index's own columns, then the rowid (null name)
  return queryAll(db, `PRAGMA index_xinfo(${quoteIdent(root.index)})`).rows.map((row) => (row[2] === null ? rowidName(db, root.table) : String(row[2])));
}

/** The INTEGER PRIMARY KEY column that is the rowid, or «rowid». */
function rowidName(db: Database, table: string): string {
  const keys = queryAll(db, `PRAGMA table_info(${quoteIdent(table)})`).rows.filter((row) => Number(row[5]) > 0);
  return keys.length === 1 && String(keys[0][2]).toUpperCase() === 'INTEGER' ? String(keys[0][1]) : 'rowid';
}
