import { describe, expect, it } from 'vitest';
import { MUN, catalogueFixture } from './catalogue-fixture.ts';
import { GYMN, SMALL, SOSH, TOTAL, pick, runOn } from './catalogue-helpers.ts';

/** Answers of 2025 in catalogue-fixture.ts («monitoring forms 2025»); every value below is counted from them. */
describe('monitoring indicators on the catalogue fixture', () => {
  const db = catalogueFixture();
  const params = { year: 2025, municipality: MUN, scheme: '', hide_small: 0 };

  it('P3 profession orientation by school year: Σ / Σ over the schools', () => {
    // events (150+270)/(200+300) = 84 %; ticket 130/500 = 26 %; trials 120/500 = 24 %; profile (30+80)/(50+80) = 84.62 %
    expect(pick(runOn(db, 'P3', { municipality: MUN }), ['year', 'schools', 'n', 'events_pct', 'ticket_pct', 'trials_pct', 'profile_pct'])).toEqual([
      ['2024/2025', 2, 500, 84, 26, 24, 84.62],
    ]);
  });

  it('N1 young teachers with a mentor, N2 diagnostics, routes and contests, N3 by year', () => {
    // СОШ №1: 4/5 = 80 %, young 5/30 = 16.67 %; Гимназия: 8/8 = 100 %, 8/40 = 20 %; total 12/13 = 92.31 %, 13/70 = 18.57 %
    expect(pick(runOn(db, 'N1', params), ['name', 'n', 'mentored_n', 'mentored_pct', 'teachers', 'young_pct', 'small'])).toEqual([
      [GYMN, 8, 8, 100, 40, 20, 1],
      [SOSH, 5, 4, 80, 30, 16.67, 1],
      [TOTAL, 13, 12, 92.31, 70, 18.57, 0],
    ]);
    // diagnosed 20/30 = 66.67, 40/40 = 100, 60/70 = 85.71; routes 10/20 = 50, 20/40 = 50, 30/60 = 50; contests 3/30 = 10, 6/40 = 15, 9/70 = 12.86
    expect(pick(runOn(db, 'N2', params), ['name', 'n', 'diagnosed_pct', 'routes_pct', 'contests_pct'])).toEqual([
      [GYMN, 40, 100, 50, 15],
      [SOSH, 30, 66.67, 50, 10],
      [TOTAL, 70, 85.71, 50, 12.86],
    ]);
    expect(pick(runOn(db, 'N3', { municipality: MUN }), ['year', 'mentored_pct', 'diagnosed_pct', 'contests_pct'])).toEqual([
      ['2024/2025', 92.31, 85.71, 12.86],
    ]);
  });

  it('B1 upbringing, B2 additional education (no previous year: no change), B3 by year', () => {
    // events 380/400 = 95, 600/600 = 100, 980/1000 = 98; associations 30, 33.33, 32; registered 6/400 = 1.5, 3/600 = 0.5, 9/1000 = 0.9
    expect(pick(runOn(db, 'B1', params), ['name', 'n', 'events_pct', 'associations_pct', 'registered_n', 'registered_pct'])).toEqual([
      [GYMN, 600, 100, 33.33, 3, 0.5],
      [SOSH, 400, 95, 30, 6, 1.5],
      [TOTAL, 1000, 98, 32, 9, 0.9],
    ]);
    // 300/400 = 75 %, 240/600 = 40 %, 540/1000 = 54 % — the same numbers as the additional education table (D1)
    expect(pick(runOn(db, 'B2', params), ['name', 'covered_n', 'covered_pct', 'prev_pct', 'change_pp'])).toEqual([
      [GYMN, 240, 40, null, null],
      [SOSH, 300, 75, null, null],
      [TOTAL, 540, 54, null, null],
    ]);
    expect(pick(runOn(db, 'B3', { municipality: MUN }), ['year', 'covered_pct', 'events_pct', 'associations_pct', 'registered_pct'])).toEqual([
      ['2024/2025', 54, 98, 32, 0.9],
    ]);
  });

  it('L1 criteria across the municipality, never by school', () => {
    const result = runOn(db, 'L1', { year: 2025, municipality: MUN });
    expect(result.columns).not.toContain('level');
    // results_use: 2 and 2; staff_development: 1 and 2 → mean 1.5, 3/(2×2) = 75 %; management_course: «нет» and «да» → 50 %
    expect(pick(result, ['item', 'schools', 'low_n', 'mid_n', 'top_n', 'mean', 'of_max_pct'])).toEqual([
      [1, 2, 0, 0, 2, 2, 100],
      [2, 2, 0, 0, 2, 2, 100],
      [3, 2, 0, 1, 1, 1.5, 75],
      [4, 2, 0, 1, 1, 1.5, 75],
      [5, 2, 0, 0, 2, 2, 100],
      [6, 2, 0, 1, 1, 1.5, 75],
      [7, 2, 0, null, 2, 1, 100],
      [8, 2, 1, null, 1, 0.5, 50],
    ]);
  });

  it('L2 combines the results and the self-assessment with the weights shown, by name, without places', () => {
    const result = runOn(db, 'L2', { year: 2025, municipality: MUN, w_pass: 1, w_quality: 1, w_oge: 1, w_ege: 1, w_self: 2, hide_small: 0 });
    expect(result.columns).not.toContain('rank');
    // self-assessment: СОШ №1 (2+2+1+1+2+1)/12 = 75 %, Гимназия 12/12 = 100 %; mean 87.5, sd 12.5 → z −1 and +1
    expect(pick(result, ['name', 'self_pct', 'z_self', 'w_self'])).toEqual([
      [GYMN, 100, 1, 2],
      [SOSH, 75, -1, 2],
    ]);
  });

  it('S1 areas weighted by groups, S2 by school', () => {
    // staff_qualification: (3×4 + 2×2)/6 = 2.67; environment_outdoor: (2×4 + 1×2)/6 = 1.67
    expect(pick(runOn(db, 'S1', { year: 2025, municipality: MUN }), ['item', 'schools', 'groups', 'mean', 'n1', 'n2', 'n3'])).toEqual([
      [1, 2, 6, 2.67, 0, 1, 1],
      [2, 2, 6, 2.67, 0, 1, 1],
      [3, 2, 6, 2, 0, 2, 0],
      [4, 2, 6, 1.67, 1, 1, 0],
      [5, 2, 6, 2.67, 0, 1, 1],
      [6, 2, 6, 2, 0, 2, 0],
      [7, 2, 6, 2.67, 0, 1, 1],
    ]);
    // СОШ №1: 18/7 = 2.57; Малое: 13/7 = 1.86; total (18/7×4 + 13/7×2)/6 = 98/42 = 2.33
    expect(pick(runOn(db, 'S2', params), ['name', 'n', 'groups', 'mean', 'staff', 'environment', 'family', 'health'])).toEqual([
      [SMALL, 35, 2, 1.86, 2, 1.5, 2, 2],
      [SOSH, 90, 4, 2.57, 3, 2, 2.5, 3],
      [TOTAL, 125, 6, 2.33, 2.67, 1.83, 2.33, 2.67],
    ]);
  });
});
