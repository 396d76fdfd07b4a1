import type { Page } from 'playwright-core';
import initSqlJs from '../../wasm/node.ts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { queryValue } from '../../src/core/db.ts';
import { plural } from '../../src/core/plural.ts';
import { DEMO_FILE_COUNT, DEMO_MUNICIPALITY } from '../../src/core/demo/index.ts';
import { Engine } from '../../src/engine/engine.ts';
import { f1Municipal, MUNICIPALITY } from '../fixtures/generate.ts';
import { egeRusCsv } from '../fixtures/rcoi.ts';
import { axeViolations, describeViolations } from './axe.ts';
import { type AppSession, foreignRequests, openApp, sqlAnswer, waitForSession } from './browser.ts';

/**
 * A methodist's sessions in one browser: the start screen of a first visit, an empty session of
 * their own with the files of their municipality (the demo never appears in it), the demo as a
 * session of its own beside it, switching and reloading, rename / copy / delete, «О данных», and
 * the workspace saved without ever exporting the database.
 *
 * f1Municipal() (tests/fixtures/generate.ts): ВПР 2025, математика, 5 класс, «Тестовый
 * муниципальный район», 3 ОО, 7 rows.
 */
const baseUrl = inject('baseUrl');
const DEMO_NAME = DEMO_MUNICIPALITY.replace(/\(.*\)$/, '');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function tableCount(page: Page, table: string): Promise<number> {
  return Number(await page.getAttribute(`[data-testid="table-${table}"]`, 'data-count'));
}

async function sessionNames(page: Page): Promise<string[]> {
  await openMenu(page);
  const names = await page.$$eval('[data-testid="session-item"]', (items) => items.map((item) => item.getAttribute('data-name') ?? ''));
  await closeMenu(page);
  return names.sort();
}

async function openMenu(page: Page): Promise<void> {
  if (!(await page.$('[data-testid="session-item"], [data-testid="session-new-empty"]'))) await page.click('[data-testid="session-menu"]');
  await page.waitForSelector('[data-testid="session-new-empty"]');
}

async function closeMenu(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="session-new-empty"]', { state: 'detached' });
}

const item = (name: string) => `[data-testid="session-item"][data-name="${name}"]`;

async function switchTo(page: Page, name: string, demo: boolean): Promise<void> {
  await openMenu(page);
  if ((await page.getAttribute(item(name), 'data-current')) === 'true') await closeMenu(page);
  else await page.click(`${item(name)} [data-testid="session-open"]`);
  await waitForSession(page, { demo });
  await expect.poll(() => page.textContent('[data-testid="session-menu"] .name')).toBe(name);
}

async function municipalityOptions(page: Page): Promise<string[]> {
  await page.click('[data-testid="indicator-V2"]');
  await page.waitForSelector('section.view[data-indicator="V2"] [data-testid="param-municipality"]:not([disabled])');
  return page.$$eval('section.view[data-indicator="V2"] [data-testid="param-municipality"] option', (options) =>
    options.map((o) => (o.textContent ?? '').trim()),
  );
}

/** axe-core: nothing serious or critical (the whole page, or `context`). */
async function expectAxeClean(page: Page, where: string, context?: string): Promise<void> {
  expect(describeViolations(await axeViolations(page, { context })), where).toEqual([]);
}

async function saves(page: Page): Promise<{ db: number; workspace: number }> {
  const status = page.locator('[data-testid="session-status"]');
  return { db: Number(await status.getAttribute('data-db-saves')), workspace: Number(await status.getAttribute('data-workspace-saves')) };
}

describe('sessions: own files apart from the demo, kept across reloads', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(baseUrl, { start: 'screen' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a first visit shows the start screen in the shell: three ways in, no session, no demo', async () => {
    const { page } = app;
    const choices = await page.$$eval('[data-testid="start-screen"] button', (buttons) => buttons.map((b) => b.querySelector('.title')?.textContent?.trim()));
    expect(choices).toEqual(['Начать со своими файлами', 'Посмотреть на демо-данных', 'Открыть файл сессии']);
    expect(await page.textContent('[data-testid="session-menu"] .name')).toBe('не открыта');
    expect(await page.$('[data-testid="demo-badge"]')).toBeNull();
    expect(await page.getAttribute('[data-testid="session-status"]', 'data-db-saves')).toBe('0');
    await expectAxeClean(page, 'the start screen');
  });

  it('while the start screen waits for a choice, the grid and chart code is fetched, so the first indicator does not wait for it', async () => {
    const fetched = (part: string) => app.pageRequests.some((r) => new URL(r).pathname.includes(`/assets/${part}-`));
    await expect.poll(() => ['HandsontableGrid', 'embed'].filter(fetched)).toEqual(['HandsontableGrid', 'embed']);
    expect(await app.page.$('[data-testid="start-screen"]')).not.toBeNull();
  });

  it('«Начать со своими файлами»: an empty session takes a Ф1 of another municipality, and the demo municipality never appears', async () => {
    const { page } = app;
    await page.click('[data-testid="start-empty"]');
    await waitForSession(page, { demo: false });
    expect(await page.textContent('[data-testid="session-menu"] .name')).toBe('Моя сессия');
    expect(await tableCount(page, 'import_batch')).toBe(0);
    expect(await tableCount(page, 'school')).toBe(0);

    const file = f1Municipal();
    await page.setInputFiles('[data-testid="import-input"]', { name: file.name, mimeType: XLSX, buffer: Buffer.from(file.bytes) });
    await expect.poll(() => page.textContent('[data-testid="import-status"]')).toContain('ВПР 2025, Математика, 5 класс');
    await expect.poll(() => tableCount(page, 'result')).toBe(7);
    expect(await tableCount(page, 'import_batch')).toBe(1);
    expect(await tableCount(page, 'municipality')).toBe(1);
    expect(await tableCount(page, 'school')).toBe(3);
    expect(await municipalityOptions(page)).toEqual([MUNICIPALITY]);
    expect(await page.textContent('body')).not.toContain(DEMO_NAME);
  });

  it('the demo opens as a session of its own beside it, marked in the header', async () => {
    const { page } = app;
    await openMenu(page);
    await page.click('[data-testid="session-new-demo"]');
    await waitForSession(page, { demo: true });
    expect(await page.textContent('[data-testid="demo-badge"]')).toContain('Демо-данные');
    // written once the session is in IndexedDB and the list says so: a moment after the status says «saved»
    await expect
      .poll(() => page.textContent('[data-testid="import-status"]'))
      .toBe(`Открыты демо-данные: вымышленный муниципалитет, 8 ОО, ${DEMO_FILE_COUNT} ${plural(DEMO_FILE_COUNT, 'файл', 'файла', 'файлов')}.`);
    expect(await tableCount(page, 'import_batch')).toBe(DEMO_FILE_COUNT);
    expect(await tableCount(page, 'school')).toBe(8);
    expect(await municipalityOptions(page)).toEqual([DEMO_NAME]);
    expect(await sessionNames(page)).toEqual(['Демо-муниципалитет', 'Моя сессия']);
  });

  it('switching and reloading keep both sessions whole; a reload reopens the last one directly', async () => {
    const { page } = app;
    await switchTo(page, 'Моя сессия', false);
    expect(await tableCount(page, 'import_batch')).toBe(1);
    expect(await municipalityOptions(page)).toEqual([MUNICIPALITY]);

    await page.reload();
    await waitForSession(page, { demo: false });
    expect(await page.$('[data-testid="start-screen"]')).toBeNull();
    expect(await page.textContent('[data-testid="session-menu"] .name')).toBe('Моя сессия');
    expect(await tableCount(page, 'result')).toBe(7);

    await switchTo(page, 'Демо-муниципалитет', true);
    expect(await tableCount(page, 'import_batch')).toBe(DEMO_FILE_COUNT);
    await page.reload();
    await waitForSession(page, { demo: true });
    expect(await tableCount(page, 'import_batch')).toBe(DEMO_FILE_COUNT);
    expect(await tableCount(page, 'school')).toBe(8);
    await switchTo(page, 'Моя сессия', false);
    expect(await tableCount(page, 'result')).toBe(7);
  });

  it('a parameter change writes the workspace record, never the database; data changes do', async () => {
    const { page } = app;
    await page.click('[data-testid="indicator-V2"]');
    const year = 'section.view[data-indicator="V2"] [data-testid="param-year"]';
    await page.waitForSelector(`${year}:not([disabled])`);
    await page.waitForSelector('section.view[data-indicator="V2"][data-state="ready"]');
    // whatever opening the tab wrote has landed
    await expect.poll(() => page.getAttribute('[data-testid="session-status"]', 'data-workspace')).toBe('saved');
    await expect.poll(() => page.getAttribute('[data-testid="session-status"]', 'data-state')).toBe('saved');
    const before = await saves(page);

    await page.selectOption('section.view[data-indicator="V2"] [data-testid="param-grade"]', '5');
    await page.click('[data-testid="open-sql-console"]');
    await page.fill('[data-testid="sql-editor"]', 'SELECT COUNT(*) FROM result');
    await page.click('[data-testid="run-sql"]');
    await page.waitForSelector('[data-testid="sql-status"]');
    // every change above is in the workspace record now
    await expect.poll(() => page.getAttribute('[data-testid="session-status"]', 'data-workspace')).toBe('saved');
    const after = await saves(page);
    expect(after.workspace).toBeGreaterThan(before.workspace);
    expect(after.db).toBe(before.db);

    // the record is what a reload brings back: the console with its text, no database saved for it
    await page.reload();
    await waitForSession(page, { demo: false });
    await page.waitForSelector('[data-testid="sql-editor"]');
    expect(await page.textContent('[data-testid="sql-editor"]')).toContain('SELECT COUNT(*) FROM result');

    // a change of data is saved: the counter does move
    const start = await saves(page);
    await page.fill('[data-testid="sql-editor"]', "UPDATE school SET short_name = 'СОШ №1 (проверка)' WHERE school_id = (SELECT MIN(school_id) FROM school)");
    await page.click('[data-testid="run-sql"]');
    await expect.poll(async () => (await saves(page)).db).toBe(start.db + 1);
  });

  it('rename, copy and delete', async () => {
    const { page } = app;
    await openMenu(page);
    await expectAxeClean(page, 'the session menu', '#session-list');
    await page.click(`${item('Моя сессия')} [data-testid="session-rename"]`);
    await page.fill('[data-testid="session-rename-input"]', 'Район 2026');
    await page.press('[data-testid="session-rename-input"]', 'Enter');
    await page.waitForSelector(item('Район 2026'));
    expect(await page.textContent('[data-testid="session-menu"] .name')).toBe('Район 2026');

    await page.click(`${item('Район 2026')} [data-testid="session-duplicate"]`);
    await expect.poll(() => sessionNames(page)).toEqual(['Демо-муниципалитет', 'Район 2026', 'Район 2026 (копия)']);
    await switchTo(page, 'Район 2026 (копия)', false);
    expect(await tableCount(page, 'result')).toBe(7);
    expect(await tableCount(page, 'import_batch')).toBe(1);

    // deleting the open session opens the most recent other one
    await openMenu(page);
    await page.click(`${item('Район 2026 (копия)')} [data-testid="session-delete"]`);
    await page.click(`${item('Район 2026 (копия)')} [data-testid="session-delete-confirm"]`);
    await expect.poll(() => page.textContent('[data-testid="session-menu"] .name')).not.toBe('Район 2026 (копия)');
    await expect.poll(() => sessionNames(page)).toEqual(['Демо-муниципалитет', 'Район 2026']);
    await switchTo(page, 'Район 2026', false);
    expect(await tableCount(page, 'result')).toBe(7);

    await openMenu(page);
    await page.click(`${item('Демо-муниципалитет')} [data-testid="session-delete"]`);
    await page.click(`${item('Демо-муниципалитет')} [data-testid="session-delete-confirm"]`);
    await expect.poll(() => sessionNames(page)).toEqual(['Район 2026']);
    expect(await page.textContent('[data-testid="session-menu"] .name')).toBe('Район 2026');
    const left = await page.evaluate(async () => {
      const request = indexedDB.open('keyval-store');
      const db = await new Promise<IDBDatabase>((done) => (request.onsuccess = () => done(request.result)));
      const keys = await new Promise<IDBValidKey[]>((done) => {
        const all = db.transaction('keyval').objectStore('keyval').getAllKeys();
        all.onsuccess = () => done(all.result);
      });
      db.close();
      return keys.map(String).sort();
    });
    expect(left).toHaveLength(3);
    expect(left[0]).toMatch(/^oko:db:[0-9a-f]{16}$/);
    expect(left.slice(1)).toEqual(['oko:sessions', left[0].replace('oko:db:', 'oko:workspace:')]);
  });

  it('«О данных» says where the data live, what the browser promised and lists the sessions with sizes', async () => {
    const { page } = app;
    await page.click('[data-testid="about-data"]');
    const dialog = page.locator('[data-testid="about-data-dialog"]');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('Только на этом компьютере, в этом браузере');
    expect(text).toContain('IndexedDB');
    expect(text).toContain('никуда не отправляет');
    expect(['granted', 'denied', 'unsupported']).toContain(await page.getAttribute('[data-testid="persist-answer"]', 'data-persist'));
    const rows = await page.$$eval('[data-testid="about-session"]', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim())),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0][0]).toBe('Район 2026');
    expect(rows[0][1]).toMatch(/^\d+ КБ$/);
    await expectAxeClean(page, '«О данных»', '[data-testid="about-data-dialog"]');
    await page.keyboard.press('Escape');
  });

  it('sent nothing beyond the origin and logged no errors', () => {
    expect(foreignRequests(app.requests, baseUrl)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});

/**
 * A backup made elsewhere: ЕГЭ русский (protocol of the fixtures) with a справка of one section,
 * saved with a passphrase, so its key travels wrapped.
 */
async function backupWithReport(passphrase: string): Promise<{ bytes: Buffer; results: number }> {
  const engine = new Engine(await initSqlJs());
  const file = egeRusCsv();
  expect(await engine.importFiles({ files: [{ name: file.name, bytes: file.bytes, context: { keepNames: false } }] })).toMatchObject([{ ok: true }]);
  await engine.appendSection({ section: await engine.querySection({ sql: 'SELECT COUNT(*) AS "Результатов" FROM result', title: 'Проверка файла' }) });
  const results = Number(queryValue(engine.database, 'SELECT COUNT(*) FROM result'));
  return { bytes: Buffer.from(await engine.exportBackup({ passphrase })), results };
}

async function reportTitles(page: Page): Promise<string[]> {
  await page.click('[data-testid="open-report"]');
  await page.waitForSelector('[data-testid="report-view"]:not([data-state="loading"])');
  await page.waitForSelector('[data-testid="report-section"]');
  return page.locator('[data-testid="report-section"] input.title-input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
}

describe('a session file opens as a new session, from the start screen or the menu', () => {
  let app: AppSession;
  let backup: { bytes: Buffer; results: number };
  const FILE = 'Район 2025.sqlite';
  const EDIT = "UPDATE school SET short_name = 'Изменено до второго файла' WHERE school_id = (SELECT MIN(school_id) FROM school)";
  const EDITED = "SELECT COUNT(*) FROM school WHERE short_name = 'Изменено до второго файла'";
  beforeAll(async () => {
    backup = await backupWithReport('весна-2026 ЕГЭ');
    app = await openApp(baseUrl, { start: 'screen' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('«Открыть файл сессии» on the start screen: checked, named after the file, its key asked for, its справка there', async () => {
    const { page } = app;
    await page.setInputFiles('[data-testid="start-file-input"]', { name: FILE, mimeType: 'application/vnd.sqlite3', buffer: backup.bytes });
    const dialog = page.locator('[data-testid="key-dialog"]');
    await dialog.waitFor({ state: 'visible' });
    await page.fill('[data-testid="key-passphrase"]', 'весна-2026 ЕГЭ');
    await page.click('[data-testid="key-unlock"]');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.locator('.notice').allTextContents()).toContainEqual(expect.stringContaining('Ключ участников расшифрован'));
    await waitForSession(page, { demo: false });
    expect(await page.textContent('[data-testid="session-menu"] .name')).toBe('Район 2025');
    expect(await tableCount(page, 'result')).toBe(backup.results);
    expect(await reportTitles(page)).toEqual(['Проверка файла']);
  });

  it('from the session menu the same file is one more session; the open one stays as it was', async () => {
    const { page } = app;
    // a change of the open session first: it must survive the next file
    await page.click('[data-testid="open-sql-console"]');
    await page.fill('[data-testid="sql-editor"]', EDIT);
    await page.click('[data-testid="run-sql"]');
    await page.waitForSelector('[data-testid="sql-status"]');
    expect(await sqlAnswer(page, EDITED)).toBe('1');

    await openMenu(page);
    await page.setInputFiles('[data-testid="session-file-input"]', { name: FILE, mimeType: 'application/vnd.sqlite3', buffer: backup.bytes });
    const dialog = page.locator('[data-testid="key-dialog"]');
    await dialog.waitFor({ state: 'visible' });
    await page.click('[data-testid="key-skip"]');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.locator('.notice').allTextContents()).toContainEqual(expect.stringContaining('Сессия открыта с новым ключом'));
    await waitForSession(page, { demo: false });
    expect(await page.textContent('[data-testid="session-menu"] .name')).toBe('Район 2025 2');
    expect(await tableCount(page, 'result')).toBe(backup.results);
    expect(await sqlAnswer(page, EDITED)).toBe('0');
    expect(await sessionNames(page)).toEqual(['Район 2025', 'Район 2025 2']);

    await switchTo(page, 'Район 2025', false);
    expect(await sqlAnswer(page, EDITED)).toBe('1');
    expect(await reportTitles(page)).toEqual(['Проверка файла']);
  });

  it('a reload reopens it with its справка', async () => {
    const { page } = app;
    await page.reload();
    await waitForSession(page, { demo: false });
    expect(await page.textContent('[data-testid="session-menu"] .name')).toBe('Район 2025');
    expect(await sqlAnswer(page, EDITED)).toBe('1');
    expect(await reportTitles(page)).toEqual(['Проверка файла']);
    expect(foreignRequests(app.requests, baseUrl)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
