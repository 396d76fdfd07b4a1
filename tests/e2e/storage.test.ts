import { readFileSync } from 'node:fs';
import type { Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { largeF1 } from '../../scripts/bench/large-files.ts';
import { type AppSession, foreignRequests, gridRows, openApp, waitSaved, runSql } from './browser.ts';

/**
 * When the browser's storage fails, and when a reload cuts an import off: the user is told in
 * Russian what happened and what to do, and leaving with work not kept asks first.
 */
const baseUrl = inject('baseUrl');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function resultCount(page: Page): Promise<string> {
  await runSql(page, 'SELECT COUNT(*) AS n FROM result');
  // one row, its cell drawn (a cell still loading shows «…»)
  await expect
    .poll(async () => {
      const rows = await gridRows(page);
      return rows.length === 1 && rows[0].at(-1) !== '…';
    })
    .toBe(true);
  return (await gridRows(page))[0].at(-1)!;
}

describe('storage failures and interrupted imports', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(baseUrl);
    await waitSaved(app.page);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a reload in the middle of an import: the session is as before the file, and the next visit names the file', async () => {
    const { page } = app;
    const before = await resultCount(page);
    await waitSaved(page);
    const name = 'Ф1 20000 строк.xlsx';
    await page.setInputFiles('[data-testid="import-input"]', { name, mimeType: XLSX, buffer: Buffer.from(largeF1(20_000)) });
    const job = page.locator(`[data-testid="import-job"][data-file="${name}"]`);
    // the restore point is saved and the worker has the file
    await expect.poll(() => job.getAttribute('data-stoppable')).toBe('true');
    // leaving asks first; the user leaves anyway
    const asked: string[] = [];
    const accept = (dialog: Dialog) => {
      asked.push(dialog.type());
      void dialog.accept();
    };
    page.on('dialog', accept);
    await page.reload();
    page.off('dialog', accept);
    expect(asked).toEqual(['beforeunload']);
    await waitSaved(page);
    const notice = page.locator('.notice', { hasText: 'была прервана' });
    await expect
      .poll(() => notice.textContent())
      .toContain(
        `Загрузка файла «${name}» была прервана перезагрузкой или закрытием страницы. Файл не загружен, сессия осталась такой, какой была до него. Загрузите его снова.`,
      );
    expect(await resultCount(page)).toBe(before);
    // said once: the next reload does not repeat it
    await waitSaved(page);
    await page.reload();
    await waitSaved(page);
    await page.waitForSelector('[data-testid="session-status"][data-state="saved"]');
    expect(await page.locator('.notice', { hasText: 'была прервана' }).count()).toBe(0);
  });

  it('a full disk: a Russian warning with «Скачать сессию» stays up, leaving asks first, and the download has the work', async () => {
    const { page } = app;
    await waitSaved(page);
    // from now on IndexedDB refuses every write, as Chromium does when the quota is exceeded
    await page.evaluate(() => {
      const full = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      IDBObjectStore.prototype.put = full;
      IDBObjectStore.prototype.add = full;
    });
    await runSql(page, "CREATE TABLE my_notes AS SELECT 'заметка' AS note");
    const warning = page.locator('[data-testid="save-failed"]');
    await expect
      .poll(() => warning.textContent())
      .toContain('Сессия не сохранена: браузеру не хватило места на диске для сессии. Скачайте сессию файлом, затем освободите место');
    expect(await page.getAttribute('[data-testid="session-status"]', 'data-state')).toBe('error');
    expect(await page.textContent('[data-testid="session-status"]')).not.toMatch(/quota/i);

    // closing the tab now asks first
    const dialog = new Promise<Dialog>((resolve) => page.once('dialog', resolve));
    await page.close({ runBeforeUnload: true });
    const question = await dialog;
    expect(question.type()).toBe('beforeunload');
    await question.dismiss();
    expect(page.isClosed()).toBe(false);

    // the download keeps what the browser could not
    const [download] = await Promise.all([page.waitForEvent('download'), warning.getByRole('button', { name: 'Скачать сессию' }).click()]);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');
    expect(bytes.includes(Buffer.from('my_notes'))).toBe(true);
    expect(foreignRequests(app.requests, baseUrl)).toEqual([]);
  });
});
