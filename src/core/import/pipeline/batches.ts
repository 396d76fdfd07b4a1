/**
 * The session's imports («Загруженные файлы»): one entry per import_batch row, with what the file
 * was recognised as in the words of the document it is (ФИС ОКО report, РЦОИ protocol …).
 */
import type { Database } from '../../db.ts';
import { queryObjects } from '../../db.ts';
import { SCHEMA_DESCRIPTIONS } from '../../schema/descriptions.ts';
import { REPORT_KINDS } from '../formats/fisoko-reports/kinds.ts';
import { FORMAT_LABELS } from '../formats.ts';
import { KIND_LABELS, type ExamKind } from '../formats/rcoi/exam-kind.ts';

export interface LoadedBatch {
  batchId: number;
  fileName: string;
  /** import_batch.detected_format */
  format: string;
  /** what the file was recognised as, e.g. «ФИС ОКО: Индивидуальные результаты (Ф1)», «Протокол РЦОИ: ОГЭ» */
  label: string;
  rows: number;
  /** ISO time of the import */
  importedAt: string | null;
  /** a table made from the file as it is («Открыть как таблицу…»), which goes with it */
  userTable: string | null;
}

/** The label each importer gives its format (registry.ts Detected.label); a unit test keeps them in step. */
const LABELS: Record<string, string> = {
  ...FORMAT_LABELS,
  ...Object.fromEntries(Object.values(REPORT_KINDS).map((kind) => [kind.format, kind.label])),
  fioko_bias: 'ФИОКО: признаки необъективности ВПР',
  school_directory: 'Справочник ОО',
  olympiad_result: 'Всероссийская олимпиада школьников: протокол этапа',
  additional_education: 'Охват обучающихся дополнительным образованием',
  teaching_staff: 'Педагогические работники',
  medal_candidate: 'Претенденты на медаль «За особые успехи в учении»',
  term_mark: 'Отметки за четверть, полугодие, год',
  monitoring_form: 'Форма мониторинга Око',
};

/** РЦОИ files say which exams they hold; the label names them. */
const RCOI_LABELS: Record<string, string> = {
  rcoi_protocol: 'Протокол РЦОИ',
  rcoi_normalized: 'Выгрузка результатов РЦОИ',
  rcoi_appeal: 'Апелляции и перепроверки РЦОИ',
};

const EXAM_ORDER: ExamKind[] = ['oge', 'gve9', 'ege', 'gve11'];

export function batchLabel(format: string, examKinds: readonly string[] = [], userTable: string | null = null): string {
  if (format in RCOI_LABELS) {
    const exams = EXAM_ORDER.filter((kind) => examKinds.includes(kind)).map((kind) => KIND_LABELS[kind]);
    return exams.length ? `${RCOI_LABELS[format]}: ${exams.join(', ')}` : RCOI_LABELS[format];
  }
  if (format === 'user_table') return userTable ? `Своя таблица «${userTable}»` : 'Своя таблица';
  if (format.startsWith('mapped:')) {
    const table = format.slice('mapped:'.length);
    return `Таблица Око «${SCHEMA_DESCRIPTIONS[table]?.title ?? table}»`;
  }
  return LABELS[format] ?? 'Таблица';
}

/** Every import of the session, oldest first. */
export function loadedBatches(db: Database): LoadedBatch[] {
  const batches = queryObjects<{
    import_batch_id: number;
    file_name: string | null;
    detected_format: string | null;
    rows: number | null;
    imported_at: string | null;
    table_name: string | null;
  }>(
    db,
    `SELECT b.import_batch_id, b.file_name, b.detected_format, b.rows, b.imported_at, u.table_name
     FROM import_batch b LEFT JOIN oko_user_table u ON u.import_batch_id = b.import_batch_id
     ORDER BY b.import_batch_id`,
  );
  // Only when there are РЦОИ files: the exams they hold (an appeal file changes other files' results).
  const kinds = new Map<number, string[]>();
  if (batches.some((b) => (b.detected_format ?? '') in RCOI_LABELS)) {
    const found = queryObjects<{ import_batch_id: number; kind: string }>(
      db,
      `SELECT r.import_batch_id, a.kind FROM result r JOIN assessment a USING (assessment_id)
       WHERE r.import_batch_id IN (SELECT import_batch_id FROM import_batch WHERE detected_format LIKE 'rcoi%')
       UNION
       SELECT h.batch_id, a.kind FROM result_history h JOIN result r USING (result_id) JOIN assessment a USING (assessment_id)
       WHERE h.batch_id IN (SELECT import_batch_id FROM import_batch WHERE detected_format LIKE 'rcoi%')`,
    );
    for (const { import_batch_id: id, kind } of found) kinds.set(id, [...(kinds.get(id) ?? []), kind]);
  }
  return batches.map((b) => ({
    batchId: b.import_batch_id,
    fileName: b.file_name ?? `загрузка № ${b.import_batch_id}`,
    format: b.detected_format ?? '',
    label: batchLabel(b.detected_format ?? '', kinds.get(b.import_batch_id), b.table_name),
    rows: b.rows ?? 0,
    importedAt: b.imported_at,
    userTable: b.table_name,
  }));
}
