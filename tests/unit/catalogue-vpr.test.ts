import { describe, expect, it } from 'vitest';
import { MAIN, MUN, catalogueFixture } from './catalogue-fixture.ts';
import { GYMN, SMALL, SOSH, TOTAL, pick, runOn } from './catalogue-helpers.ts';

const db = catalogueFixture();
const run = (id: string, params: Record<string, string | number> = MAIN) => runOn(db, id, params);
const M4 = { year: 2025, subject: 'math', grade: 4, municipality: MUN } as const;

describe('levels and references in the per-ОО ВПР indicators', () => {
  it('V2 adds region and РФ rows from the ФИС ОКО «Статистика по отметкам»', () => {
    // fisoko_agg marks: region n 1000, 10/45/30/15; RF («Вся выборка») n 100000, 5/35/40/20
    expect(pick(run('V2'), ['level', 'name', 'n', 'n_2', 'pct_2', 'pct_3', 'pct_4', 'pct_5']).slice(3)).toEqual([
      ['Муниципалитет', TOTAL, 26, 3, 11.54, 30.77, 34.62, 23.08],
      ['Регион', 'Тестовая область', 1000, null, 10, 45, 30, 15],
      ['РФ', 'Российская Федерация (ФИС ОКО)', 100000, null, 5, 35, 40, 20],
    ]);
  });

  it('V3, V4, V5 derive the region value from the same percentages', () => {
    // region: успеваемость 45 + 30 + 15 = 90; качество 30 + 15 = 45; СОУ (100·15 + 64·30 + 36·45 + 16·10)/100 = 52
    // РФ: 35 + 40 + 20 = 95; 40 + 20 = 60; (2000 + 2560 + 1260 + 80)/100 = 59
    expect(pick(run('V3'), ['level', 'pass_pct']).slice(-2)).toEqual([
      ['Регион', 90],
      ['РФ', 95],
    ]);
    expect(pick(run('V4'), ['level', 'quality_pct']).slice(-2)).toEqual([
      ['Регион', 45],
      ['РФ', 60],
    ]);
    expect(pick(run('V5'), ['level', 'sou']).slice(-2)).toEqual([
      ['Регион', 52],
      ['РФ', 59],
    ]);
  });

  it('V7 adds the region row of «Сравнение отметок с отметками по журналу» (no РФ row in that report)', () => {
    expect(pick(run('V7'), ['level', 'n', 'lowered_n', 'lowered_pct', 'confirmed_pct', 'raised_pct']).slice(-1)).toEqual([['Регион', 900, 270, 30, 60, 10]]);
  });

  it('a cluster scheme adds cluster rows computed over the ОО of the cluster in the municipality', () => {
    // settlement (assigned 2025, used for 2026): город = СОШ №1 + Гимназия, село = Малое (СОШ №4 is in the other municipality)
    // город: 11 + 10 passed of 12 + 10 = 21/22 = 95.45; село: 2/4 = 50
    expect(pick(run('V3', { ...MAIN, scheme: 'settlement' }), ['level', 'name', 'n', 'pass_pct', 'small']).slice(3, 5)).toEqual([
      ['Кластер', 'кластер «город»', 22, 95.45, 0],
      ['Кластер', 'кластер «село»', 4, 50, 1],
    ]);
  });

  it('hide_small drops ОО rows under 10 participants but the total still counts them', () => {
    const rows = pick(run('V3', { ...MAIN, hide_small: 1 }), ['level', 'name', 'n', 'pass_pct']);
    expect(rows.map((r) => r[1])).toEqual([GYMN, SOSH, TOTAL, 'Тестовая область', 'Российская Федерация (ФИС ОКО)']);
    expect(rows[2]).toEqual(['Муниципалитет', TOTAL, 26, 88.46]);
  });
});

describe('V7S подтверждение отметок по всем работам года (программа Советско-Гаванского района, №1)', () => {
  it('per ОО and work, per ОО over all works, and for the municipality', () => {
    // 2026: РУ-4 (main work), МА-5 (СОШ №1: 2, Гимназия: 10, journal = mark), РУ-6 (10 + 10, journal = mark)
    // СОШ №1 all works: 12 + 2 + 10 = 24 wrote, 10 + 2 + 10 = 22 with journal, 4 + 2 + 10 = 16 confirmed → 72.73 / 66.67
    // Гимназия: 30 wrote and with journal, 8 + 10 + 10 = 28 → 93.33; Малое: 4 wrote, 3 with journal, 1 confirmed → 33.33 / 25
    // municipality: РУ-4 13/23 = 56.52 and 13/26 = 50; all: 45/55 = 81.82 and 45/58 = 77.59
    expect(
      pick(run('V7S', { year: 2026, municipality: MUN }), ['name', 'work', 'n_all', 'n', 'confirmed_n', 'confirmed_pct', 'confirmed_all_pct', 'small']),
    ).toEqual([
      [GYMN, 'РУ-4', 10, 10, 8, 80, 80, 0],
      [GYMN, 'МА-5', 10, 10, 10, 100, 100, 0],
      [GYMN, 'РУ-6', 10, 10, 10, 100, 100, 0],
      [GYMN, 'все работы', 30, 30, 28, 93.33, 93.33, 0],
      [SMALL, 'РУ-4', 4, 3, 1, 33.33, 25, 1],
      [SMALL, 'все работы', 4, 3, 1, 33.33, 25, 1],
      [SOSH, 'РУ-4', 12, 10, 4, 40, 33.33, 0],
      [SOSH, 'МА-5', 2, 2, 2, 100, 100, 1],
      [SOSH, 'РУ-6', 10, 10, 10, 100, 100, 0],
      [SOSH, 'все работы', 24, 22, 16, 72.73, 66.67, 0],
      [TOTAL, 'РУ-4', 26, 23, 13, 56.52, 50, 0],
      [TOTAL, 'МА-5', 12, 12, 12, 100, 100, 0],
      [TOTAL, 'РУ-6', 20, 20, 20, 100, 100, 0],
      [TOTAL, 'все работы', 58, 55, 45, 81.82, 77.59, 0],
    ]);
  });
});

describe('V10 mastery by difficulty (ФИОКО 60 ± 3 / 30 ± 1,5)', () => {
  const columns = ['name', 'n', 'basic_pct', 'basic_status', 'advanced_pct', 'advanced_status', 'inversion'];

  it('pools Б tasks and П/В tasks per ОО', () => {
    // points of Б tasks «1» (2б) + «2» (1б) by mark: «2» 0 + X, «3» 1 + 1, «4» 2 + 1, «5» 2 + 1; П task «10» (3б): 1, X, 1, 3
    // СОШ №1 («2» 1, «3» 4, «4» 5, «5» 2): Б 0 + 8 + 15 + 6 = 29 / (3·12) = 80.56; П 1 + 0 + 5 + 6 = 12 / 36 = 33.33
    // Гимназия («3» 2, «4» 4, «5» 4): Б 4 + 12 + 12 = 28/30 = 93.33; П 0 + 4 + 12 = 16/30 = 53.33
    // Малое («2» 2, «3» 2): Б 4/12 = 33.33 (< 57); П 2/12 = 16.67 (< 28,5)
    // total: Б 61/78 = 78.21; П 30/78 = 38.46
    expect(pick(run('V10'), columns)).toEqual([
      [GYMN, 10, 93.33, 'достаточно', 53.33, 'достаточно', 0],
      [SMALL, 4, 33.33, 'недостаточно', 16.67, 'недостаточно', 0],
      [SOSH, 12, 80.56, 'достаточно', 33.33, 'достаточно', 0],
      [TOTAL, 26, 78.21, 'достаточно', 38.46, 'достаточно', 0],
    ]);
  });

  it('the thresholds are parameters; the uncertainty zone is 95 %…100 % of the threshold', () => {
    // basic 80: zone 76…80 → 78.21 (total) in the zone, 80.56 sufficient; advanced 40: zone 38…40 → 38.46 zone, 33.33 insufficient
    const rows = pick(run('V10', { ...MAIN, basic: 80, advanced: 40 }), ['name', 'basic_status', 'advanced_status']);
    expect(rows.slice(2)).toEqual([
      [SOSH, 'достаточно', 'недостаточно'],
      [TOTAL, 'зона неопределённости', 'зона неопределённости'],
    ]);
  });

  it('flags an inversion when П/В tasks are done at least as well as Б tasks', () => {
    // ВПР 2025 математика 4, Б «1» and П «2» (1б each): СОШ №1 12/24 vs 24/24 → inversion; Гимназия 21/21 vs 0/21
    expect(pick(run('V10', M4), ['name', 'basic_pct', 'advanced_pct', 'inversion']).slice(0, 3)).toEqual([
      [GYMN, 100, 0, 0],
      [SMALL, 100, 100, 1],
      [SOSH, 50, 100, 1],
    ]);
  });
});

describe('V11 task completion by mark groups', () => {
  const columns = ['task', 'n_2', 'n_3', 'n_4', 'n_5', 'pct_2', 'pct_3', 'pct_4', 'pct_5'];

  it('shows each group when small groups are shown', () => {
    // groups: «2» 3, «3» 8, «4» 9, «5» 6 participants; the scores are fixed per mark (fixture pattern)
    // task 1 (2б): «2» 0, «3» 1/2 = 50, «4» and «5» 100; task 2 (1б): X → 0, then 100; task 10 (3б): 1/3, X → 0, 1/3, 3/3
    expect(pick(run('V11', { ...MAIN, school: 0, hide_small: 0 }), columns)).toEqual([
      ['1', 3, 8, 9, 6, 0, 50, 100, 100],
      ['2', 3, 8, 9, 6, 0, 100, 100, 100],
      ['10', 3, 8, 9, 6, 33.33, 0, 33.33, 100],
    ]);
  });

  it('hides groups under 10 by default (ФИОКО minimum group)', () => {
    // every group has fewer than 10 participants → all percentages hidden, counts stay
    expect(pick(run('V11', { ...MAIN, school: 0 }), ['task', 'n_3', 'pct_2', 'pct_3', 'pct_4', 'pct_5'])[0]).toEqual(['1', 8, null, null, null, null]);
  });
});

describe('V12 primary-score distribution', () => {
  it('every score from 0 to the maximum, with the mark by the scale and the region from ФИС ОКО', () => {
    // scale of the main work: 0–1 «2», 2–3 «3», 4–5 «4», 6 «5»; primary by mark 1, 2, 4, 6
    // municipality: score 1 ×3, 2 ×8, 4 ×9, 6 ×6 of 26 → 11.54, 30.77, 34.62, 23.08
    expect(pick(run('V12', { ...MAIN, school: 0 }), ['score', 'mark', 'n', 'pct', 'mun_pct', 'region_pct', 'rf_pct'])).toEqual([
      [0, 2, 0, 0, 0, 5, null],
      [1, 2, 3, 11.54, 11.54, 10, null],
      [2, 3, 8, 30.77, 30.77, 20, null],
      [3, 3, 0, 0, 0, 15, null],
      [4, 4, 9, 34.62, 34.62, 25, null],
      [5, 4, 0, 0, 0, 10, null],
      [6, 5, 6, 23.08, 23.08, 15, null],
    ]);
  });

  it('for one ОО beside the municipality', () => {
    // Гимназия: «3» ×2 (score 2), «4» ×4 (4), «5» ×4 (6) of 10 → 20, 40, 40; a group of 10 is not small
    const rows = pick(run('V12', { ...MAIN, school: 2 }), ['score', 'n', 'pct', 'mun_pct', 'small']);
    expect(rows.filter((r) => Number(r[1]) > 0)).toEqual([
      [2, 2, 20, 30.77, 0],
      [4, 4, 40, 34.62, 0],
      [6, 4, 40, 23.08, 0],
    ]);
  });
});

describe('V13 peaks at the mark boundaries', () => {
  const columns = ['name', 'n', 'mark', 'boundary', 'n_b', 'n_b1', 'n_b2', 'ratio', 'region_ratio', 'signal'];

  it('computes n(b) / mean(n(b−1), n(b−2)) and signals only with N ≥ 20, n(b) ≥ mean + 1, ratio ≥ 1,5 and above the region', () => {
    // ВПР 2025 математика 4, scale 0–3/4–5/6–7/8–10 → b = 4, 6, 8. Region % by score 0…10: 2 3 5 7 11 12 14 14 13 11 8
    // region ratios: 11 / ((7 + 5)/2) = 1.83; 14 / ((12 + 11)/2) = 1.22; 13 / ((14 + 14)/2) = 0.93
    // СОШ №1 (24): b4 8 / ((2 + 2)/2) = 4 ≥ 1.5, 8 ≥ 3, 4 ≥ 1.83 + 0.5 → signal; b6 3/5.5 = 0.55; b8 2/2.5 = 0.8
    // Гимназия (21): b4 2 / 1.5 = 1.33; b6 3/2.5 = 1.2; b8 3/3 = 1 → none
    // Малое (5 < 20): no signal computed (null); b8 1 / 0 → ratio undefined
    // total (50): b4 11 / 5 = 2.2 ≥ 1.5 but < 1.83 + 0.5 = 2.33 → no signal: the region shows the same rise
    expect(pick(run('V13', M4), columns)).toEqual([
      [GYMN, 21, 3, 4, 2, 2, 1, 1.33, 1.83, 0],
      [GYMN, 21, 4, 6, 3, 3, 2, 1.2, 1.22, 0],
      [GYMN, 21, 5, 8, 3, 3, 3, 1, 0.93, 0],
      [SMALL, 5, 3, 4, 1, 1, 2, 0.67, 1.83, null],
      [SMALL, 5, 4, 6, 0, 0, 1, 0, 1.22, null],
      [SMALL, 5, 5, 8, 1, 0, 0, null, 0.93, null],
      [SOSH, 24, 3, 4, 8, 2, 2, 4, 1.83, 1],
      [SOSH, 24, 4, 6, 3, 3, 8, 0.55, 1.22, 0],
      [SOSH, 24, 5, 8, 2, 2, 3, 0.8, 0.93, 0],
      [TOTAL, 50, 3, 4, 11, 5, 5, 2.2, 1.83, 0],
      [TOTAL, 50, 4, 6, 6, 6, 11, 0.71, 1.22, 0],
      [TOTAL, 50, 5, 8, 6, 5, 6, 1.09, 0.93, 0],
    ]);
  });

  it('the regional criterion and the thresholds are parameters', () => {
    // excess 0: the total's 2.2 ≥ 1.83 → signal; min_n 5: Малое is checked too (b4 1 < 1.5 + 1 → 0; b8 1 ≥ 0 + 1, mean 0 → 1)
    const rows = pick(run('V13', { ...M4, excess: 0, min_n: 5 }), ['name', 'mark', 'signal']);
    expect(rows.filter((r) => r[0] === TOTAL && r[1] === 3)).toEqual([[TOTAL, 3, 1]]);
    expect(rows.filter((r) => r[0] === SMALL)).toEqual([
      [SMALL, 3, 0],
      [SMALL, 4, 0],
      [SMALL, 5, 1],
    ]);
  });
});

describe('V14 dynamics of the share of «2»', () => {
  it('compares with the latest earlier year of the same work and flags +10 п.п.', () => {
    // русский 4: 2026 (main) vs 2024 (the cohort start; 2025 has no such work)
    // СОШ №1 1/12 = 8.33 vs 0/10 → +8.33; Гимназия 0 vs 0; Малое has no 2024 → empty; total 3/26 = 11.54 vs 0/20 → +11.54 ≥ 10
    expect(pick(run('V14'), ['name', 'n', 'pct_2', 'n_prev', 'pct_2_prev', 'delta', 'rise_flag'])).toEqual([
      [GYMN, 10, 0, 10, 0, 0, 0],
      [SMALL, 4, 50, 0, null, null, null],
      [SOSH, 12, 8.33, 10, 0, 8.33, 0],
      [TOTAL, 26, 11.54, 20, 0, 11.54, 1],
    ]);
    expect(runOn(db, 'V14', MAIN).params.prev_year).toBe(2024);
  });

  it('the threshold is a parameter', () => {
    expect(pick(run('V14', { ...MAIN, rise: 5 }), ['name', 'rise_flag'])[2]).toEqual([SOSH, 1]);
  });
});

describe('V15 deviation from the municipality, cluster, region and РФ', () => {
  it('quality by default; z among the ОО of the municipality', () => {
    // values 58.33 (7/12), 80, 0; mean 46.11; population sd 33.78
    // z: (58.33 − 46.11)/33.78 = 0.36; (80 − 46.11)/33.78 = 1.00; (0 − 46.11)/33.78 = −1.36
    // region quality 30 + 15 = 45, РФ 40 + 20 = 60
    expect(pick(run('V15'), ['name', 'value', 'mun_value', 'diff_mun', 'z', 'region_value', 'diff_region', 'rf_value', 'diff_rf'])).toEqual([
      [GYMN, 80, 57.69, 22.31, 1, 45, 35, 60, 20],
      [SMALL, 0, 57.69, -57.69, -1.36, 45, -45, 60, -60],
      [SOSH, 58.33, 57.69, 0.64, 0.36, 45, 13.33, 60, -1.67],
      [TOTAL, 57.69, 57.69, 0, null, 45, 12.69, 60, -2.31],
    ]);
  });

  it('another metric and the cluster of the ОО', () => {
    // доля «2»: Гимназия 0, Малое 50, СОШ №1 8.33; region 10; cluster город (СОШ №1 + Гимназия) 1/22 = 4.55, село 2/4 = 50
    expect(
      pick(run('V15', { ...MAIN, metric: 'pct2', scheme: 'settlement' }), ['name', 'value', 'cluster', 'cluster_value', 'diff_cluster', 'region_value']),
    ).toEqual([
      [GYMN, 0, 'город', 4.55, -4.55, 10],
      [SMALL, 50, 'село', 50, 0, 10],
      [SOSH, 8.33, 'город', 4.55, 3.79, 10],
      [TOTAL, 11.54, null, null, null, 10],
    ]);
  });
});

describe('V16 cohort: the same parallel of an ОО across years', () => {
  const columns = [
    'name',
    'year',
    'grade',
    'n',
    'pct_2',
    'pct_3',
    'pct_4',
    'pct_5',
    'pass_pct',
    'quality_pct',
    'mean_mark',
    'score_pct',
    'delta_quality',
    'drop_signal',
  ];

  it('follows 4 кл. 2024 → 5 кл. 2025 → 6 кл. 2026 and signals a drop after a top-quartile year', () => {
    // СОШ №1: 2024 «3» 1, «4» 5, «5» 4 → quality 90, mean 4.3, % of max 20·4.3 = 86 (primary = 2 × mark, max 10)
    //         2025 «2» 2, «3» 5, «4» 2, «5» 1 → quality 30 (−60); 2024 rank among ОО of the base: 90 > 80 → top → signal
    //         2026 «2» 3, «3» 4, «4» 3 → quality 30 (0)
    // Гимназия: 2024 80 → 2025 70 (−10, not top in 2024) → 2026 80 (+10; top in 2025 but no drop)
    // municipality: 2024 (3, 10, 7 of 20) 85; 2025 (2, 8, 7, 3) 50; 2026 (3, 6, 9, 2) 55 — no signal on totals
    expect(pick(run('V16', { year: 2024, subject: 'rus', grade: 4, municipality: MUN }), columns)).toEqual([
      [GYMN, 2024, 4, 10, 0, 20, 50, 30, 100, 80, 4.1, 82, null, null],
      [GYMN, 2025, 5, 10, 0, 30, 50, 20, 100, 70, 3.9, 78, -10, 0],
      [GYMN, 2026, 6, 10, 0, 20, 60, 20, 100, 80, 4, 80, 10, 0],
      [SOSH, 2024, 4, 10, 0, 10, 50, 40, 100, 90, 4.3, 86, null, null],
      [SOSH, 2025, 5, 10, 20, 50, 20, 10, 80, 30, 3.2, 64, -60, 1],
      [SOSH, 2026, 6, 10, 30, 40, 30, 0, 70, 30, 3, 60, 0, 0],
      [TOTAL, 2024, 4, 20, 0, 15, 50, 35, 100, 85, 4.2, 84, null, null],
      [TOTAL, 2025, 5, 20, 10, 40, 35, 15, 90, 50, 3.55, 71, -35, null],
      [TOTAL, 2026, 6, 20, 15, 30, 45, 10, 85, 55, 3.5, 70, 5, null],
    ]);
  });

  it('offers only starting works with a continuation; steps and drop are parameters', () => {
    // 2026 has no continuation; 2025 offers математика 4 → 5 and русский 5 → 6 (математика first by name)
    expect(runOn(db, 'V16', {}).params).toMatchObject({ year: 2025, subject: 'math', grade: 4 });
    expect(runOn(db, 'V16', { year: 2025, subject: 'rus' }).params).toMatchObject({ year: 2025, subject: 'rus', grade: 5 });
    const oneStep = pick(run('V16', { year: 2024, subject: 'rus', grade: 4, municipality: MUN, steps: 1, drop: 70 }), ['name', 'year', 'drop_signal']);
    expect(oneStep.filter((r) => r[0] === SOSH)).toEqual([
      [SOSH, 2024, null],
      [SOSH, 2025, 0],
    ]);
  });
});
