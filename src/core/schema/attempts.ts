import type { Database } from '../db.ts';
import { queryValue, transaction } from '../db.ts';

/**
 * agg_attempt (migration 8): the place of every written ГИА result among its person's sittings of
 * the same exam in the year, kept equal to the raw rows by the rule of the aggregates
 * (aggregates.ts, docs/architecture.md «Сводки»):
 *
 * agg_gia_person (migration 10): each participant's first sittings of a year and level summed in
 * one row, for M3 over a whole region; recomputed with agg_attempt for the same persons.
 *
 * 1. TEMP triggers on result and assessment note, in the same statement and so in the same
 *    transaction, which persons' sittings changed: oko_agg_attempt_dirty (and on ege_threshold:
 *    the persons of an exam whose certificate minimum changed, for agg_gia_person). A person is the
 *    result's student_id, or −result_id for a result without a person key (its own person).
 *    An inserted result has no trigger of its own: the aggregates' trigger noted its (work, ОО)
 *    pair, and notePersonsOfChangedPairs() notes the persons of the ГИА pairs before the pairs
 *    are recomputed (a second trigger on every inserted result cost 2.8 µs of CPU a row, 0.28 s
 *    for a Ф1 of 100,000 participants, though a ВПР result is nobody's ГИА sitting).
 * 2. refreshAttempts() numbers the sittings of exactly those persons again, sums their first
 *    sittings again and empties the list;
 *    refreshAggregates() calls both, so they run wherever the aggregates are brought up to date.
 *
 * The definition is the one the ГИА indicators always used (core/indicators/catalogue/gia-common.ts):
 * the sittings of one person, year, subject and level, written (present, with a mark or a test
 * score), retakes (stage or term «дополнительный…», «пересдача») after the others, then by date,
 * then by sitting; two results of a person in one sitting by result_id.
 */

/** The tables kept per person. */
export const ATTEMPT_TABLES: readonly string[] = ['agg_attempt', 'agg_gia_person'];

/** Every kind of ГИА sitting: a person's sittings are numbered across all of them (the indicators filter by kind). */
export const GIA_KINDS = "'oge', 'gve9', 'ege', 'gve11'";

/** A result that counts as a sitting: present, with a mark or a test score. */
export const WRITTEN = 'r.absent = 0 AND (r.mark IS NOT NULL OR r.test_score IS NOT NULL)';

/** Text of the sitting's stage and term; a retake is «дополнительный …» or «пересдача». */
const STAGE_TEXT = "(COALESCE(a.stage, '') || ' ' || COALESCE(a.term, ''))";
export const RETAKE = `(${STAGE_TEXT} LIKE '%ополнит%' OR ${STAGE_TEXT} LIKE '%ересдач%')`;
/** The sitting's date with '.' and '/' normalised to '-', so '2025.09.05' sorts after '2025-06-03'. */
const SITTING_DATE = "REPLACE(REPLACE(COALESCE(NULLIF(a.exam_date, ''), a.sitting), '.', '-'), '/', '-')";

/**
 * Every ГИА sitting with its exam (year, subject, level) and its place among the exam's sittings as
 * two integers, so that the numbering sorts a person's results by integers, not by the texts of
 * stage, term and date (a region's 200,000 results: 1.3 s of CPU instead of 2.1 s).
 */
const SITTINGS = `sitting AS MATERIALIZED (
  SELECT a.assessment_id, a.kind,
         DENSE_RANK() OVER (ORDER BY a.year, a.subject_code, a.level) AS exam,
         ROW_NUMBER() OVER (ORDER BY a.year, a.subject_code, a.level, ${RETAKE}, ${SITTING_DATE}, a.assessment_id) AS place
  FROM assessment a WHERE a.kind IN (${GIA_KINDS})
)`;

/** The written ГИА results of the dirty persons: by person key, and a result without one by its own number. */
const RESULTS_OF_DIRTY = (
  join: string,
  extra = '',
) => `SELECT d.person, r.result_id, r.assessment_id, r.school_id, r.student_id, r.mark, r.test_score, r.primary_score,
         st.kind, st.exam, st.place
  FROM oko_agg_attempt_dirty d CROSS JOIN ${join}
  JOIN sitting st ON st.assessment_id = r.assessment_id
  WHERE ${WRITTEN}${extra}`;

/** ГИА-9 (ОГЭ, ГВЭ-9) or ГИА-11 (ЕГЭ, ГВЭ-11): agg_gia_person.gia. */
const GIA_LEVEL = "CASE WHEN a.kind IN ('oge', 'gve9') THEN 9 ELSE 11 END";

/**
 * A ГИА-11 sitting below the certificate minimum: M3's belowMin (core/indicators/catalogue/gia-common.ts)
 * — mark < 3 for base mathematics, ГВЭ and a result without a test score, else the test score
 * below ege_threshold.min_certificate (NULL when the exam has none).
 */
const BELOW_MIN = `CASE WHEN a.kind IN ('ege', 'gve11') THEN
           CASE WHEN (a.level = 'base' OR a.kind IN ('gve9', 'gve11') OR g.test_score IS NULL) THEN g.mark < 3
                ELSE g.test_score < th.min_certificate END
         END`;

/**
 * agg_gia_person of the persons whose sittings \`rows\` gives (g: agg_attempt): per participant
 * with a person key, year and level, the ОО (least school_id of all sittings, and of the first
 * ones) and the first sittings' lowest mark and whether one is below the minimum. «First» is
 * numbered among the sittings of the level (\`first\`): where a person's sittings of an exam are of
 * both levels (mixed), the indicators' filter by kind renumbers them the same way.
 */
const PERSON_SUMMARY = (rows: string) => `SELECT year, gia, student_id, MIN(school_id), MIN(school_id) FILTER (WHERE first = 1),
       MIN(mark) FILTER (WHERE first = 1), MAX(below) FILTER (WHERE first = 1)
FROM (
  SELECT a.year, ${GIA_LEVEL} AS gia, g.student_id, g.school_id, g.mark, ${BELOW_MIN} AS below,
         ROW_NUMBER() OVER (PARTITION BY g.person, a.year, a.kind IN ('oge', 'gve9'), a.subject_code, a.level ORDER BY g.try_first) AS first
  FROM ${rows} JOIN assessment a ON a.assessment_id = g.assessment_id
  LEFT JOIN ege_threshold th ON th.year = a.year AND th.subject_code = a.subject_code
  WHERE g.student_id IS NOT NULL
)
GROUP BY year, gia, student_id`;

/** The statements of a refresh, in order (exported for the test of their query plans). */
export const REFRESH_ATTEMPTS: readonly string[] = [
  'DELETE FROM agg_attempt WHERE person IN (SELECT person FROM oko_agg_attempt_dirty)',
  `WITH ${SITTINGS}
INSERT INTO agg_attempt (assessment_id, school_id, result_id, person, student_id, mark, test_score, primary_score, try_first, try_last, mixed)
SELECT assessment_id, school_id, result_id, person, student_id, mark, test_score, primary_score,
       ROW_NUMBER() OVER w,
       COUNT(*) OVER whole - ROW_NUMBER() OVER w + 1,
       MIN(school_id) OVER whole <> MAX(school_id) OVER whole OR MIN(kind) OVER whole <> MAX(kind) OVER whole
FROM (
  ${RESULTS_OF_DIRTY('result r INDEXED BY ix_result_student ON r.student_id = d.person')}
  UNION ALL
  ${RESULTS_OF_DIRTY('result r ON r.result_id = -d.person', ' AND r.student_id IS NULL')}
)
WINDOW w AS (PARTITION BY person, exam ORDER BY place, result_id),
       whole AS (w RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)`,
  'DELETE FROM agg_gia_person WHERE student_id IN (SELECT person FROM oko_agg_attempt_dirty)',
  `INSERT INTO agg_gia_person (year, gia, student_id, school_id, first_school_id, first_mark_min, first_below)
${PERSON_SUMMARY('oko_agg_attempt_dirty d CROSS JOIN agg_attempt g INDEXED BY ix_agg_attempt_person ON g.person = d.person')}`,
  'DELETE FROM oko_agg_attempt_dirty',
];

/** The persons of a sitting's results, when the sitting is (or was) a ГИА one. */
const PERSONS_OF = (assessments: string) =>
  `INSERT OR IGNORE INTO oko_agg_attempt_dirty SELECT COALESCE(student_id, -result_id) FROM result WHERE assessment_id IN (${assessments});`;
/** The person of a result, when its sitting is a ГИА one. */
const PERSON_OF = (row: 'NEW' | 'OLD') =>
  `SELECT COALESCE(${row}.student_id, -${row}.result_id) FROM assessment WHERE assessment_id = ${row}.assessment_id AND kind IN (${GIA_KINDS})`;
const IS_GIA = (row: 'NEW' | 'OLD') => `${row}.kind IN (${GIA_KINDS})`;
/** The persons with a ГИА-11 sitting of a certificate minimum's exam: agg_gia_person.first_below depends on it. */
const PERSONS_OF_EXAM = (row: 'NEW' | 'OLD') =>
  `SELECT g.person FROM assessment a JOIN agg_attempt g ON g.assessment_id = a.assessment_id
   WHERE a.kind IN ('ege', 'gve11') AND a.year = ${row}.year AND a.subject_code = ${row}.subject_code`;

const TRIGGERS = `
CREATE TEMP TRIGGER IF NOT EXISTS oko_agg_attempt_result_delete AFTER DELETE ON main.result BEGIN
  INSERT OR IGNORE INTO oko_agg_attempt_dirty ${PERSON_OF('OLD')};
END;
CREATE TEMP TRIGGER IF NOT EXISTS oko_agg_attempt_result_update
AFTER UPDATE OF result_id, assessment_id, school_id, student_id, absent, mark, test_score, primary_score ON main.result BEGIN
  INSERT OR IGNORE INTO oko_agg_attempt_dirty ${PERSON_OF('OLD')} UNION ALL ${PERSON_OF('NEW')};
END;
CREATE TEMP TRIGGER IF NOT EXISTS oko_agg_attempt_sitting_insert AFTER INSERT ON main.assessment WHEN ${IS_GIA('NEW')} BEGIN
  ${PERSONS_OF('NEW.assessment_id')}
END;
CREATE TEMP TRIGGER IF NOT EXISTS oko_agg_attempt_sitting_delete AFTER DELETE ON main.assessment WHEN ${IS_GIA('OLD')} BEGIN
  ${PERSONS_OF('OLD.assessment_id')}
END;
CREATE TEMP TRIGGER IF NOT EXISTS oko_agg_attempt_threshold_insert AFTER INSERT ON main.ege_threshold BEGIN
  INSERT OR IGNORE INTO oko_agg_attempt_dirty ${PERSONS_OF_EXAM('NEW')};
END;
CREATE TEMP TRIGGER IF NOT EXISTS oko_agg_attempt_threshold_delete AFTER DELETE ON main.ege_threshold BEGIN
  INSERT OR IGNORE INTO oko_agg_attempt_dirty ${PERSONS_OF_EXAM('OLD')};
END;
CREATE TEMP TRIGGER IF NOT EXISTS oko_agg_attempt_threshold_update AFTER UPDATE OF year, subject_code, min_certificate ON main.ege_threshold BEGIN
  INSERT OR IGNORE INTO oko_agg_attempt_dirty ${PERSONS_OF_EXAM('OLD')} UNION ALL ${PERSONS_OF_EXAM('NEW')};
END;
CREATE TEMP TRIGGER IF NOT EXISTS oko_agg_attempt_sitting_update
AFTER UPDATE OF assessment_id, kind, year, subject_code, level, exam_date, stage, term, sitting ON main.assessment
WHEN ${IS_GIA('OLD')} OR ${IS_GIA('NEW')} BEGIN
  ${PERSONS_OF('OLD.assessment_id, NEW.assessment_id')}
END;
`;

/** The persons of the ГИА (work, ОО) pairs whose rows changed (oko_agg_dirty, aggregates.ts): inserted results among them. */
export const NOTE_PERSONS_OF_PAIRS = `INSERT OR IGNORE INTO oko_agg_attempt_dirty
SELECT COALESCE(r.student_id, -r.result_id)
FROM oko_agg_dirty d JOIN assessment a ON a.assessment_id = d.assessment_id
CROSS JOIN result r INDEXED BY ix_result_school ON r.school_id = d.school_id AND r.assessment_id = d.assessment_id
WHERE a.kind IN (${GIA_KINDS})`;

/** Notes the persons of the changed ГИА pairs; called before the pairs are recomputed and their list emptied. */
export function notePersonsOfChangedPairs(db: Database): void {
  if (queryValue(db, 'SELECT 1 FROM oko_agg_dirty LIMIT 1') !== null) db.run(NOTE_PERSONS_OF_PAIRS);
}

/** Makes the triggers of rule 1 on this connection (a database of the current schema). */
export function installAttemptTriggers(db: Database): void {
  db.exec(TRIGGERS);
}

/** Numbers again the sittings of the persons whose rows changed; nothing to do costs one lookup. Returns the persons. */
export function refreshAttempts(db: Database): number {
  const dirty = Number(queryValue(db, 'SELECT COUNT(*) FROM oko_agg_attempt_dirty'));
  if (dirty === 0) return 0;
  transaction(db, () => {
    for (const sql of REFRESH_ATTEMPTS) db.run(sql);
  });
  return dirty;
}

/** Every person's sittings numbered afresh (tests compare the maintained table with this). */
export function rebuildAttempts(db: Database): void {
  transaction(db, () => {
    db.run('DELETE FROM agg_attempt');
    db.run('DELETE FROM agg_gia_person');
    db.run(`INSERT OR IGNORE INTO oko_agg_attempt_dirty
            SELECT COALESCE(r.student_id, -r.result_id) FROM assessment a JOIN result r ON r.assessment_id = a.assessment_id
            WHERE a.kind IN (${GIA_KINDS})`);
    refreshAttempts(db);
  });
}
