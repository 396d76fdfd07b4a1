import { CellReader } from './cell-values.ts';
import type { Cell } from '../../cells.ts';
import { cellText } from '../../cells.ts';
import type { ColumnRef } from '../../columns.ts';
import { findTaskColumns, mapColumns, refuseDuplicateColumns } from '../../columns.ts';
import type { Detection } from './detect.ts';
import { F1_COLUMNS } from '../../formats.ts';
import { missingColumn, inRows } from '../../messages.ts';
import type { ParsedSheet, ParticipantRow, TaskDef } from '../../work/records.ts';
import { splitSchoolName } from '../../schools/names.ts';
import { hasTaskValues, noTaskCells, readTaskCells } from './task-cells.ts';
import { readTitleBlock } from '../../work/title-block.ts';

const REEXPORT = 'Выгрузите отчёт «Индивидуальные результаты» из ФИС ОКО заново, не удаляя столбцы, и загрузите его.';
const GROUP_LOGIN = /\(((?:edu|sch)\d{4,8})\)/i;

/** ФИС ОКО «Индивидуальные результаты» (docs/methodology.md, «Отчёты ФИС ОКО»): title block, difficulty row, header, group and data rows. */
export function parseFisokoF1(file: string, { sheet, headerRow }: Detection): ParsedSheet {
  const header = sheet.rows[headerRow];
  const columns = mapColumns(header, F1_COLUMNS);
  const place = { file, sheet: sheet.name, row: headerRow + 1 };
  refuseDuplicateColumns(header, F1_COLUMNS, place, true);
  const require = (column: ColumnRef | undefined, name: string): ColumnRef => {
    if (!column) throw missingColumn({ ...place, column: name }, REEXPORT);
    return column;
  };
  const participant = require(columns.participant, 'Код участника');
  if (!columns.login && !columns.schoolName) require(undefined, 'ОО');
  const primary = require(columns.primary, 'Первичный балл');
  const mark = require(columns.mark, 'Отметка');
  const taskColumns = findTaskColumns(header);
  if (taskColumns.length === 0) {
    throw missingColumn({ ...place, column: '1 (2б)' }, `Не найдено ни одного столбца задания. ${REEXPORT}`);
  }

  const title = readTitleBlock(file, sheet, headerRow);
  const difficultyCells: readonly Cell[] = title.difficultyRow >= 0 ? sheet.rows[title.difficultyRow] : [];
  const tasks: TaskDef[] = taskColumns.map((task) => {
    const level = cellText(difficultyCells[task.index]).toUpperCase();
    return { ...task, difficulty: level === '' ? null : level };
  });
  const maxPrimary = title.work.maxPrimary ?? tasks.reduce((sum, task) => sum + task.max, 0);

  const reader = new CellReader(file, sheet.name);
  // every participant of a school repeats its name: split once per name
  const schoolNames = new Map<string, ReturnType<typeof splitSchoolName>>();
  const schoolName = (text: string) => {
    let named = schoolNames.get(text);
    if (!named) schoolNames.set(text, (named = splitSchoolName(text)));
    return named;
  };
  const rows: ParticipantRow[] = [];
  const orphanRows: number[] = [];
  let groupLogin: string | null = null;
  for (let r = headerRow + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r];
    if (!cells || cells.length === 0) continue;
    const excelRow = r + 1;
    const code = reader.participantCode(cells[participant.index]);
    if (code === null) {
      // A group row «<ОО>(edu…) | Кол-во участников: N» names the school of the rows below it.
      const login = GROUP_LOGIN.exec(cells.map(cellText).join(' '));
      if (login) groupLogin = login[1].toLowerCase();
      else if (hasTaskValues(cells, tasks)) orphanRows.push(excelRow);
      continue;
    }
    const named = columns.schoolName ? schoolName(cellText(cells[columns.schoolName.index])) : null;
    const schoolLogin = (columns.login ? reader.login(cells[columns.login.index], excelRow, columns.login) : null) ?? named?.login ?? groupLogin;
    const { variant, absent } = columns.variant ? reader.variant(cells[columns.variant.index]) : { variant: null, absent: false };
    const klass = columns.klass ? reader.klass(cells[columns.klass.index]) : { ordinal: null, label: null };
    const taskCells = absent ? noTaskCells(tasks.length) : readTaskCells(reader, cells, excelRow, tasks);
    rows.push({
      row: excelRow,
      schoolLogin,
      schoolName: named?.name ?? null,
      municipalityName: columns.municipality ? cellText(cells[columns.municipality.index]) || null : null,
      participantCode: code,
      classOrdinal: klass.ordinal,
      classLabel: klass.label,
      variant,
      absent,
      scores: taskCells.scores,
      raws: taskCells.raws,
      taskSum: taskCells.sum,
      statedPrimary: reader.primary(cells[primary.index], excelRow, primary, maxPrimary),
      statedMark: reader.mark(cells[mark.index], excelRow, mark),
      journalMark: columns.journal ? reader.journalMark(cells[columns.journal.index], excelRow, columns.journal) : null,
      primaryScore: null,
      mark: null,
    });
  }

  const warnings: string[] = [];
  if (orphanRows.length) {
    warnings.push(`Лист «${sheet.name}»: ${inRows(orphanRows)} есть баллы, но нет кода участника — такие строки пропущены.`);
  }
  return {
    format: 'fisoko_f1',
    sheet: sheet.name,
    headerRow: headerRow + 1,
    work: { ...title.work, maxPrimary },
    tasks,
    rows,
    participantColumn: participant.header,
    schoolColumn: (columns.login ?? columns.schoolName)?.header ?? null,
    warnings,
  };
}
