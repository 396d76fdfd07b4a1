import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db.ts';
import type { ImportError, ImportFile } from '../../src/core/import/index.ts';
import { importFile, previewSheet } from '../../src/core/import/index.ts';
import * as F from '../fixtures/generate.ts';
import { NOW, importError, rows } from '../fixtures/import-helpers.ts';
import { NOT_TABLES, passwordProtectedXlsx } from '../fixtures/not-tables.ts';
import * as R from '../fixtures/rcoi.ts';
import { freshDatabase } from './sqlite.ts';

async function loadedDatabase(): Promise<Database> {
  const db = freshDatabase();
  await importFile(db, F.f1Municipal(), { now: NOW });
  return db;
}

async function failsCleanly(file: ImportFile): Promise<ImportError> {
  const db = await loadedDatabase();
  const before = db.export();
  const error = await importError(db, file);
  expect(Buffer.compare(db.export(), before)).toBe(0);
  return error;
}

function expectedKind(name: string): string {
  if (name.endsWith('.csv')) return 'не таблица CSV';
  return 'не таблица Excel';
}

describe('a file that is not a table is named as what it is, in one short sentence', () => {
  for (const [file, what] of NOT_TABLES) {
    it(`${what} named «${file.name}»`, async () => {
      const error = await failsCleanly(file);
      expect(error.code).toBe('unreadable');
      const advice = what.includes('архив') ? 'Распакуйте архив и загрузите таблицы из него.' : 'Загрузите выгрузку в формате xlsx, xls или csv.';
      expect(error.message).toBe(`Файл «${file.name}» — ${expectedKind(file.name)}: это ${what}. ${advice}`);
      expect(error.details).toBeUndefined();
    });
  }

  it('«Открыть как таблицу…» refuses the same files with the same words (documents, pictures, archives)', () => {
    for (const [file, what] of NOT_TABLES.filter(([, what]) => what !== 'текстовый файл')) {
      expect(() => previewSheet(file)).toThrow(`это ${what}.`);
    }
  });

  it('a workbook under a password says so and how to remove it', async () => {
    const error = await failsCleanly(passwordProtectedXlsx());
    expect(error.message).toBe(
      'Файл «результаты.xlsx» защищён паролем — Око его прочитать не может. Снимите пароль в Excel («Файл» → «Сведения» → «Защитить книгу») и загрузите файл снова.',
    );
  });

  it('the same text named .csv is a table of no known layout, not «a text file»', async () => {
    const [notes] = NOT_TABLES.find(([, what]) => what === 'текстовый файл')!;
    const error = await failsCleanly({ name: 'заметки.csv', bytes: notes.bytes });
    expect(error.code).toBe('unknown-format');
  });

  it('a CSV of a known layout under an .xlsx name still imports: the content decides, not the name', async () => {
    const db = freshDatabase();
    const csv = R.egeRusCsv();
    const summary = await importFile(db, { name: 'ege-rus.xlsx', bytes: csv.bytes }, { now: NOW });
    expect(summary).toMatchObject({ format: 'rcoi_protocol', rows: 3 });
    expect(rows(db, 'SELECT COUNT(*) FROM result')).toEqual([[3]]);
  });

  it('a real workbook is not mistaken for a document', async () => {
    const db = freshDatabase();
    const summary = await importFile(db, F.f1OneSchool(), { now: NOW });
    expect(summary.format).toBe('fisoko_f1');
  });
});
