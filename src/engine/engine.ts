import type { SqlJsStatic } from 'sql.js';
import type { Database, QueryResult, SqlValue } from '../core/db.ts';
import { queryAll, queryValue, quoteIdent, run } from '../core/db.ts';
import { validateCell } from '../core/edit/validate-cell.ts';
import { importFile } from '../core/import/index.ts';
import { ImportError } from '../core/import/types.ts';
import { CATALOGUE, findIndicator, paramOptions, resolveParams, runIndicator } from '../core/indicators/index.ts';
import type { IndicatorDef, IndicatorResult } from '../core/indicators/types.ts';
import { migrate } from '../core/schema/migrate.ts';
import type {
  ColumnInfo,
  EditOutcome,
  EngineApi,
  ImportFilePayload,
  ImportOutcome,
  IndicatorSummary,
  RowSource,
  RowWindow,
  SqlOutcome,
  TableInfo,
} from './protocol.ts';
import { sourceCount, sourceKey, sourceSelect, stripTrailingSemicolons } from './row-source.ts';

const REFERENCE_TABLES = new Set(['subject', 'subject_code_alias', 'mark_scale', 'ege_threshold']);

export type ProgressSink = (progress: { done: number; total: number; file: string }) => void;

/** Named parameters as sql.js binds them: with their colon. */
function bindable(params: Record<string, SqlValue> | undefined): Record<string, SqlValue> {
  const out: Record<string, SqlValue> = {};
  for (const [name, value] of Object.entries(params ?? {})) out[/^[:@$]/.test(name) ? name : `:${name}`] = value;
  return out;
}

function sqlError(error: unknown): Error {
  const text = error instanceof Error ? error.message : String(error);
  return new Error(`Ошибка SQL: ${text}`);
}

/**
 * The database and everything done to it. Plain TypeScript over sql.js: the worker wraps it,
 * and Node tests drive it directly.
 */
export class Engine implements EngineApi {
  private db: Database;
  private rev = 0;
  /** sorted/filtered table views materialised as rowid lists, so each window is a range read */
  private positionMaps = new Map<string, { table: string; rev: number; count: number; source: Extract<RowSource, { kind: 'table' }> }>();
  private positionSeq = 0;

  constructor(private readonly SQL: SqlJsStatic) {
    this.db = new SQL.Database();
    migrate(this.db);
  }

  /** for tests and benchmarks */
  get database(): Database {
    return this.db;
  }

  open({ bytes }: { bytes?: Uint8Array }): { schemaVersion: number; empty: boolean } {
    const next = bytes ? new this.SQL.Database(bytes) : new this.SQL.Database();
    let schemaVersion: number;
    try {
      if (bytes) this.checkIsSqlite(next);
      schemaVersion = migrate(next);
    } catch (error) {
      next.close();
      throw error;
    }
    this.db.close();
    this.db = next;
    this.positionMaps.clear();
    this.rev++;
    const empty = Number(queryValue(this.db, 'SELECT COUNT(*) FROM result')) === 0;
    return { schemaVersion, empty };
  }

  private checkIsSqlite(db: Database): void {
    try {
      db.exec('SELECT COUNT(*) FROM sqlite_master');
    } catch {
      throw new Error('Файл не является базой SQLite (сессией Око). Выберите файл .sqlite, скачанный из Око.');
    }
  }

  tables(): TableInfo[] {
    const names = queryAll(
      this.db,
      "SELECT name, type FROM sqlite_master WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%' ORDER BY name",
    ).rows as Array<[string, 'table' | 'view']>;
    return names.map(([name, kind]) => ({
      name,
      kind,
      rowCount: Number(queryValue(this.db, `SELECT COUNT(*) FROM ${quoteIdent(name)}`)),
      columns: this.tableColumns(name),
      group: name.startsWith('oko_') ? 'workspace' : REFERENCE_TABLES.has(name) ? 'reference' : 'data',
    }));
  }

  private tableColumns(name: string): ColumnInfo[] {
    return queryAll(this.db, `PRAGMA table_info(${quoteIdent(name)})`).rows.map((row) => ({
      name: String(row[1]),
      type: String(row[2] ?? ''),
      key: Number(row[5]) > 0,
    }));
  }

  private isTable(name: string): boolean {
    return queryValue(this.db, "SELECT type FROM sqlite_master WHERE name = ?", [name]) === 'table';
  }

  count({ source }: { source: RowSource }): number {
    const { sql, params } = sourceCount(source);
    try {
      return Number(queryValue(this.db, sql, bindable(params)));
    } catch (error) {
      throw sqlError(error);
    }
  }

  columns({ source }: { source: RowSource }): ColumnInfo[] {
    if (source.kind === 'table') return this.tableColumns(source.name);
    const stmt = this.prepare(`SELECT * FROM (${stripTrailingSemicolons(source.sql)}) LIMIT 0`);
    try {
      return stmt.getColumnNames().map((name) => ({ name, type: '', key: false }));
    } finally {
      stmt.free();
    }
  }

  window({ source, offset, limit }: { source: RowSource; offset: number; limit: number }): RowWindow {
    const editable = source.kind === 'table' && this.isTable(source.name);
    if (editable && (source.sort || source.filters?.length)) return this.mappedWindow(source, offset, limit);
    const { sql, params } = sourceSelect(source, editable);
    let result: QueryResult;
    try {
      result = queryAll(this.db, `${sql} LIMIT :oko_limit OFFSET :oko_offset`, {
        ...bindable(params),
        ':oko_limit': limit,
        ':oko_offset': offset,
      });
    } catch (error) {
      throw sqlError(error);
    }
    if (!editable) return { offset, rows: result.rows };
    return { offset, rows: result.rows.map((row) => row.slice(1)), rowIds: result.rows.map((row) => Number(row[0])) };
  }

  private mappedWindow(source: Extract<RowSource, { kind: 'table' }>, offset: number, limit: number): RowWindow {
    const map = this.positionMap(source);
    const result = queryAll(
      this.db,
      `SELECT t.rowid, t.* FROM temp.${map} p JOIN ${quoteIdent(source.name)} t ON t.rowid = p.rid
       WHERE p.pos >= :lo AND p.pos < :hi ORDER BY p.pos`,
      { ':lo': offset, ':hi': offset + limit },
    );
    return { offset, rows: result.rows.map((row) => row.slice(1)), rowIds: result.rows.map((row) => Number(row[0])) };
  }

  private positionMap(source: Extract<RowSource, { kind: 'table' }>): string {
    const key = sourceKey(source);
    const cached = this.positionMaps.get(key);
    if (cached && cached.rev === this.rev) return cached.table;
    if (cached) this.db.run(`DROP TABLE IF EXISTS temp.${cached.table}`);
    // A handful of recent orderings is enough; each costs a rowid per row.
    while (this.positionMaps.size >= 4) {
      const [oldKey, old] = this.positionMaps.entries().next().value as [string, { table: string }];
      this.db.run(`DROP TABLE IF EXISTS temp.${old.table}`);
      this.positionMaps.delete(oldKey);
    }
    const table = `oko_pos_${++this.positionSeq}`;
    const { sql, params } = sourceSelect(source, true);
    try {
      this.db.run(`CREATE TEMP TABLE ${table} (pos INTEGER PRIMARY KEY, rid INTEGER)`);
      this.db.run(`INSERT INTO temp.${table} (pos, rid) SELECT ROW_NUMBER() OVER () - 1, oko_rowid FROM (${sql})`, bindable(params));
    } catch (error) {
      this.db.run(`DROP TABLE IF EXISTS temp.${table}`);
      throw sqlError(error);
    }
    const count = Number(queryValue(this.db, `SELECT COUNT(*) FROM temp.${table}`));
    this.positionMaps.set(key, { table, rev: this.rev, count, source });
    return table;
  }

  updateCell({ table, rowId, column, value }: { table: string; rowId: number; column: string; value: SqlValue }): EditOutcome {
    if (!this.isTable(table)) return { ok: false, message: `«${table}» — представление, его нельзя править. Измените исходную таблицу.` };
    const info = this.tableColumns(table).find((c) => c.name === column);
    if (!info) return { ok: false, message: `В таблице «${table}» нет столбца «${column}».` };
    if (info.key) return { ok: false, message: `Столбец «${column}» — ключ записи, его нельзя править в таблице.` };
    const check = validateCell(this.db, table, column, info.type, rowId, value);
    if (!check.ok) return check;
    const old = queryValue(this.db, `SELECT ${quoteIdent(column)} FROM ${quoteIdent(table)} WHERE rowid = ?`, [rowId]);
    try {
      run(this.db, `UPDATE ${quoteIdent(table)} SET ${quoteIdent(column)} = ? WHERE rowid = ?`, [check.value, rowId]);
      if (table === 'task_score' && column === 'score') {
        run(this.db, 'UPDATE task_score SET raw = ? WHERE rowid = ?', [check.value === null ? 'X' : String(check.value), rowId]);
      }
      run(
        this.db,
        'INSERT INTO oko_edit_log (table_name, row_id, column_name, old_value, new_value, edited_at) VALUES (?, ?, ?, ?, ?, ?)',
        [table, rowId, column, old, check.value, new Date().toISOString()],
      );
    } catch (error) {
      return { ok: false, message: `Значение не записано: ${error instanceof Error ? error.message : String(error)}` };
    }
    this.rev++;
    this.keepPositionMapsAfterEdit(table, column);
    return { ok: true, value: check.value };
  }

  /** An edit moves no row unless it touches the column a view sorts or filters by. */
  private keepPositionMapsAfterEdit(table: string, column: string): void {
    for (const map of this.positionMaps.values()) {
      const { source } = map;
      const moves = source.name === table && (source.sort?.column === column || source.filters?.some((f) => f.column === column));
      if (!moves) map.rev = this.rev;
    }
  }

  query({ sql, params }: { sql: string; params?: Record<string, SqlValue> }): QueryResult {
    try {
      return queryAll(this.db, sql, bindable(params));
    } catch (error) {
      throw sqlError(error);
    }
  }

  runSql({ sql, params }: { sql: string; params?: Record<string, SqlValue> }): SqlOutcome {
    if (!sql.trim()) throw new Error('Введите запрос SQL.');
    const before = this.totalChanges();
    let outcome: SqlOutcome | null = null;
    let windowable: string | null = null;
    let executed = false;
    try {
      // Statements run as they are read, so a script may create a table and then fill it.
      for (const stmt of this.db.iterateStatements(sql)) {
        try {
          const text = stmt.getSQL();
          const columns = stmt.getColumnNames();
          if (columns.length && /^\s*(SELECT|WITH|VALUES)\b/i.test(text)) {
            // Not read here: the grid windows it, so a million-row result costs one page.
            windowable = text;
            outcome = { kind: 'rows', columns, sql: text, changes: 0, rowCount: 0 };
            continue;
          }
          executed = true;
          stmt.bind(bindable(pick(params, text)));
          const rows: SqlValue[][] = [];
          while (stmt.step()) rows.push(stmt.get());
          windowable = null;
          outcome = columns.length ? { kind: 'rows', columns, sql: text, changes: 0, rowCount: rows.length, rows } : null;
        } finally {
          stmt.free();
        }
      }
    } catch (error) {
      this.afterWrite(before, executed);
      throw sqlError(error);
    }
    this.afterWrite(before, executed);
    if (outcome && windowable) outcome.rowCount = this.count({ source: { kind: 'query', sql: windowable, params: pick(params, windowable) } });
    return outcome ?? { kind: 'changes', columns: [], rowCount: 0, changes: this.totalChanges() - before, sql };
  }

  /** DDL changes no rows but still changes the session, hence `executed`. */
  private afterWrite(totalChangesBefore: number, executed: boolean): void {
    if (!executed && this.totalChanges() === totalChangesBefore) return;
    this.rev++;
    this.positionMaps.clear();
  }

  private totalChanges(): number {
    return Number(queryValue(this.db, 'SELECT total_changes()'));
  }

  private prepare(sql: string) {
    try {
      return this.db.prepare(sql);
    } catch (error) {
      throw sqlError(error);
    }
  }

  async importFiles({ files }: { files: ImportFilePayload[] }, progress?: ProgressSink): Promise<ImportOutcome[]> {
    const outcomes: ImportOutcome[] = [];
    for (const file of files) {
      try {
        const summary = await importFile(this.db, { name: file.name, bytes: file.bytes }, {
          context: file.context,
          onProgress: (done, total) => progress?.({ done, total, file: file.name }),
        });
        this.rev++;
        outcomes.push({ ok: true, summary });
      } catch (error) {
        if (error instanceof ImportError) {
          outcomes.push({
            ok: false,
            file: file.name,
            code: error.code,
            message: error.message,
            sheet: error.sheet,
            row: error.row,
            column: error.column,
            needs: error.needs,
          });
        } else {
          const text = error instanceof Error ? error.message : String(error);
          outcomes.push({ ok: false, file: file.name, code: 'unreadable', message: `Файл «${file.name}» не загружен: ${text}` });
        }
      }
    }
    this.positionMaps.clear();
    return outcomes;
  }

  indicators(): IndicatorSummary[] {
    return CATALOGUE.map((def) => ({ id: def.id, title: def.title, mechanism: def.mechanism, custom: false }));
  }

  indicator({ id }: { id: string }): IndicatorDef {
    return this.definition(id);
  }

  private definition(id: string): IndicatorDef {
    const def = findIndicator(id);
    if (!def) throw new Error(`Показатель «${id}» не найден в каталоге.`);
    return def;
  }

  paramOptions({ id, params }: { id: string; params: Record<string, SqlValue> }) {
    const def = this.definition(id);
    const resolved = resolveParams(this.db, def, params);
    return { params: resolved, options: paramOptions(this.db, def, resolved) };
  }

  runIndicator({ id, params }: { id: string; params: Record<string, SqlValue> }): IndicatorResult {
    const def = this.definition(id);
    return runIndicator(this.db, def, resolveParams(this.db, def, params));
  }

  exportDatabase(): Uint8Array {
    return this.db.export();
  }

  revision(): number {
    return this.rev;
  }

  getWorkspace({ key }: { key: string }): string | null {
    const value = queryValue(this.db, 'SELECT value FROM oko_workspace WHERE key = ?', [key]);
    return value === null ? null : String(value);
  }

  setWorkspace({ key, value }: { key: string; value: string }): void {
    run(this.db, 'INSERT INTO oko_workspace (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [key, value]);
    this.rev++;
  }
}

/** Only the parameters a statement names: sql.js refuses unknown ones. */
function pick(params: Record<string, SqlValue> | undefined, sql: string): Record<string, SqlValue> {
  const out: Record<string, SqlValue> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    const bare = name.replace(/^[:@$]/, '');
    if (new RegExp(`[:@$]${bare}\\b`).test(sql)) out[name] = value;
  }
  return out;
}
