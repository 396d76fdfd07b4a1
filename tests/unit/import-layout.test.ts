import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/core/import/index.ts';
import { guessFromFileName } from '../../src/core/import/work/context.ts';
import { decodeText } from '../../src/core/import/read/decode-text.ts';
import { parseTaskHeader } from '../../src/core/import/work/task-header.ts';
import type { SampleCell } from '../../src/core/import/samples/xlsx-writer.ts';
import { fisokoF1Sheet } from '../../src/core/import/formats/vpr-results/sample-f1.ts';
import { vprForm2026Sheets } from '../../src/core/import/formats/vpr-results/sample-form.ts';
import { writeWorkbook } from '../../src/core/import/samples/xlsx-writer.ts';
import * as F from '../fixtures/generate.ts';
import { NOW, participant, rows } from '../fixtures/import-helpers.ts';
import { freshDatabase } from './sqlite.ts';

const RESULT_ROWS = 'SELECT participant_code, class_ordinal, variant, primary_score, mark, journal_mark FROM result ORDER BY 1';

describe('task headers', () => {
  it('give the task code and its maximum', () => {
    expect(parseTaskHeader('1 (5б)')).toEqual({ code: '1', max: 5 });
    expect(parseTaskHeader('4К1 (3б)')).toEqual({ code: '4К1', max: 3 });
    expect(parseTaskHeader('4K2 (2б)')).toEqual({ code: '4К2', max: 2 }); // Latin K
    expect(parseTaskHeader('9.1 (1б)')).toEqual({ code: '9.1', max: 1 });
    expect(parseTaskHeader('10,2(2б)')).toEqual({ code: '10.2', max: 2 });
    expect(parseTaskHeader('Первичный балл')).toBeNull();
    expect(parseTaskHeader('Итого баллов')).toBeNull();
  });
});

describe('text decoding', () => {
  it('reads UTF-8 and falls back to Windows-1251', () => {
    expect(decodeText(new TextEncoder().encode('\ufeffКод участника'))).toBe('Код участника');
    expect(decodeText(Uint8Array.from([0xca, 0xee, 0xe4, 0x3b, 0xc2, 0xe0, 0xf0, 0xe8, 0xe0, 0xed, 0xf2]))).toBe('Код;Вариант');
  });
});

describe('file-name guesses', () => {
  it('find year, grade, subject and login, and nothing that is not there', () => {
    const db = freshDatabase();
    expect(guessFromFileName(db, 'Форма сбора результатов Английский язык 8 класс ВПР 2026.xlsx')).toEqual({ year: 2026, grade: 8, subject: 'eng' });
    expect(guessFromFileName(db, 'edu203389_ВПР_2025_математика_5кл.xlsx')).toEqual({ year: 2025, grade: 5, subject: 'math', schoolLogin: 'edu203389' });
    expect(guessFromFileName(db, '2849657.xlsx')).toEqual({});
  });
});

describe('layouts are found by content, not by position', () => {
  it('Ф1 with extra title rows and reordered columns imports the same rows', async () => {
    const sheet = fisokoF1Sheet(F.f1OneSchoolSpec());
    const swap = (row: SampleCell[]) => {
      const copy = [...row];
      [copy[4], copy[5]] = [copy[5] ?? null, copy[4] ?? null];
      return copy;
    };
    const moved = [
      sheet.rows[0],
      [],
      ['Выгружено из ФИС ОКО'],
      ...sheet.rows.slice(1, 7),
      ...sheet.rows.slice(7).map((row) => (row.length > 6 ? swap(row) : row)),
    ];
    const reference = freshDatabase();
    await importFile(reference, F.f1OneSchool(), { now: NOW });
    const db = freshDatabase();
    await importFile(db, { name: 'сдвиг.xlsx', bytes: writeWorkbook([{ name: 'Лист1', rows: moved }]) }, { now: NOW });
    expect(rows(db, RESULT_ROWS)).toEqual(rows(reference, RESULT_ROWS));
    expect(rows(db, 'SELECT task_code, difficulty FROM assessment_task ORDER BY position')).toEqual(
      rows(reference, 'SELECT task_code, difficulty FROM assessment_task ORDER BY position'),
    );
  });

  it('the form is found on any sheet, with its header below a note', async () => {
    const [protocol, ...rest] = vprForm2026Sheets(F.form2026Spec());
    const sheets = [{ name: 'Инструкция', rows: [['Заполните лист «Протокол»']] }, ...rest, { name: 'Протокол', rows: [['Школа 5'], [], ...protocol.rows] }];
    const db = freshDatabase();
    await importFile(
      db,
      { name: 'форма.xlsx', bytes: writeWorkbook(sheets) },
      { now: NOW, context: { schoolLogin: 'edu203389', year: 2026, subject: 'rus', grade: 4 } },
    );
    expect(rows(db, 'SELECT COUNT(*), SUM(absent), SUM(primary_score) FROM result')).toEqual([[5, 1, 57]]);
  });
});

describe('warnings', () => {
  it('a workbook with two result sheets: the first is imported, the user is told about the other', async () => {
    const ru = fisokoF1Sheet(F.f1OneSchoolSpec());
    const ma = fisokoF1Sheet(F.f1MunicipalSpec());
    const db = freshDatabase();
    const summary = await importFile(db, { name: 'две работы.xlsx', bytes: writeWorkbook([ru, ma]) }, { now: NOW });
    expect(summary.assessments).toEqual(['ВПР 2026, Русский язык, 4 класс']);
    expect(summary.warnings).toEqual([
      'В файле есть и другие листы с результатами («МА 5 Индивидуальные результаты») — загружен только лист «РУ 4 Индивидуальные результаты». ' +
        'Сохраните каждый лист отдельным файлом и загрузите их по очереди.',
    ]);
    expect(rows(db, 'SELECT COUNT(*) FROM result')).toEqual([[5]]);
  });

  it('Ф1: a primary score that is not the sum of the tasks, and a mark that disagrees with the scale', async () => {
    const spec = F.f1OneSchoolSpec();
    spec.schools[0].participants[0].primary = 16; // row 10: tasks sum to 15
    spec.schools[0].participants[0].mark = 4;
    spec.schools[0].participants[1].mark = 4; // row 11: 14 points is «3» on the 2026 scale
    const db = freshDatabase();
    const summary = await importFile(db, { name: 'f1.xlsx', bytes: writeWorkbook([fisokoF1Sheet(spec)]) }, { now: NOW });
    expect(summary.warnings).toEqual([
      'Лист «РУ 4 Индивидуальные результаты»: в строке 10 «Первичный балл» не равен сумме баллов за задания; загружен балл из файла.',
      'Лист «РУ 4 Индивидуальные результаты»: в строке 11 отметка не совпадает со шкалой перевода из mark_scale для работы «ВПР 2026, Русский язык, 4 класс»; загружена отметка из файла.',
    ]);
    expect(participant(db, 'edu203389', '40001')).toMatchObject({ primary: 16, mark: 4 });
    expect(participant(db, 'edu203389', '40002')).toMatchObject({ primary: 14, mark: 4 });
    expect(rows(db, 'SELECT warnings FROM import_batch')).toEqual([[JSON.stringify(summary.warnings)]]);
  });

  it('form: rows without a code, absent with scores, a wrong «Итого баллов», a participant without scores', async () => {
    const spec = F.form2026Spec();
    spec.participants[0].total = 20; // row 2: tasks sum to 19
    spec.participants[2].scores = [1, 1, null, null, null, null]; // row 4: absent, yet scores
    spec.participants[4].scores = [null, null, null, null, null, null]; // row 6: nothing filled
    spec.participants[4].total = 0;
    const [protocol, ...rest] = vprForm2026Sheets(spec);
    protocol.rows.push([null, 1, 3, 3, 3, null, null, null, 1, 4, 9]); // row 27: scores but no code
    const db = freshDatabase();
    const summary = await importFile(
      db,
      { name: 'форма.xlsx', bytes: writeWorkbook([protocol, ...rest]) },
      {
        now: NOW,
        context: { schoolLogin: 'edu203389', year: 2026, subject: 'rus', grade: 4, schoolName: 'Школа' },
      },
    );
    expect(summary.warnings).toEqual([
      'Лист «Протокол»: в строке 27 есть баллы, но нет кода участника — такие строки пропущены.',
      'Лист «Протокол»: в строке 4 участник отмечен как «отсутствовал», но указаны баллы — баллы не загружены.',
      'Лист «Протокол»: в строке 2 «Итого баллов» не равно сумме баллов за задания; использована сумма баллов за задания.',
      'Лист «Протокол»: в строке 6 не заполнен ни один балл за задания — первичный балл и отметка не определены.',
    ]);
    expect(rows(db, RESULT_ROWS)).toEqual([
      ['40001', 1, '1', 19, 4, 4],
      ['40002', 1, '2', 4, 2, 3],
      ['40003', 2, null, null, null, null],
      ['40004', 2, '1', 24, 5, 5],
      ['40005', 2, '2', null, null, 3],
    ]);
    expect(rows(db, 'SELECT COUNT(*) FROM task_score')).toEqual([[18]]);
  });

  it('a form whose task maxima differ from the work already loaded', async () => {
    const db = freshDatabase();
    await importFile(db, F.f1OneSchool(), { now: NOW });
    const summary = await importFile(db, F.form2026(), { now: NOW, context: { schoolLogin: 'edu203389', year: 2026, subject: 'rus', grade: 4 } });
    expect(summary.warnings[0]).toBe(
      'Работа «ВПР 2026, Русский язык, 4 класс»: максимальный балл заданий 1 (в файле 5, в базе 2), 2 (в файле 5, в базе 1), ' +
        '3 (в файле 5, в базе 2), 5 (в файле 4, в базе 2) не совпадает с загруженным ранее; в базе оставлены прежние значения. Проверьте, та ли это работа.',
    );
    expect(summary.warnings[1]).toContain('заменены данными этого файла (было записей: 5, стало: 5)');
    expect(rows(db, "SELECT max_score FROM assessment_task WHERE task_code = '1'")).toEqual([[2]]);
  });
});
