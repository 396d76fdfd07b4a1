import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import initSqlJs from '../../wasm/node.ts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ImportFile } from '../../src/core/import/types.ts';
import type { ObjectivityRowSpec } from '../../src/core/import/formats/objectivity/sample.ts';
import type { DirectoryRowSpec } from '../../src/core/import/formats/school-directory/sample.ts';
import { demoMedalRows } from '../../src/core/demo/gia.ts';
import { DEMO_MUNICIPALITY, DEMO_SCHOOLS, demoSpecs } from '../../src/core/demo/index.ts';
import { writeRcoiWorkbook } from '../../src/core/import/formats/rcoi/sample.ts';
import { DIRECTORY_ROWS, objectivityList, schoolDirectory } from '../fixtures/generate.ts';
import { baseMathCsv, egeRusCsv, englishCsv, ogeMathXls, ogeTwoBlockSheet } from '../fixtures/rcoi.ts';
import { medalCandidates } from '../fixtures/seed-tables.ts';
import { type AppSession, foreignRequests, openApp, waitSaved } from './browser.ts';

/**
 * One indicator of each family (V, O, G, E, M — and E5, the medal candidates' own) through the
 * UI of a fresh profile: the demo municipality is there, the methodist drops a school directory
 * with clusters, the ФИОКО objectivity list, РЦОИ ОГЭ and ЕГЭ protocols, then the medal list;
 * parameters are picked in the indicator's own controls and the numbers read from its CSV export.
 *
 * Hand-computed from the fixtures:
 *  - O1 (objectivity list below, 8 demo ОО write ВПР РУ-4 each year): 2025 — edu990005 (РУ-4) and
 *    edu990006 (МА-4, РУ-5) flagged of 3 listed → 2 / 8 = 25 %, 3 markers; 2026 — edu990006 (РУ-4),
 *    edu990008 (МА-5) flagged of 2 listed → 25 %, 2 markers.
 *  - G1 (ОГЭ 2026, Урус-Мартановский район; 9306 = СОШ №1, 9317 = СОШ №3 by the directory):
 *    Алиев обществознание 4, математика 4; Мусаева обществознание «2» (this copy of the protocol);
 *    Бисултанов химия 3, математика 3 → СОШ №1 1 of 2 without «2» (50 %), СОШ №3 1 of 1, total 2 of 3 (66,67 %).
 *  - E1 (ЕГЭ 2022, «МСУ с кодом РЦОИ 111»): русский 39, 45, 20 (минимум 24 → 1 of 3); база 4, «2» (1 of 2);
 *    английский 56, 63 (минимум 22 → 0); people: 5, of them 2 below (Ёлкин, Сидоров) → 40 %.
 *  - E5 (medal list, thresholds typed in: I — 40, II — 35): Иванов II (русский 39, английский 56) confirms;
 *    Петрова I (русский 45, база «4»: no second subject), Ёлкин II (русский 20), Козлова I (no русский) do not;
 *    Смирнов has no ЕГЭ → 1 of 4 = 25 %.
 *  - V14 and M2 on the demo data: counted from demoSpecs() (the generator the demo is written by),
 *    rounded by SQLite's own ROUND so the comparison is exact.
 */
const baseUrl = inject('baseUrl');
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DEMO = DEMO_MUNICIPALITY.replace(/\(.*\)$/, '');
const URUS = 'Урус-Мартановский муниципальный район';
const MSU_111 = 'МСУ с кодом РЦОИ 111';

const SQL = await initSqlJs();
const sqlite = new SQL.Database();
/** ROUND(x, 2) exactly as the app's SQLite does it; the CSV writes numbers with a decimal comma. */
function round2(x: number): string {
  const rounded = sqlite.exec('SELECT ROUND(?, 2)', [x])[0].values[0][0] as number;
  return String(rounded).replace('.', ',');
}

function upload(file: ImportFile, mimeType = 'application/octet-stream') {
  return { name: file.name, mimeType, buffer: Buffer.from(file.bytes) };
}

async function status(page: Page): Promise<string> {
  return (await page.textContent('[data-testid="import-status"]')) ?? '';
}

/** The current result as CSV, through the user's own export button. */
async function exportCsv(page: Page): Promise<string[][]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-csv"]')]);
  const text = readFileSync(await download.path(), 'utf8');
  return text
    .replace(/^\ufeff/, '')
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(';').map((cell) => cell.replace(/^"|"$/g, '').replaceAll('""', '"')));
}

/** Rows of the exported CSV as {label: value}. */
async function exported(page: Page): Promise<Array<Record<string, string>>> {
  const [header, ...rows] = await exportCsv(page);
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
}

/**
 * The exported rows, once the indicator shows a row whose cell `key` is `name` (parameters apply
 * asynchronously). One export per state: browsers throttle a page that downloads many files.
 */
async function rowsOnceShown(
  page: Page,
  key: string,
  name: string,
  check: (row: Record<string, string>) => boolean = () => true,
): Promise<Array<Record<string, string>>> {
  let rows: Array<Record<string, string>> = [];
  await expect
    .poll(async () => {
      await page.waitForSelector('section.view[data-state="ready"]');
      rows = await exported(page);
      return rows.some((row) => row[key] === name && check(row));
    })
    .toBe(true);
  return rows;
}

function rowOf(rows: Array<Record<string, string>>, key: string, name: string): Record<string, string> {
  const row = rows.find((r) => r[key] === name);
  if (!row) throw new Error(`нет строки «${name}» в ${JSON.stringify(rows)}`);
  return row;
}

const NAME = 'ОО / муниципалитет';

type ParamValue = string | { label: string };

/** Opens the indicator and sets its parameters in order: selects by raw value (or label), inputs by typing. */
async function openIndicator(page: Page, id: string, params: Array<[string, ParamValue]>): Promise<void> {
  await page.click(`[data-testid="indicator-${id}"]`);
  await page.waitForSelector(`section.view[data-indicator="${id}"]`);
  for (const [name, value] of params) {
    const selector = `section.view[data-indicator="${id}"] [data-testid="param-${name}"]`;
    // the view appears before its definition has come from the engine; the controls follow it
    const tag = await (await page.waitForSelector(selector)).evaluate((element) => element.tagName);
    if (tag === 'SELECT') {
      await page.selectOption(selector, value);
    } else {
      await page.fill(selector, String(value));
      await page.press(selector, 'Tab');
    }
    if (typeof value === 'string') await expect.poll(() => page.inputValue(selector)).toBe(value);
  }
}

// ───────────── the files ─────────────

/** The demo ОО in two clusters (А: edu990001–004, Б: edu990005–008) plus the Урус-Мартан ОО of the РЦОИ fixtures. */
const DIRECTORY: DirectoryRowSpec[] = [
  ...DEMO_SCHOOLS.map((school, i): DirectoryRowSpec => ({
    login: school.login,
    name: school.name,
    municipality: DEMO_MUNICIPALITY,
    cluster: i < 4 ? 'А' : 'Б',
    year: 2026,
  })),
  ...DIRECTORY_ROWS.map((row) => ({ ...row, cluster: undefined })),
  { rcoiCode: '9317', name: 'МБОУ «СОШ №3 с. Гехи»', shortName: 'СОШ №3', municipality: URUS, year: 2026 },
];

const OBJECTIVITY: ObjectivityRowSpec[] = [
  { year: 2025, login: 'edu990005', municipality: DEMO_MUNICIPALITY, school: DEMO_SCHOOLS[4].name, flags: [1, 0, null, null] },
  { year: 2025, login: 'edu990006', municipality: DEMO_MUNICIPALITY, school: DEMO_SCHOOLS[5].name, flags: [0, 1, 1, null] },
  { year: 2025, login: 'edu990001', municipality: DEMO_MUNICIPALITY, school: DEMO_SCHOOLS[0].name, flags: [0, 0, 0, 0] },
  { year: 2026, login: 'edu990006', municipality: DEMO_MUNICIPALITY, school: DEMO_SCHOOLS[5].name, flags: [1, null, null, null] },
  { year: 2026, login: 'edu990008', municipality: DEMO_MUNICIPALITY, school: DEMO_SCHOOLS[7].name, flags: [null, null, 0, 1] },
];

// ───────────── expected numbers on the demo data ─────────────

/** Marks of the demo Ф1 of a work, per school login. */
function demoMarks(year: number, subject: string, grade: number): Map<string, number[]> {
  const spec = demoSpecs().find((s) => s.year === year && s.subject === subject && s.grade === grade);
  if (!spec) throw new Error(`нет демо-работы ${year} ${subject} ${grade}`);
  return new Map(spec.schools.map((school) => [school.login, school.participants.map((p) => Number(p.mark))]));
}

const share = (marks: number[], test: (mark: number) => boolean) => (100.0 * marks.filter(test).length) / marks.length;

describe('one indicator of each family, through the UI, on fixture files', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(baseUrl);
    await waitSaved(app.page);
  });
  afterAll(async () => {
    await app?.close();
    sqlite.close();
  });

  it('imports a directory with clusters, the objectivity list, ОГЭ and ЕГЭ protocols, then the medal candidates', async () => {
    const { page } = app;
    const oge = { name: 'oge-protocol.xlsx', bytes: writeRcoiWorkbook([ogeTwoBlockSheet(2)]) };
    await page.setInputFiles('[data-testid="import-input"]', [
      upload(schoolDirectory(DIRECTORY, 'Справочник ОО с кластерами.xlsx'), XLSX_TYPE),
      upload(objectivityList(OBJECTIVITY, 'Признаки необъективности 2025-2026.xlsx'), XLSX_TYPE),
      upload(oge, XLSX_TYPE),
      upload(ogeMathXls(), 'application/vnd.ms-excel'),
      upload(egeRusCsv(), 'text/csv'),
      upload(baseMathCsv(), 'text/csv'),
      upload(englishCsv(), 'text/csv'),
    ]);
    await expect.poll(() => status(page)).toMatch(/^Загружено 7 файлов из 7/);
    expect(await page.$('[data-testid="import-error"]')).toBeNull();

    await page.setInputFiles('[data-testid="import-input"]', upload(medalCandidates(), XLSX_TYPE));
    await expect.poll(() => status(page)).toContain('Претенденты на медаль 2022.xlsx');
    expect(await page.$('[data-testid="import-error"]')).toBeNull();
    await expect.poll(() => page.getAttribute('[data-testid="table-medal_candidate"]', 'data-count')).toBe(String(demoMedalRows().length + 5));
  });

  it('V14: dynamics of the share of «2» (ВПР математика 4 класс, 2026 against 2025) on the demo data', async () => {
    const { page } = app;
    await openIndicator(page, 'V14', [
      ['year', '2026'],
      ['subject', 'math'],
      ['grade', '4'],
      ['prev_year', '2025'],
      ['municipality', { label: DEMO }],
    ]);
    const now = demoMarks(2026, 'Математика', 4);
    const before = demoMarks(2025, 'Математика', 4);
    const all = (byLogin: Map<string, number[]>) => [...byLogin.values()].flat();
    const two = (mark: number) => mark === 2;
    const rows = await rowsOnceShown(page, NAME, DEMO);
    expect(rowOf(rows, NAME, DEMO)).toMatchObject({
      Участников: String(all(now).length),
      '«2», %': round2(share(all(now), two)),
      'Участников в году сравнения': String(all(before).length),
      '«2» в году сравнения, %': round2(share(all(before), two)),
      'Динамика, п.п.': round2(share(all(now), two) - share(all(before), two)),
    });
    for (const school of [DEMO_SCHOOLS[0], DEMO_SCHOOLS[4]]) {
      const row = rowOf(rows, NAME, school.name);
      const delta = share(now.get(school.login)!, two) - share(before.get(school.login)!, two);
      expect(row).toMatchObject({
        Участников: String(now.get(school.login)!.length),
        '«2», %': round2(share(now.get(school.login)!, two)),
        'Динамика, п.п.': round2(delta),
        'Рост не меньше порога': delta >= 10 ? '1' : '0',
      });
    }
  });

  it('O1: share of ОО with official objectivity markers, per year', async () => {
    const { page } = app;
    await openIndicator(page, 'O1', [['municipality', { label: DEMO }]]);
    const rows = await rowsOnceShown(page, 'Год', '2026');
    const pick = (r: Record<string, string>) => [
      r['Год'],
      r['ОО, писавших ВПР по русскому языку в 4 классе'],
      r['ОО в перечне ФИОКО (проанализированы)'],
      r['ОО с официальным признаком'],
      r['Доля ОО с официальным признаком, %'],
      r['Признак по РУ-4, ОО'],
      r['Признак по МА-4, ОО'],
      r['Признак по РУ-5, ОО'],
      r['Признак по МА-5, ОО'],
      r['Признаков всего'],
    ];
    expect(rows.map(pick)).toEqual([
      ['2025', '8', '3', '2', '25', '1', '1', '1', '0', '3'],
      ['2026', '8', '2', '2', '25', '1', '0', '0', '1', '2'],
    ]);
  });

  it('G1: 9th-grade graduates who passed every exam without «2» (ОГЭ 2026)', async () => {
    const { page } = app;
    await openIndicator(page, 'G1', [
      ['year', '2026'],
      ['municipality', { label: URUS }],
    ]);
    const cells = (r: Record<string, string>) => [
      r['Выпускников (участников ГИА-9)'],
      r['Без «2» без учёта пересдач, чел.'],
      r['Без «2» без учёта пересдач, %'],
      r['Полный набор экзаменов без «2», чел.'],
      r['Результатов без ключа участника'],
    ];
    const rows = await rowsOnceShown(page, NAME, URUS);
    expect(cells(rowOf(rows, NAME, URUS))).toEqual(['3', '2', '66,67', '0', '0']);
    expect(cells(rowOf(rows, NAME, 'СОШ №1'))).toEqual(['2', '1', '50', '0', '0']);
    expect(cells(rowOf(rows, NAME, 'СОШ №3'))).toEqual(['1', '1', '100', '0', '0']);
  });

  it('E1: ЕГЭ results below the minimum (2022), per exam and per person', async () => {
    const { page } = app;
    await openIndicator(page, 'E1', [
      ['year', '2022'],
      ['municipality', { label: MSU_111 }],
    ]);
    const rows = (await rowsOnceShown(page, 'Участников', '5')).map((r) => [r['Участников'], r['Ниже порога, чел.'], r['Ниже порога, %']]);
    // английский (2 / 0), математика база (2 / 1), русский (3 / 1), and the people (5 / 2), in the indicator's order
    expect([...rows].sort()).toEqual([
      ['2', '0', '0'],
      ['2', '1', '50'],
      ['3', '1', '33,33'],
      ['5', '2', '40'],
    ]);
  });

  it('E5: medal candidates who confirmed their marks (thresholds typed in)', async () => {
    const { page } = app;
    await openIndicator(page, 'E5', [
      ['year', '2022'],
      ['municipality', { label: MSU_111 }],
      ['gold', '40'],
      ['silver', '35'],
    ]);
    const rows = await rowsOnceShown(page, NAME, MSU_111, (r) => r['Подтвердили, чел.'] === '1');
    expect(rowOf(rows, NAME, MSU_111)).toMatchObject({
      Претендентов: '4',
      'Претендентов на I степень': '2',
      'Подтвердили I степень': '0',
      'Претендентов на II степень': '2',
      'Подтвердили II степень': '1',
      'Подтвердили, %': '25',
      'Русский язык ниже порога': '2',
      'Есть результат ниже минимума для аттестата': '1',
    });
  });

  it('M2: cluster comparison of the demo ОО (scheme from the directory, качество знаний, математика 4 класс 2026)', async () => {
    const { page } = app;
    await openIndicator(page, 'M2', [
      ['scheme', 'directory'],
      ['year', '2026'],
      ['subject', 'math'],
      ['grade', '4'],
      ['municipality', { label: DEMO }],
      ['metric', 'quality'],
    ]);
    const marks = demoMarks(2026, 'Математика', 4);
    const quality = (list: number[]) => share(list, (mark) => mark >= 4);
    const clusterOf = (login: string) => (DEMO_SCHOOLS.findIndex((s) => s.login === login) < 4 ? 'А' : 'Б');
    const rows = await rowsOnceShown(page, NAME, 'кластер «Б»');
    for (const cluster of ['А', 'Б']) {
      const members = DEMO_SCHOOLS.filter((s) => clusterOf(s.login) === cluster);
      const pooled = members.flatMap((s) => marks.get(s.login)!);
      const clusterValue = quality(pooled);
      expect(rowOf(rows, NAME, `кластер «${cluster}»`)).toMatchObject({
        Участников: String(pooled.length),
        Значение: round2(clusterValue),
        'ОО в кластере': String(members.length),
      });
      const values = members.map((s) => quality(marks.get(s.login)!));
      for (const [i, school] of members.entries()) {
        const value = values[i];
        const rank = 1 + values.filter((other) => other > value).length;
        expect(rowOf(rows, NAME, school.name)).toMatchObject({
          Кластер: cluster,
          Участников: String(marks.get(school.login)!.length),
          Значение: round2(value),
          'Значение кластера': round2(clusterValue),
          'Отклонение от кластера': round2(value - clusterValue),
          'Место в кластере': String(rank),
        });
      }
    }
  });

  it('sent nothing beyond the origin and logged no errors', () => {
    expect(foreignRequests(app.requests, baseUrl)).toEqual([]);
    expect(app.requests.length).toBeGreaterThan(5);
    expect(app.errors).toEqual([]);
  });
});
