import type { ImportContext } from '../../types.ts';

export type ExamKind = 'oge' | 'gve9' | 'ege' | 'gve11';

/**
 * What the UI may add to ImportContext for РЦОИ files. Every field overrides what the file
 * suggests; a file whose exam is ambiguous (a title-less export) asks for them.
 */
export interface RcoiContext extends ImportContext {
  examKind?: ExamKind;
  /** ISO date of the exam, for exports without a title line */
  examDate?: string;
  stage?: string;
  term?: string;
}

/** ГВЭ exam codes in РЦОИ titles (SCRM exams/passing.py): 51 русский язык, 52 математика. */
export const GVE_EXAM_CODES: ReadonlySet<string> = new Set(['51', '52']);

export interface KindEvidence {
  override?: ExamKind;
  /** ImportContext.grade */
  contextGrade?: number;
  /** «ГВЭ» in the title */
  titleGve: boolean;
  /** «ОГЭ»/«ЕГЭ»/«ГВЭ-9»/«ГВЭ-11» in the title */
  titleGrade: 9 | 11 | null;
  examCode: string | null;
  /** «Класс» cells of the block: '9А', '11', 11 */
  classLabels: readonly string[];
  hasTestScore: boolean;
  hasMark: boolean;
  /** «Математика базовая» */
  baseMath: boolean;
}

export interface KindDecision {
  kind: ExamKind;
  grade: 9 | 11;
  /** Russian, for the import summary: why this kind */
  reason: string;
}

const GRADE_OF_KIND: Record<ExamKind, 9 | 11> = { oge: 9, gve9: 9, ege: 11, gve11: 11 };

/** The grade most «Класс» cells start with: '9А' → 9; 10, 11 and 12 (evening schools) → 11. */
export function gradeOfClasses(labels: readonly string[]): 9 | 11 | null {
  let nine = 0;
  let eleven = 0;
  for (const label of labels) {
    const digits = /^\s*(\d{1,2})/.exec(label);
    if (!digits) continue;
    const n = Number(digits[1]);
    if (n === 9) nine++;
    else if (n >= 10 && n <= 12) eleven++;
  }
  if (nine === 0 && eleven === 0) return null;
  return nine >= eleven ? 9 : 11;
}

function isGveCode(code: string | null): boolean {
  if (code === null || !/^\d+$/.test(code)) return false;
  return GVE_EXAM_CODES.has(String(Number(code)));
}

/**
 * ОГЭ, ГВЭ-9, ЕГЭ or ГВЭ-11, in this order of evidence:
 *  1. options.context.examKind, when given, decides;
 *  2. ГВЭ: «ГВЭ» in the title or an exam code in GVE_EXAM_CODES (51, 52);
 *  3. grade: options.context.grade → «ОГЭ»/«ЕГЭ»/«ГВЭ-9»/«ГВЭ-11» in the title → the «Класс»
 *     column ('9А' → 9, 10–12 → 11) → base mathematics (ЕГЭ only) → a test-score column
 *     («Тестовый балл»/«Балл») → 11, a mark column («Оценка») alone → 9;
 *  4. grade 9 → ОГЭ (ГВЭ-9 if step 2 said ГВЭ); grade 11 → ЕГЭ (ГВЭ-11 if step 2 said ГВЭ, or
 *     when the block has marks but no test score and is not base mathematics: ЕГЭ gives points).
 * null when nothing points to a grade: the importer then asks for it.
 */
export function decideKind(evidence: KindEvidence): KindDecision | null {
  if (evidence.override) {
    return { kind: evidence.override, grade: GRADE_OF_KIND[evidence.override], reason: 'указано при загрузке' };
  }
  const gve = evidence.titleGve || isGveCode(evidence.examCode);
  let grade: 9 | 11 | null = null;
  let reason = '';
  if (evidence.contextGrade === 9 || evidence.contextGrade === 11) {
    grade = evidence.contextGrade;
    reason = 'класс указан при загрузке';
  } else if (evidence.titleGrade) {
    grade = evidence.titleGrade;
    reason = 'по заголовку экзамена';
  } else {
    const fromClasses = gradeOfClasses(evidence.classLabels);
    if (fromClasses) {
      grade = fromClasses;
      reason = 'по столбцу «Класс»';
    } else if (evidence.baseMath) {
      grade = 11;
      reason = 'математика базового уровня сдаётся только в ЕГЭ';
    } else if (evidence.hasTestScore) {
      grade = 11;
      reason = 'в протоколе есть тестовый балл';
    } else if (evidence.hasMark) {
      grade = 9;
      reason = 'в протоколе есть только оценка';
    }
  }
  if (grade === null) return null;
  if (grade === 9) return { kind: gve ? 'gve9' : 'oge', grade, reason: gve ? `ГВЭ по заголовку или коду экзамена; ${reason}` : reason };
  if (gve) return { kind: 'gve11', grade, reason: `ГВЭ по заголовку или коду экзамена; ${reason}` };
  if (evidence.hasMark && !evidence.hasTestScore && !evidence.baseMath) {
    return { kind: 'gve11', grade, reason: `${reason}; оценка без тестового балла бывает только в ГВЭ` };
  }
  return { kind: 'ege', grade, reason };
}

export const KIND_LABELS: Record<ExamKind, string> = { oge: 'ОГЭ', gve9: 'ГВЭ-9', ege: 'ЕГЭ', gve11: 'ГВЭ-11' };
