/**
 * Issue 8, item 7 — the tab's memory with the 1,000,000-result regional session: the peak RSS of
 * the page's renderer (the engine worker lives in it) while the session is opened from a file and
 * saved, and while a 100,000-row Ф1 is imported into it and saved again; and what the tab keeps
 * once idle. Each against the session file's size, the target being under 4×.
 *
 * «До» is the app of OKO_BENCH_BEFORE (a git ref: its tree is unpacked and built), «после» this
 * tree; they run in turn (A B A B …) RUNS times. The session is built once (the same generator as
 * the regional bench) and cached in .bench/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import initSqlJs from '../../wasm/node.ts';
import { build, preview } from 'vite';
import { refreshAggregates } from '../../src/core/schema/aggregates.ts';
import { Engine } from '../../src/engine/engine.ts';
import { importOutcome, until } from './browser-bench.ts';
import { launch } from './chromium.ts';
import { cachedLargeF1 } from './large-files.ts';
import type { Figure } from './node-bench.ts';
import { ChromiumMemory } from './process-memory.ts';
import { fillRegionalDatabase } from './regional.ts';

const SESSION = resolve('.bench/memory-regional.sqlite');
const F1_ROWS = 100_000;
const RUNS = Math.max(2, Number(process.env.OKO_BENCH_RUNS ?? 2));
const TIMEOUT = 900_000;
/** After «Сохранено»: what the tab keeps once the work is done. */
const SETTLE_MS = 5000;
const MB = 1024 * 1024;

/** The regional session (1,000,000 results, its summaries computed), made once. */
async function regionalSession(): Promise<string> {
  if (!existsSync(SESSION)) {
    const engine = new Engine(await initSqlJs());
    fillRegionalDatabase(engine.database);
    refreshAggregates(engine.database);
    mkdirSync('.bench', { recursive: true });
    writeFileSync(SESSION, engine.exportDatabase());
  }
  return SESSION;
}

/** The app of `ref` (or of this tree) built into a temporary folder and served. */
async function serveApp(ref?: string): Promise<{ url: string; close: () => Promise<void> }> {
  const outDir = mkdtempSync(join(tmpdir(), 'oko-bench-memory-app-'));
  let root: string | undefined;
  if (ref) {
    root = mkdtempSync(join(tmpdir(), 'oko-bench-memory-src-'));
    execFileSync('tar', ['-x', '-C', root], { input: execFileSync('git', ['archive', '--format=tar', ref], { maxBuffer: 1 << 30 }) });
    symlinkSync(resolve('node_modules'), join(root, 'node_modules'));
  }
  const tree = root ? { root, configFile: join(root, 'vite.config.ts') } : {};
  await build({ ...tree, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({ ...tree, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
  return {
    url: server.resolvedUrls!.local[0],
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
      if (root) rmSync(root, { recursive: true, force: true });
    },
  };
}

const saved = (page: Page) =>
  until(page, () => document.querySelector('[data-testid="session-status"]')?.getAttribute('data-state') === 'saved', undefined, TIMEOUT);

/** Peak renderer RSS of each step, bytes. */
interface Peaks {
  open: number;
  idleAfterOpen: number;
  import: number;
  idleAfterImport: number;
}

async function probe(url: string, session: string, f1: string): Promise<Peaks> {
  const { context, page, profile } = await launch();
  const memory = new ChromiumMemory();
  const step = async (fn: () => Promise<void>): Promise<number> => {
    memory.start(50);
    await fn();
    memory.stop();
    return memory.renderer;
  };
  try {
    context.setDefaultTimeout(TIMEOUT);
    await page.goto(url);
    await page.waitForSelector('[data-testid="start-file-input"]', { state: 'attached' });
    const open = await step(async () => {
      await page.setInputFiles('[data-testid="start-file-input"]', session);
      await until(page, () => document.querySelector('[data-testid="table-result"]')?.getAttribute('data-count') === '1000000', undefined, TIMEOUT);
      await saved(page);
    });
    const idleAfterOpen = await step(() => page.waitForTimeout(SETTLE_MS));
    const imported = await step(async () => {
      await page.setInputFiles('[data-testid="import-input"]', f1);
      const outcome = await importOutcome(page, `f1-${F1_ROWS}.xlsx`);
      if (outcome !== 'done') throw new Error(`Ф1 не загружен: ${outcome}`);
      await saved(page);
    });
    const idleAfterImport = await step(() => page.waitForTimeout(SETTLE_MS));
    return { open, idleAfterOpen, import: imported, idleAfterImport };
  } finally {
    memory.stop();
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const STEPS: Array<[keyof Peaks, string]> = [
  ['open', 'открыть сессию из файла → «Сохранено»'],
  ['idleAfterOpen', 'затем 5 с покоя'],
  ['import', `загрузить Ф1 ${F1_ROWS.toLocaleString('ru-RU')} строк → «Сохранено»`],
  ['idleAfterImport', 'затем 5 с покоя'],
];

export async function runMemoryBench(log: (line: string) => void): Promise<Figure[]> {
  const session = await regionalSession();
  const size = statSync(session).size;
  cachedLargeF1(F1_ROWS);
  const f1 = resolve(`.bench/f1-${F1_ROWS}.xlsx`);
  const before = process.env.OKO_BENCH_BEFORE;
  log(`  сессия региона: ${Math.round(size / MB)} МБ; ${RUNS} прогона каждого варианта по очереди; load ${loadavg()[0].toFixed(1)}`);
  const apps: Record<string, { url: string; close: () => Promise<void> }> = {};
  if (before) apps[`до (${before})`] = await serveApp(before);
  apps['после'] = await serveApp();
  const peaks: Record<string, Peaks[]> = {};
  try {
    for (let run = 1; run <= RUNS; run++) {
      for (const [name, app] of Object.entries(apps)) {
        const p = await probe(app.url, session, f1);
        (peaks[name] ??= []).push(p);
        log(`    ${run}/${RUNS} ${name}: ${STEPS.map(([key]) => `${key} ${Math.round(p[key] / MB)} МБ`).join(', ')}; load ${loadavg()[0].toFixed(1)}`);
      }
    }
  } finally {
    for (const app of Object.values(apps)) await app.close();
  }
  const figures: Figure[] = [];
  for (const [name, list] of Object.entries(peaks)) {
    for (const [key, what] of STEPS) {
      const values = list.map((p) => p[key] / MB);
      const line = `${Math.round(median(values))} МБ (${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}), ${(median(values) / (size / MB)).toFixed(1).replace('.', ',')}× файла`;
      log(`  ${name}: ${what}: ${line}`);
      figures.push({ what: `Chromium, пик вкладки: ${what} — ${name}`, value: median(values), unit: 'МБ', spread: line });
    }
  }
  return figures;
}
