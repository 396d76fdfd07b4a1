import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db.ts';
import { queryAll, queryValue } from '../../src/core/db.ts';
import { importFile } from '../../src/core/import/index.ts';
import type { ImportFile, ImportOptions } from '../../src/core/import/index.ts';
import { parseAdditionalEducationRows, parseOlympiadRows, parseStaffRows } from '../../src/core/import/formats/seed-tables/catalogue-parse.ts';
import { readWorkbook } from '../../src/core/import/read/workbook.ts';
import { EGE_CSV_LAYOUT, writeRcoiCsv } from '../../src/core/import/formats/rcoi/sample.ts';
import {
  additionalEducationSheet,
  generatedStaffRows,
  medalCandidatesSheet,
  staffSheet,
  termMarksSheet,
} from '../../src/core/import/formats/seed-tables/sample.ts';
import { writeWorkbook } from '../../src/core/import/samples/xlsx-writer.ts';
import * as F from '../fixtures/generate.ts';
import { NOW, importError, rows } from '../fixtures/import-helpers.ts';
import * as R from '../fixtures/rcoi.ts';
import * as S from '../fixtures/seed-tables.ts';
import { pick, runOn } from './catalogue-helpers.ts';
import { freshDatabase } from './sqlite.ts';

const SOSH = 'СОШ №1';
const GYMN = 'МБОУ «Гимназия №5 с. Гойты»';
const OOSH = 'МКОУ «ООШ с. Танги-Чу»';
const URUS = 'Урус-Мартановский муниципальный район';

async function load(db: Database, file: ImportFile, options: ImportOptions = {}) {
  return importFile(db, file, { now: NOW, ...options });
}

/** A session with the school directory fixture: schools 1 (edu203389/9306), 2 (edu203390/9307), 3 (9400). */
async function withDirectory(): Promise<Database> {
  const db = freshDatabase();
  await load(db, F.schoolDirectory());
  return db;
}

async function failsCleanly(db: Database, file: ImportFile, options: ImportOptions = {}) {
  const before = db.export();
  const error = await importError(db, file, options);
  expect(Buffer.compare(db.export(), before)).toBe(0);
  return error;
}

/** Every text value of every table and the raw bytes: no surname of the seed fixtures. */
function namesStored(db: Database): string[] {
  const found = new Set<string>();
  const tables = queryAll(db, "SELECT name FROM sqlite_master WHERE type = 'table'").rows.map((row) => String(row[0]));
  for (const table of tables) {
    for (const row of queryAll(db, `SELECT * FROM "${table}"`).rows) {
      for (const value of row) {
        if (typeof value !== 'string') continue;
        const folded = value.toLowerCase().replace(/ё/g, 'е');
        for (const surname of S.SEED_SURNAMES) if (folded.includes(surname.toLowerCase().replace(/ё/g, 'е'))) found.add(`${table}: ${surname}`);
      }
    }
  }
  const bytes = Buffer.from(db.export());
  for (const surname of S.SEED_SURNAMES) {
    for (const spelling of [surname, surname.toUpperCase(), surname.toUpperCase().replace(/Ё/g, 'Е')]) {
      if (bytes.includes(Buffer.from(spelling))) found.add(`bytes: ${spelling}`);
    }
  }
  return [...found];
}

const municipalityId = (db: Database, name: string) => Number(queryValue(db, 'SELECT municipality_id FROM municipality WHERE name = ?', [name]));

describe('ВсОШ protocol → olympiad_result', () => {
  it('writes one row per participation, schools by login and РЦОИ code, and T1 counts them', async () => {
    const db = await withDirectory();
    const summary = await load(db, S.olympiadProtocol());
    expect(summary).toMatchObject({
      format: 'olympiad_result',
      formatLabel: 'Всероссийская олимпиада школьников: протокол этапа',
      rows: 6,
      schools: 2,
      warnings: [],
    });
    expect(
      rows(
        db,
        'SELECT year, stage, subject, school_id, participant_key, grade, status, score, import_batch_id FROM olympiad_result ORDER BY olympiad_result_id',
      ),
    ).toEqual([
      [2025, 'муниципальный', 'математика', 1, 'A-01', 9, 'призёр', 37.5, 2],
      [2025, 'муниципальный', 'физика', 1, 'A-01', 9, 'участник', 12, 2],
      [2025, 'муниципальный', 'математика', 1, 'A-02', 10, 'победитель', 48, 2],
      [2025, 'муниципальный', 'математика', 2, 'B-01', 9, 'участник', null, 2],
      [2025, 'муниципальный', 'русский язык', 2, 'B-02', 11, 'призёр', 30, 2],
      [2025, 'школьный', 'математика', 2, 'B-03', 5, 'победитель', 20, 2],
    ]);
    // participations, persons, winners, prizers, % of participations, persons with a diploma, % of persons
    const t1 = runOn(db, 'T1', { year: 2025, municipality: municipalityId(db, URUS), stage: 'муниципальный', scheme: '', hide_small: 0 });
    expect(pick(t1, ['level', 'name', 'n', 'persons', 'winners_n', 'prizers_n', 'awarded_pct', 'awarded_persons', 'awarded_persons_pct'])).toEqual([
      ['ОО', GYMN, 2, 2, 0, 1, 50, 1, 50],
      ['ОО', SOSH, 3, 2, 1, 1, 66.67, 2, 100],
      ['Муниципалитет', URUS, 5, 4, 1, 2, 60, 3, 75],
    ]);
  });

  it('agrees with the catalogue parser (parseOlympiadRows) value for value', async () => {
    const file = S.olympiadProtocol();
    const parsed = parseOlympiadRows(readWorkbook(file)[0].rows);
    expect(parsed.errors).toEqual([]);
    const db = await withDirectory();
    await load(db, file);
    const stored = rows(db, 'SELECT year, stage, subject, participant_key, grade, status, score FROM olympiad_result ORDER BY olympiad_result_id');
    expect(parsed.records.map((r) => [r.year, r.stage, r.subject, r.participant_key, r.grade, r.status, r.score])).toEqual(stored);
  });

  it('the same participations loaded again from another file replace the earlier rows', async () => {
    const db = await withDirectory();
    await load(db, S.olympiadProtocol());
    const again = S.OLYMPIAD_ROWS.slice(0, 2).map((row) => ({ ...row, status: 'победитель' }));
    const summary = await load(db, S.olympiadProtocol(again, 'ВсОШ МЭ 2025 исправленный.xlsx'));
    expect(summary.warnings).toEqual(['Участия, загруженные раньше (тот же год, этап, предмет и код участника), заменены строками этого файла: 2.']);
    expect(rows(db, "SELECT participant_key, subject, status, import_batch_id FROM olympiad_result WHERE participant_key = 'A-01' ORDER BY subject")).toEqual([
      ['A-01', 'математика', 'победитель', 3],
      ['A-01', 'физика', 'победитель', 3],
    ]);
    expect(queryValue(db, 'SELECT COUNT(*) FROM olympiad_result')).toBe(6);
  });
});

describe('additional education → additional_education', () => {
  it('resolves schools by login, full name and РЦОИ code; D1 = Σ covered / Σ students', async () => {
    const db = await withDirectory();
    const summary = await load(db, S.additionalEducation());
    expect(summary).toMatchObject({ format: 'additional_education', rows: 3, schools: 3, warnings: [] });
    expect(rows(db, 'SELECT school_id, year, students_total, students_covered, import_batch_id FROM additional_education ORDER BY school_id')).toEqual([
      [1, 2025, 400, 300, 2],
      [2, 2025, 200, 50, 2],
      [3, 2025, 100, 100, 2],
    ]);
    const d1 = runOn(db, 'D1', { year: 2025, municipality: municipalityId(db, URUS), scheme: '', hide_small: 0 });
    // 300/400, 50/200, 100/100; municipality 450/700
    expect(pick(d1, ['name', 'n', 'covered_n', 'covered_pct'])).toEqual([
      [GYMN, 200, 50, 25],
      [OOSH, 100, 100, 100],
      [SOSH, 400, 300, 75],
      [URUS, 700, 450, 64.29],
    ]);
    const parsed = parseAdditionalEducationRows(readWorkbook(S.additionalEducation())[0].rows);
    expect(parsed.records.map((r) => [r.year, r.students_total, r.students_covered])).toEqual(
      rows(db, 'SELECT year, students_total, students_covered FROM additional_education ORDER BY school_id'),
    );
  });

  it('covered above total is refused with row, column and value', async () => {
    const db = await withDirectory();
    const error = await failsCleanly(
      db,
      S.additionalEducation([...S.ADDITIONAL_EDUCATION_ROWS.slice(0, 1), { school: 'edu203390', year: 2025, total: 100, covered: 120 }]),
    );
    expect(error.message).toBe(
      'Файл «Охват ДО 2025.xlsx», лист «Охват», строка 3, столбец «Охвачено дополнительным образованием»: значение «120» — охваченных больше, чем обучающихся (100); каждый обучающийся считается один раз. Исправьте значение в файле и загрузите его снова.',
    );
    expect(error).toMatchObject({ code: 'invalid-value', row: 3, column: 'Охвачено дополнительным образованием', value: '120' });
  });
});

describe('teaching staff → teaching_staff', () => {
  const EXPECTED = [
    [1, 2025, 't-01', 1, 'высшая', 1, 1970, null],
    [1, 2025, 't-02', 1, 'первая', 1, null, 40],
    [1, 2025, 't-03', 0, 'соответствие', 0, 1995, null],
    [1, 2025, 't-04', null, 'нет', null, null, null],
    [2, 2025, 't-01', 1, 'высшая', 1, 1960, null],
    [2, 2025, 't-02', 1, null, 0, null, 28],
    [3, 2025, 't-01', 0, 'первая', 1, 1980, null],
  ];
  const STAFF =
    'SELECT school_id, year, teacher_key, higher_education, category, refresher_valid, birth_year, age FROM teaching_staff ORDER BY school_id, teacher_key';

  it('reads flags, categories, years and ages in their spellings; K1–K4 give the hand-counted shares', async () => {
    const db = await withDirectory();
    const summary = await load(db, S.staffList());
    expect(summary).toMatchObject({ format: 'teaching_staff', formatLabel: 'Педагогические работники', rows: 7, schools: 3, warnings: [] });
    expect(rows(db, STAFF)).toEqual(EXPECTED);
    const params = { year: 2025, municipality: municipalityId(db, URUS), scheme: '', hide_small: 0 };
    // K1: known education 3 | 2 | 1 → 2 | 2 | 0 with higher; total 4 of 6
    expect(pick(runOn(db, 'K1', params), ['name', 'n', 'higher_n', 'higher_pct'])).toEqual([
      [GYMN, 2, 2, 100],
      [OOSH, 1, 0, 0],
      [SOSH, 4, 2, 66.67],
      [URUS, 7, 4, 66.67],
    ]);
    // K2: known category 1 | 1 | 4; highest + first 1 | 1 | 2; total 4 of 6
    expect(pick(runOn(db, 'K2', params), ['name', 'n', 'top_n', 'top_pct', 'highest_pct', 'first_pct', 'fit_pct', 'none_pct'])).toEqual([
      [GYMN, 2, 1, 100, 100, 0, 0, 0],
      [OOSH, 1, 1, 100, 0, 100, 0, 0],
      [SOSH, 4, 2, 50, 25, 25, 25, 25],
      [URUS, 7, 4, 66.67, 33.33, 33.33, 16.67, 16.67],
    ]);
    // K3: valid courses 1 of 2 | 1 of 1 | 2 of 3; total 4 of 6
    expect(pick(runOn(db, 'K3', params), ['name', 'refresher_n', 'refresher_pct'])).toEqual([
      [GYMN, 1, 50],
      [OOSH, 1, 100],
      [SOSH, 2, 66.67],
      [URUS, 4, 66.67],
    ]);
    // K4: ages 65, 28 | 45 | 55, 40, 30 (t-04 unknown); mean 46.5 | 45 | 41.7; total 263 / 6 = 43.8; under 35: 1 | 0 | 1
    expect(pick(runOn(db, 'K4', { ...params, young: 35 }), ['name', 'mean_age', 'young_n', 'young_pct'])).toEqual([
      [GYMN, 46.5, 1, 50],
      [OOSH, 45, 0, 0],
      [SOSH, 41.7, 1, 33.33],
      [URUS, 43.8, 2, 33.33],
    ]);
  });

  it('a Windows-1251 CSV with other spellings of every header gives the same rows; the catalogue parser agrees', async () => {
    const db = await withDirectory();
    const summary = await load(db, S.staffCsv1251());
    expect(summary.format).toBe('teaching_staff');
    expect(rows(db, STAFF)).toEqual(EXPECTED);
    const parsed = parseStaffRows(readWorkbook(S.staffList())[0].rows);
    expect(parsed.errors).toEqual([]);
    expect(parsed.records.map((r) => [r.teacher_key, r.higher_education, r.category, r.refresher_valid, r.birth_year, r.age])).toEqual(
      EXPECTED.map((row) => row.slice(2)),
    );
  });

  it('a newer list of an ОО and year replaces its whole staff (a teacher who left goes)', async () => {
    const db = await withDirectory();
    await load(db, S.staffList());
    const newer = [{ school: 'edu203389', year: 2025, teacher: 't-01', higher: 1, category: 'высшая', refresher: 0, birthYear: 1970 }];
    const summary = await load(db, S.staffList(newer, 'Педагоги СОШ №1 2025 (уточн.).xlsx'));
    expect(summary.warnings).toEqual(['Списки педагогов тех же ОО за тот же год уже были загружены раньше: 4 прежние строки заменены списком этого файла.']);
    expect(rows(db, STAFF)).toEqual([[1, 2025, 't-01', 1, 'высшая', 0, 1970, null], ...EXPECTED.slice(4)]);
  });

  it('a generated list of 3 ОО × 25 teachers is deterministic and loads whole', async () => {
    const a = staffSheet(generatedStaffRows(['edu203389', 'edu203390', '9400'], 2025, 25));
    expect(writeWorkbook([a])).toEqual(writeWorkbook([staffSheet(generatedStaffRows(['edu203389', 'edu203390', '9400'], 2025, 25))]));
    const db = await withDirectory();
    expect((await load(db, { name: 'штат.xlsx', bytes: writeWorkbook([a]) })).rows).toBe(75);
    expect(queryValue(db, 'SELECT COUNT(DISTINCT school_id) FROM teaching_staff')).toBe(3);
  });
});

describe('medal candidates → medal_candidate', () => {
  /** ЕГЭ 2022: students 1 Иванов, 2 Петрова, 3 Ёлкин (русский), 4 Сидоров (база), 5 Козлова (английский). */
  async function withEge(options: ImportOptions = {}): Promise<Database> {
    const db = freshDatabase();
    for (const file of [R.egeRusCsv(), R.baseMathCsv(), R.englishCsv()]) await load(db, file, options);
    return db;
  }
  const CANDIDATES = `SELECT mc.student_id, mc.year, mc.degree,
      (SELECT group_concat(x, ',') FROM (SELECT a.subject_code || ':' || COALESCE(r.test_score, r.mark) AS x FROM result r JOIN assessment a USING (assessment_id)
         WHERE r.student_id = mc.student_id ORDER BY a.exam_date)) AS exams
    FROM medal_candidate mc ORDER BY mc.student_id`;
  const EXPECTED = [
    [1, 2022, 2, 'eng:56,rus:39'],
    [2, 2022, 1, 'rus:45,math:4'],
    [3, 2022, 2, 'rus:20'],
    [5, 2022, 1, 'eng:63'],
    [6, 2022, 2, null],
  ];

  it('links by ФИО + document, or by ФИО within the ОО; a stranger becomes a new student and a warning', async () => {
    const db = await withEge();
    const summary = await load(db, S.medalCandidates());
    expect(summary).toMatchObject({ format: 'medal_candidate', rows: 5, schools: 2 });
    expect(summary.warnings).toEqual([
      'Претенденты, не найденные среди участников ГИА-11 2022 года: 1 (в строке 6). Показатель E5 учтёт их, когда будут загружены протоколы ЕГЭ/ГВЭ-11 с теми же ФИО и документом (без документа — из той же ОО).',
    ]);
    expect(rows(db, CANDIDATES)).toEqual(EXPECTED);
    expect(namesStored(db)).toEqual([]);
    expect(queryValue(db, 'SELECT COUNT(*) FROM person_name')).toBe(0);
  });

  it('deleting the import removes its candidates and nothing else', async () => {
    const { deleteBatch } = await import('../../src/core/import/pipeline/delete-batch.ts');
    const db = await withEge();
    const summary = await load(db, S.medalCandidates());
    const results = queryValue(db, 'SELECT COUNT(*) FROM result');
    deleteBatch(db, summary.batchId);
    expect(queryValue(db, 'SELECT COUNT(*) FROM medal_candidate')).toBe(0);
    expect(queryValue(db, 'SELECT COUNT(*) FROM result')).toBe(results);
  });

  it('E5: hand-checked against the ЕГЭ results (thresholds 40 for I and 35 for II)', async () => {
    const db = await withEge();
    await load(db, S.medalCandidates());
    const msu = municipalityId(db, 'МСУ с кодом РЦОИ 111');
    const e5 = runOn(db, 'E5', { year: 2022, municipality: msu, scheme: '', hide_small: 0, gold: 40, silver: 35 });
    // Иванов II: русский 39 ≥ 35 and английский 56 ≥ 35 → confirmed. Петрова I: русский 45, only base math «4» → no second.
    // Ёлкин II: русский 20 < 24 (and < 35). Козлова I: no русский. Смирнов: no ЕГЭ → not counted.
    expect(
      pick(e5, [
        'name',
        'n',
        'n1',
        'confirmed1_n',
        'n2',
        'confirmed2_n',
        'confirmed_n',
        'confirmed_pct',
        'fail_rus_n',
        'fail_second_n',
        'fail_min_n',
        'fail_gve_n',
      ]),
    ).toEqual([
      ['ОО с кодом РЦОИ 111001', 3, 2, 0, 1, 0, 0, 0, 2, 2, 1, 0],
      ['ОО с кодом РЦОИ 111002', 1, 0, 0, 1, 1, 1, 100, 0, 0, 0, 0],
      ['МСУ с кодом РЦОИ 111', 4, 2, 0, 2, 1, 1, 25, 2, 2, 1, 0],
    ]);
  });

  it('«Фамилия», «Имя», «Отчество», «Серия», «Номер» in a CSV, loaded before the protocols, link the same people', async () => {
    const db = freshDatabase();
    // the ЕГЭ schools must be known first: load one protocol, then the list, then the rest
    await load(db, R.egeRusCsv());
    const summary = await load(db, S.medalCandidatesSplitCsv());
    expect(summary.format).toBe('medal_candidate');
    await load(db, R.baseMathCsv());
    await load(db, R.englishCsv());
    // the list created Козлова (ФИО + document: the English protocol finds her) and Смирнов (ФИО + РЦОИ code)
    expect(
      rows(
        db,
        'SELECT degree, (SELECT group_concat(a.subject_code) FROM result r JOIN assessment a USING (assessment_id) WHERE r.student_id = mc.student_id) FROM medal_candidate mc ORDER BY degree, 2',
      ),
    ).toEqual([
      [1, 'eng'],
      [1, 'rus,math'],
      [2, null],
      [2, 'rus'],
      [2, 'rus,eng'],
    ]);
  });

  it('«хранить ФИО» keeps the names in person_name only', async () => {
    const db = await withEge();
    await load(db, S.medalCandidates(), { context: { keepNames: true } });
    expect(rows(db, 'SELECT student_id, surname, name, patronymic, document FROM person_name WHERE student_id = 6')).toEqual([
      [6, 'Смирнов', 'Олег', 'Петрович', null],
    ]);
  });

  it('namesakes in one ОО without a document are refused; with the document they are told apart', async () => {
    const db = freshDatabase();
    const twins = [0, 1].map((i) => ({ ...R.EGE_RUS_RECORDS[0], series: '1111', number: `22222${i}`, testScore: 40 + i }));
    await load(db, {
      name: 'ege-twins.csv',
      bytes: writeRcoiCsv({ name: 'Протокол', blocks: [{ title: R.EGE_RUS_TITLE, layout: EGE_CSV_LAYOUT, records: twins }] }),
    });
    const noDocument = [{ school: '111002', year: 2022, fullName: 'Иванов Иван Иванович', degree: 1 }];
    const error = await failsCleanly(db, S.medalCandidates(noDocument));
    expect(error.message).toBe(
      'Файл «Претенденты на медаль 2022.xlsx», лист «Претенденты», строка 2, столбец «ФИО»: значение «Иванов Иван Иванович» — в этой ОО несколько участников ГИА с такими ФИО, и без документа нельзя понять, о ком строка. ' +
        'Добавьте столбец «Документ» (серия и номер, как в протоколе РЦОИ) и загрузите файл снова.',
    );
    await load(db, S.medalCandidates([{ ...noDocument[0], document: '1111 222221' }]));
    expect(rows(db, 'SELECT r.test_score FROM medal_candidate mc JOIN result r USING (student_id)')).toEqual([[41]]);
  });
});

describe('term marks → term_mark', () => {
  /** Directory, then ОГЭ 2026 обществознание + химия and математика (no documents: keys are ФИО + РЦОИ code). */
  async function withOge(): Promise<Database> {
    const db = await withDirectory();
    await load(db, R.ogeTwoBlockXlsx());
    await load(db, R.ogeMathXls());
    return db;
  }
  const MARKS = `SELECT t.school_id, t.class_label, t.subject_code, t.year, t.period, t.mark,
      (SELECT r.mark FROM result r JOIN assessment a USING (assessment_id) WHERE r.student_id = t.student_id AND a.subject_code = t.subject_code) AS oge
    FROM term_mark t ORDER BY t.student_id, t.subject_code, t.period`;

  it('links to the ОГЭ participants by ФИО + РЦОИ code of the ОО; subjects through the directory; G3 compares', async () => {
    const db = await withOge();
    const summary = await load(db, S.termMarks());
    expect(summary).toMatchObject({ format: 'term_mark', formatLabel: 'Отметки за четверть, полугодие, год', rows: 6, schools: 2 });
    expect(summary.warnings).toEqual([
      'Пропущены строки без отметки 2–5 («н/а», «зач», «осв»): 1 (в строке 6).',
      'Обучающиеся, которых пока нет в загруженных протоколах РЦОИ: 1. Их отметки сохранены и свяжутся с результатами ГИА, когда будут загружены протоколы с теми же ФИО (и документом или кодом ОО).',
    ]);
    const schoolOf9317 = Number(queryValue(db, "SELECT school_id FROM school_code_alias WHERE source = 'rcoi' AND code = '9317'"));
    expect(rows(db, MARKS)).toEqual([
      [1, '9А', 'math', 2026, 'year', 3, 4],
      [1, '9А', 'soc', 2026, '4 четверть', 5, 4],
      [1, '9А', 'soc', 2026, 'year', 5, 4],
      [1, '9Б', 'soc', 2026, 'year', 3, 3],
      [schoolOf9317, '9Б', 'chem', 2026, 'year', 4, 3],
      [1, '9В', 'soc', 2026, 'year', 4, null],
    ]);
    expect(namesStored(db)).toEqual([]);

    const params = { year: 2026, municipality: municipalityId(db, URUS), period: 'year', scheme: '', hide_small: 0 };
    // обществознание: Алиев 4 < 5 понизил, Мусаева 3 = 3 подтвердила (Новиков has no ОГЭ)
    expect(pick(runOn(db, 'G3', { ...params, subject: 'soc' }), ['name', 'n', 'lowered_n', 'lowered_pct', 'confirmed_n', 'confirmed_pct', 'raised_n'])).toEqual(
      [
        [SOSH, 2, 1, 50, 1, 50, 0],
        [URUS, 2, 1, 50, 1, 50, 0],
      ],
    );
    // математика: Алиев 4 > 3 повысил
    expect(pick(runOn(db, 'G3', { ...params, subject: 'math' }), ['name', 'n', 'raised_n', 'raised_pct'])).toEqual([
      [SOSH, 1, 1, 100],
      [URUS, 1, 1, 100],
    ]);
  });

  it('an unknown subject and a mark out of 2–5 are refused with row, column and value', async () => {
    const db = await withOge();
    const unknownSubject = await failsCleanly(db, S.termMarks([{ ...S.TERM_MARK_ROWS[0], subject: 'Астрология' }]));
    expect(unknownSubject.message).toMatch(
      /^Файл «Годовые отметки 9 классов 2026\.xlsx», лист «Отметки», строка 2, столбец «Предмет»: значение «Астрология» — такого предмета нет в справочнике предметов\./,
    );
    const badMark = await failsCleanly(db, S.termMarks([S.TERM_MARK_ROWS[1], { ...S.TERM_MARK_ROWS[0], mark: 6 }]));
    expect(badMark).toMatchObject({ code: 'invalid-value', row: 3, column: 'Отметка', value: '6' });
    expect(badMark.message).toContain('нужна отметка от 2 до 5');
  });

  it('the same mark twice in a file is refused, naming both rows', async () => {
    const db = await withOge();
    const error = await failsCleanly(db, S.termMarks([S.TERM_MARK_ROWS[0], { ...S.TERM_MARK_ROWS[0], fullName: 'АЛИЕВ  Хамзат Русланович', mark: 4 }]));
    expect(error.message).toMatch(/строка 3, столбец «ФИО»: .* — отметка этого обучающегося по этому предмету за этот период уже есть в строке 2\./);
  });
});

describe('errors: nothing is written, the message names the place', () => {
  it('an ОО the session does not know: by login, by РЦОИ code, by a misspelt name (with a hint)', async () => {
    const db = await withDirectory();
    const login = await failsCleanly(db, S.staffList([{ ...S.STAFF_ROWS[0], school: 'edu999999' }]));
    expect(login.message).toBe(
      'Файл «Педагоги 2025.xlsx», лист «Педагоги», строка 2, столбец «ОО»: значение «edu999999» — ОО с таким логином ФИС ОКО в сессии нет. ' +
        'Загрузите сначала справочник ОО (или результаты этой ОО), либо укажите её логин ФИС ОКО или код РЦОИ, и загрузите файл снова.',
    );
    const code = await failsCleanly(db, S.additionalEducation([{ school: '1234', year: 2025, total: 10, covered: 5 }]));
    expect(code).toMatchObject({ row: 2, column: 'ОО', value: '1234' });
    expect(code.message).toContain('ОО с таким кодом РЦОИ в сессии нет');
    const name = await failsCleanly(db, S.additionalEducation([{ school: 'МБОУ «Гимназия №5 с. Гайты»', year: 2025, total: 10, covered: 5 }]));
    expect(name.message).toContain('ОО с таким названием в сессии нет. Похожее название в сессии: «МБОУ «Гимназия №5 с. Гойты»».');
  });

  it('a value outside the layout: stage, status, year', async () => {
    const db = await withDirectory();
    const stage = await failsCleanly(db, S.olympiadProtocol([{ ...S.OLYMPIAD_ROWS[0], stage: 'районный' }]));
    expect(stage.message).toBe(
      'Файл «ВсОШ МЭ 2025.xlsx», лист «Протокол», строка 4, столбец «Этап»: значение «районный» — нужно: школьный / муниципальный / региональный / заключительный. Исправьте значение в файле и загрузите его снова.',
    );
    const status = await failsCleanly(db, S.olympiadProtocol([S.OLYMPIAD_ROWS[0], { ...S.OLYMPIAD_ROWS[1], status: 'лауреат' }]));
    expect(status).toMatchObject({ row: 5, column: 'Статус', value: 'лауреат' });
    const year = await failsCleanly(db, S.staffList([{ ...S.STAFF_ROWS[0], year: 'прошлый' }]));
    expect(year).toMatchObject({ row: 2, column: 'Год', value: 'прошлый' });
    const empty = await failsCleanly(db, S.staffList([{ ...S.STAFF_ROWS[0], teacher: '' }]));
    expect(empty.message).toBe(
      'Файл «Педагоги 2025.xlsx», лист «Педагоги», строка 2, столбец «Код педагога»: ячейка пуста — столбец «Код педагога» обязателен. Исправьте значение в файле и загрузите его снова.',
    );
  });

  it('a duplicate teacher or ОО row names the earlier row', async () => {
    const db = await withDirectory();
    const teacher = await failsCleanly(db, S.staffList([S.STAFF_ROWS[0], { ...S.STAFF_ROWS[1], teacher: 'T-01' }]));
    expect(teacher.message).toMatch(/строка 3, столбец «Код педагога»: значение «T-01» — этот педагог в этой ОО за 2025 год уже есть в строке 2\./);
    const school = await failsCleanly(db, S.additionalEducation([S.ADDITIONAL_EDUCATION_ROWS[0], { ...S.ADDITIONAL_EDUCATION_ROWS[0], school: 'СОШ №1' }]));
    expect(school.message).toMatch(/строка 3, столбец «ОО»: значение «СОШ №1» — эта ОО за 2025 год уже есть в строке 2\./);
  });

  it('a table of a known layout without a required column is explained (missing-column)', async () => {
    const db = await withDirectory();
    const file = { name: 'педагоги без года.xlsx', bytes: writeWorkbook([staffSheet(S.STAFF_ROWS, { omit: ['year'] })]) };
    const error = await failsCleanly(db, file);
    expect(error).toMatchObject({ code: 'missing-column', row: 1, column: 'Год' });
    expect(error.message).toBe(
      'Файл «педагоги без года.xlsx», лист «Педагоги», строка 1: нет столбца «Год». Таблица «Педагогические работники» должна иметь столбцы «ОО», «Год», «Код педагога» (другие написания — в docs/formats.md). Добавьте столбец и загрузите файл снова.',
    );
    const medalsNoPerson = { name: 'медалисты без фио.xlsx', bytes: writeWorkbook([medalCandidatesSheet(S.MEDAL_ROWS, { omit: ['full_name'] })]) };
    expect(await failsCleanly(db, medalsNoPerson)).toMatchObject({ code: 'missing-column', row: 1, column: 'ФИО' });
    const noPerson = { name: 'отметки без фио.xlsx', bytes: writeWorkbook([termMarksSheet(S.TERM_MARK_ROWS, { omit: ['full_name'] })]) };
    // without «ФИО» the file is nobody's: no importer claims it, so it can become the user's own table
    expect((await failsCleanly(db, noPerson)).code).toBe('unknown-format');
  });

  it('an ОО name that fits two schools asks for the login', async () => {
    const db = await withDirectory();
    db.run("INSERT INTO school (full_name, fisoko_login) VALUES ('МБОУ «Лицей №7»', 'edu203401'), ('МАОУ «Лицей № 7»', 'edu203402')");
    const error = await failsCleanly(db, S.additionalEducation([{ school: 'Лицей №7', year: 2025, total: 10, covered: 5 }]));
    expect(error.message).toBe(
      'Файл «Охват ДО 2025.xlsx», лист «Охват», строка 2, столбец «ОО»: значение «Лицей №7» — под это название подходят несколько ОО сессии («МБОУ «Лицей №7»», «МАОУ «Лицей № 7»»). ' +
        'Укажите логин ФИС ОКО или код РЦОИ этой ОО и загрузите файл снова.',
    );
  });
});

describe('recognition', () => {
  it('each seed table is recognised by its headers, a table of no layout still is not', async () => {
    const db = await withDirectory();
    const formats = [];
    for (const file of [S.olympiadProtocol(), S.additionalEducation(), S.staffList()]) formats.push((await load(db, file)).format);
    expect(formats).toEqual(['olympiad_result', 'additional_education', 'teaching_staff']);
    expect((await importError(db, F.olympiadTable())).code).toBe('unknown-format');
    const ae = {
      name: 'охват.xlsx',
      bytes: writeWorkbook([additionalEducationSheet(S.ADDITIONAL_EDUCATION_ROWS, { title: 'Охват ДО', headers: { students_covered: 'Охват, чел.' } })]),
    };
    await expect(load(db, ae)).resolves.toMatchObject({
      format: 'additional_education',
      warnings: ['Для 3 ОО охват за этот год уже был загружен раньше — прежние значения заменены значениями этого файла.'],
    });
  });
});
