import { describe, expect, it } from 'vitest';
import { MAIN, MUN, catalogueFixture } from './catalogue-fixture.ts';
import { GYMN, OTHER, SMALL, SOSH, TOTAL, pick, runOn } from './catalogue-helpers.ts';

const db = catalogueFixture();

/*
 * Official objectivity flags (objectivity_flag): 2024 СОШ №1 РУ4 = 1, Гимназия МА4 = 0; 2025 Гимназия МА4 = 1;
 * 2026 Малое РУ4 = 1, СОШ №1 РУ4 = 0, СОШ №4 (municipality 2) МА4 = 1.
 * ВПР русский 4 written: 2024 by СОШ №1 and Гимназия; 2025 by nobody; 2026 by СОШ №1, Гимназия, Малое and СОШ №4.
 */
describe('O1 доля ОО с официальными признаками', () => {
  it('per year: ОО with a flag / ОО that wrote РУ-4', () => {
    // 2024: 1 flagged of 2 → 50; 2025: 1 flagged, nobody wrote РУ-4 → no share; 2026: Малое of 3 → 33.33
    expect(pick(runOn(db, 'O1', { municipality: MUN }), ['year', 'n_oo', 'analysed_oo', 'flagged_oo', 'flagged_pct', 'ru4_n', 'ma4_n', 'markers_n'])).toEqual([
      [2024, 2, 2, 1, 50, 1, 0, 1],
      [2025, 0, 1, 1, null, 0, 1, 1],
      [2026, 3, 2, 1, 33.33, 1, 0, 1],
    ]);
  });

  it('all municipalities', () => {
    // 2026: Малое and СОШ №4 flagged of 4 ОО → 50
    expect(pick(runOn(db, 'O1', { municipality: 0 }), ['year', 'n_oo', 'flagged_oo', 'flagged_pct']).at(-1)).toEqual([2026, 4, 2, 50]);
  });
});

describe('O2 сводный сигнал риска', () => {
  const columns = ['name', 'n', 's_peak', 's_journal', 's_inversion', 's_cohort', 's_oge', 'signals', 'checked', 'official'];

  it('counts the signals of one work per ОО, beside the official flag (ВПР 2025 математика 4)', () => {
    // min_n 10 (Малое, 5 participants, gets no signal at all)
    // СОШ №1 (24): peak at 4 (V13) → 1; journal: «повысили» 2/24 = 8.33 %, the top of the ОО with N ≥ 10 → 1;
    //   inversion: Б 50 %, П 100 % → 1; cohort: ВПР 2026 математика 5 has 2 participants (< 10) → not checked;
    //   ВПР-ОГЭ: not 8 класс → not checked. 3 of 3.
    // Гимназия (21): no peak → 0; journal: «подтвердили» 100 % ≥ 95 → 1; inversion: Б 100, П 0 → 0;
    //   cohort: quality 13/21 = 61.90 is the top of the base (СОШ №1 9/24 = 37.5), next year 3/10 = 30 → −31.9 ≤ −20 → 1.
    //   2 of 4; official flag МА4 2025 = 1.
    expect(pick(runOn(db, 'O2', { year: 2025, subject: 'math', grade: 4, municipality: MUN, min_n: 10 }), columns)).toEqual([
      [GYMN, 21, 0, 1, 0, 1, null, 2, 4, 1],
      [SMALL, 5, null, null, null, null, null, 0, 0, null],
      [SOSH, 24, 1, 1, 1, null, null, 3, 3, null],
    ]);
  });

  it('with the default minimum of 20 the next-year group of 10 is too small for the cohort signal', () => {
    const rows = pick(runOn(db, 'O2', { year: 2025, subject: 'math', grade: 4, municipality: MUN }), ['name', 's_cohort', 'signals', 'checked']);
    expect(rows[0]).toEqual([GYMN, null, 1, 3]);
  });

  it('8 класс: ВПР-8 against ОГЭ a year later', () => {
    // ВПР 2024 русский 8, min_n 4: no scale → no peak; no task data → no inversion; no ВПР 9 → no cohort
    // journal = mark everywhere → «подтвердили» 100 % → 1 for both
    // СОШ №1: quality 8/10 = 80 vs ОГЭ 2025 (first sittings 4, 3, 2, 5) 50 → +30 ≥ 20 → 1; Гимназия: ОГЭ group of 2 < 4
    expect(pick(runOn(db, 'O2', { year: 2024, subject: 'rus', grade: 8, municipality: MUN, min_n: 4 }), columns)).toEqual([
      [GYMN, 10, null, 1, null, null, null, 1, 1, null],
      [SOSH, 10, null, 1, null, null, 1, 2, 2, null],
    ]);
  });
});

describe('O3 ВПР-8 ↔ ОГЭ', () => {
  it('quality and pass of ВПР 8 класса (year − 1) against ОГЭ first sittings', () => {
    // ВПР 2024 русский 8: СОШ №1 «3» 2, «4» 6, «5» 2 → 80 / 100; Гимназия «3» 5, «4» 4, «5» 1 → 50 / 100
    // ОГЭ 2025 русский: СОШ №1 4, 3, 2, 5 → 50 / 75; Гимназия 5, 4 → 100 / 100; Малое 3 → 0 / 100
    // gaps: СОШ №1 +30 (signal), +25; Гимназия −50, 0; total ВПР 13/20 = 65, 100 vs ОГЭ 4/7 = 57.14, 85.71 → 7.86, 14.29
    expect(
      pick(runOn(db, 'O3', { year: 2025, subject: 'rus', municipality: MUN }), [
        'name',
        'n_vpr',
        'vpr_quality',
        'vpr_pass',
        'n_oge',
        'oge_quality',
        'oge_pass',
        'quality_gap',
        'pass_gap',
        'signal',
        'small',
      ]),
    ).toEqual([
      [GYMN, 10, 50, 100, 2, 100, 100, -50, 0, 0, 1],
      [SMALL, 0, null, null, 1, 0, 100, null, null, null, 1],
      [SOSH, 10, 80, 100, 4, 50, 75, 30, 25, 1, 1],
      [TOTAL, 20, 65, 100, 7, 57.14, 85.71, 7.86, 14.29, 0, 1],
    ]);
  });
});

/*
 * ВПР русский и математика, 4–8 классы, per ОО and year (participants, passed, «2»):
 *   2025: СОШ №1 34 (математика 4: 24, 20, 4; русский 5: 10, 8, 2) → 28/34 = 82.35; Гимназия 31 (21, 18, 3; 10, 10, 0)
 *         → 28/31 = 90.32; Малое 5 (2 passed, 3 «2») → 40
 *   2026: СОШ №1 24 (русский 4: 12, 11, 1; математика 5: 2, 2, 0; русский 6: 10, 7, 3) → 20/24 = 83.33, «2» 4/24 = 16.67;
 *         Гимназия 30 (10, 10, 0 each) → 100; Малое 4 (2, 2) → 50, «2» 50; СОШ №4 3 (2, 1) → 66.67
 *   municipality 1, 2026: «2» (4 + 0 + 2) / (24 + 30 + 4) = 6/58 = 10.34
 */
describe('M1 ОО с низкими результатами', () => {
  const columns = ['name', 'n', 'pass_pct', 'pass_rank', 'low_years', 'pct_2', 'mun_pct_2', 'gap', 'crit_a', 'crit_b', 'selected', 'official'];

  it('defaults: bottom 10 % two years running, or «2» 10 п.п. above the municipality', () => {
    // ranks (share of ОО of the base with the same or lower успеваемость), 2026: Малое 1/4, СОШ №4 2/4, СОШ №1 3/4, Гимназия 4/4
    // nobody is in the bottom 10 %; Малое: 50 − 10.34 = +39.66 ≥ 10 → criterion Б → selected; official list «500+»
    expect(pick(runOn(db, 'M1', { year: 2026, municipality: MUN }), columns)).toEqual([
      [GYMN, 30, 100, 100, 0, 0, 10.34, -10.34, 0, 0, 0, null],
      [SMALL, 4, 50, 25, 0, 50, 10.34, 39.66, 0, 1, 1, '500+'],
      [SOSH, 24, 83.33, 75, 0, 16.67, 10.34, 6.32, 0, 0, 0, null],
    ]);
  });

  it('cut-offs are parameters: bottom 35 %, criteria A and B together', () => {
    // 2025 ranks: Малое 1/3 = 0.33 ≤ 0.35, 2026: 0.25 ≤ 0.35 → 2 years → A; with B → selected
    expect(pick(runOn(db, 'M1', { year: 2026, municipality: MUN, pct: 35, rule: 'and' }), ['name', 'low_years', 'crit_a', 'crit_b', 'selected'])).toEqual([
      [GYMN, 0, 0, 0, 0],
      [SMALL, 2, 1, 1, 1],
      [SOSH, 0, 0, 0, 0],
    ]);
  });

  it('within clusters the rank is among the ОО of the same cluster', () => {
    // село: 2026 Малое 50 vs СОШ №4 66.67 → 1/2; 2025 Малое alone → 1/1 → never in the bottom 35 %
    expect(
      pick(runOn(db, 'M1', { year: 2026, municipality: MUN, pct: 35, rule: 'and', scheme: 'settlement' }), [
        'name',
        'cluster',
        'pass_rank',
        'low_years',
        'selected',
      ]),
    ).toEqual([
      [GYMN, 'город', 100, 0, 0],
      [SMALL, 'село', 50, 0, 0],
      [SOSH, 'город', 50, 0, 0],
    ]);
  });
});

describe('M2 кластерное сравнение', () => {
  it('value of the ОО, of its cluster (whole base) and rank within the cluster', () => {
    // ВПР 2026 русский 4, качество: город = СОШ №1 7/12 + Гимназия 8/10 → 15/22 = 68.18; село = Малое 0/4 + СОШ №4 2/3 → 2/7 = 28.57
    // ranks: город Гимназия 1, СОШ №1 2; село СОШ №4 1, Малое 2 (СОШ №4 is in the other municipality: not listed)
    expect(
      pick(runOn(db, 'M2', { scheme: 'settlement', ...MAIN }), ['level', 'name', 'cluster', 'n', 'value', 'cluster_value', 'diff', 'rank', 'cluster_size']),
    ).toEqual([
      ['Кластер', 'кластер «город»', 'город', 22, 68.18, 68.18, 0, null, 2],
      ['ОО', GYMN, 'город', 10, 80, 68.18, 11.82, 1, 2],
      ['ОО', SOSH, 'город', 12, 58.33, 68.18, -9.85, 2, 2],
      ['Кластер', 'кластер «село»', 'село', 7, 28.57, 28.57, 0, null, 2],
      ['ОО', SMALL, 'село', 4, 0, 28.57, -28.57, 2, 2],
    ]);
  });

  it('all municipalities, another metric (доля «2»: lower is better) and another scheme', () => {
    // доля «2»: Гимназия 0, СОШ №1 8.33 (город); СОШ №4 33.33, Малое 50 (село) → ranks by the lowest share
    const rows = pick(runOn(db, 'M2', { scheme: 'settlement', ...MAIN, municipality: 0, metric: 'pct2' }), ['name', 'value', 'rank']);
    expect(rows.filter((r) => r[2] !== null)).toEqual([
      [GYMN, 0, 1],
      [SOSH, 8.33, 2],
      [OTHER, 33.33, 1],
      [SMALL, 50, 2],
    ]);
    // size (assigned 2026): крупные = СОШ №1, Гимназия; малые = Малое; СОШ №4 has no cluster
    const size = pick(runOn(db, 'M2', { scheme: 'size', ...MAIN, municipality: 0 }), ['level', 'name', 'cluster', 'rank']);
    expect(size.at(-1)).toEqual(['ОО', OTHER, 'вне кластеров', 1]);
  });
});

describe('M3 комплексный индекс', () => {
  it('weighted z-scores with the weights in the result', () => {
    // 2025 components — ВПР успеваемость: 82.35, 90.32, 40 (mean 70.89, sd 22.08) → z 0.52, 0.88, −1.40
    //   ВПР качество: СОШ №1 (9 + 3)/34 = 35.29, Гимназия (13 + 7)/31 = 64.52, Малое 1/5 = 20 (mean 39.94, sd 18.47) → −0.25, 1.33, −1.08
    //   ГИА-9 без «2» без пересдач: 50, 100 (Малое none) → −1, 1
    //   ГИА-11 ниже порога: 50 (Q3, Q4 of 4), 0 → z 1, −1, reversed → −1, 1
    // index: СОШ №1 (0.519 − 0.251 − 1 − 1)/4 = −0.43; Гимназия (0.880 + 1.331 + 1 + 1)/4 = 1.05; Малое (−1.399 − 1.080)/2 = −1.24
    expect(
      pick(runOn(db, 'M3', { year: 2025, municipality: MUN }), [
        'name',
        'pass_pct',
        'z_pass',
        'quality_pct',
        'z_quality',
        'oge_pct',
        'z_oge',
        'ege_below_pct',
        'z_ege',
        'w_pass',
        'idx',
        'rank',
        'official_flags',
      ]),
    ).toEqual([
      [GYMN, 90.32, 0.88, 64.52, 1.33, 100, 1, 0, 1, 1, 1.05, 1, 1],
      [SOSH, 82.35, 0.52, 35.29, -0.25, 50, -1, 50, -1, 1, -0.43, 2, 0],
      [SMALL, 40, -1.4, 20, -1.08, null, null, null, null, 1, -1.24, 3, 0],
    ]);
  });

  it('other weights change the index transparently', () => {
    // weights 2, 0, 1, 1: СОШ №1 (2·0.519 + 0 − 1 − 1)/4 = −0.24; Гимназия (2·0.880 + 1 + 1)/4 = 0.94; Малое 2·(−1.399)/2 = −1.40
    expect(pick(runOn(db, 'M3', { year: 2025, municipality: MUN, w_pass: 2, w_quality: 0 }), ['name', 'w_pass', 'w_quality', 'idx'])).toEqual([
      [GYMN, 2, 0, 0.94],
      [SOSH, 2, 0, -0.24],
      [SMALL, 2, 0, -1.4],
    ]);
  });
});

/*
 * Staff 2025: СОШ №1 t1 (высшее, высшая, курсы, 1970 → 55), t2 (высшее, первая, курсы, 1985 → 40),
 * t3 (нет высшего, соответствие, без курсов, 30 лет), t4 (высшее, без категории, курсы, 1995 → 30);
 * Гимназия t5 (высшее, высшая, курсы, 1960 → 65), t6 (высшее, первая, без курсов, 45 лет).
 */
describe('K1–K4 педагогические кадры', () => {
  it('K1 higher education', () => {
    // СОШ №1 3/4 = 75; Гимназия 2/2 = 100; total 5/6 = 83.33
    expect(pick(runOn(db, 'K1', { year: 2025, municipality: MUN }), ['name', 'n', 'higher_n', 'higher_pct'])).toEqual([
      [GYMN, 2, 2, 100],
      [SOSH, 4, 3, 75],
      [TOTAL, 6, 5, 83.33],
    ]);
  });

  it('K2 categories', () => {
    // СОШ №1: высшая 1, первая 1, соответствие 1, нет 1 → 50 (25 each); Гимназия 2/2 (50 / 50); total 4/6 = 66.67
    expect(pick(runOn(db, 'K2', { year: 2025, municipality: MUN }), ['name', 'top_n', 'top_pct', 'highest_pct', 'first_pct', 'fit_pct', 'none_pct'])).toEqual([
      [GYMN, 2, 100, 50, 50, 0, 0],
      [SOSH, 2, 50, 25, 25, 25, 25],
      [TOTAL, 4, 66.67, 33.33, 33.33, 16.67, 16.67],
    ]);
  });

  it('K3 valid refresher courses', () => {
    // СОШ №1 3/4 = 75; Гимназия 1/2 = 50; total 4/6 = 66.67
    expect(pick(runOn(db, 'K3', { year: 2025, municipality: MUN }), ['name', 'refresher_n', 'refresher_pct'])).toEqual([
      [GYMN, 1, 50],
      [SOSH, 3, 75],
      [TOTAL, 4, 66.67],
    ]);
  });

  it('K4 average age and the share of young teachers', () => {
    // СОШ №1 (55 + 40 + 30 + 30)/4 = 38.75 → 38.8, under 35: 2/4; Гимназия (65 + 45)/2 = 55; total 265/6 = 44.17 → 44.2, 2/6
    expect(pick(runOn(db, 'K4', { year: 2025, municipality: MUN }), ['name', 'mean_age', 'young_n', 'young_pct', 'small'])).toEqual([
      [GYMN, 55, 0, 0, 1],
      [SOSH, 38.8, 2, 50, 1],
      [TOTAL, 44.2, 2, 33.33, 1],
    ]);
  });
});

describe('T1 олимпиады', () => {
  it('participations, persons, winners and prizers of one stage', () => {
    // муниципальный этап 2025: СОШ №1 a математика призёр, a физика участник, b математика победитель, c русский участник
    //   → 4 participations, 3 persons, 1 + 1 diplomas → 50 %; persons with a diploma a, b → 2/3 = 66.67
    // Гимназия d, e участники → 0; total 6 participations, 5 persons, 2 → 33.33; 2/5 = 40 (the школьный этап row is not counted)
    expect(
      pick(runOn(db, 'T1', { year: 2025, municipality: MUN }), [
        'name',
        'n',
        'persons',
        'winners_n',
        'prizers_n',
        'awarded_pct',
        'awarded_persons',
        'awarded_persons_pct',
      ]),
    ).toEqual([
      [GYMN, 2, 2, 0, 0, 0, 0, 0],
      [SOSH, 4, 3, 1, 1, 50, 2, 66.67],
      [TOTAL, 6, 5, 1, 1, 33.33, 2, 40],
    ]);
    expect(runOn(db, 'T1', { year: 2025, municipality: MUN }).params.stage).toBe('муниципальный');
  });
});

describe('D1 дополнительное образование', () => {
  it('coverage per ОО and pooled for the municipality', () => {
    // СОШ №1 300/400 = 75; Гимназия 240/600 = 40; total 540/1000 = 54 (not the mean 57.5 of the two shares)
    expect(pick(runOn(db, 'D1', { year: 2025, municipality: MUN }), ['name', 'n', 'covered_n', 'covered_pct'])).toEqual([
      [GYMN, 600, 240, 40],
      [SOSH, 400, 300, 75],
      [TOTAL, 1000, 540, 54],
    ]);
  });
});

describe('R1 сверка с ФИС ОКО', () => {
  it('computed V2/V7 beside the imported aggregates, mismatches above 0.05 п.п. flagged', () => {
    // imported: СОШ №1 marks 12 / 8.33 / 33.33 / 41.67 / 16.67 and journal 10 / 40 / 40 / 20;
    // Гимназия marks 10 / 0 / 20 / 40.1 (computed 40: −0.1) / 40; municipality 26 / 11.54 / 30.77 / 34.62 / 23.08
    // computed 8.3333 − 8.33 = 0.0033 ≤ 0.05 → no flag; only Гимназия «4» is flagged
    const rows = pick(runOn(db, 'R1', MAIN), ['name', 'entity', 'metric', 'computed', 'fisoko', 'diff', 'mismatch']);
    expect(rows).toHaveLength(5 + 9 + 5);
    expect(rows.filter((r) => r[6] === 1)).toEqual([[GYMN, 'edu990002', '«4», %', 40, 40.1, -0.1, 1]]);
    expect(rows.filter((r) => r[0] === SOSH).map((r) => [r[2], r[3], r[4]])).toEqual([
      ['Участников', 12, 12],
      ['«2», %', 8.33, 8.33],
      ['«3», %', 33.33, 33.33],
      ['«4», %', 41.67, 41.67],
      ['«5», %', 16.67, 16.67],
      ['Участников в сравнении с журналом', 10, 10],
      ['Понизили, %', 40, 40],
      ['Подтвердили, %', 40, 40],
      ['Повысили, %', 20, 20],
    ]);
    expect(rows.at(-1)).toEqual([TOTAL, 'reg99_m001', '«5», %', 23.08, 23.08, 0, 0]);
  });

  it('the tolerance is a parameter', () => {
    const rows = pick(runOn(db, 'R1', { ...MAIN, tolerance: 0.001 }), ['name', 'metric', 'mismatch']);
    // 8.3333 vs 8.33 now differs by more than 0.001
    expect(rows.filter((r) => r[2] === 1).length).toBeGreaterThan(1);
  });
});
