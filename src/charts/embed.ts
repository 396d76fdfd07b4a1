/**
 * The one way the page draws a Vega-Lite chart. vega-embed is loaded on first use (it is most of
 * the bundle). Our CSP has no 'unsafe-eval', so expressions are interpreted (ast +
 * vega-interpreter), never compiled. Every spec is rebuilt from what a chart may hold
 * (core/charts/sanitize.ts) and the loader refuses every request, so a chart from a shared
 * indicator can neither fetch, nor navigate, nor offer an export menu — whatever it says.
 */
import type { View } from 'vega';
import type { ChartSpec } from '../core/charts/chart-spec.ts';
import { compiledChart } from './compiled.ts';
import { drawableChart } from './drawable.ts';
import { NO_LOADER, RU_FORMAT, RU_TIME } from './vega-options.ts';

export interface EmbeddedChart {
  view: View;
  finalize: () => void;
}

/** Vega and its expression interpreter: files of their own, fetched with the first chart (or ahead of it, ui/warm-up.ts). */
export const loadChartCode = () => Promise.all([import('vega-embed'), import('vega-interpreter')]);

export async function embedChart(host: HTMLElement, spec: ChartSpec, renderer: 'svg' | 'canvas' = 'svg'): Promise<EmbeddedChart> {
  const [{ default: embed, vegaLite }, { expressionInterpreter }] = await loadChartCode();
  // a plain copy rebuilt from Vega-Lite's own keys and values (the spec may come from a view's state)
  const clean = drawableChart(spec);
  // Compiled to Vega once per chart shape (compiled.ts), as vega-embed would compile it each time.
  const result = await embed(host, compiledChart(clean, vegaLite.compile), {
    mode: 'vega',
    // vega-embed hovers Vega specs by default, not Vega-Lite ones: as before
    hover: false,
    ast: true,
    expr: expressionInterpreter,
    actions: false,
    renderer,
    loader: NO_LOADER,
    formatLocale: RU_FORMAT,
    timeFormatLocale: RU_TIME,
  });
  return { view: result.view, finalize: result.finalize };
}
