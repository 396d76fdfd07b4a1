import { describe, expect, it } from 'vitest';
import { queryValue } from '../../src/core/db.ts';
import { importFile, recomputeFormMarks } from '../../src/core/import/index.ts';
import { fisokoF1Sheet, writeFisokoF1 } from '../../src/core/import/formats/vpr-results/sample-f1.ts';
import { writeWorkbook } from '../../src/core/import/samples/xlsx-writer.ts';
import * as F from '../fixtures/generate.ts';
import { NOW, importError, participant, rows, sha256 } from '../fixtures/import-helpers.ts';
import { freshDatabase } from './sqlite.ts';

const RU4_2026 = "a.year = 2026 AND a.subject_code = 'rus' AND a.grade = 4";

describe('ФИС ОКО «Индивидуальные результаты» (Ф1), one school', () => {
  it('imports every participant with scores, marks and journal marks', async () => {
    const db = freshDatabase();
    const file = F.f1OneSchool();
    const summary = await importFile(db, file, { now: NOW });

    expect(summary).toEqual({
      fileName: F.F1_ONE_SCHOOL_NAME,
      format: 'fisoko_f1',
      formatLabel: 'ФИС ОКО: Индивидуальные результаты (Ф1)',
      batchId: 1,
      rows: 5,
      taskScores: 75,
      schools: 1,
      assessments: ['ВПР 2026, Русский язык, 4 класс'],
      warnings: [],
    });
    expect(rows(db, 'SELECT participant_code, class_ordinal, variant, absent, primary_score, mark, journal_mark FROM result ORDER BY 1')).toEqual([
      ['40001', 1, '1', 0, 15, 3, 3],
      ['40002', 1, '1', 0, 14, 3, 3],
      ['40003', 1, '1', 0, 24, 5, 5],
      ['40004', 2, '2', 0, 13, 3, null], // «нет отметки»
      ['40005', 2, '2', 0, 18, 4, 4],
    ]);
    const p2 = participant(db, 'edu203389', '40002');
    expect(p2?.scores).toHaveLength(15);
    expect(p2?.scores.slice(8, 12)).toEqual([
      ['9.1', 0, '0'],
      ['9.2', 0, '0'],
      ['10.1', null, 'X'],
      ['10.2', 0, '0'],
    ]);
    expect(rows(db, 'SELECT COUNT(*) FROM task_score WHERE score IS NULL')).toEqual([[1]]);
    expect(rows(db, "SELECT SUM(score) FROM task_score t JOIN result r USING (result_id) WHERE r.participant_code = '40005'")).toEqual([[18]]);
  });

  it('creates the work, its tasks with maxima and difficulty, the school and the municipality', async () => {
    const db = freshDatabase();
    const file = F.f1OneSchool();
    await importFile(db, file, { now: NOW });

    expect(rows(db, 'SELECT kind, year, subject_code, grade, level, sitting, max_primary, exam_date FROM assessment')).toEqual([
      ['vpr', 2026, 'rus', 4, '', '', 24, '2026-04-20'],
    ]);
    expect(rows(db, 'SELECT COUNT(*), SUM(max_score) FROM assessment_task')).toEqual([[15, 24]]);
    expect(
      rows(db, "SELECT task_code, position, max_score, difficulty FROM assessment_task WHERE task_code IN ('1', '4', '9.1', '12.2') ORDER BY position"),
    ).toEqual([
      ['1', 1, 2, 'Б'],
      ['4', 4, 3, 'Б'],
      ['9.1', 9, 1, 'П'],
      ['12.2', 15, 1, 'Б'],
    ]);
    expect(
      rows(db, 'SELECT m.region_code, m.fisoko_code, m.name, s.fisoko_login, s.full_name FROM school s JOIN municipality m USING (municipality_id)'),
    ).toEqual([['20', null, 'Урус-Мартановский муниципальный район', 'edu203389', 'МБОУ «СОШ №1 г.Урус-Мартан»']]);
    expect(rows(db, 'SELECT source, code, name_seen, school_id FROM school_code_alias')).toEqual([['fisoko', 'edu203389', 'МБОУ «СОШ №1 г.Урус-Мартан»', 1]]);
    expect(rows(db, 'SELECT import_batch_id, file_name, sha256, detected_format, imported_at, rows, warnings FROM import_batch')).toEqual([
      [1, F.F1_ONE_SCHOOL_NAME, sha256(file), 'fisoko_f1', NOW, 5, '[]'],
    ]);
    expect(rows(db, 'SELECT DISTINCT import_batch_id FROM result')).toEqual([[1]]);
  });

  it('takes imported_at from the clock when no time is given', async () => {
    const db = freshDatabase();
    const before = new Date().toISOString();
    await importFile(db, F.f1OneSchool());
    const at = String(queryValue(db, 'SELECT imported_at FROM import_batch'));
    expect(at >= before && at <= new Date().toISOString()).toBe(true);
  });
});

describe('ФИС ОКО Ф1, municipality with several schools', () => {
  it('imports each school from its group, with «X», «х», «нет отметки» and an absent participant', async () => {
    const db = freshDatabase();
    const summary = await importFile(db, F.f1Municipal(), { now: NOW });

    expect(summary.rows).toBe(7);
    expect(summary.taskScores).toBe(30);
    expect(summary.schools).toBe(3);
    expect(summary.assessments).toEqual(['ВПР 2025, Математика, 5 класс']);
    expect(summary.warnings).toEqual([]);
    expect(
      rows(
        db,
        `SELECT s.fisoko_login, r.participant_code, r.class_ordinal, r.variant, r.absent, r.primary_score, r.mark, r.journal_mark
         FROM result r JOIN school s USING (school_id) ORDER BY 1, 2`,
      ),
    ).toEqual([
      ['edu770001', '50001', 1, '1', 0, 9, 5, 5],
      ['edu770001', '50002', 1, '2', 0, 2, 2, null],
      ['edu770001', '50003', 2, '1', 0, 4, 3, 4],
      ['edu770002', '50001', 1, '1', 0, 6, 4, 5],
      ['edu770002', '50002', 1, '2', 0, 0, 2, 3],
      ['edu770003', '50001', 1, '1', 0, 6, 4, 4],
      ['edu770003', '50002', 1, null, 1, null, null, null],
    ]);
    expect(participant(db, 'edu770001', '50003')?.scores).toEqual([
      ['1', 1, '1'],
      ['2', 2, '2'],
      ['3.1', 0, '0'],
      ['3.2', 1, '1'],
      ['4К1', null, 'X'], // Cyrillic «х» in the file
    ]);
    expect(participant(db, 'edu770003', '50002')?.scores).toEqual([]);
    expect(rows(db, "SELECT COUNT(*) FROM task_score WHERE raw = 'X' AND score IS NULL")).toEqual([[7]]);
    expect(rows(db, 'SELECT max_primary, exam_date FROM assessment')).toEqual([[9, '2025-04-18']]);
    expect(rows(db, "SELECT difficulty FROM assessment_task WHERE task_code = '4К1'")).toEqual([['В']]);
    expect(rows(db, 'SELECT municipality_id, region_code, name FROM municipality')).toEqual([[1, '77', F.MUNICIPALITY]]);
    expect(rows(db, 'SELECT fisoko_login, full_name, municipality_id FROM school ORDER BY 1')).toEqual([
      ['edu770001', 'МБОУ «СОШ №1»', 1],
      ['edu770002', 'МАОУ «Лицей №2»', 1],
      ['edu770003', 'МКОУ «ООШ с. Луговое»', 1],
    ]);
  });

  it('reads the same report saved as a «;» CSV in UTF-8', async () => {
    const db = freshDatabase();
    const summary = await importFile(db, F.f1MunicipalCsv(), { now: NOW });
    expect([summary.format, summary.rows, summary.taskScores, summary.schools]).toEqual(['fisoko_f1', 7, 30, 3]);
    expect(participant(db, 'edu770002', '50001')).toMatchObject({ primary: 6, mark: 4, journal: 5, variant: '1' });
    expect(rows(db, 'SELECT max_primary, exam_date FROM assessment')).toEqual([[9, '2025-04-18']]);
  });

  it('reads it from a Windows-1251 CSV too', async () => {
    const db = freshDatabase();
    const summary = await importFile(db, F.f1MunicipalCsv1251(), { now: NOW });
    expect([summary.rows, summary.taskScores, summary.schools]).toEqual([7, 30, 3]);
    expect(rows(db, 'SELECT fisoko_login, full_name FROM school ORDER BY 1')[1]).toEqual(['edu770002', 'МАОУ «Лицей №2»']);
    expect(participant(db, 'edu770001', '50003')?.scores[4]).toEqual(['4К1', null, 'X']);
  });

  it('finds the school login in «Название ОО» when the «ОО» column is missing', async () => {
    const db = freshDatabase();
    const sheet = fisokoF1Sheet(F.f1MunicipalSpec());
    const withoutLogin = sheet.rows.map((row, i) => (i >= 7 && row.length > 1 ? row.slice(1) : row));
    await importFile(db, { name: 'без ОО.xlsx', bytes: writeWorkbook([{ name: sheet.name, rows: withoutLogin }]) }, { now: NOW });
    expect(rows(db, 'SELECT s.fisoko_login, COUNT(*) FROM result JOIN school s USING (school_id) GROUP BY 1 ORDER BY 1')).toEqual([
      ['edu770001', 3],
      ['edu770002', 2],
      ['edu770003', 2],
    ]);
  });
});

describe('re-import', () => {
  it('refuses the very same file and changes nothing', async () => {
    const db = freshDatabase();
    await importFile(db, F.f1OneSchool(), { now: NOW });
    const before = db.export();
    const error = await importError(db, F.f1OneSchool(), { now: '2026-12-01T08:00:00.000Z' });
    expect(error.code).toBe('duplicate');
    expect(error.message).toBe('Файл «Ф1_Индивидуальные результаты.xlsx» уже загружен 26.11.2026 10:00 — пропущен.');
    expect(Buffer.compare(db.export(), before)).toBe(0);
  });

  it('recognises the same bytes under another name', async () => {
    const db = freshDatabase();
    await importFile(db, F.f1OneSchool(), { now: NOW });
    const error = await importError(db, F.f1OneSchool('копия.xlsx'));
    expect(error.code).toBe('duplicate');
    expect(error.message).toBe('Файл «копия.xlsx» уже загружен 26.11.2026 10:00 (под именем «Ф1_Индивидуальные результаты.xlsx») — пропущен.');
  });

  it('replaces a school’s rows for the work with a newer export and says so', async () => {
    const db = freshDatabase();
    await importFile(db, F.f1OneSchool(), { now: NOW });
    const summary = await importFile(db, F.f1OneSchoolNewer(), { now: '2026-11-27T09:00:00.000Z' });

    expect(summary.warnings).toEqual([
      'ОО «МБОУ «СОШ №1 г.Урус-Мартан»» (edu203389): результаты работы «ВПР 2026, Русский язык, 4 класс», загруженные ранее ' +
        'из файла «Ф1_Индивидуальные результаты.xlsx», заменены данными этого файла (было записей: 5, стало: 5).',
    ]);
    expect(rows(db, 'SELECT participant_code, primary_score, mark, import_batch_id FROM result ORDER BY 1')).toEqual([
      ['40001', 16, 4, 2],
      ['40002', 14, 3, 2],
      ['40003', 24, 5, 2],
      ['40004', 13, 3, 2],
      ['40006', 21, 5, 2],
    ]);
    expect(rows(db, 'SELECT COUNT(*) FROM task_score')).toEqual([[75]]);
    expect(rows(db, 'SELECT COUNT(*) FROM task_score WHERE result_id NOT IN (SELECT result_id FROM result)')).toEqual([[0]]);
    expect(rows(db, 'SELECT COUNT(*) FROM assessment')).toEqual([[1]]);
    expect(rows(db, 'SELECT COUNT(*) FROM school')).toEqual([[1]]);
    expect(rows(db, 'SELECT COUNT(*) FROM municipality')).toEqual([[1]]);
    expect(rows(db, 'SELECT import_batch_id, rows, warnings FROM import_batch ORDER BY 1')).toEqual([
      [1, 5, '[]'],
      [2, 5, JSON.stringify(summary.warnings)],
    ]);
  });

  it('replaces only the schools in the newer file', async () => {
    const db = freshDatabase();
    await importFile(db, F.f1Municipal(), { now: NOW });
    const spec = F.f1MunicipalSpec();
    spec.schools = [spec.schools[1]];
    spec.schools[0].participants[1] = { code: 50003, classOrdinal: 2, variant: 1, scores: [1, 2, 1, 2, 1], mark: 4, journal: 4 };
    const summary = await importFile(db, { name: 'Лицей №2.xlsx', bytes: writeFisokoF1(spec) }, { now: NOW });

    expect(summary.warnings).toHaveLength(1);
    expect(summary.warnings[0]).toContain('(edu770002)');
    expect(rows(db, 'SELECT s.fisoko_login, r.participant_code FROM result r JOIN school s USING (school_id) ORDER BY 1, 2')).toEqual([
      ['edu770001', '50001'],
      ['edu770001', '50002'],
      ['edu770001', '50003'],
      ['edu770002', '50001'],
      ['edu770002', '50003'],
      ['edu770003', '50001'],
      ['edu770003', '50002'],
    ]);
    expect(rows(db, 'SELECT COUNT(*) FROM task_score')).toEqual([[30]]);
  });
});

describe('«Форма сбора результатов» 2026', () => {
  const context = { schoolLogin: 'edu203389', year: 2026, subject: 'Русский язык', grade: 4 };

  it('asks for the school and the work, with guesses from the file name, and writes nothing', async () => {
    const db = freshDatabase();
    const before = db.export();
    const error = await importError(db, F.form2026());
    expect(error.code).toBe('needs-context');
    expect(error.needs).toEqual({
      fields: ['schoolLogin', 'year', 'subject', 'grade'],
      guess: { year: 2026, grade: 4, subject: 'rus' },
    });
    expect(error.message).toBe(
      `Файл «${F.FORM_2026_RU4_NAME}»: в файле не указаны ОО (логин ФИС ОКО), год, предмет и класс. Укажите их, и файл будет загружен.`,
    );
    expect(Buffer.compare(db.export(), before)).toBe(0);

    const partial = await importError(db, F.form2026(), { context: { year: 2026, grade: 4 } });
    expect(partial.needs?.fields).toEqual(['schoolLogin', 'subject']);
  });

  it('imports with the context: absent participants, «X», marks from the 2026 scale; template rows skipped', async () => {
    const db = freshDatabase();
    const summary = await importFile(db, F.form2026(), { now: NOW, context });

    expect(summary).toMatchObject({ format: 'vpr_form_2026', formatLabel: 'ВПР: Форма сбора результатов (2026)', rows: 5, taskScores: 24, schools: 1 });
    expect(summary.assessments).toEqual(['ВПР 2026, Русский язык, 4 класс']);
    expect(summary.warnings).toEqual([
      'ОО edu203389 ещё не было в базе: она добавлена без названия и муниципалитета. Название появится после загрузки отчёта ' +
        'ФИС ОКО «Индивидуальные результаты»; его можно ввести и вручную в таблице school.',
    ]);
    expect(rows(db, 'SELECT participant_code, class_ordinal, variant, absent, primary_score, mark, journal_mark FROM result ORDER BY 1')).toEqual([
      ['40001', 1, '1', 0, 19, 4, 4],
      ['40002', 1, '2', 0, 4, 2, 3],
      ['40003', 2, null, 1, null, null, null],
      ['40004', 2, '1', 0, 24, 5, 5],
      ['40005', 2, '2', 0, 10, 3, 3],
    ]);
    expect(participant(db, 'edu203389', '40002')?.scores).toEqual([
      ['1', 1, '1'],
      ['2', null, 'X'],
      ['3', 2, '2'],
      ['4К1', 0, '0'],
      ['4К2', 0, '0'],
      ['5', 1, '1'],
    ]);
    expect(rows(db, 'SELECT kind, year, subject_code, grade, max_primary, exam_date FROM assessment')).toEqual([['vpr', 2026, 'rus', 4, 24, null]]);
    expect(rows(db, 'SELECT task_code, position, max_score, difficulty FROM assessment_task ORDER BY position')).toEqual([
      ['1', 1, 5, null],
      ['2', 2, 5, null],
      ['3', 3, 5, null],
      ['4К1', 4, 3, null],
      ['4К2', 5, 2, null],
      ['5', 6, 4, null],
    ]);
    expect(rows(db, 'SELECT fisoko_login, full_name, municipality_id FROM school')).toEqual([['edu203389', null, null]]);
    expect(rows(db, 'SELECT detected_format, rows FROM import_batch')).toEqual([['vpr_form_2026', 5]]);
  });

  it('creates a new school with the name and municipality the user gave', async () => {
    const db = freshDatabase();
    const summary = await importFile(db, F.form2026(), {
      now: NOW,
      context: { ...context, subject: 'rus', schoolName: 'МБОУ «Школа №7»', municipalityName: 'Тестовый район' },
    });
    expect(summary.warnings).toEqual([]);
    expect(rows(db, 'SELECT s.fisoko_login, s.full_name, m.name, m.region_code FROM school s JOIN municipality m USING (municipality_id)')).toEqual([
      ['edu203389', 'МБОУ «Школа №7»', 'Тестовый район', '20'],
    ]);
  });

  it('leaves marks empty with a warning when mark_scale has no scale; recomputeFormMarks fills them later', async () => {
    const db = freshDatabase();
    await importFile(db, F.f1OneSchool(), { now: NOW });
    const summary = await importFile(db, F.form2026NoScale(), {
      now: NOW,
      context: { schoolLogin: 'edu203389', year: 2026, subject: 'eng', grade: 8 },
    });
    expect(summary.warnings).toEqual([
      'Отметки не вычислены: для работы «ВПР 2026, Английский язык, 8 класс» не загружена шкала перевода первичных баллов в отметки ' +
        '(таблица mark_scale). Добавьте шкалу в mark_scale, и отметки можно будет пересчитать.',
    ]);
    const eng8 = "a.subject_code = 'eng'";
    expect(participant(db, 'edu203389', '80001', eng8)).toMatchObject({ primary: 12, mark: null, journal: 5 });
    expect(participant(db, 'edu203389', '80002', eng8)).toMatchObject({ primary: 3, mark: null, journal: 4 });

    db.run(
      `INSERT INTO mark_scale (kind, year, subject_code, grade, level, mark, min_primary, max_primary)
       VALUES ('vpr', 2026, 'eng', 8, '', 2, 0, 4), ('vpr', 2026, 'eng', 8, '', 3, 5, 8),
              ('vpr', 2026, 'eng', 8, '', 4, 9, 11), ('vpr', 2026, 'eng', 8, '', 5, 12, 13)`,
    );
    // A scale that disagrees with the Ф1 marks: they come from ФИС ОКО and must not change.
    db.run("UPDATE mark_scale SET min_primary = 0, max_primary = 24 WHERE kind = 'vpr' AND year = 2026 AND subject_code = 'rus' AND grade = 4");
    expect(recomputeFormMarks(db)).toBe(2);
    expect(participant(db, 'edu203389', '80001', eng8)?.mark).toBe(5);
    expect(participant(db, 'edu203389', '80002', eng8)?.mark).toBe(2);
    expect(rows(db, `SELECT r.mark FROM result r JOIN assessment a USING (assessment_id) WHERE ${RU4_2026} ORDER BY participant_code`)).toEqual([
      [3],
      [3],
      [5],
      [3],
      [4],
    ]);
  });
});

describe('«Форма сбора результатов» 2022', () => {
  it('takes the school from «Пользователь» and asks only for the work', async () => {
    const db = freshDatabase();
    const error = await importError(db, F.form2022());
    expect(error.code).toBe('needs-context');
    expect(error.needs).toEqual({ fields: ['year', 'subject', 'grade'], guess: { year: 2022, grade: 4, subject: 'math' } });
  });

  it('imports class names and computes marks from the 2022 scale; sch… is the same school as edu…', async () => {
    const db = freshDatabase();
    await importFile(db, F.f1Municipal(), { now: NOW });
    const summary = await importFile(db, F.form2022(), { now: NOW, context: { year: 2022, subject: 'math', grade: 4 } });

    expect(summary).toMatchObject({ format: 'vpr_form_2022', rows: 4, taskScores: 24, schools: 1, warnings: [] });
    expect(
      rows(
        db,
        `SELECT s.fisoko_login, r.participant_code, r.class_label, r.class_ordinal, r.variant, r.absent, r.primary_score, r.mark, r.journal_mark
         FROM result r JOIN school s USING (school_id) JOIN assessment a USING (assessment_id) WHERE a.year = 2022 ORDER BY 2`,
      ),
    ).toEqual([
      ['edu770001', '40001', '4А', null, '1', 0, 20, 5, 5],
      ['edu770001', '40002', '4А', null, '2', 0, 5, 2, 3],
      ['edu770001', '40003', '4Б', null, null, 1, null, null, null],
      ['edu770001', '40004', '4Б', null, '1', 0, 11, 4, 4],
    ]);
    expect(rows(db, "SELECT code, school_id FROM school_code_alias WHERE code LIKE '%770001' ORDER BY 1")).toEqual([
      ['edu770001', 1],
      ['sch770001', 1],
    ]);
    expect(rows(db, 'SELECT COUNT(*) FROM school')).toEqual([[3]]);
  });
});

describe('progress', () => {
  it('reports every 5,000 rows and at the end', async () => {
    const db = freshDatabase();
    const spec = F.f1MunicipalSpec();
    spec.schools = [
      {
        ...spec.schools[0],
        participants: Array.from({ length: 12_000 }, (_, i) => ({ code: 50001 + i, scores: [1, 2, 1, 2, 3], mark: 5, journal: 5 })),
      },
    ];
    const calls: Array<[number, number]> = [];
    const summary = await importFile(db, { name: 'большой.xlsx', bytes: writeFisokoF1(spec) }, { onProgress: (done, total) => calls.push([done, total]) });
    expect(summary.rows).toBe(12_000);
    expect(summary.taskScores).toBe(60_000);
    expect(calls).toEqual([
      [5000, 12_000],
      [10_000, 12_000],
      [12_000, 12_000],
    ]);
  });
});
