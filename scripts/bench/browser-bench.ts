import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import type { Figure } from './node-bench.ts';
import { largeF1 } from './large-files.ts';

const BIG_MUNICIPALITY = 'Нагрузочный муниципальный район';

async function until(page: Page, predicate: string | ((arg: any) => unknown), arg?: unknown, timeout = 600_000): Promise<void> {
  await page.waitForFunction(predicate, arg, { timeout, polling: 16 });
}

const now = (page: Page) => page.evaluate(() => performance.now());

function cachedLargeF1(rows: number): Uint8Array {
  const path = `.bench/f1-${rows}.xlsx`;
  if (existsSync(path)) return readFileSync(path);
  mkdirSync('.bench', { recursive: true });
  const bytes = largeF1(rows);
  writeFileSync(path, bytes);
  return bytes;
}

/** The built app in Debian's Chromium, driven as a user would, timed from the page's clock. */
export async function runBrowserBench(log: (line: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  await build({ logLevel: 'warn' });
  const server = await preview({ logLevel: 'warn', preview: { host: '127.0.0.1', port: 0 } });
  const url = server.resolvedUrls!.local[0];
  const profile = mkdtempSync(join(tmpdir(), 'oko-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1366, height: 768 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const startedAt = Date.now();
    await page.goto(url);
    await until(page, () => /Сохранено/.test(document.querySelector('[data-testid="session-status"]')?.textContent ?? ''));
    figures.push({ what: 'Chromium: первый запуск с загрузкой демо (8 файлов Ф1)', value: Date.now() - startedAt, unit: 'мс' });

    const bytes = cachedLargeF1(100_000);
    log(`  Ф1 100 000 строк: ${(bytes.length / 1e6).toFixed(1)} МБ`);
    let t0 = await now(page);
    await page.setInputFiles('[data-testid="import-input"]', { name: 'Ф1 100000.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
    await until(page, () => /ВПР 2026, Русский язык, 4 класс — 100/.test(document.querySelector('[data-testid="import-status"]')?.textContent ?? ''));
    figures.push({ what: 'Chromium: импорт Ф1, 100 000 строк (1,5 млн баллов за задания)', value: (await now(page)) - t0, unit: 'мс' });

    await page.click('[data-testid="indicator-V2"]');
    await page.selectOption('[data-testid="param-year"]', '2026');
    await page.selectOption('[data-testid="param-subject"]', 'rus');
    await page.selectOption('[data-testid="param-grade"]', '4');
    const v2: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.selectOption('[data-testid="param-municipality"]', { index: 0 });
      await page.waitForTimeout(300);
      t0 = await now(page);
      await page.selectOption('[data-testid="param-municipality"]', { label: BIG_MUNICIPALITY });
      await until(
        page,
        (name: string) => Array.from(document.querySelectorAll('[data-testid="result-grid"] td')).some((td) => td.textContent === name),
        BIG_MUNICIPALITY,
      );
      v2.push((await now(page)) - t0);
    }
    v2.sort((a, b) => a - b);
    figures.push({ what: 'Chromium: V2 на 100 000 строк, от выбора параметра до таблицы (медиана 3)', value: v2[1], unit: 'мс' });

    await page.click('text=SQL-консоль');
    await page.fill('[data-testid="sql-editor"]', "CREATE TABLE big AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000) SELECT x AS id, x % 97 AS k, 'строка ' || x AS label FROM c");
    t0 = await now(page);
    await page.click('[data-testid="run-sql"]');
    await until(page, () => document.querySelector('[data-testid="table-big"]')?.getAttribute('data-count') === '1000000');
    figures.push({ what: 'Chromium: создать таблицу 1 000 000 строк в консоли', value: (await now(page)) - t0, unit: 'мс' });

    t0 = await now(page);
    await page.click('[data-testid="table-big"]');
    await until(page, () => document.querySelector('[data-testid="result-grid"] .ht_master tbody tr td')?.textContent === '1');
    figures.push({ what: 'Chromium: открыть сетку таблицы 1 000 000 строк (до первых строк)', value: (await now(page)) - t0, unit: 'мс' });

    t0 = await now(page);
    await page.evaluate(() => {
      const holder = document.querySelector('[data-testid="result-grid"] .ht_master .wtHolder');
      if (holder) holder.scrollTop = holder.scrollHeight / 2;
    });
    await until(page, () => {
      const cells = Array.from(document.querySelectorAll('[data-testid="result-grid"] .ht_master tbody tr td'));
      return cells.length > 0 && cells.every((td) => td.textContent !== '…') && Number(cells[0].textContent) > 400000;
    });
    figures.push({ what: 'Chromium: прыжок в середину таблицы 1 000 000 строк (до отрисовки строк)', value: (await now(page)) - t0, unit: 'мс' });
  } catch (error) {
    await context.pages()[0]?.screenshot({ path: '.bench/failure.png' });
    throw error;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await server.close();
  }
  for (const f of figures) log(`  ${f.what}: ${Math.round(f.value)} ${f.unit}`);
  return figures;
}
