import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { launch } from './chromium.ts';
import type { Figure } from './node-bench.ts';
import { changeParam, clickIndicator, closeAllTabs, closeIndicator, idle, type ClickOutcome } from './regional-clicks.ts';
import { median, spread } from './regional-report.ts';

const SESSION = '.bench/regional.sqlite';
/** Indicators clicked, unless OKO_BENCH_INDICATORS lists others (comma-separated ids). */
const DEFAULT_IDS = ['V1', 'V5', 'M1', 'E1', 'M2'];

interface Build {
  name: string;
  url: string;
  context: BrowserContext;
  page: Page;
  profile: string;
  /** per indicator, one outcome per round */
  clicks: Map<string, ClickOutcome[]>;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

/**
 * `npm run bench -- drawing [<dist>]`: clicks on catalogue indicators in the app on the regional
 * session (.bench/regional.sqlite, made by `npm run bench -- regional`), each click timed to the
 * view ready, the grid showing rows, the chart drawn, and both (regional-clicks.ts). With `<dist>`
 * (another build, say of main: `npm run build -- --outDir <dist>` in its checkout) the two builds
 * are open side by side and clicked in turn — «до» that one, «после» this one — so both run under
 * the same load. OKO_BENCH_INDICATORS=V1,V5 picks the indicators (`M2:1`: M2 asked about municipality 1, see
 * ask()), OKO_BENCH_ROUNDS the rounds (5).
 */
export async function runDrawingBench(log: (line: string) => void, before?: string): Promise<Figure[]> {
  if (!existsSync(SESSION)) throw new Error(`нет ${SESSION}: его создаёт npm run bench -- regional`);
  const ids = (process.env.OKO_BENCH_INDICATORS ?? DEFAULT_IDS.join(','))
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const rounds = Number(process.env.OKO_BENCH_ROUNDS ?? 5);
  const loads = [`начало: ${load()}`];
  const outDir = mkdtempSync(join(tmpdir(), 'oko-bench-dist-'));
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const servers: PreviewServer[] = [];
  const builds: Build[] = [];
  try {
    const dirs = before
      ? [
          { name: 'до', dir: resolve(before) },
          { name: 'после', dir: outDir },
        ]
      : [{ name: '', dir: outDir }];
    for (const { name, dir } of dirs) {
      const server = await preview({ logLevel: 'warn', build: { outDir: dir }, preview: { host: '127.0.0.1', port: 0 } });
      servers.push(server);
      const { context, profile } = await launch();
      const page = context.pages()[0] ?? (await context.newPage());
      builds.push({ name, url: server.resolvedUrls!.local[0], context, page, profile, clicks: new Map(ids.map((id) => [id, []])) });
    }
    for (const b of builds) {
      await openRegionalSession(b.page, b.url);
      // the first click loads the grid and the chart code: not what a click costs afterwards
      await closeAllTabs(b.page);
      await idle(b.page);
      await ask(b.page, ids[0]);
      await closeIndicator(b.page, ids[0].split(':')[0]);
    }
    loads.push(`сессии открыты: ${load()}`);
    for (let round = 1; round <= rounds; round++) {
      // the builds take turns, and which goes first alternates with the round
      const order = round % 2 ? builds : [...builds].reverse();
      for (const id of ids) {
        for (const b of order) {
          await idle(b.page);
          const outcome = await ask(b.page, id);
          if (outcome.state === 'error' || outcome.rows === 0) throw new Error(`${b.name} ${id}: ${outcome.state === 'error' ? 'ошибка' : 'пустая таблица'}`);
          b.clicks.get(id)!.push(outcome);
          await closeIndicator(b.page, id.split(':')[0]);
        }
      }
      log(`  круг ${round}: ${ids.map((id) => `${id} ${builds.map((b) => Math.round(drawn(b.clicks.get(id)!.at(-1)!))).join('/')}`).join(', ')}`);
    }
    loads.push(`конец: ${load()}`);
  } finally {
    for (const b of builds) {
      await b.context.close();
      rmSync(b.profile, { recursive: true, force: true });
    }
    for (const server of servers) await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
  const table = drawingTable(builds, ids);
  writeFileSync('.bench/drawing.md', [`Load average (1 / 5 / 15 мин): ${loads.join('; ')}.`, '', table, ''].join('\n'));
  log(`  load average: ${loads.join('; ')}`);
  log('\n' + table);
  return builds.flatMap((b) =>
    ids.map((id) => ({
      what: `Chromium, регион 1 млн: ${id}${b.name ? ` (${b.name})` : ''} — щелчок → нарисовано (медиана ${rounds})`,
      value: median(b.clicks.get(id)!.map(drawn)),
      unit: 'мс',
    })),
  );
}

const drawn = (o: ClickOutcome) => o.drawnMs ?? o.readyMs;

/**
 * `V5`: a click on the indicator. `M2:1`: a click on it (not counted), then its municipality set
 * to 1 in the open form (counted) — how the regional bench asks a region-wide indicator about one
 * municipality.
 */
async function ask(page: Page, id: string): Promise<ClickOutcome> {
  const [indicator, municipality] = id.split(':');
  if (!municipality) return clickIndicator(page, indicator);
  await clickIndicator(page, indicator);
  await idle(page);
  return changeParam(page, indicator, 'municipality', municipality);
}

/** One row per indicator and build: medians (min–max) of the marks of each click. */
function drawingTable(builds: Build[], ids: string[]): string {
  const lines = ['| показатель | сборка | строк | щелчок → готово, мс | → таблица, мс | → диаграмма, мс | → нарисовано, мс |', '|---|---|---|---|---|---|---|'];
  const marks = (clicks: ClickOutcome[], pick: (o: ClickOutcome) => number | null) => {
    const values = clicks.map(pick).filter((v): v is number => v !== null);
    return values.length === clicks.length ? spread(values) : '—';
  };
  for (const id of ids)
    for (const b of builds) {
      const clicks = b.clicks.get(id)!;
      lines.push(
        `| ${id} | ${b.name || '—'} | ${clicks[0]?.rows ?? '—'} | ${marks(clicks, (o) => o.readyMs)} | ${marks(clicks, (o) => o.gridMs)} | ` +
          `${marks(clicks, (o) => o.chartMs)} | ${marks(clicks, (o) => o.drawnMs)} |`,
      );
    }
  return lines.join('\n');
}

/** Opens the regional session from the start screen of a fresh profile, as a user opens a file. */
export async function openRegionalSession(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForSelector('[data-testid="start-file-input"]', { state: 'attached', timeout: 120_000 });
  const t0 = await page.evaluate(() => performance.now());
  await page.setInputFiles('[data-testid="start-file-input"]', resolve(SESSION));
  await page.waitForFunction(() => document.querySelector('[data-testid="table-result"]')?.getAttribute('data-count') === '1000000', null, {
    timeout: 300_000,
  });
  return (await page.evaluate(() => performance.now())) - t0;
}
