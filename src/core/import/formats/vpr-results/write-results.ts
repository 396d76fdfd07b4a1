import type { Database, SqlValue } from '../../../db.ts';
import { queryObjects, queryValue, run } from '../../../db.ts';
import type { WritePlan } from './write-plan.ts';
import { beginWrittenPairs } from '../../../schema/written-pairs.ts';
import { insertingResultsOf } from '../../../schema/aggregates.ts';
import { writingScores } from '../../../schema/score-key.ts';
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
  run(db, 'DELETE FROM task_score WHERE result_id IN (SELECT result_id FROM result WHERE assessment_id = ? AND school_id = ?)', [assessmentId, schoolId]);
  run(db, 'DELETE FROM result WHERE assessment_id = ? AND school_id = ?', [assessmentId, schoolId]);
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

/** A text as an SQL literal. */
const sqlText = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * A value for a TEXT column, as sql.js binds it cheapest. sql.js copies every bound string into
 * the wasm heap (an array of its bytes, a malloc, a free when the statement is reset): for the
 * 1,500,000 raw task cells of a 100,000-row Ф1, a third of the insert time in Chromium. A
 * small integer written the way SQLite writes integers ('0', '2', '15') is bound as that
 * number instead: the column's TEXT affinity stores it as the same text.
 */
export function textBinding(text: string | null): string | number | null {
  if (text === null || text.length > 9) return text;
  const n = Number(text);
  return Number.isInteger(n) && String(n) === text ? n : text;
}

export function insertResults(db: Database, plan: WritePlan, assessmentId: number, batchId: number, schoolIds: Map<string, number>): number {
  const pairs = [...new Set(schoolIds.values())].map((schoolId) => [assessmentId, schoolId] as const);
  // every score written is of a result written just before it: no lookup of its result (score-key.ts)
  return insertingResultsOf(db, pairs, () => writingScores(db, () => writeRows(db, plan, assessmentId, batchId, schoolIds)));
}

function writeRows(db: Database, plan: WritePlan, assessmentId: number, batchId: number, schoolIds: Map<string, number>): number {
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
  // The task codes (digits, «.», «К»: task-header.ts) are written into it, not bound on every row.
  // OR FAIL, and no trigger on the table while the import writes (score-key.ts): nothing in the
  // statement aborts, so SQLite keeps no statement journal for it; a failure still undoes the
  // whole file (envelope.ts).
  const rowOfScores = db.prepare(
    `INSERT OR FAIL INTO task_score (result_id, task_code, score, raw) VALUES ${codes.map((code) => `(?1, ${sqlText(code)}, ?, ?)`).join(', ')}`,
  );
  // replaceEarlierResults() emptied every pair this plan writes: its rows are the pairs' rows, whole
  const summaries = beginWrittenPairs(assessmentId, codes);
  const resultValues = new Array<SqlValue>(12);
  const rowValues = new Array<SqlValue>(1 + codes.length * 2);
  try {
    plan.rows.forEach((row, i) => {
      resultId += 1;
      resultValues[0] = resultId;
      resultValues[1] = assessmentId;
      const schoolId = schoolIds.get(row.schoolLogin!)!;
      resultValues[2] = schoolId;
      resultValues[3] = textBinding(row.participantCode);
      resultValues[4] = row.classLabel;
      resultValues[5] = row.classOrdinal;
      resultValues[6] = textBinding(row.variant);
      resultValues[7] = row.absent ? 1 : 0;
      resultValues[8] = row.primaryScore;
      resultValues[9] = row.mark;
      resultValues[10] = row.journalMark;
      resultValues[11] = batchId;
      result.run(resultValues);
      summaries.add(schoolId, row, row.scores, row.raws);
      if (row.raws.every((raw) => raw !== null)) {
        rowValues[0] = resultId;
        for (let t = 0; t < codes.length; t++) {
          rowValues[1 + t * 2] = row.scores[t];
          rowValues[2 + t * 2] = textBinding(row.raws[t]);
        }
        rowOfScores.run(rowValues);
        taskScores += codes.length;
      } else {
        for (let t = 0; t < codes.length; t++) {
          if (row.raws[t] === null) continue;
          oneScore.run([resultId, codes[t], row.scores[t], textBinding(row.raws[t])]);
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
  summaries.store(db);
  plan.onProgress?.(total, total);
  return taskScores;
}
