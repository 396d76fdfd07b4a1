import { columnLetter, quoted } from '../messages.ts';

/** A cell the user is warned about: a formula with no saved value, or a formula error (#DIV/0!). 0-based. */
export interface FormulaCell {
  r: number;
  c: number;
  kind: 'no-value' | 'error';
}

/** The Russian warnings about such cells of one sheet (cells in row-major order); at most five are named of each kind. */
export function formulaWarnings(fileName: string, sheetName: string, cells: readonly FormulaCell[]): string[] {
  const noValue: string[] = [];
  const errors: string[] = [];
  let noValueCount = 0;
  let errorCount = 0;
  for (const { r, c, kind } of cells) {
    if (kind === 'no-value') {
      if (noValueCount++ < 5) noValue.push(`${columnLetter(c)}${r + 1}`);
    } else if (errorCount++ < 5) errors.push(`${columnLetter(c)}${r + 1}`);
  }
  const where = (named: string[], count: number) => `${named.join(', ')}${count > named.length ? ` и ещё ${count - named.length}` : ''}`;
  const warnings: string[] = [];
  const prefix = `Файл «${fileName}», лист «${quoted(sheetName)}»`;
  if (noValueCount > 0) {
    warnings.push(
      `${prefix}: ${noValueCount === 1 ? 'в ячейке' : 'в ячейках'} ${where(noValue, noValueCount)} формула без сохранённого значения — ` +
        'такие ячейки считаются пустыми (Око формулы не вычисляет). Чтобы загрузить значения, откройте файл в Excel, пересчитайте (F9), сохраните и загрузите снова.',
    );
  }
  if (errorCount > 0) {
    warnings.push(
      `${prefix}: ${errorCount === 1 ? 'в ячейке' : 'в ячейках'} ${where(errors, errorCount)} ошибка формулы (#ДЕЛ/0!, #Н/Д …) — такие ячейки считаются пустыми.`,
    );
  }
  return warnings;
}
