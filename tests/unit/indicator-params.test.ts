import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../src/core/db.ts';
import { findIndicator, paramOptions, resolveParams, runIndicator, sqlParamNames, validateIndicatorDef } from '../../src/core/indicators/index.ts';
import type { IndicatorDef } from '../../src/core/indicators/index.ts';
import { chartOf } from './catalogue-helpers.ts';
import { MAIN, SCHOOL, indicatorFixture } from './indicator-fixture.ts';
import { freshDatabase } from './sqlite.ts';

const db = indicatorFixture();
const V2 = findIndicator('V2')!;
const V9 = findIndicator('V9')!;

const values = (list: { value: SqlValue }[]) => list.map((o) => o.value);

/** The display parameters every per-ОО indicator has: no cluster rows, small groups shown. */
const DISPLAY = { scheme: '', hide_small: 0 };

describe('paramOptions', () => {
  it('offers only what the ВПР data hold, each list narrowed by the choices before it', () => {
    // 2024 is only ОГЭ: not offered
    const options = paramOptions(db, V2, MAIN);
    expect(options.year).toEqual([
      { value: 2026, label: '2026' },
      { value: 2025, label: '2025' },
    ]);
    expect(options.subject).toEqual([
      { value: 'math', label: 'Математика' },
      { value: 'rus', label: 'Русский язык' },
    ]);
    expect(options.grade).toEqual([{ value: 4, label: '4 класс' }]);
    expect(options.municipality).toEqual([
      { value: 2, label: 'Другой муниципальный район' },
      { value: 1, label: 'Тестовый муниципальный район' },
    ]);

    expect(values(paramOptions(db, V2, { year: 2025 }).subject)).toEqual(['okr']);
    expect(values(paramOptions(db, V2, { year: 2026, subject: 'math' }).grade)).toEqual([5]);
    expect(values(paramOptions(db, V2, { year: 2026, subject: 'math', grade: 5 }).municipality)).toEqual([1]);
  });

  it('V9 offers «Все ОО» (0) and the ОО of the chosen municipality', () => {
    expect(paramOptions(db, V9, MAIN).school).toEqual([
      { value: 0, label: 'Все ОО' },
      { value: SCHOOL.gymn2, label: 'Гимназия №2' },
      { value: SCHOOL.small3, label: 'МКОУ ООШ с. Малое' },
      { value: SCHOOL.sosh1, label: 'СОШ №1' },
    ]);
  });

  it('has no key for a free parameter (no options query)', () => {
    const def: IndicatorDef = { ...V2, params: [...V2.params, { name: 'min_n', label: 'Минимум', type: 'integer', default: 10 }] };
    expect(Object.keys(paramOptions(db, def, {}))).toEqual(['year', 'subject', 'grade', 'municipality', 'scheme', 'hide_small']);
  });
});

describe('resolveParams', () => {
  it('fills missing values with the first option, in order', () => {
    // 2026 (latest) → Математика (first by name) → 5 класс → the only municipality writing it
    expect(resolveParams(db, V2, {})).toEqual({ year: 2026, subject: 'math', grade: 5, municipality: 1, ...DISPLAY });
  });

  it('keeps a valid value, also when it comes from a form as text, and replaces invalid ones', () => {
    expect(resolveParams(db, V2, { year: '2025' })).toEqual({ year: 2025, subject: 'okr', grade: 4, municipality: 1, ...DISPLAY });
    // grade 5 is not written in русский язык 2026: replaced; the other municipality stays
    expect(resolveParams(db, V2, { year: 2026, subject: 'rus', grade: 5, municipality: '2' })).toEqual({
      year: 2026,
      subject: 'rus',
      grade: 4,
      municipality: 2,
      ...DISPLAY,
    });
    expect(resolveParams(db, V2, { year: 2030, subject: 'rus' }).year).toBe(2026);
  });

  it('prefers the definition default over the first option when it is offered', () => {
    const def: IndicatorDef = { ...V2, params: V2.params.map((p) => (p.name === 'year' ? { ...p, default: 2025 } : p)) };
    expect(resolveParams(db, def, {}).year).toBe(2025);
    expect(resolveParams(db, def, { year: 2026 }).year).toBe(2026);
    const absent: IndicatorDef = { ...V2, params: V2.params.map((p) => (p.name === 'year' ? { ...p, default: 1999 } : p)) };
    expect(resolveParams(db, absent, {}).year).toBe(2026);
  });

  it('V9: «Все ОО» by default; an ОО of another municipality falls back to it', () => {
    expect(resolveParams(db, V9, MAIN).school).toBe(0);
    expect(resolveParams(db, V9, { ...MAIN, school: SCHOOL.sosh1 }).school).toBe(SCHOOL.sosh1);
    expect(resolveParams(db, V9, { ...MAIN, school: SCHOOL.other4 }).school).toBe(0);
  });

  it('coerces free parameters by type and gives null when the data offer nothing', () => {
    const def: IndicatorDef = { ...V2, params: [...V2.params, { name: 'min_n', label: 'Минимум', type: 'integer', default: 10 }] };
    expect(resolveParams(db, def, { min_n: '12' }).min_n).toBe(12);
    expect(resolveParams(db, def, {}).min_n).toBe(10);
    expect(resolveParams(db, def, { min_n: '1.5' }).min_n).toBeNull();
    expect(resolveParams(freshDatabase(), V2, { year: 2026 })).toEqual({
      year: null,
      subject: null,
      grade: null,
      municipality: null,
      ...DISPLAY,
    });
  });
});

describe('runIndicator', () => {
  it('reports the values it used and ignores unknown names', () => {
    const result = runIndicator(db, V2, { ...MAIN, school: 1, unrelated: 'x' });
    expect(result.id).toBe('V2');
    expect(result.params).toEqual({ ...MAIN, ...DISPLAY });
    expect(result.rows).toHaveLength(4);
  });
});

describe('sqlParamNames', () => {
  it('finds :names outside literals and comments, once each', () => {
    const sql = "SELECT ':x' AS a, \"b:y\", :year -- :z\n/* :w */ FROM t WHERE a = :year AND b = :grade_2 AND c = '12:30'";
    expect(sqlParamNames(sql)).toEqual(['year', 'grade_2']);
  });
});

describe('validateIndicatorDef', () => {
  it('reports parameters, columns and chart fields that do not match the SQL', () => {
    const broken: IndicatorDef = {
      ...V2,
      params: [...V2.params, { name: 'unused', label: 'x', type: 'text' }],
      sql: V2.sql.replace('COALESCE(n, 0) < 10 END AS small', 'COALESCE(n, 0) < :limit END AS small'),
      columns: [...V2.columns.filter((c) => c.name !== 'pct_5'), { name: 'ghost', label: 'нет', format: 'int' }],
      chart: { mark: 'bar', encoding: { x: { field: 'pct_22', type: 'quantitative' } } },
    };
    const problems = validateIndicatorDef(broken, db).join('\n');
    expect(problems).toMatch(/:limit/);
    expect(problems).toMatch(/unused/);
    expect(problems).toMatch(/pct_22/);
    expect(problems).toMatch(/ghost/);
    expect(problems).toMatch(/pct_5/);
  });

  it('reports options that use a later parameter, a chart with data, and SQL that fails', () => {
    const [year, subject, ...rest] = V2.params;
    // as a shared file may bring it: the chart with rows of its own
    const withData = { ...chartOf(V2), data: { values: [] } };
    const problems = validateIndicatorDef({ ...V2, params: [subject, year, ...rest], chart: withData, sql: `${V2.sql} LIMIT :nope` }, db).join('\n');
    expect(problems).toMatch(/subject.*:year/);
    expect(problems).toMatch(/data/);
    expect(problems).toMatch(/не выполняется/);
  });
});
