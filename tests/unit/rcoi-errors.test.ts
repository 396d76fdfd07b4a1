import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db.ts';
import { importFile } from '../../src/core/import/index.ts';
import type { ImportError, ImportFile } from '../../src/core/import/index.ts';
import * as R from '../fixtures/rcoi.ts';
import { NOW, importError } from '../fixtures/import-helpers.ts';
import { freshDatabase } from './sqlite.ts';

/** A database with РЦОИ data in it, so that «nothing lost» means something. */
async function loadedDatabase(): Promise<Database> {
  const db = freshDatabase();
  await importFile(db, R.englishCsv(), { now: NOW });
  return db;
}

async function failsCleanly(file: ImportFile): Promise<ImportError> {
  const db = await loadedDatabase();
  const before = db.export();
  const error = await importError(db, file);
  expect(Buffer.compare(db.export(), before)).toBe(0);
  return error;
}

const text = (name: string, lines: string[]): ImportFile => ({ name, bytes: new TextEncoder().encode(lines.join('\r\n')) });

describe('bad РЦОИ files: a Russian message naming the place, and the database unchanged', () => {
  it('mark 6', async () => {
    const error = await failsCleanly(R.ogeMark6());
    expect(error.message).toBe(
      'Файл «oge-6.xlsx», лист «Протокол», строка 7, столбец «Оценка»: значение «6» — оценка должна быть целым числом от 2 до 5. ' +
        'Исправьте значение в файле и загрузите его снова.',
    );
    expect(error).toMatchObject({ code: 'invalid-value', file: 'oge-6.xlsx', sheet: 'Протокол', row: 7, column: 'Оценка', value: '6' });
  });

  it('test score 120 (a CSV has no sheet to name)', async () => {
    const error = await failsCleanly(R.egeRusScore120());
    expect(error.message).toBe(
      'Файл «ege-120.csv», строка 4, столбец «Балл»: значение «120» — тестовый балл ЕГЭ должен быть целым числом от 0 до 100. ' +
        'Исправьте значение в файле и загрузите его снова.',
    );
    expect(error).toMatchObject({ code: 'invalid-value', sheet: undefined, row: 4, column: 'Балл', value: '120' });
  });

  it('unknown subject', async () => {
    const error = await failsCleanly(R.egeUnknownSubject());
    expect(error.message).toBe(
      'Файл «ege-astro.csv», строка 1, столбец «A»: значение «99 - Астрология 2022.06.20» — предмет «Астрология» не найден в справочнике предметов. ' +
        'Добавьте это название в таблицу subject_code_alias (source = «name», code — название строчными буквами) и загрузите файл снова.',
    );
    expect(error).toMatchObject({ code: 'invalid-value', row: 1, column: 'A' });
  });

  it('an unreadable answer mask', async () => {
    const error = await failsCleanly(
      text('mask.csv', [
        '01 - Русский язык 2022.06.23',
        '№;Код ОО;Класс;Фамилия;Имя;Документ;Задания с кратким ответом;Задания с развёрнутым ответом;Первичный балл;Балл',
        '1;111001;11;Сидоров;Олег;1 2;++-;1(2)5(3);6;30',
      ]),
    );
    expect(error.message).toBe(
      'Файл «mask.csv», строка 3, столбец «Задания с развёрнутым ответом»: значение «1(2)5(3)» — в задании 2 маски балл 5 больше максимального 3. ' +
        'Проверьте маску в файле РЦОИ и загрузите его снова.',
    );
  });

  it('a row without «Код ОО»', async () => {
    const error = await failsCleanly(text('no-school.csv', ['04 - Химия 2026.06.09', '№;Код ОО;Класс;Фамилия;Первичный балл;Оценка', '1;;9А;Сидоров;12;3']));
    expect(error).toMatchObject({ code: 'invalid-value', row: 3, column: 'Код ОО' });
    expect(error.message).toContain('ячейка пуста — не указан код ОО');
  });

  it('the same person twice in one exam', async () => {
    const error = await failsCleanly(
      text('twice.csv', [
        '04 - Химия 2026.06.09',
        '№;Код ОО;Класс;Фамилия;Имя;Отчество;Первичный балл;Оценка',
        '1;9306;9А;Сидоров;Олег;Петрович;12;3',
        '2;9306;9А;СИДОРОВ;Олег;Петрович;14;4',
      ]),
    );
    expect(error).toMatchObject({ code: 'invalid-value', row: 4, column: 'Фамилия', value: 'СИДОРОВ' });
    expect(error.message).toContain('этот участник (те же ФИО и документ) уже есть в строке 3 этого экзамена');
  });

  it('neither a class nor a score column: the grade is asked for', async () => {
    const error = await failsCleanly(
      text('no-grade.csv', ['04 - Химия 2026.06.09', '№;Код ОО;Фамилия;Задания с кратким ответом;Первичный балл', '1;9306;Сидоров;++-;2']),
    );
    expect(error).toMatchObject({ code: 'needs-context', needs: { fields: ['grade'] } });
  });
});
