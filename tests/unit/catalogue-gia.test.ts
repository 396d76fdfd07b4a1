import { describe, expect, it } from 'vitest';
import { MUN, SCHOOL, catalogueFixture } from './catalogue-fixture.ts';
import { GYMN, SMALL, SOSH, TOTAL, pick, runOn } from './catalogue-helpers.ts';

const db = catalogueFixture();
const Y = { year: 2025, municipality: MUN } as const;

/*
 * ОГЭ / ГВЭ-9 2025 (marks; retakes in September, stage «дополнительный»):
 *   СОШ №1  P1 рус 4, мат 3, общ 4, инф 5                  — 4 subjects, all passed
 *           P2 рус 3, мат 2 → пересдача 3, общ 3, био 3     — «2» at the first sitting only
 *           P3 рус 2 → пересдача 2, мат 3, общ 3, гео 3     — «2» after retakes too
 *           P4 рус 5, мат 5                                 — only 2 subjects
 *   Гимназия P5 рус 5, мат 4, физ 5, инф 4; P6 рус 4, мат 4, хим 4, био 5; P7 ГВЭ-9 рус 3, мат 3
 *   Малое   one ОГЭ рус result «3» without a person key
 * ОГЭ primary by mark: 2 → 10, 3 → 20, 4 → 25, 5 → 30 (русский max 33).
 */
describe('G1 выпускники 9 классов без «2» (программа Советско-Гаванского района, №2)', () => {
  it('by persons: without retakes, after retakes and with the full set of 4 exams', () => {
    // СОШ №1: 4 persons; first sittings without «2»: P1, P4 → 2/4 = 50; after retakes P1, P2, P4 → 75;
    //         full set (≥ 4 subjects, no «2» after retakes): P1, P2 → 50
    // Гимназия: P5, P6, P7 → 100 / 100; full set P5, P6 → 2/3 = 66.67
    // Малое: no person key → 0 persons, 1 result without a key
    // total 7: first 5 → 71.43; final 6 → 85.71; full set 4 → 57.14
    expect(
      pick(runOn(db, 'G1', Y), ['name', 'n', 'pass_first_n', 'pass_first_pct', 'pass_final_n', 'pass_final_pct', 'full_set_n', 'full_set_pct', 'no_key_n']),
    ).toEqual([
      [GYMN, 3, 3, 100, 3, 100, 2, 66.67, 0],
      [SMALL, 0, 0, null, 0, null, 0, null, 1],
      [SOSH, 4, 2, 50, 3, 75, 2, 50, 0],
      [TOTAL, 7, 5, 71.43, 6, 85.71, 4, 57.14, 1],
    ]);
  });

  it('the number of exams in the full set is a parameter', () => {
    // min_exams 2: P4 (2 subjects) and P7 (2) count too → СОШ №1 3/4, Гимназия 3/3, total 6/7
    expect(pick(runOn(db, 'G1', { ...Y, min_exams: 2 }), ['name', 'full_set_n'])).toEqual([
      [GYMN, 3],
      [SMALL, 0],
      [SOSH, 3],
      [TOTAL, 6],
    ]);
  });
});

describe('G2 ОГЭ by subject', () => {
  it('first sittings only; ГВЭ-9 apart', () => {
    // русский ОГЭ first sittings: СОШ №1 4, 3, 2, 5 (P3's retake «2» is not counted); Гимназия 5, 4 (P7 wrote ГВЭ); Малое 3
    // СОШ №1: each mark 25 %; pass 75; quality 50; mean 3.5; primary (25 + 20 + 10 + 30)/4 = 21.25 → 21.25/33 = 64.39 %
    // Гимназия: 100 / 100, mean 4.5, primary 27.5 → 83.33 %; Малое: mark 3, primary 20 → 60.61 %
    // total 7: «2» 1, «3» 2, «4» 2, «5» 2 → 14.29 / 28.57 / 28.57 / 28.57; pass 6/7 = 85.71; quality 4/7 = 57.14;
    //          mean 26/7 = 3.71; primary 160/7 = 22.86 → 69.26 %
    expect(
      pick(runOn(db, 'G2', { ...Y, kind: 'oge', subject: 'rus' }), [
        'name',
        'n',
        'pct_2',
        'pct_3',
        'pct_4',
        'pct_5',
        'pass_pct',
        'quality_pct',
        'mean_mark',
        'mean_primary',
        'score_pct',
      ]),
    ).toEqual([
      [GYMN, 2, 0, 0, 50, 50, 100, 100, 4.5, 27.5, 83.33],
      [SMALL, 1, 0, 100, 0, 0, 100, 0, 3, 20, 60.61],
      [SOSH, 4, 25, 25, 25, 25, 75, 50, 3.5, 21.25, 64.39],
      [TOTAL, 7, 14.29, 28.57, 28.57, 28.57, 85.71, 57.14, 3.71, 22.86, 69.26],
    ]);
    // ГВЭ-9 русский: P7 alone, «3»
    expect(pick(runOn(db, 'G2', { ...Y, kind: 'gve9', subject: 'rus' }), ['name', 'n', 'pass_pct'])).toEqual([
      [GYMN, 1, 100],
      [TOTAL, 1, 100],
    ]);
  });

  it('a retake is the later sitting whatever the date format («2025.09.05» after «2025-06-03»)', () => {
    // математика: P2's first sitting is the June «2», not the September «3» → СОШ №1 «2» 1 of 4
    expect(pick(runOn(db, 'G2', { ...Y, kind: 'oge', subject: 'math' }), ['name', 'n', 'pct_2'])[1]).toEqual([SOSH, 4, 25]);
  });
});

describe('G3 ОГЭ vs the annual mark', () => {
  it('понизили / подтвердили / повысили over participants with an annual mark', () => {
    // annual русский: P1 5 (ОГЭ 4: lowered), P2 3 (3: confirmed), P3 3 (first sitting 2: lowered), P4 5 (5: confirmed),
    //                 P5 4 (5: raised), P6 4 (4: confirmed); Малое has no person key → not matched
    // СОШ №1 2 / 2 / 0 of 4 → 50 / 50 / 0; Гимназия 0 / 1 / 1 of 2 → 0 / 50 / 50; total 2 / 3 / 1 of 6 → 33.33 / 50 / 16.67
    expect(pick(runOn(db, 'G3', { ...Y, subject: 'rus' }), ['name', 'n', 'lowered_n', 'lowered_pct', 'confirmed_pct', 'raised_pct'])).toEqual([
      [GYMN, 2, 0, 0, 50, 50],
      [SOSH, 4, 2, 50, 50, 0],
      [TOTAL, 6, 2, 33.33, 50, 16.67],
    ]);
    expect(runOn(db, 'G3', { ...Y, subject: 'rus' }).params.period).toBe('year');
  });
});

describe('G4 средний балл ОГЭ по годам', () => {
  it('one row per year for the municipality or one ОО', () => {
    // 2024: СОШ №1 one result «4», primary 25 of 33 → 75.76 %; 2025: the 7 first sittings of G2
    expect(
      pick(runOn(db, 'G4', { kind: 'oge', subject: 'rus', municipality: MUN, school: 0 }), ['year', 'n', 'mean_mark', 'score_pct', 'pass_pct', 'quality_pct']),
    ).toEqual([
      [2024, 1, 4, 75.76, 100, 100],
      [2025, 7, 3.71, 69.26, 85.71, 57.14],
    ]);
    // Гимназия only: 2025 marks 5 and 4
    expect(pick(runOn(db, 'G4', { kind: 'oge', subject: 'rus', municipality: MUN, school: SCHOOL.gymn2 }), ['year', 'n', 'mean_mark'])).toEqual([
      [2025, 2, 4.5],
    ]);
  });
});

/*
 * ЕГЭ / ГВЭ-11 2025 (thresholds 2025: русский 24 / вуз 36, математика профиль 27, обществознание 42, физика 36,
 * информатика 40, история 32; Минобрнауки — only for 2026):
 *   СОШ №1  Q1 рус 85, мат-проф 72, физ 80          (медаль I)
 *           Q2 рус 65, мат-база «5»                  (медаль II)
 *           Q3 рус 20 → пересдача 30, база «3», общ 40
 *           Q4 рус 100, мат-проф 20                  (медаль I)
 *   Гимназия Q5 рус 72, база «5», общ 75 (I); Q6 рус 90, мат-проф 100, инф 81 (I); Q7 ГВЭ рус «5», мат «5» (I);
 *            Q8 рус 68, база «5», ист 65 (I)
 *   Малое   ЕГЭ рус 30 without a person key. Q9 is a medal candidate without results.
 *   2024: СОШ №1 ЕГЭ рус 60 and 80 without person keys.
 */
describe('E1 не преодолевшие минимальный порог', () => {
  it('per exam by the first sitting, then by persons', () => {
    // рус 8 (85, 65, 20, 100, 72, 90, 68, 30): below 24 — Q3's 20 → 1/8 = 12.5 (the retake 30 is not a first sitting)
    // мат-проф 72, 20, 100: below 27 — 1/3 = 33.33; база «5», «3», «5», «5»: none below «3»
    // общ 40, 75: below 42 — 1/2 = 50; физ, инф, ист, ГВЭ: none
    // persons Q1…Q8 (Малое has no key): Q3 (рус, общ) and Q4 (мат-проф) → 2/8 = 25
    expect(pick(runOn(db, 'E1', { ...Y, school: 0 }), ['exam', 'threshold', 'n', 'below_n', 'below_pct'])).toEqual([
      ['Информатика', '40', 1, 0, 0],
      ['История', '32', 1, 0, 0],
      ['Математика (базовый уровень)', 'отметка «3»', 4, 0, 0],
      ['Математика (профильный уровень)', '27', 3, 1, 33.33],
      ['Обществознание', '42', 2, 1, 50],
      ['Русский язык', '24', 8, 1, 12.5],
      ['Физика', '36', 1, 0, 0],
      ['Математика — ГВЭ', 'отметка «3»', 1, 0, 0],
      ['Русский язык — ГВЭ', 'отметка «3»', 1, 0, 0],
      ['Все участники (человек)', null, 8, 2, 25],
    ]);
  });

  it('for one ОО', () => {
    // Гимназия: nobody below; persons Q5…Q8
    const rows = pick(runOn(db, 'E1', { ...Y, school: SCHOOL.gymn2 }), ['exam', 'n', 'below_n']);
    expect(rows.at(-1)).toEqual(['Все участники (человек)', 4, 0]);
    expect(rows.find((r) => r[0] === 'Русский язык')).toEqual(['Русский язык', 3, 0]);
  });
});

describe('E2 русский язык ниже вузовского минимума', () => {
  it('below 24 (аттестат), below 36 (вуз, Рособрнадзор); Минобрнауки only where set', () => {
    // СОШ №1 85, 65, 20, 100: mean 67.5; below 24: 1 (25 %); below 36: 1 (25 %)
    // Гимназия 72, 90, 68: mean 76.67; none. Малое 30: below 36 → 1/1
    // total 8: mean 530/8 = 66.25; below 24 → 12.5; below 36 (20 and 30) → 25; Минобрнауки 2025 not set → empty
    expect(pick(runOn(db, 'E2', Y), ['name', 'n', 'mean_score', 'below_cert_n', 'below_cert_pct', 'below_vuz_n', 'below_vuz_pct', 'below_minobr_pct'])).toEqual(
      [
        [GYMN, 3, 76.67, 0, 0, 0, 0, null],
        [SMALL, 1, 30, 0, 0, 1, 100, null],
        [SOSH, 4, 67.5, 1, 25, 1, 25, null],
        [TOTAL, 8, 66.25, 1, 12.5, 2, 25, null],
      ],
    );
  });
});

describe('E3 средний тестовый балл и группы баллов', () => {
  it('groups: below the minimum, minimum–60, 61–80, 81–100', () => {
    // рус: mean 66.25; below 24: 20 → 12.5; 24–60: 30 → 12.5; 61–80: 65, 72, 68 → 37.5; 81–100: 85, 100, 90 → 37.5
    // мат-проф 72, 20, 100: mean 64; 33.33 / 0 / 33.33 / 33.33; общ 40, 75: 57.5; 50 / 0 / 50 / 0
    // физ 80 → 61–80; инф 81 → 81–100; ист 65 → 61–80 (база and ГВЭ have no test score)
    expect(pick(runOn(db, 'E3', { ...Y, school: 0 }), ['exam', 'n', 'mean_score', 'below_pct', 'mid_pct', 'upper_pct', 'top_pct'])).toEqual([
      ['Информатика', 1, 81, 0, 0, 0, 100],
      ['История', 1, 65, 0, 0, 100, 0],
      ['Математика (профильный уровень)', 3, 64, 33.33, 0, 33.33, 33.33],
      ['Обществознание', 2, 57.5, 50, 0, 50, 0],
      ['Русский язык', 8, 66.25, 12.5, 12.5, 37.5, 37.5],
      ['Физика', 1, 80, 0, 0, 100, 0],
    ]);
  });

  it('the group boundaries are parameters', () => {
    // top 79: физ 80 moves to the upper group
    const rows = pick(runOn(db, 'E3', { ...Y, school: 0, top: 79 }), ['exam', 'upper_pct', 'top_pct']);
    expect(rows.find((r) => r[0] === 'Физика')).toEqual(['Физика', 0, 100]);
  });
});

describe('E4 высокобалльники и стобалльники', () => {
  it('per exam and as distinct persons', () => {
    // ≥ 80: рус 85, 100, 90 → 3/8 = 37.5, стобалльник Q4; мат-проф 100 → 1/3, стобалльник Q6; физ 80 → 1/1; инф 81 → 1/1
    // persons with a test score: Q1…Q6, Q8 = 7; with ≥ 1 high: Q1 (рус, физ), Q4 (рус), Q6 (рус, мат, инф) → 3/7 = 42.86;
    // with ≥ 2: Q1, Q6 → 28.57; with 100: Q4, Q6 → 2
    expect(pick(runOn(db, 'E4', { ...Y, school: 0 }), ['exam', 'n', 'high_n', 'high_pct', 'high2_n', 'high2_pct', 'hundred_n'])).toEqual([
      ['Информатика', 1, 1, 100, null, null, 0],
      ['История', 1, 0, 0, null, null, 0],
      ['Математика (профильный уровень)', 3, 1, 33.33, null, null, 1],
      ['Обществознание', 2, 0, 0, null, null, 0],
      ['Русский язык', 8, 3, 37.5, null, null, 1],
      ['Физика', 1, 1, 100, null, null, 0],
      ['Все участники (человек)', 7, 3, 42.86, 2, 28.57, 2],
    ]);
  });

  it('the high-score threshold is a parameter (81 as in the ФИПИ groups)', () => {
    // 81: физ 80 no longer counts; Q1 keeps рус 85 → still a high scorer, but with one subject only
    const rows = pick(runOn(db, 'E4', { ...Y, school: 0, high: 81 }), ['exam', 'high_n', 'high2_n']);
    expect(rows.find((r) => r[0] === 'Физика')).toEqual(['Физика', 0, null]);
    expect(rows.at(-1)).toEqual(['Все участники (человек)', 3, 1]);
  });
});

describe('E5 медалисты, подтвердившие результат (приказ № 730)', () => {
  it('русский ≥ 70 (60) and another ЕГЭ ≥ 70 (60), or only русский + база «5»; all ≥ minimum; ГВЭ «5»', () => {
    // Q1 I: рус 85, мат-проф 72 → confirmed. Q2 II: рус 65 ≥ 60, only рус + база «5» → confirmed.
    // Q4 I: рус 100, but мат-проф 20 < 70 and < 27 (minimum) → not confirmed (no second subject, below minimum).
    // Q5 I: рус 72, общ 75 → confirmed. Q6 I: рус 90, мат-проф 100 → confirmed. Q7 I: ГВЭ only, both «5» → confirmed.
    // Q8 I: рус 68 < 70, ист 65 < 70, and not «only рус + база» → not confirmed. Q9 has no results: no ОО, not counted.
    // СОШ №1: Q1, Q2, Q4 → 2/3 = 66.67; Гимназия: Q5…Q8 → 3/4 = 75; total 5/7 = 71.43
    expect(
      pick(runOn(db, 'E5', Y), [
        'name',
        'n',
        'n1',
        'confirmed1_n',
        'n2',
        'confirmed2_n',
        'confirmed_n',
        'confirmed_pct',
        'fail_rus_n',
        'fail_second_n',
        'fail_min_n',
        'fail_gve_n',
      ]),
    ).toEqual([
      [GYMN, 4, 4, 3, 0, 0, 3, 75, 1, 1, 0, 0],
      [SOSH, 3, 2, 1, 1, 1, 2, 66.67, 0, 1, 1, 0],
      [TOTAL, 7, 6, 4, 1, 1, 5, 71.43, 1, 2, 1, 0],
    ]);
  });

  it('the thresholds of the degrees are parameters', () => {
    // gold 65: Q8 (рус 68, ист 65) is confirmed too → Гимназия 4/4
    expect(pick(runOn(db, 'E5', { ...Y, gold: 65 }), ['name', 'confirmed_n', 'confirmed_pct'])[0]).toEqual([GYMN, 4, 100]);
  });
});

describe('E6 не получившие аттестат (программа Советско-Гаванского района, №3)', () => {
  it('русский and математика at the minimum, after retakes and by the main period', () => {
    // persons with русский or математика: Q1…Q8. Q3: рус 20 first, 30 after the retake, база «3» → fails only by the main
    // period. Q4: рус 100, мат-проф 20 < 27 and no база → no certificate after retakes too. Q7: ГВЭ «5», «5» → passes.
    // СОШ №1: main period 2/4 = 50, after retakes 1/4 = 25 (no математика: 1); Гимназия 0; total 2/8 = 25 and 1/8 = 12.5
    expect(pick(runOn(db, 'E6', Y), ['name', 'n', 'fail_first_n', 'fail_first_pct', 'fail_n', 'fail_pct', 'no_rus_n', 'no_math_n'])).toEqual([
      [GYMN, 4, 0, 0, 0, 0, 0, 0],
      [SOSH, 4, 2, 50, 1, 25, 0, 1],
      [TOTAL, 8, 2, 25, 1, 12.5, 0, 1],
    ]);
  });
});

describe('E7 средний балл ЕГЭ по годам', () => {
  it('one row per year of the chosen exam', () => {
    // русский: 2024 — 60, 80 → mean 70, ≥ 80: 1/2 = 50; 2025 — mean 66.25, below 24: 12.5, ≥ 80: 37.5
    expect(
      pick(runOn(db, 'E7', { exam: 'ege:rus:', municipality: MUN, school: 0 }), ['year', 'n', 'mean_score', 'mean_mark', 'below_pct', 'high_pct']),
    ).toEqual([
      [2024, 2, 70, null, 0, 50],
      [2025, 8, 66.25, null, 12.5, 37.5],
    ]);
  });

  it('base mathematics has a mean mark instead of a score', () => {
    // база 2025: «5», «3», «5», «5» → 4.5; none below «3»
    expect(pick(runOn(db, 'E7', { exam: 'ege:math:base', municipality: MUN, school: 0 }), ['year', 'n', 'mean_score', 'mean_mark', 'below_pct'])).toEqual([
      [2025, 4, null, 4.5, 0],
    ]);
  });
});
