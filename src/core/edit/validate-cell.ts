import type { Database, SqlValue } from '../db.ts';
import { queryValue } from '../db.ts';

export type CellCheck = { ok: true; value: SqlValue } | { ok: false; message: string };

const MARK_COLUMNS: Record<string, string> = {
  'result.mark': 'Отметка',
  'result.journal_mark': 'Отметка по журналу',
  'term_mark.mark': 'Отметка',
};

/** Russian decimals («12,5») and stray spaces are what people type; both are accepted. */
/** Flags stored as 0/1. */
const FLAG_COLUMNS = new Set(['result.absent', 'school.is_active', 'objectivity_flag.flagged']);

export function parseNumber(value: SqlValue): number | null | undefined {
  if (value === null) return null;
  if (typeof value === 'number') return value;
  if (value instanceof Uint8Array) return undefined;
  const text = value.trim().replace(/\s+/g, '').replace(',', '.');
  if (text === '') return null;
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
}

/**
 * Checks a value typed into the grid before it is written: the same rules an import applies,
 * so an edit can never put into the database what an import would refuse. `row`: the condition
 * that finds the edited row (row-key.ts, keyCondition); null for a value without a row yet (an
 * import's), whose work — and so its maximum score — is not known here.
 */
export function validateCell(
  db: Database,
  table: string,
  column: string,
  declaredType: string,
  row: { sql: string; params: SqlValue[] } | null,
  value: SqlValue,
): CellCheck {
  const markLabel = MARK_COLUMNS[`${table}.${column}`];
  if (markLabel) {
    const mark = parseNumber(value);
    if (mark === null) return { ok: true, value: null };
    if (mark === undefined || !Number.isInteger(mark) || mark < 2 || mark > 5) {
      return { ok: false, message: `«${markLabel}»: значение «${String(value)}» не принято — отметка должна быть целым числом от 2 до 5 или пустой.` };
    }
    return { ok: true, value: mark };
  }
  if (FLAG_COLUMNS.has(`${table}.${column}`)) {
    const flag = parseNumber(value);
    if (flag === 0 || flag === 1) return { ok: true, value: flag };
    if (flag === null && column === 'flagged') return { ok: true, value: null };
    return { ok: false, message: `«${column}»: значение «${String(value)}» не принято — здесь только 1 (да) или 0 (нет).` };
  }
  if (table === 'result' && column === 'test_score') {
    const score = parseNumber(value);
    if (score === null) return { ok: true, value: null };
    if (score === undefined || !Number.isInteger(score) || score < 0 || score > 100) {
      return { ok: false, message: `«Тестовый балл»: значение «${String(value)}» не принято — нужен целый балл от 0 до 100 или пустая ячейка.` };
    }
    return { ok: true, value: score };
  }
  if (table === 'result' && column === 'primary_score') {
    const score = parseNumber(value);
    if (score === null) return { ok: true, value: null };
    const max =
      row && queryValue(db, `SELECT a.max_primary FROM assessment a WHERE a.assessment_id = (SELECT assessment_id FROM result WHERE ${row.sql})`, row.params);
    if (score === undefined || score < 0 || (typeof max === 'number' && score > max)) {
      const range = typeof max === 'number' ? `от 0 до ${max}` : 'не меньше 0';
      return { ok: false, message: `«Первичный балл»: значение «${String(value)}» не принято — балл должен быть ${range}.` };
    }
    return { ok: true, value: score };
  }
  if (table === 'task_score' && column === 'score') {
    const score = parseNumber(value);
    if (score === null) return { ok: true, value: null };
    const max =
      row &&
      queryValue(
        db,
        `SELECT t.max_score FROM (SELECT result_id, task_code FROM task_score WHERE ${row.sql}) ts JOIN result r USING(result_id)
         JOIN assessment_task t ON t.assessment_id = r.assessment_id AND t.task_code = ts.task_code`,
        row.params,
      );
    if (score === undefined || score < 0 || (typeof max === 'number' && score > max)) {
      const range = typeof max === 'number' ? `от 0 до ${max}` : 'не меньше 0';
      return {
        ok: false,
        message: `«Балл за задание»: значение «${String(value)}» не принято — балл должен быть ${range} (пустая ячейка — задание не выполнялось).`,
      };
    }
    return { ok: true, value: score };
  }
  return validateByType(declaredType, value);
}

function validateByType(declaredType: string, value: SqlValue): CellCheck {
  const type = declaredType.toUpperCase();
  if (type.includes('INT')) {
    const number = parseNumber(value);
    if (number === null) return { ok: true, value: null };
    if (number === undefined || !Number.isInteger(number)) {
      return { ok: false, message: `Значение «${String(value)}» не принято — в этом столбце целые числа.` };
    }
    return { ok: true, value: number };
  }
  if (type.includes('REAL') || type.includes('FLOA') || type.includes('DOUB') || type.includes('NUM')) {
    const number = parseNumber(value);
    if (number === null) return { ok: true, value: null };
    if (number === undefined) return { ok: false, message: `Значение «${String(value)}» не принято — в этом столбце числа.` };
    return { ok: true, value: number };
  }
  if (typeof value === 'string' && value.trim() === '') return { ok: true, value: null };
  return { ok: true, value };
}
