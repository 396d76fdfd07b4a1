import type { Database } from '../../db.ts';
import { queryObjects, queryValue } from '../../db.ts';
import type { ResolvedWorkFacts } from './context.ts';
import { workLabel } from './context.ts';

/** A task as a file states it: Ф1 gives difficulty, ФИС ОКО reports the checked skill. */
export interface AssessmentTaskFacts {
  code: string;
  position: number;
  max: number | null;
  difficulty?: string | null;
  skill?: string | null;
}

/**
 * The ВПР work of a file: found or created. What the database already knows is kept (the
 * file only fills gaps), and a disagreement is a warning, since it may be another work.
 * `source` names the file in the warning: «в файле», «в отчёте».
 */
export function upsertAssessment(db: Database, work: ResolvedWorkFacts, tasks: readonly AssessmentTaskFacts[], warnings: string[], source = 'в файле'): number {
  const label = workLabel(work);
  const found = queryObjects<{ assessment_id: number; max_primary: number | null }>(
    db,
    `SELECT assessment_id, max_primary FROM assessment
     WHERE kind = 'vpr' AND year = ? AND subject_code = ? AND grade = ? AND level = '' AND sitting = ''`,
    [work.year, work.subjectCode, work.grade],
  )[0];
  let id: number;
  if (found) {
    id = found.assessment_id;
    if (found.max_primary !== null && work.maxPrimary !== null && found.max_primary !== work.maxPrimary) {
      warnings.push(
        `Работа «${label}»: максимальный первичный балл ${source} ${work.maxPrimary}, а в базе ${found.max_primary}; в базе оставлено ${found.max_primary}. Проверьте, та ли это работа.`,
      );
    }
    db.run('UPDATE assessment SET max_primary = COALESCE(max_primary, ?), exam_date = COALESCE(exam_date, ?) WHERE assessment_id = ?', [
      work.maxPrimary,
      work.examDate,
      id,
    ]);
  } else {
    db.run(
      `INSERT INTO assessment (kind, year, subject_code, grade, level, sitting, exam_date, max_primary)
       VALUES ('vpr', ?, ?, ?, '', '', ?, ?)`,
      [work.year, work.subjectCode, work.grade, work.examDate, work.maxPrimary],
    );
    id = Number(queryValue(db, 'SELECT last_insert_rowid()'));
  }

  const known = new Map(
    queryObjects<{ task_code: string; max_score: number | null }>(db, 'SELECT task_code, max_score FROM assessment_task WHERE assessment_id = ?', [id]).map(
      (task) => [task.task_code, task.max_score],
    ),
  );
  const conflicts = tasks.filter((task) => {
    const max = known.get(task.code);
    return max !== undefined && max !== null && task.max !== null && max !== task.max;
  });
  if (conflicts.length) {
    warnings.push(
      `Работа «${label}»: максимальный балл заданий ${conflicts.map((task) => `${task.code} (${source} ${task.max}, в базе ${known.get(task.code)})`).join(', ')} ` +
        'не совпадает с загруженным ранее; в базе оставлены прежние значения. Проверьте, та ли это работа.',
    );
  }
  const upsert = db.prepare(
    `INSERT INTO assessment_task (assessment_id, task_code, position, max_score, difficulty, skill) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (assessment_id, task_code) DO UPDATE SET
       position = COALESCE(position, excluded.position),
       max_score = COALESCE(max_score, excluded.max_score),
       difficulty = COALESCE(excluded.difficulty, difficulty),
       skill = COALESCE(skill, excluded.skill)`,
  );
  try {
    for (const task of tasks) upsert.run([id, task.code, task.position, task.max, task.difficulty ?? null, task.skill ?? null]);
  } finally {
    upsert.free();
  }
  return id;
}
