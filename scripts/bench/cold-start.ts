import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { build, preview } from 'vite';
import { launch } from './chromium.ts';
import type { Figure } from './node-bench.ts';

const RUNS = 5;
const TIMEOUT = 120_000;

/** The moments of one visit on the page's own clock (ms since navigation started). */
interface Marks {
  /** the frame that first draws the start screen with «Посмотреть на демо-данных» */
  shell?: number;
  /** the demo chosen: as soon as the start screen is drawn */
  clicked?: number;
  /** the start screen gone, the catalogue's indicators can be clicked */
  catalogue?: number;
  /** the first indicator's view ready, its table and its chart drawn */
  drawn?: number;
}

/**
 * Runs in the page before its own scripts (an init script, so the page's CSP does not apply):
 * a MutationObserver notes the first moment each state holds, so no figure waits for the
 * browser's load event or a polling step, and it chooses the demo in the frame after the start
 * screen is drawn — the user's own pause is not counted, and the demo gets no head start from it.
 */
function recordVisit(): void {
  const marks: Marks = {};
  (window as unknown as { okoColdStart: Marks }).okoColdStart = marks;
  const check = () => {
    const demo = document.querySelector<HTMLButtonElement>('[data-testid="start-demo"]');
    if (demo && marks.shell === undefined) {
      marks.shell = Infinity;
      requestAnimationFrame(() => {
        marks.shell = performance.now();
        setTimeout(() => {
          marks.clicked = performance.now();
          demo.click();
        });
      });
    }
    const catalogue = !document.querySelector('[data-testid="start-screen"]') && !!document.querySelector('[data-testid="indicator-V2"]');
    if (!catalogue) return;
    marks.catalogue ??= performance.now();
    const view = document.querySelector('section.view[data-indicator][data-state="ready"]');
    if (marks.drawn === undefined && view?.querySelector('[data-testid="chart"] svg') && view.querySelector('[data-testid="result-grid"] .htCore tbody tr'))
      marks.drawn = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
}

/** The marks of the visit once the first indicator is drawn. */
async function visit(page: Page): Promise<Marks> {
  const marks = await page.waitForFunction(
    () => {
      const marks = (window as unknown as { okoColdStart?: Marks }).okoColdStart;
      return marks?.drawn !== undefined ? marks : null;
    },
    undefined,
    { timeout: TIMEOUT, polling: 100 },
  );
  return (await marks.jsonValue()) as Marks;
}

export interface ColdStart {
  /** navigation → the start screen drawn (the shell with its three choices) */
  shell: number;
  /** «Посмотреть на демо-данных» → the catalogue can be clicked */
  catalogue: number;
  /** «Посмотреть на демо-данных» → the first indicator drawn */
  demo: number;
  /** navigation → the catalogue with the demo, the demo chosen as soon as the start screen was drawn */
  total: number;
  /** navigation → the first indicator drawn, the same way */
  totalDrawn: number;
  /** navigation → the first indicator drawn on the next visit (the last session reopens from IndexedDB, the app from the service worker) */
  returning: number;
}

/**
 * Cold start of the built app in a fresh Chromium profile, as a first-time user: the page
 * loads, the start screen appears, the user chooses the demo at once, the catalogue answers.
 * Then a reload: the returning visit.
 */
export async function measureColdStart(url: string): Promise<ColdStart> {
  const { context, profile } = await launch();
  try {
    await context.addInitScript(recordVisit);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    const first = await visit(page);
    if (first.shell === undefined || first.clicked === undefined) throw new Error('стартовый экран не показан: профиль не чистый?');
    // the session is in IndexedDB and the service worker has the app before the next visit
    await page.waitForFunction(() => document.querySelector('[data-testid="session-status"]')?.getAttribute('data-state') === 'saved', undefined, {
      timeout: TIMEOUT,
    });
    await page.waitForFunction(() => !!navigator.serviceWorker?.controller, undefined, { timeout: TIMEOUT });
    await page.reload();
    const returning = await visit(page);
    return {
      shell: first.shell,
      catalogue: first.catalogue! - first.clicked,
      demo: first.drawn! - first.clicked,
      total: first.catalogue!,
      totalDrawn: first.drawn!,
      returning: returning.drawn!,
    };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** A build to time: its address, and a name when two are compared («до», «после»). */
export interface ColdStartBuild {
  name: string;
  url: string;
}

/**
 * RUNS cold starts of each build, the builds in turn (A, B, A, B …): the load of a shared machine
 * falls on both alike. Each line of the log carries the load average at its end.
 */
export async function runColdStartBench(builds: ColdStartBuild[], log: (line: string) => void): Promise<Figure[]> {
  const runs = new Map(builds.map((b) => [b.name, [] as ColdStart[]]));
  for (let i = 0; i < RUNS; i++) {
    for (const { name, url } of builds) {
      const run = await measureColdStart(url);
      runs.get(name)!.push(run);
      log(
        `  ${name ? `${name}: ` : ''}холодный старт ${i + 1}: оболочка ${Math.round(run.shell)} мс, демо → каталог ${Math.round(run.catalogue)} мс, → первый показатель ${Math.round(run.demo)} мс; до каталога ${Math.round(run.total)} мс, до первого показателя ${Math.round(run.totalDrawn)} мс; повторный визит ${Math.round(run.returning)} мс; load ${loadavg()[0].toFixed(1)}`,
      );
    }
  }
  return builds.flatMap(({ name }) => coldStartFigures(name, runs.get(name)!));
}

function coldStartFigures(name: string, runs: ColdStart[]): Figure[] {
  const figure = (what: string, values: number[]): Figure => {
    const spread = `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`;
    return { what: `Chromium${name ? ` (${name})` : ''}: ${what}, медиана ${RUNS} (разброс ${spread} мс)`, value: median(values), unit: 'мс' };
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
      'холодный старт до каталога с демо (демо выбрано, как только нарисован стартовый экран)',
      runs.map((r) => r.total),
    ),
    figure(
      'холодный старт до первого показателя с демо (так же)',
      runs.map((r) => r.totalDrawn),
    ),
    figure(
      'повторный визит — от перехода до первого показателя',
      runs.map((r) => r.returning),
    ),
  ];
}

/**
 * `npm run bench -- cold`: only the cold start, on a build of its own. `npm run bench -- cold
 * <dist>`: the same beside another build already made (say, of main: `npm run build -- --outDir
 * <dist>` in its checkout), in turn — «до» that one, «после» this.
 */
export async function runColdStart(log: (line: string) => void, before?: string): Promise<Figure[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'oko-bench-dist-'));
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const serve = (dir: string) => preview({ logLevel: 'warn', build: { outDir: dir }, preview: { host: '127.0.0.1', port: 0 } });
  const after = await serve(outDir);
  const earlier = before ? await serve(resolve(before)) : null;
  try {
    const url = (server: Awaited<ReturnType<typeof serve>>) => server.resolvedUrls!.local[0];
    return await runColdStartBench(
      earlier
        ? [
            { name: 'до', url: url(earlier) },
            { name: 'после', url: url(after) },
          ]
        : [{ name: '', url: url(after) }],
      log,
    );
  } finally {
    await earlier?.close();
    await after.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
