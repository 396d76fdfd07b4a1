import { describe, expect, it } from 'vitest';
import { queryAll } from '../../src/core/db.ts';
import { TABLE_LAYOUTS } from '../../src/core/import/formats/seed-tables/catalogue-layouts.ts';
import { parseAdditionalEducationRows, parseOlympiadRows, parseStaffRows } from '../../src/core/import/formats/seed-tables/catalogue-parse.ts';
import { freshDatabase } from './sqlite.ts';

describe('layouts of the catalogue tables (migration 004)', () => {
  it('name only columns that exist in the schema', () => {
    const db = freshDatabase();
    for (const layout of TABLE_LAYOUTS) {
      const columns = queryAll(db, `PRAGMA table_info(${layout.table})`).rows.map((r) => r[1]);
      expect(columns.length, layout.table).toBeGreaterThan(0);
      for (const c of layout.columns) expect(columns, `${layout.table}.${c.column}`).toContain(c.column === 'school' ? 'school_id' : c.column);
    }
  });

  it('the session table of custom indicators exists', () => {
    const columns = queryAll(freshDatabase(), 'PRAGMA table_info(oko_custom_indicator)').rows.map((r) => [r[1], r[2], r[3], r[5]]);
    expect(columns).toEqual([
      ['id', 'TEXT', 0, 1],
      ['definition', 'TEXT', 1, 0],
      ['created_at', 'TEXT', 0, 0],
    ]);
  });

  it('the schema refuses impossible rows', () => {
    const db = freshDatabase();
    db.run("INSERT INTO municipality (municipality_id, name) VALUES (1, 'М')");
    db.run('INSERT INTO school (school_id, municipality_id) VALUES (1, 1)');
    expect(() => db.run('INSERT INTO additional_education (school_id, year, students_total, students_covered) VALUES (1, 2025, 10, 11)')).toThrow();
    expect(() => db.run("INSERT INTO teaching_staff (school_id, year, teacher_key, category) VALUES (1, 2025, 't', 'вторая')")).toThrow();
    expect(() =>
      db.run("INSERT INTO olympiad_result (year, stage, subject, school_id, participant_key, status) VALUES (2025, 'муниципальный', 'м', 1, 'a', 'призер')"),
    ).toThrow();
  });
});

describe('parse<Table>Rows', () => {
  it('olympiad protocol: header found below a title, spellings normalised', () => {
    const rows = [
      ['Протокол муниципального этапа ВсОШ'],
      [],
      ['Учебный год', 'Этап', 'Предмет', 'Логин ОО', 'Шифр', 'Класс', 'Тип диплома', 'Баллы', 'Примечание'],
      ['2024/2025', 'Муниципальный этап', 'математика', 'edu990001', 'A-1', 9, 'Призер', '37,5', ''],
      ['2025', 'МЭ', 'физика', 'edu990001', 'A-1', '9', 'участник', null, 'x'],
      [null, null, null],
      ['2025', 'районный', 'физика', 'edu990002', 'B-2', '10', 'победитель', 40, ''],
    ];
    const parsed = parseOlympiadRows(rows);
    expect(parsed.headerRow).toBe(2);
    expect(parsed.records).toEqual([
      { year: 2025, stage: 'муниципальный', subject: 'математика', school: 'edu990001', participant_key: 'A-1', grade: 9, status: 'призёр', score: 37.5 },
      { year: 2025, stage: 'муниципальный', subject: 'физика', school: 'edu990001', participant_key: 'A-1', grade: 9, status: 'участник', score: null },
    ]);
    expect(parsed.errors).toEqual(['строка 7, столбец «Этап»: значение «районный» не подходит (школьный / муниципальный / региональный / заключительный).']);
  });

  it('additional education: counts checked against each other', () => {
    const parsed = parseAdditionalEducationRows([
      ['ОО', 'Год', 'Обучающихся всего', 'Охвачено'],
      ['edu990001', 2025, 400, 300],
      ['edu990002', 2025, 100, 120],
      ['edu990003', 2025, '', 5],
    ]);
    expect(parsed.records).toEqual([{ school: 'edu990001', year: 2025, students_total: 400, students_covered: 300 }]);
    expect(parsed.errors).toEqual([
      'строка 4, столбец «Обучающихся всего»: пусто, а столбец обязателен.',
      'запись 2 (ОО «edu990002»): охвачено 120 больше, чем обучающихся 100.',
    ]);
  });

  it('staff: flags and categories in several spellings, optional columns may be absent', () => {
    const parsed = parseStaffRows([
      ['ОО', 'Год', 'Код педагога', 'Высшее образование', 'Категория', 'Курсы ПК', 'Год рождения'],
      ['СОШ №1', 2025, 't1', 'да', 'ВКК', 'есть', 1970],
      ['СОШ №1', 2025, 't2', 0, 'СЗД', 'нет', ''],
      ['СОШ №1', 2025, 't3', 'может быть', 'б/к', '', 1990],
    ]);
    expect(parsed.records).toEqual([
      { school: 'СОШ №1', year: 2025, teacher_key: 't1', higher_education: 1, category: 'высшая', refresher_valid: 1, birth_year: 1970, age: null },
      { school: 'СОШ №1', year: 2025, teacher_key: 't2', higher_education: 0, category: 'соответствие', refresher_valid: 0, birth_year: null, age: null },
    ]);
    expect(parsed.errors).toEqual(['строка 4, столбец «Высшее образование»: значение «может быть» не подходит (1 / 0 (или да / нет)).']);
  });

  it('a sheet without the required headers is explained', () => {
    const parsed = parseStaffRows([
      ['Фамилия', 'Имя'],
      ['Иванова', 'Анна'],
    ]);
    expect(parsed.records).toEqual([]);
    expect(parsed.errors[0]).toMatch(/Не найдена строка заголовков таблицы «Педагогические работники»: нужны столбцы «ОО», «Год», «Код педагога»/);
  });
});
