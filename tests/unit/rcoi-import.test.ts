import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db.ts';
import { importFile } from '../../src/core/import/index.ts';
import type { ImportFile, ImportOptions } from '../../src/core/import/index.ts';
import type { RcoiContext } from '../../src/core/import/formats/rcoi/exam-kind.ts';
import * as R from '../fixtures/rcoi.ts';
import { NOW, importError, rows } from '../fixtures/import-helpers.ts';
import { surnamesStored } from '../fixtures/rcoi-checks.ts';
import { freshDatabase } from './sqlite.ts';

async function load(db: Database, file: ImportFile, options: ImportOptions = {}) {
  return importFile(db, file, { now: NOW, ...options });
}

const RESULT_COLUMNS = `s.gia_code, r.class_label, r.primary_score, r.mark, r.test_score, r.primary_written, r.primary_oral,
  r.short_mask, r.long_mask, r.oral_mask, r.ppe_code, r.auditorium, r.msu_code`;

function resultsOf(db: Database, assessmentId: number): unknown[][] {
  return rows(db, `SELECT ${RESULT_COLUMNS} FROM result r JOIN school s USING (school_id) WHERE r.assessment_id = ? ORDER BY r.result_id`, [assessmentId]);
}

function assessments(db: Database): unknown[][] {
  return rows(db, 'SELECT assessment_id, kind, year, subject_code, grade, level, exam_code, exam_date, stage, term, sitting FROM assessment ORDER BY 1');
}

describe('ЕГЭ CSV with spacer columns', () => {
  it('imports to exact rows: assessment, placeholder schools, results, tasks, task scores', async () => {
    const db = freshDatabase();
    const summary = await load(db, R.egeRusCsv());
    expect(summary).toMatchObject({ format: 'rcoi_protocol', rows: 3, taskScores: 27, schools: 2, assessments: ['ЕГЭ 2022, Русский язык, 23.06.2022'] });
    expect(summary.warnings).toEqual([
      'Коды ОО РЦОИ 111002, 111001 не сопоставлены со школами справочника: созданы ОО-заглушки («ОО с кодом РЦОИ 111002» и т. д.). ' +
        'Сопоставьте их со школами на экране сопоставления ОО.',
    ]);
    expect(assessments(db)).toEqual([[1, 'ege', 2022, 'rus', 11, '', '01', '2022-06-23', 'основной', 'основной', '2022-06-23']]);
    expect(resultsOf(db, 1)).toEqual([
      ['111002', '11', 9, null, 39, null, null, '++-+2+', '1(2)2(3)0(2)', null, '1018', '0009', '111'],
      ['111001', '11А', 10, null, 45, null, null, '+++-1-', '2(2)3(3)1(2)', null, '1018', '0010', '111'],
      ['111001', '11Б', 4, null, 20, null, null, '-+++0+', '0(2)0(3)0(2)', null, '1018', '0010', '111'],
    ]);
    expect(rows(db, 'SELECT task_code, position, max_score, part FROM assessment_task WHERE assessment_id = 1 ORDER BY position')).toEqual([
      ['1', 1, 1, 'short'],
      ['2', 2, 1, 'short'],
      ['3', 3, 1, 'short'],
      ['4', 4, 1, 'short'],
      ['5', 5, 2, 'short'],
      ['6', 6, 1, 'short'],
      ['7', 7, 2, 'long'],
      ['8', 8, 3, 'long'],
      ['9', 9, 2, 'long'],
    ]);
    expect(
      rows(
        db,
        `SELECT ts.task_code, ts.score, ts.raw FROM task_score ts JOIN result r USING (result_id)
       JOIN assessment_task t ON t.assessment_id = r.assessment_id AND t.task_code = ts.task_code WHERE ts.result_id = 1 ORDER BY t.position`,
      ),
    ).toEqual([
      ['1', 1, '+'],
      ['2', 1, '+'],
      ['3', 0, '-'],
      ['4', 1, '+'],
      ['5', 2, '2'],
      ['6', 1, '+'],
      ['7', 1, '1(2)'],
      ['8', 2, '2(3)'],
      ['9', 0, '0(2)'],
    ]);
    expect(
      rows(
        db,
        'SELECT s.school_id, s.fisoko_login, s.gia_code, s.full_name, m.name, m.gia_msu_code, m.region_code FROM school s JOIN municipality m USING (municipality_id) ORDER BY 1',
      ),
    ).toEqual([
      [1, null, '111002', 'ОО с кодом РЦОИ 111002', 'МСУ с кодом РЦОИ 111', '111', null],
      [2, null, '111001', 'ОО с кодом РЦОИ 111001', 'МСУ с кодом РЦОИ 111', '111', null],
    ]);
    expect(rows(db, 'SELECT source, code, name_seen, school_id FROM school_code_alias ORDER BY school_id')).toEqual([
      ['rcoi', '111002', null, 1],
      ['rcoi', '111001', null, 2],
    ]);
    expect(rows(db, 'SELECT COUNT(*), COUNT(DISTINCT person_key) FROM student')).toEqual([[3, 3]]);
    expect(rows(db, 'SELECT COUNT(*) FROM result WHERE student_id IS NULL')).toEqual([[0]]);
    expect(rows(db, 'SELECT detected_format, rows FROM import_batch')).toEqual([['rcoi_protocol', 3]]);
    expect(surnamesStored(db)).toEqual([]);
  });

  it('reads the same file saved in Windows-1251', async () => {
    const utf8 = freshDatabase();
    const cp1251 = freshDatabase();
    await load(utf8, R.egeRusCsv('utf-8'));
    const summary = await load(cp1251, R.egeRusCsv('windows-1251'));
    expect(summary.format).toBe('rcoi_protocol');
    expect(resultsOf(cp1251, 1)).toEqual(resultsOf(utf8, 1));
    expect(assessments(cp1251)).toEqual(assessments(utf8));
    expect(surnamesStored(cp1251)).toEqual([]);
  });

  it('puts results of a known РЦОИ code into that school, without a placeholder', async () => {
    const db = freshDatabase();
    db.run("INSERT INTO municipality (municipality_id, name) VALUES (7, 'Таштыпский район')");
    db.run(
      "INSERT INTO school (school_id, municipality_id, fisoko_login, gia_code, full_name) VALUES (70, 7, 'edu190001', '111001', 'МБОУ «Таштыпская СОШ №1»')",
    );
    db.run("INSERT INTO school_code_alias (source, code, name_seen, school_id) VALUES ('rcoi', '111002', NULL, 70)");
    const summary = await load(db, R.egeRusCsv());
    expect(summary.warnings).toEqual([]);
    expect(rows(db, 'SELECT school_id, COUNT(*) FROM result GROUP BY 1')).toEqual([[70, 3]]);
    expect(rows(db, "SELECT code, school_id FROM school_code_alias WHERE source = 'rcoi' ORDER BY code")).toEqual([
      ['111001', 70],
      ['111002', 70],
    ]);
  });

  it('a newer export of the same exam replaces the earlier rows of the same people', async () => {
    const db = freshDatabase();
    await load(db, R.egeRusCsv('utf-8', 'первый.csv'));
    const summary = await load(db, R.egeRusCsv('windows-1251', 'второй.csv'));
    expect(summary.warnings).toEqual([
      'Экзамен «ЕГЭ 2022, Русский язык, 23.06.2022»: 3 результата, загруженных ранее из «первый.csv», заменены данными этого файла.',
    ]);
    expect(rows(db, 'SELECT COUNT(*), MIN(import_batch_id) FROM result')).toEqual([[3, 2]]);
    expect(rows(db, 'SELECT COUNT(*) FROM task_score')).toEqual([[27]]);
  });
});

describe('layout drift', () => {
  it('a title in column H, a caption row, a repeated header and signature lines after the footers', async () => {
    const db = freshDatabase();
    const csv = [
      ';;;;;;;12 - Обществознание 2021.06.15;;;;',
      '№;;Код МСУ;;Код ОО;;Класс;;Фамилия;Имя;Отчество;;Документ;;Первичный балл;;Балл',
      'ППЭ 1018;;;;;;;;;;;;;;;;',
      '1;;111;;111002;;11;;Сидоров;Олег;Петрович;;4444 555555;;22;;42',
      '№;;Код МСУ;;Код ОО;;Класс;;Фамилия;Имя;Отчество;;Документ;;Первичный балл;;Балл',
      '2;;111;;111001;;11А;;Козлова;Анна;Игоревна;;5555 666666;;30;;58',
      'Средние;;;;;;;;;;;;;;26;;50',
      'Всего участников;;;;;;;;;;;;;;2;;',
      'Председатель ГЭК ____________;;;;;;;;;;;;;;;;',
    ].join('\r\n');
    const summary = await load(db, { name: 'soc.csv', bytes: new TextEncoder().encode(csv) });
    expect(summary).toMatchObject({ rows: 2, assessments: ['ЕГЭ 2021, Обществознание, 15.06.2021'] });
    expect(rows(db, 'SELECT r.class_label, r.primary_score, r.test_score FROM result r ORDER BY 1')).toEqual([
      ['11', 22, 42],
      ['11А', 30, 58],
    ]);
  });
});

describe('base mathematics and a foreign language', () => {
  it('base mathematics: ЕГЭ, level base, mark only', async () => {
    const db = freshDatabase();
    const summary = await load(db, R.baseMathCsv());
    expect(summary.assessments).toEqual(['ЕГЭ 2022, Математика (базовый уровень), 27.06.2022']);
    expect(assessments(db)).toEqual([[1, 'ege', 2022, 'math', 11, 'base', '22', '2022-06-27', 'основной', 'основной', '2022-06-27']]);
    expect(resultsOf(db, 1)).toEqual([
      ['111001', '11А', 8, 4, null, null, null, '++++-+++-+', null, null, '1081', '0005', null],
      ['111002', '11', 1, 2, null, null, null, '+---------', null, null, '1081', '0004', null],
    ]);
    expect(rows(db, 'SELECT COUNT(*), MAX(max_score), MIN(part), MAX(part) FROM assessment_task')).toEqual([[10, 1, 'short', 'short']]);
  });

  it('«Математика» alone in ЕГЭ is the profile level', async () => {
    const db = freshDatabase();
    const csv = [
      '02 - Математика 2022.06.02;;;;;',
      '№;Код ОО;Класс;Фамилия;Имя;Отчество;Документ;Первичный балл;Тестовый балл',
      '1;111001;11;Петрова;Мария;Сергеевна;2222 333333;12;68',
    ].join('\r\n');
    await load(db, { name: 'math.csv', bytes: new TextEncoder().encode(csv) });
    expect(assessments(db)).toEqual([[1, 'ege', 2022, 'math', 11, 'prof', '02', '2022-06-02', 'основной', 'основной', '2022-06-02']]);
  });

  it('English: written and oral parts, oral tasks У1…', async () => {
    const db = freshDatabase();
    const summary = await load(db, R.englishCsv());
    expect(summary.assessments).toEqual(['ЕГЭ 2022, Английский язык, 14.06.2022']);
    expect(assessments(db)).toEqual([[1, 'ege', 2022, 'eng', 11, '', null, '2022-06-14', 'основной', 'основной', '2022-06-14']]);
    expect(resultsOf(db, 1)).toEqual([
      ['111002', '11', 27, null, 56, 17, 10, '+++73---', '2(2)2(2)', '1(1)4(4)5(5)', 'п:1111 у:1081', 'п:0003 у:0002', null],
      ['111001', '11Б', 36, null, 63, 27, 9, '46--72+++', '1(2)1(2)', '0(1)4(4)5(5)', 'п:1111 у:1081', 'п:0003 у:0002', null],
    ]);
    expect(rows(db, "SELECT task_code, position, max_score, part FROM assessment_task WHERE part <> 'short' ORDER BY position")).toEqual([
      ['10', 10, 2, 'long'],
      ['11', 11, 2, 'long'],
      ['У1', 12, 1, 'oral'],
      ['У2', 13, 4, 'oral'],
      ['У3', 14, 5, 'oral'],
    ]);
    expect(rows(db, "SELECT task_code, max_score FROM assessment_task WHERE part = 'short' AND max_score > 1 ORDER BY position")).toEqual([
      ['1', 4],
      ['2', 6],
      ['4', 7],
      ['5', 7],
      ['6', 2],
    ]);
    expect(rows(db, "SELECT task_code, score, raw FROM task_score WHERE result_id = 2 AND task_code IN ('1', '8', '12', 'У2') ORDER BY task_code")).toEqual([
      ['1', 4, '4'],
      ['8', 1, '+'],
      ['У2', 4, '4(4)'],
    ]);
  });
});

describe('ОГЭ protocols: two blocks in one sheet, a BIFF .xls, one person across files', () => {
  it('a two-block XLSX sheet under «Протокол проверки результатов» and a region line', async () => {
    const db = freshDatabase();
    const summary = await load(db, R.ogeTwoBlockXlsx());
    expect(summary).toMatchObject({
      rows: 3,
      taskScores: 48,
      schools: 2,
      assessments: ['ОГЭ 2026, Обществознание, 03.06.2026', 'ОГЭ 2026, Химия, 09.06.2026'],
    });
    expect(assessments(db)).toEqual([
      [1, 'oge', 2026, 'soc', 9, '', '12', '2026-06-03', 'основной', 'основной', '2026-06-03'],
      [2, 'oge', 2026, 'chem', 9, '', '04', '2026-06-09', 'основной', 'основной', '2026-06-09'],
    ]);
    expect(resultsOf(db, 1)).toEqual([
      ['9306', '9А', 23, 4, null, null, null, '++++++++++2+++++', '1(2)2(3)2(2)', null, '1003', '109', '209'],
      ['9306', '9Б', 11, 3, null, null, null, '+++-+-+-+-1-+-+-', '0(2)1(3)0(2)', null, '1003', '110', '209'],
    ]);
    expect(resultsOf(db, 2)).toEqual([['9317', '9Б', 9, 3, null, null, null, '+++2++++', '0(3)0(3)', null, '1003', '202', '209']]);
    expect(
      rows(db, 'SELECT s.gia_code, s.full_name, m.name, m.region_code, m.gia_msu_code FROM school s JOIN municipality m USING (municipality_id) ORDER BY 1'),
    ).toEqual([
      ['9306', 'ОО с кодом РЦОИ 9306', 'МСУ с кодом РЦОИ 209', '20', '209'],
      ['9317', 'ОО с кодом РЦОИ 9317', 'МСУ с кодом РЦОИ 209', '20', '209'],
    ]);
    expect(
      rows(db, "SELECT task_code, max_score, part FROM assessment_task WHERE assessment_id = 1 AND (max_score > 1 OR part = 'long') ORDER BY position"),
    ).toEqual([
      ['11', 2, 'short'],
      ['17', 2, 'long'],
      ['18', 3, 'long'],
      ['19', 2, 'long'],
    ]);
  });

  it("a real BIFF8 .xls links one person's ОГЭ results across the two files", async () => {
    const xls = R.ogeMathXls();
    expect([...xls.bytes.slice(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
    const db = freshDatabase();
    await load(db, R.ogeTwoBlockXlsx());
    const summary = await load(db, xls);
    expect(summary).toMatchObject({ format: 'rcoi_protocol', rows: 2, assessments: ['ОГЭ 2026, Математика, 02.06.2026'], warnings: [] });
    // Алиев: обществознание (XLSX) and математика (XLS, «АЛИЕВ », « хамзат»); Бисултанов: химия and математика.
    expect(
      rows(
        db,
        `SELECT a.subject_code, r.mark, s.gia_code, r.student_id FROM result r JOIN assessment a USING (assessment_id) JOIN school s USING (school_id) ORDER BY r.student_id, a.subject_code`,
      ),
    ).toEqual([
      ['math', 4, '9306', 1],
      ['soc', 4, '9306', 1],
      ['soc', 3, '9306', 2],
      ['chem', 3, '9317', 3],
      ['math', 3, '9317', 3],
    ]);
    expect(rows(db, 'SELECT COUNT(*) FROM student')).toEqual([[3]]);
    expect(rows(db, 'SELECT COUNT(*) FROM school')).toEqual([[2]]);
    expect(surnamesStored(db)).toEqual([]);
  });

  it('keeps names only when asked («хранить ФИО»)', async () => {
    const db = freshDatabase();
    await load(db, R.ogeTwoBlockXlsx(), { context: { keepNames: true } });
    await load(db, R.ogeMathXls(), { context: { keepNames: true } });
    expect(rows(db, 'SELECT student_id, surname, name, patronymic, document FROM person_name ORDER BY 1')).toEqual([
      [1, 'АЛИЕВ', 'хамзат', 'Русланович', null],
      [2, 'Мусаева', 'Седа', 'Ахмедовна', null],
      [3, 'Бисултанов', 'Ислам', 'Умарович', null],
    ]);
    expect(surnamesStored(db).length).toBeGreaterThan(0);
  });
});

describe('ГВЭ, stages and terms, title-less exports', () => {
  it('ГВЭ by exam code 51 and by «ГВЭ-11» in the title; резерв and досрочный kept', async () => {
    const db = freshDatabase();
    const summary = await load(db, R.gveAndStagesXlsx());
    expect(summary.assessments).toEqual(['ГВЭ-9 2026, Русский язык, 28.05.2026', 'ГВЭ-11 2026, Математика, 20.06.2026', 'ЕГЭ 2026, Русский язык, 10.04.2026']);
    expect(assessments(db)).toEqual([
      [1, 'gve9', 2026, 'rus', 9, '', '51', '2026-05-28', 'основной', 'основной', '2026-05-28'],
      [2, 'gve11', 2026, 'math', 11, '', '02', '2026-06-20', 'основной', 'резерв', '2026-06-20'],
      [3, 'ege', 2026, 'rus', 11, '', '01', '2026-04-10', 'досрочный', 'основной', '2026-04-10'],
    ]);
    expect(rows(db, 'SELECT assessment_id, mark, test_score FROM result ORDER BY 1')).toEqual([
      [1, 4, null],
      [2, 3, null],
      [3, null, 70],
    ]);
  });

  it('the exam kind can be overridden through the context', async () => {
    const db = freshDatabase();
    const context: RcoiContext = { examKind: 'gve9' };
    await load(db, R.ogeTwoBlockXlsx(), { context });
    expect(rows(db, 'SELECT DISTINCT kind, grade FROM assessment')).toEqual([['gve9', 9]]);
  });

  it('the «normalized» English-header export asks for subject and year, then imports', async () => {
    const db = freshDatabase();
    const error = await importError(db, R.normalizedCsv());
    expect(error).toMatchObject({ code: 'needs-context', needs: { fields: ['subject', 'year'], guess: { year: 2026 } } });
    expect(error.message).toBe(
      'Файл «01_2026.05.29.csv»: над таблицей нет заголовка экзамена «NN - Предмет ГГГГ.ММ.ДД», поэтому предмет и год неизвестны. Укажите предмет и год, и файл будет загружен.',
    );
    const context: RcoiContext = { subject: 'Русский язык', year: 2026, examDate: '2026-05-29' };
    const summary = await load(db, R.normalizedCsv(), { context });
    expect(summary).toMatchObject({ format: 'rcoi_normalized', rows: 2, assessments: ['ОГЭ 2026, Русский язык, 29.05.2026'] });
    expect(assessments(db)).toEqual([[1, 'oge', 2026, 'rus', 9, '', null, '2026-05-29', 'основной', 'основной', '2026-05-29']]);
    expect(resultsOf(db, 1)).toEqual([
      ['9317', '9А', 16, 4, null, null, null, '+++++++++++', '2(2)2(2)1(1)', null, null, null, null],
      ['9317', '9Б', 12, 3, null, null, null, '++++++-+-++', '2(2)1(2)0(1)', null, null, null, null],
    ]);
    expect(surnamesStored(db)).toEqual([]);
  });
});
