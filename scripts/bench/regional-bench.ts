import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import initSqlJs from 'sql.js';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { CATALOGUE } from '../../src/core/indicators/index.ts';
import { Engine } from '../../src/engine/engine.ts';
import type { Figure } from './node-bench.ts';
import { fillRegionalDatabase } from './regional.ts';

const SESSION = '.bench/regional.sqlite';

/**
 * Every indicator on a regional-scale database (1,000,000 results): in Node through the
 * engine, then in Chromium through the UI — click in the catalogue until the result is drawn.
 */
export async function runRegionalBench(log: (line: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  const engine = new Engine(await initSqlJs());
  const results = fillRegionalDatabase(engine.database);
  const bytes = engine.exportDatabase();
  mkdirSync('.bench', { recursive: true });
  writeFileSync(SESSION, bytes);
  log(`  регион: ${results.toLocaleString('ru-RU')} результатов, сессия ${(bytes.length / 1e6).toFixed(0)} МБ`);

  for (const def of CATALOGUE) {
    const start = performance.now();
    const params = engine.paramOptions({ id: def.id, params: {} }).params;
    engine.runIndicator({ id: def.id, params });
    figures.push({ what: `Node, регион 1 млн: ${def.id} (параметры + расчёт)`, value: performance.now() - start, unit: 'мс' });
  }

  const outDir = mkdtempSync(join(tmpdir(), 'oko-bench-dist-'));
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
  const profile = mkdtempSync(join(tmpdir(), 'oko-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1366, height: 768 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.resolvedUrls!.local[0]);
    // a fresh profile: the start screen's «Открыть файл сессии»
    await page.waitForSelector('[data-testid="start-file-input"]', { state: 'attached', timeout: 120_000 });
    const t0 = await page.evaluate(() => performance.now());
    await page.setInputFiles('[data-testid="start-file-input"]', resolve(SESSION));
    await page.waitForFunction(() => document.querySelector('[data-testid="table-result"]')?.getAttribute('data-count') === '1000000', null, { timeout: 300_000 });
    figures.push({ what: 'Chromium: открыть сессию региона (.sqlite, 1 млн результатов)', value: (await page.evaluate(() => performance.now())) - t0, unit: 'мс' });

    for (const def of CATALOGUE) {
      const start = await page.evaluate(() => performance.now());
      await page.click(`[data-testid="indicator-${def.id}"]`);
      await page.waitForFunction(
        (id) => ['ready', 'error'].includes(document.querySelector(`[data-indicator="${id}"]`)?.getAttribute('data-state') ?? ''),
        def.id,
        { timeout: 120_000, polling: 16 },
      );
      const ms = (await page.evaluate(() => performance.now())) - start;
      const state = await page.getAttribute(`[data-indicator="${def.id}"]`, 'data-state');
      figures.push({ what: `Chromium, регион 1 млн: ${def.id}${state === 'error' ? ' (ошибка)' : ''} — от щелчка до результата`, value: ms, unit: 'мс' });
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
  return figures;
}
