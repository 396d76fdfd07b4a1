import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import { MAX_FILE_BYTES, MAX_ZIP_UNCOMPRESSED_BYTES } from '../../src/core/import/limits.ts';
import type { Figure } from './node-bench.ts';
import { cachedLargeCsv, syntheticXlsx } from './large-files.ts';
import { ChromiumMemory } from './process-memory.ts';

const MB = 1024 * 1024;
const XML_BYTES_PER_ROW = 795; // syntheticXlsx: 24 columns (757 at 20,000 rows, 792 at 800,000: longer row numbers)

/**
 * How big a file the tab takes (node scripts/bench/limits.mjs; minutes): files up to the limits
 * of limits.ts dropped into the built app in Chromium, each in a fresh profile — plain
 * workbooks of 150–600 MB of sheet XML (read whole by SheetJS, then «формат не распознан»)
 * and a CSV just under the file-size limit imported as a table of the user's own. Reports
 * the time, the peak memory of the tab's process, and whether the tab crashed.
 */
export async function runLimitsProbe(log: (line: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  await build({ logLevel: 'warn' });
  const server = await preview({ logLevel: 'warn', preview: { host: '127.0.0.1', port: 0 } });
  const url = server.resolvedUrls!.local[0];
  const memory = new ChromiumMemory();

  async function attempt(label: string, path: string, asTable: boolean): Promise<void> {
    const profile = mkdtempSync(join(tmpdir(), 'oko-limits-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const page: Page = context.pages()[0] ?? (await context.newPage());
    let crashed = false;
    page.on('crash', () => {
      crashed = true;
    });
    const name = path.split('/').pop()!;
    try {
      await page.goto(url);
      await page.waitForFunction(() => /Сохранено/.test(document.querySelector('[data-testid="session-status"]')?.textContent ?? ''), undefined, {
        timeout: 120_000,
      });
      memory.start();
      const started = Date.now();
      await page.setInputFiles('[data-testid="import-input"]', path);
      await page.waitForFunction(
        (file: string) =>
          (document.querySelector('[data-testid="import-error"]')?.textContent ?? '').includes(file) ||
          (document.querySelector('[data-testid="import-status"]')?.textContent ?? '').includes(file),
        name,
        { timeout: 1_200_000, polling: 100 },
      );
      let outcome =
        (await page
          .locator('[data-testid="import-error"]')
          .textContent()
          .catch(() => '')) ?? '';
      if (asTable && (await page.locator('[data-testid="open-as-table"]').count())) {
        await page.click('[data-testid="open-as-table"]');
        await page.waitForFunction(() => !(document.querySelector('[data-testid="table-import"]') as HTMLButtonElement | null)?.disabled, undefined, {
          timeout: 600_000,
        });
        await page.click('[data-testid="table-import"]');
        await page.waitForFunction(
          (file: string) =>
            /Загружено/.test(document.querySelector('[data-testid="import-status"]')?.textContent ?? '') ||
            (document.querySelector('[data-testid="import-error"]')?.textContent ?? '').includes(file),
          name,
          { timeout: 1_200_000, polling: 100 },
        );
        outcome =
          ((await page.locator('[data-testid="import-status"]').textContent()) ?? '') +
          ((await page
            .locator('[data-testid="import-error"]')
            .textContent()
            .catch(() => '')) ?? '');
      }
      const seconds = (Date.now() - started) / 1000;
      memory.stop();
      log(`  ${label}: ${seconds.toFixed(1)} с, пик вкладки ${(memory.renderer / MB).toFixed(0)} МБ — ${outcome.trim().slice(0, 160)}`);
      figures.push({ what: `Chromium, предел: ${label} — время`, value: seconds * 1000, unit: 'мс' });
      figures.push({ what: `Chromium, предел: ${label} — пик памяти вкладки`, value: memory.renderer / MB, unit: 'МБ' });
    } catch (error) {
      memory.stop();
      log(
        `  ${label}: ${crashed ? 'ВКЛАДКА УПАЛА' : 'не дождались'} (пик вкладки ${(memory.renderer / MB).toFixed(0)} МБ): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
      figures.push({
        what: `Chromium, предел: ${label} — ${crashed ? 'вкладка упала' : 'не завершилось'}, пик памяти`,
        value: memory.renderer / MB,
        unit: 'МБ',
      });
    } finally {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    }
  }

  try {
    mkdirSync('.bench', { recursive: true });
    const limitMb = MAX_ZIP_UNCOMPRESSED_BYTES / MB;
    for (const xmlMb of [150, 300, 450, Math.floor(limitMb * 0.96)]) {
      const rows = Math.floor((xmlMb * MB) / XML_BYTES_PER_ROW);
      const path = resolve(`.bench/plain-${rows}.xlsx`);
      if (!existsSync(path)) {
        const { bytes, xmlBytes } = await syntheticXlsx(rows);
        writeFileSync(path, bytes);
        log(`  записан ${path}: ${(bytes.length / MB).toFixed(0)} МБ, XML листа ${(xmlBytes / MB).toFixed(0)} МБ`);
      }
      const size = readFileSync(path).length;
      await attempt(`XLSX ${rows.toLocaleString('ru-RU')} строк × 24 (${(size / MB).toFixed(0)} МБ, XML ${xmlMb} МБ)`, path, false);
    }
    const csvRows = Math.floor((MAX_FILE_BYTES * 0.97) / 95.2);
    cachedLargeCsv(csvRows);
    const csvPath = resolve(`.bench/table-${csvRows}.csv`);
    const csvSize = readFileSync(csvPath).length;
    await attempt(`CSV ${csvRows.toLocaleString('ru-RU')} строк × 8 (${(csvSize / MB).toFixed(0)} МБ) как своя таблица`, csvPath, true);
  } finally {
    await server.close();
  }
  return figures;
}
