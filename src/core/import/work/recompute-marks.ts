import type { Database } from '../../db.ts';
import { transaction } from '../../db.ts';

/**
 * Recomputes result.mark for ВПР results loaded from «Форма сбора результатов» (which has no
 * mark) from the current mark_scale — e.g. after the user adds a missing scale. Marks taken from
 * ФИС ОКО reports are never touched. Returns the number of result rows updated.
 */
export function recomputeFormMarks(db: Database): number {
  return transaction(db, () => {
    db.run(
      `UPDATE result SET mark = (
         SELECT ms.mark FROM assessment a JOIN mark_scale ms
           ON ms.kind = a.kind AND ms.year = a.year AND ms.subject_code = a.subject_code AND ms.grade = a.grade AND ms.level = a.level
         WHERE a.assessment_id = result.assessment_id AND result.primary_score BETWEEN ms.min_primary AND ms.max_primary
         ORDER BY ms.mark LIMIT 1)
       WHERE absent = 0 AND primary_score IS NOT NULL
         AND assessment_id IN (SELECT assessment_id FROM assessment WHERE kind = 'vpr')
         AND import_batch_id IN (SELECT import_batch_id FROM import_batch WHERE detected_format IN ('vpr_form_2026', 'vpr_form_2022'))`,
    );
    return db.getRowsModified();
  });
}
