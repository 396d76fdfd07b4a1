import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import * as vega from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import type { SqlValue } from '../../src/core/db.ts';
import { VEGA_LITE_SCHEMA, buildChartSpec, defaultChartSpec } from '../../src/core/charts/chart-spec.ts';
import type { ChartSpec } from '../../src/core/charts/chart-spec.ts';
import { CATALOGUE, runIndicator, validateIndicatorDef } from '../../src/core/indicators/index.ts';
import { chartOf } from './catalogue-helpers.ts';
import { MUN, catalogueFixture } from './catalogue-fixture.ts';
import { MAIN, SCHOOL, indicatorFixture } from './indicator-fixture.ts';

const db = indicatorFixture();

/** Vega-Lite warns about its own default for width 'container' with a step height; the result is 'fit-x'. */
const CONTAINER_WITH_STEP = 'Dropping "fit-y" because spec has discrete height.';

function compileStrict(spec: ChartSpec) {
  const warnings: string[] = [];
  const logger = vega.logger(vega.Warn, undefined, (method, _level, args) => {
    if (method === 'error') throw new Error(args.join(' '));
    warnings.push(args.join(' '));
  });
  const compiled = compile(spec, { logger });
  expect(warnings.filter((w) => w !== CONTAINER_WITH_STEP)).toEqual([]);
  return compiled.spec;
}

/** Fails on any use of the Function constructor (what a CSP without unsafe-eval forbids). */
async function withoutEval<T>(fn: () => Promise<T>): Promise<T> {
  const original = globalThis.Function;
  const trap = () => {
    throw new Error('Function constructor used (needs unsafe-eval)');
  };
  globalThis.Function = new Proxy(original, { apply: trap, construct: trap });
  try {
    return await fn();
  } finally {
    globalThis.Function = original;
  }
}

/** Compiles (no warnings), parses with `ast: true` and renders with vega-interpreter, as the UI does. */
async function renderUnderCsp(spec: ChartSpec): Promise<string> {
  const vgSpec = compileStrict(spec);
  expect(vgSpec.autosize).toEqual({ type: 'fit-x', contains: 'padding' });
  const runtime = vega.parse(vgSpec, undefined, { ast: true });
  // without a container the width falls back to 300 px
  return withoutEval(() => new vega.View(runtime, { expr: expressionInterpreter, renderer: 'none' }).toSVG());
}

describe('the CSP check', () => {
  it('catches the default expression code generator', async () => {
    const spec = buildChartSpec(chartOf(CATALOGUE[1]), runIndicator(db, CATALOGUE[1], MAIN));
    const runtime = vega.parse(compileStrict(spec));
    await expect(withoutEval(() => new vega.View(runtime, { renderer: 'none' }).toSVG())).rejects.toThrow(/unsafe-eval/);
  });
});

describe('indicator charts', () => {
  const catalogueDb = catalogueFixture();
  const M4 = { year: 2025, subject: 'math', grade: 4, municipality: MUN };
  const GIA = { year: 2025, municipality: MUN, kind: 'oge', subject: 'rus', school: 0 };
  /** Parameters that give each chart rows to draw, and a text the drawing must contain. */
  const CASES: Record<string, [Record<string, SqlValue>, string]> = {
    V9: [{ ...MAIN, school: SCHOOL.sosh1 }, '>10</text>'],
    V10: [MAIN, 'Гимназия №2'],
    V11: [{ ...MAIN, school: 0, hide_small: 0 }, '>10</text>'],
    V12: [{ ...MAIN, school: 0 }, '>6</text>'],
    V13: [M4, 'СОШ №1'],
    V16: [{ year: 2024, subject: 'rus', grade: 4, municipality: MUN }, '2025 (5 кл.)'],
    V7S: [{ year: 2026, municipality: MUN }, 'РУ-6'],
    O1: [{ municipality: MUN }, '2024'],
    O2: [{ ...M4, min_n: 10 }, 'есть официальный признак'],
    O3: [{ year: 2025, subject: 'rus', municipality: MUN }, 'СОШ №1'],
    G1: [GIA, 'после пересдач'],
    G2: [GIA, 'СОШ №1'],
    G3: [GIA, 'СОШ №1'],
    G4: [GIA, '2024'],
    E1: [GIA, 'Математика (профильный уровень)'],
    E2: [GIA, 'СОШ №1'],
    E3: [GIA, 'выше границы 2'],
    E4: [GIA, 'Все участники (человек)'],
    E5: [GIA, 'СОШ №1'],
    E6: [GIA, 'по основному периоду'],
    E7: [{ exam: 'ege:rus:', municipality: MUN, school: 0 }, 'Средний тестовый балл'],
    M1: [{ year: 2026, municipality: MUN }, 'отобрана'],
    M2: [{ scheme: 'settlement', ...MAIN }, 'город'],
    M3: [{ year: 2025, municipality: MUN }, 'Гимназия №2'],
    K1: [GIA, 'Гимназия №2'],
    K2: [GIA, 'высшая'],
    K3: [GIA, 'Гимназия №2'],
    K4: [GIA, 'Гимназия №2'],
    T1: [GIA, 'СОШ №1'],
    D1: [GIA, 'СОШ №1'],
    P1: [GIA, 'Гимназия №2'],
    P2: [GIA, 'Гимназия №2'],
    P3: [{ municipality: MUN }, '2024/2025'],
    N1: [GIA, 'Гимназия №2'],
    N2: [GIA, 'Гимназия №2'],
    N3: [{ municipality: MUN }, '2024/2025'],
    B1: [GIA, 'Гимназия №2'],
    B2: [GIA, 'Гимназия №2'],
    B3: [{ municipality: MUN }, '2024/2025'],
    L1: [GIA, 'Сформирован кадровый резерв'],
    L2: [GIA, 'Гимназия №2'],
    S1: [GIA, 'Здоровье, безопасность'],
    S2: [GIA, 'СОШ №1'],
    R1: [MAIN, 'расхождение'],
  };

  for (const def of CATALOGUE) {
    it(`${def.id} is valid, compiles, parses with ast and renders with the interpreter`, async () => {
      expect(validateIndicatorDef(def, catalogueDb), def.id).toEqual([]);
      const [params, text] = CASES[def.id] ?? [MAIN, 'Гимназия №2'];
      const result = runIndicator(catalogueDb, def, params);
      expect(result.rows.length, def.id).toBeGreaterThan(0);
      const svg = await renderUnderCsp(buildChartSpec(chartOf(def), result, { title: def.title }));
      expect(svg).toContain(def.title);
      expect(svg, def.id).toContain(text);
      expect(svg).toContain('<path'); // marks were drawn
    });
  }

  it('V2 stacks the marks 2→5 with a fixed colour per mark', async () => {
    const spec = buildChartSpec(chartOf(CATALOGUE[1]), runIndicator(db, CATALOGUE[1], MAIN));
    const vgSpec = compileStrict(spec);
    const color = vgSpec.scales?.find((s) => s.name === 'color') as { domain?: unknown; range?: unknown } | undefined;
    expect(color?.domain).toEqual(['«2»', '«3»', '«4»', '«5»']);
    expect(color?.range).toEqual(['#d73027', '#fdae61', '#a6d96a', '#1a9850']);
  });
});

describe('buildChartSpec', () => {
  it('adds schema, container width and the rows as objects without touching the definition', () => {
    const chart = { mark: 'bar', encoding: { x: { field: 'n', type: 'quantitative' } } } as const;
    const before = JSON.stringify(chart);
    const spec = buildChartSpec(
      chart,
      {
        columns: ['name', 'n'],
        rows: [
          ['A', 1],
          ['B', null],
        ],
      },
      { title: 'Т' },
    );
    expect(spec).toMatchObject({
      $schema: VEGA_LITE_SCHEMA,
      width: 'container',
      title: 'Т',
      mark: 'bar',
      data: {
        values: [
          { name: 'A', n: 1 },
          { name: 'B', n: null },
        ],
      },
    });
    expect(JSON.stringify(chart)).toBe(before);
    expect(buildChartSpec(chart, { columns: [], rows: [] })).not.toHaveProperty('title');
  });
});

describe('defaultChartSpec', () => {
  const rows: SqlValue[][] = [
    ['СОШ №1', 2026, 12.5],
    ['Гимназия', 2026, 30],
    [null, 2026, null],
  ];

  it('draws the first text column against the first numeric column', async () => {
    const spec = defaultChartSpec(['s.name', 'year', 'avg(x.score)'], rows)!;
    expect('encoding' in spec && spec.encoding).toMatchObject({
      y: { field: 's\\.name', title: 's.name' },
      x: { field: 'year', type: 'quantitative' },
    });
    expect(await renderUnderCsp(spec)).toContain('СОШ №1');
  });

  it('uses dotted or bracketed column names as flat fields', async () => {
    const spec = defaultChartSpec(
      ['school[1]', 'avg(x.score)'],
      [
        ['A', 12.5],
        ['B', 30],
      ],
    )!;
    expect('encoding' in spec && spec.encoding).toMatchObject({ y: { field: 'school\\[1\\]' }, x: { field: 'avg(x\\.score)' } });
    const svg = await renderUnderCsp(spec);
    expect(svg).toContain('>A</text>');
    expect(svg).toMatch(/>30<\/text>/); // the axis reaches the value: the field was read
  });

  it('draws a single bar for a lone number and nothing without numbers', async () => {
    const single = defaultChartSpec(['COUNT(*)'], [[42]])!;
    expect('encoding' in single && single.encoding).toEqual({ x: { field: 'COUNT(*)', type: 'quantitative', title: 'COUNT(*)' } });
    await renderUnderCsp(single);
    expect(defaultChartSpec(['name', 'code'], [['a', 'b']])).toBeNull();
    expect(defaultChartSpec(['n'], [[null]])).toBeNull();
    expect(defaultChartSpec([], [])).toBeNull();
  });
});
