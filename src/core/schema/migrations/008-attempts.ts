/**
 * 8: the place of every written ГИА result among its person's sittings of the same exam in the
 * year (src/core/schema/attempts.ts), so that «первая попытка» and «после пересдач» are read by
 * the ОО's key instead of sorting every ГИА result of the year by person:
 *
 * - agg_attempt — one row per written ГИА result (present, with a mark or a test score): its
 *   person (student_id, or −result_id for a result without a person key, which is its own
 *   person), the values the indicators read (student_id, mark, test_score, primary_score),
 *   try_first (1 = first sitting), try_last (1 = last sitting) and mixed (1 = the person's
 *   sittings of this exam are in more than one ОО or of more than one kind, so a filter by ОО,
 *   municipality or kind may split them: the indicators number those sittings afresh).
 *   Clustered by (sitting, ОО): a municipality's indicator reads its ОО's rows only, and no
 *   result row;
 * - ix_term_mark_student: a participant's mark for a period found by person (G3 compares the
 *   first ОГЭ sitting with it; without the index every annual mark of the region was read).
 *
 * Derived data: oko_agg_attempt_dirty lists the persons whose results or sittings changed since
 * (filled by Око's triggers); every person of an older session starts dirty, so it is computed on open.
 */
export const ATTEMPTS_SCHEMA = `
CREATE TABLE agg_attempt (
  assessment_id INTEGER NOT NULL,
  school_id     INTEGER NOT NULL,
  result_id     INTEGER NOT NULL,
  person        INTEGER NOT NULL,
  student_id    INTEGER,
  mark          INTEGER,
  test_score    INTEGER,
  primary_score REAL,
  try_first     INTEGER NOT NULL,
  try_last      INTEGER NOT NULL,
  mixed         INTEGER NOT NULL,
  PRIMARY KEY (assessment_id, school_id, result_id)
) WITHOUT ROWID;
CREATE INDEX ix_agg_attempt_person ON agg_attempt(person);
CREATE INDEX ix_term_mark_student ON term_mark(student_id, subject_code, year, period);

CREATE TABLE oko_agg_attempt_dirty (person INTEGER PRIMARY KEY);
INSERT INTO oko_agg_attempt_dirty
SELECT DISTINCT COALESCE(r.student_id, -r.result_id) FROM assessment a JOIN result r ON r.assessment_id = a.assessment_id
WHERE a.kind IN ('oge', 'gve9', 'ege', 'gve11');
`;
