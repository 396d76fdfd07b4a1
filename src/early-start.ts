import { startEngine } from './engine/client.ts';
import { prefetchDemoSession } from './store/demo.ts';
import { isFirstVisit } from './store/first-visit.ts';

/**
 * The engine's worker and, on a first visit, the demo's download — started before the screen's
 * modules run and mount (main.ts imports this first; modules run in the order they are imported).
 * A worker created after them waited for the page's main thread, busy mounting the screen, before
 * its thread could start (docs/benchmarks.md, «Холодный старт», 07.12.2026).
 */
export const engine = startEngine();
if (isFirstVisit()) prefetchDemoSession();
