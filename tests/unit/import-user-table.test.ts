import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db.ts';
import { ImportError } from '../../src/core/import/index.ts';
import type { ImportFile } from '../../src/core/import/index.ts';
import type { UserTableMapping } from '../../src/core/import/formats/user-table/importer.ts';
import { importUserTable, previewSheet, rememberedMapping } from '../../src/core/import/formats/user-table/importer.ts';
import * as F from '../fixtures/generate.ts';
import { NOW, rows } from '../fixtures/import-helpers.ts';
import { freshDatabase } from './sqlite.ts';

const COLUMNS = [
  { source: 0, header: 'ФИО', name: 'фио', type: 'TEXT' },
  { source: 1, header: 'Класс', name: 'класс', type: 'INTEGER' },
  { source: 2, header: 'Балл', name: 'балл', type: 'INTEGER' },
  { source: 3, header: 'Доля', name: 'доля', type: 'REAL' },
  { source: 4, header: 'Дата', name: 'дата', type: 'DATE' },
  { source: 5, header: 'Код', name: 'код', type: 'TEXT' },
  { source: 6, header: 'Код', name: 'код_2', type: 'TEXT' },
] as const;

function mapping(overrides: Partial<UserTableMapping> = {}): UserTableMapping {
  return { sheet: 'Итоги', headerRow: 2, tableName: 'user_олимпиада', columns: COLUMNS.map((column) => ({ ...column })), ...overrides };
}

async function failsCleanly(db: Database, file: ImportFile, map: UserTableMapping): Promise<ImportError> {
  const before = db.export();
  try {
    await importUserTable(db, file, map, { now: NOW });
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    expect(Buffer.compare(db.export(), before)).toBe(0);
    return error as ImportError;
  }
  throw new Error('an ImportError was expected');
}

describe('preview', () => {
  it('shows the first rows, guesses the header row, names and types', () => {
    const preview = previewSheet(F.olympiadTable());
    expect(preview).toMatchObject({ fileName: 'олимпиада.xlsx', suggestedSheet: 'Итоги', suggestedHeaderRow: 2, suggestedTableName: 'user_олимпиада' });
    expect(preview.sheets[0].rows[3]).toEqual(['Иванов И.', 9, 12, '12,5', '20.04.2026', '0012', 'A']);
    expect(preview.sheets[0].totalRows).toBe(7);
    expect(preview.sheets[0].columns).toEqual(COLUMNS);
  });
});

describe('user table', () => {
  it('creates the table with the chosen types; Russian decimals and dates converted; blank rows skipped', async () => {
    const db = freshDatabase();
    const summary = await importUserTable(db, F.olympiadTable(), mapping(), { now: NOW });
    expect(summary).toMatchObject({ format: 'user_table', rows: 3, tableName: 'user_олимпиада', batchId: 1 });
    expect(rows(db, 'SELECT * FROM user_олимпиада')).toEqual([
      ['Иванов И.', 9, 12, 12.5, '2026-04-20', '0012', 'A'],
      ['Петрова А.', 10, 7, 3.25, '2026-04-21', '0100', 'B'],
      ['Сидоров П.', 9, null, 1234.5, null, '0007', null],
    ]);
    expect(rows(db, "SELECT name, type FROM pragma_table_info('user_олимпиада')")).toEqual([
      ['фио', 'TEXT'],
      ['класс', 'INTEGER'],
      ['балл', 'INTEGER'],
      ['доля', 'REAL'],
      ['дата', 'TEXT'],
      ['код', 'TEXT'],
      ['код_2', 'TEXT'],
    ]);
    expect(rows(db, 'SELECT file_name, detected_format, rows FROM import_batch')).toEqual([['олимпиада.xlsx', 'user_table', 3]]);
    expect(rows(db, 'SELECT table_name, import_batch_id, sheet FROM oko_user_table')).toEqual([['user_олимпиада', 1, 'Итоги']]);
  });

  it('remembers the mapping for a file of the same shape, wherever its header sits', async () => {
    const db = freshDatabase();
    const chosen = mapping({ tableName: 'олимпиада_2026' });
    chosen.columns[3].type = 'TEXT';
    await importUserTable(db, F.olympiadTable(), chosen, { now: NOW });
    const again = F.olympiadTable(4, 'олимпиада 2.xlsx');
    expect(rememberedMapping(db, again)).toEqual({ ...chosen, headerRow: 4 });
    expect(rememberedMapping(db, F.unknownTable())).toBeNull();
  });

  it('replaces a user table of the same name when asked', async () => {
    const db = freshDatabase();
    await importUserTable(db, F.olympiadTable(), mapping(), { now: NOW });
    await importUserTable(db, F.olympiadTable(4, 'олимпиада 2.xlsx'), mapping({ headerRow: 4 }), { now: NOW, replace: true });
    expect(rows(db, 'SELECT COUNT(*) FROM user_олимпиада')).toEqual([[3]]);
    expect(rows(db, 'SELECT table_name, import_batch_id FROM oko_user_table')).toEqual([['user_олимпиада', 2]]);
  });
});

describe('bad mappings leave the database unchanged', () => {
  it('a value that does not fit the chosen type names sheet, row and column', async () => {
    const db = freshDatabase();
    const bad = mapping();
    bad.columns[0].type = 'INTEGER';
    const error = await failsCleanly(db, F.olympiadTable(), bad);
    expect(error.message).toBe(
      'Файл «олимпиада.xlsx», лист «Итоги», строка 4, столбец «ФИО»: значение «Иванов И.» — в столбце выбран тип «целое число», а это значение ему не соответствует. ' +
        'Исправьте значение в файле или выберите для столбца тип «текст» и загрузите снова.',
    );
  });

  it('a name of a table of Око', async () => {
    const error = await failsCleanly(freshDatabase(), F.olympiadTable(), mapping({ tableName: 'school' }));
    expect(error.message).toBe('Файл «олимпиада.xlsx»: имя таблицы «school» не подходит: так называется таблица Око — выберите другое имя.');
  });

  it('names with other characters, and a second table of the same name', async () => {
    const db = freshDatabase();
    expect((await failsCleanly(db, F.olympiadTable(), mapping({ tableName: 'мои-данные' }))).message).toContain(
      'допустимы только буквы, цифры и знак подчёркивания',
    );
    const columns = mapping().columns;
    columns[1].name = 'rowid';
    expect((await failsCleanly(db, F.olympiadTable(), mapping({ columns }))).message).toContain('имя столбца «rowid» не подходит');
    await importUserTable(db, F.olympiadTable(), mapping(), { now: NOW });
    const error = await failsCleanly(db, F.olympiadTable(4, 'ещё.xlsx'), mapping({ headerRow: 4 }));
    expect(error.message).toContain('такая таблица уже загружена — выберите другое имя или замените её');
  });
});
