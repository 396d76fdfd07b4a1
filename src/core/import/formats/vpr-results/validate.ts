import { fileError, invalidValue } from '../../messages.ts';
import type { ParsedSheet } from '../../work/records.ts';

/** Checks across rows, after every cell has been read: the file must describe distinct participants. */
export function validateRows(file: string, parsed: ParsedSheet): void {
  const place = { file, sheet: parsed.sheet };
  if (parsed.rows.length === 0) {
    throw fileError(
      'empty',
      place,
      `нет ни одного участника — столбец «${parsed.participantColumn}» не заполнен. ` +
        'Проверьте, что выбран заполненный файл, а не пустой шаблон, и загрузите его снова.',
    );
  }
  if (parsed.format === 'fisoko_f1') {
    const orphan = parsed.rows.find((row) => row.schoolLogin === null);
    if (orphan) {
      throw invalidValue(
        { ...place, row: orphan.row, column: parsed.schoolColumn ?? 'ОО' },
        '',
        'не указан логин ОО (edu…), и над строкой нет строки группы «<ОО>(edu…) | Кол-во участников»',
        'Выгрузите отчёт из ФИС ОКО заново и загрузите его.',
      );
    }
  }
  // by school, then by code: no key string built per row
  const firstRowOf = new Map<string | null, Map<string, number>>();
  for (const row of parsed.rows) {
    let ofSchool = firstRowOf.get(row.schoolLogin);
    if (!ofSchool) firstRowOf.set(row.schoolLogin, (ofSchool = new Map()));
    const first = ofSchool.get(row.participantCode);
    if (first !== undefined) {
      throw invalidValue(
        { ...place, row: row.row, column: parsed.participantColumn },
        row.participantCode,
        `этот код участника уже встречается в строке ${first}${row.schoolLogin ? ` той же ОО (${row.schoolLogin})` : ''}`,
        'У каждого участника должен быть свой код. Исправьте код в файле и загрузите его снова.',
      );
    }
    ofSchool.set(row.participantCode, row.row);
  }
}
