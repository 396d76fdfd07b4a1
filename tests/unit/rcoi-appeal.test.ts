import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db.ts';
import { importFile } from '../../src/core/import/index.ts';
import type { ImportFile } from '../../src/core/import/index.ts';
import * as R from '../fixtures/rcoi.ts';
import { NOW, importError, rows } from '../fixtures/import-helpers.ts';
import { surnamesStored } from '../fixtures/rcoi-checks.ts';
import { freshDatabase } from './sqlite.ts';

async function load(db: Database, file: ImportFile) {
  return importFile(db, file, { now: NOW });
}

const REASON_OK = 'Апелляция о несогласии с выставленными баллами: Апелляция удовлетворена';
const REASON_NO = 'Апелляция о несогласии с выставленными баллами: Апелляция отклонена';

describe('appeal and re-check exports', () => {
  it('ЕГЭ: update the result, keep the previous values in result_history', async () => {
    const db = freshDatabase();
    await load(db, R.egeRusCsv());
    const summary = await load(db, R.egeAppealCsv());
    expect(summary).toMatchObject({ format: 'rcoi_appeal', rows: 2, taskScores: 0, assessments: ['ЕГЭ 2022, Русский язык, 23.06.2022'], warnings: [] });
    expect(rows(db, 'SELECT result_id, primary_score, test_score, appeal_status FROM result ORDER BY 1')).toEqual([
      [1, 10, 42, 'Апелляция удовлетворена'],
      [2, 10, 45, 'Апелляция отклонена'],
      [3, 4, 20, null],
    ]);
    expect(rows(db, 'SELECT result_id, changed_at, batch_id, column_name, old_value, new_value, reason FROM result_history ORDER BY history_id')).toEqual([
      [1, NOW, 2, 'primary_score', 9, 10, REASON_OK],
      [1, NOW, 2, 'test_score', 39, 42, REASON_OK],
      [1, NOW, 2, 'appeal_status', null, 'Апелляция удовлетворена', REASON_OK],
      [2, NOW, 2, 'appeal_status', null, 'Апелляция отклонена', REASON_NO],
    ]);
    expect(surnamesStored(db)).toEqual([]);
  });

  it('ОГЭ: ФИО in one cell and the exam in each row, matched by ФИО within the ОО', async () => {
    const db = freshDatabase();
    await load(db, R.ogeTwoBlockXlsx());
    const summary = await load(db, R.ogeAppealXlsx());
    expect(summary).toMatchObject({ format: 'rcoi_appeal', rows: 1, assessments: ['ОГЭ 2026, Обществознание, 03.06.2026'] });
    expect(rows(db, 'SELECT result_id, primary_score, mark, appeal_status FROM result WHERE result_id = 1')).toEqual([[1, 29, 5, 'удовлетворена']]);
    expect(rows(db, 'SELECT column_name, old_value, new_value, reason FROM result_history ORDER BY history_id')).toEqual([
      ['primary_score', 23, 29, 'удовлетворена'],
      ['mark', 4, 5, 'удовлетворена'],
      ['appeal_status', null, 'удовлетворена', 'удовлетворена'],
    ]);
    expect(surnamesStored(db)).toEqual([]);
  });

  it('a «Балл до изменения» that differs from the database is reported', async () => {
    const db = freshDatabase();
    await load(db, R.egeRusCsv());
    const summary = await load(
      db,
      R.egeAppealCsv([
        {
          school: '111002',
          surname: 'Иванов',
          name: 'Иван',
          patronymic: 'Иванович',
          document: '1111 222222',
          appealType: 'Перепроверка',
          state: 'Завершена',
          previous: 38,
          primary: 9,
          testScore: 39,
        },
      ]),
    );
    expect(summary.warnings).toEqual(['Строка 4: «Балл до изменения» в файле — 38, а в базе было 39; в истории сохранено значение из базы.']);
    expect(rows(db, 'SELECT column_name, old_value, new_value, reason FROM result_history')).toEqual([
      ['appeal_status', null, 'Завершена', 'Перепроверка: Завершена'],
    ]);
  });

  it('an appeal with no matching result: a Russian error naming the row, nothing changed', async () => {
    const db = freshDatabase();
    await load(db, R.egeRusCsv());
    const before = db.export();
    const error = await importError(db, R.egeAppealUnknownPerson());
    expect(error.message).toBe(
      'Файл «ege-appeal-unknown.csv», строка 4: участник не найден среди загруженных результатов экзамена «Русский язык, 23.06.2022» ' +
        '(сравниваются ФИО, документ и код ОО). Сначала загрузите протокол этого экзамена, затем файл апелляций.',
    );
    expect(error).toMatchObject({ code: 'invalid-value', row: 4, sheet: undefined });
    expect(Buffer.compare(db.export(), before)).toBe(0);
  });

  it('an appeal before any protocol fails the same way and leaves no key behind', async () => {
    const db = freshDatabase();
    const before = db.export();
    const error = await importError(db, R.ogeAppealXlsx());
    expect(error).toMatchObject({ code: 'invalid-value', sheet: 'Апелляции', row: 2 });
    expect(Buffer.compare(db.export(), before)).toBe(0);
  });
});
