import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import * as vega from 'vega';
import { chartPicture, withWidth } from '../../src/charts/chart-picture.ts';
import { buildChartSpec, type ChartSpec } from '../../src/core/charts/chart-spec.ts';

const quiet = vega.logger(vega.None);
const bars = (rows: [string, number][]): ChartSpec =>
  buildChartSpec(
    {
      height: { step: 20 },
      mark: { type: 'bar', tooltip: true },
      encoding: { y: { field: 'name', type: 'nominal', sort: null }, x: { field: 'n', type: 'quantitative' } },
    },
    { columns: ['name', 'n'], rows },
  );

describe('a chart drawn as a picture by the chart worker', () => {
  it('fills the width it is given, as the live view fills its container', async () => {
    const svg = (await chartPicture(
      bars([
        ['СОШ № 1', 10],
        ['СОШ № 2', 30],
      ]),
      480,
    ))!;
    expect(svg).toMatch(/^<svg[^>]* width="480" height="\d+"/);
    expect(svg).toContain('>СОШ № 1</text>');
    expect(svg.match(/role-axis-label/g)?.length).toBeGreaterThan(0);
  });

  it('writes cell text as escaped text, never as markup', async () => {
    const svg = (await chartPicture(
      bars([
        ['<img src=x onerror="alert(1)">', 1],
        ['</text><script>alert(2)</script>', 2],
      ]),
      400,
    ))!;
    expect(svg).not.toMatch(/<(img|script)\b/);
    expect(svg).toContain('&lt;img src=x');
    expect(svg).toContain('&lt;/text&gt;&lt;script&gt;');
  });

  it('fixes only a container width; a chart that reads its container otherwise is left to the live view', () => {
    const fitted = compile(bars([['a', 1]]), { logger: quiet }).spec;
    const fixed = withWidth(fitted, 640)!;
    expect(fixed.signals?.find((s) => s.name === 'width')).toEqual({ name: 'width', value: 640 });
    expect(JSON.stringify(fixed)).not.toContain('containerSize');
    const tall = compile({ ...bars([['a', 1]]), height: 'container' } as ChartSpec, { logger: quiet }).spec;
    expect(withWidth(tall, 640)).toBeNull();
  });
});
