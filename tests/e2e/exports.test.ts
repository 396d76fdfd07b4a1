import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type AppSession, foreignRequests, openApp, waitSaved } from './browser.ts';

/**
 * What a methodist sends on: V2 of the demo (ВПР 2026, математика, 4 класс) as XLSX and CSV,
 * with its title, parameters and the small-group mark, and the indicator printed to PDF.
 * Demo figures (src/core/demo/, deterministic): 8 ОО, «МКОУ «ООШ д. Берёзовка»» has
 * 7 writers (marks «2» ×3, «4» ×4), the municipality 348.
 */
const baseUrl = inject('baseUrl');
const MUNICIPALITY = 'Демонстрационный муниципальный округ';
const SMALL_SCHOOL = 'МКОУ «ООШ д. Берёзовка»';
const BASE = 'V2 Распределение отметок — 2026, математика, 4 класс';

async function gridHas(page: Page, text: string): Promise<boolean> {
  return page.$$eval('[data-testid="result-grid"] td', (tds, t) => tds.some((td) => td.textContent === t), text);
}

async function download(page: Page, testid: string): Promise<{ name: string; bytes: Buffer }> {
  const [file]: [Download, void] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${testid}"]`)]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

function csvRows(bytes: Buffer): string[][] {
  const text = bytes.toString('utf8');
  expect(text.startsWith('\ufeff')).toBe(true);
  return text
    .slice(1)
    .trim()
    .split(/\r\n/)
    .map((line) => line.split(';'));
}

describe('exported tables say what they are; an indicator prints as a document', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(baseUrl);
    await waitSaved(app.page);
    const { page } = app;
    await page.click('[data-testid="indicator-V2"]');
    await page.selectOption('[data-testid="param-year"]', '2026');
    await page.selectOption('[data-testid="param-subject"]', 'math');
    await page.selectOption('[data-testid="param-grade"]', '4');
    await page.waitForSelector('section[data-indicator="V2"][data-state="ready"]');
    await page.waitForFunction(
      (name) => Array.from(document.querySelectorAll('[data-testid="result-grid"] td')).some((td) => td.textContent === name),
      SMALL_SCHOOL,
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  it('XLSX: a readable name, the title and parameters above the table, a «Параметры» sheet, the small-group column', async () => {
    const { name, bytes } = await download(app.page, 'export-xlsx');
    expect(name).toBe(`${BASE}.xlsx`);
    const book = XLSX.read(bytes, { type: 'buffer' });
    expect(book.SheetNames).toEqual(['V2', 'Параметры']);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets.V2, { header: 1, blankrows: true, defval: null });
    expect(rows.slice(0, 7).map((r) => r[0])).toEqual([
      'V2. Распределение отметок',
      'Год: 2026',
      'Предмет: Математика',
      'Класс: 4 класс',
      `Муниципалитет: ${MUNICIPALITY}`,
      'Кластеры: без кластеров',
      'ОО, где менее 10 участников: показывать (отмечены)',
    ]);
    expect(rows[7][0]).toMatch(/^Выгружено: \d\d\.\d\d\.\d{4}, \d\d:\d\d$/);
    const header = rows[9];
    expect(header[0]).toBe('Уровень');
    expect(header.at(-1)).toBe('Менее 10 участников');
    const small = rows.find((r) => r[1] === SMALL_SCHOOL)!;
    expect(small).toEqual(['ОО', SMALL_SCHOOL, 7, 3, 0, 4, 0, 42.86, 0, 57.14, 0, 'да']);
    const total = rows.find((r) => r[1] === MUNICIPALITY)!;
    expect(total.slice(2, 7)).toEqual([348, 29, 59, 131, 129]);
    expect(total.at(-1)).toBeNull();
    expect(rows.filter((r) => r.at(-1) === 'да').map((r) => r[1])).toEqual([SMALL_SCHOOL]);

    const described = Object.fromEntries(XLSX.utils.sheet_to_json<string[]>(book.Sheets['Параметры'], { header: 1 }).map((r) => [r[0], r[1]]));
    expect(described['Показатель']).toBe('V2. Распределение отметок');
    expect(described['Предмет']).toBe('Математика');
    expect(described['Класс']).toBe('4 класс');
    expect(described['Источник']).toContain('«Статистика по отметкам»');
    expect(described['Формула']).toContain('Доля отметки k');
    expect(described['Дата выгрузки']).toMatch(/^\d\d\.\d\d\.\d{4}, \d\d:\d\d$/);
    expect(described['Малые группы']).toContain('менее 10 участников');
  });

  it('CSV: the header row first, the parameters in the file name, the small-group column', async () => {
    const { name, bytes } = await download(app.page, 'export-csv');
    expect(name).toBe(`${BASE}.csv`);
    const [header, ...rows] = csvRows(bytes);
    expect(header.slice(0, 3)).toEqual(['Уровень', 'ОО / муниципалитет', 'Участников']);
    expect(header.at(-1)).toBe('Менее 10 участников');
    expect(rows.find((r) => r[1] === SMALL_SCHOOL)).toEqual(['ОО', SMALL_SCHOOL, '7', '3', '0', '4', '0', '42,86', '0', '57,14', '0', 'да']);
    expect(rows.filter((r) => r.at(-1) === 'да').map((r) => r[1])).toEqual([SMALL_SCHOOL]);
  });

  it('with «скрыть» chosen for small groups, they are not exported', async () => {
    const { page } = app;
    await page.selectOption('[data-testid="param-hide_small"]', '1');
    await expect.poll(() => gridHas(page, SMALL_SCHOOL)).toBe(false);
    await page.waitForSelector('section[data-indicator="V2"][data-state="ready"]');
    const csv = await download(page, 'export-csv');
    expect(csv.name).toBe(`${BASE}, без ОО менее 10 участников.csv`);
    const [, ...rows] = csvRows(csv.bytes);
    expect(rows.map((r) => r[1])).not.toContain(SMALL_SCHOOL);
    expect(rows.filter((r) => r[0] === 'ОО')).toHaveLength(7);
    expect(rows.find((r) => r[1] === MUNICIPALITY)!.slice(2, 3)).toEqual(['348']);
    expect(rows.filter((r) => r.at(-1) === 'да')).toEqual([]);

    const xlsx = await download(page, 'export-xlsx');
    const sheet = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(xlsx.bytes, { type: 'buffer' }).Sheets.V2, { header: 1, defval: null });
    expect(sheet.map((r) => r[0])).toContain('ОО, где менее 10 участников: скрыть');
    expect(sheet.map((r) => r[1])).not.toContain(SMALL_SCHOOL);
    await page.selectOption('[data-testid="param-hide_small"]', '0');
    await expect.poll(() => gridHas(page, SMALL_SCHOOL)).toBe(true);
  });

  it('a console result keeps its timestamped name and says which query made it', async () => {
    const { page } = app;
    await page.click('[data-testid="open-sql-console"]');
    await page.waitForSelector('[data-testid="sql-editor"].cm-content');
    const sql = 'SELECT full_name AS "ОО", :year AS "Год" FROM school ORDER BY full_name LIMIT 3';
    await page.fill('[data-testid="sql-editor"]', sql);
    await page.fill('[data-testid="sql-param-year"]', '2026');
    await page.click('[data-testid="run-sql"]');
    await page.waitForSelector('[data-testid="sql-status"]');
    await page.waitForSelector('[data-testid="result-grid"] .ht_master tbody tr td');
    const { name, bytes } = await download(page, 'export-xlsx');
    expect(name).toMatch(/^запрос_\d{4}-\d\d-\d\d_\d\d-\d\d\.xlsx$/);
    const book = XLSX.read(bytes, { type: 'buffer' });
    expect(book.SheetNames).toEqual(['Запрос', 'Параметры']);
    const described = Object.fromEntries(XLSX.utils.sheet_to_json<string[]>(book.Sheets['Параметры'], { header: 1 }).map((r) => [r[0], r[1]]));
    expect(described['Показатель']).toBe('Результат запроса SQL-консоли');
    expect(described[':year']).toBe('2026');
    expect(described['Запрос SQL']).toBe(sql);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['Запрос'], { header: 1, defval: null });
    expect(rows[0][0]).toBe('Результат запроса SQL-консоли');
    expect(rows[1][0]).toBe(':year: 2026');
    expect(rows[4]).toEqual(['ОО', 'Год']);
    expect(rows.slice(5).map((r) => r[1])).toEqual([2026, 2026, 2026]);
  });

  it('prints the indicator without the sidebar, tabs or buttons: title, parameters, the whole table, the chart as vector', async () => {
    const { page } = app;
    await page.click('[data-testid="indicator-V2"]');
    await page.waitForSelector('section[data-indicator="V2"][data-state="ready"]');
    await page.waitForSelector('[data-testid="chart"] svg .mark-rect path');
    // the whole table is built for the printout only, never with the result on screen
    expect(await page.locator('[data-testid="print-table"]').count()).toBe(0);
    await page.emulateMedia({ media: 'print' });
    const rows = Number(await page.getAttribute('section[data-indicator="V2"]', 'data-rows'));
    expect(rows).toBeGreaterThan(5);
    await expect.poll(() => page.locator('[data-testid="print-table"] tbody tr').count()).toBe(rows);
    await page.emulateMedia({ media: null });
    await expect.poll(() => page.locator('[data-testid="print-table"]').count()).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'oko-print-'));
    const pdf = join(dir, 'V2.pdf');
    writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true }));
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('V2 Распределение отметок');
    expect(flat).toContain(`Год: 2026; Предмет: Математика; Класс: 4 класс; Муниципалитет: ${MUNICIPALITY}`);
    // every row of the result, the small group and the references included
    for (const school of ['МАОУ «Гимназия №3»', 'МБОУ «СОШ №8»', SMALL_SCHOOL, 'Демонстрационная область', 'Российская Федерация'])
      expect(flat).toContain(school);
    // the name may wrap inside its cell, depending on the fonts the machine has
    expect(flat).toMatch(/МКОУ «ООШ д\.( Берёзовка»)? 7 3 0 4 0 42,86 0,00 57,14 0,00/);
    // the sidebar, the tabs and the buttons are not printed
    for (const absent of ['Загрузить файлы', 'SQL-консоль', 'Скачать:', 'Показать SQL', 'V2. Распределение отметок', 'анализ результатов ВПР и ГИА'])
      expect(flat).not.toContain(absent);
    // the chart is vector: its axis text is text in the PDF, and the PDF holds no raster image
    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images).toEqual([]);
    expect(foreignRequests(app.requests, baseUrl)).toEqual([]);
  });
});
