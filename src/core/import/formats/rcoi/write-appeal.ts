import type { Database, SqlValue } from '../../../db.ts';
import { queryObjects } from '../../../db.ts';
import { fileError, plural } from '../../messages.ts';
import { examLabel, levelOf, resolveSubject } from './exam.ts';
import type { ExamKind } from './exam-kind.ts';
import type { People } from './people.ts';
import type { AppealRow } from './read-appeal.ts';
import type { RcoiSchools } from './schools.ts';

interface Candidate {
  result_id: number;
  kind: ExamKind;
  level: string;
  year: number;
  exam_date: string | null;
  primary_score: number | null;
  mark: number | null;
  test_score: number | null;
  appeal_status: string | null;
}

export interface AppealSession {
  db: Database;
  batchId: number;
  changedAt: string;
  people: People;
  schools: RcoiSchools;
  warnings: string[];
  /** result ids already updated by this file, to refuse the same appeal twice */
  updated: Map<number, number>;
}

const CANDIDATE_SQL = `
  SELECT r.result_id, a.kind, a.level, a.year, a.exam_date, r.primary_score, r.mark, r.test_score, r.appeal_status
  FROM result r JOIN assessment a USING (assessment_id)
  WHERE a.subject_code = ? AND a.sitting = ? AND (? = '' OR a.level = ?)`;

/**
 * The result an appeal row is about: the same exam (subject and date) and the same person — by
 * ФИО + document when the row has a document, else by ФИО within the ОО of «Код ОО».
 */
function findResults(session: AppealSession, row: AppealRow, subjectCode: string): Candidate[] {
  const { db, people, schools } = session;
  // «Математика» alone matches either level; «Математика базовая» only the base exam.
  const level = levelOf(row.exam.subject);
  const base = [subjectCode, row.exam.examDate, level, level];
  const keys = people.keys(row.person, row.schoolCode ?? '');
  if (row.person.document) {
    const byDocument = queryObjects<Candidate>(db, `${CANDIDATE_SQL} AND r.student_id IN (SELECT student_id FROM student WHERE person_key = ?)`, [
      ...base,
      keys.personKey,
    ]);
    if (byDocument.length) return byDocument;
  }
  const schoolId = row.schoolCode === null ? null : schools.existing(row.schoolCode);
  if (row.schoolCode !== null && schoolId === null) return [];
  return queryObjects<Candidate>(
    db,
    `${CANDIDATE_SQL} AND r.student_id IN (SELECT student_id FROM person_name_key WHERE name_key = ?) AND (? IS NULL OR r.school_id = ?)`,
    [...base, keys.nameKey, schoolId, schoolId],
  );
}

function sameValue(a: SqlValue, b: SqlValue): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-9);
}

/** Updates the matching result and keeps every previous value in result_history. */
export function applyAppeal(session: AppealSession, row: AppealRow): string {
  const { db } = session;
  const subject = resolveSubject(db, row.exam.subject, row.examPlace, row.examText);
  const found = findResults(session, row, subject.code);
  const examName = `${subject.name}, ${row.exam.examDate.split('-').reverse().join('.')}`;
  if (found.length !== 1) {
    const problem =
      found.length === 0
        ? `участник не найден среди загруженных результатов экзамена «${examName}» (сравниваются ФИО, документ и код ОО). ` +
          'Сначала загрузите протокол этого экзамена, затем файл апелляций.'
        : `под эти ФИО подходят ${found.length} ${plural(found.length, 'результат', 'результата', 'результатов')} экзамена «${examName}» — нельзя понять, чей результат изменён. ` +
          'Добавьте в файл столбцы «Документ» или «Код ОО» и загрузите его снова.';
    throw fileError('invalid-value', row.cells.placeOfRow(), problem);
  }
  const result = found[0];
  const earlierRow = session.updated.get(result.result_id);
  if (earlierRow !== undefined) {
    throw fileError(
      'invalid-value',
      row.cells.placeOfRow(),
      `апелляция этого участника уже есть в строке ${earlierRow}. Удалите повторную строку и загрузите файл снова.`,
    );
  }
  session.updated.set(result.result_id, row.cells.row);

  const testScoreExam = result.kind === 'ege' && result.level !== 'base';
  const finalColumn = testScoreExam ? 'test_score' : 'mark';
  let finalValue: number | null = null;
  if (row.finalField) {
    finalValue = testScoreExam
      ? row.cells.integerIn(row.finalField, 0, 100, 'тестовый балл ЕГЭ должен быть целым числом от 0 до 100')
      : row.cells.integerIn(row.finalField, 2, 5, 'оценка должна быть целым числом от 2 до 5');
  }
  const status = row.state ?? row.appealType;
  const changes: Array<[string, SqlValue, SqlValue]> = [];
  if (row.primary !== null && !sameValue(result.primary_score, row.primary)) changes.push(['primary_score', result.primary_score, row.primary]);
  const oldFinal = testScoreExam ? result.test_score : result.mark;
  if (finalValue !== null && !sameValue(oldFinal, finalValue)) changes.push([finalColumn, oldFinal, finalValue]);
  if (status !== null && result.appeal_status !== status) changes.push(['appeal_status', result.appeal_status, status]);

  if (row.previous !== null && oldFinal !== null && !sameValue(row.previous, oldFinal)) {
    session.warnings.push(
      `Строка ${row.cells.row}: «Балл до изменения» в файле — ${row.previous}, а в базе было ${oldFinal}; в истории сохранено значение из базы.`,
    );
  }
  const reason = [row.appealType, row.state].filter((text) => text !== null).join(': ') || 'апелляция';
  for (const [column, oldValue, newValue] of changes) {
    db.run(`UPDATE result SET ${column} = ? WHERE result_id = ?`, [newValue, result.result_id]);
    db.run('INSERT INTO result_history (result_id, changed_at, batch_id, column_name, old_value, new_value, reason) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      result.result_id,
      session.changedAt,
      session.batchId,
      column,
      oldValue,
      newValue,
      reason,
    ]);
  }
  return examLabel({
    kind: result.kind,
    grade: result.kind === 'oge' || result.kind === 'gve9' ? 9 : 11,
    year: result.year,
    subjectCode: subject.code,
    subjectName: subject.name,
    level: result.level as '' | 'base' | 'prof',
    examCode: null,
    examDate: result.exam_date,
    stage: '',
    term: '',
  });
}
