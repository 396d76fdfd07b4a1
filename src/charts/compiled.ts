/**
 * Vega-Lite → Vega, once per chart shape. Compiling is a third of drawing a small chart, and it
 * does not depend on the rows: the rows enter the compiled spec as one named dataset. So a
 * chart is compiled with a named placeholder instead of its rows, kept by its shape (the spec
 * without the rows), and each drawing gets a copy with its rows put in the placeholder.
 */
import type { Spec as VegaSpec } from 'vega';
import type { compile } from 'vega-lite';
import type { ChartSpec } from '../core/charts/chart-spec.ts';

/** The dataset that carries the rows in a compiled shape (no chart names its data so: named data is not cached). */
const ROWS = 'oko_rows';
/** Shapes kept: the open tabs and a few more, each a few kilobytes. */
const KEPT = 64;

const shapes = new Map<string, VegaSpec>();

/** `spec` compiled to Vega, its rows inline — the same spec `compile(spec)` gives, from a kept shape when there is one. */
export function compiledChart(spec: ChartSpec, compileSpec: typeof compile): VegaSpec {
  const data: unknown = 'data' in spec ? spec.data : undefined;
  if (!data || typeof data !== 'object' || !('values' in data) || 'name' in data) return compileSpec(spec).spec;
  const { data: _rows, ...shape } = spec;
  const key = JSON.stringify(shape);
  let compiled = shapes.get(key);
  if (compiled) shapes.delete(key);
  else compiled = compileSpec({ ...shape, data: { name: ROWS } } as ChartSpec).spec;
  shapes.set(key, compiled);
  if (shapes.size > KEPT) shapes.delete(shapes.keys().next().value!);
  // a copy per drawing: Vega's parser must not share objects between views
  const copy = structuredClone(compiled);
  const rows = copy.data?.find((d) => d.name === ROWS);
  if (!rows) return compileSpec(spec).spec;
  Object.assign(rows, { values: data.values });
  return copy;
}
