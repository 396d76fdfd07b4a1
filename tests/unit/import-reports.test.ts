import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db.ts';
import { importFile } from '../../src/core/import/index.ts';
import type { ImportFile, ImportOptions } from '../../src/core/import/index.ts';
import type { AggRowSpec } from '../../src/core/import/formats/fisoko-reports/sample.ts';
import type { SampleCell } from '../../src/core/import/samples/xlsx-writer.ts';
import { fisokoMarksSheet, reportTitleRows } from '../../src/core/import/formats/fisoko-reports/sample.ts';
import { writeWorkbook } from '../../src/core/import/samples/xlsx-writer.ts';
import * as F from '../fixtures/generate.ts';
import { NOW, importError, rows } from '../fixtures/import-helpers.ts';
import { freshDatabase } from './sqlite.ts';

type Level = 'RF' | 'region' | 'municipality' | 'school';
type Agg = [Level, string, string, number];

const AGG = 'SELECT level, entity, metric, value FROM fisoko_agg WHERE report = ? ORDER BY level, entity, metric';

function sorted(expected: Agg[]): Agg[] {
  return [...expected].sort((a, b) => (a[0] + a[1] + a[2] < b[0] + b[1] + b[2] ? -1 : 1));
}

/** Rows of an «entity | Кол-во ОО | Кол-во участников | v1 | v2 …» table as fisoko_agg rows. */
function expectedAgg(specs: readonly AggRowSpec[], entities: ReadonlyArray<[Level, string]>, metrics: readonly string[]): Agg[] {
  return specs.flatMap((spec, i) => {
    const [level, entity] = entities[i];
    const out: Agg[] = [];
    if (spec.nOo !== null && spec.nOo !== undefined) out.push([level, entity, 'n_oo', spec.nOo]);
    out.push([level, entity, 'n', spec.n]);
    spec.pct.forEach((value, k) => out.push([level, entity, metrics[k], value as number]));
    return out;
  });
}

const RU4_ENTITIES: Array<[Level, string]> = [
  ['RF', 'Вся выборка'],
  ['region', F.REGION],
  ['municipality', 'reg20_m012'],
  ['school', 'edu203389'],
];
const MA5_ENTITIES: Array<[Level, string]> = [
  ['RF', 'Вся выборка'],
  ['region', 'Тестовая область'],
  ['municipality', 'reg77_m001'],
  ['school', 'edu770001'],
];
const MA5_TASK_CODES = ['1', '2', '3.1', '3.2', '4К1'];

async function imported(file: ImportFile, options: ImportOptions = {}): Promise<Database> {
  const db = freshDatabase();
  await importFile(db, file, { now: NOW, ...options });
  return db;
}

async function failsCleanly(db: Database, file: ImportFile, options: ImportOptions = {}) {
  const before = db.export();
  const error = await importError(db, file, options);
  expect(Buffer.compare(db.export(), before)).toBe(0);
  return error;
}

describe('«Статистика по отметкам»', () => {
  it('stores every figure with its level and entity', async () => {
    const db = freshDatabase();
    const summary = await importFile(db, F.reportMarks(), { now: NOW });
    expect(summary).toMatchObject({
      format: 'fisoko_marks',
      formatLabel: 'ФИС ОКО: Статистика по отметкам',
      rows: 23,
      taskScores: 0,
      schools: 1,
      assessments: ['ВПР 2026, Русский язык, 4 класс'],
      warnings: [],
    });
    expect(rows(db, AGG, ['marks'])).toEqual(sorted(expectedAgg(F.MARKS_ROWS, RU4_ENTITIES, ['pct_2', 'pct_3', 'pct_4', 'pct_5'])));
    expect(rows(db, 'SELECT kind, year, subject_code, grade, max_primary, exam_date FROM assessment')).toEqual([['vpr', 2026, 'rus', 4, 24, '2026-04-20']]);
    expect(rows(db, 'SELECT detected_format, rows FROM import_batch')).toEqual([['fisoko_marks', 23]]);
  });

  it('creates the school and municipality it names, and a later Ф1 finds them', async () => {
    const db = await imported(F.reportMarks());
    expect(rows(db, 'SELECT fisoko_login, full_name, municipality_id FROM school')).toEqual([['edu203389', 'МБОУ «СОШ №1 г.Урус-Мартан»', 1]]);
    expect(rows(db, 'SELECT municipality_id, region_code, fisoko_code, name FROM municipality')).toEqual([
      [1, '20', 'reg20_m012', 'Урус-Мартановский муниципальный район'],
    ]);
    await importFile(db, F.f1OneSchool(), { now: NOW });
    expect(rows(db, 'SELECT COUNT(*) FROM school')).toEqual([[1]]);
    expect(rows(db, 'SELECT COUNT(*) FROM municipality')).toEqual([[1]]);
    expect(rows(db, 'SELECT COUNT(DISTINCT assessment_id), COUNT(*) FROM result')).toEqual([[1, 5]]);
  });

  it('a newer export of the same report replaces the rows of the entities it has, with a warning', async () => {
    const db = await imported(F.reportMarks());
    const newer = F.MARKS_ROWS.map((row) => (row.label === F.SCHOOL_203389 ? { ...row, n: 90, pct: [12, 53, 27, 8] } : row));
    const summary = await importFile(db, F.reportMarks('Ф3_Статистика по отметкам (1).xlsx', newer), { now: NOW });
    expect(summary.warnings).toEqual([
      'Отчёт «Статистика по отметкам» по работе «ВПР 2026, Русский язык, 4 класс»: данные по 4 группам участников, ' +
        'загруженные ранее из файла «Ф3_Статистика по отметкам.xlsx», заменены данными этого файла.',
    ]);
    expect(rows(db, AGG, ['marks'])).toEqual(sorted(expectedAgg(newer, RU4_ENTITIES, ['pct_2', 'pct_3', 'pct_4', 'pct_5'])));
    expect(rows(db, 'SELECT DISTINCT import_batch_id FROM fisoko_agg')).toEqual([[2]]);
  });

  it('a table whose title rows were cut off asks for the work, then imports', async () => {
    const sheet = fisokoMarksSheet(F.REPORT_RU4_2026, F.MARKS_ROWS);
    const file = { name: 'без шапки.xlsx', bytes: writeWorkbook([{ name: 'Лист1', rows: sheet.rows.slice(7) }]) };
    const db = freshDatabase();
    const error = await failsCleanly(db, file);
    expect(error.code).toBe('needs-context');
    expect(error.needs?.fields).toEqual(['year', 'subject', 'grade']);
    const summary = await importFile(db, file, { now: NOW, context: { year: 2026, subject: 'rus', grade: 4 } });
    expect(summary).toMatchObject({ format: 'fisoko_marks', rows: 23 });
  });

  it('several report sheets in one workbook all go in', async () => {
    const title = F.REPORT_RU4_2026;
    const ma = { ...title, subject: 'Математика', maxPrimary: 20 };
    const file = { name: 'два отчёта.xlsx', bytes: writeWorkbook([fisokoMarksSheet(title, F.MARKS_ROWS), fisokoMarksSheet(ma, F.MARKS_ROWS)]) };
    const summary = await importFile(freshDatabase(), file, { now: NOW });
    expect(summary).toMatchObject({ rows: 46, assessments: ['ВПР 2026, Русский язык, 4 класс', 'ВПР 2026, Математика, 4 класс'] });
  });
});

describe('«Сравнение отметок с отметками по журналу»', () => {
  const expected = sorted(
    F.JOURNAL_ROWS.flatMap((row, i): Agg[] => {
      const [level, entity] = RU4_ENTITIES[i + 1];
      return [
        [level, entity, 'n', row.n],
        [level, entity, 'lowered_pct', row.lowered[0]],
        [level, entity, 'lowered_n', row.lowered[1]],
        [level, entity, 'confirmed_pct', row.confirmed[0]],
        [level, entity, 'confirmed_n', row.confirmed[1]],
        [level, entity, 'raised_pct', row.raised[0]],
        [level, entity, 'raised_n', row.raised[1]],
      ];
    }),
  );

  it('horizontal (2024+): one row per entity', async () => {
    const db = freshDatabase();
    const summary = await importFile(db, F.reportJournalHorizontal(), { now: NOW });
    expect(summary).toMatchObject({ format: 'fisoko_journal', rows: 21, assessments: ['ВПР 2024, Математика, 4 класс'] });
    expect(rows(db, AGG, ['journal'])).toEqual(expected);
  });

  it('vertical (2021): a block of rows per entity gives the same figures', async () => {
    const db = freshDatabase();
    const summary = await importFile(db, F.reportJournalVertical(), { now: NOW });
    expect(summary).toMatchObject({ format: 'fisoko_journal', rows: 21, assessments: ['ВПР 2021, Математика, 4 класс'] });
    expect(rows(db, AGG, ['journal'])).toEqual(expected);
  });

  it('vertical with the entity label merged into the block’s first row and no column header', async () => {
    const rowsOf: SampleCell[][] = [...reportTitleRows('Сравнение отметок с отметками по журналу', F.REPORT_MA4_2021)];
    for (const row of F.JOURNAL_ROWS) {
      rowsOf.push([row.label, 'Понизили (Отметка < Отметка по журналу)', row.lowered[1], row.lowered[0]]);
      rowsOf.push([null, 'Подтвердили (Отметка = Отметке по журналу)', row.confirmed[1], row.confirmed[0]]);
      rowsOf.push([null, 'Повысили (Отметка > Отметка по журналу)', row.raised[1], row.raised[0]]);
      rowsOf.push([null, 'Всего', row.n, 100]);
    }
    const db = await imported({ name: 'журнал 2021 б.xlsx', bytes: writeWorkbook([{ name: 'МА 4', rows: rowsOf }]) });
    expect(rows(db, AGG, ['journal'])).toEqual(expected);
  });
});

describe('«Распределение первичных баллов» [R]', () => {
  it('stores the share of every score 0…max', async () => {
    const db = freshDatabase();
    const summary = await importFile(db, F.reportHist(), { now: NOW });
    const scores = Array.from({ length: 25 }, (_, s) => `score:${s}`);
    const entities: Array<[Level, string]> = [RU4_ENTITIES[0], RU4_ENTITIES[1], RU4_ENTITIES[3]];
    expect(summary).toMatchObject({ format: 'fisoko_hist', rows: 3 * 27 - 1 });
    expect(rows(db, AGG, ['hist'])).toEqual(sorted(expectedAgg(F.HIST_ROWS, entities, scores)));
  });
});

describe('«Выполнение заданий» [R]', () => {
  for (const maxima of ['row', 'header'] as const) {
    it(`task maxima in ${maxima === 'row' ? 'a «Макс. балл» row' : 'headers «9.1 (1б)»'}`, async () => {
      const db = freshDatabase();
      const summary = await importFile(db, F.reportTasks(maxima), { now: NOW });
      expect(summary).toMatchObject({ format: 'fisoko_tasks', rows: 27, assessments: ['ВПР 2025, Математика, 5 класс'] });
      const metrics = MA5_TASK_CODES.map((code) => `task:${code}`);
      expect(rows(db, AGG, ['tasks'])).toEqual(sorted(expectedAgg(F.TASKS_ROWS, MA5_ENTITIES, metrics)));
      expect(rows(db, 'SELECT task_code, position, max_score FROM assessment_task ORDER BY position')).toEqual(
        F.MA5_REPORT_TASKS.map((task, i) => [task.code, i + 1, task.max]),
      );
    });
  }
});

describe('«Достижение планируемых результатов» [R]', () => {
  it('rows are tasks; columns are entities; requirement → skill', async () => {
    const db = freshDatabase();
    const summary = await importFile(db, F.reportPlanned(), { now: NOW });
    expect(summary).toMatchObject({ format: 'fisoko_planned', rows: 24, warnings: [] });
    const expected: Agg[] = F.PLANNED_ENTITIES.map((entity, e): Agg => [...MA5_ENTITIES[e], 'n', entity.n]);
    F.PLANNED_PCT.forEach((row, t) => row.forEach((value, e) => expected.push([...MA5_ENTITIES[e], `task:${MA5_TASK_CODES[t]}`, value])));
    expect(rows(db, AGG, ['planned'])).toEqual(sorted(expected));
    expect(rows(db, 'SELECT task_code, max_score, skill FROM assessment_task ORDER BY position')).toEqual(
      F.MA5_REPORT_TASKS.map((task) => [task.code, task.max, task.requirement]),
    );
  });

  it('entity columns listed from the school up to «Вся выборка» are read the same way', async () => {
    const reversed = [...F.PLANNED_ENTITIES].reverse();
    const pct = F.PLANNED_PCT.map((row) => [...row].reverse());
    const { fisokoPlannedSheet } = await import('../../src/core/import/formats/fisoko-reports/sample.ts');
    const sheet = fisokoPlannedSheet(F.REPORT_MA5_2025, F.MA5_REPORT_TASKS, reversed, pct);
    const db = await imported({ name: 'планируемые ОО.xlsx', bytes: writeWorkbook([sheet]) });
    expect(rows(db, "SELECT level, entity FROM fisoko_agg WHERE metric = 'task:1' ORDER BY value")).toEqual([
      ['municipality', 'reg77_m001'],
      ['region', 'Тестовая область'],
      ['RF', 'Вся выборка'],
      ['school', 'edu770001'],
    ]);
  });
});

describe('«Выполнение заданий группами участников» [R]', () => {
  it('stores % per task for each mark group, and the entity’s own row', async () => {
    const db = freshDatabase();
    const summary = await importFile(db, F.reportGroups(), { now: NOW });
    const expected: Agg[] = [];
    F.GROUP_BLOCKS.forEach((block, b) => {
      const [level, entity] = b === 0 ? MA5_ENTITIES[0] : MA5_ENTITIES[3];
      if (block.all) {
        expected.push([level, entity, 'n', block.all.n]);
        block.all.pct.forEach((value, t) => expected.push([level, entity, `task:${MA5_TASK_CODES[t]}`, value as number]));
      }
      for (const group of block.groups) {
        expected.push([level, entity, `mark${group.mark}:n`, group.n]);
        group.pct.forEach((value, t) => expected.push([level, entity, `mark${group.mark}:task:${MA5_TASK_CODES[t]}`, value as number]));
      }
    });
    expect(summary).toMatchObject({ format: 'fisoko_groups', rows: expected.length });
    expect(rows(db, AGG, ['groups'])).toEqual(sorted(expected));
  });
});

describe('bad reports leave the database unchanged', () => {
  async function loaded(): Promise<Database> {
    return imported(F.reportMarks());
  }

  function marksWith(change: (rows: SampleCell[][]) => void, name = 'плохой Ф3.xlsx'): ImportFile {
    const sheet = fisokoMarksSheet(F.REPORT_RU4_2026, F.MARKS_ROWS);
    change(sheet.rows);
    return { name, bytes: writeWorkbook([sheet]) };
  }

  it('text in a share cell names sheet, row and column', async () => {
    const error = await failsCleanly(
      await loaded(),
      marksWith((r) => void (r[9][4] = 'много')),
    );
    expect(error.message).toBe(
      'Файл «плохой Ф3.xlsx», лист «РУ 4 Статистика по отметкам», строка 10, столбец «3»: значение «много» — здесь должно быть число. ' +
        'Выгрузите отчёт из ФИС ОКО заново и загрузите его.',
    );
    expect(error).toMatchObject({ code: 'invalid-value', row: 10, column: '3', value: 'много' });
  });

  it('a share above 100', async () => {
    const error = await failsCleanly(
      await loaded(),
      marksWith((r) => void (r[11][6] = 140)),
    );
    expect(error).toMatchObject({ code: 'invalid-value', row: 12, column: '5', value: '140' });
    expect(error.message).toContain('доля в процентах не может быть больше 100');
  });

  it('a header with no figures under it', async () => {
    const error = await failsCleanly(
      await loaded(),
      marksWith((r) => void r.splice(8)),
    );
    expect(error.code).toBe('empty');
    expect(error.message).toBe(
      'Файл «плохой Ф3.xlsx», лист «РУ 4 Статистика по отметкам»: в отчёте «Статистика по отметкам» нет ни одной строки с числами под заголовком таблицы. ' +
        'Выгрузите отчёт из ФИС ОКО заново и загрузите его.',
    );
  });

  it('an unknown subject', async () => {
    const error = await failsCleanly(
      await loaded(),
      marksWith((r) => {
        r[2][0] = 'ВПР 2026 Астрономия 4 класс';
        r[3][1] = 'Астрономия';
      }),
    );
    expect(error).toMatchObject({ code: 'invalid-value', row: 4, column: 'Предмет:', value: 'Астрономия' });
  });

  it('a failure in the second sheet rolls back the first', async () => {
    const good = fisokoMarksSheet(F.REPORT_RU4_2026, F.MARKS_ROWS);
    const bad = fisokoMarksSheet({ ...F.REPORT_RU4_2026, subject: 'Математика' }, F.MARKS_ROWS);
    bad.rows[10][3] = -5;
    const error = await failsCleanly(freshDatabase(), { name: 'два.xlsx', bytes: writeWorkbook([good, bad]) });
    expect(error).toMatchObject({ code: 'invalid-value', sheet: bad.name, row: 11 });
  });
});

describe('ФИОКО «признаки необъективности»', () => {
  const FLAGS =
    'SELECT o.year, s.fisoko_login, o.work, o.flagged, o.source FROM objectivity_flag o JOIN school s USING (school_id) ORDER BY o.year, s.fisoko_login, o.work';

  it('one flag per school, year and work; empty = not analysed (NULL)', async () => {
    const db = freshDatabase();
    const summary = await importFile(db, F.objectivityList(), { now: NOW });
    expect(summary).toMatchObject({ format: 'fioko_bias', rows: 12, schools: 2, warnings: [] });
    expect(rows(db, FLAGS)).toEqual([
      [2023, 'edu053001', 'МА4', null, 'fioko'],
      [2023, 'edu053001', 'МА5', null, 'fioko'],
      [2023, 'edu053001', 'РУ4', null, 'fioko'],
      [2023, 'edu053001', 'РУ5', 1, 'fioko'],
      [2023, 'edu053002', 'МА4', 1, 'fioko'],
      [2023, 'edu053002', 'МА5', 0, 'fioko'],
      [2023, 'edu053002', 'РУ4', 1, 'fioko'],
      [2023, 'edu053002', 'РУ5', 0, 'fioko'],
      [2024, 'edu053001', 'МА4', 1, 'fioko'],
      [2024, 'edu053001', 'МА5', null, 'fioko'],
      [2024, 'edu053001', 'РУ4', 0, 'fioko'],
      [2024, 'edu053001', 'РУ5', null, 'fioko'],
    ]);
    expect(rows(db, 'SELECT s.fisoko_login, s.full_name, m.region_code, m.name FROM school s JOIN municipality m USING (municipality_id) ORDER BY 1')).toEqual([
      ['edu053001', 'МКОУ "Тпигская СОШ"', '05', 'Агульский муниципальный район'],
      ['edu053002', 'МКОУ "Буркиханская СОШ"', '05', 'Агульский муниципальный район'],
    ]);
  });

  it('a newer list replaces the flags and says how many changed; a wrong marker count is reported', async () => {
    const db = await imported(F.objectivityList());
    const newer = F.OBJECTIVITY_ROWS.map((row) => ({ ...row, flags: [...row.flags] as typeof row.flags }));
    newer[0].flags[2] = 0;
    newer[2].markers = 3;
    const summary = await importFile(db, F.objectivityList(newer, 'признаки (2).xlsx'), { now: NOW });
    expect(summary.warnings).toEqual([
      'Лист «Лист1»: «Количество маркеров» не равно числу единиц в столбцах работ в строке 4. Загружены признаки по работам; проверьте файл.',
      'Признаки необъективности: 1 из загруженных ранее значений заменены значениями этого файла.',
    ]);
    expect(rows(db, "SELECT flagged FROM objectivity_flag WHERE year = 2023 AND work = 'РУ5' AND school_id = 1")).toEqual([[0]]);
  });

  it('a flag other than 0/1 names the cell; the database is unchanged', async () => {
    const db = await imported(F.reportMarks());
    const bad = F.OBJECTIVITY_ROWS.map((row) => ({ ...row }));
    bad[1] = { ...bad[1], flags: [1, 'да', 0, 0] };
    const error = await failsCleanly(db, F.objectivityList(bad, 'признаки.xlsx'));
    expect(error.message).toBe(
      'Файл «признаки.xlsx», лист «Лист1», строка 3, столбец «4 МА»: значение «да» — признак должен быть 1 (есть), 0 (нет) или пустой ячейкой ' +
        '(работа не анализировалась). Исправьте значение в файле и загрузите его снова.',
    );
  });
});

describe('tolerated variations of the layouts', () => {
  it('journal: a two-row header (merged «Понизили…» over «%» | «Кол-во участников»)', async () => {
    const head = reportTitleRows('Сравнение отметок с отметками по журналу', F.REPORT_MA4_2024);
    const body: SampleCell[][] = [
      [
        'Группы участников',
        'Кол-во участников(всего)',
        'Понизили (Отметка < Отметка по журналу)',
        null,
        'Подтвердили (Отметка = Отметке по журналу)',
        null,
        'Повысили (Отметка > Отметка по журналу)',
        null,
      ],
      [null, null, '%', 'Кол-во участников', '%', 'Кол-во участников', '%', 'Кол-во участников'],
      ...F.JOURNAL_ROWS.map((row) => [row.label, row.n, row.lowered[0], row.lowered[1], row.confirmed[0], row.confirmed[1], row.raised[0], row.raised[1]]),
    ];
    const db = await imported({ name: 'журнал 2 строки.xlsx', bytes: writeWorkbook([{ name: 'МА 4', rows: [...head, ...body] }]) });
    expect(rows(db, "SELECT metric, value FROM fisoko_agg WHERE entity = 'edu203389' ORDER BY metric")).toEqual([
      ['confirmed_n', 37],
      ['confirmed_pct', 39.78],
      ['lowered_n', 52],
      ['lowered_pct', 55.91],
      ['n', 93],
      ['raised_n', 4],
      ['raised_pct', 4.3],
    ]);
  });

  it('histogram: scores under a merged «Первичный балл» caption, shares written «5,5 %»', async () => {
    const head = reportTitleRows('Распределение первичных баллов', { ...F.REPORT_MA5_2025, maxPrimary: 3 });
    const body: SampleCell[][] = [
      ['Группы участников', 'Кол-во ОО', 'Кол-во участников', 'Первичный балл', null, null, null],
      [null, null, null, 0, 1, 2, 3],
      ['Вся выборка', 100, 5000, '5,5 %', '20,5 %', '44 %', '30 %'],
    ];
    const db = await imported({ name: 'гистограмма.xlsx', bytes: writeWorkbook([{ name: 'МА 5', rows: [...head, ...body] }]) });
    expect(rows(db, 'SELECT metric, value FROM fisoko_agg ORDER BY metric')).toEqual([
      ['n', 5000],
      ['n_oo', 100],
      ['score:0', 5.5],
      ['score:1', 20.5],
      ['score:2', 44],
      ['score:3', 30],
    ]);
  });

  it('groups: the mark in a column of its own beside a merged entity label', async () => {
    const head = reportTitleRows('Выполнение заданий группами участников', F.REPORT_MA5_2025);
    const body: SampleCell[][] = [
      ['Группы участников', 'Отметка', 'Кол-во участников', '1 (1б)', '2 (2б)'],
      [F.SCHOOL_770001, '2', 3, 10, 0],
      [null, '3', 12, 50, 20],
    ];
    const db = await imported({ name: 'группы.xlsx', bytes: writeWorkbook([{ name: 'МА 5', rows: [...head, ...body] }]) });
    expect(rows(db, 'SELECT level, entity, metric, value FROM fisoko_agg ORDER BY metric')).toEqual([
      ['school', 'edu770001', 'mark2:n', 3],
      ['school', 'edu770001', 'mark2:task:1', 10],
      ['school', 'edu770001', 'mark2:task:2', 0],
      ['school', 'edu770001', 'mark3:n', 12],
      ['school', 'edu770001', 'mark3:task:1', 50],
      ['school', 'edu770001', 'mark3:task:2', 20],
    ]);
  });

  it('the report sample writers are deterministic', () => {
    expect(Buffer.compare(F.reportGroups().bytes, F.reportGroups().bytes)).toBe(0);
    expect(Buffer.compare(F.reportJournalVertical().bytes, F.reportJournalVertical().bytes)).toBe(0);
  });
});
