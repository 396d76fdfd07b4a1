import type { SqlValue } from '../../core/db.ts';
import type { IndicatorParam } from '../../core/indicators/types.ts';

export const PARAM_TYPES: Array<{ value: IndicatorParam['type']; label: string }> = [
  { value: 'integer', label: 'целое число' },
  { value: 'real', label: 'дробное число' },
  { value: 'text', label: 'текст' },
];

/** Names the schema uses for whole numbers: `:year`, `:grade`, `:school_id`, … */
const INTEGER_NAME = /^(year|grade|.*_id|.*_year|min_.*|max_.*|limit|n)$/i;

/**
 * The type a `:name` most likely has: from the value the user ran the query with, else from
 * the name (year, grade, *_id are whole numbers), else text.
 */
export function guessParamType(name: string, value: SqlValue | undefined): IndicatorParam['type'] {
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'real';
  if (typeof value === 'string' && value.trim()) return 'text';
  return INTEGER_NAME.test(name) ? 'integer' : 'text';
}

/** A readable Russian label for a parameter name the user has not labelled. */
export function defaultParamLabel(name: string): string {
  const known: Record<string, string> = {
    year: 'Год',
    subject: 'Предмет',
    grade: 'Класс',
    municipality: 'Муниципалитет',
    school: 'ОО',
    school_id: 'ОО',
    kind: 'Вид работы',
    threshold: 'Порог',
  };
  return known[name] ?? name;
}
