import initSqlJs from '../../wasm/node.ts';
import { describe, expect, it } from 'vitest';
import type { ImportFile } from '../../src/core/import/index.ts';
import { Engine } from '../../src/engine/engine.ts';
import type { RowSource } from '../../src/engine/protocol.ts';
import * as F from '../fixtures/generate.ts';

const SQL = await initSqlJs();
const MILLION = 1_000_000;
const payload = (file: ImportFile) => ({ name: file.name, bytes: file.bytes });

/** A real Ф1 (7 results of ВПР 2025, математика 5), and a table of a million rows made in the console: scores 0…37. */
async function millionSession(): Promise<Engine> {
  const engine = new Engine(SQL);
  expect(await engine.importFiles({ files: [payload(F.f1Municipal())] })).toMatchObject([{ ok: true }]);
  engine.runSql({
    sql: `CREATE TABLE scores AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${MILLION})
      SELECT i AS id, printf('p%07d', i) AS code, (i * 7919) % 38 AS score FROM n`,
  });
  expect(engine.count({ source: { kind: 'table', name: 'scores' } })).toBe(MILLION);
  return engine;
}

const SORTED: RowSource = { kind: 'table', name: 'scores', sort: { column: 'score', direction: 'desc' } };
const RESULTS: RowSource = { kind: 'table', name: 'result', sort: { column: 'participant_code', direction: 'asc' } };

describe('what a change of the session invalidates', () => {
  it('a sorted million-row view survives parameter changes, the workspace save, a справка and an own indicator; an edit of its key and an import sort it again', async () => {
    const engine = await millionSession();
    const first = engine.window({ source: SORTED, offset: 0, limit: 5 });
    expect(first.rows.map((row) => row[2])).toEqual([37, 37, 37, 37, 37]);
    const tail = engine.window({ source: SORTED, offset: MILLION - 5, limit: 10 });
    expect(tail.rows.map((row) => row[2])).toEqual([0, 0, 0, 0, 0]);
    expect(engine.work.sorts).toBe(1);
    const results = engine.window({ source: RESULTS, offset: 0, limit: 100 });
    expect(results.rowKeys).toHaveLength(7);
    expect(engine.work.sorts).toBe(2);

    // choosing parameters: the indicator runs with them, and the workspace remembers them
    const shown = engine.refreshIndicator({ id: 'V2', params: {} });
    expect(shown.params).toMatchObject({ year: 2025, subject: 'math', grade: 5, hide_small: 0 });
    const changed = engine.refreshIndicator({ id: 'V2', params: { ...shown.params, hide_small: 1 } });
    expect(changed.params.hide_small).toBe(1);
    // the workspace save as autosave makes it: the entries into the database, then its export
    const saves = engine.saveRevision();
    engine.setWorkspace({ key: 'ui', value: JSON.stringify({ tabs: [{ kind: 'indicator', id: 'V2', params: changed.params }], active: 0 }) });
    expect(engine.exportDatabase().length).toBeGreaterThan(0);
    expect(engine.saveRevision()).toBe(saves);
    // a справка and an own indicator are saved with the session, but they are not data
    await engine.appendSection({ section: { id: 'new', kind: 'text', title: 'Заметки', paragraph: 'Текст методиста.', drafted: '', notes: [] } });
    engine.createCustomIndicator({ draft: { title: 'Участники', formula: 'Число результатов', sql: 'SELECT COUNT(*) AS n FROM result' } });
    expect(engine.saveRevision()).toBe(saves + 2);

    expect(engine.window({ source: SORTED, offset: 0, limit: 5 })).toEqual(first);
    expect(engine.window({ source: SORTED, offset: MILLION - 5, limit: 10 })).toEqual(tail);
    expect(engine.window({ source: RESULTS, offset: 0, limit: 100 })).toEqual(results);
    expect(engine.work.sorts).toBe(2);

    // an edit of another column moves no row
    const top = first.rowKeys![0];
    expect(engine.updateCell({ table: 'scores', rowKey: top, column: 'code', value: 'первый' })).toMatchObject({ ok: true });
    expect(engine.window({ source: SORTED, offset: 0, limit: 5 }).rowKeys).toEqual(first.rowKeys);
    expect(engine.work.sorts).toBe(2);

    // an edit of the sort key: sorted again, and the row goes to the end
    expect(engine.updateCell({ table: 'scores', rowKey: top, column: 'score', value: -1 })).toMatchObject({ ok: true });
    expect(engine.window({ source: SORTED, offset: 0, limit: 5 }).rowKeys).not.toContain(top);
    expect(engine.window({ source: SORTED, offset: MILLION - 1, limit: 1 }).rowKeys).toEqual([top]);
    expect(engine.work.sorts).toBe(3);
    expect(engine.saveRevision()).toBe(saves + 4);

    // an import: the sorted results hold its five rows; a change of data sorts every view again (which tables a format writes is not followed)
    expect(await engine.importFiles({ files: [payload(F.f1OneSchool())] })).toMatchObject([{ ok: true, summary: { rows: 5 } }]);
    expect(engine.window({ source: RESULTS, offset: 0, limit: 100 }).rows.map((row) => row[4])).toEqual([
      '40001',
      '40002',
      '40003',
      '40004',
      '40005',
      '50001',
      '50001',
      '50001',
      '50002',
      '50002',
      '50002',
      '50003',
    ]);
    expect(engine.window({ source: SORTED, offset: MILLION - 1, limit: 1 }).rowKeys).toEqual([top]);
    expect(engine.work.sorts).toBe(5);
    expect(engine.saveRevision()).toBe(saves + 5);
  });

  it('option lists and row counts are read once per state of the data: a workspace save, a справка or an own indicator keep them', async () => {
    const engine = new Engine(SQL);
    await engine.importFiles({ files: [payload(F.f1Municipal())] });
    const V2 = engine.indicator({ id: 'V2' });
    const listed = V2.params.filter((param) => param.options).length;

    const before = engine.work.optionLists;
    const shown = engine.refreshIndicator({ id: 'V2', params: {} });
    // each list once: the parameters are resolved once per click
    expect(engine.work.optionLists - before).toBe(listed);
    engine.refreshIndicator({ id: 'V2', params: { ...shown.params, hide_small: 1 } });
    expect(engine.work.optionLists - before).toBe(listed);

    const tables = engine.tables();
    expect(tables.find((t) => t.name === 'result')?.rowCount).toBe(7);
    expect(tables.find((t) => t.name === 'v_vpr')?.rowCount).toBeNull();
    const counted = engine.work.counts;
    expect(counted).toBe(tables.filter((t) => t.kind === 'table').length);

    engine.setWorkspace({ key: 'ui', value: '{"tabs":[],"active":-1}' });
    await engine.appendSection({ section: { id: 'new', kind: 'text', title: 'Заметки', paragraph: 'Текст методиста.', drafted: '', notes: [] } });
    engine.createCustomIndicator({ draft: { title: 'Участники', formula: 'Число результатов', sql: 'SELECT COUNT(*) AS n FROM result' } });
    engine.refreshIndicator({ id: 'V2', params: shown.params });
    expect(engine.work.optionLists - before).toBe(listed);
    const again = engine.tables();
    // only the three tables written were counted again
    expect(engine.work.counts - counted).toBe(3);
    expect(again).toEqual(tables.map((t) => (['oko_report', 'oko_custom_indicator', 'oko_workspace'].includes(t.name) ? { ...t, rowCount: 1 } : t)));

    // an edit: the data changed, so the lists are read again; the edited table keeps its count, the edit log and the summaries recomputed from it are counted again
    engine.updateCell({ table: 'result', rowKey: 1, column: 'journal_mark', value: 2 });
    engine.refreshIndicator({ id: 'V2', params: shown.params });
    expect(engine.work.optionLists - before).toBe(2 * listed);
    const recounted = engine.work.counts;
    const afterEdit = engine.tables();
    // oko_edit_log, and agg_result, agg_score, agg_task and agg_vpr_year (the pair's summaries)
    expect(engine.work.counts - recounted).toBe(5);
    expect(afterEdit).toEqual(again.map((t) => (t.name === 'oko_edit_log' ? { ...t, rowCount: 1 } : t)));
  });

  it('an edited mark shows in the sorted summary table at once: the summaries it recomputed are sorted again', async () => {
    const engine = new Engine(SQL);
    await engine.importFiles({ files: [payload(F.f1Municipal())] });
    const bySchool: RowSource = { kind: 'table', name: 'agg_result', sort: { column: 'school_id', direction: 'asc' } };
    const columns = engine
      .tables()
      .find((t) => t.name === 'agg_result')!
      .columns.map((c) => c.name);
    const fives = (rows: unknown[][]) => rows.map((row) => row[columns.indexOf('n_5')]);
    const before = engine.window({ source: bySchool, offset: 0, limit: 100 });
    const sorts = engine.work.sorts;
    const { rows } = engine.query({ sql: 'SELECT result_id, mark FROM result WHERE mark < 5 AND absent = 0 ORDER BY result_id LIMIT 1' });
    const [resultId] = rows[0] as [number, number];
    expect(engine.updateCell({ table: 'result', rowKey: resultId, column: 'mark', value: 5 })).toMatchObject({ ok: true });
    const after = engine.window({ source: bySchool, offset: 0, limit: 100 });
    expect(engine.work.sorts).toBe(sorts + 1);
    const total = (values: unknown[]) => values.reduce<number>((sum, n) => sum + Number(n), 0);
    expect(total(fives(after.rows))).toBe(total(fives(before.rows)) + 1);
  });
});
