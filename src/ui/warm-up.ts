import type { EngineClient } from '../engine/client.ts';
import { loadChartCode } from '../charts/embed.ts';
import { warmUpPictures } from '../charts/pictures.ts';
import { loadGrid } from './grid/ResultGrid.svelte';

/** How long the start screen must wait for a choice before the warm-up starts. */
const PAUSE_MS = 1000;

/**
 * The grid (Handsontable) and the charts (Vega) are most of the app's code, so they are not among
 * the files the page starts on. But a table and a chart are what a session shows first: the first
 * indicator would wait for them to be fetched and compiled (~0.75 s on two cores). While the user
 * reads the start screen the page is idle — then they are fetched and compiled. Not at once: a
 * choice made right away opens its session sooner without compiling beside it. Returns what stops
 * a warm-up that has not started. A failure here is not the user's concern: the first draw loads
 * them again and says what went wrong.
 */
export function warmUpDrawing(): () => void {
  return whenIdleAfterPause(() => {
    void loadGrid().catch(() => undefined);
    void loadChartCode().catch(() => undefined);
    warmUpPictures();
  });
}

/** `load` once the page has waited PAUSE_MS and is idle; returns what cancels it before it runs. */
function whenIdleAfterPause(load: () => void): () => void {
  let idle: number | undefined;
  const pause = setTimeout(() => {
    if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(load, { timeout: 2000 });
    else load();
  }, PAUSE_MS);
  return () => {
    clearTimeout(pause);
    if (idle !== undefined) cancelIdleCallback(idle);
  };
}

/**
 * The engine's import code (SheetJS, the reader of big sheets) loaded ahead of the first file:
 * once the page with a session has been idle a moment, or as soon as the user heads for a file
 * (the pointer on «Загрузить файлы…», files dragged over the window). Loading it when the file
 * comes adds ~0.15–0.25 s to that import. Returns what cancels the idle start.
 */
export function warmUpImportWhenIdle(engine: EngineClient, loaded: () => void): () => void {
  return whenIdleAfterPause(() => void warmUpImport(engine).then(loaded));
}

const warming = new WeakMap<EngineClient, Promise<void>>();

/** Has the engine load its import code, once per engine client; a failure is the import's to report later. */
export function warmUpImport(engine: EngineClient): Promise<void> {
  let loading = warming.get(engine);
  if (!loading) warming.set(engine, (loading = engine.call('warmUpImport', {}).catch(() => undefined)));
  return loading;
}
