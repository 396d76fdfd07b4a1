import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import * as vega from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import type { Database } from '../../src/core/db.ts';
import { buildChartSpec, type ChartSpec } from '../../src/core/charts/chart-spec.ts';
import { distributionRows, indicatorChartSpec, niceStep, type ChartDistribution } from '../../src/core/charts/distribution.ts';
import { findIndicator } from '../../src/core/indicators/index.ts';
import { rebuildAggregates } from '../../src/core/schema/aggregates.ts';
import { chartOf, runOn } from './catalogue-helpers.ts';
import { freshDatabase } from './sqlite.ts';

describe('niceStep: interval widths of 1, 2 or 5 × 10ⁿ', () => {
  it('rounds a raw width up to the next of them', () => {
    expect([0.12, 0.37, 1, 3.2, 4.25, 13, 0].map(niceStep)).toEqual([0.2, 0.5, 1, 5, 5, 20, 1]);
  });
});

describe('distributionRows: ОО counted per interval and group, stacked; references apart', () => {
  const config: ChartDistribution = { above: 3, level: 'ОО', field: 'value', title: 'Значение', by: 'cluster', reference: 'Кластер' };
  const columns = ['level', 'name', 'cluster', 'value'];
  const rows = [
    ['ОО', 'a1', 'А', 10],
    ['ОО', 'b1', 'Б', 11],
    ['ОО', 'a2', 'А', 12.5],
    ['ОО', 'a3', 'А', 55],
    ['ОО', 'b2', 'Б', 95],
    ['ОО', 'b3', 'Б', null],
    ['Кластер', 'кластер «А»', 'А', 40.2],
    ['Кластер', 'кластер «Б»', 'Б', 60],
  ];

  it('gives intervals of 5 over 10…95 (85 / 20 → 5), each ОО once, and the two cluster values', () => {
    const { rows: out, counted, missing } = distributionRows(config, { columns, rows });
    expect(counted).toBe(5);
    expect(missing).toBe(1);
    expect(out.map((r) => [r.kind, r.group, r.from, r.to, r.count, r.y0, r.y1, r.interval])).toEqual([
      ['interval', 'А', 10, 15, 2, 0, 2, 'от 10 до 15'],
      ['interval', 'Б', 10, 15, 1, 2, 3, 'от 10 до 15'],
      ['interval', 'А', 55, 60, 1, 0, 1, 'от 55 до 60'],
      ['interval', 'Б', 95, 100, 1, 0, 1, 'от 95 до 100'],
      ['reference', 'А', 40.2, 40.2, 0, 0, 0, '40,2'],
      ['reference', 'Б', 60, 60, 0, 0, 0, '60'],
    ]);
  });

  it('keeps the indicator’s own chart up to `above` ОО, and says in the title what the distribution shows', () => {
    const chart = { mark: 'bar', encoding: { y: { field: 'name', type: 'nominal' } } } as const;
    const few = { columns, rows: rows.filter((r) => !['a3', 'b2', 'b3'].includes(String(r[1]))) };
    expect(indicatorChartSpec(chart, few, { title: 'T', distribution: config })).toEqual(buildChartSpec(chart, few, { title: 'T' }));
    const many = indicatorChartSpec(chart, { columns, rows }, { title: 'T', distribution: config });
    expect(many.title).toEqual({
      text: 'T',
      subtitle: [
        'Распределение ОО по значению: столбец — число ОО в интервале (всего 5); каждая ОО — в таблице',
        '1 ОО без значения не показаны',
        'пунктир — значение кластера по всем его участникам',
      ],
    });
  });
});

/** Compiles and runs a spec as the page does (no eval), then counts the items of the chart's own marks of one type (not axes, legends). */
async function markItems(spec: ChartSpec, marktype: string): Promise<number> {
  const runtime = vega.parse(compile(spec).spec, undefined, { ast: true });
  const view = new vega.View(runtime, { expr: expressionInterpreter, renderer: 'none' });
  await view.runAsync();
  type Mark = { marktype: string; role?: string; items: Array<{ items?: Mark[] }> };
  const count = (mark: Mark): number =>
    mark.marktype === marktype && mark.role === 'mark'
      ? mark.items.length
      : mark.marktype === 'group'
        ? mark.items.reduce((n, item) => n + (item.items ?? []).reduce((m, child) => m + count(child), 0), 0)
        : 0;
  return count((view.scenegraph() as unknown as { root: Mark }).root);
}

/**
 * A region of 130 ОО in two municipalities, 10 pupils each writing ВПР математика 5 (2025): ОО i
 * has i mod 11 pupils with «4», the rest «3», so its quality is 10 × (i mod 11) %. Odd ОО are in
 * the cluster «город», even ones in «село».
 */
function region(): Database {
  const db = freshDatabase();
  db.exec(`INSERT INTO municipality (municipality_id, name) VALUES (1, 'Первый район'), (2, 'Второй район');
INSERT INTO assessment (assessment_id, kind, year, subject_code, grade, max_primary) VALUES (1, 'vpr', 2025, 'math', 5, 20);`);
  for (let i = 1; i <= 130; i++) {
    db.run('INSERT INTO school (school_id, municipality_id, fisoko_login, short_name) VALUES (?, ?, ?, ?)', [
      i,
      i <= 65 ? 1 : 2,
      `edu99${1000 + i}`,
      `ОО ${i}`,
    ]);
    db.run("INSERT INTO cluster_assignment (scheme, year, school_id, cluster) VALUES ('settlement', 2025, ?, ?)", [i, i % 2 ? 'город' : 'село']);
    for (let p = 0; p < 10; p++) {
      const mark = p < i % 11 ? 4 : 3;
      db.run('INSERT INTO result (assessment_id, school_id, participant_code, primary_score, mark) VALUES (1, ?, ?, ?, ?)', [i, `${i}-${p}`, mark * 3, mark]);
    }
  }
  rebuildAggregates(db);
  return db;
}

describe('M2 over a region: the ОО counted per interval, not a bar each', () => {
  const db = region();
  const m2 = findIndicator('M2')!;
  const params = { scheme: 'settlement', year: 2025, subject: 'math', grade: 5, metric: 'quality', hide_small: 0 };
  const chartOfResult = (municipality: number) => {
    const result = runOn(db, 'M2', { ...params, municipality });
    return indicatorChartSpec(chartOf(m2), result, { title: m2.title, distribution: m2.chartDistribution });
  };

  it('counts 130 ОО in intervals of 5 %, by cluster, with the clusters’ values weighted by participants', async () => {
    const spec = chartOfResult(0);
    const values = (spec.data as { values: Array<Record<string, unknown>> }).values;
    const intervals = values.filter((v) => v.kind === 'interval').map((v) => [v.from, v.group, v.count]);
    // quality 10 × r %: r = 1…9 in 12 ОО each (6 odd, 6 even); r = 0 in 11 (6 odd), r = 10 in 11 (6 even)
    expect(intervals).toEqual([
      [0, 'город', 6],
      [0, 'село', 5],
      ...[10, 20, 30, 40, 50, 60, 70, 80, 90].flatMap((from) => [
        [from, 'город', 6],
        [from, 'село', 6],
      ]),
      [100, 'город', 5],
      [100, 'село', 6],
    ]);
    // 320 «4» of 650 pupils in odd ОО, 330 of 650 in even ones
    expect(values.filter((v) => v.kind === 'reference').map((v) => [v.group, v.from])).toEqual([
      ['город', 49.23],
      ['село', 50.77],
    ]);
    expect(await markItems(spec, 'rect')).toBe(22);
    expect(await markItems(spec, 'rule')).toBe(2);
  });

  it('keeps a bar and a cluster tick per ОО for one municipality of 65 ОО', async () => {
    const spec = chartOfResult(1);
    // Vega draws the ticks as rects too
    expect(await markItems(spec, 'rect')).toBe(130);
  });
});

describe('M3 over the same region: the index counted per interval', () => {
  it('counts all 130 ОО, one colour, no reference lines, far fewer rects than ОО', async () => {
    const m3 = findIndicator('M3')!;
    const result = runOn(region(), 'M3', { year: 2025, municipality: 0, w_pass: 1, w_quality: 1, w_oge: 1, w_ege: 1, hide_small: 0 });
    const spec = indicatorChartSpec(chartOf(m3), result, { title: m3.title, distribution: m3.chartDistribution });
    const intervals = (spec.data as { values: Array<Record<string, unknown>> }).values;
    expect(intervals.every((v) => v.kind === 'interval' && v.group === '')).toBe(true);
    expect(intervals.reduce((n, v) => n + Number(v.count), 0)).toBe(130);
    // the index here is the quality's z alone (every pupil passed: that z is 0): 11 distinct values, 11 intervals
    expect(intervals).toHaveLength(11);
    expect(await markItems(spec, 'rect')).toBe(11);
    expect(await markItems(spec, 'rule')).toBe(0);
  });
});
