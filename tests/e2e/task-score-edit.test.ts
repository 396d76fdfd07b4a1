import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type AppSession, gridRows, openApp, openDataTables, sqlAnswer, waitSaved } from './browser.ts';

/**
 * A task score has no rowid since migration 14: the grid names it by its result and task. A
 * methodist sorts the scores, fixes one, is refused a score above the task's maximum, undoes and
 * redoes — and the database follows, the edit log naming the score by its key.
 */
const baseUrl = inject('baseUrl');

/** A cell of the grid's row (0-based) by its column's header, through aria-colindex (the row numbers take the first). */
async function cellOf(page: Page, row: number, column: string) {
  const index = await page.$$eval(
    '[data-testid="result-grid"] .ht_clone_top thead th',
    // the sorted column's header carries the sort mark after its name
    (ths, name) => ths.find((th) => (th.textContent ?? '').trim().replace(/[^\p{L}\p{N}_]+$/u, '') === name)?.getAttribute('aria-colindex'),
    column,
  );
  return page.locator('[data-testid="result-grid"] .ht_master tbody tr').nth(row).locator(`td[aria-colindex="${index}"]`);
}

async function type(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

describe('task scores in the grid: named by result and task', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(baseUrl);
    await waitSaved(app.page);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a sorted table of scores edits the score it shows, refuses one above the maximum, and undoes by the same key', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1800, height: 900 });
    await openDataTables(page);
    await page.click('[data-testid="table-task_score"]');
    // sorted by a column the edit leaves alone: the sorted view's row keys address the edits
    await page.getByLabel('Столбец сортировки').selectOption('task_code');
    await page.getByTitle('Изменить направление').click();
    await expect.poll(async () => (await gridRows(page))[0]?.[0] ?? '…').not.toBe('…');

    const resultId = await (await cellOf(page, 0, 'result_id')).textContent();
    const task = await (await cellOf(page, 0, 'task_code')).textContent();
    const score = await cellOf(page, 0, 'score');
    const before = (await score.textContent()) ?? '';
    const after = before === '0' ? '1' : '0';

    await score.dblclick();
    await type(page, '99');
    await expect
      .poll(() => page.locator('[role="alert"]').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('балл должен быть от 0 до')]));
    await expect.poll(() => score.textContent()).toBe(before);

    await score.dblclick();
    await type(page, after);
    await expect.poll(() => score.textContent()).toBe(after);
    await expect.poll(async () => (await cellOf(page, 0, 'raw')).textContent()).toBe(after);
    // undo and redo go back through the engine by the same key
    await page.getByTitle('Отменить правку (Ctrl+Z)').click();
    await expect.poll(() => score.textContent()).toBe(before);
    await page.keyboard.press('Control+Y');
    await expect.poll(() => score.textContent()).toBe(after);

    const key = `[${resultId},"${task}"]`;
    expect(await sqlAnswer(page, `SELECT score FROM task_score WHERE result_id = ${resultId} AND task_code = '${task}'`)).toBe(after);
    expect(await sqlAnswer(page, "SELECT group_concat(row_id, ' ') FROM oko_edit_log WHERE table_name = 'task_score'")).toBe(`${key} ${key} ${key}`);
    await page.setViewportSize({ width: 1366, height: 768 });
  });
});
