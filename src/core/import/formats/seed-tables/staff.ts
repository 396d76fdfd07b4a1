import { plural } from '../../messages.ts';
import type { Importer } from '../../pipeline/registry.ts';
import { seedImporter } from './common.ts';
import { STAFF_LAYOUT } from './layouts.ts';
import { SchoolResolver } from './schools.ts';
import { checkRange, duplicateRow } from './table.ts';

/**
 * Педагогические работники → teaching_staff (K1–K4). A staff list is the whole staff of an ОО for
 * a school year: the rows an earlier file gave for the same ОО and year are deleted first (a
 * teacher who left must not stay), with a warning naming how many.
 */
export const staffImporter: Importer = seedImporter({
  id: 'seed-teaching-staff',
  supported:
    'список педагогических работников (ОО | Год | Код педагога | Высшее образование | Квалификационная категория | Действующие курсы ПК | Год рождения | Возраст)',
  format: 'teaching_staff',
  label: 'Педагогические работники',
  layout: STAFF_LAYOUT,
  marker: ['teacher_key'],
  run({ db, ctx, rows }) {
    const schools = new SchoolResolver(db);
    const seen = new Map<string, number>();
    const resolved = rows.map((row) => {
      const v = row.values;
      checkRange(row, 'age', 14, 100, 'нужен возраст полных лет — целое число от 14 до 100');
      checkRange(row, 'birth_year', 1900, Number(v.year) - 14, `нужен год рождения — четыре цифры, не позже ${Number(v.year) - 14}`);
      const schoolId = schools.resolve(row);
      const key = `${schoolId}\u0000${v.year}\u0000${String(v.teacher_key).toLowerCase()}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) throw duplicateRow(row, 'teacher_key', earlier, `этот педагог в этой ОО за ${v.year} год`);
      seen.set(key, row.row);
      return { row, schoolId };
    });
    let replaced = 0;
    const lists = new Set(resolved.map(({ row, schoolId }) => `${schoolId}:${row.values.year}`));
    for (const list of lists) {
      const [schoolId, year] = list.split(':').map(Number);
      db.run('DELETE FROM teaching_staff WHERE school_id = ? AND year = ?', [schoolId, year]);
      replaced += db.getRowsModified();
    }
    const insert = db.prepare(
      `INSERT INTO teaching_staff (school_id, year, teacher_key, higher_education, category, refresher_valid, birth_year, age, import_batch_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    try {
      for (const { row, schoolId } of resolved) {
        const v = row.values;
        insert.run([schoolId, v.year, v.teacher_key, v.higher_education, v.category, v.refresher_valid, v.birth_year, v.age, ctx.batchId]);
      }
    } finally {
      insert.free();
    }
    const warnings = replaced
      ? [
          `Списки педагогов тех же ОО за тот же год уже были загружены раньше: ${replaced} ${plural(replaced, 'прежняя строка заменена', 'прежние строки заменены', 'прежних строк заменены')} списком этого файла.`,
        ]
      : [];
    return { rows: rows.length, taskScores: 0, schools: schools.used.size, assessments: [], warnings };
  },
});
