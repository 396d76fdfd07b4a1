import { invalidValue } from '../../messages.ts';
import type { Importer } from '../../pipeline/registry.ts';
import { seedImporter } from './common.ts';
import { ADDITIONAL_EDUCATION_LAYOUT } from './layouts.ts';
import { SchoolResolver } from './schools.ts';
import { duplicateRow } from './table.ts';

/**
 * Охват дополнительным образованием → additional_education (D1). One row per ОО and school year;
 * a row for an ОО and year loaded before replaces it (warning).
 */
export const additionalEducationImporter: Importer = seedImporter({
  id: 'seed-additional-education',
  supported: 'охват дополнительным образованием (ОО | Год | Обучающихся всего | Охвачено дополнительным образованием)',
  format: 'additional_education',
  label: 'Охват обучающихся дополнительным образованием',
  layout: ADDITIONAL_EDUCATION_LAYOUT,
  marker: ['students_covered'],
  run({ db, ctx, rows }) {
    const schools = new SchoolResolver(db);
    const seen = new Map<string, number>();
    let replaced = 0;
    for (const row of rows) {
      const v = row.values;
      const total = Number(v.students_total);
      const covered = Number(v.students_covered);
      if (total < 0) throw invalidValue(row.place('students_total'), row.text('students_total'), 'число обучающихся не может быть отрицательным');
      if (covered < 0) throw invalidValue(row.place('students_covered'), row.text('students_covered'), 'число охваченных не может быть отрицательным');
      if (covered > total) {
        throw invalidValue(
          row.place('students_covered'),
          row.text('students_covered'),
          `охваченных больше, чем обучающихся (${total}); каждый обучающийся считается один раз`,
        );
      }
      const schoolId = schools.resolve(row);
      const key = `${schoolId}\u0000${v.year}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) throw duplicateRow(row, 'school', earlier, `эта ОО за ${v.year} год`);
      seen.set(key, row.row);
      const before = db.exec('SELECT 1 FROM additional_education WHERE school_id = ? AND year = ?', [schoolId, v.year]);
      if (before.length) replaced++;
      db.run(
        `INSERT INTO additional_education (school_id, year, students_total, students_covered, import_batch_id) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (school_id, year) DO UPDATE SET students_total = excluded.students_total, students_covered = excluded.students_covered,
           import_batch_id = excluded.import_batch_id`,
        [schoolId, v.year, total, covered, ctx.batchId],
      );
    }
    const warnings = replaced ? [`Для ${replaced} ОО охват за этот год уже был загружен раньше — прежние значения заменены значениями этого файла.`] : [];
    return { rows: rows.length, taskScores: 0, schools: schools.used.size, assessments: [], warnings };
  },
});
