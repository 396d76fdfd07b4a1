/** A definition's chart can be drawn when it says what to draw: a mark with encodings, layers, facets, … */
export function hasChart(chart: Record<string, unknown> | null | undefined): chart is Record<string, unknown> {
  if (!chart) return false;
  if ('mark' in chart) return 'encoding' in chart;
  return ['layer', 'concat', 'hconcat', 'vconcat', 'facet', 'repeat', 'spec'].some((key) => key in chart);
}
