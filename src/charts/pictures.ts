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

/**
 * Far longer than a chart takes even on a loaded machine: a worker still busy after it is stuck (a
 * chart whose transforms never end, a worker the browser dropped without a word). It is ended,
 * and the charts waiting for it are drawn live, as they were before there was a worker.
 */
const STUCK_MS = 20_000;

/** Every chart still waiting is drawn live. */
function answerAll(): void {
  for (const done of waiting.values()) done(null);
  waiting.clear();
}

function restart(): void {
  worker?.terminate();
  worker = null;
  answerAll();
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
    restart();
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
    const stuck = setTimeout(() => waiting.has(id) && restart(), STUCK_MS);
    waiting.set(id, (svg) => {
      clearTimeout(stuck);
      resolve(svg);
    });
    try {
      target.postMessage({ id, spec, width } satisfies PictureRequest);
    } catch {
      waiting.get(id)?.(null);
      waiting.delete(id);
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

/** Takes the last chart (picture or live view) off `host`: a result without a chart shows none. */
export function clearChart(host: HTMLElement): void {
  host.replaceChildren();
}
