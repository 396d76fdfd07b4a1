import type { Database } from '../../../db.ts';
import type { Statement } from 'sql.js';
import { queryAll, queryValue } from '../../../db.ts';
import { invalidValue, plural } from '../../messages.ts';
import { blockTasks, rowTaskScores } from './block-tasks.ts';
import type { Exam } from './exam.ts';
import { examLabel, upsertExam, upsertTasks } from './exam.ts';
import type { People } from './people.ts';
import type { ProtocolBlock, ProtocolRow } from './read-protocol.ts';
import type { RcoiSchools } from './schools.ts';
import { writingScores } from '../../../schema/score-key.ts';

export interface WriteSession {
  db: Database;
  batchId: number;
  schools: RcoiSchools;
  people: People;
  warnings: string[];
  /** `${assessmentId}:${studentId}` → Excel row, across the blocks of the file */
  seen: Map<string, number>;
  progress: () => void;
}

function duplicatePerson(parsed: ProtocolBlock, row: ProtocolRow, earlierRow: number): Error {
  const column = parsed.block.fields.surname ?? parsed.block.fields.fullName;
  return invalidValue(
    { ...parsed.place, row: row.row, column: column?.header },
    row.person.surname ?? row.person.fullName ?? '',
    `этот участник (те же ФИО и документ) уже есть в строке ${earlierRow} этого экзамена`,
    'Удалите повторную строку и загрузите файл снова.',
  );
}

/**
 * Results of the same exam loaded earlier from another file are replaced: a person's row by the
 * person, rows without a name by school. Their history and task scores go with them.
 */
function replaceEarlier(db: Database, ids: number[]): { n: number; files: string[] } {
  if (ids.length === 0) return { n: 0, files: [] };
  const list = ids.join(',');
  const files = queryAll(
    db,
    `SELECT DISTINCT b.file_name FROM result r JOIN import_batch b ON b.import_batch_id = r.import_batch_id WHERE r.result_id IN (${list}) ORDER BY 1`,
  ).rows.map((row) => String(row[0]));
  db.run(`DELETE FROM result_history WHERE result_id IN (${list})`);
  db.run(`DELETE FROM task_score WHERE result_id IN (${list})`);
  db.run(`DELETE FROM result WHERE result_id IN (${list})`);
  return { n: ids.length, files };
}

/** Writes one protocol block: the assessment, its tasks, results, task scores and students. */
export function writeProtocolBlock(session: WriteSession, parsed: ProtocolBlock, exam: Exam): { rows: number; taskScores: number; label: string } {
  // every score written is of a result written just before it: no lookup of its result (score-key.ts)
  return writingScores(session.db, () => writeBlock(session, parsed, exam));
}

function writeBlock(session: WriteSession, parsed: ProtocolBlock, exam: Exam): { rows: number; taskScores: number; label: string } {
  const { db, batchId, schools, people } = session;
  const assessmentId = upsertExam(db, exam);
  const tasks = blockTasks(parsed.rows);
  upsertTasks(db, assessmentId, tasks);
  const shortCount = tasks.filter((task) => task.part === 'short').length;
  const label = examLabel(exam);

  const earlierOfStudent = db.prepare('SELECT result_id FROM result WHERE assessment_id = ? AND student_id = ? AND import_batch_id IS NOT ?');
  const earlierOfSchool = db.prepare(
    'SELECT result_id FROM result WHERE assessment_id = ? AND school_id = ? AND student_id IS NULL AND import_batch_id IS NOT ?',
  );
  const insertResult = db.prepare(
    `INSERT INTO result (result_id, assessment_id, school_id, student_id, participant_code, class_label, variant, primary_score, mark, test_score,
                         primary_written, primary_oral, short_mask, long_mask, oral_mask, ppe_code, auditorium, msu_code, import_batch_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // A participant's task scores in one statement: a statement step per score is most of the time at 100k rows.
  // OR FAIL, and no trigger on the table while it writes, keep it free of a statement journal (write-results.ts says why).
  const insertScores = new Map<number, Statement>();
  const scoresStatement = (count: number): Statement => {
    let stmt = insertScores.get(count);
    if (!stmt) {
      stmt = db.prepare(`INSERT OR FAIL INTO task_score (result_id, task_code, score, raw) VALUES ${new Array(count).fill('(?, ?, ?, ?)').join(', ')}`);
      insertScores.set(count, stmt);
    }
    return stmt;
  };
  const selectId = (stmt: ReturnType<Database['prepare']>, params: (number | null)[]): number[] => {
    stmt.bind(params);
    const ids: number[] = [];
    while (stmt.step()) ids.push(stmt.get()[0] as number);
    stmt.reset();
    return ids;
  };

  let taskScores = 0;
  const replacedIds: number[] = [];
  const schoolsWithoutNames = new Set<number>();
  const participantCodes = new Map<string, number>();
  try {
    const prepared = parsed.rows.map((row) => {
      const schoolId = schools.idOf(row.schoolCode, row.msuCode, parsed.block.region);
      const studentId = people.studentId(row.person, row.schoolCode);
      if (studentId !== null) {
        const key = `${assessmentId}:${studentId}`;
        const earlier = session.seen.get(key);
        if (earlier !== undefined) {
          throw duplicatePerson(parsed, row, earlier);
        }
        session.seen.set(key, row.row);
        replacedIds.push(...selectId(earlierOfStudent, [assessmentId, studentId, batchId]));
      } else if (!schoolsWithoutNames.has(schoolId)) {
        schoolsWithoutNames.add(schoolId);
        replacedIds.push(...selectId(earlierOfSchool, [assessmentId, schoolId, batchId]));
      }
      if (row.participantCode !== null) {
        const key = `${schoolId}:${row.participantCode}`;
        const earlier = participantCodes.get(key);
        if (earlier !== undefined) {
          throw invalidValue(
            { ...parsed.place, row: row.row, column: parsed.block.fields.participant!.header },
            row.participantCode,
            `этот код участника уже есть в строке ${earlier} этого экзамена`,
            'Удалите повторную строку и загрузите файл снова.',
          );
        }
        participantCodes.set(key, row.row);
      }
      return { row, schoolId, studentId };
    });

    const replaced = replaceEarlier(db, [...new Set(replacedIds)]);
    if (replaced.n > 0) {
      const from = replaced.files.length ? ` из ${replaced.files.map((file) => `«${file}»`).join(', ')}` : '';
      session.warnings.push(
        `Экзамен «${label}»: ${replaced.n} ${plural(replaced.n, 'результат', 'результата', 'результатов')}, загруженных ранее${from}, ` +
          'заменены данными этого файла.',
      );
    }

    let resultId = Number(queryValue(db, 'SELECT COALESCE(MAX(result_id), 0) FROM result'));
    for (const { row, schoolId, studentId } of prepared) {
      resultId++;
      insertResult.run([
        resultId,
        assessmentId,
        schoolId,
        studentId,
        row.participantCode,
        row.classLabel,
        row.variant,
        row.primary,
        row.mark,
        row.testScore,
        row.primaryWritten,
        row.primaryOral,
        row.shortMask,
        row.longMask,
        row.oralMask,
        row.ppeCode,
        row.auditorium,
        row.msuCode,
        batchId,
      ]);
      const scores = rowTaskScores(row, shortCount);
      if (scores.length) {
        scoresStatement(scores.length).run(scores.flatMap(([code, score, raw]) => [resultId, code, score, raw]));
        taskScores += scores.length;
      }
      session.progress();
    }
  } finally {
    earlierOfStudent.free();
    earlierOfSchool.free();
    insertResult.free();
    for (const stmt of insertScores.values()) stmt.free();
  }
  return { rows: parsed.rows.length, taskScores, label };
}
