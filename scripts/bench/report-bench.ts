import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import type { Figure } from './node-bench.ts';

/** Runs of each step; the figure is the median, the log line gives min and max. */
const RUNS = 3;
const TIMEOUT = 300_000;
const KB = 1024;

const now = (page: Page) => page.evaluate(() => performance.now());

async function until(page: Page, predicate: string | ((arg: never) => unknown), arg?: unknown): Promise<void> {
  await page.waitForFunction(predicate as string, arg, { timeout: TIMEOUT, polling: 16 });
}

/** The demo session, open and saved — through the start screen when the app has one. */
async function openDemo(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await until(
    page,
    () =>
      !!document.querySelector('[data-testid="start-demo"]') || /Сохранено/.test(document.querySelector('[data-testid="session-status"]')?.textContent ?? ''),
  );
  if (await page.$('[data-testid="start-demo"]')) await page.click('[data-testid="start-demo"]');
  await until(page, () => /Сохранено/.test(document.querySelector('[data-testid="session-status"]')?.textContent ?? ''));
}

async function selectWhenOffered(page: Page, testid: string, value: string): Promise<void> {
  await until(
    page,
    ([id, wanted]: [string, string]) => {
      const select = document.querySelector(`[data-testid="${id}"]`) as HTMLSelectElement | null;
      return !!select && !select.disabled && Array.from(select.options).some((o) => o.value === wanted);
    },
    [testid, value],
  );
  await page.selectOption(`[data-testid="${testid}"]`, value);
  await until(page, ([id, wanted]: [string, string]) => (document.querySelector(`[data-testid="${id}"]`) as HTMLSelectElement | null)?.value === wanted, [
    testid,
    value,
  ]);
}

const sectionCount = () => document.querySelectorAll('[data-testid="report-section"]').length;

interface Series {
  what: string;
  unit: string;
  values: number[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * The справка on the demo, as a methodist makes it in the built app: «Справка по результатам
 * ВПР» (математика, 4 класс, 2026) built with one click, then downloaded as Word and as HTML and
 * printed to PDF. Times are from the click to the state the page reports (sections drawn, the
 * download started); sizes are of the files a user gets.
 */
export async function runReportBench(log: (line: string) => void): Promise<Figure[]> {
  await build({ logLevel: 'warn' });
  const server = await preview({ logLevel: 'warn', preview: { host: '127.0.0.1', port: 0 } });
  const url = server.resolvedUrls!.local[0];
  const profile = mkdtempSync(join(tmpdir(), 'oko-report-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1366, height: 768 },
  });
  const series: Series[] = [
    { what: 'Chromium: собрать «Справку по результатам ВПР» на демо (от «Собрать справку» до разделов на экране)', unit: 'мс', values: [] },
    { what: 'Chromium: справка в Word (от кнопки до начала скачивания)', unit: 'мс', values: [] },
    { what: 'Chromium: справка в HTML (от кнопки до начала скачивания)', unit: 'мс', values: [] },
    { what: 'Chromium: справка в PDF (печать страницы справки)', unit: 'мс', values: [] },
  ];
  const sizes: Figure[] = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await openDemo(page, url);
    await page.click('[data-testid="open-report"]');
    await selectWhenOffered(page, 'report-template', 'vpr-work');
    await selectWhenOffered(page, 'report-param-year', '2026');
    await selectWhenOffered(page, 'report-param-subject', 'math');
    await selectWhenOffered(page, 'report-param-grade', '4');
    for (let run = 0; run < RUNS; run++) {
      const before = await page.evaluate(() => document.querySelector('.report-doc')?.getAttribute('data-report') ?? null);
      const t0 = await now(page);
      await page.click('[data-testid="report-build"]');
      // each build saves a new document (a new id) of 11 sections, and the tab shows it
      await until(
        page,
        ([previous, count]: [string | null, number]) =>
          (document.querySelector('.report-doc')?.getAttribute('data-report') ?? null) !== previous &&
          document.querySelectorAll('[data-testid="report-section"]').length === count &&
          document.querySelectorAll('[data-testid="report-section"] [data-testid="chart"] svg').length > 0,
        [before, 11],
      );
      series[0].values.push((await now(page)) - t0);
      await until(page, () => document.querySelector('[data-testid="report-view"]')?.getAttribute('data-state') === 'saved');
    }
    for (const [index, testid] of [
      [1, 'report-export-docx'],
      [2, 'report-export-html'],
    ] as const) {
      for (let run = 0; run < RUNS; run++) {
        const t0 = await now(page);
        const [download] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT }), page.click(`[data-testid="${testid}"]`)]);
        series[index].values.push((await now(page)) - t0);
        const bytes = readFileSync((await download.path())!);
        if (bytes.length === 0) throw new Error(`${testid}: пустой файл`);
        if (run === 0)
          sizes.push({ what: `Размер справки ${testid === 'report-export-docx' ? 'Word (.docx)' : 'HTML'}`, value: bytes.length / KB, unit: 'КиБ' });
      }
    }
    for (let run = 0; run < RUNS; run++) {
      const t0 = Date.now();
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      series[3].values.push(Date.now() - t0);
      if (run === 0) {
        const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
        if (pages === 0) throw new Error('PDF без страниц');
        sizes.push({ what: `Размер справки PDF (${pages} стр.)`, value: pdf.length / KB, unit: 'КиБ' });
      }
    }
    if (series[0].values.length && (await page.evaluate(sectionCount)) !== 11) throw new Error('в справке не 11 разделов');
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await server.close();
  }
  const figures: Figure[] = [];
  for (const s of series) {
    const sorted = [...s.values].sort((a, b) => a - b);
    log(
      `  ${s.what}: медиана ${Math.round(median(s.values))} ${s.unit} (мин ${Math.round(sorted[0])}, макс ${Math.round(sorted[sorted.length - 1])}, ${s.values.length} прогона)`,
    );
    figures.push({ what: `${s.what} — медиана ${RUNS}`, value: median(s.values), unit: s.unit });
  }
  for (const size of sizes) log(`  ${size.what}: ${Math.round(size.value)} ${size.unit}`);
  return [...figures, ...sizes];
}
