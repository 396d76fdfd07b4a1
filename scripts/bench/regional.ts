import type { Database } from '../../src/core/db.ts';
import { queryValue } from '../../src/core/db.ts';
import { FORMS } from '../../src/core/monitoring/forms/index.ts';
import type { FormField } from '../../src/core/monitoring/types.ts';

/**
 * A regional-scale database made straight in SQL (files of this size would take minutes to
 * write): 40 municipalities × 25 ОО; ВПР 2025–2026 (русский, математика, 4–8 кл.), ОГЭ and
 * ЕГЭ with person keys, clusters and objectivity flags — 1,000,000 results — and every other
 * table the catalogue reads, so that each indicator has rows to compute with the parameters
 * its form chooses by default (the latest year, the first entry of each list: ВПР 2026,
 * математика, 4 класс, «Муниципальный район № 1»):
 *
 * - task scores of that work, 15 tasks (V9, V10, V11);
 * - annual marks of the 2026 ОГЭ participants (G3);
 * - teaching staff 2025–2026, about 30 teachers an ОО (K1–K4);
 * - ВсОШ protocols 2026, school, municipal and regional stages (T1);
 * - additional education coverage 2025–2026 (D1);
 * - answers of every ОО to every monitoring form, 2024–2026, accepted (P, N, B, L, S);
 * - ФИС ОКО aggregates of the ВПР works: «Статистика по отметкам» and «Сравнение отметок с
 *   отметками по журналу» for the region and РФ (2025–2026) and for ОО and municipalities (2026),
 *   score histograms for the region and РФ (R1; the «Регион»/«РФ» rows of V2, V7, V14; V12, V13).
 *
 * Values come from a fixed hash of row numbers, so runs compare.
 */
export function fillRegionalDatabase(db: Database): number {
  // students are derived from the results after they are written
  db.run('PRAGMA foreign_keys = OFF');
  fillSchools(db);
  const works = fillResults(db);
  fillTaskScores(db, workId(db, 2026, 'math', 4));
  fillTermMarks(db, 2026);
  fillStaff(db, [2025, 2026]);
  fillOlympiads(db, 2026);
  fillAdditionalEducation(db, [2025, 2026]);
  fillFisokoAggregates(
    db,
    works.filter((w) => w.kind === 'vpr'),
    2026,
  );
  fillMonitoring(db, [2024, 2025, 2026]);
  db.run('PRAGMA foreign_keys = ON');
  return Number(queryValue(db, 'SELECT COUNT(*) FROM result'));
}

/** SQL of a cheap deterministic pseudo-random integer in [0, 1000) of the integer expression `x`. */
const h = (x: string) => `((((${x}) * 2654435761) % 4294967296) / 4294967 % 1000)`;

interface Work {
  id: number;
  year: number;
  kind: 'vpr' | 'oge' | 'ege';
  perSchool: number;
  max: number;
  testScore: boolean;
}

function fillSchools(db: Database): void {
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
}

function fillResults(db: Database): Work[] {
  let assessment = 0;
  const insertAssessment = db.prepare(
    `INSERT INTO assessment (assessment_id, kind, year, subject_code, grade, level, max_primary, exam_date, sitting, stage)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'основной')`,
  );
  const works: Work[] = [];
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
    for (const [subject, level] of [
      ['rus', ''],
      ['math', 'prof'],
      ['math', 'base'],
      ['soc', ''],
      ['phys', ''],
    ]) {
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
  return works;
}

function workId(db: Database, year: number, subject: string, grade: number): number {
  return Number(
    queryValue(db, "SELECT assessment_id FROM assessment WHERE kind = 'vpr' AND year = ? AND subject_code = ? AND grade = ?", [year, subject, grade]),
  );
}

/** 15 tasks (every fifth of level П) of one work; stronger marks score a little higher, 3 % of answers are «X». */
function fillTaskScores(db: Database, work: number): void {
  const draw = h('r.result_id * 17 + t.position');
  db.exec(`
    WITH RECURSIVE t(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM t WHERE k < 15)
    INSERT INTO assessment_task (assessment_id, task_code, position, max_score, difficulty)
    SELECT ${work}, CAST(k AS TEXT), k, 1 + k % 3, CASE WHEN k % 5 = 0 THEN 'П' ELSE 'Б' END FROM t;
    INSERT INTO task_score (result_id, task_code, score, raw)
    SELECT r.result_id, t.task_code,
           CASE WHEN ${draw} < 30 THEN 0 ELSE MIN(t.max_score, ${draw} % (t.max_score + 1) + (r.mark >= 4) + (r.mark = 5)) END,
           CASE WHEN ${draw} < 30 THEN 'X' END
    FROM result r JOIN assessment_task t ON t.assessment_id = r.assessment_id WHERE r.assessment_id = ${work};
    UPDATE task_score SET raw = CAST(CAST(score AS INTEGER) AS TEXT) WHERE raw IS NULL;
  `);
}

/** The annual mark of every ОГЭ participant of the year: 60 % as in the exam, a quarter a mark higher, the rest lower. */
function fillTermMarks(db: Database, year: number): void {
  const draw = h('r.result_id * 13 + 5');
  db.exec(`
    INSERT INTO term_mark (school_id, student_id, class_label, subject_code, year, period, mark)
    SELECT r.school_id, r.student_id, '9' || CASE r.student_id % 3 WHEN 0 THEN 'А' WHEN 1 THEN 'Б' ELSE 'В' END,
           a.subject_code, a.year, 'year',
           CASE WHEN ${draw} < 600 THEN r.mark WHEN ${draw} < 850 THEN MIN(5, r.mark + 1) ELSE MAX(2, r.mark - 1) END
    FROM result r JOIN assessment a ON a.assessment_id = r.assessment_id
    WHERE a.kind = 'oge' AND a.year = ${year} AND r.student_id IS NOT NULL AND r.mark IS NOT NULL;
  `);
}

/** 20–44 teachers an ОО each year; 2 % with unknown education, half with the age left to the birth year. */
function fillStaff(db: Database, years: number[]): void {
  for (const year of years) {
    const seed = `(s.school_id * 997 + t.k * 31 + ${year})`;
    db.exec(`
      WITH RECURSIVE t(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM t WHERE k < 44)
      INSERT INTO teaching_staff (school_id, year, teacher_key, higher_education, category, refresher_valid, birth_year, age)
      SELECT s.school_id, ${year}, printf('t%04d-%02d', s.school_id, t.k),
             CASE WHEN ${h(`${seed} + 1`)} < 20 THEN NULL ELSE ${h(`${seed} + 2`)} < 850 END,
             CASE WHEN ${h(`${seed} + 3`)} < 300 THEN 'высшая' WHEN ${h(`${seed} + 3`)} < 600 THEN 'первая'
                  WHEN ${h(`${seed} + 3`)} < 850 THEN 'соответствие' ELSE 'нет' END,
             ${h(`${seed} + 4`)} < 700,
             1960 + ${h(`${seed} + 5`)} % 40,
             CASE WHEN t.k % 2 = 0 THEN ${year} - (1960 + ${h(`${seed} + 5`)} % 40) END
      FROM school s, t WHERE t.k <= 20 + s.school_id % 25;
    `);
  }
}

/** ВсОШ: 40 participations an ОО at the school stage, 15 at the municipal one, 3 at the regional one in every fourth ОО. */
function fillOlympiads(db: Database, year: number): void {
  const stages: Array<[stage: string, perSchool: number, winners: number, prizers: number, where: string]> = [
    ['школьный', 40, 150, 400, '1'],
    ['муниципальный', 15, 80, 300, '1'],
    ['региональный', 3, 50, 250, 's.school_id % 4 = 0'],
  ];
  for (const [stage, perSchool, winners, prizers, where] of stages) {
    const draw = h(`s.school_id * 53 + p.i * 11 + ${perSchool}`);
    db.exec(`
      WITH RECURSIVE p(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM p WHERE i < ${perSchool})
      INSERT INTO olympiad_result (year, stage, subject, school_id, participant_key, grade, status, score)
      SELECT ${year}, '${stage}',
             CASE p.i % 8 WHEN 0 THEN 'математика' WHEN 1 THEN 'русский язык' WHEN 2 THEN 'биология' WHEN 3 THEN 'история'
                          WHEN 4 THEN 'физика' WHEN 5 THEN 'английский язык' WHEN 6 THEN 'обществознание' ELSE 'литература' END,
             s.school_id, printf('p%04d-%02d', s.school_id, p.i), 5 + p.i % 7,
             CASE WHEN ${draw} < ${winners} THEN 'победитель' WHEN ${draw} < ${prizers} THEN 'призёр' ELSE 'участник' END,
             ${draw} / 10.0
      FROM school s, p WHERE ${where};
    `);
  }
}

function fillAdditionalEducation(db: Database, years: number[]): void {
  for (const year of years) {
    db.exec(`
      INSERT INTO additional_education (school_id, year, students_total, students_covered)
      SELECT school_id, ${year}, 200 + (school_id % 50) * 20,
             (200 + (school_id % 50) * 20) * (300 + ${h(`school_id * 7 + ${year}`)} % 600) / 1000
      FROM school;
    `);
  }
}

/**
 * ФИС ОКО aggregates of the given ВПР works, made from the results as ФИС ОКО would count them:
 * region and РФ rows for every work, ОО and municipality rows for the works of `schoolsYear`
 * (the reports of the current year). In every 40th ОО (one per municipality, № 7 in the first)
 * ФИС ОКО counted one more participant, graded «3», whose protocol is not in the database: R1
 * has a mismatch to show. Municipality and region rows sum the ОО rows; РФ differs from the
 * region by a fixed blend.
 */
function fillFisokoAggregates(db: Database, works: Work[], schoolsYear: number): void {
  const current = works
    .filter((w) => w.year === schoolsYear)
    .map((w) => w.id)
    .join(', ');
  const ids = works.map((w) => w.id).join(', ');
  db.exec(`
    CREATE TEMP TABLE agg_school AS
    SELECT v.assessment_id, v.school_id, v.municipality_id,
           COUNT(*) + (v.school_id % 40 = 7) AS n,
           SUM(v.mark = 2) AS c2, SUM(v.mark = 3) + (v.school_id % 40 = 7) AS c3, SUM(v.mark = 4) AS c4, SUM(v.mark = 5) AS c5,
           SUM(v.journal_mark IS NOT NULL) AS nj,
           SUM(v.mark < v.journal_mark) AS lowered, SUM(v.mark = v.journal_mark) AS confirmed, SUM(v.mark > v.journal_mark) AS raised
    FROM v_vpr v WHERE v.assessment_id IN (${ids})
    GROUP BY v.assessment_id, v.school_id;

    CREATE TEMP TABLE agg_entity AS
    SELECT a.assessment_id, 'school' AS level, s.fisoko_login AS entity, n, c2, c3, c4, c5, nj, lowered, confirmed, raised
    FROM agg_school a JOIN school s ON s.school_id = a.school_id WHERE a.assessment_id IN (${current})
    UNION ALL
    SELECT a.assessment_id, 'municipality', m.fisoko_code, SUM(n), SUM(c2), SUM(c3), SUM(c4), SUM(c5), SUM(nj), SUM(lowered), SUM(confirmed), SUM(raised)
    FROM agg_school a JOIN municipality m ON m.municipality_id = a.municipality_id WHERE a.assessment_id IN (${current})
    GROUP BY a.assessment_id, m.municipality_id
    UNION ALL
    SELECT assessment_id, 'region', 'Регион 77', SUM(n), SUM(c2), SUM(c3), SUM(c4), SUM(c5), SUM(nj), SUM(lowered), SUM(confirmed), SUM(raised)
    FROM agg_school GROUP BY assessment_id;

    INSERT INTO fisoko_agg (assessment_id, report, level, entity, metric, value)
    SELECT assessment_id, 'marks', level, entity, 'n', n FROM agg_entity
    UNION ALL SELECT assessment_id, 'marks', level, entity, 'pct_2', ROUND(100.0 * c2 / n, 2) FROM agg_entity
    UNION ALL SELECT assessment_id, 'marks', level, entity, 'pct_3', ROUND(100.0 * c3 / n, 2) FROM agg_entity
    UNION ALL SELECT assessment_id, 'marks', level, entity, 'pct_4', ROUND(100.0 * c4 / n, 2) FROM agg_entity
    UNION ALL SELECT assessment_id, 'marks', level, entity, 'pct_5', ROUND(100.0 * c5 / n, 2) FROM agg_entity
    UNION ALL SELECT assessment_id, 'journal', level, entity, 'n', nj FROM agg_entity
    UNION ALL SELECT assessment_id, 'journal', level, entity, 'lowered_n', lowered FROM agg_entity
    UNION ALL SELECT assessment_id, 'journal', level, entity, 'confirmed_n', confirmed FROM agg_entity
    UNION ALL SELECT assessment_id, 'journal', level, entity, 'raised_n', raised FROM agg_entity
    UNION ALL SELECT assessment_id, 'journal', level, entity, 'lowered_pct', ROUND(100.0 * lowered / nj, 2) FROM agg_entity
    UNION ALL SELECT assessment_id, 'journal', level, entity, 'confirmed_pct', ROUND(100.0 * confirmed / nj, 2) FROM agg_entity
    UNION ALL SELECT assessment_id, 'journal', level, entity, 'raised_pct', ROUND(100.0 * raised / nj, 2) FROM agg_entity;

    INSERT INTO fisoko_agg (assessment_id, report, level, entity, metric, value)
    SELECT assessment_id, report, 'RF', 'Вся выборка', metric,
           CASE WHEN metric LIKE '%pct%' THEN ROUND(0.9 * value + (CASE report WHEN 'marks' THEN 2.5 ELSE 10.0 / 3 END), 2) ELSE value * 37 END
    FROM fisoko_agg WHERE level = 'region';

    WITH scores AS (
      SELECT v.assessment_id, CAST(v.primary_score AS INTEGER) AS score, COUNT(*) AS k,
             SUM(COUNT(*)) OVER (PARTITION BY v.assessment_id) AS n
      FROM v_vpr v WHERE v.assessment_id IN (${ids}) GROUP BY 1, 2
    )
    INSERT INTO fisoko_agg (assessment_id, report, level, entity, metric, value)
    SELECT assessment_id, 'hist', 'region', 'Регион 77', 'score:' || score, ROUND(100.0 * k / n, 2) FROM scores
    UNION ALL
    SELECT assessment_id, 'hist', 'RF', 'Вся выборка', 'score:' || score, ROUND(0.9 * 100.0 * k / n + 10.0 / 25, 2) FROM scores;

    DROP TABLE agg_entity;
    DROP TABLE agg_school;
  `);
}

/** A deterministic pseudo-random integer in [0, 1000) of some integers (FNV-1a over them). */
function draw(...xs: number[]): number {
  let hash = 2166136261;
  for (const x of xs) hash = Math.imul(hash ^ x, 16777619);
  return (hash >>> 0) % 1000;
}

/**
 * Every ОО asked every monitoring form each year, every form returned and accepted, every field
 * answered within its limits: a count 100–699 people (capped by its maximum), a part («из них»)
 * 20–99 % of its whole, a score and a choice anywhere in range, «да» seven times in ten.
 */
function fillMonitoring(db: Database, years: number[]): void {
  const campaign = db.prepare('INSERT INTO monitoring_campaign (form_id, year, form_version, deadline) VALUES (?, ?, ?, ?)');
  const addressee = db.prepare('INSERT INTO monitoring_addressee (form_id, year, school_id) VALUES (?, ?, ?)');
  const accepted = db.prepare("INSERT INTO monitoring_return (form_id, year, school_id, form_version, filled_on, status) VALUES (?, ?, ?, ?, ?, 'accepted')");
  const value = db.prepare('INSERT INTO monitoring_value (form_id, year, school_id, field, value) VALUES (?, ?, ?, ?, ?)');
  const schools = Number(queryValue(db, 'SELECT MAX(school_id) FROM school'));
  FORMS.forEach((form, f) => {
    for (const year of years) {
      campaign.run([form.id, year, form.version, `${year}-05-31`]);
      for (let school = 1; school <= schools; school++) {
        addressee.run([form.id, year, school]);
        accepted.run([form.id, year, school, form.version, `${year}-05-20`]);
        const answers = new Map<string, number>();
        const answer = (field: FormField, i: number): number => {
          const known = answers.get(field.code);
          if (known !== undefined) return known;
          const r = draw(f, year, school, i);
          let v: number;
          if (field.kind === 'yesno') v = r < 700 ? 1 : 0;
          else if (field.kind === 'choice') v = 1 + (r % (field.choices?.length ?? 1));
          else if (field.kind === 'score') v = (field.min ?? 0) + (r % ((field.max ?? 5) - (field.min ?? 0) + 1));
          else if (field.partOf) {
            const whole = form.fields.findIndex((w) => w.code === field.partOf);
            v = Math.floor((answer(form.fields[whole], whole) * (200 + (r % 800))) / 1000);
          } else v = Math.min(field.max ?? Infinity, 100 + (r % 600));
          answers.set(field.code, v);
          return v;
        };
        form.fields.forEach((field, i) => value.run([form.id, year, school, field.code, answer(field, i)]));
      }
    }
  });
  for (const statement of [campaign, addressee, accepted, value]) statement.free();
}
