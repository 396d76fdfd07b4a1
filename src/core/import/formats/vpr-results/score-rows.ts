import type { ResolvedWork } from '../../work/context.ts';
import { workLabel } from '../../work/context.ts';
import type { MarkBand } from '../../work/mark-scale.ts';
import { markFor } from '../../work/mark-scale.ts';
import { inRows } from '../../messages.ts';
import type { ParsedSheet } from '../../work/records.ts';

/**
 * Decides result.primary_score and result.mark for every row; returns warnings.
 * Ф1 carries the mark ФИС ОКО issued: it is trusted and only compared with the scale. The
 * forms have no mark: it is computed from mark_scale, or left empty when no scale is loaded.
 */
export function scoreRows(parsed: ParsedSheet, work: ResolvedWork, bands: readonly MarkBand[]): string[] {
  const sheet = `Лист «${parsed.sheet}»`;
  const warnings: string[] = [];
  const sumMismatch: number[] = [];
  const scaleMismatch: number[] = [];
  const offScale: number[] = [];
  const noScore: number[] = [];
  const fromFile = parsed.format === 'fisoko_f1';
  for (const row of parsed.rows) {
    if (row.absent) {
      row.primaryScore = null;
      row.mark = null;
      continue;
    }
    if (fromFile) {
      row.primaryScore = row.statedPrimary ?? row.taskSum;
      row.mark = row.statedMark;
      if (row.statedPrimary !== null && row.taskSum !== null && row.statedPrimary !== row.taskSum) sumMismatch.push(row.row);
      if (row.mark !== null && row.primaryScore !== null && bands.length && markFor(bands, row.primaryScore) !== row.mark) {
        scaleMismatch.push(row.row);
      }
      if (row.mark === null) noScore.push(row.row);
    } else {
      // The template's «Итого баллов» is a formula showing 0 on unfilled rows: 0 there says nothing.
      row.primaryScore = row.taskSum ?? (row.statedPrimary || null);
      if (row.statedPrimary && row.taskSum !== null && row.statedPrimary !== row.taskSum) sumMismatch.push(row.row);
      if (row.primaryScore === null) noScore.push(row.row);
      row.mark = row.primaryScore === null || bands.length === 0 ? null : markFor(bands, row.primaryScore);
      if (row.primaryScore !== null && bands.length && row.mark === null) offScale.push(row.row);
    }
  }
  if (sumMismatch.length) {
    warnings.push(
      fromFile
        ? `${sheet}: ${inRows(sumMismatch)} «Первичный балл» не равен сумме баллов за задания; загружен балл из файла.`
        : `${sheet}: ${inRows(sumMismatch)} «Итого баллов» не равно сумме баллов за задания; использована сумма баллов за задания.`,
    );
  }
  if (scaleMismatch.length) {
    warnings.push(
      `${sheet}: ${inRows(scaleMismatch)} отметка не совпадает со шкалой перевода из mark_scale для работы «${workLabel(work)}»; загружена отметка из файла.`,
    );
  }
  if (noScore.length) {
    warnings.push(
      fromFile
        ? `${sheet}: ${inRows(noScore)} не указана отметка.`
        : `${sheet}: ${inRows(noScore)} не заполнен ни один балл за задания — первичный балл и отметка не определены.`,
    );
  }
  if (!fromFile && bands.length === 0) {
    warnings.push(
      `Отметки не вычислены: для работы «${workLabel(work)}» не загружена шкала перевода первичных баллов в отметки ` +
        '(таблица mark_scale). Добавьте шкалу в mark_scale, и отметки можно будет пересчитать.',
    );
  }
  if (offScale.length) {
    warnings.push(
      `${sheet}: ${inRows(offScale)} первичный балл не попадает ни в один диапазон шкалы mark_scale для работы «${workLabel(work)}» — отметка не определена.`,
    );
  }
  return warnings;
}
