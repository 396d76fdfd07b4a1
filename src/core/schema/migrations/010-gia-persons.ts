/**
 * 10: the first ГИА sittings of each participant, year and level summed in one row
 * (src/core/schema/attempts.ts), so that M3 over a whole region reads one row per participant
 * instead of grouping every ОГЭ and ЕГЭ sitting of the year by person (a region's 100,000
 * sittings: most of M3's time):
 *
 * - agg_gia_person — per participant with a person key (student_id), year and level (gia 9: ОГЭ
 *   and ГВЭ-9, 11: ЕГЭ and ГВЭ-11): the ОО (the least school_id of the sittings, and of the first
 *   sittings), the lowest mark of the first sittings and whether a first sitting is below the
 *   certificate minimum (ГИА-11: mark < 3 for mark-graded exams, else test score below
 *   ege_threshold.min_certificate). «First» is counted among the sittings of the level: a person
 *   who also sat the exam at the other level (mixed) has the sittings renumbered, as the
 *   indicators' filter by kind does.
 *
 * Derived data: it is computed from agg_attempt here, and kept with it for the persons of
 * oko_agg_attempt_dirty; a changed certificate minimum marks the persons of that exam.
 */
export const GIA_PERSONS_SCHEMA = `
CREATE TABLE agg_gia_person (
  year            INTEGER NOT NULL,
  gia             INTEGER NOT NULL,
  student_id      INTEGER NOT NULL,
  school_id       INTEGER NOT NULL,
  first_school_id INTEGER NOT NULL,
  first_mark_min  INTEGER,
  first_below     INTEGER,
  PRIMARY KEY (year, gia, student_id)
) WITHOUT ROWID;
CREATE INDEX ix_agg_gia_person_student ON agg_gia_person(student_id);

INSERT INTO agg_gia_person (year, gia, student_id, school_id, first_school_id, first_mark_min, first_below)
SELECT year, gia, student_id, MIN(school_id), MIN(school_id) FILTER (WHERE first = 1),
       MIN(mark) FILTER (WHERE first = 1), MAX(below) FILTER (WHERE first = 1)
FROM (
  SELECT a.year, CASE WHEN a.kind IN ('oge', 'gve9') THEN 9 ELSE 11 END AS gia, g.student_id, g.school_id, g.mark,
         CASE WHEN a.kind IN ('ege', 'gve11') THEN
           CASE WHEN (a.level = 'base' OR a.kind IN ('gve9', 'gve11') OR g.test_score IS NULL) THEN g.mark < 3
                ELSE g.test_score < th.min_certificate END
         END AS below,
         ROW_NUMBER() OVER (PARTITION BY g.person, a.year, a.kind IN ('oge', 'gve9'), a.subject_code, a.level ORDER BY g.try_first) AS first
  FROM agg_attempt g JOIN assessment a ON a.assessment_id = g.assessment_id
  LEFT JOIN ege_threshold th ON th.year = a.year AND th.subject_code = a.subject_code
  WHERE g.student_id IS NOT NULL
)
GROUP BY year, gia, student_id;
`;
