/**
 * 9: three counts more in agg_result (src/core/schema/aggregates.ts), so that V8 «расхождение с
 * отметкой по журналу на 2 балла и более» and V1 «участники ВПР» read one row per ОО and work, as
 * V7 does:
 *
 * - lowered2_n — participants whose mark for the work is 2 or more below their journal mark;
 * - raised2_n — 2 or more above it;
 * - absent_n — results marked absent (absent = 1).
 *
 * The pairs already computed get the counts here, each from its own results by the (ОО, work)
 * index, and only the pairs that can have any (a journal mark, a result not written) — not a
 * recomputation of every aggregate. Pairs still to recompute (oko_agg_dirty) are recomputed whole
 * on open, as always.
 */
export const RESULT_COUNTS_SCHEMA = `
ALTER TABLE agg_result ADD COLUMN lowered2_n INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agg_result ADD COLUMN raised2_n INTEGER NOT NULL DEFAULT 0;
UPDATE agg_result SET (lowered2_n, raised2_n) = (
  SELECT COUNT(*) FILTER (WHERE r.journal_mark - r.mark >= 2), COUNT(*) FILTER (WHERE r.mark - r.journal_mark >= 2)
  FROM result r INDEXED BY ix_result_school
  WHERE r.school_id = agg_result.school_id AND r.assessment_id = agg_result.assessment_id
    AND r.absent = 0 AND r.mark IS NOT NULL AND r.journal_mark IS NOT NULL
)
WHERE journal_n > 0;
ALTER TABLE agg_result ADD COLUMN absent_n INTEGER NOT NULL DEFAULT 0;
UPDATE agg_result SET absent_n = (
  SELECT COUNT(*) FROM result r INDEXED BY ix_result_school
  WHERE r.school_id = agg_result.school_id AND r.assessment_id = agg_result.assessment_id AND r.absent = 1
)
WHERE present_n < results_n;
`;
