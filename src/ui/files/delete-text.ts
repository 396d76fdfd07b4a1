/** What «Удалить загрузку» removes and «Вернуть» brings back, in a methodist's words. */
import type { DeletedBatch } from '../../core/import/index.ts';
import { SCHEMA_DESCRIPTIONS } from '../../core/schema/descriptions.ts';
import { plural } from '../../core/plural.ts';
import { formatCount } from '../grid/format.ts';

/** «Результаты участников» for result: the schema's Russian title without its note in brackets. */
export function tableTitle(table: string): string {
  const title = SCHEMA_DESCRIPTIONS[table]?.title;
  return title ? title.replace(/\s*\(.*\)\s*$/, '') : `таблица «${table}»`;
}

export function rowsText(n: number): string {
  return `${formatCount(n)} ${plural(n, 'строка', 'строки', 'строк')}`;
}

/** One line per table: «Результаты участников — 3 строки»; the user's own table by its name. */
export function deletedLines(batch: DeletedBatch): string[] {
  // Results first: that is what a methodist counts; then the rest, largest first.
  const lines = Object.entries(batch.deleted)
    .filter(([table]) => table !== batch.userTable)
    .sort(([a, n], [b, m]) => Number(b === 'result') - Number(a === 'result') || m - n)
    .map(([table, n]) => `${tableTitle(table)} — ${rowsText(n)}`);
  if (batch.userTable) lines.push(`своя таблица «${batch.userTable}» целиком — ${rowsText(batch.deleted[batch.userTable] ?? 0)}`);
  if (batch.restored) {
    lines.push(
      `${formatCount(batch.restored)} ${plural(batch.restored, 'значение', 'значения', 'значений')} в результатах других файлов вернутся к прежним (до этой апелляции)`,
    );
  }
  return lines;
}

/** «3 строки» in all, for the notice after the delete. */
export function deletedTotal(counts: Record<string, number>): string {
  return rowsText(Object.values(counts).reduce((sum, n) => sum + n, 0));
}
