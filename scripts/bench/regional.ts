import type { Database } from '../../src/core/db.ts';
import { queryValue } from '../../src/core/db.ts';

/**
 * A regional-scale database made straight in SQL (files of this size would take minutes to
 * write): 40 municipalities × 25 ОО; ВПР 2025–2026 (русский, математика, 4–8 кл.), ОГЭ and
 * ЕГЭ with person keys, one ВПР work with task scores, clusters and objectivity flags —
 * about 1,000,000 results. Values come from a fixed hash of row numbers, so runs compare.
 */
export function fillRegionalDatabase(db: Database): number {
  // h(x) is a cheap deterministic pseudo-random integer in [0, 1000)
  const h = (x: string) => `((((${x}) * 2654435761) % 4294967296) / 4294967 % 1000)`;
  // students are derived from the results after they are written
  db.run('PRAGMA foreign_keys = OFF');
  db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
    INSERT INTO municipality (municipality_id, region_code, fisoko_code, name)
    SELECT i, '77', printf('reg77_m%03d', i), printf('Муниципальный район № %d', i) FROM n;

    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
    INSERT INTO school (school_id, municipality_id, fisoko_login, gia_code, full_name, short_name, settlement_type)
    SELECT i, (i - 1) / 25 + 1, printf('edu77%04d', i), printf('%d', 770000 + i), printf('МБОУ «СОШ № %d»', i), printf('СОШ № %d', i),
           CASE WHEN i % 3 = 0 THEN 'село' ELSE 'город' END FROM n;
    INSERT INTO cluster_assignment (scheme, year, school_id, cluster) SELECT 'directory', 2026, school_id, settlement_type FROM school;
    INSERT INTO objectivity_flag (year, school_id, work, flagged) SELECT 2026, school_id, 'РУ4', school_id % 17 = 0 FROM school;
  `);

  let assessment = 0;
  const insertAssessment = db.prepare(
    `INSERT INTO assessment (assessment_id, kind, year, subject_code, grade, level, max_primary, exam_date, sitting, stage)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'основной')`,
  );
  const works: Array<{ id: number; year: number; kind: string; perSchool: number; max: number; testScore: boolean }> = [];
  for (const year of [2025, 2026]) {
    for (const subject of ['rus', 'math']) {
      for (let grade = 4; grade <= 8; grade++) {
        insertAssessment.run([++assessment, 'vpr', year, subject, grade, '', 24, `${year}-04-15`, '']);
        works.push({ id: assessment, year, kind: 'vpr', perSchool: 40, max: 24, testScore: false });
      }
    }
    for (const subject of ['rus', 'math', 'soc', 'inf']) {
      insertAssessment.run([++assessment, 'oge', year, subject, 9, '', 33, `${year}-06-0${subject.length}`, `${year}-06-0${subject.length}`]);
      works.push({ id: assessment, year, kind: 'oge', perSchool: 15, max: 33, testScore: false });
    }
    for (const [subject, level] of [['rus', ''], ['math', 'prof'], ['math', 'base'], ['soc', ''], ['phys', '']]) {
      insertAssessment.run([++assessment, 'ege', year, subject, 11, level, 50, `${year}-06-1${subject.length}`, `${year}-06-1${subject.length}${level}`]);
      works.push({ id: assessment, year, kind: 'ege', perSchool: 8, max: 50, testScore: level !== 'base' });
    }
  }
  insertAssessment.free();

  for (const work of works) {
    const seed = `(s.school_id * 131 + p.i * 7 + ${work.id} * 1009)`;
    const ability = `(${h(seed)} + (s.school_id % 10) * 40) % 1000`;
    const mark = `CASE WHEN ${ability} < 120 THEN 2 WHEN ${ability} < 450 THEN 3 WHEN ${ability} < 800 THEN 4 ELSE 5 END`;
    // one person sits all ОГЭ (or ЕГЭ) subjects of a year
    const student = work.kind === 'vpr' ? 'NULL' : `((s.school_id * 100 + p.i) * 100 + ${work.year - 2000}) * 10 + ${work.kind === 'oge' ? 1 : 2}`;
    db.exec(`
      WITH RECURSIVE p(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM p WHERE i < ${work.perSchool})
      INSERT INTO result (assessment_id, school_id, student_id, participant_code, absent, primary_score, mark, test_score, journal_mark)
      SELECT ${work.id}, s.school_id, ${student}, printf('%05d', p.i), 0,
             ${ability} * ${work.max} / 1000,
             ${work.testScore ? 'NULL' : mark},
             ${work.testScore ? `20 + ${ability} * 80 / 1000` : 'NULL'},
             ${work.kind === 'vpr' ? `MIN(5, ${mark} + (${h(`${seed} + 3`)} < 300))` : 'NULL'}
      FROM school s, p;
    `);
  }
  db.exec(`
    INSERT OR IGNORE INTO student (student_id, person_key) SELECT DISTINCT student_id, 'k' || student_id FROM result WHERE student_id IS NOT NULL;
    INSERT INTO medal_candidate (student_id, year, degree)
      SELECT DISTINCT student_id, 2026, 1 + (student_id % 2) FROM result r JOIN assessment a USING (assessment_id)
      WHERE a.kind = 'ege' AND a.year = 2026 AND student_id % 23 = 0;
  `);

  // task scores for one work (ВПР 2026 русский 4 кл.): 15 tasks
  const taskWork = works.find((w) => w.kind === 'vpr' && w.id > 20)!.id;
  db.exec(`
    WITH RECURSIVE t(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM t WHERE k < 15)
    INSERT INTO assessment_task (assessment_id, task_code, position, max_score, difficulty)
    SELECT ${taskWork}, CAST(k AS TEXT), k, 1 + k % 3, CASE WHEN k % 5 = 0 THEN 'П' ELSE 'Б' END FROM t;
    INSERT INTO task_score (result_id, task_code, score, raw)
    SELECT r.result_id, t.task_code, ${h('r.result_id * 17 + t.position')} % (t.max_score + 1), NULL
    FROM result r JOIN assessment_task t ON t.assessment_id = r.assessment_id WHERE r.assessment_id = ${taskWork};
    UPDATE task_score SET raw = CAST(score AS TEXT);
  `);
  db.run('PRAGMA foreign_keys = ON');
  return Number(queryValue(db, 'SELECT COUNT(*) FROM result'));
}
