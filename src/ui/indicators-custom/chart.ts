import { isChartTemplate, type ChartTemplate, type NoChart } from '../../core/charts/chart-spec.ts';

/** A definition's chart can be drawn when it says what to draw: a mark with encodings, layers, facets, … */
export function hasChart(chart: ChartTemplate | NoChart | null | undefined): chart is ChartTemplate {
  return isChartTemplate(chart);
}
