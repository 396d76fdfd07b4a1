import initSqlJs from '../../wasm/node.ts';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db.ts';
import type { CanonicalMapping } from '../../src/core/import/formats/canonical/importer.ts';
import { canonicalTargetInfos, importMapped, rememberedCanonical, suggestTargetColumns } from '../../src/core/import/formats/canonical/importer.ts';
import { findTarget } from '../../src/core/import/formats/canonical/targets.ts';
import type { ImportFile } from '../../src/core/import/index.ts';
import { importFile, ImportError, loadedBatches } from '../../src/core/import/index.ts';
import { importUserTable, rememberedMapping, shapeKey } from '../../src/core/import/formats/user-table/importer.ts';
import type { SampleCell } from '../../src/core/import/samples/xlsx-writer.ts';
import { writeCsv, writeWorkbook } from '../../src/core/import/samples/xlsx-writer.ts';
import * as F from '../fixtures/generate.ts';
import { NOW, rows } from '../fixtures/import-helpers.ts';
import { Engine } from '../../src/engine/engine.ts';
import { freshDatabase } from './sqlite.ts';

function csv(name: string, lines: SampleCell[][]): ImportFile {
  return { name, bytes: new TextEncoder().encode(writeCsv(lines)) };
}

function xlsx(name: string, sheet: string, lines: SampleCell[][]): ImportFile {
  return { name, bytes: writeWorkbook([{ name: sheet, rows: lines }]) };
}

/** A base with the three schools of the directory fixture (edu203389/9306, edu203390/9307, —/9400). */
async function withSchools(): Promise<Database> {
  const db = freshDatabase();
  await importFile(db, F.schoolDirectory(), { now: NOW });
  return db;
}

function schoolIdOf(db: Database, login: string): number {
  return rows(db, 'SELECT school_id FROM school WHERE fisoko_login = ?', [login])[0][0] as number;
}

async function failsCleanly(db: Database, file: ImportFile, mapping: CanonicalMapping): Promise<ImportError> {
  const before = db.export();
  try {
    await importMapped(db, file, mapping, { now: NOW });
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    expect(Buffer.compare(db.export(), before)).toBe(0);
    return error as ImportError;
  }
  throw new Error('an ImportError was expected');
}

const CLUSTERS = (): ImportFile =>
  csv('кластеры.csv', [
    ['Логин ОО', 'Кластер'],
    ['edu203389', 'Город'],
    ['9307', 'Село'],
    ['МКОУ «ООШ с. Танги-Чу»', 'Село'],
  ]);

const CLUSTER_MAPPING: CanonicalMapping = {
  sheet: 'Sheet1',
  headerRow: 0,
  table: 'cluster_assignment',
  columns: [
    { target: 'school_id', source: 0 },
    { target: 'cluster', source: 1 },
  ],
  values: { scheme: 'мой_кластер', year: '2026' },
};

describe('targets', () => {
  it('lists the targets with Russian titles and column descriptions', () => {
    const infos = canonicalTargetInfos(NOW);
    expect(infos.map((t) => t.table)).toEqual([
      'school',
      'cluster_assignment',
      'school_year_attr',
      'school_list_membership',
      'objectivity_flag',
      'mark_scale',
      'ege_threshold',
      'subject_code_alias',
    ]);
    const clusters = infos.find((t) => t.table === 'cluster_assignment')!;
    expect(clusters.title).toBe('Кластеры ОО');
    expect(clusters.columns.map((c) => [c.name, c.required, c.default ?? null])).toEqual([
      ['scheme', true, 'directory'],
      ['year', true, '2026'],
      ['school_id', true, null],
      ['cluster', true, null],
    ]);
    expect(clusters.columns[3].description).toBe('Кластер ОО в этой схеме');
  });

  it('suggests source columns by header', () => {
    expect(suggestTargetColumns(findTarget('cluster_assignment')!, ['Логин ОО', 'Кластер'])).toEqual({ school_id: 0, cluster: 1 });
    expect(suggestTargetColumns(findTarget('school')!, ['Наименование ОО', 'Код ОО (РЦОИ)', 'Логин ОО', 'Тип поселения'])).toEqual({
      full_name: 0,
      gia_code: 1,
      fisoko_login: 2,
      settlement_type: 3,
    });
    expect(suggestTargetColumns(findTarget('ege_threshold')!, ['Год', 'Предмет', 'Минимальный балл'])).toEqual({
      year: 0,
      subject_code: 1,
      min_certificate: 2,
    });
  });
});

describe('cluster_assignment', () => {
  it('finds schools by login, РЦОИ code and name; logs the batch; upserts on the key', async () => {
    const db = await withSchools();
    const summary = await importMapped(db, CLUSTERS(), CLUSTER_MAPPING, { now: NOW });
    expect(summary).toMatchObject({ format: 'mapped:cluster_assignment', formatLabel: 'Таблица Око «Кластеры ОО»', rows: 3, schools: 3 });
    const a = schoolIdOf(db, 'edu203389');
    const b = schoolIdOf(db, 'edu203390');
    const c = rows(db, "SELECT school_id FROM school WHERE gia_code = '9400'")[0][0];
    expect(rows(db, "SELECT scheme, year, school_id, cluster FROM cluster_assignment WHERE scheme = 'мой_кластер' ORDER BY school_id")).toEqual([
      ['мой_кластер', 2026, a, 'Город'],
      ['мой_кластер', 2026, b, 'Село'],
      ['мой_кластер', 2026, c, 'Село'],
    ]);
    expect(rows(db, 'SELECT file_name, detected_format, rows FROM import_batch WHERE import_batch_id = ?', [summary.batchId])).toEqual([
      ['кластеры.csv', 'mapped:cluster_assignment', 3],
    ]);
    expect(loadedBatches(db).map((b) => [b.fileName, b.label])).toEqual([
      [F.schoolDirectory().name, 'Справочник ОО'],
      ['кластеры.csv', 'Таблица Око «Кластеры ОО»'],
    ]);

    // The same bytes again: refused, or with «Заменить» the earlier import goes and the rows are written again.
    await expect(importMapped(db, CLUSTERS(), CLUSTER_MAPPING, { now: NOW })).rejects.toMatchObject({ code: 'duplicate' });
    const again = await importMapped(db, CLUSTERS(), CLUSTER_MAPPING, { now: NOW, replaceDuplicate: true });
    expect(rows(db, "SELECT count(*) FROM import_batch WHERE detected_format = 'mapped:cluster_assignment'")).toEqual([[1]]);
    expect(again.warnings[0]).toContain('загружен заново');

    // Another file with a changed cluster: the row is replaced (upsert on scheme, year, school), not doubled.
    const changed = csv('кластеры.csv', [
      ['Логин ОО', 'Кластер'],
      ['edu203389', 'Центр'],
    ]);
    await importMapped(db, changed, CLUSTER_MAPPING, { now: NOW });
    expect(rows(db, "SELECT cluster FROM cluster_assignment WHERE scheme = 'мой_кластер' AND school_id = ?", [a])).toEqual([['Центр']]);
    expect(rows(db, "SELECT count(*) FROM cluster_assignment WHERE scheme = 'мой_кластер'")).toEqual([[3]]);
  });

  it('names file, sheet, row, column and value of an unknown school; the base is unchanged', async () => {
    const db = await withSchools();
    const file = csv('кластеры.csv', [
      ['Логин ОО', 'Кластер'],
      ['edu203389', 'Город'],
      ['edu999999', 'Село'],
    ]);
    const error = await failsCleanly(db, file, CLUSTER_MAPPING);
    expect(error).toMatchObject({ code: 'invalid-value', file: 'кластеры.csv', sheet: 'Sheet1', row: 3, column: 'Логин ОО', value: 'edu999999' });
    expect(error.message).toMatch(
      /^Файл «кластеры\.csv», лист «Sheet1», строка 3, столбец «Логин ОО»: значение «edu999999» — ОО с таким логином ФИС ОКО в базе нет\./,
    );

    const byName = await failsCleanly(
      db,
      csv('кластеры.csv', [
        ['Логин ОО', 'Кластер'],
        ['МБОУ «СОШ №1 г.Урус-Мартан» филиал', 'Город'],
      ]),
      CLUSTER_MAPPING,
    );
    expect(byName.message).toContain('строка 2, столбец «Логин ОО»: значение «МБОУ «СОШ №1 г.Урус-Мартан» филиал» — ОО с таким наименованием в базе нет');
    expect(byName.message).toContain('Похожая ОО в базе: «МБОУ «СОШ №1 г.Урус-Мартан»»');
  });

  it('refuses a blank required cell, a repeated key and a missing required column', async () => {
    const db = await withSchools();
    const blank = await failsCleanly(
      db,
      csv('кластеры.csv', [
        ['Логин ОО', 'Кластер'],
        ['edu203389', ''],
      ]),
      CLUSTER_MAPPING,
    );
    expect(blank).toMatchObject({ row: 2, column: 'Кластер' });
    expect(blank.message).toContain('ячейка пуста — столбец cluster_assignment.cluster обязателен');

    const twice = await failsCleanly(
      db,
      csv('кластеры.csv', [
        ['Логин ОО', 'Кластер'],
        ['edu203389', 'А'],
        ['9306', 'Б'],
      ]),
      CLUSTER_MAPPING,
    );
    expect(twice).toMatchObject({ row: 3, column: 'Логин ОО', value: '9306' });
    expect(twice.message).toContain('уже есть в строке 2');

    const noCluster = await failsCleanly(db, CLUSTERS(), { ...CLUSTER_MAPPING, columns: [{ target: 'school_id', source: 0 }] });
    expect(noCluster.code).toBe('missing-column');
    expect(noCluster.message).toContain('«cluster» (Кластер ОО в этой схеме)');
  });
});

describe('ege_threshold and school', () => {
  it('checks numbers by type; subjects by name or code', async () => {
    const db = freshDatabase();
    const file = xlsx('пороги.xlsx', 'Пороги', [
      ['Минимальные баллы ЕГЭ 2027'],
      ['Год', 'Предмет', 'Минимальный балл', 'Для вуза'],
      [2027, 'Русский язык', 24, 40],
      ['2025/2027', 'math', '27', null],
    ]);
    const mapping: CanonicalMapping = {
      sheet: 'Пороги',
      headerRow: 1,
      table: 'ege_threshold',
      columns: [
        { target: 'year', source: 0 },
        { target: 'subject_code', source: 1 },
        { target: 'min_certificate', source: 2 },
        { target: 'min_vuz_rosobr', source: 3 },
      ],
    };
    const summary = await importMapped(db, file, mapping, { now: NOW });
    expect(summary).toMatchObject({ rows: 2, format: 'mapped:ege_threshold' });
    expect(
      rows(db, 'SELECT year, subject_code, min_certificate, min_vuz_rosobr, min_vuz_minobr FROM ege_threshold WHERE year = 2027 ORDER BY subject_code'),
    ).toEqual([
      [2027, 'math', 27, null, null],
      [2027, 'rus', 24, 40, null],
    ]);

    const bad = await failsCleanly(
      db,
      xlsx('пороги-2.xlsx', 'Пороги', [
        ['Год', 'Предмет', 'Минимальный балл'],
        [2028, 'Русский язык', 'двадцать'],
      ]),
      { ...mapping, headerRow: 0, columns: mapping.columns.slice(0, 3) },
    );
    expect(bad).toMatchObject({ sheet: 'Пороги', row: 2, column: 'Минимальный балл', value: 'двадцать' });
    expect(bad.message).toContain('значение «двадцать» — в этом столбце целые числа');

    const subject = await failsCleanly(
      db,
      xlsx('пороги-3.xlsx', 'Пороги', [
        ['Год', 'Предмет', 'Минимальный балл'],
        [2028, 'Астрология', 30],
      ]),
      { ...mapping, headerRow: 0, columns: mapping.columns.slice(0, 3) },
    );
    expect(subject).toMatchObject({ row: 2, column: 'Предмет', value: 'Астрология' });
    expect(subject.message).toContain('такого предмета нет в справочнике');
  });

  it('upserts schools by login or РЦОИ code; blank cells keep what is known', async () => {
    const db = await withSchools();
    const before = rows(db, 'SELECT count(*) FROM school')[0][0] as number;
    const file = csv('школы.csv', [
      ['Логин ОО', 'Код ОО (РЦОИ)', 'Краткое наименование', 'Тип поселения', 'Действует'],
      ['edu203389', '', 'Школа №1', '', 'да'],
      ['', '9400', 'ООШ Танги-Чу', 'село', 'нет'],
      ['edu555001', '9500', 'Новая школа', 'город', ''],
    ]);
    const mapping: CanonicalMapping = {
      sheet: 'Sheet1',
      headerRow: 0,
      table: 'school',
      columns: [
        { target: 'fisoko_login', source: 0 },
        { target: 'gia_code', source: 1 },
        { target: 'short_name', source: 2 },
        { target: 'settlement_type', source: 3 },
        { target: 'is_active', source: 4 },
      ],
    };
    const summary = await importMapped(db, file, mapping, { now: NOW });
    expect(summary).toMatchObject({ rows: 3, schools: 3, format: 'mapped:school' });
    expect(rows(db, 'SELECT count(*) FROM school')[0][0]).toBe(before + 1);
    expect(
      rows(
        db,
        "SELECT fisoko_login, gia_code, short_name, settlement_type, is_active FROM school WHERE gia_code IN ('9306', '9400', '9500') ORDER BY gia_code",
      ),
    ).toEqual([
      ['edu203389', '9306', 'Школа №1', 'город', 1],
      [null, '9400', 'ООШ Танги-Чу', 'село', 0],
      ['edu555001', '9500', 'Новая школа', 'город', 1],
    ]);
    expect(rows(db, 'SELECT source, code FROM school_code_alias WHERE school_id = ? ORDER BY source', [schoolIdOf(db, 'edu555001')])).toEqual([
      ['directory', 'edu555001'],
      ['fisoko', 'edu555001'],
      ['rcoi', '9500'],
    ]);

    const badLogin = await failsCleanly(
      db,
      csv('школы-2.csv', [
        ['Логин ОО', 'Код ОО (РЦОИ)'],
        ['школа 5', '9600'],
      ]),
      { ...mapping, columns: mapping.columns.slice(0, 2) },
    );
    expect(badLogin).toMatchObject({ row: 2, column: 'Логин ОО', value: 'школа 5' });
    expect(badLogin.message).toContain('нужен логин ФИС ОКО');
  });
});

describe('remembered mapping', () => {
  it('restores the canonical mapping for a file of the same shape, keeping the user-table half', async () => {
    const db = await withSchools();
    await importMapped(db, CLUSTERS(), CLUSTER_MAPPING, { now: NOW });
    const again = csv('кластеры 2027.csv', [['Кластеры ОО на 2027 год'], ['Логин ОО', 'Кластер'], ['edu203390', 'Село']]);
    expect(rememberedCanonical(db, again)).toEqual({ ...CLUSTER_MAPPING, sheet: 'Sheet1', headerRow: 1, last: true });
    expect(rememberedMapping(db, again)).toBeNull();

    // The same shape later loaded as a user table: both halves are kept, the last choice is «user».
    const userMapping = {
      sheet: 'Sheet1',
      headerRow: 1,
      tableName: 'user_кластеры',
      columns: [
        { source: 0, header: 'Логин ОО', name: 'логин_оо', type: 'TEXT' as const },
        { source: 1, header: 'Кластер', name: 'кластер', type: 'TEXT' as const },
      ],
    };
    await importUserTable(db, again, userMapping, { now: NOW });
    expect(rememberedMapping(db, again)).toEqual(userMapping);
    expect(rememberedCanonical(db, again)).toEqual({ ...CLUSTER_MAPPING, sheet: 'Sheet1', headerRow: 1, last: false });
  });

  it('reads mappings stored before the canonical half existed', () => {
    const db = freshDatabase();
    const file = CLUSTERS();
    const legacy = { sheet: 'старый', headerRow: 5, tableName: 'user_old', columns: [{ source: 0, header: 'Логин ОО', name: 'a', type: 'TEXT' }] };
    // The form the user-table format stored before: no `target`, no `canonical`; the key is the shape of «Логин ОО;Кластер».
    db.run("INSERT INTO oko_import_mapping (shape_key, mapping, updated_at) VALUES (?, ?, '')", [shapeKey(['Логин ОО', 'Кластер']), JSON.stringify(legacy)]);
    expect(rememberedMapping(db, file)).toEqual({ ...legacy, sheet: 'Sheet1', headerRow: 0 });
    expect(rememberedCanonical(db, file)).toBeNull();
  });
});

describe('engine', () => {
  it('lists targets, imports through importMapped and offers the remembered mapping in previewFile', async () => {
    const engine = new Engine(await initSqlJs());
    engine.open({});
    await engine.importFiles({ files: [F.schoolDirectory()] });
    expect((await engine.canonicalTargets()).find((t) => t.table === 'cluster_assignment')?.title).toBe('Кластеры ОО');
    const file = CLUSTERS();
    const outcome = await engine.importMapped({ ...file, ...CLUSTER_MAPPING });
    expect(outcome).toMatchObject({ ok: true, summary: { rows: 3, format: 'mapped:cluster_assignment' } });
    expect(engine.query({ sql: "SELECT count(*) FROM cluster_assignment WHERE scheme = 'мой_кластер'" }).rows).toEqual([[3]]);
    const failed = await engine.importMapped({
      ...csv('плохой.csv', [
        ['Логин ОО', 'Кластер'],
        ['edu000001', 'А'],
      ]),
      ...CLUSTER_MAPPING,
    });
    expect(failed).toMatchObject({ ok: false, code: 'invalid-value', file: 'плохой.csv', row: 2, column: 'Логин ОО' });
    expect((await engine.previewFile(file)).canonical).toEqual({ ...CLUSTER_MAPPING, last: true });
  });
});
