import { isChartSpec, type ChartSpec } from '../core/charts/chart-spec.ts';
import { sanitizeChart } from '../core/charts/sanitize.ts';

/**
 * A plain copy of `spec` holding only what a chart may hold (core/charts/sanitize.ts) — plain, so
 * it can be cloned to the chart worker and by Vega (Svelte proxies cannot be). Throws when
 * nothing drawable is left.
 */
export function drawableChart(spec: ChartSpec): ChartSpec {
  const clean = sanitizeChart(spec).spec;
  if (!isChartSpec(clean)) throw new Error('в диаграмме не осталось того, что можно нарисовать.');
  return clean;
}
