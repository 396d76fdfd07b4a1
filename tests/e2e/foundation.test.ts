import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_FILE_COUNT } from '../../src/core/demo/index.ts';
import { f1Mark7, f1Municipal } from '../fixtures/generate.ts';
import { type AppSession, foreignRequests, gridRows, openApp, openDataTables, sqlAnswer, waitSaved } from './browser.ts';

/**
 * What a methodist does on a first visit: the demo is there; they drop a municipal Ф1
 * (ВПР 2025, математика, 5 класс: 3 ОО, 7 rows: 6 participants with marks, one absent), look at V2
 * and V7, fix a journal mark in the grid, reload — and everything is as they left it.
 *
 * Hand-computed from tests/fixtures/generate.ts f1MunicipalSpec():
 *   marks 5,2,3 | 4,2 | 4 (the absent pupil has none) → N = 6; «2» 2, «3» 1, «4» 2, «5» 1
 *   journal 5,—,4 | 5,3 | 4 → with journal N = 5: lowered 3 (3<4, 4<5, 2<3), confirmed 2, raised 0
 */
const baseUrl = inject('baseUrl');
const MUNICIPALITY = 'Тестовый муниципальный район';

async function tableCount(page: Page, table: string): Promise<number> {
  return Number(await page.getAttribute(`[data-testid="table-${table}"]`, 'data-count'));
}

async function openIndicator(page: Page, id: string): Promise<void> {
  await page.click(`[data-testid="indicator-${id}"]`);
  await page.selectOption('[data-testid="param-year"]', '2025');
  await page.selectOption('[data-testid="param-subject"]', 'math');
  await page.selectOption('[data-testid="param-grade"]', '5');
  await page.selectOption('[data-testid="param-municipality"]', { label: MUNICIPALITY });
  await page.waitForFunction(
    (name) => Array.from(document.querySelectorAll('[data-testid="result-grid"] td')).some((td) => td.textContent === name),
    MUNICIPALITY,
  );
}

/** The current result as CSV, through the user's own export button. */
async function exportCsv(page: Page): Promise<string[][]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-csv"]')]);
  const text = readFileSync(await download.path(), 'utf8');
  expect(text.startsWith('\ufeff')).toBe(true);
  return text
    .slice(1)
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(';').map((cell) => cell.replace(/^"|"$/g, '')));
}

function rowOf(csv: string[][], name: string): Record<string, string> {
  const [header, ...rows] = csv;
  const row = rows.find((r) => r.includes(name));
  if (!row) throw new Error(`нет строки «${name}» в ${JSON.stringify(csv)}`);
  return Object.fromEntries(header.map((h, i) => [h, row[i]]));
}

describe('foundation: a Ф1 file in, indicators and a chart out, kept across reloads', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(baseUrl);
    await waitSaved(app.page);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('starts with the demo municipality loaded through the import code', async () => {
    const { page } = app;
    expect(await tableCount(page, 'import_batch')).toBe(DEMO_FILE_COUNT);
    expect(await tableCount(page, 'result')).toBeGreaterThan(2000);
    expect(await tableCount(page, 'school')).toBe(8);
  });

  it('imports a municipal Ф1 through import-input', async () => {
    const { page } = app;
    const before = await tableCount(page, 'result');
    const file = f1Municipal();
    await page.setInputFiles('[data-testid="import-input"]', {
      name: file.name,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(file.bytes),
    });
    await expect.poll(() => page.textContent('[data-testid="import-status"]')).toContain('ВПР 2025, Математика, 5 класс');
    expect(await page.$('[data-testid="import-error"]')).toBeNull();
    await expect.poll(() => tableCount(page, 'result')).toBe(before + 7);
  });

  it('V2: distribution of marks per ОО and for the municipality, with a chart', async () => {
    const { page } = app;
    await openIndicator(page, 'V2');
    const total = rowOf(await exportCsv(page), MUNICIPALITY);
    expect(Object.values(total)).toEqual(['Муниципалитет', MUNICIPALITY, '6', '2', '1', '2', '1', '33,33', '16,67', '33,33', '16,67', 'да']);
    const school1 = rowOf(await exportCsv(page), 'МБОУ «СОШ №1»');
    expect(school1['Участников']).toBe('3');

    const grid = await gridRows(page);
    expect(grid.map((r) => r.slice(0, 3))).toEqual([
      ['ОО', 'МАОУ «Лицей №2»', '2'],
      ['ОО', 'МБОУ «СОШ №1»', '3'],
      ['ОО', 'МКОУ «ООШ с. Луговое»', '1'],
      ['Муниципалитет', MUNICIPALITY, '6'],
    ]);
    // 4 rows × 4 marks stacked; every bar a path in Vega's SVG
    await page.waitForSelector('[data-testid="chart"] svg .mark-rect path');
    expect(await page.$$eval('[data-testid="chart"] svg .mark-rect path', (paths) => paths.length)).toBeGreaterThanOrEqual(16);
  });

  it('V7: lowered / confirmed / raised against the journal', async () => {
    const { page } = app;
    await openIndicator(page, 'V7');
    const total = rowOf(await exportCsv(page), MUNICIPALITY);
    expect(Object.values(total)).toEqual(['Муниципалитет', MUNICIPALITY, '5', '3', '60', '2', '40', '0', '0', 'да']);
    await page.waitForSelector('[data-testid="chart"] svg .mark-rect path');
  });

  it('refuses a bad edit with a Russian message, writes a good one, and V7 follows', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 2400, height: 900 });
    await openDataTables(page);
    await page.click('[data-testid="table-result"]');
    await page.getByLabel('Столбец сортировки').selectOption('result_id');
    await page.getByTitle('Изменить направление').click();
    // newest first: the absent pupil of «ООШ с. Луговое», then its only writer (mark 4, journal 4)
    await expect.poll(async () => (await gridRows(page))[1]?.[0]).toBe(String((await tableCount(page, 'result')) - 1));

    // cells by their column's aria-colindex: the pinned first column may be drawn by an overlay only
    const headers = await page.$$eval('[data-testid="result-grid"] .ht_clone_top thead th', (ths) =>
      ths.map((th) => [(th.textContent ?? '').trim(), th.getAttribute('aria-colindex')] as const),
    );
    const cell = (column: string) =>
      page
        .locator('[data-testid="result-grid"] .ht_master tbody tr')
        .nth(1)
        .locator(`td[aria-colindex="${headers.find(([text]) => text === column)?.[1]}"]`);
    expect(await cell('participant_code').textContent()).toBe('50001');
    expect(await cell('journal_mark').textContent()).toBe('4');

    await cell('mark').dblclick();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('7');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[role="alert"]').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('от 2 до 5')]));
    await expect.poll(() => cell('mark').textContent()).toBe('4');

    await cell('journal_mark').dblclick();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell('journal_mark').textContent()).toBe('5');

    // undo and redo go back through the engine, so the database follows the grid
    await page.getByTitle('Отменить правку (Ctrl+Z)').click();
    await expect.poll(() => cell('journal_mark').textContent()).toBe('4');
    await page.keyboard.press('Control+Y');
    await expect.poll(() => cell('journal_mark').textContent()).toBe('5');
    // the edit log is the session's own table: not listed in the panel, asked in the console
    expect(await sqlAnswer(page, 'SELECT COUNT(*) FROM oko_edit_log')).toBe('3');
    await page.setViewportSize({ width: 1366, height: 768 });

    await openIndicator(page, 'V7');
    // «ООШ с. Луговое»: 4 < 5 now → lowered 4 of 5, confirmed 1
    expect(Object.values(rowOf(await exportCsv(page), MUNICIPALITY))).toEqual(['Муниципалитет', MUNICIPALITY, '5', '4', '80', '1', '20', '0', '0', 'да']);
  });

  it('after a reload the data, the edit and the open indicator are still there', async () => {
    const { page } = app;
    await waitSaved(page);
    await page.reload();
    await waitSaved(page);
    expect(await sqlAnswer(page, 'SELECT COUNT(*) FROM oko_edit_log')).toBe('3');
    expect(await tableCount(page, 'import_batch')).toBe(DEMO_FILE_COUNT + 1);
    await openIndicator(page, 'V7');
    expect(Object.values(rowOf(await exportCsv(page), MUNICIPALITY))).toEqual(['Муниципалитет', MUNICIPALITY, '5', '4', '80', '1', '20', '0', '0', 'да']);
  });

  it('a bad file is explained in Russian and changes nothing', async () => {
    const { page } = app;
    const before = await tableCount(page, 'result');
    const file = f1Mark7();
    await page.setInputFiles('[data-testid="import-input"]', { name: file.name, mimeType: 'application/octet-stream', buffer: Buffer.from(file.bytes) });
    const error = page.locator('[data-testid="import-error"]');
    await expect.poll(() => error.textContent()).toMatch(/f1\.xlsx.*лист «РУ 4 Индивидуальные результаты».*строка \d+.*«Отметка».*7/s);
    expect(await tableCount(page, 'result')).toBe(before);
  });

  it('a file too big for the tab is refused before it is read', async () => {
    const { page } = app;
    const before = await tableCount(page, 'result');
    // sparse: 201 MB on paper, nothing on disk, and the page must not read it
    const path = join(mkdtempSync(join(tmpdir(), 'oko-big-')), 'огромный.csv');
    writeFileSync(path, '');
    truncateSync(path, 201 * 1024 * 1024);
    await page.setInputFiles('[data-testid="import-input"]', path);
    await expect.poll(() => page.locator('[data-testid="import-error"]').textContent()).toMatch(/огромный\.csv.*Око принимает файлы до 200/s);
    expect(await tableCount(page, 'result')).toBe(before);
  });

  it('sent nothing beyond the origin and logged no errors', () => {
    expect(foreignRequests(app.requests, baseUrl)).toEqual([]);
    expect(app.requests.length).toBeGreaterThan(5);
    expect(app.errors).toEqual([]);
  });
});
