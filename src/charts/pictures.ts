/**
 * The page's side of the chart worker (chart-worker.ts). A result's chart is first a picture the
 * worker draws on the second core while the page draws the table; the live Vega view (embed.ts)
 * takes its place when the page is idle or the pointer comes to the chart (Chart.svelte).
 */
import type { ChartSpec } from '../core/charts/chart-spec.ts';
import { cleanSvgElement } from './clean-svg.ts';
import type { PictureAnswer, PictureRequest } from './picture-protocol.ts';

let worker: Worker | null = null;
/** A worker that failed to start is not started again: charts are drawn live instead. */
let failed = false;
let lastId = 0;
const waiting = new Map<number, (svg: string | null) => void>();

function answerAll(svg: null): void {
  for (const done of waiting.values()) done(svg);
  waiting.clear();
}

function chartWorker(): Worker | null {
  if (worker || failed) return worker;
  try {
    worker = new Worker(new URL('./chart-worker.ts', import.meta.url), { type: 'module', name: 'oko-charts' });
  } catch {
    failed = true;
    return null;
  }
  worker.onmessage = ({ data }: MessageEvent<PictureAnswer>) => {
    waiting.get(data.id)?.(data.svg);
    waiting.delete(data.id);
  };
  worker.onerror = () => {
    failed = true;
    worker?.terminate();
    worker = null;
    answerAll(null);
  };
  return worker;
}

/** Starts the worker (it loads Vega) ahead of the first chart: ui/warm-up.ts. */
export function warmUpPictures(): void {
  chartWorker();
}

/**
 * The picture of `spec` (drawable: drawable.ts) `width` pixels wide, as SVG markup — or null:
 * no worker, or a chart only a live view can draw; the caller then draws it live at once.
 */
export function chartPicture(spec: ChartSpec, width: number): Promise<string | null> {
  const target = chartWorker();
  if (!target) return Promise.resolve(null);
  const id = ++lastId;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    try {
      target.postMessage({ id, spec, width } satisfies PictureRequest);
    } catch {
      waiting.delete(id);
      resolve(null);
    }
  });
}

/** Puts the picture in `host` in place of what it held, cleaned of anything active (clean-svg.ts); false if the markup is not an SVG. */
export function showPicture(host: HTMLElement, markup: string): boolean {
  const picture = cleanSvgElement(markup);
  if (!picture) return false;
  host.replaceChildren(picture);
  return true;
}
