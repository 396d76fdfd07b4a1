import type { Database } from '../../../db.ts';
import { queryValue } from '../../../db.ts';
import { invalidValue } from '../../messages.ts';
import type { Place } from '../../messages.ts';
import { findSubjectCode, subjectName } from '../../subjects.ts';
import type { ExamKind } from './exam-kind.ts';
import { KIND_LABELS } from './exam-kind.ts';
import type { MaskPart } from './masks.ts';

/** One administration of an exam: an assessment row. */
export interface Exam {
  kind: ExamKind;
  grade: 9 | 11;
  year: number;
  subjectCode: string;
  subjectName: string;
  /** 'base' / 'prof' for ЕГЭ mathematics, '' otherwise */
  level: '' | 'base' | 'prof';
  examCode: string | null;
  /** ISO; also assessment.sitting ('' when unknown) */
  examDate: string | null;
  stage: string;
  term: string;
}

export interface ExamTask {
  code: string;
  part: MaskPart;
  position: number;
  max: number;
}

const LEVEL_WORDS = /\(?\s*(?:базов|профильн)[а-яё]*(?:\s+уров[а-яё]*)?\s*\)?/gi;

/** Spellings to try in subject_code_alias: as written, without brackets, without the level words. */
function subjectCandidates(text: string): string[] {
  const squeeze = (s: string) => s.replace(/\s+/g, ' ').trim();
  const plain = squeeze(text);
  return [
    ...new Set([
      plain,
      squeeze(plain.replace(/\([^)]*\)/g, ' ')),
      squeeze(plain.replace(LEVEL_WORDS, ' ')),
      squeeze(plain.replace(/\([^)]*\)/g, ' ').replace(LEVEL_WORDS, ' ')),
    ]),
  ].filter((s) => s !== '');
}

export function levelOf(subjectText: string): '' | 'base' | 'prof' {
  if (/базов/i.test(subjectText)) return 'base';
  if (/профил/i.test(subjectText)) return 'prof';
  return '';
}

/** The subject of a title through subject_code_alias (source 'name'); an unknown one is an error at `place`. */
export function resolveSubject(db: Database, subjectText: string, place: Place, value: string): { code: string; name: string } {
  for (const candidate of subjectCandidates(subjectText)) {
    const code = findSubjectCode(db, candidate);
    if (code) return { code, name: subjectName(db, code) };
  }
  throw invalidValue(
    place,
    value,
    `предмет «${subjectText}» не найден в справочнике предметов`,
    'Добавьте это название в таблицу subject_code_alias (source = «name», code — название строчными буквами) и загрузите файл снова.',
  );
}

/** ЕГЭ mathematics is always base or profile; «Математика» alone in ЕГЭ is the profile exam. */
export function examLevel(kind: ExamKind, subjectCode: string, subjectText: string): '' | 'base' | 'prof' {
  const level = levelOf(subjectText);
  if (level) return level;
  return kind === 'ege' && subjectCode === 'math' ? 'prof' : '';
}

function ruDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

/** «ЕГЭ 2022, Математика (базовый уровень), 27.06.2022» */
export function examLabel(exam: Exam): string {
  const level = exam.level === 'base' ? ' (базовый уровень)' : exam.level === 'prof' ? ' (профильный уровень)' : '';
  const date = exam.examDate ? `, ${ruDate(exam.examDate)}` : '';
  return `${KIND_LABELS[exam.kind]} ${exam.year}, ${exam.subjectName}${level}${date}`;
}

export function upsertExam(db: Database, exam: Exam): number {
  const sitting = exam.examDate ?? '';
  const found = queryValue(
    db,
    'SELECT assessment_id FROM assessment WHERE kind = ? AND year = ? AND subject_code = ? AND grade = ? AND level = ? AND sitting = ?',
    [exam.kind, exam.year, exam.subjectCode, exam.grade, exam.level, sitting],
  );
  if (typeof found === 'number') {
    db.run(
      `UPDATE assessment SET exam_code = COALESCE(exam_code, ?), exam_date = COALESCE(exam_date, ?), stage = COALESCE(stage, ?), term = COALESCE(term, ?)
       WHERE assessment_id = ?`,
      [exam.examCode, exam.examDate, exam.stage, exam.term, found],
    );
    return found;
  }
  db.run(
    `INSERT INTO assessment (kind, year, subject_code, grade, level, exam_code, exam_date, stage, term, sitting)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [exam.kind, exam.year, exam.subjectCode, exam.grade, exam.level, exam.examCode, exam.examDate, exam.stage, exam.term, sitting],
  );
  return Number(queryValue(db, 'SELECT last_insert_rowid()'));
}

/** A short task's maximum is only a lower bound (masks.ts), so the larger of old and new is kept. */
export function upsertTasks(db: Database, assessmentId: number, tasks: readonly ExamTask[]): void {
  const upsert = db.prepare(
    `INSERT INTO assessment_task (assessment_id, task_code, position, max_score, part) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (assessment_id, task_code) DO UPDATE SET
       position = COALESCE(position, excluded.position),
       max_score = max(COALESCE(max_score, 0), excluded.max_score),
       part = COALESCE(part, excluded.part)`,
  );
  try {
    for (const task of tasks) upsert.run([assessmentId, task.code, task.position, task.max, task.part]);
  } finally {
    upsert.free();
  }
}
