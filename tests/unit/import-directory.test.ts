import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db.ts';
import { importFile } from '../../src/core/import/index.ts';
import type { ImportFile } from '../../src/core/import/index.ts';
import { schoolDirectorySheet } from '../../src/core/import/formats/school-directory/sample.ts';
import { writeWorkbook } from '../../src/core/import/samples/xlsx-writer.ts';
import * as F from '../fixtures/generate.ts';
import { NOW, importError, rows } from '../fixtures/import-helpers.ts';
import { addPlaceholder } from '../fixtures/school-helpers.ts';
import { freshDatabase } from './sqlite.ts';

const SCHOOLS = `SELECT s.fisoko_login, s.gia_code, s.full_name, s.short_name, m.name, s.settlement_type, s.school_type, s.is_active
                 FROM school s LEFT JOIN municipality m USING (municipality_id) ORDER BY s.school_id`;
const ALIASES = 'SELECT source, code, name_seen, school_id FROM school_code_alias ORDER BY source, code';
const MUNICIPALITY = 'Урус-Мартановский муниципальный район';

const EXPECTED_SCHOOLS = [
  ['edu203389', '9306', 'МБОУ «СОШ №1 г.Урус-Мартан»', 'СОШ №1', MUNICIPALITY, 'город', 'СОШ', 1],
  ['edu203390', '9307', 'МБОУ «Гимназия №5 с. Гойты»', null, MUNICIPALITY, 'село', 'гимназия', 1],
  [null, '9400', 'МКОУ «ООШ с. Танги-Чу»', null, MUNICIPALITY, 'село', 'ООШ', 1],
];

async function failsCleanly(db: Database, file: ImportFile) {
  const before = db.export();
  const error = await importError(db, file);
  expect(Buffer.compare(db.export(), before)).toBe(0);
  return error;
}

function csv(name: string, text: string): ImportFile {
  return { name, bytes: new TextEncoder().encode(text) };
}

describe('names seen (one rule for every writer of school_code_alias)', () => {
  const seen = (db: Database) => rows(db, "SELECT source, name_seen FROM school_code_alias WHERE code = 'edu203389' ORDER BY source");

  it('the latest name a file gives wins; a file without a name keeps the known one', async () => {
    const db = freshDatabase();
    await importFile(db, F.f1OneSchool(), { now: NOW });
    expect(seen(db)).toEqual([['fisoko', 'МБОУ «СОШ №1 г.Урус-Мартан»']]);
    await importFile(db, csv('переименование.csv', 'Логин ФИС ОКО;Наименование ОО\nedu203389;МАОУ «СОШ №1 имени Героя»\n'), { now: NOW });
    expect(seen(db)).toEqual([
      ['directory', 'МАОУ «СОШ №1 имени Героя»'],
      ['fisoko', 'МАОУ «СОШ №1 имени Героя»'],
    ]);
    await importFile(db, csv('без названия.csv', 'Логин ФИС ОКО;Наименование ОО;Тип ОО\nedu203389;;СОШ\n'), { now: NOW });
    expect(seen(db)).toEqual([
      ['directory', 'МАОУ «СОШ №1 имени Героя»'],
      ['fisoko', 'МАОУ «СОШ №1 имени Героя»'],
    ]);
    // The Ф1 again («Заменить»): its name is now the latest one seen for the login.
    await importFile(db, F.f1OneSchool(), { now: NOW, replaceDuplicate: true });
    expect(seen(db)).toEqual([
      ['directory', 'МАОУ «СОШ №1 имени Героя»'],
      ['fisoko', 'МБОУ «СОШ №1 г.Урус-Мартан»'],
    ]);
    expect(rows(db, 'SELECT COUNT(*) FROM school')).toEqual([[1]]);
  });
});

describe('school directory', () => {
  it('fills school, aliases, clusters and numeric attributes', async () => {
    const db = freshDatabase();
    const summary = await importFile(db, F.schoolDirectory(), { now: NOW });
    expect(summary).toMatchObject({ format: 'school_directory', formatLabel: 'Справочник ОО', rows: 3, schools: 3, warnings: [] });
    expect(rows(db, SCHOOLS)).toEqual(EXPECTED_SCHOOLS);
    expect(rows(db, ALIASES)).toEqual([
      ['directory', '9400', 'МКОУ «ООШ с. Танги-Чу»', 3],
      ['directory', 'edu203389', 'МБОУ «СОШ №1 г.Урус-Мартан»', 1],
      ['directory', 'edu203390', 'МБОУ «Гимназия №5 с. Гойты»', 2],
      ['fisoko', 'edu203389', 'МБОУ «СОШ №1 г.Урус-Мартан»', 1],
      ['fisoko', 'edu203390', 'МБОУ «Гимназия №5 с. Гойты»', 2],
      ['rcoi', '9306', 'МБОУ «СОШ №1 г.Урус-Мартан»', 1],
      ['rcoi', '9307', 'МБОУ «Гимназия №5 с. Гойты»', 2],
      ['rcoi', '9400', 'МКОУ «ООШ с. Танги-Чу»', 3],
    ]);
    expect(rows(db, 'SELECT scheme, year, school_id, cluster FROM cluster_assignment ORDER BY school_id')).toEqual([
      ['directory', 2026, 1, 'А'],
      ['directory', 2026, 2, 'Б'],
    ]);
    expect(rows(db, 'SELECT school_id, year, attr, value FROM school_year_attr ORDER BY school_id, attr')).toEqual([
      [1, 2026, 'исбш', '0.42'],
      [1, 2026, 'контингент', '1250'],
      [2, 2026, 'контингент', '480'],
    ]);
    expect(rows(db, 'SELECT region_code, name FROM municipality')).toEqual([['20', MUNICIPALITY]]);
  });

  it('a Windows-1251 CSV without «Год» takes the import year', async () => {
    const db = freshDatabase();
    await importFile(db, F.schoolDirectoryCsv1251(), { now: NOW });
    expect(rows(db, SCHOOLS)).toEqual(EXPECTED_SCHOOLS);
    expect(rows(db, 'SELECT DISTINCT year FROM cluster_assignment')).toEqual([[2026]]);
  });

  it('matches schools already known by login (a Ф1 loaded before) instead of adding them', async () => {
    const db = freshDatabase();
    await importFile(db, F.f1OneSchool(), { now: NOW });
    await importFile(db, F.schoolDirectory(), { now: NOW });
    expect(rows(db, 'SELECT school_id, fisoko_login, gia_code FROM school ORDER BY school_id')).toEqual([
      [1, 'edu203389', '9306'],
      [2, 'edu203390', '9307'],
      [3, null, '9400'],
    ]);
    expect(rows(db, 'SELECT COUNT(*) FROM municipality')).toEqual([[1]]);
  });

  it('a placeholder made by a protocol merges into the school the directory names', async () => {
    const db = freshDatabase();
    await importFile(db, F.f1OneSchool(), { now: NOW });
    addPlaceholder(db, '9306', 'СОШ 1 УРУС-МАРТАН');
    const summary = await importFile(db, F.schoolDirectory(), { now: NOW });
    expect(summary.warnings).toEqual(['Строка 2: ОО с кодом РЦОИ 9306 объединена с ОО edu203389 (перенесено результатов: 1).']);
    expect(rows(db, "SELECT COUNT(*) FROM school WHERE full_name = 'СОШ 1 УРУС-МАРТАН'")).toEqual([[0]]);
    expect(rows(db, "SELECT s.fisoko_login FROM result r JOIN school s USING (school_id) WHERE r.participant_code = '900001'")).toEqual([['edu203389']]);
    expect(rows(db, "SELECT school_id FROM school_code_alias WHERE source = 'rcoi' AND code = '9306'")).toEqual([[1]]);
  });

  it('a placeholder with no ФИС ОКО school yet simply gets its login', async () => {
    const db = freshDatabase();
    const placeholder = addPlaceholder(db, '9307', 'Гимназия 5');
    await importFile(db, F.schoolDirectory(), { now: NOW });
    expect(rows(db, 'SELECT fisoko_login, full_name FROM school WHERE school_id = ?', [placeholder])).toEqual([['edu203390', 'МБОУ «Гимназия №5 с. Гойты»']]);
  });

  it('a name the user corrected in the grid is kept', async () => {
    const db = freshDatabase();
    await importFile(db, F.f1OneSchool(), { now: NOW });
    db.run("UPDATE school SET full_name = 'СОШ №1 (исправлено)' WHERE school_id = 1");
    db.run(
      "INSERT INTO oko_edit_log (table_name, row_id, column_name, old_value, new_value, edited_at) VALUES ('school', 1, 'full_name', 'x', 'СОШ №1 (исправлено)', ?)",
      [NOW],
    );
    await importFile(db, F.schoolDirectory(), { now: NOW });
    expect(rows(db, 'SELECT full_name, short_name FROM school WHERE school_id = 1')).toEqual([['СОШ №1 (исправлено)', 'СОШ №1']]);
  });

  it('a bad login names the cell; the database is unchanged', async () => {
    const db = freshDatabase();
    await importFile(db, F.f1OneSchool(), { now: NOW });
    const bad = [...F.DIRECTORY_ROWS];
    bad[1] = { ...bad[1], login: 'школа 5' };
    const error = await failsCleanly(db, F.schoolDirectory(bad, 'плохой справочник.xlsx'));
    expect(error.message).toBe(
      'Файл «плохой справочник.xlsx», лист «Справочник ОО», строка 3, столбец «Логин ФИС ОКО»: значение «школа 5» — ' +
        'нужен логин ФИС ОКО: «edu» и шесть цифр, например edu203389. Исправьте значение в файле и загрузите его снова.',
    );
  });

  it('the same school twice in one year is refused', async () => {
    const db = freshDatabase();
    const twice = [...F.DIRECTORY_ROWS, { ...F.DIRECTORY_ROWS[0], cluster: 'В' }];
    const error = await failsCleanly(db, F.schoolDirectory(twice, 'дубль.xlsx'));
    expect(error).toMatchObject({ code: 'invalid-value', row: 5, column: 'Логин ФИС ОКО', value: 'edu203389' });
    expect(error.message).toContain('эта ОО уже описана в строке 2');
  });

  it('a school year «2025/2026» counts as 2026', async () => {
    const db = freshDatabase();
    const sheet = schoolDirectorySheet([{ ...F.DIRECTORY_ROWS[0], year: '2025/2026' }]);
    await importFile(db, { name: 'уч год.xlsx', bytes: writeWorkbook([sheet]) }, { now: NOW });
    expect(rows(db, 'SELECT DISTINCT year FROM school_year_attr')).toEqual([[2026]]);
  });
});
