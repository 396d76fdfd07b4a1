import type { Database, SqlValue } from '../../src/core/db.ts';
import { MAIN, MUN, OTHER_MUN, SCHOOL, indicatorFixture } from './indicator-fixture.ts';

/**
 * The indicator fixture (indicator-fixture.ts: ВПР 2026 русский 4 класс in three ОО of
 * municipality 1 and one ОО of municipality 2) plus everything the rest of the catalogue
 * reads. Every expected value in catalogue*.test.ts is computed by hand from the lists below.
 *
 * ВПР (marks; primary = 2 × mark, max 10 unless said otherwise):
 *   A_M4_2025  ВПР 2025 математика 4 (max 10; scale 0–3 → 2, 4–5 → 3, 6–7 → 4, 8–10 → 5), scores
 *              per ОО below; tasks «1» (Б, 1б) and «2» (П, 1б); journal marks per ОО below
 *   A_R4_2024 → A_R5_2025 → A_R6_2026  one cohort (as in the Советско-Гаванский programme: 4 кл. → 5 кл. → 6 кл.), СОШ №1 and Гимназия
 *   A_R8_2024  ВПР 2024 русский 8 (for ВПР-8 ↔ ОГЭ 2025)
 *   assessment 2 (ВПР 2026 математика 5) gets 10 more participants in Гимназия: «3» ×7, «4» ×3
 * ОГЭ/ГВЭ-9 2025 and ЕГЭ/ГВЭ-11 2025 with person keys (students P1…P7, Q1…Q9), retakes in September.
 * ЕГЭ 2024 русский: two results without a person key in СОШ №1 (60 and 80).
 * Reference data: the ВПР scales of the two works with task data, ЕГЭ thresholds (seeded: 2025 русский
 * 24/36, математика 27, обществознание 42, физика 36, информатика 40, история 32).
 * Also: clusters, official lists and objectivity flags, ФИС ОКО aggregates, staff, olympiads,
 * additional education, and the answers of one school year to every monitoring form.
 */
export { MAIN, MUN, OTHER_MUN, SCHOOL };

export const A = {
  M4_2025: 10,
  R4_2024: 11,
  R5_2025: 12,
  R6_2026: 13,
  R8_2024: 14,
} as const;

/** ВПР 2025 математика 4: primary scores per ОО (mark by the scale 0–3/4–5/6–7/8–10). */
export const M4_SCORES: Record<number, number[]> = {
  // 24: «2» 4 (2,2,3,3), «3» 11 (4 ×8, 5 ×3), «4» 5 (6 ×3, 7 ×2), «5» 4 (8,8,9,10) — a peak at 4
  [SCHOOL.sosh1]: [2, 2, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 5, 5, 5, 6, 6, 6, 7, 7, 8, 8, 9, 10],
  // 21: «2» 3, «3» 5, «4» 6, «5» 7 — smooth
  [SCHOOL.gymn2]: [2, 3, 3, 4, 4, 5, 5, 5, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 10, 10],
  // 5: «2» 3, «3» 1, «5» 1
  [SCHOOL.small3]: [2, 2, 3, 4, 8],
};

const m4Mark = (score: number) => (score <= 3 ? 2 : score <= 5 ? 3 : score <= 7 ? 4 : 5);

/** [mark, count] lists of the cohort and ВПР-8 works, per ОО. */
const MARKS: Record<number, Record<number, Array<[number, number]>>> = {
  [A.R4_2024]: {
    [SCHOOL.sosh1]: [
      [3, 1],
      [4, 5],
      [5, 4],
    ],
    [SCHOOL.gymn2]: [
      [3, 2],
      [4, 5],
      [5, 3],
    ],
  },
  [A.R5_2025]: {
    [SCHOOL.sosh1]: [
      [2, 2],
      [3, 5],
      [4, 2],
      [5, 1],
    ],
    [SCHOOL.gymn2]: [
      [3, 3],
      [4, 5],
      [5, 2],
    ],
  },
  [A.R6_2026]: {
    [SCHOOL.sosh1]: [
      [2, 3],
      [3, 4],
      [4, 3],
    ],
    [SCHOOL.gymn2]: [
      [3, 2],
      [4, 6],
      [5, 2],
    ],
  },
  [A.R8_2024]: {
    [SCHOOL.sosh1]: [
      [3, 2],
      [4, 6],
      [5, 2],
    ],
    [SCHOOL.gymn2]: [
      [3, 5],
      [4, 4],
      [5, 1],
    ],
  },
  2: {
    [SCHOOL.gymn2]: [
      [3, 7],
      [4, 3],
    ],
  },
};

/** Person ids: ОГЭ P1…P7 = 101…107, ЕГЭ Q1…Q9 = 201…209. */
export const P = (n: number) => 100 + n;
export const Q = (n: number) => 200 + n;

export function catalogueFixture(): Database {
  const db = indicatorFixture();
  const run = (sql: string, params: SqlValue[] = []) => db.run(sql, params);
  const { sosh1, gymn2, small3, other4 } = SCHOOL;

  // ── ВПР works ──
  const vpr = 'INSERT INTO assessment (assessment_id, kind, year, subject_code, grade, max_primary) VALUES (?, ?, ?, ?, ?, ?)';
  run(vpr, [A.M4_2025, 'vpr', 2025, 'math', 4, 10]);
  run(vpr, [A.R4_2024, 'vpr', 2024, 'rus', 4, 10]);
  run(vpr, [A.R5_2025, 'vpr', 2025, 'rus', 5, 10]);
  run(vpr, [A.R6_2026, 'vpr', 2026, 'rus', 6, 10]);
  run(vpr, [A.R8_2024, 'vpr', 2024, 'rus', 8, 10]);

  // scales: the fixture's own scale of the main work (0–1 → 2, 2–3 → 3, 4–5 → 4, 6 → 5) and of A_M4_2025
  run("DELETE FROM mark_scale WHERE kind = 'vpr' AND year = 2026 AND subject_code = 'rus' AND grade = 4");
  const scale = "INSERT INTO mark_scale (kind, year, subject_code, grade, level, mark, min_primary, max_primary) VALUES ('vpr', ?, ?, ?, '', ?, ?, ?)";
  for (const [mark, lo, hi] of [
    [2, 0, 1],
    [3, 2, 3],
    [4, 4, 5],
    [5, 6, 6],
  ])
    run(scale, [2026, 'rus', 4, mark, lo, hi]);
  for (const [mark, lo, hi] of [
    [2, 0, 3],
    [3, 4, 5],
    [4, 6, 7],
    [5, 8, 10],
  ])
    run(scale, [2025, 'math', 4, mark, lo, hi]);

  let code = 50000;
  const result = (
    assessmentId: number,
    schoolId: number,
    f: { mark?: number | null; journal?: number | null; primary?: number | null; test?: number | null; student?: number | null },
  ) => {
    run(
      `INSERT INTO result (assessment_id, school_id, student_id, participant_code, variant, absent, primary_score, mark, test_score, journal_mark)
       VALUES (?, ?, ?, ?, '1', 0, ?, ?, ?, ?)`,
      [assessmentId, schoolId, f.student ?? null, String(++code), f.primary ?? null, f.mark ?? null, f.test ?? null, f.journal ?? null],
    );
    return Number(db.exec('SELECT last_insert_rowid()')[0].values[0][0]);
  };

  // A_M4_2025 with tasks «1» (Б) and «2» (П)
  run("INSERT INTO assessment_task (assessment_id, task_code, position, max_score, difficulty) VALUES (?, '1', 1, 1, 'Б')", [A.M4_2025]);
  run("INSERT INTO assessment_task (assessment_id, task_code, position, max_score, difficulty) VALUES (?, '2', 2, 1, 'П')", [A.M4_2025]);
  const task = 'INSERT INTO task_score (result_id, task_code, score, raw) VALUES (?, ?, ?, ?)';
  for (const [schoolId, scores] of Object.entries(M4_SCORES)) {
    const id = Number(schoolId);
    let twos = 0;
    let fives = 0;
    scores.forEach((score, i) => {
      const mark = m4Mark(score);
      let journal = mark;
      // СОШ №1: the first two «2» had «3» in the journal (lowered), the first two «5» had «4» (raised)
      if (id === sosh1 && mark === 2 && twos++ < 2) journal = 3;
      if (id === sosh1 && mark === 5 && fives++ < 2) journal = 4;
      const resultId = result(A.M4_2025, id, { mark, journal, primary: score });
      // Б task: СОШ №1 every other participant (12 of 24), Гимназия and Малое all; П task: СОШ №1 and Малое all, Гимназия none
      const basic = id === sosh1 ? (i % 2 === 0 ? 1 : 0) : 1;
      const advanced = id === gymn2 ? 0 : 1;
      run(task, [resultId, '1', basic, String(basic)]);
      run(task, [resultId, '2', advanced, String(advanced)]);
    });
  }
  for (const [assessmentId, bySchool] of Object.entries(MARKS)) {
    for (const [schoolId, counts] of Object.entries(bySchool)) {
      for (const [mark, count] of counts) {
        for (let i = 0; i < count; i++) result(Number(assessmentId), Number(schoolId), { mark, journal: mark, primary: 2 * mark });
      }
    }
  }

  // ── ОГЭ / ГВЭ-9 2025 ── one assessment per subject and sitting; retakes in September
  const gia = `INSERT INTO assessment (assessment_id, kind, year, subject_code, grade, level, exam_date, stage, max_primary, sitting)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
  const exams: Array<[id: number, kind: string, year: number, subject: string, grade: number, level: string, date: string, stage: string, max: number | null]> =
    [
      [20, 'oge', 2025, 'rus', 9, '', '2025-06-03', 'основной', 33],
      [21, 'oge', 2025, 'rus', 9, '', '2025.09.05', 'дополнительный', 33],
      [22, 'oge', 2025, 'math', 9, '', '2025-06-10', 'основной', 31],
      [23, 'oge', 2025, 'math', 9, '', '2025-09-08', 'дополнительный', 31],
      [24, 'oge', 2025, 'soc', 9, '', '2025-05-28', 'основной', 37],
      [25, 'oge', 2025, 'inf', 9, '', '2025-05-28', 'основной', 19],
      [26, 'oge', 2025, 'bio', 9, '', '2025-06-05', 'основной', 48],
      [27, 'oge', 2025, 'geo', 9, '', '2025-06-05', 'основной', 31],
      [28, 'oge', 2025, 'phys', 9, '', '2025-05-28', 'основной', 45],
      [29, 'oge', 2025, 'chem', 9, '', '2025-05-28', 'основной', 40],
      [30, 'gve9', 2025, 'rus', 9, '', '2025-06-03', 'основной', null],
      [31, 'gve9', 2025, 'math', 9, '', '2025-06-10', 'основной', null],
      [40, 'ege', 2025, 'rus', 11, '', '2025-05-27', 'основной', 50],
      [41, 'ege', 2025, 'rus', 11, '', '2025-09-04', 'дополнительный', 50],
      [42, 'ege', 2025, 'math', 11, 'prof', '2025-05-30', 'основной', 32],
      [43, 'ege', 2025, 'math', 11, 'base', '2025-05-30', 'основной', 21],
      [44, 'ege', 2025, 'soc', 11, '', '2025-06-10', 'основной', 58],
      [45, 'ege', 2025, 'phys', 11, '', '2025-06-10', 'основной', 45],
      [46, 'ege', 2025, 'inf', 11, '', '2025-06-19', 'основной', 29],
      [47, 'ege', 2025, 'hist', 11, '', '2025-06-10', 'основной', 42],
      [48, 'gve11', 2025, 'rus', 11, '', '2025-05-27', 'основной', null],
      [49, 'gve11', 2025, 'math', 11, '', '2025-05-30', 'основной', null],
      [50, 'ege', 2024, 'rus', 11, '', '2024-05-28', 'основной', 50],
    ];
  for (const [id, kind, year, subject, grade, level, date, stage, max] of exams) run(gia, [id, kind, year, subject, grade, level, date, stage, max, date]);

  const student = 'INSERT INTO student (student_id, person_key) VALUES (?, ?)';
  for (let n = 1; n <= 7; n++) run(student, [P(n), `oge-p${n}`]);
  for (let n = 1; n <= 9; n++) run(student, [Q(n), `ege-q${n}`]);

  /** ОГЭ primary by mark: 2 → 10, 3 → 20, 4 → 25, 5 → 30 (only the русский язык primary scores are read). */
  const ogePrimary: Record<number, number> = { 2: 10, 3: 20, 4: 25, 5: 30 };
  const oge: Array<[person: number, school: number, assessment: number, mark: number]> = [
    // СОШ №1
    [1, sosh1, 20, 4],
    [1, sosh1, 22, 3],
    [1, sosh1, 24, 4],
    [1, sosh1, 25, 5], // P1: all passed, 4 subjects
    [2, sosh1, 20, 3],
    [2, sosh1, 22, 2],
    [2, sosh1, 23, 3],
    [2, sosh1, 24, 3],
    [2, sosh1, 26, 3], // P2: math «2», retake «3»
    [3, sosh1, 20, 2],
    [3, sosh1, 21, 2],
    [3, sosh1, 22, 3],
    [3, sosh1, 24, 3],
    [3, sosh1, 27, 3], // P3: русский «2» twice
    [4, sosh1, 20, 5],
    [4, sosh1, 22, 5], // P4: only 2 subjects
    // Гимназия №2
    [5, gymn2, 20, 5],
    [5, gymn2, 22, 4],
    [5, gymn2, 28, 5],
    [5, gymn2, 25, 4],
    [6, gymn2, 20, 4],
    [6, gymn2, 22, 4],
    [6, gymn2, 29, 4],
    [6, gymn2, 26, 5],
    [7, gymn2, 30, 3],
    [7, gymn2, 31, 3], // P7: ГВЭ-9
  ];
  for (const [person, school, assessment, mark] of oge) result(assessment, school, { student: P(person), mark, primary: ogePrimary[mark] });
  result(20, small3, { mark: 3, primary: 20 }); // Малое: an ОГЭ result without a person key

  // annual marks (term_mark, period 'year') in русский язык for ОГЭ vs годовая
  const term = "INSERT INTO term_mark (school_id, student_id, subject_code, year, period, mark) VALUES (?, ?, 'rus', 2025, 'year', ?)";
  for (const [person, school, mark] of [
    [1, sosh1, 5],
    [2, sosh1, 3],
    [3, sosh1, 3],
    [4, sosh1, 5],
    [5, gymn2, 4],
    [6, gymn2, 4],
  ]) {
    run(term, [school, P(person), mark]);
  }

  // ЕГЭ / ГВЭ-11 2025: [person, school, assessment, test score or null, mark or null]
  const ege: Array<[number, number, number, number | null, number | null]> = [
    [1, sosh1, 40, 85, null],
    [1, sosh1, 42, 72, null],
    [1, sosh1, 45, 80, null],
    [2, sosh1, 40, 65, null],
    [2, sosh1, 43, null, 5],
    [3, sosh1, 40, 20, null],
    [3, sosh1, 41, 30, null],
    [3, sosh1, 43, null, 3],
    [3, sosh1, 44, 40, null],
    [4, sosh1, 40, 100, null],
    [4, sosh1, 42, 20, null],
    [5, gymn2, 40, 72, null],
    [5, gymn2, 43, null, 5],
    [5, gymn2, 44, 75, null],
    [6, gymn2, 40, 90, null],
    [6, gymn2, 42, 100, null],
    [6, gymn2, 46, 81, null],
    [7, gymn2, 48, null, 5],
    [7, gymn2, 49, null, 5],
    [8, gymn2, 40, 68, null],
    [8, gymn2, 43, null, 5],
    [8, gymn2, 47, 65, null],
  ];
  for (const [person, school, assessment, test, mark] of ege) result(assessment, school, { student: Q(person), test, mark });
  result(40, small3, { test: 30 }); // Малое: a ЕГЭ русский result without a person key
  result(50, sosh1, { test: 60 });
  result(50, sosh1, { test: 80 });

  // medal candidates 2025: Q2 degree 2, the others degree 1; Q9 has no results at all
  const medal = 'INSERT INTO medal_candidate (student_id, year, degree) VALUES (?, 2025, ?)';
  for (const [person, degree] of [
    [1, 1],
    [2, 2],
    [4, 1],
    [5, 1],
    [6, 1],
    [7, 1],
    [8, 1],
    [9, 1],
  ])
    run(medal, [Q(person), degree]);

  // ── clusters, official lists, objectivity flags ──
  const cluster = 'INSERT INTO cluster_assignment (scheme, year, school_id, cluster) VALUES (?, ?, ?, ?)';
  for (const [school, name] of [
    [sosh1, 'город'],
    [gymn2, 'город'],
    [small3, 'село'],
    [other4, 'село'],
  ] as const)
    run(cluster, ['settlement', 2025, school, name]);
  for (const [school, name] of [
    [sosh1, 'крупные'],
    [gymn2, 'крупные'],
    [small3, 'малые'],
  ] as const)
    run(cluster, ['size', 2026, school, name]);
  run("INSERT INTO school_list_membership (list, year, school_id, note) VALUES ('500+', 2026, ?, 'региональный список')", [small3]);

  const flag = 'INSERT INTO objectivity_flag (year, school_id, work, flagged) VALUES (?, ?, ?, ?)';
  for (const [year, school, work, flagged] of [
    [2024, sosh1, 'РУ4', 1],
    [2024, gymn2, 'МА4', 0],
    [2025, gymn2, 'МА4', 1],
    [2026, small3, 'РУ4', 1],
    [2026, sosh1, 'РУ4', 0],
    [2026, other4, 'МА4', 1],
  ] as const)
    run(flag, [year, school, work, flagged]);

  // ── ФИС ОКО aggregates of the main work (assessment 1) and the regional histogram of A_M4_2025 ──
  const agg = 'INSERT INTO fisoko_agg (assessment_id, report, level, entity, metric, value) VALUES (?, ?, ?, ?, ?, ?)';
  const aggRows = (assessment: number, report: string, level: string, entity: string, metrics: Record<string, number>) => {
    for (const [metric, value] of Object.entries(metrics)) run(agg, [assessment, report, level, entity, metric, value]);
  };
  aggRows(1, 'marks', 'school', 'edu990001', { n: 12, pct_2: 8.33, pct_3: 33.33, pct_4: 41.67, pct_5: 16.67 });
  aggRows(1, 'marks', 'school', 'edu990002', { n: 10, pct_2: 0, pct_3: 20, pct_4: 40.1, pct_5: 40 }); // 40.1: a mismatch
  aggRows(1, 'marks', 'municipality', 'reg99_m001', { n: 26, pct_2: 11.54, pct_3: 30.77, pct_4: 34.62, pct_5: 23.08 });
  aggRows(1, 'marks', 'region', 'Тестовая область', { n: 1000, n_oo: 50, pct_2: 10, pct_3: 45, pct_4: 30, pct_5: 15 });
  aggRows(1, 'marks', 'RF', 'Вся выборка', { n: 100000, pct_2: 5, pct_3: 35, pct_4: 40, pct_5: 20 });
  aggRows(1, 'journal', 'school', 'edu990001', { n: 10, lowered_pct: 40, confirmed_pct: 40, raised_pct: 20 });
  aggRows(1, 'journal', 'region', 'Тестовая область', {
    n: 900,
    lowered_n: 270,
    lowered_pct: 30,
    confirmed_n: 540,
    confirmed_pct: 60,
    raised_n: 90,
    raised_pct: 10,
  });
  aggRows(1, 'hist', 'region', 'Тестовая область', { 'score:0': 5, 'score:1': 10, 'score:2': 20, 'score:3': 15, 'score:4': 25, 'score:5': 10, 'score:6': 15 });
  // region histogram of A_M4_2025 (% of participants by primary score 0…10, sum 100)
  [2, 3, 5, 7, 11, 12, 14, 14, 13, 11, 8].forEach((value, score) => run(agg, [A.M4_2025, 'hist', 'region', 'Тестовая область', `score:${score}`, value]));

  // ── staff 2025 (age = year − birth year when the age is not given) ──
  const staff =
    'INSERT INTO teaching_staff (school_id, year, teacher_key, higher_education, category, refresher_valid, birth_year, age) VALUES (?, 2025, ?, ?, ?, ?, ?, ?)';
  const teachers: Array<[number, string, number, string, number, number | null, number | null]> = [
    [sosh1, 't1', 1, 'высшая', 1, 1970, null], // 55
    [sosh1, 't2', 1, 'первая', 1, 1985, null], // 40
    [sosh1, 't3', 0, 'соответствие', 0, null, 30],
    [sosh1, 't4', 1, 'нет', 1, 1995, null], // 30
    [gymn2, 't5', 1, 'высшая', 1, 1960, null], // 65
    [gymn2, 't6', 1, 'первая', 0, null, 45],
  ];
  for (const row of teachers) run(staff, row);

  // ── ВсОШ 2025, муниципальный этап ──
  const olymp = "INSERT INTO olympiad_result (year, stage, subject, school_id, participant_key, grade, status) VALUES (2025, 'муниципальный', ?, ?, ?, ?, ?)";
  for (const row of [
    ['математика', sosh1, 'a', 9, 'призёр'],
    ['физика', sosh1, 'a', 9, 'участник'],
    ['математика', sosh1, 'b', 10, 'победитель'],
    ['русский язык', sosh1, 'c', 8, 'участник'],
    ['русский язык', gymn2, 'd', 11, 'участник'],
    ['информатика', gymn2, 'e', 11, 'участник'],
  ] as const)
    run(olymp, [...row]);
  run(
    "INSERT INTO olympiad_result (year, stage, subject, school_id, participant_key, grade, status) VALUES (2025, 'школьный', 'математика', ?, 'a', 9, 'победитель')",
    [sosh1],
  );

  // ── additional education coverage 2025 ──
  run('INSERT INTO additional_education (school_id, year, students_total, students_covered) VALUES (?, 2025, 400, 300)', [sosh1]);
  run('INSERT INTO additional_education (school_id, year, students_total, students_covered) VALUES (?, 2025, 600, 240)', [gymn2]);

  // ── monitoring forms 2025: accepted answers as the collector stores them («да» = 1) ──
  const answers = (form: string, school: number, values: Record<string, number>) => {
    for (const [field, value] of Object.entries(values)) {
      run('INSERT INTO monitoring_value (form_id, year, school_id, field, value) VALUES (?, 2025, ?, ?, ?)', [form, school, field, value]);
    }
  };
  answers('careers', sosh1, { pupils_6_11: 200, career_events: 150, ticket_future: 40, prof_trials: 60, pupils_10_11: 50, profile_10_11: 30, career_plan: 1 });
  answers('careers', gymn2, { pupils_6_11: 300, career_events: 270, ticket_future: 90, prof_trials: 60, pupils_10_11: 80, profile_10_11: 80, career_plan: 1 });
  answers('mentoring', sosh1, { teachers: 30, young: 5, young_mentored: 4, diagnosed: 20, routes: 10, contests: 3, mentoring_rules: 1 });
  answers('mentoring', gymn2, { teachers: 40, young: 8, young_mentored: 8, diagnosed: 40, routes: 20, contests: 6, mentoring_rules: 1 });
  answers('upbringing', sosh1, { pupils: 400, programme_events: 380, associations: 120, additional_ed: 300, registered: 6, programme: 1 });
  answers('upbringing', gymn2, { pupils: 600, programme_events: 600, associations: 200, additional_ed: 240, registered: 3, programme: 1 });
  const leader = ['results_use', 'objectivity', 'staff_development', 'reserve', 'environment', 'families', 'deficits_diagnosed', 'management_course'];
  const scores = (codes: string[], list: number[]) => Object.fromEntries(codes.map((code, i) => [code, list[i]]));
  answers('leaders', sosh1, scores(leader, [2, 2, 1, 1, 2, 1, 1, 0]));
  answers('leaders', gymn2, scores(leader, [2, 2, 2, 2, 2, 2, 1, 1]));
  const areas = [
    'staff_qualification',
    'staff_development',
    'environment_rooms',
    'environment_outdoor',
    'family_information',
    'family_participation',
    'health_safety',
  ];
  answers('preschool', sosh1, { groups: 4, children: 90, ...scores(areas, [3, 3, 2, 2, 3, 2, 3]) });
  answers('preschool', small3, { groups: 2, children: 35, ...scores(areas, [2, 2, 2, 1, 2, 2, 2]) });
  return db;
}
