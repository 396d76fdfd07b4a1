import type { Database } from '../../db.ts';
import { fileError, invalidValue } from '../messages.ts';
import type { ParsedSheet, WorkFacts } from './records.ts';
import { findSubjectCode, guessSubjectCode, subjectName } from '../subjects.ts';
import type { ImportContext } from '../types.ts';
import { ImportError } from '../types.ts';

/** The work a file holds, with every field known. */
export interface ResolvedWork {
  year: number;
  subjectCode: string;
  subjectName: string;
  grade: number;
  maxPrimary: number;
  examDate: string | null;
}

type Needed = keyof ImportContext;

const NEEDED_LABELS: Partial<Record<Needed, string>> = {
  schoolLogin: 'ОО (логин ФИС ОКО)',
  year: 'год',
  subject: 'предмет',
  grade: 'класс',
};

/** What a file name suggests («Форма сбора результатов Английский язык 8 класс ВПР 2026.xlsx»). Only a guess. */
export function guessFromFileName(db: Database, fileName: string): ImportContext {
  const guess: ImportContext = {};
  const year = /(?:^|\D)(20\d{2})(?!\d)/.exec(fileName);
  if (year) guess.year = Number(year[1]);
  const grade = /(?:^|\D)(\d{1,2})\s*[-_ ]?\s*(?:й\s*)?кл/i.exec(fileName);
  if (grade && Number(grade[1]) >= 1 && Number(grade[1]) <= 11) guess.grade = Number(grade[1]);
  const subject = guessSubjectCode(db, fileName);
  if (subject) guess.subject = subject;
  const login = /(edu|sch)\d{6}/i.exec(fileName);
  if (login) guess.schoolLogin = login[0].toLowerCase();
  return guess;
}

function listRu(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} и ${items[items.length - 1]}`;
}

function checkContext(file: string, context: ImportContext): void {
  const bad = (what: string, value: unknown, rule: string) =>
    fileError('invalid-value', { file }, `${what} «${String(value)}» указан неверно — ${rule}. Исправьте и загрузите файл снова.`);
  if (context.year !== undefined && !(Number.isInteger(context.year) && context.year >= 2000 && context.year <= 2100)) {
    throw bad('год', context.year, 'нужен год проведения, например 2026');
  }
  if (context.grade !== undefined && !(Number.isInteger(context.grade) && context.grade >= 1 && context.grade <= 11)) {
    throw bad('класс', context.grade, 'нужно число от 1 до 11');
  }
  if (context.schoolLogin !== undefined && !/^(edu|sch)\d{4,8}$/i.test(context.schoolLogin.trim())) {
    throw bad('логин ОО', context.schoolLogin, 'нужен логин ФИС ОКО: «edu» и шесть цифр, например edu203389');
  }
}

/** The work with everything known except, perhaps, the maximum score (aggregate reports may omit it). */
export type ResolvedWorkFacts = Omit<ResolvedWork, 'maxPrimary'> & { maxPrimary: number | null };

/**
 * Combines what the file says with what the user told us. What the file states wins; the
 * file name is never trusted, it only pre-fills the question ('needs-context').
 */
export function resolveWorkFacts(db: Database, file: string, facts: WorkFacts, given: ImportContext = {}, needsSchool = false): ResolvedWorkFacts {
  checkContext(file, given);
  const year = facts.year ?? given.year;
  const subject = facts.subjectName ?? given.subject;
  const grade = facts.grade ?? given.grade;
  const needed: Needed[] = [];
  if (needsSchool && !given.schoolLogin) needed.push('schoolLogin');
  if (year === undefined) needed.push('year');
  if (subject === undefined || subject.trim() === '') needed.push('subject');
  if (grade === undefined) needed.push('grade');
  if (needed.length) {
    throw new ImportError({
      code: 'needs-context',
      file,
      message: `Файл «${file}»: в файле не указаны ${listRu(needed.map((field) => NEEDED_LABELS[field] ?? field))}. ` + 'Укажите их, и файл будет загружен.',
      needs: { fields: needed, guess: guessFromFileName(db, file) },
    });
  }
  const subjectCode = findSubjectCode(db, subject!);
  if (!subjectCode) {
    const place = facts.subjectPlace ?? { file };
    throw invalidValue(
      place,
      subject!,
      'такого предмета нет в справочнике предметов',
      'Добавьте это название в таблицу subject_code_alias (source = «name», code — название строчными буквами) и загрузите файл снова.',
    );
  }
  return {
    year: year!,
    subjectCode,
    subjectName: subjectName(db, subjectCode),
    grade: grade!,
    maxPrimary: facts.maxPrimary ?? null,
    examDate: facts.examDate ?? null,
  };
}

export function resolveWork(db: Database, file: string, parsed: ParsedSheet, given: ImportContext = {}): ResolvedWork {
  const needsSchool = parsed.rows.some((row) => row.schoolLogin === null);
  const facts = resolveWorkFacts(db, file, parsed.work, given, needsSchool);
  return { ...facts, maxPrimary: facts.maxPrimary ?? parsed.tasks.reduce((sum, task) => sum + task.max, 0) };
}

/** Rows of a form that names no school get the school the user chose. */
export function applySchoolContext(parsed: ParsedSheet, given: ImportContext = {}): void {
  if (!given.schoolLogin) return;
  const login = given.schoolLogin.trim().toLowerCase();
  for (const row of parsed.rows) {
    row.schoolLogin ??= login;
    if (row.schoolLogin === login) row.schoolName ??= given.schoolName?.trim() || null;
    if (row.schoolLogin === login) row.municipalityName ??= given.municipalityName?.trim() || null;
  }
}

export function workLabel(work: Pick<ResolvedWork, 'year' | 'subjectName' | 'grade'>): string {
  return `ВПР ${work.year}, ${work.subjectName}, ${work.grade} класс`;
}
