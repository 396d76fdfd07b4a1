import { createHash } from 'node:crypto';
import initSqlJs from '../../wasm/node.ts';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db.ts';
import { queryAll, queryValue } from '../../src/core/db.ts';
import { deleteBatchWithUndo, previewDeleteBatch } from '../../src/core/import/pipeline/batch-undo.ts';
import { refreshAggregates } from '../../src/core/schema/aggregates.ts';
import { migrate } from '../../src/core/schema/migrate.ts';
import type { ImportFile, ImportOptions } from '../../src/core/import/index.ts';
import { importFile, importUserTable, loadedBatches, previewSheet } from '../../src/core/import/index.ts';
import { DEMO_FILE_COUNT, demoFiles } from '../../src/core/demo/index.ts';
import { fisokoHistSheet, fisokoMarksSheet } from '../../src/core/import/formats/fisoko-reports/sample.ts';
import { writeWorkbook } from '../../src/core/import/samples/xlsx-writer.ts';
import { Engine } from '../../src/engine/engine.ts';
import * as F from '../fixtures/generate.ts';
import { NOW, importError, rows } from '../fixtures/import-helpers.ts';
import * as R from '../fixtures/rcoi.ts';
import { freshDatabase } from './sqlite.ts';

const SQL = await initSqlJs();

async function load(db: Database, file: ImportFile, options: ImportOptions = {}) {
  return importFile(db, file, { now: NOW, ...options });
}

/**
 * Every table of the session (and the schema itself) as exact data: rowid and every value with
 * its type, in rowid order (a table without rowid in the order of its key). Equal checksums = the
 * same rows, values, types and rowids. The
 * aggregate tables are derived: brought up to date first and compared by content (their rowids
 * move when a pair is recomputed), their bookkeeping (oko_agg_*) left out.
 */
function fingerprint(db: Database): { counts: Record<string, number>; checksum: string } {
  refreshAggregates(db);
  const hash = createHash('sha256');
  const counts: Record<string, number> = {};
  hash.update(JSON.stringify(queryAll(db, "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").rows));
  const tables = queryAll(
    db,
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'oko_agg_%' ORDER BY name",
  ).rows.map((r) => String(r[0]));
  for (const table of tables) {
    // a table without rowid (task_score) is in the order of its key
    const keyed = table.startsWith('agg_') || queryValue(db, "SELECT wr FROM pragma_table_list WHERE schema = 'main' AND name = ?", [table]) === 1;
    const result = queryAll(
      db,
      table.startsWith('agg_')
        ? `SELECT * FROM "${table}" ORDER BY 1, 2, 3, 4`
        : keyed
          ? `SELECT * FROM "${table}"`
          : `SELECT rowid, * FROM "${table}" ORDER BY rowid`,
    );
    counts[table] = result.rows.length;
    hash.update(table);
    for (const row of result.rows) hash.update(JSON.stringify(row.map((v) => (v instanceof Uint8Array ? ['blob', [...v]] : [typeof v, v]))));
  }
  return { counts, checksum: hash.digest('hex') };
}

/** The demo municipality, imported once for the tests that need it (each gets its own copy). */
let demo: Promise<{ bytes: Uint8Array; summaries: Awaited<ReturnType<typeof load>>[] }> | null = null;
async function demoDatabase(): Promise<{ db: Database; summaries: Awaited<ReturnType<typeof load>>[] }> {
  demo ??= (async () => {
    const db = freshDatabase();
    const summaries = [];
    for (const file of demoFiles()) summaries.push(await load(db, file));
    return { bytes: db.export(), summaries };
  })();
  const { bytes, summaries } = await demo;
  // opened as the engine opens a session: with Око's triggers on the connection (the key of a
  // score, the notes of the aggregates), so that a delete and its undo move the summaries as in the app
  const db = new SQL.Database(bytes);
  migrate(db);
  return { db, summaries };
}

const count = (db: Database, table: string) => Number(rows(db, `SELECT COUNT(*) FROM "${table}"`)[0][0]);

describe('the list of loaded files', () => {
  it('the demo municipality: every file named as the document it is', async () => {
    const { db, summaries } = await demoDatabase();
    const list = loadedBatches(db);
    expect(list).toHaveLength(DEMO_FILE_COUNT);
    expect(list.map((b) => b.fileName)).toEqual(demoFiles().map((f) => f.name));
    expect(list.map((b) => b.rows)).toEqual(summaries.map((s) => s.rows));
    // Every label but the РЦОИ ones is the importer's own (registry.ts Detected.label): the list and
    // the import say the same; РЦОИ files name the exams they hold.
    for (const [i, batch] of list.entries()) {
      if (batch.format.startsWith('rcoi')) continue;
      expect(batch.label).toBe(summaries[i].formatLabel);
    }
    const labels = new Set(list.map((b) => b.label));
    expect([...labels].sort()).toEqual(
      [
        'Всероссийская олимпиада школьников: протокол этапа',
        'Отметки за четверть, полугодие, год',
        'Охват обучающихся дополнительным образованием',
        'Педагогические работники',
        'Претенденты на медаль «За особые успехи в учении»',
        'Протокол РЦОИ: ЕГЭ',
        'Протокол РЦОИ: ОГЭ',
        'Справочник ОО',
        'ФИОКО: признаки необъективности ВПР',
        'ФИС ОКО: Индивидуальные результаты (Ф1)',
        'ФИС ОКО: Статистика по отметкам',
        'ФИС ОКО: Достижение планируемых результатов',
        'Форма мониторинга Око',
      ].sort(),
    );
    expect(list[0]).toMatchObject({ batchId: 1, importedAt: NOW, userTable: null });
  });

  it('a workbook of several kinds of ФИС ОКО report is named as at its import', async () => {
    const db = freshDatabase();
    const file = {
      name: 'отчёты.xlsx',
      bytes: writeWorkbook([fisokoMarksSheet(F.REPORT_RU4_2026, F.MARKS_ROWS), fisokoHistSheet(F.REPORT_RU4_2026, F.HIST_ROWS)]),
    };
    const summary = await load(db, file);
    expect(summary).toMatchObject({ format: 'fisoko_reports', formatLabel: 'ФИС ОКО: сводные отчёты' });
    expect(loadedBatches(db).map((b) => [b.fileName, b.label])).toEqual([['отчёты.xlsx', 'ФИС ОКО: сводные отчёты']]);
  });

  it('an appeal file names the exam of the results it changed; a user table is named by its table', async () => {
    const db = freshDatabase();
    await load(db, R.egeRusCsv());
    await load(db, R.egeAppealCsv());
    const file = F.olympiadTable();
    const sheet = previewSheet(file).sheets[0];
    await importUserTable(db, file, { sheet: sheet.name, headerRow: sheet.suggestedHeaderRow, tableName: 'олимпиада', columns: sheet.columns });
    expect(loadedBatches(db).map((b) => [b.fileName, b.label, b.rows])).toEqual([
      ['ege-rus.csv', 'Протокол РЦОИ: ЕГЭ', 3],
      [
        rows(db, 'SELECT file_name FROM import_batch WHERE import_batch_id = 2')[0][0],
        'Апелляции и перепроверки РЦОИ: ЕГЭ',
        rows(db, 'SELECT rows FROM import_batch WHERE import_batch_id = 2')[0][0],
      ],
      [file.name, 'Своя таблица «олимпиада»', 3],
    ]);
  });
});

describe('«Удалить загрузку» and «Вернуть»: exactly that import, exactly back', () => {
  it('a protocol among the demo files: its rows go, undo brings back the same rows, values and rowids', async () => {
    const { db } = await demoDatabase();
    const extra = await load(db, R.egeRusCsv());
    const before = fingerprint(db);

    const preview = previewDeleteBatch(db, extra.batchId);
    expect(fingerprint(db)).toEqual(before); // the preview changes nothing
    const { deleted, undo } = deleteBatchWithUndo(db, extra.batchId);
    expect(deleted.deleted).toEqual({ result: 3, task_score: 27 });
    expect(preview).toEqual(deleted);
    const after = fingerprint(db);
    expect(after.counts.result).toBe(before.counts.result - 3);
    expect(after.counts.task_score).toBe(before.counts.task_score - 27);
    expect(after.counts.import_batch).toBe(DEMO_FILE_COUNT);
    // no temporary trigger is left behind (but the connection's own: aggregates.ts, score-key.ts)
    expect(
      rows(db, "SELECT COUNT(*) FROM temp.sqlite_master WHERE type = 'trigger' AND name NOT LIKE 'oko_agg_%' AND name NOT LIKE 'oko_score_key_%'"),
    ).toEqual([[0]]);

    expect(undo.restore()).toEqual({ import_batch: 1, result: 3, task_score: 27 });
    expect(fingerprint(db)).toEqual(before);
    // the triggers set aside while the scores went back are back
    expect(rows(db, "SELECT COUNT(*) FROM temp.sqlite_master WHERE name LIKE 'oko_score_key_%' OR name = 'oko_agg_task_insert'")).toEqual([[5]]);
    // the copies are freed
    expect(rows(db, "SELECT COUNT(*) FROM temp.sqlite_master WHERE name LIKE 'oko_undo_%'")).toEqual([[0]]);
  });

  it('an appeal file: the values it changed in another file go back on delete and come again on undo', async () => {
    const db = freshDatabase();
    await load(db, R.egeRusCsv());
    const appeal = await load(db, R.egeAppealCsv());
    const before = fingerprint(db);
    const { deleted, undo } = deleteBatchWithUndo(db, appeal.batchId);
    expect(deleted.restored).toBe(4);
    expect(count(db, 'result_history')).toBe(0);
    expect(fingerprint(db).checksum).not.toBe(before.checksum);
    undo.restore();
    expect(fingerprint(db)).toEqual(before);
  });

  it('a user table comes back with its definition and rows', async () => {
    const db = freshDatabase();
    await load(db, F.f1Municipal());
    const file = F.olympiadTable();
    const sheet = previewSheet(file).sheets[0];
    const summary = await importUserTable(db, file, { sheet: sheet.name, headerRow: sheet.suggestedHeaderRow, tableName: 'олимпиада', columns: sheet.columns });
    const before = fingerprint(db);
    const { deleted, undo } = deleteBatchWithUndo(db, summary.batchId);
    expect(deleted.userTable).toBe('олимпиада');
    expect(rows(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'олимпиада'")).toEqual([[0]]);
    undo.restore();
    expect(fingerprint(db)).toEqual(before);
  });

  it('an unknown import: a Russian error, nothing changed, nothing left in TEMP', () => {
    const db = freshDatabase();
    const before = fingerprint(db);
    expect(() => deleteBatchWithUndo(db, 42)).toThrow('Загрузки № 42 нет в сессии — удалять нечего.');
    expect(fingerprint(db)).toEqual(before);
    expect(rows(db, "SELECT COUNT(*) FROM temp.sqlite_master WHERE name NOT LIKE 'oko_agg_%' AND name NOT LIKE 'oko_score_key_%'")).toEqual([[0]]);
  });
});

describe('Engine: deleteBatch, undoDelete, loadedFiles, «Заменить файлом…»', () => {
  const payload = (f: ImportFile) => ({ name: f.name, bytes: f.bytes });

  it('undo is offered until the data change; a workspace save does not count', async () => {
    const engine = new Engine(SQL);
    await engine.importFiles({ files: [payload(F.f1Municipal()), payload(F.reportMarks())] });
    const before = fingerprint(engine.database);
    const report = (await engine.loadedFiles()).find((b) => b.fileName === F.reportMarks().name)!;
    expect(engine.deletePreview({ batchId: report.batchId })).toMatchObject({ deleted: { fisoko_agg: 23 } });
    const revision = engine.saveRevision();
    expect(engine.deleteBatch({ batchId: report.batchId })).toMatchObject({ deleted: { fisoko_agg: 23 } });
    expect(engine.saveRevision()).toBeGreaterThan(revision);
    engine.setWorkspace({ key: 'ui', value: '{"tabs":[],"active":-1,"sql":""}' });
    expect(engine.canUndoDelete()).toBe(true);
    expect(engine.undoDelete()).toMatchObject({ fileName: F.reportMarks().name, restored: { fisoko_agg: 23, import_batch: 1 } });
    engine.setWorkspace({ key: 'ui', value: before.checksum }); // the workspace is not part of the comparison below
    const restored = fingerprint(engine.database);
    expect(restored.counts).toEqual({ ...before.counts, oko_workspace: restored.counts.oko_workspace });
    expect(() => engine.undoDelete()).toThrow('Вернуть нечего');

    engine.deleteBatch({ batchId: report.batchId });
    // a failed import changes nothing: «Вернуть» still works; a successful one does change the data
    expect(await engine.importFiles({ files: [payload(F.f1Mark7())] })).toMatchObject([{ ok: false }]);
    expect(engine.canUndoDelete()).toBe(true);
    await engine.importFiles({ files: [payload(R.egeRusCsv())] });
    expect(engine.canUndoDelete()).toBe(false);
    expect(() => engine.undoDelete()).toThrow('Вернуть удалённую загрузку уже нельзя: после удаления данные сессии изменились.');
  });

  it('«Заменить файлом…»: the chosen import goes, the new file takes its place, in one savepoint', async () => {
    const engine = new Engine(SQL);
    await engine.importFiles({ files: [payload(F.f1Municipal()), payload(R.egeRusCsv())] });
    const [ege] = (await engine.loadedFiles()).filter((b) => b.fileName === 'ege-rus.csv');
    const [replaced] = await engine.importFiles({ files: [{ ...payload(R.baseMathCsv()), replaceBatch: ege.batchId }] });
    expect(replaced).toMatchObject({ ok: true, summary: { fileName: 'ege-base.csv', rows: 2 } });
    expect(replaced.ok && replaced.summary.warnings[0]).toMatch(/^Файл «ege-base\.csv» загружен вместо «ege-rus\.csv»: прежняя загрузка от .* удалена\.$/);
    expect((await engine.loadedFiles()).map((b) => b.fileName)).toEqual([F.F1_MUNICIPAL_NAME, 'ege-base.csv']);
    expect(rows(engine.database, 'SELECT COUNT(*) FROM result')).toEqual([[7 + 2]]);

    // a failing replacement keeps the old import exactly
    const before = fingerprint(engine.database);
    const base = (await engine.loadedFiles())[1];
    const [failed] = await engine.importFiles({ files: [{ ...payload(F.f1Mark7()), replaceBatch: base.batchId }] });
    expect(failed).toMatchObject({ ok: false, code: 'invalid-value' });
    expect(fingerprint(engine.database)).toEqual(before);

    // a file loaded as another import cannot replace this one
    const [twice] = await engine.importFiles({ files: [{ ...payload(F.f1Municipal()), replaceBatch: base.batchId }] });
    expect(twice).toMatchObject({ ok: false, code: 'unreadable' });
    expect(!twice.ok && twice.message).toContain('этот файл уже загружен как');
    expect(fingerprint(engine.database)).toEqual(before);
  });

  it('replacing an import that is gone is refused in Russian', async () => {
    const db = freshDatabase();
    await expect(load(db, F.f1Municipal(), { replaceBatch: 9 })).rejects.toThrow('Загрузки № 9 уже нет в сессии — заменять нечего.');
    expect((await importError(db, F.unknownTable())).code).toBe('unknown-format');
  });
});
