import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type AppSession, foreignRequests, openApp, openDataTables, sqlAnswer, waitSaved } from './browser.ts';

/**
 * A runaway query never locks the user out (issue 9, finding 4). An endless recursive CTE never
 * ends, so it outlasts any time limit however loaded the machine is: every wait below is for what
 * the page reports (sql-cancel, query-stopped and its data-reason, a view's data-state, a notice),
 * never for a time. The time-limit tests lower the limit from the page address (`?sql-time-limit=2`,
 * which can only lower the shipped 30 s) so they do not wait half a minute for each stop.
 */
const baseUrl = inject('baseUrl');

const ENDLESS = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c';
/** The same query with an end while :n > 0 — saving an indicator runs it once, so it is saved finite and made endless with n = 0. */
const ENDLESS_AT_ZERO = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE :n = 0 OR x < :n) SELECT count(*) AS counted FROM c';

/** A view with no end: the recursion never stops and no row ever passes the filter. */
const ENDLESS_VIEW = 'CREATE VIEW endless AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT x FROM c WHERE x < 0';

/** Creates ENDLESS_VIEW in the console: the table list shows it (uncounted) — before, listing it ran it and hung. */
async function createEndlessView(page: Page): Promise<void> {
  await openConsole(page);
  await page.fill('[data-testid="sql-editor"]', ENDLESS_VIEW);
  await page.click('[data-testid="run-sql"]');
  await page.waitForFunction(() => /Выполнено/.test(document.querySelector('[data-testid="sql-status"]')?.textContent ?? ''));
  await openDataTables(page);
  const entry = page.locator('[data-testid="table-endless"]');
  await entry.waitFor();
  expect(await entry.getAttribute('data-count')).toBeNull();
}

/** Row counts of the session's main tables, read through the console. */
async function counts(page: Page): Promise<string[]> {
  const answers: string[] = [];
  for (const table of ['result', 'student', 'school', 'import_batch']) answers.push(await sqlAnswer(page, `SELECT COUNT(*) FROM ${table}`));
  return answers;
}

async function openConsole(page: Page): Promise<void> {
  await page.click('[data-testid="open-sql-console"]');
  await page.waitForSelector('[data-testid="sql-editor"].cm-content');
}

/**
 * «Сохранить как показатель» with ENDLESS_AT_ZERO run at n = 3; the new indicator U1 opens and
 * counts 3; then n = 0 makes its query endless.
 */
async function saveEndlessIndicator(page: Page, title: string): Promise<void> {
  await openConsole(page);
  await page.fill('[data-testid="sql-editor"]', ENDLESS_AT_ZERO);
  await page.fill('[data-testid="sql-param-n"]', '3');
  await page.click('[data-testid="run-sql"]');
  await page.waitForFunction(() => /Строк в результате: 1/.test(document.querySelector('[data-testid="sql-status"]')?.textContent ?? ''));
  await page.click('[data-testid="save-as-indicator"]');
  await page.fill('[data-testid="custom-title"]', title);
  await page.fill('[data-testid="custom-formula"]', 'Число строк рекурсивного запроса; при n = 0 у него нет конца');
  expect(await page.inputValue('[data-testid="custom-param-type-n"]')).toBe('integer');
  await page.click('[data-testid="custom-save"]');
  await page.waitForSelector('section[data-indicator="U1"][data-state="ready"]');
  await page.fill('[data-testid="param-n"]', '0');
  await page.press('[data-testid="param-n"]', 'Enter');
  await page.waitForSelector('section[data-indicator="U1"][data-state="running"]');
}

async function tabTitles(page: Page): Promise<string[]> {
  return page.$$eval('[role="tab"].tab', (tabs) => tabs.map((t) => (t.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

describe('«Остановить» in the console and in an indicator view', () => {
  let app: AppSession;
  let before: string[];

  beforeAll(async () => {
    app = await openApp(baseUrl);
    await waitSaved(app.page);
    before = await counts(app.page);
  });
  afterAll(async () => {
    await app.close();
  });

  it('stops an endless console query; a change made just before it survives, the data are intact and the next query runs', async () => {
    const { page } = app;
    // a change of data right before the query: the stop must not lose it
    await page.fill('[data-testid="sql-editor"]', 'CREATE TABLE before_stop AS SELECT 7 AS x');
    await page.click('[data-testid="run-sql"]');
    await page.waitForFunction(() => /Выполнено/.test(document.querySelector('[data-testid="sql-status"]')?.textContent ?? ''));

    await page.fill('[data-testid="sql-editor"]', ENDLESS);
    await page.click('[data-testid="run-sql"]');
    await page.click('[data-testid="sql-cancel"]');
    const stopped = page.locator('[data-testid="query-stopped"]');
    await stopped.waitFor();
    expect(await stopped.getAttribute('data-reason')).toBe('user');
    expect(await stopped.textContent()).toBe('Запрос остановлен: данные сессии остались такими, какими были до его запуска.');
    expect(await page.isEnabled('[data-testid="run-sql"]')).toBe(true);
    expect(await page.locator('[data-testid="sql-cancel"]').count()).toBe(0);

    expect(await sqlAnswer(page, 'SELECT x FROM before_stop')).toBe('7');
    expect(await counts(page)).toEqual(before);
    await waitSaved(page);
  });

  it('stops an indicator view’s query; the catalogue indicators then count as before', async () => {
    const { page } = app;
    await saveEndlessIndicator(page, 'Счёт без конца');
    await page.click('section[data-indicator="U1"] [data-testid="sql-cancel"]');
    await page.waitForSelector('section[data-indicator="U1"][data-state="stopped"]');
    const stopped = page.locator('section[data-indicator="U1"] [data-testid="query-stopped"]');
    expect(await stopped.getAttribute('data-reason')).toBe('user');
    expect(await stopped.textContent()).toContain('Запрос остановлен: данные сессии остались такими, какими были до его запуска.');
    // the stopped tab stays open and says so; a catalogue indicator runs on the restarted engine
    expect((await tabTitles(page)).some((t) => t.includes('U1'))).toBe(true);
    await page.click('[data-testid="indicator-V2"]');
    await page.waitForSelector('section[data-indicator="V2"][data-state="ready"]');
    expect(await counts(page)).toEqual(before);
  });

  it('stops reading a view the user wrote that never ends; the tables then open as before', async () => {
    const { page } = app;
    await createEndlessView(page);
    await page.click('[data-testid="table-endless"]');
    await page.click('[data-testid="sql-cancel"]');
    const stopped = page.locator('[data-testid="query-stopped"]');
    await stopped.waitFor();
    expect(await stopped.getAttribute('data-reason')).toBe('user');
    expect(await stopped.textContent()).toContain('Запрос остановлен: данные сессии остались такими, какими были до его запуска.');
    expect(await page.locator('[data-testid="sql-cancel"]').count()).toBe(0);
    // the engine restarted from the saved session, which has the view: the list still shows it, and tables read
    await openDataTables(page);
    await page.locator('[data-testid="table-endless"]').waitFor();
    await page.click('[data-testid="table-school"]');
    await page.waitForSelector('[role="tab"][id="tab-table:school"][aria-selected="true"]');
    expect(await counts(page)).toEqual(before);
  });

  it('sent nothing beyond the origin and logged no errors', () => {
    expect(foreignRequests(app.requests, baseUrl)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});

describe('the time limit of a view the user wrote, and a session reopened on it', () => {
  let app: AppSession;
  let before: string[];

  beforeAll(async () => {
    app = await openApp(`${baseUrl}?sql-time-limit=2`);
    await waitSaved(app.page);
    before = await counts(app.page);
  });
  afterAll(async () => {
    await app.close();
  });

  it('stops reading an endless view at the limit and says why in one sentence', async () => {
    const { page } = app;
    await createEndlessView(page);
    await page.click('[data-testid="table-endless"]');
    const stopped = page.locator('[data-testid="query-stopped"]');
    await stopped.waitFor();
    expect(await stopped.getAttribute('data-reason')).toBe('limit');
    expect(await stopped.textContent()).toContain(
      'Чтение остановлено: представление «endless» считалось дольше 2 с — это предел для представлений, чтобы зависший запрос не остановил работу; проверьте запрос представления в консоли, где предела нет и запрос можно остановить кнопкой.',
    );
    expect(await counts(page)).toEqual(before);
  });

  it('reopened with that tab open, the session opens with the tab closed and says why; the view stays in the list', async () => {
    const { page } = app;
    await page.click('[role="tab"][id="tab-table:endless"]');
    await page.waitForSelector('[data-testid="session-status"][data-workspace="saved"]');
    await waitSaved(page);

    await page.reload();
    const notice = page.locator('.notice', { hasText: 'Вкладка представления «endless» закрыта' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain(
      'Вкладка представления «endless» закрыта: при открытии сессии оно считалось дольше 2 с и было остановлено; представление осталось в списке данных, данные сессии не изменились.',
    );
    expect((await tabTitles(page)).some((t) => t.includes('endless'))).toBe(false);
    await openDataTables(page);
    await page.locator('[data-testid="table-endless"]').waitFor();
    await page.waitForSelector('[data-testid="session-status"][data-workspace="saved"]');
    expect(await counts(page)).toEqual(before);

    // saved without the tab: the next visit lists the view and reads nothing of it
    await waitSaved(page);
    await page.reload();
    await waitSaved(page);
    await openDataTables(page);
    await page.locator('[data-testid="table-endless"]').waitFor();
    expect((await tabTitles(page)).some((t) => t.includes('endless'))).toBe(false);
    expect(await page.locator('.notice', { hasText: 'закрыта' }).count()).toBe(0);
    expect(await counts(page)).toEqual(before);
  });

  it('sent nothing beyond the origin and logged no errors', () => {
    expect(foreignRequests(app.requests, baseUrl)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});

describe('the time limit of a user’s indicator, and a session that would run it on open', () => {
  let app: AppSession;
  let before: string[];
  const limited = () => `${baseUrl}?sql-time-limit=2`;

  beforeAll(async () => {
    app = await openApp(limited());
    await waitSaved(app.page);
    before = await counts(app.page);
  });
  afterAll(async () => {
    await app.close();
  });

  it('an endless query is not saved as an indicator: its check stops at the limit and says so', async () => {
    const { page } = app;
    await openConsole(page);
    await page.fill('[data-testid="sql-editor"]', ENDLESS);
    await page.click('[data-testid="save-as-indicator"]');
    await page.fill('[data-testid="custom-title"]', 'Счёт без конца');
    await page.fill('[data-testid="custom-formula"]', 'Число строк рекурсивного запроса без конца');
    await page.click('[data-testid="custom-save"]');
    const refused = page.locator('[data-testid="custom-save-error"]');
    await refused.waitFor();
    expect(await refused.textContent()).toBe(
      'Показатель не сохранён: при проверке его запрос считался дольше 2 с — это предел для своих и присланных показателей; проверьте SQL в консоли, где предела нет и запрос можно остановить кнопкой.',
    );
    await page.getByRole('button', { name: 'Отмена' }).click();
    expect(await page.locator('[data-testid="indicator-U1"]').count()).toBe(0);
    expect(await counts(page)).toEqual(before);
  });

  it('stops an endless custom indicator at the limit and says why in one sentence', async () => {
    const { page } = app;
    await saveEndlessIndicator(page, 'Счёт без конца');
    await page.waitForSelector('section[data-indicator="U1"][data-state="stopped"]');
    const stopped = page.locator('section[data-indicator="U1"] [data-testid="query-stopped"]');
    expect(await stopped.getAttribute('data-reason')).toBe('limit');
    expect(await stopped.textContent()).toContain(
      'Запрос остановлен: показатель «U1 Счёт без конца» считался дольше 2 с — это предел для своих и присланных показателей, чтобы зависший запрос не остановил работу; проверьте его SQL в консоли, где предела нет и запрос можно остановить кнопкой.',
    );
    expect(await counts(page)).toEqual(before);
  });

  it('reopened with that tab open, the session opens with the tab closed and says why; the next visit opens normally', async () => {
    const { page } = app;
    // the workspace remembers the endless indicator as the open tab
    await page.click('[role="tab"][id="tab-indicator:U1"]');
    await page.waitForSelector('section[data-indicator="U1"]');
    await page.waitForSelector('[data-testid="session-status"][data-workspace="saved"]');
    await waitSaved(page);

    await page.reload();
    const notice = page.locator('.notice', { hasText: 'Вкладка показателя «U1 Счёт без конца» закрыта' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain(
      'Вкладка показателя «U1 Счёт без конца» закрыта: при открытии сессии его запрос считался дольше 2 с и был остановлен; сам показатель остался в «Мои показатели», данные сессии не изменились.',
    );
    expect((await tabTitles(page)).some((t) => t.includes('U1'))).toBe(false);
    expect(await page.locator('section[data-indicator="U1"]').count()).toBe(0);
    await page.waitForSelector('[data-testid="session-status"][data-workspace="saved"]');
    expect(await counts(page)).toEqual(before);

    // saved without the tab: the next visit does not run the query at all
    await waitSaved(page);
    await page.reload();
    await waitSaved(page);
    await page.waitForSelector('[data-testid="indicator-U1"]');
    expect((await tabTitles(page)).some((t) => t.includes('U1'))).toBe(false);
    expect(await page.locator('.notice', { hasText: 'закрыта' }).count()).toBe(0);
    expect(await counts(page)).toEqual(before);
  });

  it('sent nothing beyond the origin and logged no errors', () => {
    expect(foreignRequests(app.requests, baseUrl)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
