import { describe, expect, it } from 'vitest';
import { queryAll, queryValue } from '../../src/core/db.ts';
import {
  CATALOGUE,
  CustomIndicatorError,
  customFromSql,
  deleteCustomIndicator,
  importCustomIndicator,
  indicatorFromHash,
  indicatorFromJson,
  indicatorToHash,
  indicatorToJson,
  indicatorUrlHash,
  listCustomIndicators,
  nextCustomId,
  runIndicator,
  saveCustomIndicator,
  validateIndicatorDef,
} from '../../src/core/indicators/index.ts';
import type { IndicatorDef } from '../../src/core/indicators/index.ts';
import { MAIN, indicatorFixture } from './indicator-fixture.ts';
import { freshDatabase, openDatabase } from './sqlite.ts';

const SQL = `SELECT s.short_name AS school, COUNT(*) AS n, ROUND(100.0 * SUM(v.mark >= 4) / COUNT(*), 2) AS quality
FROM v_vpr v JOIN school s ON s.school_id = v.school_id
WHERE v.year = :year AND v.subject_code = :subject AND v.grade = :grade AND v.primary_score >= :min_score
GROUP BY s.school_id ORDER BY school`;

function consoleQuery(db = indicatorFixture()) {
  const sample = { year: 2026, subject: 'rus', grade: 4, min_score: 0.5 };
  const { columns, rows } = queryAll(db, SQL, Object.fromEntries(Object.entries(sample).map(([k, v]) => [`:${k}`, v])));
  return { db, sample, columns, rows };
}

function made(): IndicatorDef {
  const { sample, columns, rows } = consoleQuery();
  return customFromSql({ title: 'Качество по ОО', sql: SQL, sample, columns, rows, existingIds: CATALOGUE.map((d) => d.id) });
}

describe('customFromSql', () => {
  it('infers parameters from :names, types from the sample values, and the next U id', () => {
    const def = made();
    expect(def.id).toBe('U1');
    expect(def.params).toEqual([
      { name: 'year', label: 'Год', type: 'integer', default: 2026 },
      { name: 'subject', label: 'Предмет', type: 'text', default: 'rus' },
      { name: 'grade', label: 'Класс', type: 'integer', default: 4 },
      { name: 'min_score', label: 'min_score', type: 'real', default: 0.5 },
    ]);
    expect(def.columns.map((c) => c.name)).toEqual(['school', 'n', 'quality']);
    expect(def.mechanism).toBe('Пользовательский показатель');
    // the default chart: first text column against the first numeric one, without data
    expect(def.chart).toMatchObject({ mark: { type: 'bar' }, encoding: { y: { field: 'school' }, x: { field: 'n' } } });
    expect(def.chart).not.toHaveProperty('data');
    expect(validateIndicatorDef(def, consoleQuery().db)).toEqual([]);
  });

  it('without a sample a parameter is text (or the known type of a catalogue name)', () => {
    const def = customFromSql({ title: 'Т', sql: 'SELECT :label AS a, :year AS y' });
    expect(def.params.map((p) => [p.name, p.type, p.default])).toEqual([
      ['label', 'text', undefined],
      ['year', 'integer', undefined],
    ]);
    expect(nextCustomId(['V1', 'U2', 'U10', 'U7x'])).toBe('U11');
  });

  it('runs like a catalogue indicator', () => {
    const { db } = consoleQuery();
    // quality with primary ≥ 0.5 (everybody), all municipalities: Малое (no short name) 0/4, Гимназия 8/10,
    // СОШ №1 7/12, СОШ №4 («5», «5», «2») 2/3
    const result = runIndicator(db, made(), MAIN);
    expect(result.rows).toEqual([
      [null, 4, 0],
      ['Гимназия №2', 10, 80],
      ['СОШ №1', 12, 58.33],
      ['СОШ №4', 3, 66.67],
    ]);
  });
});

describe('JSON file', () => {
  it('round-trips, versioned, and carries the method but never the data', () => {
    const def = made();
    const { rows } = consoleQuery();
    const json = indicatorToJson(def);
    const parsed = JSON.parse(json);
    expect(Object.keys(parsed)).toEqual(['oko', 'version', 'indicator']);
    expect(parsed).toMatchObject({ oko: 'indicator', version: 1 });
    expect(indicatorFromJson(json)).toEqual(def);
    // no result values travel: the school names and computed shares of the console run are not in the file
    for (const value of ['Гимназия №2', 'СОШ №1', '58.33']) expect(json).not.toContain(value);
    expect(rows.flat()).toContain('Гимназия №2');
    expect(json).not.toMatch(/"(rows|values|data)"/);
  });

  it('drops unknown fields (such as smuggled rows) when reading', () => {
    const def = made();
    const withRows = JSON.stringify({ oko: 'indicator', version: 1, indicator: { ...def, rows: [['Гимназия №2', 80]], extra: 1 } });
    const read = indicatorFromJson(withRows);
    expect(read).toEqual(def);
    expect(JSON.stringify(read)).not.toContain('Гимназия');
  });

  it('rejects what is not a valid indicator, in Russian', () => {
    const def = made();
    const file = (indicator: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ oko: 'indicator', version: 1, indicator, ...extra });
    const cases: Array<[string, RegExp]> = [
      ['not json', /не читается как JSON/],
      [JSON.stringify({ hello: 1 }), /нет отметки "oko": "indicator"/],
      [JSON.stringify({ oko: 'indicator', version: 2, indicator: def }), /более новой версией/],
      [file({ ...def, sql: 'DELETE FROM result' }), /только читать/],
      [file({ ...def, sql: 'SELECT 1; DROP TABLE result' }), /один запрос/],
      [file({ ...def, sql: `WITH x AS (SELECT 1) DELETE FROM result` }), /только читать/],
      [file({ ...def, params: [...def.params.slice(1)] }), /:year/],
      [file({ ...def, chart: { ...def.chart, data: { url: 'https://example.org/x.json' } } }), /по ссылке|data/],
      [file({ ...def, chart: { layer: [{ data: { values: Array.from({ length: 60 }, (_, i) => ({ i })) }, mark: 'point' }] } }), /встроенные данные/],
      [file({ ...def, id: 'V2' }), /U1, U2/],
      [file({ ...def, title: 5 }), /«title» должно быть строкой/],
      [file('строка'), /должно быть объектом/],
    ];
    for (const [text, message] of cases) {
      expect(() => indicatorFromJson(text), text.slice(0, 60)).toThrow(CustomIndicatorError);
      expect(() => indicatorFromJson(text), text.slice(0, 60)).toThrow(message);
    }
  });
});

describe('URL hash', () => {
  it('round-trips compressed and plain, with or without the #indicator= prefix', async () => {
    const def = made();
    const compressed = await indicatorToHash(def);
    const plain = await indicatorToHash(def, { compress: false });
    expect(compressed).toMatch(/^z\.[A-Za-z0-9_-]+$/);
    expect(plain).toMatch(/^j\.[A-Za-z0-9_-]+$/);
    expect(compressed.length).toBeLessThan(plain.length);
    expect(await indicatorFromHash(compressed)).toEqual(def);
    expect(await indicatorFromHash(plain)).toEqual(def);
    const url = await indicatorUrlHash(def);
    expect(url.startsWith('#indicator=z.')).toBe(true);
    expect(await indicatorFromHash(url)).toEqual(def);
    expect(await indicatorFromHash(`#tab=sql&${url.slice(1)}`)).toEqual(def);
  });

  it('rejects broken or foreign hashes in Russian', async () => {
    const def = made();
    const good = await indicatorToHash(def);
    const evil = `j.${Buffer.from(JSON.stringify({ oko: 'indicator', version: 1, indicator: { ...def, sql: 'DROP TABLE result' } })).toString('base64url')}`;
    const cases: Array<[string, RegExp]> = [
      ['#tab=sql', /нет показателя/],
      ['x.abc', /нет показателя/],
      ['z.@@@', /недопустимые символы/],
      [`z.${good.slice(2, 40)}`, /не распаковывается|повреждена/],
      [evil, /только читать/],
    ];
    for (const [hash, message] of cases) await expect(indicatorFromHash(hash), hash).rejects.toThrow(message);
  });
});

describe('session storage', () => {
  it('saves, lists, survives export and reopen, and deletes', () => {
    const db = indicatorFixture();
    const def = made();
    saveCustomIndicator(db, def);
    const second = saveCustomIndicator(db, { ...def, id: 'U2', title: 'Второй' });
    expect(listCustomIndicators(db).map((d) => d.id)).toEqual(['U1', 'U2']);
    // replacing keeps one row
    saveCustomIndicator(db, { ...second, title: 'Второй (исправлен)' });
    expect(listCustomIndicators(db).map((d) => d.title)).toEqual(['Качество по ОО', 'Второй (исправлен)']);
    expect(queryValue(db, 'SELECT COUNT(*) FROM oko_custom_indicator')).toBe(2);
    // the stored definition holds no data either
    expect(String(queryValue(db, "SELECT definition FROM oko_custom_indicator WHERE id = 'U1'"))).not.toContain('Гимназия');

    const reopened = openDatabase(db.export());
    expect(listCustomIndicators(reopened)).toEqual(listCustomIndicators(db));
    expect(deleteCustomIndicator(reopened, 'U1')).toBe(true);
    expect(deleteCustomIndicator(reopened, 'U1')).toBe(false);
    expect(listCustomIndicators(reopened).map((d) => d.id)).toEqual(['U2']);
  });

  it('refuses to store an invalid or writing definition', () => {
    const db = indicatorFixture();
    const def = made();
    expect(() => saveCustomIndicator(db, { ...def, sql: `${def.sql} LIMIT :nope` })).toThrow(/:nope/);
    expect(() => saveCustomIndicator(db, { ...def, sql: 'DELETE FROM result' })).toThrow(/только читать/);
    expect(queryValue(db, 'SELECT COUNT(*) FROM result')).toBeGreaterThan(0);
    expect(listCustomIndicators(db)).toEqual([]);
  });

  it('a link opened in a fresh session imports the indicator; a clash of ids gets the next free id', async () => {
    const source = indicatorFixture();
    const def = saveCustomIndicator(source, made());
    const hash = await indicatorUrlHash(def);

    const fresh = freshDatabase();
    const imported = importCustomIndicator(fresh, await indicatorFromHash(hash));
    expect(imported).toEqual(def);
    expect(listCustomIndicators(fresh)).toEqual([def]);
    // the same again: nothing new
    expect(importCustomIndicator(fresh, await indicatorFromHash(hash)).id).toBe('U1');
    // a different indicator that also calls itself U1
    const other = importCustomIndicator(fresh, { ...def, title: 'Другой' });
    expect(other.id).toBe('U2');
    expect(listCustomIndicators(fresh).map((d) => [d.id, d.title])).toEqual([
      ['U1', 'Качество по ОО'],
      ['U2', 'Другой'],
    ]);
  });

  it('skips a row edited by hand into something invalid', () => {
    const db = freshDatabase();
    db.run("INSERT INTO oko_custom_indicator (id, definition, created_at) VALUES ('U9', '{broken', '2026-01-01')");
    expect(listCustomIndicators(db)).toEqual([]);
  });
});

describe('runIndicator refuses a writing query whatever its origin', () => {
  it('throws before touching the database', () => {
    const db = indicatorFixture();
    const def = { ...made(), sql: 'DELETE FROM result', params: [] };
    expect(() => runIndicator(db, def, {})).toThrow(/SELECT|только читать/);
    expect(queryValue(db, 'SELECT COUNT(*) FROM result')).toBeGreaterThan(0);
  });
});
