import type { Database } from '../../../db.ts';
import { applySchoolContext, resolveWork, workLabel } from '../../work/context.ts';
import type { Detection } from './detect.ts';
import { detectFormat, missingF1Header } from './detect.ts';
import type { ResultFormatId } from '../../formats.ts';
import { FORMAT_LABELS } from '../../formats.ts';
import { loadVprScale } from '../../work/mark-scale.ts';
import { parseFisokoF1 } from './parse-f1.ts';
import { parseVprForm } from './parse-form.ts';
import type { Detected, Importer, RunContext, RunOutcome } from '../../pipeline/registry.ts';
import { scoreRows } from './score-rows.ts';
import { validateRows } from './validate.ts';
import { writeImport } from './write.ts';

function skippedSheets({ sheet, otherSheets }: Detection): string[] {
  if (otherSheets.length === 0) return [];
  const names = otherSheets.map((name) => `«${name}»`).join(', ');
  return [
    `В файле есть и другие листы с результатами (${names}) — загружен только лист «${sheet.name}». Сохраните каждый лист отдельным файлом и загрузите их по очереди.`,
  ];
}

/** Parse → validate → resolve the work → score → write (inside the caller's transaction). */
function runParticipantTable(db: Database, detection: Detection, ctx: RunContext): RunOutcome {
  const parsed = detection.format === 'fisoko_f1' ? parseFisokoF1(ctx.fileName, detection) : parseVprForm(ctx.fileName, detection);
  validateRows(ctx.fileName, parsed);
  const work = resolveWork(db, ctx.fileName, parsed, ctx.options.context);
  applySchoolContext(parsed, ctx.options.context);
  const bands = loadVprScale(db, work.year, work.subjectCode, work.grade);
  const warnings = [...skippedSheets(detection), ...parsed.warnings, ...scoreRows(parsed, work, bands)];
  const outcome = writeImport(db, {
    batchId: ctx.batchId,
    work,
    tasks: parsed.tasks,
    rows: parsed.rows,
    warnings,
    onProgress: ctx.onProgress,
  });
  return { ...outcome, assessments: [workLabel(work)] };
}

// A participant table is specific (a participant-code column beside known ones); a Ф1 title with
// no table under it is only claimed to explain what is missing.
const TABLE_CONFIDENCE = 0.9;
const BROKEN_F1_CONFIDENCE = 0.1;

/** ФИС ОКО Ф1 «Индивидуальные результаты» and the school's «Форма сбора результатов» (2022, 2026). */
export const vprResultsImporter: Importer = {
  id: 'vpr-results',
  supported:
    'отчёт ФИС ОКО «Индивидуальные результаты» (Ф1) и «Форма сбора результатов» ВПР (2022 и 2026) — со столбцами «Код участника» (или «Код») и «Вариант»',
  labels: FORMAT_LABELS,
  detect(fileName, sheets): Detected | null {
    const found = detectFormat(sheets);
    if (!found) return null;
    if ('f1WithoutHeader' in found) {
      const sheet = found.f1WithoutHeader;
      return {
        format: 'fisoko_f1',
        label: FORMAT_LABELS.fisoko_f1,
        confidence: BROKEN_F1_CONFIDENCE,
        run: () => {
          throw missingF1Header(fileName, sheet);
        },
      };
    }
    const format: ResultFormatId = found.format;
    return { format, label: FORMAT_LABELS[format], confidence: TABLE_CONFIDENCE, run: (db, ctx) => runParticipantTable(db, found, ctx) };
  },
};
