import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type AppSession, gridRows, openApp, openDataTables, sqlAnswer, waitSaved } from './browser.ts';

/**
 * A closed grid's Handsontable instance shows the next result (HandsontableGrid.svelte keeps a
 * few). Whatever the earlier result left in it — its columns, a sort mark, a column a user
 * widened, editable cells, an open selection — must not show in the next one: the next result
 * looks exactly as it does in a grid made for it, and the table tab still edits.
 */
const baseUrl = inject('baseUrl');

/** A mark on the grid's element: still there in the next result means the element (and its instance) was reused. */
const MARK = 'okoReuseMark';

async function closeAllTabs(page: Page): Promise<void> {
  while (await page.locator('[role="tab"] .tab-close').count()) await page.locator('[role="tab"] .tab-close').first().click();
}

async function openIndicator(page: Page, id: string): Promise<void> {
  await page.click(`[data-testid="indicator-${id}"]`);
  await page.waitForSelector(`[data-indicator="${id}"][data-state="ready"]`);
  await expect.poll(async () => (await gridRows(page))[0]?.some((cell) => cell !== '' && cell !== '…')).toBe(true);
}

/** The headers as shown, with their widths in pixels; the pinned ones (top left corner) apart. */
function headers(page: Page): Promise<{ texts: string[]; widths: number[]; pinned: string[] }> {
  return page.evaluate(() => {
    const ths = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="result-grid"] .ht_clone_top thead th'));
    const corner = document.querySelectorAll('[data-testid="result-grid"] .ht_clone_top_inline_start_corner thead th');
    return {
      texts: ths.map((th) => (th.textContent ?? '').trim()),
      widths: ths.map((th) => th.offsetWidth),
      pinned: Array.from(corner, (th) => (th.textContent ?? '').trim()),
    };
  });
}

function markGrid(page: Page): Promise<void> {
  return page.$eval('[data-testid="result-grid"]', (el, mark) => Object.assign(el, { [mark]: true }) && undefined, MARK);
}

function gridIsMarked(page: Page): Promise<boolean> {
  return page.$eval('[data-testid="result-grid"]', (el, mark) => mark in el, MARK);
}

/** Widens the header's column by dragging its resize handle. */
async function widen(page: Page, header: string, by: number): Promise<void> {
  const th = page.locator('[data-testid="result-grid"] .ht_clone_top thead th', { hasText: header }).first();
  const box = (await th.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
  const handle = page.locator('[data-testid="result-grid"] .manualColumnResizer');
  await handle.first().waitFor({ state: 'visible' });
  const grip = (await handle.first().boundingBox())!;
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + grip.width / 2 + by, grip.y + grip.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** The text editor of the grid is open (Handsontable hides its holder by a class while closed). */
const editorOpen = (page: Page) => page.locator('[data-testid="result-grid"] .handsontableInputHolder:not(.ht_editor_hidden)').count();

describe('grid reuse: the next result in a closed grid’s instance shows only itself', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(baseUrl);
    await waitSaved(app.page);
    await closeAllTabs(app.page);
    await waitSaved(app.page);
    // a fresh page: no grid instance waits yet, so the first result below gets one made for it
    await app.page.reload();
    await app.page.waitForSelector('[data-testid="indicator-V14"]');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('V14 after a sorted, widened, selected V2 looks exactly as V14 in a grid of its own', async () => {
    const { page } = app;
    await openIndicator(page, 'V14');
    const own = await headers(page);
    const ownRows = await gridRows(page);
    expect(own.pinned).toEqual(['Уровень', 'ОО / муниципалитет']);
    await markGrid(page);
    await closeAllTabs(page);

    await openIndicator(page, 'V2');
    expect(await gridIsMarked(page)).toBe(true);
    const before = await headers(page);
    expect(before.texts).not.toEqual(own.texts);
    // sort by «2», widen the school column, select a cell: all of it V2's own
    await page.locator('[data-testid="result-grid"] .ht_clone_top thead th', { hasText: '«2», чел.' }).first().click();
    await expect.poll(async () => (await headers(page)).texts.find((h) => h.startsWith('«2», чел.'))).toBe('«2», чел. ▲');
    const school = before.texts.indexOf('ОО / муниципалитет');
    await widen(page, 'ОО / муниципалитет', 90);
    await expect.poll(async () => (await headers(page)).widths[school]).toBeGreaterThan(before.widths[school] + 40);
    await page.locator('[data-testid="result-grid"] .ht_master tbody td').nth(3).click();
    await closeAllTabs(page);

    await openIndicator(page, 'V14');
    expect(await gridIsMarked(page)).toBe(true);
    expect(await headers(page)).toEqual(own);
    expect(await gridRows(page)).toEqual(ownRows);
    expect(await page.locator('[data-testid="result-grid"] td.current, [data-testid="result-grid"] td.area').count()).toBe(0);
    await closeAllTabs(page);
  });

  it('the table tab in a reused grid edits and stores the edit; a console result after it is read-only', async () => {
    const { page } = app;
    // wide enough for every column of the table to be drawn
    await page.setViewportSize({ width: 2400, height: 900 });
    await openDataTables(page);
    await page.click('[data-testid="table-school"]');
    await expect.poll(async () => (await gridRows(page))[0]?.[0] ?? '…').not.toBe('…');
    await markGrid(page);
    await closeAllTabs(page);

    await page.click('[data-testid="table-result"]');
    await expect.poll(async () => (await gridRows(page))[0]?.[0] ?? '…').not.toBe('…');
    expect(await gridIsMarked(page)).toBe(true);
    // cells by their column's aria-colindex (the row numbers take the first)
    const columns = await page.$$eval('[data-testid="result-grid"] .ht_clone_top thead th', (ths) =>
      Object.fromEntries(ths.map((th) => [(th.textContent ?? '').trim(), th.getAttribute('aria-colindex')])),
    );
    const firstRow = page.locator('[data-testid="result-grid"] .ht_master tbody tr').first();
    const cell = firstRow.locator(`td[aria-colindex="${columns.journal_mark}"]`);
    const resultId = await firstRow.locator(`td[aria-colindex="${columns.result_id}"]`).textContent();
    const next = (await cell.textContent()) === '5' ? '4' : '5';
    await cell.dblclick();
    await expect.poll(() => editorOpen(page)).toBe(1);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(next);
    await page.keyboard.press('Enter');
    await expect.poll(() => cell.textContent()).toBe(next);

    // the console's result takes the table's grid: its cells are not editable
    expect(await sqlAnswer(page, `SELECT journal_mark FROM result WHERE result_id = ${resultId}`)).toBe(next);
    expect(await gridIsMarked(page)).toBe(true);
    await page.locator('[data-testid="result-grid"] .ht_master tbody td').first().dblclick();
    await page.keyboard.type('7');
    expect(await editorOpen(page)).toBe(0);
    await page.setViewportSize({ width: 1366, height: 768 });
  });
});
