import { inRows, missingColumn } from '../../messages.ts';
import type { Place } from '../../messages.ts';
import type { Block } from './blocks.ts';
import type { KindDecision, RcoiContext } from './exam-kind.ts';
import { decideKind } from './exam-kind.ts';
import type { MaskScore } from './masks.ts';
import type { PersonFields } from '../../persons/person-key.ts';
import { alignRow, RowCells } from './row-cells.ts';
import { stageAndTerm } from './title.ts';

export interface ProtocolRow {
  /** 1-based Excel row */
  row: number;
  schoolCode: string;
  msuCode: string | null;
  classLabel: string | null;
  ppeCode: string | null;
  auditorium: string | null;
  participantCode: string | null;
  variant: string | null;
  person: PersonFields;
  shortMask: string | null;
  longMask: string | null;
  oralMask: string | null;
  short: MaskScore[];
  long: MaskScore[];
  oral: MaskScore[];
  primary: number | null;
  primaryWritten: number | null;
  primaryOral: number | null;
  mark: number | null;
  testScore: number | null;
}

export interface ProtocolBlock {
  block: Block;
  /** file and sheet (no sheet for a CSV) for messages */
  place: Place;
  decision: KindDecision;
  /** «Математика базовая»: mark only */
  baseMath: boolean;
  stage: string;
  term: string;
  rows: ProtocolRow[];
  warnings: string[];
}

const BASE_MATH = /базов/i;

function blockPlaceName(block: Block): string {
  return block.title ? `«${block.title.text}»` : `со строкой заголовков ${block.headerRow}`;
}

/** Stage or term: the title's words, else a column with one value for the whole block. */
function blockValue(fromTitle: string | null, cells: RowCells[], field: 'stage' | 'term', given: string | undefined): string | null {
  if (given) return given;
  if (fromTitle) return fromTitle;
  let found: { value: string; row: number } | null = null;
  for (const row of cells) {
    const text = row.text(field);
    if (text === null) continue;
    const { stage, term } = stageAndTerm(text);
    const value = (field === 'stage' ? stage : term) ?? text.toLowerCase();
    if (found && found.value !== value) {
      row.fail(
        field,
        `в одном экзамене не может быть двух значений (в строке ${found.row} — «${found.value}»)`,
        'Разделите блок на два экзамена с отдельными заголовками и загрузите файл снова.',
      );
    }
    found ??= { value, row: row.row };
  }
  return found?.value ?? null;
}

/** Nothing tells ОГЭ from ЕГЭ: the importer turns this into a 'needs-context' question for the grade. */
export class KindUnknown extends Error {}

/**
 * Reads one protocol block: decides the exam kind (exam-kind.ts), then reads and checks every
 * row. Marks 2–5, test scores 0–100 and primary scores ≥ 0; masks must parse.
 */
export function readProtocolBlock(block: Block, place: Place, context: RcoiContext): ProtocolBlock {
  const { fields } = block;
  const headerPlace = { ...place, row: block.headerRow };
  if (!fields.school) {
    throw missingColumn(
      { ...headerPlace, column: 'Код ОО' },
      'Без кода ОО результаты нельзя отнести к школе. Выгрузите протокол из РЦОИ со столбцом «Код ОО» и загрузите его снова.',
    );
  }
  const warnings: string[] = [];
  const strayRows: number[] = [];
  const cells = block.rows.map(({ row, cells: raw }) => {
    const aligned = alignRow(block, raw);
    if (aligned.stray) strayRows.push(row);
    return new RowCells(place, fields, aligned.cells, row);
  });
  if (strayRows.length) {
    warnings.push(
      `Экзамен ${blockPlaceName(block)}: ${inRows(strayRows)} есть значения в столбцах без заголовка — они не загружены. Проверьте, не сдвинуты ли строки.`,
    );
  }

  const title = block.title;
  const baseMath = BASE_MATH.test(title?.subject ?? '');
  const hasTestScore = Boolean(fields.testScore);
  const hasMark = Boolean(fields.mark);
  const decision = decideKind({
    override: context.examKind,
    contextGrade: context.grade,
    titleGve: title?.gve ?? false,
    titleGrade: title?.grade ?? null,
    examCode: title?.code ?? null,
    classLabels: cells.flatMap((row) => row.code('klass') ?? []),
    hasTestScore,
    hasMark,
    baseMath,
  });
  if (!decision) throw new KindUnknown();

  // ЕГЭ (not base mathematics) gives test scores; every other exam gives a mark, and a protocol
  // that calls the mark «Балл» still means the mark.
  const testScoreExam = decision.kind === 'ege' && !baseMath;
  const markField = fields.mark ? 'mark' : !testScoreExam && fields.testScore ? 'testScore' : null;
  const rows = cells.map((row) => readRow(row, testScoreExam, markField));
  const stage = blockValue(title?.stage ?? null, cells, 'stage', context.stage) ?? 'основной';
  const term = blockValue(title?.term ?? null, cells, 'term', context.term) ?? 'основной';
  return { block, place, decision, baseMath, stage, term, rows, warnings };
}

function readRow(row: RowCells, testScoreExam: boolean, markField: 'mark' | 'testScore' | null): ProtocolRow {
  const schoolCode = row.code('school');
  if (schoolCode === null) row.fail('school', 'не указан код ОО', 'Укажите код ОО из протокола РЦОИ и загрузите файл снова.');
  const series = row.code('series');
  const number = row.code('number');
  const document = row.text('document') ?? ([series, number].filter((part) => part !== null).join(' ') || null);
  const short = row.mask('short', 'short');
  const long = row.mask('long', 'scored');
  const oral = row.mask('oral', 'scored');
  const mark = markField ? row.integerIn(markField, 2, 5, 'оценка должна быть целым числом от 2 до 5') : null;
  const testScore = testScoreExam ? row.integerIn('testScore', 0, 100, 'тестовый балл ЕГЭ должен быть целым числом от 0 до 100') : null;
  return {
    row: row.row,
    schoolCode,
    msuCode: row.code('msu'),
    classLabel: row.code('klass'),
    ppeCode: row.code('ppe'),
    auditorium: row.code('auditorium'),
    participantCode: row.code('participant'),
    variant: row.code('variant'),
    person: {
      surname: row.text('surname'),
      name: row.text('name'),
      patronymic: row.text('patronymic'),
      fullName: row.text('fullName'),
      document,
    },
    shortMask: short.text,
    longMask: long.text,
    oralMask: oral.text,
    short: short.scores,
    long: long.scores,
    oral: oral.scores,
    primary: row.number('primary', 'первичный балл должен быть неотрицательным числом'),
    primaryWritten: row.number('primaryWritten', 'первичный балл письменной части должен быть неотрицательным числом'),
    primaryOral: row.number('primaryOral', 'первичный балл устной части должен быть неотрицательным числом'),
    mark,
    testScore,
  };
}
