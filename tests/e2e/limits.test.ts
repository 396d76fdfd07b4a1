import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ImportFile } from '../../src/core/import/types.ts';
import { writeCsv, writeWorkbook } from '../../src/core/import/samples/xlsx-writer.ts';
import { type AppSession, openApp, runSql } from './browser.ts';

/**
 * Issue 9, item 8 through the UI: sheets wider than 2,000 columns and cells over 32,767 characters
 * are refused in Russian (import-error) before the «Открыть как таблицу» dialog shows anything of
 * them, the demo session loses nothing, an indicator file too big to be one is refused unread, and
 * an SQL error in the console leads in Russian with SQLite's words under «Подробнее».
 */
const baseUrl = inject('baseUrl');
const NBSP = '\u00a0';
const TOO_WIDE = `значение в 2${NBSP}001-м столбце, а Око принимает листы не шире 2${NBSP}000 столбцов`;

function upload(file: ImportFile) {
  return { name: file.name, mimeType: 'application/octet-stream', buffer: Buffer.from(file.bytes) };
}

const wideRow = () => Array.from({ length: 2001 }, (_, c) => `Столбец ${c + 1}`);

async function resultCount(page: Page): Promise<number> {
  return Number(await page.getAttribute('[data-testid="table-result"]', 'data-count'));
}

async function importError(page: Page): Promise<string> {
  const lines = page.locator('[data-testid="import-error"] .error-lines');
  return (await lines.count()) ? ((await lines.textContent()) ?? '') : '';
}

/**
 * From now on, whether the «Открыть как таблицу» dialog has been open at any moment (polled state
 * would miss a flash). The dialog's code loads when it is first needed: it may not be in the page yet.
 */
async function watchTableDialog(page: Page): Promise<() => Promise<boolean>> {
  await page.evaluate(() => {
    const opened = () => !!document.querySelector('[data-testid="table-dialog"][open]');
    const w = window as unknown as { okoTableDialogOpened: boolean };
    w.okoTableDialogOpened = opened();
    new MutationObserver(() => (w.okoTableDialogOpened ||= opened())).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['open'],
    });
  });
  return () => page.evaluate(() => (window as unknown as { okoTableDialogOpened: boolean }).okoTableDialogOpened);
}

type Way = { input: string } | 'drop';

/**
 * Offers the page a file that only says it is `size` bytes — as big a real one would not fit the
 * test machine — through a file input or a drop; every attempt to read it is recorded
 * (readAttempts). What the page does with name and size is exactly what it does with a real file.
 */
async function offerSized(page: Page, way: Way, name: string, size: number): Promise<void> {
  await page.evaluate(
    ({ way, name, size }) => {
      const w = window as unknown as { okoReads: string[] };
      w.okoReads = [];
      const read = (how: string) => () => {
        w.okoReads.push(how);
        return how === 'text' ? Promise.resolve('') : Promise.resolve(new ArrayBuffer(0));
      };
      const file = Object.create(File.prototype) as File;
      Object.defineProperties(file, {
        name: { value: name },
        size: { value: size },
        type: { value: '' },
        arrayBuffer: { value: read('arrayBuffer') },
        text: { value: read('text') },
        bytes: { value: read('bytes') },
        slice: { value: () => (w.okoReads.push('slice'), new Blob()) },
        stream: { value: () => (w.okoReads.push('stream'), new Blob().stream()) },
      });
      if (way === 'drop') {
        const event = new DragEvent('drop', { bubbles: true, cancelable: true });
        Object.defineProperty(event, 'dataTransfer', { value: { types: ['Files'], files: [file], dropEffect: 'none' } });
        window.dispatchEvent(event);
        return;
      }
      const input = document.querySelector(way.input) as HTMLInputElement;
      Object.defineProperty(input, 'files', { configurable: true, get: () => [file] });
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    { way, name, size },
  );
}

async function readAttempts(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { okoReads: string[] }).okoReads);
}

const MB = 1024 * 1024;
const SESSION_REFUSAL = 'Файл сессии «огромная.sqlite» не открыт. Размер 500 МБ, а Око открывает сессии до 400 МБ — больше браузер не удержит в памяти.';

describe('limits: wide sheets, long cells, big files, SQLite errors', () => {
  let app: AppSession;
  let results: number;

  beforeAll(async () => {
    app = await openApp(baseUrl);
    results = await resultCount(app.page);
    expect(results).toBeGreaterThan(0);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('a 2,001-column XLSX is refused on arrival, naming sheet, row and column; no table is offered and nothing is lost', async () => {
    const { page } = app;
    const opened = await watchTableDialog(page);
    const wide: ImportFile = { name: 'широкий.xlsx', bytes: writeWorkbook([{ name: 'Лист1', rows: [wideRow(), wideRow().map((_, c) => c)] }]) };
    await page.setInputFiles('[data-testid="import-input"]', upload(wide));
    await expect.poll(() => importError(page)).toContain(`Файл «широкий.xlsx», лист «Лист1», строка 1, столбец «BXY»: ${TOO_WIDE}`);
    expect(await page.locator('[data-testid="open-as-table"]').count()).toBe(0);
    expect(await opened()).toBe(false);
    expect(await resultCount(page)).toBe(results);
    expect(await importError(page)).not.toContain('too many columns');
  });

  it('a wide row past the rows that recognise a layout: «Открыть как таблицу» refuses it in import-error, the dialog never opens', async () => {
    const { page } = app;
    const opened = await watchTableDialog(page);
    // Over 1 MB, so only its first 2,000 rows are read to look for a layout (none fits); row 2,102 is 2,001 columns wide.
    const rows = [['Код', 'Название', 'Комментарий']];
    for (let r = 1; r <= 2100; r++) rows.push([String(r), `Строка ${r}`, 'текст '.repeat(90)]);
    rows.push(wideRow());
    const file: ImportFile = { name: 'длинная таблица.csv', bytes: new TextEncoder().encode(writeCsv(rows)) };
    expect(file.bytes.length).toBeGreaterThan(1024 * 1024);
    await page.setInputFiles('[data-testid="import-input"]', upload(file));
    await expect.poll(() => importError(page)).toContain('формат не распознан');
    await page.click('[data-testid="open-as-table"]');
    await expect.poll(() => importError(page)).toContain(`Файл «длинная таблица.csv», лист «Sheet1», строка 2102, столбец «BXY»: ${TOO_WIDE}`);
    expect(await page.locator('[data-testid="open-as-table"]').count()).toBe(0);
    expect(await opened()).toBe(false);
    expect(await resultCount(page)).toBe(results);
  });

  it('a CSV of one 3 MB line is refused at its first cell; the page gets the message, not the text', async () => {
    const { page } = app;
    const opened = await watchTableDialog(page);
    const file: ImportFile = { name: 'одна строка.csv', bytes: new TextEncoder().encode('Примечание '.repeat(150_000)) };
    expect(file.bytes.length).toBeGreaterThan(3 * 1024 * 1024);
    await page.setInputFiles('[data-testid="import-input"]', upload(file));
    await expect
      .poll(() => importError(page))
      .toContain(`Файл «одна строка.csv», лист «Sheet1», строка 1, столбец «A»: в ячейке больше 32${NBSP}767 знаков — столько не вмещает ячейка Excel`);
    expect((await importError(page)).length).toBeLessThan(1000);
    expect(await page.locator('[data-testid="open-as-table"]').count()).toBe(0);
    expect(await opened()).toBe(false);
    expect(await resultCount(page)).toBe(results);
  });

  it('a .json too big to be an indicator is refused before it is read', async () => {
    const { page } = app;
    const json: ImportFile = { name: 'показатель.json', bytes: new TextEncoder().encode(`{"oko":"indicator","pad":"${'x'.repeat(300 * 1024)}"}`) };
    await page.setInputFiles('[data-testid="import-input"]', upload(json));
    await expect
      .poll(() => importError(page))
      .toBe(
        'Файл «показатель.json» не загружен как показатель: размер 300 КБ, а описание показателя занимает не больше 256 КБ — в нём только запрос, подписи и диаграмма, без данных.',
      );
    expect(await page.locator('[data-testid="indicator-confirm"]').isVisible()).toBe(false);
  });

  it('a session file over 400 MB is refused before a byte is read: from the session menu and by a drop', async () => {
    const { page } = app;
    await page.click('[data-testid="session-menu"]');
    await offerSized(page, { input: '[data-testid="session-file-input"]' }, 'огромная.sqlite', 500 * MB);
    await expect.poll(() => importError(page)).toBe(SESSION_REFUSAL);
    expect(await readAttempts(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.click('[data-testid="import-error-close"]');
    expect(await importError(page)).toBe('');
    await offerSized(page, 'drop', 'огромная.sqlite', 500 * MB);
    await expect.poll(() => importError(page)).toBe(SESSION_REFUSAL);
    expect(await readAttempts(page)).toEqual([]);
    await expect.poll(() => page.locator('[data-testid="demo-badge"]').count()).toBe(1);
    expect(await resultCount(page)).toBe(results);
  });

  it('a spreadsheet over 200 MB and an indicator file over 256 KB are refused before a byte is read', async () => {
    const { page } = app;
    await offerSized(page, { input: '[data-testid="import-input"]' }, 'выгрузка.xlsx', 300 * MB);
    await expect
      .poll(() => importError(page))
      .toBe(
        'Файл «выгрузка.xlsx»: размер 300 МБ, а Око принимает файлы до 200 МБ: больше браузер не удержит в памяти. ' +
          'Разделите таблицу на несколько файлов (например, по муниципалитетам или предметам) и загрузите их по очереди.',
      );
    expect(await readAttempts(page)).toEqual([]);
    await offerSized(page, 'drop', 'показатель.json', 2 * MB);
    await expect
      .poll(() => importError(page))
      .toBe(
        'Файл «показатель.json» не загружен как показатель: размер 2 МБ, а описание показателя занимает не больше 256 КБ — в нём только запрос, подписи и диаграмма, без данных.',
      );
    expect(await readAttempts(page)).toEqual([]);
    expect(await resultCount(page)).toBe(results);
  });

  it('an SQL error in the console leads in Russian; SQLite’s own words are under «Подробнее»', async () => {
    const { page } = app;
    await runSql(page, 'SELECT * FROM nowhere');
    const error = page.locator('[data-testid="sql-error"]');
    await expect
      .poll(() => error.locator('.lead').textContent())
      .toBe('Ошибка SQL. Нет таблицы «nowhere». Имена таблиц — в панели «Схема» справа. Место: строка 1, столбец 15.');
    const details = page.locator('[data-testid="sql-error-details"]');
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await details.locator('summary').textContent()).toBe('Подробнее');
    await details.locator('summary').click();
    expect(await details.locator('p').textContent()).toBe('Сообщение SQLite: no such table: nowhere');
    // the Russian sentence comes first in the element, before anything English
    expect(((await error.textContent()) ?? '').startsWith('Ошибка SQL. Нет таблицы')).toBe(true);
  });
});

describe('limits on the start screen', () => {
  let app: AppSession;

  beforeAll(async () => {
    app = await openApp(baseUrl, { start: 'screen' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('«Открыть файл сессии» refuses a file over 400 MB before reading it, and says so where the user is looking', async () => {
    const { page } = app;
    await offerSized(page, { input: '[data-testid="start-file-input"]' }, 'огромная.sqlite', 500 * MB);
    const refusal = page.locator('[data-testid="start-screen"] [role="alert"]');
    await expect.poll(() => refusal.textContent()).toBe(SESSION_REFUSAL);
    expect(await refusal.isVisible()).toBe(true);
    expect(await readAttempts(page)).toEqual([]);
    expect(await page.locator('[data-testid="start-screen"]').isVisible()).toBe(true);
  });
});
