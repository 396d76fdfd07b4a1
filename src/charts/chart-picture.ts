/**
 * A chart as SVG markup, drawn without a page: what the chart worker (chart-worker.ts) does while
 * the page draws the table. Vega runs headless (no renderer, no handlers), the same compiled spec
 * the page's live view gets (compiled.ts), with expressions interpreted (the CSP forbids compiling
 * them) and the Russian locale. It is a picture of the chart the page later makes live in its
 * place (Chart.svelte): same spec, same width, same text measure (the worker measures text with
 * a canvas of its own), so the live view draws the same picture over it.
 */
import { formatLocale, parse, timeFormatLocale, View, type Spec as VegaSpec } from 'vega';
import { compile } from 'vega-lite';
import { expressionInterpreter } from 'vega-interpreter';
import type { ChartSpec } from '../core/charts/chart-spec.ts';
import { compiledChart } from './compiled.ts';
import { NO_LOADER, RU_FORMAT, RU_TIME } from './vega-options.ts';

formatLocale(RU_FORMAT);
timeFormatLocale(RU_TIME);

/**
 * `spec` with its width fixed at `width` where Vega-Lite left it to the container (`width:
 * 'container'`: a signal that reads the element the view draws in). Null when the spec reads the
 * container anywhere else (a height of 'container'): a picture would not match the live view.
 */
export function withWidth(spec: VegaSpec, width: number): VegaSpec | null {
  const signals = spec.signals?.map((signal) =>
    signal.name === 'width' && 'init' in signal && String(signal.init).includes('containerSize()') ? { name: 'width', value: width } : signal,
  );
  const fixed = { ...spec, ...(signals ? { signals } : {}) };
  return JSON.stringify(fixed).includes('containerSize') ? null : fixed;
}

/** The SVG of `spec` (already made drawable: charts/drawable.ts) `width` pixels wide, or null when only a live view can draw it. */
export async function chartPicture(spec: ChartSpec, width: number): Promise<string | null> {
  const fixed = withWidth(compiledChart(spec, compile), width);
  if (!fixed) return null;
  const view = new View(parse(fixed, undefined, { ast: true }), { renderer: 'none', expr: expressionInterpreter, loader: NO_LOADER, logLevel: 0 });
  try {
    await view.runAsync();
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
