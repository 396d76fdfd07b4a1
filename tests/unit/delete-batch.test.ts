import initSqlJs from '../../wasm/node.ts';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db.ts';
import type { ImportFile, ImportOptions } from '../../src/core/import/index.ts';
import { deleteBatch, importFile, importUserTable, previewSheet } from '../../src/core/import/index.ts';
import * as F from '../fixtures/generate.ts';
import { NOW, importError, rows } from '../fixtures/import-helpers.ts';
import * as R from '../fixtures/rcoi.ts';
import { Engine } from '../../src/engine/engine.ts';
import { freshDatabase } from './sqlite.ts';

const SQL = await initSqlJs();

async function load(db: Database, file: ImportFile, options: ImportOptions = {}) {
  return importFile(db, file, { now: NOW, ...options });
}

const count = (db: Database, table: string) => Number(rows(db, `SELECT COUNT(*) FROM ${table}`)[0][0]);

describe('deleteBatch', () => {
  it('removes one file’s results, task scores and batch row; the other file stays', async () => {
    const db = freshDatabase();
    await load(db, F.f1Municipal());
    const after1 = db.export();
    const second = await load(db, R.egeRusCsv());
    expect(count(db, 'result')).toBe(7 + 3);

    const deleted = deleteBatch(db, second.batchId);
    expect(deleted).toMatchObject({ batchId: 2, fileName: 'ege-rus.csv', format: 'rcoi_protocol', restored: 0, userTable: null });
    expect(deleted.deleted).toEqual({ result: 3, task_score: 27 });
    expect(count(db, 'result')).toBe(7);
    expect(rows(db, 'SELECT import_batch_id FROM import_batch')).toEqual([[1]]);
    // Shared facts stay: the ЕГЭ assessment, its placeholder schools and tasks (documented in delete-batch.ts).
    expect(count(db, "assessment WHERE kind = 'ege'")).toBe(1);
    expect(Buffer.compare(db.export(), after1)).not.toBe(0);
  });

  it('removes a report’s fisoko_agg rows', async () => {
    const db = freshDatabase();
    const summary = await load(db, F.reportMarks());
    expect(count(db, 'fisoko_agg')).toBeGreaterThan(0);
    const deleted = deleteBatch(db, summary.batchId);
    expect(deleted.deleted.fisoko_agg).toBe(summary.rows);
    expect(count(db, 'fisoko_agg')).toBe(0);
    expect(count(db, 'import_batch')).toBe(0);
  });

  it('an appeal file: its changes go back to the protocol values, its history goes', async () => {
    const db = freshDatabase();
    await load(db, R.egeRusCsv());
    const protocolOnly = rows(db, 'SELECT result_id, primary_score, test_score, appeal_status FROM result ORDER BY 1');
    const appeal = await load(db, R.egeAppealCsv());
    expect(count(db, 'result_history')).toBe(4);

    const deleted = deleteBatch(db, appeal.batchId);
    expect(deleted.restored).toBe(4);
    expect(rows(db, 'SELECT result_id, primary_score, test_score, appeal_status FROM result ORDER BY 1')).toEqual(protocolOnly);
    expect(count(db, 'result_history')).toBe(0);
  });

  it('the protocol under an appeal: results and their history go together', async () => {
    const db = freshDatabase();
    const protocol = await load(db, R.egeRusCsv());
    await load(db, R.egeAppealCsv());
    const deleted = deleteBatch(db, protocol.batchId);
    expect(deleted.deleted).toEqual({ result: 3, task_score: 27, result_history: 4 });
    expect(count(db, 'result_history')).toBe(0);
    expect(count(db, 'import_batch')).toBe(1);
  });

  it('a user table: the table is dropped with its batch', async () => {
    const db = freshDatabase();
    const file = F.olympiadTable();
    const preview = previewSheet(file);
    const sheet = preview.sheets[0];
    const summary = await importUserTable(db, file, {
      sheet: sheet.name,
      headerRow: sheet.suggestedHeaderRow,
      tableName: 'олимпиада',
      columns: sheet.columns,
    });
    expect(count(db, 'олимпиада')).toBe(3);
    const deleted = deleteBatch(db, summary.batchId);
    expect(deleted.userTable).toBe('олимпиада');
    expect(rows(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'олимпиада'")).toEqual([[0]]);
    expect(count(db, 'oko_user_table')).toBe(0);
  });

  it('an unknown batch is a Russian error and changes nothing', () => {
    const db = freshDatabase();
    const before = db.export();
    expect(() => deleteBatch(db, 42)).toThrow('Загрузки № 42 нет в сессии — удалять нечего.');
    expect(Buffer.compare(db.export(), before)).toBe(0);
  });
});

describe('replaceDuplicate', () => {
  it('the same file again is refused without it, and replaces the earlier import with it', async () => {
    const db = freshDatabase();
    await load(db, F.f1Municipal());
    const error = await importError(db, F.f1Municipal());
    expect(error.code).toBe('duplicate');

    const summary = await load(db, F.f1Municipal(), { replaceDuplicate: true });
    // INTEGER PRIMARY KEY without AUTOINCREMENT: the freed number is used again.
    expect(summary.batchId).toBe(1);
    expect(summary.warnings[0]).toBe(`Файл «${F.F1_MUNICIPAL_NAME}» загружен заново: прежняя загрузка от 26.11.2026 10:00 удалена и заменена.`);
    expect(rows(db, 'SELECT import_batch_id, COUNT(*) FROM result GROUP BY 1')).toEqual([[1, 7]]);
    expect(rows(db, 'SELECT import_batch_id FROM import_batch')).toEqual([[1]]);
  });

  it('when the new import fails, the earlier import is kept byte for byte', async () => {
    const db = freshDatabase();
    const file = R.normalizedCsv();
    // The «normalized» export needs a subject and a year: first with them, then again without.
    await load(db, file, { context: { subject: 'rus', year: 2022 } });
    const before = db.export();
    const error = await importError(db, file, { replaceDuplicate: true });
    expect(error.code).toBe('needs-context');
    expect(Buffer.compare(db.export(), before)).toBe(0);
  });

  it('a file never seen before imports as usual', async () => {
    const db = freshDatabase();
    const summary = await load(db, F.f1Municipal(), { replaceDuplicate: true });
    expect(summary.rows).toBe(7);
    expect(summary.warnings).toEqual([]);
  });
});

describe('Engine: the import requests of the UI', () => {
  const file = (f: ImportFile) => ({ name: f.name, bytes: f.bytes });

  it('a duplicate comes back with the earlier import; «Заменить» deletes it and imports again', async () => {
    const engine = new Engine(SQL);
    await engine.importFiles({ files: [file(F.f1Municipal())] });
    const [again] = await engine.importFiles({ files: [file(F.f1Municipal())] });
    expect(again).toMatchObject({ ok: false, code: 'duplicate', duplicateOf: { batchId: 1, fileName: F.F1_MUNICIPAL_NAME, format: 'fisoko_f1' } });
    const [replaced] = await engine.importFiles({ files: [{ ...file(F.f1Municipal()), replaceDuplicate: true }] });
    expect(replaced).toMatchObject({ ok: true, summary: { rows: 7 } });
    expect(engine.tables().find((t) => t.name === 'result')?.rowCount).toBe(7);
  });

  it('an РЦОИ protocol that cannot tell ОГЭ from ЕГЭ asks «Вид экзамена» (examKind), and imports with it', async () => {
    const engine = new Engine(SQL);
    const csv = {
      name: 'химия.csv',
      bytes: new TextEncoder().encode(
        ['04 - Химия 2026.06.09', '№;Код ОО;Фамилия;Задания с кратким ответом;Первичный балл', '1;9306;Сидоров;++-;2'].join('\r\n'),
      ),
    };
    const [asked] = await engine.importFiles({ files: [csv] });
    expect(asked).toMatchObject({ ok: false, code: 'needs-context', needs: { fields: ['examKind'] } });
    expect(!asked.ok && asked.message).toContain('Укажите вид экзамена (ОГЭ, ГВЭ-9, ЕГЭ или ГВЭ-11)');
    const [done] = await engine.importFiles({ files: [{ ...csv, context: { examKind: 'gve9' } }] });
    expect(done).toMatchObject({ ok: true, summary: { assessments: [expect.stringContaining('ГВЭ-9 2026, Химия')] } });
  });

  it('previewFile, importUserTable (a user table in «Мои таблицы»), the remembered mapping', async () => {
    const engine = new Engine(SQL);
    const olympiad = F.olympiadTable();
    const { preview, remembered } = await engine.previewFile(file(olympiad));
    expect(remembered).toBeNull();
    const sheet = preview.sheets[0];
    expect(sheet.suggestedHeaderRow).toBe(2);
    const request = { ...file(olympiad), sheet: sheet.name, headerRow: 2, tableName: 'олимпиада', columns: sheet.columns };
    const outcome = await engine.importUserTable(request);
    expect(outcome).toMatchObject({ ok: true, summary: { rows: 3, format: 'user_table', tableName: 'олимпиада' } });
    expect(engine.tables().find((t) => t.name === 'олимпиада')).toMatchObject({ rowCount: 3, userTable: true });
    expect(engine.tables().find((t) => t.name === 'result')?.userTable).toBeUndefined();
    expect((await engine.previewFile(file(F.olympiadTable(2, 'олимпиада-2.xlsx')))).remembered).toMatchObject({ tableName: 'олимпиада', headerRow: 2 });

    // the same file again, as a table: refused, then replaced (the earlier table goes with its batch)
    expect(await engine.importUserTable(request)).toMatchObject({
      ok: false,
      code: 'duplicate',
      duplicateOf: { format: 'user_table', userTable: 'олимпиада' },
    });
    const replaced = await engine.importUserTable({ ...request, replaceDuplicate: true });
    expect(replaced).toMatchObject({ ok: true, summary: { rows: 3 } });
    expect(rows(engine.database, "SELECT COUNT(*) FROM import_batch WHERE detected_format = 'user_table'")).toEqual([[1]]);

    // a bad name: a Russian message, nothing written
    const bad = await engine.importUserTable({
      ...file(F.olympiadTable(1, 'другая.xlsx')),
      sheet: sheet.name,
      headerRow: 1,
      tableName: 'result',
      columns: sheet.columns,
    });
    expect(bad).toMatchObject({ ok: false, code: 'invalid-value' });
    expect(!bad.ok && bad.message).toContain('так называется таблица Око');
  });

  it('crosswalk lists placeholder codes with suggestions; mergeSchool moves the results or says why not', async () => {
    const engine = new Engine(SQL);
    await engine.importFiles({ files: [file(F.schoolDirectory()), file(R.ogeTwoBlockXlsx())] });
    const codes = engine.crosswalk();
    expect(codes.map((c) => [c.code, c.results])).toEqual([['9317', 1]]);
    expect(Array.isArray(codes[0].suggestions)).toBe(true);
    const into = Number(rows(engine.database, "SELECT school_id FROM school WHERE fisoko_login = 'edu203390'")[0][0]);
    expect(engine.mergeSchool({ from: codes[0].schoolId, into: codes[0].schoolId })).toEqual({ ok: false, message: 'Нельзя объединить ОО саму с собой.' });
    const merged = engine.mergeSchool({ from: codes[0].schoolId, into });
    expect(merged).toMatchObject({ ok: true, moved: { result: 1 } });
    expect(engine.crosswalk()).toEqual([]);
  });

  it('deleteBatch through the engine bumps the save revision (autosave)', async () => {
    const engine = new Engine(SQL);
    const [outcome] = await engine.importFiles({ files: [file(F.reportMarks())] });
    const revision = engine.saveRevision();
    expect(engine.deleteBatch({ batchId: outcome.ok ? outcome.summary.batchId : -1 })).toMatchObject({ deleted: { fisoko_agg: 23 } });
    expect(engine.saveRevision()).toBeGreaterThan(revision);
  });
});
