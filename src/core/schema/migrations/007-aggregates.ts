/**
 * 7: aggregates of the raw rows (src/core/schema/aggregates.ts), so that an indicator over a region
 * reads one row per ОО and work instead of every participant and task score:
 *
 * - agg_result — per (work, ОО): participants, marks «2»…«5», agreement with the journal, primary
 *   scores summed;
 * - agg_score — per (work, ОО, whole primary score): participants with that score;
 * - agg_task — per (work, ОО, task, mark): task scores counted and summed;
 * - v_vpr_school, v_vpr_score, v_vpr_task — the three restricted to ВПР, with the work's year,
 *   subject, grade and the ОО's municipality beside them (as v_vpr does for result). CROSS JOIN
 *   fixes the loop: the chosen works, then the ОО (a municipality's 25 of a region's 1000 pass the
 *   filter), then each pair by its key — not every ОО's rows of the work across the region.
 *
 * They are derived data: oko_agg_dirty lists the (work, ОО) pairs whose raw rows changed since the
 * aggregates were computed (filled by Око's triggers, aggregates.ts), oko_agg_state remembers the
 * last result and task score row they covered. Every pair of an older session starts dirty, so it is computed on open.
 */
export const AGGREGATES_SCHEMA = `
CREATE TABLE agg_result (
  assessment_id INTEGER NOT NULL,
  school_id     INTEGER NOT NULL,
  results_n     INTEGER NOT NULL,
  present_n     INTEGER NOT NULL,
  participants  INTEGER NOT NULL,
  n_2           INTEGER NOT NULL,
  n_3           INTEGER NOT NULL,
  n_4           INTEGER NOT NULL,
  n_5           INTEGER NOT NULL,
  journal_n     INTEGER NOT NULL,
  lowered_n     INTEGER NOT NULL,
  confirmed_n   INTEGER NOT NULL,
  raised_n      INTEGER NOT NULL,
  scored_n      INTEGER NOT NULL,
  score_sum     REAL NOT NULL,
  tasks_n       INTEGER NOT NULL,
  PRIMARY KEY (assessment_id, school_id)
);
CREATE TABLE agg_score (
  assessment_id INTEGER NOT NULL,
  school_id     INTEGER NOT NULL,
  score         INTEGER NOT NULL,
  n             INTEGER NOT NULL,
  PRIMARY KEY (assessment_id, school_id, score)
);
CREATE TABLE agg_task (
  assessment_id INTEGER NOT NULL,
  school_id     INTEGER NOT NULL,
  task_code     TEXT NOT NULL,
  mark          INTEGER NOT NULL,
  n             INTEGER NOT NULL,
  score_sum     REAL NOT NULL,
  PRIMARY KEY (assessment_id, school_id, task_code, mark)
);

CREATE VIEW v_vpr_school AS
SELECT g.*, a.year, a.subject_code, a.grade, a.max_primary, s.municipality_id
FROM assessment a CROSS JOIN school s
CROSS JOIN agg_result g ON g.assessment_id = a.assessment_id AND g.school_id = s.school_id
WHERE a.kind='vpr' AND g.participants > 0;
CREATE VIEW v_vpr_score AS
SELECT g.*, a.year, a.subject_code, a.grade, s.municipality_id
FROM assessment a CROSS JOIN school s
CROSS JOIN agg_score g ON g.assessment_id = a.assessment_id AND g.school_id = s.school_id
WHERE a.kind='vpr';
CREATE VIEW v_vpr_task AS
SELECT g.*, a.year, a.subject_code, a.grade, s.municipality_id
FROM assessment a CROSS JOIN school s
CROSS JOIN agg_task g ON g.assessment_id = a.assessment_id AND g.school_id = s.school_id
WHERE a.kind='vpr';

CREATE TABLE oko_agg_dirty (
  assessment_id INTEGER NOT NULL,
  school_id     INTEGER NOT NULL,
  PRIMARY KEY (assessment_id, school_id)
);
CREATE TABLE oko_agg_state (covered_result_id INTEGER NOT NULL, covered_task_rowid INTEGER NOT NULL);
INSERT INTO oko_agg_state VALUES (0, 0);
INSERT INTO oko_agg_dirty SELECT DISTINCT assessment_id, school_id FROM result;
`;
