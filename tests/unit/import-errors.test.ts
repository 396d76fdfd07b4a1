import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db.ts';
import { IMPORTERS, importFile } from '../../src/core/import/index.ts';
import type { ImportError, ImportFile, ImportOptions } from '../../src/core/import/index.ts';
import { fisokoF1Sheet } from '../../src/core/import/formats/vpr-results/sample-f1.ts';
import { writeWorkbook } from '../../src/core/import/samples/xlsx-writer.ts';
import * as F from '../fixtures/generate.ts';
import { NOW, importError, rows } from '../fixtures/import-helpers.ts';
import { freshDatabase } from './sqlite.ts';

/** A database with data in it, so that «nothing lost» means something. */
async function loadedDatabase(): Promise<Database> {
  const db = freshDatabase();
  await importFile(db, F.f1Municipal(), { now: NOW });
  return db;
}

/** The import must fail and leave the database byte-for-byte as it was. */
async function failsCleanly(file: ImportFile, options: ImportOptions = {}): Promise<ImportError> {
  const db = await loadedDatabase();
  const before = db.export();
  const error = await importError(db, file, options);
  expect(Buffer.compare(db.export(), before)).toBe(0);
  return error;
}

describe('bad files: a Russian message naming the place, and the database unchanged', () => {
  it('mark 7', async () => {
    const error = await failsCleanly(F.f1Mark7());
    expect(error.message).toBe(
      'Файл «f1.xlsx», лист «РУ 4 Индивидуальные результаты», строка 12, столбец «Отметка»: значение «7» — ' +
        'отметка должна быть от 2 до 5. Исправьте значение в файле и загрузите его снова.',
    );
    expect(error).toMatchObject({ code: 'invalid-value', file: 'f1.xlsx', sheet: F.F1_SHEET, row: 12, column: 'Отметка', value: '7' });
  });

  it('missing «Отметка» column', async () => {
    const error = await failsCleanly(F.f1MissingMark());
    expect(error.message).toBe(
      'Файл «f1-без-отметки.xlsx», лист «РУ 4 Индивидуальные результаты», строка 8: нет столбца «Отметка». ' +
        'Выгрузите отчёт «Индивидуальные результаты» из ФИС ОКО заново, не удаляя столбцы, и загрузите его.',
    );
    expect(error).toMatchObject({ code: 'missing-column', sheet: F.F1_SHEET, row: 8, column: 'Отметка' });
  });

  it('text in a score cell', async () => {
    const error = await failsCleanly(F.f1TextScore());
    expect(error.message).toBe(
      'Файл «f1-текст.xlsx», лист «РУ 4 Индивидуальные результаты», строка 11, столбец «3 (2б)»: значение «abc» — ' +
        'балл за задание должен быть целым числом от 0 до 2 или «X» (задание не выполнялось). Исправьте значение в файле и загрузите его снова.',
    );
    expect(error).toMatchObject({ code: 'invalid-value', row: 11, column: '3 (2б)', value: 'abc' });
  });

  it('score above the task maximum', async () => {
    const error = await failsCleanly(F.f1ScoreAboveMax());
    expect(error.message).toBe(
      'Файл «f1-балл.xlsx», лист «РУ 4 Индивидуальные результаты», строка 10, столбец «1 (2б)»: значение «3» — ' +
        'балл больше максимального за это задание (2). Исправьте значение в файле и загрузите его снова.',
    );
    expect(error).toMatchObject({ code: 'invalid-value', row: 10, column: '1 (2б)', value: '3' });
  });

  it('a participant code twice', async () => {
    const error = await failsCleanly(F.f1DuplicateCode());
    expect(error).toMatchObject({ code: 'invalid-value', row: 13, column: 'Код участника', value: '40003' });
    expect(error.message).toContain('строка 13, столбец «Код участника»: значение «40003» — этот код участника уже встречается в строке 12');
  });

  it('a journal mark that is neither 2..5 nor «нет отметки»', async () => {
    const error = await failsCleanly(F.f1BadJournal());
    expect(error).toMatchObject({ code: 'invalid-value', row: 14, column: 'Отметка по журналу', value: 'отл' });
    expect(error.message).toContain('отметка по журналу должна быть от 2 до 5 или «нет отметки»');
  });

  it('a participant code twice in a form', async () => {
    const error = await failsCleanly(F.form2026DuplicateCode(), { context: { schoolLogin: 'edu770001', year: 2026, subject: 'rus', grade: 4 } });
    expect(error).toMatchObject({ code: 'invalid-value', sheet: 'Протокол', row: 4, column: 'Код участника', value: '40001' });
  });

  it('empty workbook', async () => {
    const error = await failsCleanly(F.emptyWorkbook());
    expect(error.code).toBe('empty');
    expect(error.message).toBe(
      'Файл «пустой.xlsx»: в нём нет ни одной заполненной ячейки. Проверьте, что выбран нужный файл (а не пустой шаблон), и загрузите его снова.',
    );
  });

  it('a form template without participants', async () => {
    const error = await failsCleanly(F.form2026Template());
    expect(error).toMatchObject({ code: 'empty', sheet: 'Протокол' });
    expect(error.message).toContain('нет ни одного участника — столбец «Код участника» не заполнен');
  });

  it('zero bytes', async () => {
    const error = await failsCleanly({ name: 'ноль.xlsx', bytes: new Uint8Array(0) });
    expect(error.code).toBe('empty');
  });

  it('random bytes', async () => {
    const error = await failsCleanly(F.randomBytes());
    expect(error.code).toBe('unreadable');
    expect(error.message).toBe(
      'Файл «results.xlsx»: не удалось прочитать его как таблицу (XLSX, XLS или CSV). Возможно, файл повреждён или это не таблица. ' +
        'Откройте его в Excel, сохраните как «Книга Excel (.xlsx)» и загрузите снова.',
    );
  });

  it('a broken xlsx (ZIP signature, garbage inside)', async () => {
    const bytes = F.f1OneSchool().bytes.slice(0, 300);
    const error = await failsCleanly({ name: 'обрезан.xlsx', bytes });
    expect(error.code).toBe('unreadable');
  });

  it('a readable table of no known layout', async () => {
    const error = await failsCleanly(F.unknownTable());
    expect(error.code).toBe('unknown-format');
    // One short sentence; the formats Око knows go to «Подробнее» (details), one line each.
    expect(error.message).toBe(
      'Файл «список класса.xlsx»: формат не распознан — загрузите его как свою таблицу («Открыть как таблицу…») или выберите другой файл.',
    );
    expect(error.details).toHaveLength(IMPORTERS.length);
    expect(error.details?.[0]).toMatch(/^Отчёт ФИС ОКО «Индивидуальные результаты» \(Ф1\)/);
  });

  it('a ФИС ОКО report whose table is gone is named as such', async () => {
    const titleOnly = F.fisokoMarksReportRows().slice(0, 6);
    const error = await failsCleanly({
      name: 'Ф3_Статистика по отметкам.xlsx',
      bytes: writeWorkbook([{ name: 'РУ 4 Статистика по отметкам', rows: titleOnly }]),
    });
    expect(error.code).toBe('unknown-format');
    expect(error.message).toBe(
      'Файл «Ф3_Статистика по отметкам.xlsx»: это отчёт ФИС ОКО «Статистика по отметкам», но его таблица не распознана: не найдена строка заголовков ' +
        '(«Группы участников», «Кол-во участников» …). Выгрузите отчёт из ФИС ОКО заново, не удаляя строки и столбцы, и загрузите его.',
    );
  });

  it('a Ф1 row with no school: no login, no group row above it', async () => {
    const sheet = fisokoF1Sheet(F.f1OneSchoolSpec());
    const rowsWithoutGroup = sheet.rows.filter((_, i) => i !== 8);
    rowsWithoutGroup[8] = [null, rowsWithoutGroup[8][1], 'МБОУ «СОШ №1 г.Урус-Мартан»', ...rowsWithoutGroup[8].slice(3)];
    const error = await failsCleanly({ name: 'без ОО.xlsx', bytes: writeWorkbook([{ name: sheet.name, rows: rowsWithoutGroup }]) });
    expect(error).toMatchObject({ code: 'invalid-value', row: 9, column: 'ОО', value: '' });
    expect(error.message).toContain('строка 9, столбец «ОО»: ячейка пуста — не указан логин ОО (edu…)');
  });

  it('a Ф1 title with no participant table under it', async () => {
    const sheet = fisokoF1Sheet(F.f1OneSchoolSpec());
    const renamed = sheet.rows.map((row, i) => (i === 7 ? row.map((cell) => (cell === 'Код участника' ? 'Номер' : cell)) : row));
    const error = await failsCleanly({ name: 'без кода.xlsx', bytes: writeWorkbook([{ name: sheet.name, rows: renamed }]) });
    expect(error).toMatchObject({ code: 'missing-column', sheet: F.F1_SHEET, column: 'Код участника' });
    expect(error.message).toMatch(/^Файл «без кода\.xlsx», лист «РУ 4 Индивидуальные результаты»: нет столбца «Код участника»\./);
  });

  it('an unknown subject name', async () => {
    const spec = F.f1OneSchoolSpec();
    spec.subject = 'Астрономия';
    const error = await failsCleanly({ name: 'астрономия.xlsx', bytes: writeWorkbook([fisokoF1Sheet(spec)]) });
    expect(error).toMatchObject({ code: 'invalid-value', row: 4, column: 'Предмет:', value: 'Астрономия' });
    expect(error.message).toContain('такого предмета нет в справочнике предметов. Добавьте это название в таблицу subject_code_alias');
  });

  it('a wrong context value', async () => {
    const error = await failsCleanly(F.form2026(), { context: { schoolLogin: 'школа 5', year: 2026, subject: 'rus', grade: 4 } });
    expect(error.code).toBe('invalid-value');
    expect(error.message).toContain('логин ОО «школа 5» указан неверно');
  });

  it('an error while writing rolls everything back', async () => {
    const db = await loadedDatabase();
    db.run("CREATE TRIGGER fail_late BEFORE INSERT ON task_score WHEN NEW.task_code = '12.2' BEGIN SELECT RAISE(ABORT, 'сбой записи'); END");
    const before = db.export();
    await expect(importFile(db, F.f1OneSchool(), { now: NOW })).rejects.toThrow('сбой записи');
    expect(Buffer.compare(db.export(), before)).toBe(0);
    expect(rows(db, 'SELECT COUNT(*) FROM import_batch')).toEqual([[1]]);
  });
});
