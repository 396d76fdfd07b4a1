import type { Database, SqlValue } from '../../../db.ts';
import { queryObjects, queryValue } from '../../../db.ts';
import type { WritePlan } from './write-plan.ts';
import type { SchoolFacts } from '../../schools/write.ts';

const PROGRESS_EVERY = 5000;

/** A newer export of the same work for the same ОО replaces that ОО's rows (domain: one result set per ОО and work). */
export function replaceEarlierResults(db: Database, assessmentId: number, schoolId: number, school: SchoolFacts, label: string): string | null {
  const earlier = queryObjects<{ n: number; files: string | null }>(
    db,
    `SELECT COUNT(*) AS n, group_concat(DISTINCT b.file_name) AS files
     FROM result r LEFT JOIN import_batch b ON b.import_batch_id = r.import_batch_id
     WHERE r.assessment_id = ? AND r.school_id = ?`,
    [assessmentId, schoolId],
  )[0];
  if (!earlier || earlier.n === 0) return null;
  db.run('DELETE FROM task_score WHERE result_id IN (SELECT result_id FROM result WHERE assessment_id = ? AND school_id = ?)', [assessmentId, schoolId]);
  db.run('DELETE FROM result WHERE assessment_id = ? AND school_id = ?', [assessmentId, schoolId]);
  const name = queryValue(db, 'SELECT full_name FROM school WHERE school_id = ?', [schoolId]);
  const who = typeof name === 'string' && name ? `«${name}» (${school.login})` : school.login;
  const from = earlier.files
    ? ` из файла ${earlier.files
        .split(',')
        .map((f) => `«${f}»`)
        .join(', ')}`
    : '';
  return `ОО ${who}: результаты работы «${label}», загруженные ранее${from}, заменены данными этого файла (было записей: ${earlier.n}, стало: ${school.rows}).`;
}

export function insertResults(db: Database, plan: WritePlan, assessmentId: number, batchId: number, schoolIds: Map<string, number>): number {
  const total = plan.rows.length;
  const codes = plan.tasks.map((task) => task.code);
  let resultId = Number(queryValue(db, 'SELECT COALESCE(MAX(result_id), 0) FROM result'));
  let taskScores = 0;
  const result = db.prepare(
    `INSERT INTO result (result_id, assessment_id, school_id, participant_code, class_label, class_ordinal, variant, absent,
                         primary_score, mark, journal_mark, import_batch_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const oneScore = db.prepare('INSERT INTO task_score (result_id, task_code, score, raw) VALUES (?, ?, ?, ?)');
  // A participant's whole row of task scores in one statement: fewer statement steps for 1M+ rows.
  const rowOfScores = db.prepare(`INSERT INTO task_score (result_id, task_code, score, raw) VALUES ${codes.map(() => '(?, ?, ?, ?)').join(', ')}`);
  const rowValues = new Array<SqlValue>(codes.length * 4);
  try {
    plan.rows.forEach((row, i) => {
      resultId += 1;
      result.run([
        resultId,
        assessmentId,
        schoolIds.get(row.schoolLogin!)!,
        row.participantCode,
        row.classLabel,
        row.classOrdinal,
        row.variant,
        row.absent ? 1 : 0,
        row.primaryScore,
        row.mark,
        row.journalMark,
        batchId,
      ]);
      if (row.raws.every((raw) => raw !== null)) {
        for (let t = 0; t < codes.length; t++) {
          rowValues[t * 4] = resultId;
          rowValues[t * 4 + 1] = codes[t];
          rowValues[t * 4 + 2] = row.scores[t];
          rowValues[t * 4 + 3] = row.raws[t];
        }
        rowOfScores.run(rowValues);
        taskScores += codes.length;
      } else {
        for (let t = 0; t < codes.length; t++) {
          if (row.raws[t] === null) continue;
          oneScore.run([resultId, codes[t], row.scores[t], row.raws[t]]);
          taskScores++;
        }
      }
      if ((i + 1) % PROGRESS_EVERY === 0) plan.onProgress?.(i + 1, total);
    });
  } finally {
    result.free();
    oneScore.free();
    rowOfScores.free();
  }
  plan.onProgress?.(total, total);
  return taskScores;
}
