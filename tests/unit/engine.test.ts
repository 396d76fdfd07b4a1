import initSqlJs from '../../wasm/node.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { queryAll, queryValue } from '../../src/core/db.ts';
import { Engine } from '../../src/engine/engine.ts';

const SQL = await initSqlJs();

function seed(engine: Engine): void {
  engine.database.exec(`
    INSERT INTO municipality (municipality_id, name) VALUES (1, 'Тестовый округ');
    INSERT INTO school (school_id, municipality_id, fisoko_login, short_name) VALUES (1, 1, 'edu990001', 'СОШ №1');
    INSERT INTO assessment (assessment_id, kind, year, subject_code, grade, max_primary) VALUES (1, 'vpr', 2026, 'rus', 4, 24);
    INSERT INTO assessment_task (assessment_id, task_code, position, max_score) VALUES (1, '1', 1, 2);
    INSERT INTO result (result_id, assessment_id, school_id, participant_code, primary_score, mark, journal_mark)
      VALUES (1, 1, 1, '40001', 15, 3, 4), (2, 1, 1, '40002', 22, 5, 5);
    INSERT INTO task_score (result_id, task_code, score, raw) VALUES (1, '1', 2, '2'), (2, '1', 1, '1');
  `);
}

describe('Engine', () => {
  let engine: Engine;
  beforeEach(() => {
    engine = new Engine(SQL);
    seed(engine);
  });

  it('lists tables with row counts and groups', () => {
    const tables = engine.tables();
    const result = tables.find((t) => t.name === 'result');
    expect(result).toMatchObject({ kind: 'table', rowCount: 2, group: 'data' });
    expect(tables.find((t) => t.name === 'v_vpr')).toMatchObject({ kind: 'view', rowCount: null });
    expect(tables.find((t) => t.name === 'mark_scale')?.group).toBe('reference');
    expect(tables.find((t) => t.name === 'oko_workspace')?.group).toBe('workspace');
    expect(engine.count({ source: { kind: 'table', name: 'v_vpr' } })).toBe(2);
  });

  it('a summary is listed as such and read, sorted and filtered by its key, and not edited', () => {
    engine.database.exec(`INSERT INTO agg_vpr_year (year, school_id, assessment_id, subject_code, grade, participants, n_2, n_3, n_4, n_5)
      SELECT 2026, 1, 1, 'rus', 4, 2, 0, 1, 0, 1 WHERE NOT EXISTS (SELECT 1 FROM agg_vpr_year)`);
    const tables = engine.tables();
    expect(tables.find((t) => t.name === 'agg_vpr_year')).toMatchObject({ kind: 'table', summary: true, rowCount: 1 });
    expect(tables.find((t) => t.name === 'agg_attempt')?.summary).toBe(true);
    expect(tables.find((t) => t.name === 'result')?.summary).toBeUndefined();
    expect(tables.find((t) => t.name === 'task_score')?.summary).toBeUndefined();
    const source = { kind: 'table' as const, name: 'agg_vpr_year' };
    const whole = engine.window({ source, offset: 0, limit: 10 });
    expect(whole.rowKeys).toEqual(['[2026,1,1]']);
    expect(whole.rows).toHaveLength(1);
    const sorted = engine.window({
      source: { ...source, sort: { column: 'participants', direction: 'desc' }, filters: [{ column: 'year', op: '=', value: 2026 }] },
      offset: 0,
      limit: 10,
    });
    expect(sorted).toEqual(whole);
    expect(engine.updateCell({ table: 'agg_vpr_year', rowKey: '[2026,1,1]', column: 'participants', value: '5' })).toMatchObject({ ok: false });
    // the rowid tables keep their rowids for edits
    expect(engine.window({ source: { kind: 'table', name: 'result' }, offset: 0, limit: 10 }).rowKeys).toEqual([1, 2]);
  });

  it('a task score is named by its result and task: read, sorted, filtered and edited by that key, and logged with it', () => {
    const db = engine.database;
    const [resultId] = queryAll(db, 'SELECT result_id FROM result ORDER BY result_id LIMIT 1').rows[0] as number[];
    db.exec(`INSERT OR REPLACE INTO task_score (result_id, task_code, score, raw) VALUES (${resultId}, '1', 1, '1'), (${resultId}, '2', 0, '0')`);
    const source = { kind: 'table' as const, name: 'task_score' };
    const whole = engine.window({ source, offset: 0, limit: 100 });
    const first = whole.rowKeys!.indexOf(`[${resultId},"1"]`);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(whole.rows[first]).toEqual([resultId, '1', 1, '1']);
    const sorted = engine.window({
      source: { ...source, sort: { column: 'score', direction: 'asc' }, filters: [{ column: 'result_id', op: '=', value: resultId }] },
      offset: 0,
      limit: 10,
    });
    expect(sorted.rowKeys).toEqual([`[${resultId},"2"]`, `[${resultId},"1"]`]);
    expect(sorted.rows.map((row) => row[2])).toEqual([0, 1]);

    expect(engine.updateCell({ table: 'task_score', rowKey: `[${resultId},"2"]`, column: 'score', value: '1' })).toEqual({ ok: true, value: 1 });
    expect(queryAll(db, `SELECT task_code, score, raw FROM task_score WHERE result_id = ${resultId} ORDER BY task_code`).rows).toEqual([
      ['1', 1, '1'],
      ['2', 1, '1'],
    ]);
    expect(queryAll(db, "SELECT row_id, column_name, old_value, new_value FROM oko_edit_log WHERE table_name = 'task_score'").rows).toEqual([
      [`[${resultId},"2"]`, 'score', 0, 1],
    ]);
    // the key is not edited, and a key that names no row of the table (a score gone, or no key at all) is refused, not guessed
    expect(engine.updateCell({ table: 'task_score', rowKey: `[${resultId},"2"]`, column: 'task_code', value: '3' })).toMatchObject({ ok: false });
    for (const rowKey of [`[${resultId},"99"]`, 5, '[1]', 'не ключ', '[1,{"a":1}]']) {
      expect(engine.updateCell({ table: 'task_score', rowKey, column: 'score', value: '0' }), String(rowKey)).toEqual({
        ok: false,
        message: 'Этой строки уже нет в таблице «Баллы за задания» (её удалили или загрузили заново). Закройте таблицу и откройте снова.',
      });
    }
    expect(queryValue(db, "SELECT COUNT(*) FROM oko_edit_log WHERE table_name = 'task_score'")).toBe(1);
  });

  it('lists views without running them: a view that never ends cannot hang the table list', () => {
    // Each row the view yields calls rows_read(); an endless view would call it forever.
    let rowsRead = 0;
    engine.database.create_function('rows_read', () => ++rowsRead);
    engine.database.exec('CREATE VIEW counted AS SELECT result_id AS n FROM result WHERE rows_read() > 0');
    const tables = engine.tables();
    expect(tables.find((t) => t.name === 'counted')).toMatchObject({ kind: 'view', rowCount: null, columns: [{ name: 'n' }] });
    expect(rowsRead).toBe(0);
    expect(engine.count({ source: { kind: 'table', name: 'counted' } })).toBe(2);
    expect(rowsRead).toBeGreaterThan(0);
  });

  it('windows a table with rowids, sorted and filtered in SQLite', () => {
    const source = { kind: 'table' as const, name: 'result', sort: { column: 'primary_score', direction: 'desc' as const } };
    const window = engine.window({ source, offset: 0, limit: 10 });
    expect(window.rowKeys).toEqual([2, 1]);
    expect(engine.count({ source: { ...source, filters: [{ column: 'mark', op: '>=', value: 4 }] } })).toBe(1);
    const filtered = engine.window({ source: { ...source, filters: [{ column: 'participant_code', op: 'contains', value: '0001' }] }, offset: 0, limit: 10 });
    expect(filtered.rowKeys).toEqual([1]);
  });

  it('pages a large table without reading it whole', () => {
    engine.runSql({
      sql: 'CREATE TABLE big AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000) SELECT x AS id, x % 7 AS k FROM c',
    });
    const source = { kind: 'table' as const, name: 'big' };
    expect(engine.count({ source })).toBe(100000);
    const window = engine.window({ source, offset: 99990, limit: 50 });
    expect(window.rows.length).toBe(10);
    expect(window.rows[0]).toEqual([99991, 99991 % 7]);
    const sorted = engine.window({ source: { ...source, sort: { column: 'id', direction: 'desc' } }, offset: 1, limit: 2 });
    expect(sorted.rows).toEqual([
      [99999, 99999 % 7],
      [99998, 99998 % 7],
    ]);
  });

  it('validates edits and writes them back with an undo log', () => {
    const refused = engine.updateCell({ table: 'result', rowKey: 1, column: 'mark', value: '7' });
    expect(refused).toEqual({ ok: false, message: expect.stringContaining('от 2 до 5') });
    expect(queryValue(engine.database, 'SELECT mark FROM result WHERE result_id = 1')).toBe(3);

    const revision = engine.saveRevision();
    expect(engine.updateCell({ table: 'result', rowKey: 1, column: 'mark', value: '4' })).toEqual({ ok: true, value: 4 });
    expect(queryValue(engine.database, 'SELECT mark FROM result WHERE result_id = 1')).toBe(4);
    expect(engine.saveRevision()).toBeGreaterThan(revision);
    expect(queryValue(engine.database, "SELECT old_value || '→' || new_value FROM oko_edit_log")).toBe('3→4');

    expect(engine.updateCell({ table: 'result', rowKey: 1, column: 'journal_mark', value: '' })).toEqual({ ok: true, value: null });
    const score = String(engine.window({ source: { kind: 'table', name: 'task_score' }, offset: 0, limit: 1 }).rowKeys![0]);
    expect(engine.updateCell({ table: 'task_score', rowKey: score, column: 'score', value: '3' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('от 0 до 2'),
    });
    expect(engine.updateCell({ table: 'task_score', rowKey: score, column: 'score', value: '1,0' })).toEqual({ ok: true, value: 1 });
    expect(engine.updateCell({ table: 'v_vpr', rowKey: 1, column: 'mark', value: 4 })).toMatchObject({ ok: false });
    expect(engine.updateCell({ table: 'result', rowKey: 1, column: 'result_id', value: 9 })).toMatchObject({ ok: false });
  });

  it('runs console scripts: DDL then DML, and a final SELECT as a windowed source', () => {
    const outcome = engine.runSql({ sql: 'CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3); SELECT x * 10 AS y FROM t;' });
    expect(outcome).toMatchObject({ kind: 'rows', columns: ['y'], rowCount: 3 });
    expect(engine.window({ source: { kind: 'query', sql: outcome.sql }, offset: 1, limit: 5 }).rows).toEqual([[20], [30]]);
    expect(engine.runSql({ sql: 'DELETE FROM t WHERE x > 1' })).toMatchObject({ kind: 'changes', changes: 2 });
    expect(engine.runSql({ sql: 'PRAGMA table_info(t)' })).toMatchObject({ kind: 'rows', rows: [[0, 'x', 'INTEGER', 0, null, 0]] });
    expect(() => engine.runSql({ sql: 'SELEC 1' })).toThrow(/^Ошибка SQL\. Синтаксическая ошибка рядом с «SELEC»/);
  });

  it('keeps the workspace in the database and round-trips the session file', () => {
    engine.setWorkspace({ key: 'tab', value: 'V2' });
    const bytes = engine.exportDatabase();
    const other = new Engine(SQL);
    expect(other.open({ bytes })).toMatchObject({ empty: false });
    expect(other.getWorkspace({ key: 'tab' })).toBe('V2');
    expect(other.count({ source: { kind: 'table', name: 'result' } })).toBe(2);
  });

  it('moves the save revision on changes only, never on a workspace write or a read', () => {
    const start = engine.saveRevision();
    engine.setWorkspace({ key: 'ui', value: '{"tabs":[],"active":-1,"sql":"SELECT 1"}' });
    engine.setWorkspace({ key: 'history', value: '["SELECT 1"]' });
    expect(engine.saveRevision()).toBe(start);
    expect(engine.workspaceEntries()).toEqual({ ui: '{"tabs":[],"active":-1,"sql":"SELECT 1"}', history: '["SELECT 1"]' });
    // reading, running an indicator, a SELECT in the console: no change either
    engine.runSql({ sql: 'SELECT COUNT(*) FROM result' });
    engine.runIndicator({ id: 'V1', params: {} });
    expect(engine.saveRevision()).toBe(start);
    engine.runSql({ sql: 'UPDATE result SET journal_mark = 5 WHERE result_id = 2' });
    expect(engine.saveRevision()).toBe(start + 1);
    engine.updateCell({ table: 'result', rowKey: 1, column: 'mark', value: '4' });
    expect(engine.saveRevision()).toBe(start + 2);
  });

  it('refuses a file that is not a session and keeps the current one', () => {
    expect(() => engine.open({ bytes: new TextEncoder().encode('это не база данных, а просто текст. '.repeat(40)) })).toThrow(/не является базой SQLite/);
    expect(engine.count({ source: { kind: 'table', name: 'result' } })).toBe(2);
  });
});

describe('Engine sorted views and console SQL', () => {
  it('a console statement that turns writes off still runs: the views it made stale go later', () => {
    const engine = new Engine(SQL);
    seed(engine);
    const source = { kind: 'table' as const, name: 'result', sort: { column: 'primary_score', direction: 'desc' as const } };
    expect(engine.window({ source, offset: 0, limit: 5 }).rowKeys).toEqual([2, 1]);
    expect(engine.runSql({ sql: 'PRAGMA query_only = 1' })).toMatchObject({ kind: 'changes' });
    expect(() => engine.runSql({ sql: 'DELETE FROM result' })).toThrow();
    engine.runSql({ sql: 'PRAGMA query_only = 0' });
    expect(engine.window({ source, offset: 0, limit: 5 }).rowKeys).toEqual([2, 1]);
    const temp = () => queryValue(engine.database, "SELECT COUNT(*) FROM temp.sqlite_master WHERE name LIKE 'oko_pos_%'");
    expect(temp()).toBe(1);
  });
});

describe('Engine edits on a sorted view', () => {
  it('keep the ordering unless the edited column is the sort key', () => {
    const engine = new Engine(SQL);
    seed(engine);
    const source = { kind: 'table' as const, name: 'result', sort: { column: 'primary_score', direction: 'asc' as const } };
    expect(engine.window({ source, offset: 0, limit: 5 }).rowKeys).toEqual([1, 2]);
    expect(engine.updateCell({ table: 'result', rowKey: 1, column: 'journal_mark', value: 5 })).toMatchObject({ ok: true });
    expect(engine.window({ source, offset: 0, limit: 5 }).rowKeys).toEqual([1, 2]);
    expect(engine.updateCell({ table: 'result', rowKey: 1, column: 'primary_score', value: 23 })).toMatchObject({ ok: true });
    expect(engine.window({ source, offset: 0, limit: 5 }).rowKeys).toEqual([2, 1]);
    expect(engine.updateCell({ table: 'result', rowKey: 1, column: 'absent', value: 7 })).toMatchObject({
      ok: false,
      message: expect.stringContaining('1 (да) или 0 (нет)'),
    });
  });
});

describe('a click on an indicator', () => {
  it('resolves the parameters once: each option list is queried once, and the result matches the separate calls', () => {
    const engine = new Engine(SQL);
    seed(engine);
    const db = engine.database;
    const prepare = db.prepare.bind(db);
    const prepared: string[] = [];
    db.prepare = ((sql: string, params?: never) => {
      prepared.push(sql);
      return prepare(sql, params);
    }) as typeof db.prepare;
    const refreshed = engine.refreshIndicator({ id: 'V2', params: {} });
    db.prepare = prepare;
    const def = engine.indicator({ id: 'V2' });
    for (const param of def.params.filter((p) => p.options))
      expect(
        prepared.filter((sql) => sql === param.options),
        param.name,
      ).toHaveLength(1);
    expect(prepared.filter((sql) => sql === def.sql)).toHaveLength(1);
    expect(refreshed.params).toMatchObject({ year: 2026, subject: 'rus', grade: 4, municipality: 1 });
    expect(refreshed.result).toEqual(engine.runIndicator({ id: 'V2', params: {} }));
    expect(refreshed.options).toEqual(engine.paramOptions({ id: 'V2', params: {} }).options);
  });
});
