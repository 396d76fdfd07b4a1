import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import initSqlJs from '../../wasm/node.ts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_FILE_COUNT } from '../../src/core/demo/index.ts';
import { Engine } from '../../src/engine/engine.ts';
import { openApp, waitForSession, type AppSession } from './browser.ts';

/**
 * A first visit, as the cold-start benchmark times it (docs/benchmarks.md, «Холодный старт»): the
 * engine's worker and the demo's download start before the screen's code runs (src/early-start.ts),
 * the demo chosen at once opens the catalogue and its first indicator from that one download, and
 * the next visit opens the saved session without downloading the demo again.
 */
const baseUrl = inject('baseUrl');

interface DemoFetch {
  url: string;
  /** whether the page still showed its static «Око загружается…» (main.ts removes it once the screen is mounted) */
  bootShown: boolean;
}

/** Runs before the page's scripts: notes each fetch() of the demo and whether the screen had been mounted by then. */
function recordDemoFetches(): void {
  const fetches: DemoFetch[] = [];
  (window as unknown as { okoDemoFetches: DemoFetch[] }).okoDemoFetches = fetches;
  const original = window.fetch;
  window.fetch = function (input: RequestInfo | URL, init?: RequestInit) {
    const url = input instanceof Request ? input.url : String(input);
    if (url.includes('demo.sqlite')) fetches.push({ url, bootShown: !!document.getElementById('boot') });
    return original.call(this, input, init);
  };
}

const demoFetches = (app: AppSession) => app.page.evaluate(() => (window as unknown as { okoDemoFetches: DemoFetch[] }).okoDemoFetches);

/** The first indicator of the catalogue and how many rows it gives on the shipped demo, in Node. */
async function firstIndicatorOnDemo(): Promise<{ id: string; rows: number }> {
  const engine = new Engine(await initSqlJs());
  engine.open({ bytes: gunzipSync(readFileSync(join(inject('distDir'), 'demo', 'demo.sqlite.gz'))), source: 'saved' });
  const { id } = engine.indicators()[0];
  return { id, rows: engine.runIndicator({ id, params: {} }).rows.length };
}

describe('a first visit: the demo on its way before the screen, the catalogue from one download', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(baseUrl, { start: 'screen', initScript: recordDemoFetches });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the demo is asked for once, before the screen is mounted', async () => {
    expect(await app.page.$('[data-testid="start-screen"]')).not.toBeNull();
    const fetches = await demoFetches(app);
    expect(fetches.map((f) => new URL(f.url, baseUrl).pathname)).toEqual(['/demo/demo.sqlite.gz']);
    expect(fetches[0].bootShown).toBe(true);
  });

  it('«Посмотреть на демо-данных» opens the demo catalogue and runs its first indicator, with no second download', async () => {
    const { page } = app;
    const first = await firstIndicatorOnDemo();
    expect(first.rows).toBeGreaterThan(0);
    await page.click('[data-testid="start-demo"]');
    await waitForSession(page, { demo: true });
    expect(Number(await page.getAttribute('[data-testid="table-import_batch"]', 'data-count'))).toBe(DEMO_FILE_COUNT);
    expect(await page.$$eval('[data-testid^="indicator-"]', (items) => items.length)).toBeGreaterThan(0);
    const view = `section.view[data-indicator="${first.id}"][data-state="ready"]`;
    await page.waitForSelector(`${view} [data-testid="result-grid"] .ht_master tbody tr td`);
    expect(Number(await page.getAttribute(view, 'data-rows'))).toBe(first.rows);
    expect(await demoFetches(app)).toHaveLength(1);
    // the session was written to IndexedDB once the screen showed it: it is in the session list
    await page.click('[data-testid="session-menu"]');
    expect(await page.$$eval('[data-testid="session-item"]', (items) => items.map((i) => i.getAttribute('data-name')))).toEqual(['Демо-муниципалитет']);
    await page.keyboard.press('Escape');
  });

  it('the next visit reopens the saved demo session and does not download the demo', async () => {
    const { page } = app;
    await page.reload();
    await waitForSession(page, { demo: true });
    expect(Number(await page.getAttribute('[data-testid="table-import_batch"]', 'data-count'))).toBe(DEMO_FILE_COUNT);
    expect(await demoFetches(app)).toEqual([]);
  });

  it('logged no errors', () => {
    expect(app.errors).toEqual([]);
  });
});
