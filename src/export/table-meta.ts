import type { SqlValue } from '../core/db.ts';
import { HIDE_SMALL_PARAM, MIN_GROUP } from '../core/indicators/catalogue/common.ts';
import type { IndicatorDef, IndicatorParam } from '../core/indicators/types.ts';
import { readableFileName } from './filename.ts';

/** A parameter in words, as the user chose it: { label: 'Предмет', value: 'Математика' }. */
export interface ParamWords {
  label: string;
  value: string;
}

/** What an exported table is: it travels with the file (rows above the table, the «Параметры» sheet). */
export interface TableMeta {
  /** «V2. Распределение отметок», «Запрос SQL-консоли» */
  title: string;
  params: ParamWords[];
  source?: string;
  formula?: string;
  sql?: string;
  /** when the rows were taken */
  exportedAt: Date;
}

export type ParamOptions = Record<string, Array<{ value: SqlValue; label: string }> | undefined>;

/** The column that carries the small-group mark in every export (the grid shows it as italic rows). */
export const SMALL_MARK_LABEL = `Менее ${MIN_GROUP} участников`;
export const SMALL_MARK_YES = 'да';
export const SMALL_GROUP_EXPORT_NOTE =
  `Строки с пометкой «${SMALL_MARK_YES}» в столбце «${SMALL_MARK_LABEL}» — группы менее ${MIN_GROUP} участников ` +
  '(минимальный размер группы по рекомендациям ФИОКО): проценты по ним неустойчивы, интерпретировать с осторожностью.';

function valueText(param: IndicatorParam, value: SqlValue | undefined, options: ParamOptions): string {
  const option = options[param.name]?.find((o) => String(o.value) === String(value ?? ''));
  if (option) return option.label;
  if (value === null || value === undefined || value === '') return 'не задано';
  return typeof value === 'number' ? String(value).replace('.', ',') : String(value);
}

/** Every parameter of `def`, in definition order, with the option label the user saw. */
export function paramWords(params: IndicatorParam[], values: Record<string, SqlValue>, options: ParamOptions): ParamWords[] {
  return params.map((p) => ({ label: p.label, value: valueText(p, values[p.name], options) }));
}

/** «Математика» → «математика» in the middle of a name; «МБОУ …» and «ОГЭ» keep their capitals. */
function inSentence(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text[0].toLocaleLowerCase('ru') + text.slice(1) : text;
}

/**
 * What tells this export from another of the same indicator, in file-name words: every value
 * chosen, except switches left at their usual position («без кластеров», «Все ОО») and the
 * municipality when the session holds only one (it is the user's own, not a choice).
 */
function fileWords(params: IndicatorParam[], values: Record<string, SqlValue>, options: ParamOptions): string[] {
  const words: string[] = [];
  for (const p of params) {
    const value = values[p.name];
    if (value === null || value === undefined || value === '') continue;
    const list = options[p.name];
    if (p.name === 'municipality' && list && list.length <= 1) continue;
    if (p.default !== undefined && String(p.default) === String(value)) continue;
    if (p.name === HIDE_SMALL_PARAM.name) {
      words.push(`без ОО менее ${MIN_GROUP} участников`);
      continue;
    }
    const text = valueText(p, value, options);
    words.push(list ? (p.name === 'subject' ? inSentence(text) : text) : `${p.label.toLocaleLowerCase('ru')} ${text}`);
  }
  return words;
}

/** «V2 Распределение отметок — 2026, математика, 4 класс» (without the extension). */
export function indicatorFileName(def: Pick<IndicatorDef, 'id' | 'title' | 'params'>, values: Record<string, SqlValue>, options: ParamOptions): string {
  const words = fileWords(def.params, values, options);
  return readableFileName(`${def.id} ${def.title}${words.length ? ` — ${words.join(', ')}` : ''}`, def.id);
}

/** The title and the parameters of an indicator's result. */
export function indicatorMeta(def: IndicatorDef, values: Record<string, SqlValue>, options: ParamOptions, exportedAt = new Date()): TableMeta {
  return {
    title: `${def.id}. ${def.title}`,
    params: paramWords(def.params, values, options),
    source: def.source,
    formula: def.formula,
    exportedAt,
  };
}

/** «26.11.2026, 14:32» */
export function exportedAtText(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getDate())}.${pad(date.getMonth() + 1)}.${date.getFullYear()}, ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
