/**
 * Reading the answers of a returned form: each value checked against its field (kind, range,
 * list, «из них» not above its whole) and each locked cell against what the form held. Every
 * problem is kept (not just the first) and names the sheet, the cell and what may be written there.
 */
import type { Cell } from '../import/cells.ts';
import { cellText, isBlank } from '../import/cells.ts';
import { toIsoDate } from '../import/dates.ts';
import { quoted } from '../import/messages.ts';
import { allowedText } from './layout.ts';
import type { FormField } from './types.ts';

export type Answers = Record<string, number | null>;

/** A cell's place in words: «лист «Форма», ячейка D12 («из них прошли профессиональные пробы»)». */
export const cellPlace = (sheet: string, ref: string, about?: string) => `лист «${sheet}», ячейка ${ref}${about ? ` («${quoted(about)}»)` : ''}`;

const shown = (raw: Cell) => (isBlank(raw) ? 'ячейка пуста' : `значение «${quoted(cellText(raw))}»`);

const fold = (text: string) => text.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

/** One answer: the stored number, or a problem in words. */
export function readAnswer(field: FormField, fields: readonly FormField[], raw: Cell, where: string): { value: number | null; problem?: string } {
  if (isBlank(raw))
    return field.required
      ? { value: null, problem: `${where}: ячейка пуста — показатель обязателен (можно вписать: ${allowedText(field, fields)})` }
      : { value: null };
  const bad = () => ({ value: null, problem: `${where}: ${shown(raw)} — можно вписать: ${allowedText(field, fields)}` });
  if (field.kind === 'yesno') {
    const text = fold(cellText(raw));
    if (text === 'да') return { value: 1 };
    if (text === 'нет') return { value: 0 };
    return bad();
  }
  if (field.kind === 'choice') {
    const index = (field.choices ?? []).findIndex((c) => fold(c) === fold(cellText(raw)));
    return index >= 0 ? { value: index + 1 } : bad();
  }
  const number = typeof raw === 'number' ? raw : /^[-+]?\d[\d\s]*$/.test(cellText(raw)) ? Number(cellText(raw).replace(/\s/g, '')) : NaN;
  if (!Number.isInteger(number)) return bad();
  if (number < (field.min ?? 0) || number > (field.max ?? 100000)) return bad();
  return { value: number };
}

/** «из них …» above its whole: one problem per such field. */
export function partProblems(fields: readonly FormField[], answers: Answers, where: (code: string) => string, ref: (code: string) => string): string[] {
  const problems: string[] = [];
  for (const field of fields) {
    const whole = fields.find((f) => f.code === field.partOf);
    const part = answers[field.code];
    const total = whole ? answers[whole.code] : null;
    if (!whole || part === null || part === undefined || total === null || total === undefined || part <= total) continue;
    problems.push(
      `${where(field.code)}: значение «${part}» больше, чем «${quoted(whole.label)}» (${ref(whole.code)} = ${total}) — часть не может быть больше целого`,
    );
  }
  return problems;
}

/** The fill-in date as ISO, or a problem. */
export function readDate(raw: Cell, where: string): { date: string | null; problem?: string } {
  if (isBlank(raw)) return { date: null, problem: `${where}: ячейка пуста — впишите дату заполнения в виде ДД.ММ.ГГГГ` };
  const date = toIsoDate(raw);
  return date ? { date } : { date: null, problem: `${where}: ${shown(raw)} — нужна дата в виде ДД.ММ.ГГГГ` };
}

const same = (actual: Cell, expected: string | number) => fold(cellText(actual)) === fold(String(expected));

/** A locked cell that no longer holds what the form was made with. */
export function lockedProblem(sheet: string, ref: string, actual: Cell, expected: string | number): string | null {
  if (same(actual, expected)) return null;
  return (
    `${cellPlace(sheet, ref)}: защищённая ячейка изменена — было «${quoted(String(expected))}», ` +
    `${isBlank(actual) ? 'стало пусто' : `стало «${quoted(cellText(actual))}»`}; заполняйте только жёлтые ячейки`
  );
}
