import type { Database, SqlValue } from '../../src/core/db.ts';
import { freshDatabase } from './sqlite.ts';

/**
 * A hand-made municipality for the indicator tests; every expected value in the tests is
 * computed by hand from the tables below.
 *
 * Municipality 1 «Тестовый муниципальный район»: three ОО. Municipality 2 «Другой…»: one ОО,
 * so totals must not leak across municipalities.
 *
 * Main work: ВПР 2026, русский язык, 4 класс, max 6, tasks (in position order) «1» (2б, Б),
 * «2» (1б, Б), «10» (3б, П) — «10» sorts before «2» as text, so ordering by position shows.
 * Marks follow the scale 0–1 → 2, 2–3 → 3, 4–5 → 4, 6 → 5 and the task scores by mark are
 * fixed patterns (X = not attempted, score NULL):
 *
 *   mark  task 1  task 2  task 10  primary
 *    2      0       X       1        1
 *    3      1       1       X        2
 *    4      2       1       1        4
 *    5      2       1       3        6
 *
 * Other filters: ВПР 2026 математика 5 класс (ОО 1 only), ВПР 2025 окружающий мир 4 класс
 * (ОО 2 only), ОГЭ 2024 (never offered: not ВПР).
 */
export const MUN = 1;
export const OTHER_MUN = 2;
export const SCHOOL = { sosh1: 1, gymn2: 2, small3: 3, other4: 4 } as const;
export const MAIN = { year: 2026, subject: 'rus', grade: 4, municipality: MUN } as const;

const PATTERN: Record<number, Array<number | 'X'>> = {
  2: [0, 'X', 1],
  3: [1, 1, 'X'],
  4: [2, 1, 1],
  5: [2, 1, 3],
};
const TASKS = [
  { code: '1', max: 2, difficulty: 'Б' },
  { code: '2', max: 1, difficulty: 'Б' },
  { code: '10', max: 3, difficulty: 'П' },
];

/** [mark, journal mark] per participant who wrote the main work; null journal = «нет отметки». */
type Row = [mark: number, journal: number | null];

export const MAIN_ROWS: Record<number, { wrote: Row[]; absent: number; noMark?: number }> = {
  // 12 wrote: «2» ×1, «3» ×4, «4» ×5, «5» ×2; 10 have a journal mark; 1 absent
  [SCHOOL.sosh1]: {
    wrote: [
      [2, 4],
      [3, 3],
      [3, 4],
      [3, null],
      [3, 5],
      [4, 4],
      [4, 4],
      [4, 5],
      [4, 3],
      [4, null],
      [5, 5],
      [5, 3],
    ],
    absent: 1,
  },
  // 10 wrote: «3» ×2, «4» ×4, «5» ×4; all have a journal mark; plus one row without a mark
  // (wrote, mark not set) that no indicator may count
  [SCHOOL.gymn2]: {
    wrote: [
      [3, 3],
      [3, 3],
      [4, 4],
      [4, 4],
      [4, 4],
      [4, 5],
      [5, 5],
      [5, 5],
      [5, 5],
      [5, 4],
    ],
    absent: 0,
    noMark: 1,
  },
  // 4 wrote (a small group): «2» ×2, «3» ×2; 3 have a journal mark; 1 absent
  [SCHOOL.small3]: {
    wrote: [
      [2, 3],
      [2, 4],
      [3, 3],
      [3, null],
    ],
    absent: 1,
  },
  // the other municipality: «5» ×2, «2» ×1
  [SCHOOL.other4]: {
    wrote: [
      [5, 5],
      [5, 5],
      [2, 2],
    ],
    absent: 0,
  },
};

export function indicatorFixture(): Database {
  const db = freshDatabase();
  const run = (sql: string, params: SqlValue[] = []) => db.run(sql, params);

  run("INSERT INTO municipality (municipality_id, region_code, fisoko_code, name) VALUES (1, '99', 'reg99_m001', 'Тестовый муниципальный район')");
  run("INSERT INTO municipality (municipality_id, region_code, fisoko_code, name) VALUES (2, '99', 'reg99_m002', 'Другой муниципальный район')");
  const school = 'INSERT INTO school (school_id, municipality_id, fisoko_login, full_name, short_name) VALUES (?, ?, ?, ?, ?)';
  run(school, [SCHOOL.sosh1, MUN, 'edu990001', 'МБОУ «Средняя школа №1»', 'СОШ №1']);
  run(school, [SCHOOL.gymn2, MUN, 'edu990002', 'МАОУ «Гимназия №2»', 'Гимназия №2']);
  run(school, [SCHOOL.small3, MUN, 'edu990003', 'МКОУ ООШ с. Малое', null]);
  run(school, [SCHOOL.other4, OTHER_MUN, 'edu990004', 'МБОУ «СОШ №4»', 'СОШ №4']);

  const assessment = 'INSERT INTO assessment (assessment_id, kind, year, subject_code, grade, max_primary) VALUES (?, ?, ?, ?, ?, ?)';
  run(assessment, [1, 'vpr', 2026, 'rus', 4, 6]);
  run(assessment, [2, 'vpr', 2026, 'math', 5, 20]);
  run(assessment, [3, 'vpr', 2025, 'okr', 4, 30]);
  run(assessment, [4, 'oge', 2024, 'rus', 9, 33]);
  TASKS.forEach((t, i) =>
    run('INSERT INTO assessment_task (assessment_id, task_code, position, max_score, difficulty) VALUES (1, ?, ?, ?, ?)', [t.code, i + 1, t.max, t.difficulty]),
  );

  let code = 40000;
  const result = (
    assessmentId: number,
    schoolId: number,
    fields: { absent?: number; mark?: number | null; journal?: number | null; primary?: number | null },
  ) => {
    run(
      `INSERT INTO result (assessment_id, school_id, participant_code, variant, absent, primary_score, mark, journal_mark)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        assessmentId,
        schoolId,
        String(++code),
        fields.absent ? 'отсутствовал' : '1',
        fields.absent ?? 0,
        fields.primary ?? null,
        fields.mark ?? null,
        fields.journal ?? null,
      ],
    );
    return Number(db.exec('SELECT last_insert_rowid()')[0].values[0][0]);
  };

  for (const [schoolId, rows] of Object.entries(MAIN_ROWS)) {
    for (const [mark, journal] of rows.wrote) {
      const scores = PATTERN[mark];
      const primary = scores.reduce<number>((sum, s) => sum + (s === 'X' ? 0 : s), 0);
      const id = result(1, Number(schoolId), { mark, journal, primary });
      scores.forEach((s, i) =>
        run('INSERT INTO task_score (result_id, task_code, score, raw) VALUES (?, ?, ?, ?)', [id, TASKS[i].code, s === 'X' ? null : s, String(s)]),
      );
    }
    for (let i = 0; i < rows.absent; i++) result(1, Number(schoolId), { absent: 1 });
    for (let i = 0; i < (rows.noMark ?? 0); i++) result(1, Number(schoolId), {});
  }

  result(2, SCHOOL.sosh1, { mark: 3, journal: 3, primary: 8 });
  result(2, SCHOOL.sosh1, { mark: 4, journal: 4, primary: 12 });
  result(3, SCHOOL.gymn2, { mark: 5, journal: 5, primary: 28 });
  result(4, SCHOOL.sosh1, { mark: 4, primary: 25 });
  return db;
}
