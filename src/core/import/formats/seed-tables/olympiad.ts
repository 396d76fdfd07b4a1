import { cellNumber, isBlank } from '../../cells.ts';
import type { Importer } from '../../pipeline/registry.ts';
import { seedImporter } from './common.ts';
import { OLYMPIAD_LAYOUT } from './layouts.ts';
import { SchoolResolver } from './schools.ts';
import { checkRange, duplicateRow } from './table.ts';

/**
 * Протокол этапа ВсОШ → olympiad_result (T1). One row per participant and subject; the same
 * (year, stage, subject, participant key) loaded again — from this or another file — is replaced
 * (the table's UNIQUE key), with a warning that counts the replaced rows.
 */
export const olympiadImporter: Importer = seedImporter({
  id: 'seed-olympiad',
  supported: 'протокол этапа ВсОШ (Год | Этап | Предмет | ОО | Код участника | Класс | Статус | Балл)',
  format: 'olympiad_result',
  label: 'Всероссийская олимпиада школьников: протокол этапа',
  layout: OLYMPIAD_LAYOUT,
  marker: ['stage', 'status'],
  custom: {
    score: (raw) => {
      if (isBlank(raw)) return null;
      const n = cellNumber(raw);
      return n === undefined || n < 0 ? { bad: 'нужен балл — неотрицательное число, например 37,5 (или пустая ячейка)' } : n;
    },
  },
  run({ db, ctx, rows }) {
    const schools = new SchoolResolver(db);
    const seen = new Map<string, number>();
    const existing = db.prepare('SELECT 1 FROM olympiad_result WHERE year = ? AND stage = ? AND subject = ? AND participant_key = ?');
    const upsert = db.prepare(
      `INSERT INTO olympiad_result (year, stage, subject, school_id, participant_key, grade, status, score, import_batch_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (year, stage, subject, participant_key) DO UPDATE SET school_id = excluded.school_id, grade = excluded.grade,
         status = excluded.status, score = excluded.score, import_batch_id = excluded.import_batch_id`,
    );
    let replaced = 0;
    try {
      for (const row of rows) {
        const v = row.values;
        checkRange(row, 'grade', 1, 11, 'нужен класс обучения — целое число от 1 до 11');
        const key = [v.year, v.stage, String(v.subject).toLowerCase().replace(/ё/g, 'е'), v.participant_key].join('\u0000');
        const earlier = seen.get(key);
        if (earlier !== undefined) throw duplicateRow(row, 'participant_key', earlier, 'этот участник в этом предмете и этапе');
        seen.set(key, row.row);
        const schoolId = schools.resolve(row);
        existing.bind([v.year, v.stage, v.subject, v.participant_key]);
        if (existing.step()) replaced++;
        existing.reset();
        upsert.run([v.year, v.stage, v.subject, schoolId, v.participant_key, v.grade, v.status, v.score, ctx.batchId]);
      }
    } finally {
      existing.free();
      upsert.free();
    }
    const warnings = replaced ? [`Участия, загруженные раньше (тот же год, этап, предмет и код участника), заменены строками этого файла: ${replaced}.`] : [];
    return { rows: rows.length, taskScores: 0, schools: schools.used.size, assessments: [], warnings };
  },
});
