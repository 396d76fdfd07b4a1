import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../src/core/db.ts';
import { CATALOGUE, findIndicator, runIndicator, validateIndicatorDef } from '../../src/core/indicators/index.ts';
import type { IndicatorResult } from '../../src/core/indicators/index.ts';
import { MAIN, OTHER_MUN, SCHOOL, indicatorFixture } from './indicator-fixture.ts';

const db = indicatorFixture();
const V1_TO_V9 = ['V1', 'V2', 'V3', 'V4', 'V5', 'V6', 'V7', 'V8', 'V9'].map((id) => findIndicator(id)!);

function run(id: string, params: Record<string, SqlValue> = MAIN): IndicatorResult {
  const def = findIndicator(id);
  if (!def) throw new Error(`no indicator ${id}`);
  return runIndicator(db, def, params);
}

/** The chosen columns of every row, in result order. */
function pick(result: IndicatorResult, names: string[]): SqlValue[][] {
  const at = names.map((name) => {
    const i = result.columns.indexOf(name);
    if (i < 0) throw new Error(`no column ${name} in ${result.id}`);
    return i;
  });
  return result.rows.map((row) => at.map((i) => row[i]));
}

// Row order everywhere: schools by name (Г < М < С), the municipality total last.
const GYMN = 'Гимназия №2';
const SMALL = 'МКОУ ООШ с. Малое'; // no short name: the full name is shown
const SOSH = 'СОШ №1';
const TOTAL = 'Тестовый муниципальный район';

describe('catalogue', () => {
  it('holds the catalogue IDs in family order, each definition sound on real data', () => {
    expect(CATALOGUE.map((d) => d.id)).toEqual([
      'V1',
      'V2',
      'V3',
      'V4',
      'V5',
      'V6',
      'V7',
      'V7S',
      'V8',
      'V9',
      'V10',
      'V11',
      'V12',
      'V13',
      'V14',
      'V15',
      'V16',
      'O1',
      'O2',
      'O3',
      'G1',
      'G2',
      'G3',
      'G4',
      'E1',
      'E2',
      'E3',
      'E4',
      'E5',
      'E6',
      'E7',
      'M1',
      'M2',
      'M3',
      'K1',
      'K2',
      'K3',
      'K4',
      'T1',
      'D1',
      'P1',
      'P2',
      'P3',
      'N1',
      'N2',
      'N3',
      'B1',
      'B2',
      'B3',
      'L1',
      'L2',
      'S1',
      'S2',
      'R1',
    ]);
    for (const def of CATALOGUE) expect(validateIndicatorDef(def, db), def.id).toEqual([]);
    expect(findIndicator('V7')?.title).toMatch(/журнал/);
    expect(findIndicator('V99')).toBeUndefined();
  });

  it('words signals as signals and never rates teachers', () => {
    for (const def of V1_TO_V9) expect(def.interpretation, def.id).toMatch(/не используются для оценки деятельности педагогических/);
    for (const id of ['V7', 'V8']) {
      const text = findIndicator(id)!.interpretation!;
      expect(text).toMatch(/возможный признак, требует анализа/);
      expect(text).not.toMatch(/необъективность (доказана|установлена|выявлена)/);
    }
  });

  it('rows: one per ОО by name, then the municipality total; level and small mark them', () => {
    for (const def of V1_TO_V9.filter((d) => d.id !== 'V9')) {
      const result = runIndicator(db, def, MAIN);
      expect(pick(result, ['level', 'name']), def.id).toEqual([
        ['ОО', GYMN],
        ['ОО', SMALL],
        ['ОО', SOSH],
        ['Муниципалитет', TOTAL],
      ]);
      // МКОУ ООШ с. Малое has 4 participants (3 with a journal mark): fewer than 10
      expect(pick(result, ['small']).flat(), def.id).toEqual([0, 1, 0, 0]);
    }
  });
});

describe('V1–V6 on ВПР 2026 русский язык 4 класс', () => {
  it('V1 participants and absentees', () => {
    // Гимназия: 10 wrote, 0 absent (its row without a mark counts nowhere) → 0 %
    // Малое: 4 wrote, 1 absent → 1/5 = 20 %;  СОШ №1: 12 wrote, 1 absent → 1/13 = 7.69 %
    // total: 26 wrote, 2 absent → 2/28 = 7.142… → 7.14 %
    expect(pick(run('V1'), ['name', 'n', 'n_absent', 'absent_pct'])).toEqual([
      [GYMN, 10, 0, 0],
      [SMALL, 4, 1, 20],
      [SOSH, 12, 1, 7.69],
      [TOTAL, 26, 2, 7.14],
    ]);
  });

  it('V2 distribution of marks', () => {
    // Гимназия: «3» 2, «4» 4, «5» 4 of 10 → 0 / 20 / 40 / 40
    // Малое: «2» 2, «3» 2 of 4 → 50 / 50 / 0 / 0
    // СОШ №1: «2» 1, «3» 4, «4» 5, «5» 2 of 12 → 8.33 / 33.33 / 41.67 / 16.67
    // total 26: «2» 3 → 11.54, «3» 8 → 30.77, «4» 9 → 34.62 (34.615…), «5» 6 → 23.08
    expect(pick(run('V2'), ['name', 'n', 'n_2', 'n_3', 'n_4', 'n_5', 'pct_2', 'pct_3', 'pct_4', 'pct_5'])).toEqual([
      [GYMN, 10, 0, 2, 4, 4, 0, 20, 40, 40],
      [SMALL, 4, 2, 2, 0, 0, 50, 50, 0, 0],
      [SOSH, 12, 1, 4, 5, 2, 8.33, 33.33, 41.67, 16.67],
      [TOTAL, 26, 3, 8, 9, 6, 11.54, 30.77, 34.62, 23.08],
    ]);
  });

  it('V3 успеваемость', () => {
    // Гимназия 10/10 = 100; Малое 2/4 = 50; СОШ №1 11/12 = 91.67; total 23/26 = 88.46
    expect(pick(run('V3'), ['name', 'n', 'n_pass', 'pass_pct'])).toEqual([
      [GYMN, 10, 10, 100],
      [SMALL, 4, 2, 50],
      [SOSH, 12, 11, 91.67],
      [TOTAL, 26, 23, 88.46],
    ]);
  });

  it('V4 качество знаний', () => {
    // Гимназия 8/10 = 80; Малое 0/4 = 0; СОШ №1 7/12 = 58.33; total 15/26 = 57.69
    expect(pick(run('V4'), ['name', 'n', 'n_quality', 'quality_pct'])).toEqual([
      [GYMN, 10, 8, 80],
      [SMALL, 4, 0, 0],
      [SOSH, 12, 7, 58.33],
      [TOTAL, 26, 15, 57.69],
    ]);
  });

  it('V5 СОУ with weights 100/64/36/16', () => {
    // Гимназия (2·36 + 4·64 + 4·100)/10 = 728/10 = 72.8
    // Малое (2·16 + 2·36)/4 = 104/4 = 26
    // СОШ №1 (16 + 4·36 + 5·64 + 2·100)/12 = 680/12 = 56.67
    // total (728 + 104 + 680)/26 = 1512/26 = 58.15
    expect(pick(run('V5'), ['name', 'n', 'sou'])).toEqual([
      [GYMN, 10, 72.8],
      [SMALL, 4, 26],
      [SOSH, 12, 56.67],
      [TOTAL, 26, 58.15],
    ]);
  });

  it('V6 mean mark, mean primary score and % of the maximum', () => {
    // primary by mark: 2 → 1, 3 → 2, 4 → 4, 5 → 6; max 6
    // Гимназия marks 42/10 = 4.2; scores 2·2 + 4·4 + 4·6 = 44 → 4.4 → 73.33 %
    // Малое marks 10/4 = 2.5; scores 2·1 + 2·2 = 6 → 1.5 → 25 %
    // СОШ №1 marks 44/12 = 3.67; scores 1 + 4·2 + 5·4 + 2·6 = 41 → 3.42 → 3.4167/6 = 56.94 %
    // total marks 96/26 = 3.69; scores 91/26 = 3.5 → 58.33 %
    expect(pick(run('V6'), ['name', 'n', 'mean_mark', 'mean_score', 'max_primary', 'score_pct'])).toEqual([
      [GYMN, 10, 4.2, 4.4, 6, 73.33],
      [SMALL, 4, 2.5, 1.5, 6, 25],
      [SOSH, 12, 3.67, 3.42, 6, 56.94],
      [TOTAL, 26, 3.69, 3.5, 6, 58.33],
    ]);
  });
});

describe('V7–V8: ВПР against the journal', () => {
  it('V7 понизили / подтвердили / повысили over participants with a journal mark', () => {
    // Гимназия (10 with journal): 4<5 lowered, 5>4 raised, 8 equal → 10 / 80 / 10
    // Малое (3 of 4; one «нет отметки»): 2<3, 2<4 lowered, 3=3 → 66.67 / 33.33 / 0
    // СОШ №1 (10 of 12): lowered 2<4, 3<4, 3<5, 4<5; confirmed 3, 4, 4, 5; raised 4>3, 5>3 → 40 / 40 / 20
    // total 23: lowered 7 → 30.43, confirmed 13 → 56.52, raised 3 → 13.04
    expect(pick(run('V7'), ['name', 'n', 'lowered_n', 'lowered_pct', 'confirmed_n', 'confirmed_pct', 'raised_n', 'raised_pct'])).toEqual([
      [GYMN, 10, 1, 10, 8, 80, 1, 10],
      [SMALL, 3, 2, 66.67, 1, 33.33, 0, 0],
      [SOSH, 10, 4, 40, 4, 40, 2, 20],
      [TOTAL, 23, 7, 30.43, 13, 56.52, 3, 13.04],
    ]);
  });

  it('V8 gaps of two marks or more, split by direction', () => {
    // Гимназия: no gap ≥ 2;  Малое: 2 vs 4 → 1/3 = 33.33
    // СОШ №1: 2 vs 4, 3 vs 5 (ВПР lower), 5 vs 3 (ВПР higher) → 3/10 = 30
    // total 4/23 = 17.39; lower 3, higher 1
    expect(pick(run('V8'), ['name', 'n', 'diverge_n', 'diverge_pct', 'lower2_n', 'higher2_n'])).toEqual([
      [GYMN, 10, 0, 0, 0, 0],
      [SMALL, 3, 1, 33.33, 1, 0],
      [SOSH, 10, 3, 30, 2, 1],
      [TOTAL, 23, 4, 17.39, 3, 1],
    ]);
  });
});

describe('V9 task completion', () => {
  const columns = ['task', 'difficulty', 'max_score', 'n', 'pct', 'mun_pct', 'small'];

  it('per task for the municipality, in position order, X counted as 0 but kept in N', () => {
    // 26 participants: «2» ×3, «3» ×8, «4» ×9, «5» ×6
    // task 1 (2б): 3·0 + 8·1 + 9·2 + 6·2 = 38 / (2·26) = 73.08
    // task 2 (1б): 3·X + 8 + 9 + 6 = 23 / 26 = 88.46 (100 if X left the denominator)
    // task 10 (3б): 3·1 + 8·X + 9·1 + 6·3 = 30 / (3·26) = 38.46
    expect(pick(run('V9', { ...MAIN, school: 0 }), columns)).toEqual([
      ['1', 'Б', 2, 26, 73.08, 73.08, 0],
      ['2', 'Б', 1, 26, 88.46, 88.46, 0],
      ['10', 'П', 3, 26, 38.46, 38.46, 0],
    ]);
  });

  it('for one ОО, next to the municipality value', () => {
    // СОШ №1, 12 participants: «2» 1, «3» 4, «4» 5, «5» 2
    // task 1: 0 + 4 + 10 + 4 = 18/24 = 75; task 2: X + 4 + 5 + 2 = 11/12 = 91.67; task 10: 1 + X + 5 + 6 = 12/36 = 33.33
    expect(pick(run('V9', { ...MAIN, school: SCHOOL.sosh1 }), columns)).toEqual([
      ['1', 'Б', 2, 12, 75, 73.08, 0],
      ['2', 'Б', 1, 12, 91.67, 88.46, 0],
      ['10', 'П', 3, 12, 33.33, 38.46, 0],
    ]);
    // Малое, 4 participants («2» ×2, «3» ×2): 2/8 = 25, 2/4 = 50, 2/12 = 16.67; a small group
    expect(pick(run('V9', { ...MAIN, school: SCHOOL.small3 }), ['task', 'n', 'pct', 'small'])).toEqual([
      ['1', 4, 25, 1],
      ['2', 4, 50, 1],
      ['10', 4, 16.67, 1],
    ]);
  });
});

describe('the total row', () => {
  it('is weighted by participants, not the mean of school percentages', () => {
    const rows = pick(run('V3'), ['level', 'n', 'n_pass', 'pass_pct']);
    const schools = rows.filter((r) => r[0] === 'ОО');
    const total = rows.find((r) => r[0] === 'Муниципалитет')!;
    const meanOfSchools = schools.reduce((sum, r) => sum + Number(r[3]), 0) / schools.length;
    // (100 + 50 + 91.67) / 3 = 80.56, while 23 of 26 participants passed: 88.46
    expect(meanOfSchools).toBeCloseTo(80.56, 2);
    expect(total[3]).toBe(88.46);
    const pooled = (100 * schools.reduce((s, r) => s + Number(r[2]), 0)) / schools.reduce((s, r) => s + Number(r[1]), 0);
    expect(total[3]).toBeCloseTo(pooled, 2);
  });

  it('covers only the chosen municipality', () => {
    // Другой муниципальный район: СОШ №4 alone, «5» ×2 and «2» ×1 → 2/3 = 66.67, a small group
    expect(pick(run('V3', { ...MAIN, municipality: OTHER_MUN }), ['level', 'name', 'n', 'pass_pct', 'small'])).toEqual([
      ['ОО', 'СОШ №4', 3, 66.67, 1],
      ['Муниципалитет', 'Другой муниципальный район', 3, 66.67, 1],
    ]);
  });
});

describe('filters', () => {
  it('another work gives its own rows', () => {
    // ВПР 2026 математика 5 класс: СОШ №1 only, marks 3 and 4 → 50 % quality
    expect(pick(run('V4', { year: 2026, subject: 'math', grade: 5, municipality: 1 }), ['name', 'n', 'quality_pct'])).toEqual([
      [SOSH, 2, 50],
      [TOTAL, 2, 50],
    ]);
  });

  it('an empty database gives no rows, not an error', async () => {
    const { freshDatabase } = await import('./sqlite.ts');
    const empty = freshDatabase();
    for (const def of CATALOGUE) expect(runIndicator(empty, def, {}).rows, def.id).toEqual([]);
  });
});
