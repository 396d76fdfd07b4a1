import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ImportFile } from '../../src/core/import/types.ts';
import { largeF1 } from '../../scripts/bench/large-files.ts';
import { reportMarks, schoolDirectory } from '../fixtures/generate.ts';
import { egeRusCsv, ogeMathXls, ogeTwoBlockXlsx, SURNAMES } from '../fixtures/rcoi.ts';
import { type AppSession, foreignRequests, gridRows, openApp, waitSaved, runSql } from './browser.ts';

/**
 * Issue 3 through the UI: a methodist drops four files at once — a school directory, a ЕГЭ
 * protocol (CSV, Windows-1251), an ОГЭ protocol (two blocks) and a ФИС ОКО report — then the same
 * people's ОГЭ mathematics (.xls), the same file again, a table of no known layout, and a big file
 * they change their mind about.
 *
 * Expected counts, from the fixtures (tests/fixtures/generate.ts, tests/fixtures/rcoi.ts):
 *  - school +6: the directory's 3 (edu203389 = РЦОИ 9306, edu203390 = 9307, «ООШ с. Танги-Чу» = 9400);
 *    ЕГЭ codes 111001 and 111002 and ОГЭ code 9317 match none — 3 placeholders; ОГЭ 9306 is the directory's;
 *  - result +6: ЕГЭ 3 rows (Иванов, Петрова, Ёлкин) + ОГЭ 3 (обществознание: Алиев, Мусаева; химия: Бисултанов);
 *  - fisoko_agg +23: «Статистика по отметкам» (MARKS_ROWS, see tests/unit/import-reports.test.ts);
 *  - the .xls adds 2 results (математика: Алиев, Бисултанов) — the same two people, so two students
 *    have two ОГЭ results each.
 */
const baseUrl = inject('baseUrl');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SHOTS = process.env.OKO_SHOTS;

function upload(file: ImportFile, mimeType = 'application/octet-stream') {
  return { name: file.name, mimeType, buffer: Buffer.from(file.bytes) };
}

async function tableCount(page: Page, table: string): Promise<number> {
  return Number(await page.getAttribute(`[data-testid="table-${table}"]`, 'data-count'));
}

async function counts(page: Page): Promise<Record<string, number>> {
  const names = ['school', 'result', 'fisoko_agg', 'import_batch', 'task_score'];
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await tableCount(page, name)] as const)));
}

async function status(page: Page): Promise<string> {
  return (await page.textContent('[data-testid="import-status"]')) ?? '';
}

/** Runs a query in the SQL console; poll lastRow(page) for its (one-row) answer. */
async function lastRow(page: Page): Promise<string[] | undefined> {
  return (await gridRows(page)).at(-1);
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  await page.evaluate(() => document.querySelector('aside')?.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

describe('import: many files at once, duplicates, any table, cancel', () => {
  let app: AppSession;
  let start: Record<string, number>;
  let big: Uint8Array;

  beforeAll(async () => {
    big = largeF1(100_000);
    app = await openApp(baseUrl);
    await waitSaved(app.page);
    start = await counts(app.page);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the import’s code is loaded before the first file: once the page is idle, or as the pointer comes to «Загрузить файлы…»', async () => {
    const { page } = app;
    await page.hover('label.import-button');
    await page.waitForSelector('label.import-button[data-import-code="ready"]');
    // SheetJS and the reader of big sheets, fetched by the engine's worker (the bundler names both chunks after xlsx)
    const chunks = new Set(app.pageRequests.filter((r) => /\/assets\/xlsx-[^/]+\.js$/.test(r)));
    expect(chunks.size).toBeGreaterThanOrEqual(2);
    expect(await tableCount(page, 'import_batch')).toBe(start.import_batch);
  });

  it('drops a directory, a ЕГЭ CSV (Windows-1251), an ОГЭ protocol and a ФИС ОКО report at once: all land', async () => {
    const { page } = app;
    await page.setInputFiles('[data-testid="import-input"]', [
      upload(schoolDirectory(), XLSX),
      upload(egeRusCsv('windows-1251'), 'text/csv'),
      upload(ogeTwoBlockXlsx(), XLSX),
      upload(reportMarks(), XLSX),
    ]);
    await expect.poll(() => status(page)).toMatch(/^Загружено 4 файла из 4/);
    const text = await status(page);
    for (const name of ['Справочник ОО 2026.xlsx', 'ege-rus.csv', 'oge-protocol.xlsx', 'Ф3_Статистика по отметкам.xlsx']) expect(text).toContain(`«${name}»`);
    expect(text).toContain('ЕГЭ 2022, Русский язык, 23.06.2022');
    expect(text).toContain('ОГЭ 2026, Обществознание, 03.06.2026; ОГЭ 2026, Химия, 09.06.2026');
    expect(await page.$('[data-testid="import-error"]')).toBeNull();
    // one bar per file, all done
    expect(await page.$$eval('[data-testid="import-job"]', (jobs) => jobs.map((j) => j.getAttribute('data-state')))).toEqual(['done', 'done', 'done', 'done']);
    await expect
      .poll(() => counts(page))
      .toMatchObject({
        school: start.school + 6,
        result: start.result + 6,
        fisoko_agg: start.fisoko_agg + 23,
        import_batch: start.import_batch + 4,
      });
    // the ЕГЭ codes 111001, 111002 and the ОГЭ code 9317 wait for the crosswalk
    await expect.poll(() => page.textContent('[data-testid="crosswalk-entry"]')).toContain('Сопоставление ОО (3)');
    await shot(page, '01-four-files');
  });

  it('links one person’s ОГЭ results across files (the .xls of the same people)', async () => {
    const { page } = app;
    await page.setInputFiles('[data-testid="import-input"]', upload(ogeMathXls(), 'application/vnd.ms-excel'));
    await expect.poll(() => status(page)).toContain('ОГЭ 2026, Математика, 02.06.2026');
    await expect.poll(() => tableCount(page, 'result')).toBe(start.result + 8);
    await runSql(
      page,
      `SELECT COUNT(*) AS linked FROM (SELECT r.student_id FROM result r JOIN assessment a USING (assessment_id)
        WHERE a.kind = 'oge' AND r.student_id IS NOT NULL GROUP BY r.student_id HAVING COUNT(*) = 2)`,
    );
    await expect.poll(() => lastRow(page)).toEqual(['2']);
  });

  it('stores no surname anywhere in the session file (the backup: everything the session holds)', async () => {
    const { page } = app;
    await waitSaved(page);
    await page.click('[data-testid="download-session"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-backup"]')]);
    const bytes = readFileSync(await download.path());
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');
    const found = [...SURNAMES, 'АЛИЕВ'].filter((surname) => bytes.includes(Buffer.from(surname, 'utf8')));
    expect(found).toEqual([]);
  });

  it('the same file again: «Файл уже загружен» → «Пропустить» keeps the data; «Заменить» loads it anew', async () => {
    const { page } = app;
    const before = await counts(page);
    await page.setInputFiles('[data-testid="import-input"]', upload(reportMarks(), XLSX));
    const dialog = page.locator('[data-testid="duplicate-dialog"]');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.textContent()).toMatch(/Файл уже загружен \d{2}\.\d{2}\.\d{4} в \d{2}:\d{2}/);
    await shot(page, '02-duplicate');
    await page.click('[data-testid="duplicate-skip"]');
    await expect.poll(() => status(page)).toMatch(/уже загружен.*пропущен/);
    await dialog.waitFor({ state: 'hidden' });
    expect(await counts(page)).toEqual(before);

    await page.setInputFiles('[data-testid="import-input"]', upload(egeRusCsv('windows-1251'), 'text/csv'));
    await dialog.waitFor({ state: 'visible' });
    await page.click('[data-testid="duplicate-replace"]');
    await expect.poll(() => status(page)).toMatch(/^Загружено: ЕГЭ 2022, Русский язык/);
    expect(await counts(page)).toEqual(before);
  });

  it('a table of no known layout: «Открыть как таблицу…» → a user table with typed columns; its shape is remembered', async () => {
    const { page } = app;
    const csv = (name: string, rows: string[]) => ({ name, bytes: new TextEncoder().encode(['Название;Часов;Доля;Начало', ...rows].join('\r\n')) });
    const clubs = csv('кружки.csv', ['Шахматы;34;12,5;01.09.2025', 'Робототехника;68;7,25;15.09.2025', 'Хор;;3;']);
    await page.setInputFiles('[data-testid="import-input"]', upload(clubs, 'text/csv'));
    const error = page.locator('[data-testid="import-error"]');
    await expect.poll(() => error.textContent()).toContain('формат не распознан');
    await page.click('[data-testid="open-as-table"]');
    const dialog = page.locator('[data-testid="table-dialog"]');
    await dialog.waitFor({ state: 'visible' });
    await page.waitForSelector('[data-testid="table-preview"] tr.header');
    expect(await page.inputValue('[data-testid="table-name"]')).toBe('user_кружки');
    expect(await page.inputValue('[data-testid="column-name-0"]')).toBe('название');
    expect(await Promise.all([0, 1, 2, 3].map((c) => page.inputValue(`[data-testid="column-type-${c}"]`)))).toEqual(['TEXT', 'INTEGER', 'REAL', 'DATE']);
    // a bad name is explained in Russian and blocks the import
    await page.fill('[data-testid="table-name"]', 'result');
    await expect.poll(() => dialog.textContent()).toContain('Так называется таблица Око');
    expect(await page.isDisabled('[data-testid="table-import"]')).toBe(true);
    await page.fill('[data-testid="table-name"]', 'кружки');
    await shot(page, '03-table-dialog');
    await page.click('[data-testid="table-import"]');
    await expect.poll(() => page.getAttribute('[data-testid="table-кружки"]', 'data-count')).toBe('3');
    expect(await status(page)).toContain('таблица «кружки»');
    await runSql(page, 'SELECT typeof(название), typeof(часов), typeof(доля), начало FROM кружки ORDER BY rowid LIMIT 1');
    await expect.poll(() => lastRow(page)).toEqual(['text', 'integer', 'real', '2025-09-01']);

    // another file of the same shape: the settings come back
    await page.setInputFiles('[data-testid="import-input"]', upload(csv('кружки-2026.csv', ['Театр;20;1,5;01.10.2025']), 'text/csv'));
    await expect.poll(() => error.textContent()).toContain('кружки-2026.csv');
    await page.click('[data-testid="open-as-table"]');
    await page.locator('[data-testid="mapping-restored"]').waitFor({ state: 'visible' });
    expect(await page.textContent('[data-testid="mapping-restored"]')).toBe('Этот макет уже загружали — настройки восстановлены.');
    expect(await page.inputValue('[data-testid="table-name"]')).toBe('кружки');
    await page.fill('[data-testid="table-name"]', 'кружки_2026');
    await page.click('[data-testid="table-import"]');
    await expect.poll(() => page.getAttribute('[data-testid="table-кружки_2026"]', 'data-count')).toBe('1');

    // the first file again → «Заменить»: its own table is loaded anew, the other one is left alone
    await page.setInputFiles('[data-testid="import-input"]', upload(clubs, 'text/csv'));
    await page.locator('[data-testid="duplicate-dialog"]').waitFor({ state: 'visible' });
    await page.click('[data-testid="duplicate-replace"]');
    await dialog.waitFor({ state: 'visible' });
    await page.locator('[data-testid="mapping-restored"]').waitFor({ state: 'visible' });
    expect(await page.inputValue('[data-testid="table-name"]')).toBe('кружки');
    await page.click('[data-testid="table-import"]');
    await expect.poll(() => status(page)).toContain('таблица «кружки» («кружки.csv») — 3 строки');
    expect(await tableCount(page, 'кружки')).toBe(3);
    expect(await tableCount(page, 'кружки_2026')).toBe(1);
  });

  it('the crosswalk moves a code’s results to the chosen school', async () => {
    const { page } = app;
    await page.click('[data-testid="crosswalk-entry"]');
    const row = page.locator('[data-testid="crosswalk-code-9317"]');
    await row.waitFor({ state: 'visible' });
    expect(await row.textContent()).toContain('2 результата');
    await row.locator('select').selectOption({ label: 'МБОУ «Гимназия №5 с. Гойты» (edu203390), Урус-Мартановский муниципальный район' });
    await shot(page, '04-crosswalk');
    await page.click('[data-testid="crosswalk-match-9317"]');
    await expect.poll(() => page.locator('[data-testid="crosswalk-dialog"]').textContent()).toContain('Код 9317 сопоставлен');
    await expect.poll(() => page.locator('[data-testid="crosswalk-code-9317"]').count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.textContent('[data-testid="crosswalk-entry"]')).toContain('Сопоставление ОО (2)');
    await runSql(page, "SELECT COUNT(*) FROM result r JOIN school s USING (school_id) WHERE s.fisoko_login = 'edu203390'");
    await expect.poll(() => lastRow(page)).toEqual(['2']);
  });

  it('an РЦОИ protocol that cannot tell ОГЭ from ЕГЭ asks «Вид экзамена»', async () => {
    const { page } = app;
    // no «Класс», no «Оценка» or «Балл» (as in tests/unit/rcoi-errors.test.ts)
    const lines = ['04 - Химия 2026.06.09', '№;Код ОО;Фамилия;Задания с кратким ответом;Первичный балл', '1;9306;Сидоров;++-;2'];
    await page.setInputFiles('[data-testid="import-input"]', upload({ name: 'химия.csv', bytes: new TextEncoder().encode(lines.join('\r\n')) }, 'text/csv'));
    const kind = page.locator('[data-testid="context-exam-kind"]');
    await kind.waitFor({ state: 'visible' });
    expect(await page.locator('.context-dialog').textContent()).toContain('не видно, ОГЭ это или ЕГЭ');
    await kind.selectOption('oge');
    await shot(page, '07-exam-kind');
    await page.click('.context-dialog button[type="submit"]');
    await expect.poll(() => status(page)).toContain('ОГЭ 2026, Химия, 09.06.2026 («химия.csv») — 1 строка');
  });

  it('«Хранить ФИО участников»: off by default, asks before switching on, kept in the session', async () => {
    const { page } = app;
    const box = page.locator('[data-testid="keep-names"]');
    expect(await box.isChecked()).toBe(false);
    await box.click();
    await page.locator('[data-testid="keep-names-confirm"]').waitFor({ state: 'visible' });
    expect(await page.locator('.names-dialog').textContent()).toContain('152-ФЗ');
    await shot(page, '08-keep-names');
    expect(await box.isChecked()).toBe(false);
    await page.click('[data-testid="keep-names-confirm"]');
    await expect.poll(() => box.isChecked()).toBe(true);
    await waitSaved(page);
    await page.reload();
    await waitSaved(page);
    await expect.poll(() => page.locator('[data-testid="keep-names"]').isChecked()).toBe(true);
    // no names stored yet: switching off asks nothing
    await page.locator('[data-testid="keep-names"]').click();
    await expect.poll(() => page.locator('[data-testid="keep-names"]').isChecked()).toBe(false);
  });

  it('cancel during a big import stops it: counts unchanged, the app usable', async () => {
    const { page } = app;
    await waitSaved(page);
    const before = await counts(page);
    await page.setInputFiles('[data-testid="import-input"]', { name: 'Ф1 100000 строк.xlsx', mimeType: XLSX, buffer: Buffer.from(big) });
    const job = page.locator('[data-testid="import-job"][data-file="Ф1 100000 строк.xlsx"]');
    // the page reports when the restore point is saved and the worker has the file: cancel from then on
    await expect.poll(() => job.getAttribute('data-stoppable')).toBe('true');
    expect(await job.getAttribute('data-state')).toMatch(/reading|writing/);
    await shot(page, '05-big-import');
    await page.click('[data-testid="import-cancel"]');
    await expect.poll(() => job.getAttribute('data-state')).toBe('cancelled');
    await expect.poll(() => status(page)).toBe('Отменено: «Ф1 100000 строк.xlsx» — из этого файла ничего не загружено.');
    await shot(page, '06-cancelled');
    expect(await counts(page)).toEqual(before);
    // still usable: a query runs, the session saves
    await runSql(page, 'SELECT COUNT(*) FROM result');
    await expect.poll(() => lastRow(page)).toEqual([String(before.result)]);
    await waitSaved(page);
    await page.reload();
    await waitSaved(page);
    expect(await counts(page)).toEqual(before);
  });

  it('a big Ф1 (sheet streamed) tells the rows it has read, then the rows it has written', async () => {
    const { page } = app;
    await waitSaved(page);
    const name = 'Ф1 20000 строк.xlsx';
    // Every state the job shows, in order (the page renders each progress message the worker posts).
    await page.evaluate((file) => {
      const seen: string[] = [];
      (window as unknown as { okoJobStates: string[] }).okoJobStates = seen;
      new MutationObserver(() => {
        const job = document.querySelector(`[data-testid="import-job"][data-file="${file}"]`);
        if (!job) return;
        const entry = `${job.getAttribute('data-state')}|${job.querySelector('.detail')?.textContent?.trim() ?? ''}`;
        if (seen[seen.length - 1] !== entry) seen.push(entry);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    }, name);
    await page.setInputFiles('[data-testid="import-input"]', { name, mimeType: XLSX, buffer: Buffer.from(largeF1(20_000)) });
    // the count is written with a non-breaking space
    await expect.poll(async () => (await status(page)).replace(/\s/g, ' ')).toContain(`(«${name}») — 20 000 строк`);
    const states = await page.evaluate(() => (window as unknown as { okoJobStates: string[] }).okoJobStates);
    const reading = states.findIndex((s) => /^reading\|прочитано 5\s000 из 20\s088/.test(s));
    const writing = states.findIndex((s) => /^writing\|5\s000 из 20\s000/.test(s));
    expect(reading, states.join('\n')).toBeGreaterThanOrEqual(0);
    expect(writing, states.join('\n')).toBeGreaterThan(reading);
    // once writing, the job only writes until it is done
    expect(
      states.slice(writing, -1).every((s) => s.startsWith('writing|')),
      states.join('\n'),
    ).toBe(true);
    expect(states[states.length - 1], states.join('\n')).toMatch(/^done\|20\s000 строк/);
    expect(
      states.some((s) => /^writing\|20\s000 из 20\s000/.test(s)),
      states.join('\n'),
    ).toBe(true);
  });

  it('sent nothing beyond the origin and logged no errors', () => {
    expect(foreignRequests(app.requests, baseUrl)).toEqual([]);
    expect(app.errors).toEqual([]);
  });

  it('«Открыть как таблицу…» → «в таблицу Око»: cluster assignments by ОО login go into cluster_assignment', async () => {
    const { page } = app;
    const before = await tableCount(page, 'cluster_assignment');
    // the directory of the first test knows edu203389 and edu203390
    const lines = ['Логин ОО;Кластер', 'edu203389;Город', 'edu203390;Село'];
    await page.setInputFiles('[data-testid="import-input"]', upload({ name: 'кластеры.csv', bytes: new TextEncoder().encode(lines.join('\r\n')) }, 'text/csv'));
    const error = page.locator('[data-testid="import-error"]');
    await expect.poll(() => error.textContent()).toContain('кластеры.csv');
    await page.click('[data-testid="open-as-table"]');
    await page.locator('[data-testid="table-dialog"]').waitFor({ state: 'visible' });
    await page.waitForSelector('[data-testid="table-preview"] tr.header');
    await page.selectOption('[data-testid="table-target"]', 'cluster_assignment');
    // pre-filled by the headers; scheme and year have one value for all rows
    expect(await page.inputValue('[data-testid="map-school_id"]')).toBe('0');
    expect(await page.inputValue('[data-testid="map-cluster"]')).toBe('1');
    expect(await page.inputValue('[data-testid="map-year"]')).toBe('-1');
    expect(await page.inputValue('[data-testid="value-year"]')).toMatch(/^20\d\d$/);
    await page.fill('[data-testid="value-scheme"]', 'кластеры_мо');
    await page.fill('[data-testid="value-year"]', '2026');
    await shot(page, '09-canonical-mapping');
    await page.click('[data-testid="table-import"]');
    await expect.poll(() => status(page)).toContain('Таблица Око «Кластеры ОО» («кластеры.csv») — 2 строки, 2 ОО');
    await expect.poll(() => tableCount(page, 'cluster_assignment')).toBe(before + 2);
    expect(app.errors).toEqual([]);
  });
});
