/**
 * A chart is data, never active content. A definition may come in a file or a link from anyone,
 * and Vega-Lite has ways to act: a `usermeta.embedOptions` that vega-embed merges over ours
 * (export menus posting the data to another origin), `href` channels and mark properties
 * (a click navigates away with the row's values in the address), `url` data and image marks
 * (requests), `bind.element` (attaching inputs to any element of the page). The CSP cannot stop
 * a navigation. So every spec is rebuilt from what is allowed before it is drawn:
 *
 *  - views: a fixed set of Vega-Lite keys; anything else is dropped;
 *  - marks: the drawing types only (no `image`);
 *  - encodings: the visual channels only (no `href`, no `url`);
 *  - data: inline `values` only;
 *  - anywhere: keys that act (`href`, `url`, `usermeta`, `element`, `embedOptions`) are dropped,
 *    and so is any string that is a link to somewhere else.
 *
 * What is dropped is listed, so a confirmation can say so.
 */

const VIEW_KEYS = new Set([
  '$schema',
  'title',
  'description',
  'name',
  'width',
  'height',
  'autosize',
  'padding',
  'background',
  'config',
  'data',
  'transform',
  'mark',
  'encoding',
  'layer',
  'hconcat',
  'vconcat',
  'concat',
  'facet',
  'repeat',
  'spec',
  'resolve',
  'params',
  'projection',
  'spacing',
  'align',
  'bounds',
  'center',
  'columns',
  'view',
]);

const MARK_TYPES = new Set([
  'arc',
  'area',
  'bar',
  'boxplot',
  'circle',
  'errorband',
  'errorbar',
  'geoshape',
  'line',
  'point',
  'rect',
  'rule',
  'square',
  'text',
  'tick',
  'trail',
]);

const CHANNELS = new Set([
  'x',
  'y',
  'x2',
  'y2',
  'xOffset',
  'yOffset',
  'xError',
  'xError2',
  'yError',
  'yError2',
  'theta',
  'theta2',
  'radius',
  'radius2',
  'latitude',
  'longitude',
  'latitude2',
  'longitude2',
  'color',
  'fill',
  'stroke',
  'opacity',
  'fillOpacity',
  'strokeOpacity',
  'strokeWidth',
  'strokeDash',
  'size',
  'angle',
  'shape',
  'text',
  'tooltip',
  'detail',
  'key',
  'order',
  'facet',
  'row',
  'column',
  'description',
]);

/** Keys that make a chart act: dropped wherever they stand. */
const ACTIVE_KEYS = new Set(['href', 'url', 'usermeta', 'element', 'embedOptions', 'loader']);

/** A string that points somewhere: an address with a scheme that loads or runs, or a protocol-relative path. */
const LINK = /^\s*(?:(?:https?|ftp|file|data|blob|javascript|vbscript|mailto|wss?):|\/\/|www\.)/i;

/** A JSON object; whether it is a chart, isChartTemplate / isChartJson (chart-spec.ts) tell. */
export type ChartJson = Record<string, unknown>;

export interface SanitizedChart {
  spec: ChartJson;
  /** what was removed, as paths (`encoding.href`, `usermeta`, `layer[1].mark`), for the confirmation */
  removed: string[];
}

export function sanitizeChart(input: unknown): SanitizedChart {
  const removed: string[] = [];
  const spec = view(input, '', removed) ?? {};
  return { spec, removed };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

const at = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

function view(input: unknown, path: string, removed: string[]): ChartJson | null {
  if (!isObject(input)) {
    removed.push(path || 'график');
    return null;
  }
  const out: ChartJson = {};
  for (const [key, value] of Object.entries(input)) {
    const here = at(path, key);
    if (!VIEW_KEYS.has(key)) {
      removed.push(here);
      continue;
    }
    const clean = viewValue(key, value, here, removed);
    if (clean !== undefined) out[key] = clean;
  }
  // a view whose mark is refused (an image) draws nothing of its own: dropped whole
  if ('mark' in input && !('mark' in out)) {
    removed.push(path || 'график');
    return null;
  }
  return out;
}

function viewValue(key: string, value: unknown, path: string, removed: string[]): unknown {
  switch (key) {
    case '$schema':
      // Vega-Lite's own schema address is an identifier, never fetched
      return typeof value === 'string' && value.startsWith('https://vega.github.io/schema/') ? value : drop(path, removed);
    case 'mark':
      return mark(value, path, removed);
    case 'encoding':
      return encoding(value, path, removed);
    case 'data':
      return data(value, path, removed);
    case 'layer':
    case 'hconcat':
    case 'vconcat':
    case 'concat':
      if (!Array.isArray(value)) return drop(path, removed);
      return value.map((item, i) => view(item, at(path, i), removed)).filter((item): item is ChartJson => item !== null);
    case 'spec':
      return view(value, path, removed) ?? undefined;
    case 'facet':
    case 'repeat':
      // a facet field definition or a view; its channels are plain field definitions
      return plain(value, path, removed);
    default:
      return plain(value, path, removed);
  }
}

function drop(path: string, removed: string[]): undefined {
  removed.push(path);
  return undefined;
}

function mark(value: unknown, path: string, removed: string[]): unknown {
  if (typeof value === 'string') return MARK_TYPES.has(value) ? value : drop(path, removed);
  if (!isObject(value) || typeof value.type !== 'string' || !MARK_TYPES.has(value.type)) return drop(path, removed);
  return plain(value, path, removed);
}

function encoding(value: unknown, path: string, removed: string[]): unknown {
  if (!isObject(value)) return drop(path, removed);
  const out: Record<string, unknown> = {};
  for (const [channel, definition] of Object.entries(value)) {
    const here = at(path, channel);
    if (!CHANNELS.has(channel)) {
      removed.push(here);
      continue;
    }
    const clean = plain(definition, here, removed);
    if (clean !== undefined) out[channel] = clean;
  }
  return out;
}

function data(value: unknown, path: string, removed: string[]): unknown {
  if (!isObject(value)) return drop(path, removed);
  const out: Record<string, unknown> = {};
  if (Array.isArray(value.values)) out.values = plain(value.values, at(path, 'values'), removed);
  if (typeof value.name === 'string') out.name = value.name;
  for (const key of Object.keys(value)) if (key !== 'values' && key !== 'name') removed.push(at(path, key));
  return out;
}

/** Any JSON below a known key: kept as it is, without active keys and links. */
function plain(value: unknown, path: string, removed: string[]): unknown {
  if (Array.isArray(value)) return value.map((item, i) => plain(item, at(path, i), removed));
  if (typeof value === 'string') return LINK.test(value) ? drop(path, removed) : value;
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const here = at(path, key);
    if (ACTIVE_KEYS.has(key) || key === '__proto__') {
      removed.push(here);
      continue;
    }
    // an `image` mark inside a layer's or a condition's mark object
    if (key === 'mark' && !isObject(item) && typeof item === 'string' && !MARK_TYPES.has(item)) {
      removed.push(here);
      continue;
    }
    const clean = plain(item, here, removed);
    if (clean !== undefined) out[key] = clean;
  }
  return out;
}
