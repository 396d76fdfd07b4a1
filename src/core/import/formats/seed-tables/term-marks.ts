import { cellInteger, isBlank, normalizeHeader } from '../../cells.ts';
import { inRows, invalidValue } from '../../messages.ts';
import type { Importer } from '../../pipeline/registry.ts';
import { findSubjectCode } from '../../subjects.ts';
import { seedImporter } from './common.ts';
import { TERM_MARK_LAYOUT } from './layouts.ts';
import { needsPerson, numberAloneOf, personColumn, studentOf } from './medals.ts';
import { PersonLinker } from './persons.ts';
import { SchoolResolver } from './schools.ts';
import { duplicateRow } from './table.ts';

/** «н/а», «зачёт», «освобождён»: no mark 2–5 for the period — the row is skipped (counted in a warning). */
const NO_MARK = /^(н\s*\/\s*а|на|не аттестован[а]?|зач|зачет|зачтено|осв|освобожден[а]?)\.?$/;
const SKIP = 'skip';

/**
 * Отметки за период → term_mark (G3). The subject goes through the subject directory (subject,
 * subject_code_alias source 'name'); the person through persons.ts. A row for the same ОО,
 * student, subject, year and period loaded before is replaced (warning).
 */
export const termMarkImporter: Importer = seedImporter({
  id: 'seed-term-marks',
  supported: 'отметки за период (ОО | Год | Класс | ФИО или Фамилия, Имя, Отчество | Документ | Предмет | Период | Отметка)',
  format: 'term_mark',
  label: 'Отметки за четверть, полугодие, год',
  layout: TERM_MARK_LAYOUT,
  marker: [],
  alsoNeeded: needsPerson,
  custom: {
    mark: (raw) => {
      if (isBlank(raw)) return null;
      if (NO_MARK.test(normalizeHeader(raw))) return SKIP;
      const mark = cellInteger(raw);
      return mark !== undefined && mark >= 2 && mark <= 5 ? mark : { bad: 'нужна отметка от 2 до 5 (или «н/а», «зач», «осв» — тогда строка пропускается)' };
    },
  },
  run({ db, ctx, table, rows }) {
    const schools = new SchoolResolver(db);
    const linker = new PersonLinker(db, ctx.options.context?.keepNames === true);
    const numberAlone = numberAloneOf(table.columns);
    const subjects = new Map<string, string>();
    const seen = new Map<string, number>();
    const skipped: number[] = [];
    const notInGia = new Set<number>();
    let written = 0;
    let replaced = 0;
    for (const row of rows) {
      const v = row.values;
      if (v.mark === SKIP) {
        skipped.push(row.row);
        continue;
      }
      const subjectText = String(v.subject);
      let subject = subjects.get(subjectText);
      if (subject === undefined) {
        const code = findSubjectCode(db, subjectText);
        if (code === null) {
          throw invalidValue(
            row.place('subject'),
            subjectText,
            'такого предмета нет в справочнике предметов',
            'Напишите название как в справочнике («Русский язык», «Математика» …) или добавьте его в таблицу subject_code_alias (source = «name», code — название строчными буквами) и загрузите файл снова.',
          );
        }
        subject = code;
        subjects.set(subjectText, code);
      }
      const period = v.period === null ? 'year' : String(v.period);
      const schoolId = schools.resolve(row);
      const { studentId } = studentOf(linker, row, schoolId, numberAlone);
      if (!db.exec('SELECT 1 FROM result WHERE student_id = ? LIMIT 1', [studentId]).length) notInGia.add(studentId);
      const key = [schoolId, studentId, subject, v.year, period].join('\u0000');
      const earlier = seen.get(key);
      if (earlier !== undefined) throw duplicateRow(row, personColumn(row), earlier, 'отметка этого обучающегося по этому предмету за этот период');
      seen.set(key, row.row);
      const before = db.exec('SELECT 1 FROM term_mark WHERE school_id = ? AND student_id = ? AND subject_code = ? AND year = ? AND period = ?', [
        schoolId,
        studentId,
        subject,
        v.year,
        period,
      ]);
      if (before.length) replaced++;
      db.run(
        `INSERT INTO term_mark (school_id, student_id, class_label, subject_code, year, period, mark, import_batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (school_id, student_id, subject_code, year, period) DO UPDATE SET mark = excluded.mark,
           class_label = COALESCE(excluded.class_label, class_label), import_batch_id = excluded.import_batch_id`,
        [schoolId, studentId, v.class_label, subject, v.year, period, v.mark, ctx.batchId],
      );
      written++;
    }
    if (written === 0) {
      throw invalidValue(rows[0].place('mark'), rows[0].text('mark'), 'в файле нет ни одной отметки от 2 до 5', 'Проверьте, что выбран нужный файл.');
    }
    const warnings: string[] = [];
    if (skipped.length) {
      warnings.push(`Пропущены строки без отметки 2–5 («н/а», «зач», «осв»): ${skipped.length} (${inRows(skipped)}).`);
    }
    if (notInGia.size) {
      warnings.push(
        `Обучающиеся, которых пока нет в загруженных протоколах РЦОИ: ${notInGia.size}. Их отметки сохранены и свяжутся с результатами ГИА, ` +
          'когда будут загружены протоколы с теми же ФИО (и документом или кодом ОО).',
      );
    }
    if (replaced) warnings.push(`Отметки, загруженные раньше (${replaced}), заменены значениями этого файла.`);
    return { rows: written, taskScores: 0, schools: schools.used.size, assessments: [], warnings };
  },
});
