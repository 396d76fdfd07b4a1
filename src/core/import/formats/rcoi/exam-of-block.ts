import type { Database } from '../../../db.ts';
import { guessSubjectCode } from '../../subjects.ts';
import type { ImportContext } from '../../types.ts';
import { ImportError } from '../../types.ts';
import type { Exam } from './exam.ts';
import { examLevel, resolveSubject } from './exam.ts';
import type { RcoiContext } from './exam-kind.ts';
import type { ProtocolBlock } from './read-protocol.ts';
import { isoOfTitleDate } from './title.ts';

const FIELD_LABELS: Partial<Record<keyof ImportContext, string>> = { subject: 'предмет', year: 'год', grade: 'класс (9 или 11)' };

/** 'needs-context': the UI asks for the fields and imports again with them. */
export function needsContext(db: Database, fileName: string, fields: Array<keyof ImportContext>, why: string): ImportError {
  const guess: ImportContext = {};
  // «12_2026.07.03.csv» — the file name is only a guess that pre-fills the question.
  const date = /(20\d{2})[._-](\d{2})[._-](\d{2})/.exec(fileName);
  const year = date ? date[1] : /(?:^|\D)(20\d{2})(?!\d)/.exec(fileName)?.[1];
  if (year) guess.year = Number(year);
  const subject = guessSubjectCode(db, fileName);
  if (subject) guess.subject = subject;
  const grade = /(?:^|\D)(9|11)\s*[-_ ]?\s*кл|огэ|гвэ-?9|егэ|гвэ-?11/i.exec(fileName)?.[0].toLowerCase();
  if (grade) guess.grade = /11|егэ/.test(grade) ? 11 : 9;
  const names = fields.map((field) => FIELD_LABELS[field] ?? field);
  return new ImportError({
    code: 'needs-context',
    file: fileName,
    message: `Файл «${fileName}»: ${why} Укажите ${names.join(' и ')}, и файл будет загружен.`,
    needs: { fields, guess },
  });
}

/** The assessment a protocol block belongs to: its title, or what the user gave for a title-less export. */
export function examOfBlock(db: Database, fileName: string, parsed: ProtocolBlock, context: RcoiContext): Exam {
  const { block } = parsed;
  const title = block.title;
  if (title) {
    const place = { ...parsed.place, row: block.titleRow ?? undefined, column: block.titleColumn ?? undefined };
    const subject = resolveSubject(db, title.subject, place, title.text);
    return build(parsed, subject, Number(title.examDate.slice(0, 4)), title.examDate, title.code, title.subject);
  }
  const examDate = context.examDate ? (isoOfTitleDate(context.examDate.replace(/-/g, '.')) ?? null) : null;
  const year = context.year ?? (examDate ? Number(examDate.slice(0, 4)) : undefined);
  const missing: Array<keyof ImportContext> = [];
  if (!context.subject) missing.push('subject');
  if (year === undefined) missing.push('year');
  if (missing.length) {
    throw needsContext(db, fileName, missing, 'над таблицей нет заголовка экзамена «NN - Предмет ГГГГ.ММ.ДД», поэтому предмет и год неизвестны.');
  }
  const subject = resolveSubject(db, context.subject!, { file: fileName }, context.subject!);
  return build(parsed, subject, year!, examDate, null, context.subject!);
}

function build(
  parsed: ProtocolBlock,
  subject: { code: string; name: string },
  year: number,
  examDate: string | null,
  examCode: string | null,
  subjectText: string,
): Exam {
  const { kind, grade } = parsed.decision;
  return {
    kind,
    grade,
    year,
    subjectCode: subject.code,
    subjectName: subject.name,
    level: examLevel(kind, subject.code, subjectText),
    examCode,
    examDate,
    stage: parsed.stage,
    term: parsed.term,
  };
}
