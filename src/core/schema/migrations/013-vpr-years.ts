/**
 * 13: the ВПР rows of agg_result in the order of year and ОО, and the first ГИА sittings of
 * agg_gia_person by ОО, so that the municipal indicators over a whole region read the rows of an
 * ОО and year one after another instead of sorting them for the grouping (M1 sorted the 20,000
 * (work, ОО) rows of two years by ОО and year: two thirds of its time; M3 the year's rows and its
 * 23,000 persons by ОО) — src/core/schema/vpr-years.ts:
 *
 * - agg_vpr_year — per ВПР work and ОО with participants (as v_vpr_school): the work's year,
 *   subject and grade and the ОО's participants and marks «2»…«5» of agg_result, clustered by
 *   (year, school_id). Derived data, equal to agg_result joined with assessment: rewritten with
 *   agg_result's pairs, moved by Око's triggers when a work changes;
 * - ix_agg_gia_person_school, ix_agg_gia_person_first — agg_gia_person of a year and level by the
 *   ОО of the person and by the ОО of the first sittings, with the value M3 reads beside.
 */
export const VPR_YEARS_SCHEMA = `
CREATE TABLE agg_vpr_year (
  year          INTEGER NOT NULL,
  school_id     INTEGER NOT NULL,
  assessment_id INTEGER NOT NULL,
  subject_code  TEXT NOT NULL,
  grade         INTEGER,
  participants  INTEGER NOT NULL,
  n_2           INTEGER NOT NULL,
  n_3           INTEGER NOT NULL,
  n_4           INTEGER NOT NULL,
  n_5           INTEGER NOT NULL,
  PRIMARY KEY (year, school_id, assessment_id)
) WITHOUT ROWID;

INSERT INTO agg_vpr_year (year, school_id, assessment_id, subject_code, grade, participants, n_2, n_3, n_4, n_5)
SELECT a.year, g.school_id, g.assessment_id, a.subject_code, a.grade, g.participants, g.n_2, g.n_3, g.n_4, g.n_5
FROM assessment a JOIN agg_result g ON g.assessment_id = a.assessment_id
WHERE a.kind = 'vpr' AND g.participants > 0;

CREATE INDEX ix_agg_gia_person_school ON agg_gia_person(year, gia, school_id, first_mark_min);
CREATE INDEX ix_agg_gia_person_first ON agg_gia_person(year, gia, first_school_id, first_below);
`;
