import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import initSqlJs from '../../wasm/node.ts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ImportFile } from '../../src/core/import/types.ts';
import { DEMO_FILE_COUNT, demoFiles } from '../../src/core/demo/index.ts';
import { unknownTable } from '../fixtures/generate.ts';
import { baseMathCsv, egeRusCsv, ogeMathXls, ogeTwoBlockXlsx, SURNAMES } from '../fixtures/rcoi.ts';
import { type AppSession, foreignRequests, openApp, waitSaved } from './browser.ts';

/**
 * Issue 12, items 2, 6 and 8; issue 9, item 5 — through the UI, on the demo session:
 *  - «Загруженные файлы» lists the demo's files (DEMO_FILE_COUNT); a file imported, deleted (exactly its rows),
 *    brought back with «Вернуть», replaced with another file;
 *  - a text renamed to .xlsx gets one short sentence; the panel closes and clears on the next import;
 *  - «Для передачи коллеге» carries no surname and no key; «Резервная копия» keeps the person
 *    links, and its key only wrapped: opened again, the passphrase restores linking.
 *
 * Expected counts (tests/fixtures/rcoi.ts): egeRusCsv — 3 results, 27 task scores (Иванов, Петрова,
 * Ёлкин); baseMathCsv — 2 results, 20 task scores (Петрова, Сидоров); ogeTwoBlockXlsx — 3 results
 * (Алиев, Мусаева, Бисултанов); ogeMathXls — 2 results of two of them (Алиев, Бисултанов).
 */
const baseUrl = inject('baseUrl');
const SQL = await initSqlJs();

function upload(file: ImportFile, mimeType = 'application/octet-stream') {
  return { name: file.name, mimeType, buffer: Buffer.from(file.bytes) };
}

async function status(page: Page): Promise<string> {
  return (await page.textContent('[data-testid="import-status"]')) ?? '';
}

/** Every data table's row count as the data panel shows it (table-<name>, data-count); not the workspace tables (oko_*). */
async function counts(page: Page): Promise<Record<string, number>> {
  const all = await page.$$eval('[data-testid^="table-"][data-count]', (entries) =>
    entries.map((e) => [e.getAttribute('data-testid')!.slice('table-'.length), Number(e.getAttribute('data-count'))] as const),
  );
  return Object.fromEntries(all.filter(([name]) => !name.startsWith('oko_')));
}

async function fileNames(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="loaded-file"]', (items) => items.map((item) => item.getAttribute('data-file') ?? ''));
}

async function openList(page: Page): Promise<void> {
  const open = await page.$eval('[data-testid="loaded-files"] details', (d) => (d as HTMLDetailsElement).open);
  if (!open) await page.click('[data-testid="loaded-files-toggle"]');
}

async function bytesOf(download: Download): Promise<Uint8Array> {
  return new Uint8Array(readFileSync((await download.path())!));
}

async function download(page: Page, testid: string): Promise<{ name: string; bytes: Uint8Array }> {
  const menu = page.locator('[data-testid="download-session"]');
  if (!(await page.$eval('details.download', (d) => (d as HTMLDetailsElement).open))) await menu.click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${testid}"]`)]);
  return { name: file.suggestedFilename(), bytes: await bytesOf(file) };
}

function count(bytes: Uint8Array, sql: string): number {
  const db = new SQL.Database(bytes);
  try {
    return Number(db.exec(sql)[0].values[0][0]);
  } finally {
    db.close();
  }
}

describe('loaded files, import errors, the two downloads', () => {
  let app: AppSession;

  beforeAll(async () => {
    app = await openApp(baseUrl);
    await waitSaved(app.page);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('«Загруженные файлы» lists the demo’s files, each named as the document it is', async () => {
    const { page } = app;
    expect(await page.getAttribute('[data-testid="loaded-files"]', 'data-count')).toBe(String(DEMO_FILE_COUNT));
    await openList(page);
    await expect.poll(() => fileNames(page)).toEqual(demoFiles().map((f) => f.name));
    const first = page.locator('[data-testid="loaded-file"]').first();
    expect(await first.textContent()).toContain('Справочник ОО');
    const texts = await page.$$eval('[data-testid="loaded-file"]', (items) => items.map((item) => item.textContent ?? ''));
    expect(texts.some((t) => t.includes('ФИС ОКО: Индивидуальные результаты (Ф1)'))).toBe(true);
    expect(texts.some((t) => t.includes('Протокол РЦОИ: ОГЭ'))).toBe(true);
    expect(texts.some((t) => t.includes('Протокол РЦОИ: ЕГЭ'))).toBe(true);
  });

  it('a file imported, deleted — exactly its rows gone — and brought back with «Вернуть»', async () => {
    const { page } = app;
    const before = await counts(page);
    await page.setInputFiles('[data-testid="import-input"]', upload(egeRusCsv(), 'text/csv'));
    await expect.poll(() => status(page)).toMatch(/^Загружено: ЕГЭ 2022, Русский язык/);
    await expect.poll(() => fileNames(page)).toContain('ege-rus.csv');
    expect(await page.getAttribute('[data-testid="loaded-files"]', 'data-count')).toBe(String(DEMO_FILE_COUNT + 1));
    await expect.poll(async () => (await counts(page)).result).toBe(before.result + 3);
    const imported = await counts(page);
    expect(imported.task_score).toBe(before.task_score + 27);
    expect(imported.import_batch).toBe(before.import_batch + 1);

    const entry = page.locator('[data-testid="loaded-file"][data-file="ege-rus.csv"]');
    expect(await entry.textContent()).toContain('Протокол РЦОИ: ЕГЭ');
    await entry.locator('[data-testid="loaded-file-delete"]').click();
    const dialog = page.locator('[data-testid="loaded-file-delete-dialog"]');
    await dialog.waitFor({ state: 'visible' });
    const said = (await dialog.textContent()) ?? '';
    expect(said).toContain('Результаты участников — 3 строки');
    expect(said).toContain('Баллы за задания — 27 строк');
    await page.click('[data-testid="loaded-file-delete-confirm"]');

    // exactly this import's rows go, and the summaries drop what they counted of them; the schools, works and people it added are shared facts and stay
    await expect.poll(async () => (await counts(page)).result).toBe(before.result);
    const summaries = {
      agg_result: before.agg_result,
      agg_score: before.agg_score,
      agg_task: before.agg_task,
      agg_attempt: before.agg_attempt,
      agg_gia_person: before.agg_gia_person,
    };
    expect(imported.agg_result).toBe(before.agg_result + 2);
    // each of the three ЕГЭ results is a sitting with its place among the person's sittings
    expect(imported.agg_attempt).toBe(before.agg_attempt + 3);
    // and each of the three persons has their first sittings of the year summed
    expect(imported.agg_gia_person).toBe(before.agg_gia_person + 3);
    expect(await counts(page)).toEqual({ ...imported, result: before.result, task_score: before.task_score, import_batch: before.import_batch, ...summaries });
    await expect.poll(() => fileNames(page)).not.toContain('ege-rus.csv');

    const undo = page.locator('[data-testid="undo"]');
    await undo.waitFor({ state: 'visible' });
    await undo.click();
    await expect.poll(async () => (await counts(page)).result).toBe(before.result + 3);
    expect(await counts(page)).toEqual(imported);
    await expect.poll(() => fileNames(page)).toContain('ege-rus.csv');
    await undo.waitFor({ state: 'detached' });
  });

  it('«Заменить файлом…»: the chosen import goes, the new file takes its place', async () => {
    const { page } = app;
    const before = await counts(page);
    const entry = page.locator('[data-testid="loaded-file"][data-file="ege-rus.csv"]');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), entry.locator('[data-testid="loaded-file-replace"]').click()]);
    await chooser.setFiles(upload(baseMathCsv(), 'text/csv'));
    await expect.poll(() => fileNames(page)).toContain('ege-base.csv');
    expect(await fileNames(page)).not.toContain('ege-rus.csv');
    await expect.poll(async () => (await counts(page)).result).toBe(before.result - 3 + 2);
    expect((await counts(page)).import_batch).toBe(before.import_batch);
  });

  it('a text renamed to .xlsx: one short sentence; «Подробнее» for an unknown table; the panel closes and clears on the next import', async () => {
    const { page } = app;
    const error = page.locator('[data-testid="import-error"]');
    const notes = { name: 'заметки.xlsx', bytes: new TextEncoder().encode('Список дел на четверг:\r\nсобрать протоколы ОГЭ\r\n') };
    await page.setInputFiles('[data-testid="import-input"]', upload(notes));
    await expect.poll(() => error.textContent()).toContain('не таблица Excel');
    expect((await page.textContent('[data-testid="import-error"] .error-lines'))?.trim()).toBe(
      'Файл «заметки.xlsx» — не таблица Excel: это текстовый файл. Загрузите выгрузку в формате xlsx, xls или csv.',
    );
    expect(await page.locator('[data-testid="import-error-details"]').count()).toBe(0);
    expect(await page.locator('[data-testid="open-as-table"]').count()).toBe(0);

    // a table of no known layout: one sentence, the formats under «Подробнее»
    await page.setInputFiles('[data-testid="import-input"]', upload(unknownTable()));
    await expect.poll(() => error.textContent()).toContain('формат не распознан');
    expect(await error.textContent()).not.toContain('заметки.xlsx');
    const details = page.locator('[data-testid="import-error-details"]');
    expect(await details.locator('li').first().isVisible()).toBe(false);
    await details.locator('summary', { hasText: 'Подробнее' }).click();
    await details.locator('li').first().waitFor({ state: 'visible' });
    expect(await details.locator('li').count()).toBe(11);
    expect(await details.textContent()).toContain('Отчёт ФИС ОКО «Индивидуальные результаты» (Ф1)');

    // closed by the user
    await page.click('[data-testid="import-error-close"]');
    await error.waitFor({ state: 'detached' });

    // cleared when the next import starts
    await page.setInputFiles('[data-testid="import-input"]', upload(notes));
    await error.waitFor({ state: 'visible' });
    await page.setInputFiles('[data-testid="import-input"]', upload(ogeTwoBlockXlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'));
    await expect.poll(() => status(page)).toMatch(/^Загружено: ОГЭ 2026/);
    expect(await error.count()).toBe(0);
  });

  it('«Для передачи коллеге» has no surname and no key; «Резервная копия» keeps the links and the key only under a passphrase', async () => {
    const { page } = app;
    // «Хранить ФИО» on, then a protocol whose people are Алиев and Бисултанов again (+ the ОГЭ names above, kept as hashes)
    await page.locator('[data-testid="keep-names"]').click();
    await page.click('[data-testid="keep-names-confirm"]');
    await expect.poll(() => page.locator('[data-testid="keep-names"]').isChecked()).toBe(true);
    await page.setInputFiles('[data-testid="import-input"]', upload(ogeMathXls(), 'application/vnd.ms-excel'));
    await expect.poll(() => status(page)).toMatch(/^Загружено: ОГЭ 2026, Математика/);
    await expect.poll(async () => (await counts(page)).person_name).toBe(2);
    await waitSaved(page);
    const session = await counts(page);

    const share = await download(page, 'download-share');
    expect(share.name).toMatch(/^око_для_передачи_\d{4}-\d{2}-\d{2}_\d{2}-\d{2}\.sqlite$/);
    const surnames = SURNAMES.flatMap((s) => [s, s.toUpperCase()]);
    expect(surnames.filter((s) => Buffer.from(share.bytes).includes(Buffer.from(s)))).toEqual([]);
    expect(count(share.bytes, 'SELECT COUNT(*) FROM oko_secret')).toBe(0);
    expect(count(share.bytes, 'SELECT COUNT(*) FROM student WHERE person_key IS NOT NULL')).toBe(0);
    expect(count(share.bytes, 'SELECT COUNT(*) FROM person_name_key')).toBe(0);
    expect(count(share.bytes, 'SELECT COUNT(*) FROM person_name')).toBe(0);
    expect(count(share.bytes, 'SELECT COUNT(*) FROM result')).toBe(session.result);

    const plain = await download(page, 'download-backup');
    expect(plain.name).toMatch(/^око_резервная_копия_.*\.sqlite$/);
    expect(count(plain.bytes, 'SELECT COUNT(*) FROM oko_secret')).toBe(0);
    expect(count(plain.bytes, 'SELECT COUNT(*) FROM student WHERE person_key IS NOT NULL')).toBe(session.student);
    expect(count(plain.bytes, 'SELECT COUNT(*) FROM person_name')).toBe(2);
    expect(Buffer.from(plain.bytes).includes(Buffer.from('Бисултанов'))).toBe(true); // kept by the user's choice: the scan finds names
    expect(count(plain.bytes, 'SELECT COUNT(*) FROM result')).toBe(session.result);

    // with a passphrase: only the wrapped key travels
    await page.locator('[data-testid="download-session"]').click();
    await page.fill('[data-testid="backup-passphrase"]', 'короткий');
    await page.fill('[data-testid="backup-passphrase-repeat"]', 'другой!');
    await expect.poll(() => page.textContent('[data-testid="backup-note"]')).toContain('Пароли не совпадают.');
    expect(await page.isDisabled('[data-testid="download-backup"]')).toBe(true);
    await page.fill('[data-testid="backup-passphrase-repeat"]', 'короткий');
    const wrapped = await download(page, 'download-backup');
    expect(count(wrapped.bytes, "SELECT COUNT(*) FROM oko_secret WHERE name = 'person_key_hmac_wrapped'")).toBe(1);
    expect(count(wrapped.bytes, 'SELECT COUNT(*) FROM oko_secret')).toBe(1);

    // opened again: the passphrase restores linking — the same two people are found, not added
    await page.setInputFiles('[data-testid="import-input"]', { name: wrapped.name, mimeType: 'application/vnd.sqlite3', buffer: Buffer.from(wrapped.bytes) });
    const dialog = page.locator('[data-testid="key-dialog"]');
    await dialog.waitFor({ state: 'visible' });
    await page.fill('[data-testid="key-passphrase"]', 'неверный пароль');
    await page.click('[data-testid="key-unlock"]');
    await expect.poll(() => page.textContent('[data-testid="key-error"]')).toContain('Пароль не подходит');
    await page.fill('[data-testid="key-passphrase"]', 'короткий');
    await page.click('[data-testid="key-unlock"]');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.locator('.notice').allTextContents()).toContainEqual(expect.stringContaining('Ключ участников расшифрован'));
    expect(await counts(page)).toEqual(session);
    // ЕГЭ русский again (its earlier import was replaced above, its people stayed): with the key
    // Иванов, Петрова and Ёлкин are found by ФИО + document — three results, no new student
    await page.setInputFiles('[data-testid="import-input"]', upload(egeRusCsv(), 'text/csv'));
    await expect.poll(() => status(page)).toMatch(/^Загружено: ЕГЭ 2022, Русский язык/);
    await expect.poll(async () => (await counts(page)).result).toBe(session.result + 3);
    expect((await counts(page)).student).toBe(session.student);
    expect(foreignRequests(app.requests, baseUrl)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
