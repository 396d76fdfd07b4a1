import initSqlJs from '../../wasm/node.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { indicatorFromJson, indicatorToJson } from '../../src/core/indicators/custom.ts';
import { Engine } from '../../src/engine/engine.ts';
import { applyParamChoices } from '../../src/engine/custom-indicators.ts';

const SQL = await initSqlJs();

function seed(engine: Engine): void {
  engine.database.exec(`
    INSERT INTO municipality (municipality_id, name) VALUES (1, 'Тестовый округ');
    INSERT INTO school (school_id, municipality_id, fisoko_login, short_name) VALUES (1, 1, 'edu990001', 'СОШ №1'), (2, 1, 'edu990002', 'СОШ №2');
    INSERT INTO assessment (assessment_id, kind, year, subject_code, grade, max_primary) VALUES (1, 'vpr', 2025, 'rus', 4, 24), (2, 'vpr', 2026, 'rus', 4, 24);
    INSERT INTO result (result_id, assessment_id, school_id, participant_code, primary_score, mark)
      VALUES (1, 1, 1, '1', 15, 3), (2, 1, 1, '2', 22, 5), (3, 1, 2, '3', 5, 2), (4, 2, 1, '4', 20, 4), (5, 2, 2, '5', 9, 2), (6, 2, 2, '6', 12, 3);
  `);
}

/** Hand-computed: 2025 — СОШ №1 2 writers (no «2»), СОШ №2 1 writer (one «2»); 2026 — СОШ №1 1, СОШ №2 2 (one «2»). */
const TWOS_SQL = `SELECT s.short_name AS school, COUNT(*) AS n, SUM(v.mark = 2) AS twos
FROM v_vpr v JOIN school s USING (school_id)
WHERE v.year = :year
GROUP BY s.short_name ORDER BY s.short_name`;

describe('custom indicators through the engine', () => {
  let engine: Engine;
  beforeEach(() => {
    engine = new Engine(SQL);
    seed(engine);
  });

  it('a console query with :year becomes U1, listed with the catalogue and run like any indicator', () => {
    const def = engine.createCustomIndicator({
      draft: {
        title: 'Доля «2» по ОО',
        formula: 'Число «2» и участников по ОО за год',
        sql: `${TWOS_SQL};`,
        params: [{ name: 'year', label: 'Год', type: 'integer', default: '2025' }],
        chart: { mark: { type: 'bar' }, encoding: { x: { field: 'twos', type: 'quantitative' }, y: { field: 'school', type: 'nominal' } } },
      },
    });
    expect(def.id).toBe('U1');
    expect(def.params).toEqual([{ name: 'year', label: 'Год', type: 'integer', default: 2025 }]);
    expect(def.columns.map((c) => c.name)).toEqual(['school', 'n', 'twos']);
    expect(def.mechanism).toBe('Пользовательский показатель');

    const summary = engine.indicators().find((i) => i.id === 'U1');
    expect(summary).toEqual({ id: 'U1', title: 'Доля «2» по ОО', mechanism: 'Пользовательский показатель', custom: true });
    expect(engine.indicator({ id: 'U1' }).sql).toBe(TWOS_SQL);
    // no options query: a free input, so no option list
    expect(engine.paramOptions({ id: 'U1', params: {} })).toEqual({ params: { year: 2025 }, options: {} });
    expect(engine.runIndicator({ id: 'U1', params: {} }).rows).toEqual([
      ['СОШ №1', 2, 0],
      ['СОШ №2', 1, 1],
    ]);
    expect(engine.runIndicator({ id: 'U1', params: { year: '2026' } }).rows).toEqual([
      ['СОШ №1', 1, 0],
      ['СОШ №2', 2, 1],
    ]);
  });

  it('survives the session file (export → open), and can be deleted', () => {
    engine.createCustomIndicator({ draft: { title: 'Т', formula: 'ф', sql: TWOS_SQL, params: [{ name: 'year', type: 'integer', default: 2026 }] } });
    const bytes = engine.exportDatabase();
    const other = new Engine(SQL);
    other.open({ bytes });
    expect(other.customIndicators().map((d) => d.id)).toEqual(['U1']);
    expect(other.runIndicator({ id: 'U1', params: {} }).rows).toEqual([
      ['СОШ №1', 1, 0],
      ['СОШ №2', 2, 1],
    ]);
    expect(other.deleteCustomIndicator({ id: 'U1' })).toBe(true);
    expect(other.indicators().some((i) => i.custom)).toBe(false);
    expect(() => other.runIndicator({ id: 'U1', params: {} })).toThrow(/не найден/);
  });

  it('a JSON file round trip into a fresh session gives the same numbers', () => {
    const def = engine.createCustomIndicator({
      draft: { title: 'Т', formula: 'ф', sql: TWOS_SQL, params: [{ name: 'year', type: 'integer', default: 2025 }] },
    });
    const fresh = new Engine(SQL);
    seed(fresh);
    const imported = fresh.importCustomIndicator({ def: indicatorFromJson(indicatorToJson(def)) });
    expect(imported.id).toBe('U1');
    expect(fresh.runIndicator({ id: 'U1', params: { year: 2026 } }).rows).toEqual(engine.runIndicator({ id: 'U1', params: { year: 2026 } }).rows);
    // the same file again adds nothing
    expect(fresh.importCustomIndicator({ def: indicatorFromJson(indicatorToJson(def)) }).id).toBe('U1');
    expect(fresh.customIndicators()).toHaveLength(1);
  });

  it('refuses queries that write or do not run, in Russian', () => {
    expect(() => engine.createCustomIndicator({ draft: { title: 'x', formula: 'y', sql: 'DELETE FROM result' } })).toThrow(/только читать/);
    expect(() => engine.createCustomIndicator({ draft: { title: 'x', formula: 'y', sql: 'SELECT * FROM nowhere' } })).toThrow(
      'Ошибка SQL. Нет таблицы «nowhere».',
    );
    expect(engine.customIndicators()).toEqual([]);
  });

  it('a chart picked for another result is dropped, not saved broken', () => {
    const def = engine.createCustomIndicator({
      draft: { title: 'x', formula: 'y', sql: 'SELECT short_name, school_id FROM school', chart: { mark: 'bar', encoding: { x: { field: 'gone' } } } },
    });
    expect(JSON.stringify(def.chart)).not.toContain('gone');
  });

  it('the user’s parameter choices replace the inferred ones', () => {
    const base = { id: 'U1', title: 't', mechanism: 'm', source: 's', formula: 'f', sql: 'SELECT :a, :b', columns: [], chart: {} };
    const def = applyParamChoices(
      {
        ...base,
        params: [
          { name: 'a', label: 'a', type: 'text' },
          { name: 'b', label: 'b', type: 'text', default: 'x' },
        ],
      },
      [
        { name: 'a', label: 'Порог', type: 'real', default: '12,5' },
        { name: 'b', type: 'integer', default: null },
      ],
    );
    expect(def.params).toEqual([
      { name: 'a', label: 'Порог', type: 'real', default: 12.5 },
      { name: 'b', label: 'b', type: 'integer' },
    ]);
  });
});
