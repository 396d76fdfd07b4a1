import type { Database } from '../../../db.ts';
import { fileError, plural } from '../../messages.ts';
import type { Detected, Importer, RunContext, RunOutcome } from '../../pipeline/registry.ts';
import type { SheetGrid } from '../../read/workbook.ts';
import type { Block, FieldColumns, TableKind } from './blocks.ts';
import { findTable, hasExamTitle, splitBlocks } from './blocks.ts';
import type { RcoiContext } from './exam-kind.ts';
import { KIND_LABELS } from './exam-kind.ts';
import { describeRcoiBatches } from './batch-labels.ts';
import { examOfBlock, needsContext } from './exam-of-block.ts';
import { People } from './people.ts';
import { readAppealBlock } from './read-appeal.ts';
import type { ProtocolBlock } from './read-protocol.ts';
import { KindUnknown, readProtocolBlock } from './read-protocol.ts';
import { placeholderName, RcoiSchools } from './schools.ts';
import { applyAppeal } from './write-appeal.ts';
import { writeProtocolBlock } from './write-protocol.ts';

export const RCOI_FORMATS = {
  rcoi_protocol: 'РЦОИ: протокол результатов ГИА (ОГЭ, ГВЭ, ЕГЭ)',
  rcoi_normalized: 'РЦОИ: выгрузка результатов с английскими заголовками (SchoolCode, PrimaryMark…)',
  rcoi_appeal: 'РЦОИ: результаты апелляций и перепроверок',
} as const;

type RcoiFormat = keyof typeof RCOI_FORMATS;

const PROGRESS_EVERY = 5000;
/**
 * A title line plus a «Код ОО» header is specific to РЦОИ, and so are answer masks and ППЭ/МСУ
 * columns; a bare «Код ОО» + «Первичный балл» header could be someone else's table.
 */
const TITLED_CONFIDENCE = 0.95;
const RCOI_COLUMNS_CONFIDENCE = 0.92;
const HEADER_ONLY_CONFIDENCE = 0.85;

function confidenceOf(kind: TableKind, fields: FieldColumns, titled: boolean): number {
  if (titled || kind === 'appeal') return TITLED_CONFIDENCE;
  if (fields.short || fields.long || fields.oral || fields.ppe || fields.msu) return RCOI_COLUMNS_CONFIDENCE;
  return HEADER_ONLY_CONFIDENCE;
}

interface PlacedBlock {
  block: Block;
  place: { file: string; sheet?: string };
}

function placedBlocks(fileName: string, sheets: readonly SheetGrid[]): PlacedBlock[] {
  // A CSV has no sheets: SheetJS's «Sheet1» would only confuse the user.
  const csv = /\.(csv|txt)$/i.test(fileName) && sheets.length === 1;
  return sheets.flatMap((sheet) => splitBlocks(sheet).map((block) => ({ block, place: { file: fileName, sheet: csv ? undefined : sheet.name } })));
}

function readProtocols(db: Database, fileName: string, blocks: PlacedBlock[], context: RcoiContext): ProtocolBlock[] {
  return blocks.map(({ block, place }) => {
    try {
      return readProtocolBlock(block, place, context);
    } catch (error) {
      if (!(error instanceof KindUnknown)) throw error;
      const where = block.title ? `экзамена «${block.title.text}»` : `таблицы со строкой заголовков ${block.headerRow}`;
      throw needsContext(db, fileName, ['grade'], `для ${where} не видно, ОГЭ это или ЕГЭ: нет ни столбца «Класс», ни столбцов «Оценка» или «Балл».`);
    }
  });
}

function headerOnlyWarnings(parsed: ProtocolBlock, label: string): string[] {
  const reason = parsed.decision.reason;
  if (!/в протоколе есть|указан/.test(reason)) return [];
  return [
    `Экзамен «${label}»: вид экзамена (${KIND_LABELS[parsed.decision.kind]}) определён так: ${reason}. Если это неверно, загрузите файл снова, указав вид экзамена.`,
  ];
}

function runRcoi(db: Database, sheets: readonly SheetGrid[], ctx: RunContext): RunOutcome {
  const context: RcoiContext = ctx.options.context ?? {};
  const blocks = placedBlocks(ctx.fileName, sheets).filter(({ block }) => block.rows.length > 0);
  if (blocks.length === 0) {
    throw fileError(
      'empty',
      { file: ctx.fileName },
      'в протоколе РЦОИ нет ни одной строки с результатами под заголовками таблиц. Проверьте, что выбран нужный файл.',
    );
  }
  const protocols = readProtocols(
    db,
    ctx.fileName,
    blocks.filter(({ block }) => block.kind === 'protocol'),
    context,
  );
  const appeals = blocks.filter(({ block }) => block.kind === 'appeal').flatMap(({ block, place }) => readAppealBlock(block, place));
  const exams = protocols.map((parsed) => examOfBlock(db, ctx.fileName, parsed, context));

  const total = protocols.reduce((sum, parsed) => sum + parsed.rows.length, 0) + appeals.length;
  let done = 0;
  const progress = () => {
    done++;
    if (done % PROGRESS_EVERY === 0) ctx.onProgress?.(done, total);
  };
  const warnings: string[] = protocols.flatMap((parsed) => parsed.warnings);
  const labels = new Set<string>();
  const schools = new RcoiSchools(db);
  const people = new People(db, context.keepNames === true);
  let rows = 0;
  let taskScores = 0;
  try {
    const seen = new Map<string, number>();
    protocols.forEach((parsed, i) => {
      const written = writeProtocolBlock({ db, batchId: ctx.batchId, schools, people, warnings, seen, progress }, parsed, exams[i]);
      rows += written.rows;
      taskScores += written.taskScores;
      labels.add(written.label);
      warnings.push(...headerOnlyWarnings(parsed, written.label));
    });
    const appealSession = { db, batchId: ctx.batchId, changedAt: ctx.importedAt, people, schools, warnings, updated: new Map<number, number>() };
    for (const appeal of appeals) {
      labels.add(applyAppeal(appealSession, appeal));
      rows++;
      progress();
    }
  } finally {
    people.free();
  }
  if (schools.created.length) {
    const codes = schools.created;
    warnings.push(
      `${plural(codes.length, 'Код', 'Коды', 'Коды')} ОО РЦОИ ${codes.join(', ')} не ${codes.length === 1 ? 'сопоставлен' : 'сопоставлены'} со школами справочника: ` +
        `созданы ОО-заглушки («${placeholderName(codes[0])}»${codes.length > 1 ? ' и т. д.' : ''}). Сопоставьте их со школами на экране сопоставления ОО.`,
    );
  }
  ctx.onProgress?.(total, total);
  return { rows, taskScores, schools: schools.count, assessments: [...labels], warnings };
}

function formatOf(kind: TableKind, fields: FieldColumns): RcoiFormat {
  if (kind === 'appeal') return 'rcoi_appeal';
  return fields.school && /^schoolcode$/i.test(fields.school.header) ? 'rcoi_normalized' : 'rcoi_protocol';
}

/**
 * РЦОИ protocols of ОГЭ, ГВЭ-9, ЕГЭ, ГВЭ-11 (XLSX, XLS, CSV), their «normalized» English-header
 * export, and appeal / re-check exports (docs/methodology.md, «Откуда берутся файлы»; docs/formats.md «Протоколы РЦОИ»).
 */
export const rcoiImporter: Importer = {
  id: 'rcoi',
  labels: RCOI_FORMATS,
  describeBatches: describeRcoiBatches,
  supported:
    'протоколы РЦОИ ОГЭ, ГВЭ и ЕГЭ (заголовок «NN - Предмет ГГГГ.ММ.ДД», столбцы «Код ОО», «Первичный балл», «Оценка» или «Балл») и выгрузки апелляций',
  detect(fileName, sheets): Detected | null {
    let found: { kind: TableKind; fields: FieldColumns } | null = null;
    let titled = false;
    for (const sheet of sheets) {
      const table = findTable(sheet);
      if (!table) continue;
      found ??= table;
      if (table.kind === 'appeal') found = table;
      titled ||= hasExamTitle(sheet);
    }
    if (!found) return null;
    const format = formatOf(found.kind, found.fields);
    return {
      format,
      label: RCOI_FORMATS[format],
      confidence: confidenceOf(found.kind, found.fields, titled),
      run: (db, ctx) => runRcoi(db, sheets, ctx),
    };
  },
};
