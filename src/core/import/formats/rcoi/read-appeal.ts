import { cellText } from '../../cells.ts';
import { fileError } from '../../messages.ts';
import type { Place } from '../../messages.ts';
import type { Block } from './blocks.ts';
import type { PersonFields } from '../../persons/person-key.ts';
import { alignRow, RowCells } from './row-cells.ts';
import type { ExamTitle } from './title.ts';
import { parseExamCell } from './title.ts';

/** One row of an appeal / re-check export, before it is matched to a result. */
export interface AppealRow {
  cells: RowCells;
  exam: ExamTitle;
  /** where the exam was named, for an unknown subject */
  examPlace: Place;
  examText: string;
  schoolCode: string | null;
  person: PersonFields;
  /** «Тип апелляции / перепроверки»: «Апелляция на результат» */
  appealType: string | null;
  /** «Состояние» (or the ОГЭ export's «апелляция»): «Апелляция удовлетворена» */
  state: string | null;
  /** «Балл до изменения» */
  previous: number | null;
  /** current values («Текущие: Первичный балл, Балл» or «Первичный балл», «Оценка») */
  primary: number | null;
  /** the column with the final value, read once the exam kind is known */
  finalField: 'testScore' | 'mark' | null;
}

/** Rows of an appeal block. The exam comes from the block title or from each row's «Экзамен» cell. */
export function readAppealBlock(block: Block, place: Place): AppealRow[] {
  const { fields, title } = block;
  if (!title && !fields.exam) {
    throw fileError(
      'missing-column',
      { ...place, row: block.headerRow },
      'не видно, к какому экзамену относятся апелляции: нет ни заголовка «NN - Предмет ГГГГ.ММ.ДД» над таблицей, ни столбца «Экзамен». ' +
        'Выгрузите файл из РЦОИ заново и загрузите его.',
    );
  }
  return block.rows.map(({ row, cells: raw }) => {
    const cells = new RowCells(place, fields, alignRow(block, raw).cells, row);
    let exam = title;
    let examPlace: Place = { ...place, row: block.titleRow ?? block.headerRow, column: block.titleColumn ?? undefined };
    let examText = title?.text ?? '';
    if (fields.exam) {
      const text = cells.text('exam');
      const parsed = text === null ? null : parseExamCell(text);
      if (!parsed) {
        cells.fail('exam', 'экзамен не читается: ожидается «Предмет(ГГГГ.ММ.ДД)», например «Математика(2026.06.02)»');
      }
      exam = parsed;
      examPlace = { ...place, row, column: fields.exam.header };
      examText = cellText(text);
    }
    const series = cells.code('series');
    const number = cells.code('number');
    return {
      cells,
      exam: exam!,
      examPlace,
      examText,
      schoolCode: cells.code('school'),
      person: {
        surname: cells.text('surname'),
        name: cells.text('name'),
        patronymic: cells.text('patronymic'),
        fullName: cells.text('fullName'),
        document: cells.text('document') ?? ([series, number].filter((part) => part !== null).join(' ') || null),
      },
      appealType: cells.text('appealType'),
      state: cells.text('state') ?? cells.text('appeal'),
      previous: cells.number('previous', '«Балл до изменения» должен быть неотрицательным числом'),
      primary: cells.number('primary', 'первичный балл должен быть неотрицательным числом'),
      finalField: fields.testScore ? 'testScore' : fields.mark ? 'mark' : null,
    };
  });
}
