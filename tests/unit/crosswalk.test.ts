import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db.ts';
import { mergeSchool, suggestMatches, unmatchedRcoiCodes } from '../../src/core/import/schools/crosswalk.ts';
import { importFile } from '../../src/core/import/index.ts';
import { nameSimilarity, normaliseSchoolName } from '../../src/core/import/schools/match.ts';
import * as F from '../fixtures/generate.ts';
import { NOW, rows } from '../fixtures/import-helpers.ts';
import { addPlaceholder } from '../fixtures/school-helpers.ts';
import { freshDatabase } from './sqlite.ts';

/** Directory schools 1 (edu203389), 2 (edu203390), 3 (9400, no login) plus a second СОШ edu203391. */
async function directoryLoaded(): Promise<Database> {
  const db = freshDatabase();
  const rowsOf = [...F.DIRECTORY_ROWS, { login: 'edu203391', rcoiCode: '9308', name: 'МБОУ «СОШ №2 г.Урус-Мартан»', year: 2026 }];
  await importFile(db, F.schoolDirectory(rowsOf), { now: NOW });
  return db;
}

describe('school names', () => {
  it('normalise legal forms, quotes, «№», case and long type names', () => {
    expect(normaliseSchoolName('МБОУ "Средняя общеобразовательная школа № 5" г. Грозного')).toBe('сош 5 грозного');
    expect(normaliseSchoolName('муниципальное бюджетное общеобразовательное учреждение «СОШ №5 г.Грозного»')).toBe('сош 5 грозного');
    expect(nameSimilarity('МКОУ «СОШ №5» г.Грозного', 'сош 5 грозного')).toBe(1);
  });
});

describe('crosswalk', () => {
  it('lists РЦОИ codes that still point at a placeholder', async () => {
    const db = await directoryLoaded();
    addPlaceholder(db, '9999', 'МБОУ "Средняя общеобразовательная школа № 1 г. Урус-Мартан"');
    expect(unmatchedRcoiCodes(db)).toEqual([
      { code: '9999', nameSeen: 'МБОУ "Средняя общеобразовательная школа № 1 г. Урус-Мартан"', schoolId: 5, municipality: null, results: 1 },
    ]);
  });

  it('suggests the school with the same name and number first, never the placeholder itself', async () => {
    const db = await directoryLoaded();
    addPlaceholder(db, '9999', 'МБОУ "Средняя общеобразовательная школа № 1 г. Урус-Мартан"');
    const suggestions = suggestMatches(db, '9999');
    expect(suggestions.map((s) => s.login)).toEqual(['edu203389', 'edu203391']);
    expect(suggestions[0]).toMatchObject({
      schoolId: 1,
      name: 'МБОУ «СОШ №1 г.Урус-Мартан»',
      score: 1,
      reasons: ['похожее название (100 %)', 'тот же номер в названии'],
    });
    expect(suggestions[1].score).toBeLessThan(0.5);
  });

  it('suggests by code when the РЦОИ code is the login’s digits', async () => {
    const db = await directoryLoaded();
    addPlaceholder(db, '203390', 'школа');
    expect(suggestMatches(db, '203390')[0]).toMatchObject({ login: 'edu203390', reasons: ['код РЦОИ совпадает с цифрами логина ФИС ОКО'] });
  });

  it('merges a placeholder: results, aliases, flags and attributes move in one transaction', async () => {
    const db = await directoryLoaded();
    const placeholder = addPlaceholder(db, '9999', 'СОШ 1');
    db.run("INSERT INTO objectivity_flag (year, school_id, work, flagged) VALUES (2026, 1, 'РУ4', 1), (2026, ?, 'РУ4', 0), (2026, ?, 'МА4', 1)", [
      placeholder,
      placeholder,
    ]);
    db.run("INSERT INTO school_year_attr (school_id, year, attr, value) VALUES (?, 2026, 'контингент', '900')", [placeholder]);
    const outcome = mergeSchool(db, placeholder, 1);
    expect(outcome).toEqual({ moved: { objectivity_flag: 1, result: 1, school_code_alias: 1 }, dropped: { objectivity_flag: 1, school_year_attr: 1 } });
    expect(rows(db, 'SELECT COUNT(*) FROM school WHERE school_id = ?', [placeholder])).toEqual([[0]]);
    expect(rows(db, "SELECT school_id FROM school_code_alias WHERE source = 'rcoi' AND code = '9999'")).toEqual([[1]]);
    expect(rows(db, 'SELECT work, flagged FROM objectivity_flag WHERE school_id = 1 ORDER BY work')).toEqual([
      ['МА4', 1],
      ['РУ4', 1],
    ]);
    expect(rows(db, "SELECT value FROM school_year_attr WHERE school_id = 1 AND attr = 'контингент'")).toEqual([['1250']]);
    expect(unmatchedRcoiCodes(db)).toEqual([]);
  });

  it('refuses, changing nothing, when both schools hold the same participant of the same work', async () => {
    const db = await directoryLoaded();
    const a = addPlaceholder(db, '9998', 'СОШ 1', '900001');
    const b = addPlaceholder(db, '9999', 'СОШ 1', '900001');
    const before = db.export();
    expect(() => mergeSchool(db, a, b)).toThrow(/ОО не объединены: у обеих есть результаты участников с одинаковыми кодами в одних и тех же работах \(1\)/);
    expect(Buffer.compare(db.export(), before)).toBe(0);
  });
});

describe('crosswalk with a protocol’s made-up name', () => {
  it('ignores «ОО с кодом РЦОИ …» and suggests by municipality code and code', async () => {
    const db = freshDatabase();
    await importFile(db, F.schoolDirectory(), { now: NOW });
    db.run("UPDATE municipality SET gia_msu_code = '209'");
    db.run("INSERT INTO municipality (region_code, gia_msu_code, name) VALUES (NULL, '209', 'МСУ с кодом РЦОИ 209')");
    const placeholder = addPlaceholder(db, '203390', 'ОО с кодом РЦОИ 203390');
    db.run('UPDATE school SET municipality_id = 2 WHERE school_id = ?', [placeholder]);
    db.run("UPDATE school_code_alias SET name_seen = NULL WHERE code = '203390'");
    const suggestions = suggestMatches(db, '203390');
    expect(suggestions[0]).toMatchObject({ login: 'edu203390', score: 0.6, reasons: ['код РЦОИ совпадает с цифрами логина ФИС ОКО', 'тот же муниципалитет'] });
    mergeSchool(db, placeholder, suggestions[0].schoolId);
    expect(rows(db, 'SELECT full_name FROM school WHERE fisoko_login = ?', ['edu203390'])).toEqual([['МБОУ «Гимназия №5 с. Гойты»']]);
  });
});
