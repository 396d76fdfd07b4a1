import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import type { Figure } from './node-bench.ts';

const RUNS = 5;
const TIMEOUT = 120_000;

/**
 * The page's own clock (ms since navigation started), read in the frame the state first holds:
 * 'shell' — the start screen offers the demo; 'catalogue' — the start screen is gone and the
 * catalogue's indicators can be clicked; 'drawn' — the first indicator's view has its result
 * (table and chart: the chart code loads on first use). One function with an argument: the
 * page's CSP forbids evaluating strings.
 */
async function when(page: Page, state: 'shell' | 'catalogue' | 'drawn'): Promise<number> {
  const handle = await page.waitForFunction(
    (state) => {
      const catalogue = !document.querySelector('[data-testid="start-screen"]') && !!document.querySelector('[data-testid="indicator-V2"]');
      const holds =
        state === 'shell'
          ? !!document.querySelector('[data-testid="start-demo"]')
          : state === 'catalogue'
            ? catalogue
            : catalogue && document.querySelector('section.view[data-indicator]')?.getAttribute('data-state') === 'ready';
      return holds ? performance.now() : 0;
    },
    state,
    { timeout: TIMEOUT, polling: 'raf' },
  );
  return Number(await handle.jsonValue());
}

export interface ColdStart {
  /** navigation → the start screen (the shell with its three choices) */
  shell: number;
  /** «Посмотреть на демо-данных» → the catalogue can be clicked */
  catalogue: number;
  /** «Посмотреть на демо-данных» → the first indicator drawn */
  demo: number;
  /** navigation → the first indicator drawn on the next visit (the last session reopens from IndexedDB, the app from the service worker) */
  returning: number;
}

/**
 * Cold start of the built app in a fresh Chromium profile, as a first-time user: the page
 * loads, the start screen appears, the user chooses the demo, the catalogue answers. The user's
 * own pause before the click is not counted: first visit = shell + demo. Then a reload: the
 * returning visit.
 */
export async function measureColdStart(url: string): Promise<ColdStart> {
  const profile = mkdtempSync(join(tmpdir(), 'oko-bench-cold-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1366, height: 768 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    const shell = await when(page, 'shell');
    const clicked = await page.evaluate(() => {
      (document.querySelector('[data-testid="start-demo"]') as HTMLButtonElement).click();
      return performance.now();
    });
    const catalogue = await when(page, 'catalogue');
    const ready = await when(page, 'drawn');
    // the session is in IndexedDB and the service worker has the app before the next visit
    await page.waitForFunction(() => document.querySelector('[data-testid="session-status"]')?.getAttribute('data-state') === 'saved', undefined, {
      timeout: TIMEOUT,
    });
    await page.waitForFunction(() => !!navigator.serviceWorker?.controller, undefined, { timeout: TIMEOUT });
    await page.reload();
    const returning = await when(page, 'drawn');
    return { shell, catalogue: catalogue - clicked, demo: ready - clicked, returning };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function runColdStartBench(url: string, log: (line: string) => void): Promise<Figure[]> {
  const runs: ColdStart[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await measureColdStart(url);
    runs.push(run);
    log(
      `  холодный старт ${i + 1}: оболочка ${Math.round(run.shell)} мс, демо → каталог ${Math.round(run.catalogue)} мс, → первый показатель ${Math.round(run.demo)} мс, повторный визит ${Math.round(run.returning)} мс`,
    );
  }
  const figure = (what: string, values: number[]): Figure => {
    const spread = `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`;
    return { what: `Chromium: ${what}, медиана ${RUNS} (разброс ${spread} мс)`, value: median(values), unit: 'мс' };
  };
  return [
    figure(
      'холодный старт — от перехода до стартового экрана',
      runs.map((r) => r.shell),
    ),
    figure(
      'холодный старт — «Посмотреть на демо-данных» → каталог можно щёлкать',
      runs.map((r) => r.catalogue),
    ),
    figure(
      'холодный старт — «Посмотреть на демо-данных» → первый показатель с таблицей и диаграммой',
      runs.map((r) => r.demo),
    ),
    figure(
      'холодный старт до каталога с демо (стартовый экран + выбор демо, без паузы пользователя)',
      runs.map((r) => r.shell + r.catalogue),
    ),
    figure(
      'холодный старт до первого показателя с демо (без паузы пользователя)',
      runs.map((r) => r.shell + r.demo),
    ),
    figure(
      'повторный визит — от перехода до первого показателя',
      runs.map((r) => r.returning),
    ),
  ];
}

/** `npm run bench -- cold`: only the cold start, on a build of its own. */
export async function runColdStart(log: (line: string) => void): Promise<Figure[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'oko-bench-dist-'));
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
  try {
    return await runColdStartBench(server.resolvedUrls!.local[0], log);
  } finally {
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
