import { queryObjects } from '../../../db.ts';
import type { DescribeBatches } from '../../pipeline/batches.ts';
import { KIND_LABELS, type ExamKind } from './exam-kind.ts';

/** What the list of loaded files calls a РЦОИ file, before the exams it holds. */
const LIST_LABELS: Record<string, string> = {
  rcoi_protocol: 'Протокол РЦОИ',
  rcoi_normalized: 'Выгрузка результатов РЦОИ',
  rcoi_appeal: 'Апелляции и перепроверки РЦОИ',
};

const EXAM_ORDER: ExamKind[] = ['oge', 'gve9', 'ege', 'gve11'];

/**
 * РЦОИ files say which exams they hold, e.g. «Протокол РЦОИ: ОГЭ»; an appeal file names the exams
 * of the results it changed in other files.
 */
export const describeRcoiBatches: DescribeBatches = (db, batches) => {
  const rcoi = batches.filter((batch) => batch.format in LIST_LABELS);
  if (rcoi.length === 0) return new Map();
  const found = queryObjects<{ import_batch_id: number; kind: string }>(
    db,
    `SELECT r.import_batch_id, a.kind FROM result r JOIN assessment a USING (assessment_id)
     WHERE r.import_batch_id IN (SELECT import_batch_id FROM import_batch WHERE detected_format LIKE 'rcoi%')
     UNION
     SELECT h.batch_id, a.kind FROM result_history h JOIN result r USING (result_id) JOIN assessment a USING (assessment_id)
     WHERE h.batch_id IN (SELECT import_batch_id FROM import_batch WHERE detected_format LIKE 'rcoi%')`,
  );
  const kinds = new Map<number, string[]>();
  for (const { import_batch_id: id, kind } of found) kinds.set(id, [...(kinds.get(id) ?? []), kind]);
  return new Map(
    rcoi.map((batch) => {
      const exams = EXAM_ORDER.filter((kind) => kinds.get(batch.batchId)?.includes(kind)).map((kind) => KIND_LABELS[kind]);
      const label = LIST_LABELS[batch.format];
      return [batch.batchId, exams.length ? `${label}: ${exams.join(', ')}` : label];
    }),
  );
};
