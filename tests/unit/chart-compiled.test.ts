import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import * as vega from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compiledChart } from '../../src/charts/compiled.ts';
import { buildChartSpec, type ChartSpec } from '../../src/core/charts/chart-spec.ts';
import type { SqlValue } from '../../src/core/db.ts';
import { CATALOGUE, runIndicator } from '../../src/core/indicators/index.ts';
import { chartOf } from './catalogue-helpers.ts';
import { MUN, catalogueFixture } from './catalogue-fixture.ts';
import { MAIN, SCHOOL } from './indicator-fixture.ts';

/** Vega-Lite's warnings (a step height with a container width) are chart-spec.test.ts's business. */
const quiet = vega.logger(vega.None);
const compileQuietly = ((spec: ChartSpec) => compile(spec, { logger: quiet })) as typeof compile;

/** Parses with `ast: true` and renders with vega-interpreter, as the page does. */
const svgOf = (vgSpec: vega.Spec) => new vega.View(vega.parse(vgSpec, undefined, { ast: true }), { expr: expressionInterpreter, renderer: 'none' }).toSVG();

describe('a chart compiled once per shape', () => {
  const db = catalogueFixture();
  const GIA = { year: 2025, municipality: MUN, kind: 'oge', subject: 'rus', school: 0 };
  /** parameters of each family of the catalogue: the first that gives rows is drawn */
  const ASKED: Array<Record<string, SqlValue>> = [
    MAIN,
    GIA,
    { municipality: MUN },
    { year: 2025, subject: 'math', grade: 4, municipality: MUN },
    { ...MAIN, school: SCHOOL.sosh1 },
  ];
  /** Vega numbers its gradients per process: the n-th drawing's id is not the drawing */
  const same = (svg: string) => svg.replace(/gradient_\d+/g, 'gradient');

  for (const def of CATALOGUE) {
    it(`${def.id}: drawn from its kept shape as when compiled afresh`, async () => {
      const result = ASKED.map((params) => runIndicator(db, def, params)).find((r) => r.rows.length > 0);
      expect(result, def.id).toBeDefined();
      const spec: ChartSpec = buildChartSpec(chartOf(def), result!, { title: def.title });
      // compiled afresh: what vega-embed does with a Vega-Lite spec
      const fresh = await svgOf(compileQuietly(structuredClone(spec)).spec);
      expect(same(await svgOf(compiledChart(structuredClone(spec), compileQuietly))), def.id).toBe(same(fresh));
    });
  }

  it('compiles a shape once and draws each drawing with its own rows', async () => {
    const calls: ChartSpec[] = [];
    const counting = ((spec: ChartSpec) => (calls.push(spec), compileQuietly(spec))) as typeof compile;
    const chart = { mark: 'bar', encoding: { x: { field: 'n', type: 'quantitative' }, y: { field: 'name', type: 'nominal' } } } as const;
    const first = buildChartSpec(chart, { columns: ['name', 'n'], rows: [['СОШ №1', 12]] });
    const second = buildChartSpec(chart, {
      columns: ['name', 'n'],
      rows: [
        ['Гимназия №2', 7],
        ['СОШ №3', 5],
      ],
    });
    const firstSvg = await svgOf(compiledChart(first, counting));
    const secondSvg = await svgOf(compiledChart(second, counting));
    expect(calls).toHaveLength(1);
    expect(calls[0].data).toEqual({ name: 'oko_rows' });
    expect(firstSvg).toContain('СОШ №1');
    expect(secondSvg).toContain('Гимназия №2');
    expect(secondSvg).toContain('СОШ №3');
    expect(secondSvg).not.toContain('СОШ №1');
    // another shape (a title) compiles again
    await svgOf(compiledChart(buildChartSpec(chart, { columns: ['name', 'n'], rows: [['СОШ №1', 12]] }, { title: 'Участники' }), counting));
    expect(calls).toHaveLength(2);
  });

  it('compiles a chart whose data is named each time, as it is', () => {
    const calls: ChartSpec[] = [];
    const counting = ((spec: ChartSpec) => (calls.push(spec), compileQuietly(spec))) as typeof compile;
    const spec = { mark: 'bar', encoding: { x: { field: 'n', type: 'quantitative' } }, data: { name: 'table', values: [{ n: 1 }] } } as ChartSpec;
    compiledChart(spec, counting);
    compiledChart(spec, counting);
    expect(calls).toEqual([spec, spec]);
  });
});
