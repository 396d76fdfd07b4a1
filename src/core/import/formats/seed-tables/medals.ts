import type { ColumnRef } from '../../columns.ts';
import { inRows, invalidValue } from '../../messages.ts';
import type { Importer } from '../../pipeline/registry.ts';
import { seedImporter, yearsOf } from './common.ts';
import { MEDAL_LAYOUT, PERSON_COLUMNS } from './layouts.ts';
import type { LinkOutcome } from './persons.ts';
import { PersonLinker, personOf } from './persons.ts';
import { SchoolResolver } from './schools.ts';
import type { TableRow } from './table.ts';
import { duplicateRow } from './table.ts';

/** A person table needs «ФИО» or «Фамилия» (with «Имя»): without them nobody can be found. */
export function needsPerson(columns: Map<string, ColumnRef>) {
  return columns.has('full_name') || columns.has('surname') ? null : PERSON_COLUMNS[0];
}

/** The column a person message points at: «ФИО», else «Фамилия». */
export function personColumn(row: TableRow): string {
  return row.place('full_name').column !== undefined ? 'full_name' : 'surname';
}

/** student_id of the row's person, or the Russian error that explains why there is none. */
export function studentOf(linker: PersonLinker, row: TableRow, schoolId: number, numberAlone: boolean): { studentId: number; by: string } {
  const outcome: LinkOutcome = linker.link(personOf(row.values, numberAlone), schoolId);
  const key = personColumn(row);
  if (outcome === null) throw invalidValue(row.place(key), '', 'нужны фамилия и имя обучающегося: по ним (и по документу) он связывается с результатами ГИА');
  if ('ambiguous' in outcome) {
    throw invalidValue(
      row.place(key),
      row.text(key),
      'в этой ОО несколько участников ГИА с такими ФИО, и без документа нельзя понять, о ком строка',
      'Добавьте столбец «Документ» (серия и номер, как в протоколе РЦОИ) и загрузите файл снова.',
    );
  }
  return outcome;
}

/** Whether the «Номер» column may be read alone as the document number. */
export function numberAloneOf(columns: Map<string, ColumnRef>): boolean {
  const header = columns.get('number')?.header.toLowerCase() ?? '';
  return !columns.has('series') && header === 'номер документа';
}

/**
 * Претенденты на медаль → medal_candidate (E5). Each row's person is found among the students
 * of the session (persons.ts); a candidate with no ГИА-11 result in the year is kept (a protocol
 * loaded later links to the same student) and named in a warning by row number.
 */
export const medalImporter: Importer = seedImporter({
  id: 'seed-medal-candidates',
  supported: 'список претендентов на медаль (ОО | Год | ФИО или Фамилия, Имя, Отчество | Документ | Степень медали)',
  format: 'medal_candidate',
  label: 'Претенденты на медаль «За особые успехи в учении»',
  layout: MEDAL_LAYOUT,
  marker: ['degree'],
  alsoNeeded: needsPerson,
  run({ db, ctx, table, rows }) {
    const schools = new SchoolResolver(db);
    const linker = new PersonLinker(db, ctx.options.context?.keepNames === true);
    const numberAlone = numberAloneOf(table.columns);
    const seen = new Map<string, number>();
    const withoutResults: number[] = [];
    let replaced = 0;
    for (const row of rows) {
      const v = row.values;
      const schoolId = schools.resolve(row);
      const { studentId } = studentOf(linker, row, schoolId, numberAlone);
      const key = `${studentId}\u0000${v.year}`;
      const earlier = seen.get(key);
      if (earlier !== undefined)
        throw duplicateRow(
          row,
          personColumn(row),
          earlier,
          `этот выпускник (те же ФИО${v.document || v.series ? ' и документ' : ' в той же ОО'}) за ${v.year} год`,
        );
      seen.set(key, row.row);
      const before = db.exec('SELECT degree FROM medal_candidate WHERE student_id = ? AND year = ?', [studentId, v.year]);
      if (before.length) replaced++;
      db.run(
        'INSERT INTO medal_candidate (student_id, year, degree, import_batch_id) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (student_id, year) DO UPDATE SET degree = excluded.degree, import_batch_id = excluded.import_batch_id',
        [studentId, v.year, Number(v.degree), ctx.batchId],
      );
      const hasResults = db.exec(
        `SELECT 1 FROM result r JOIN assessment a USING (assessment_id) WHERE r.student_id = ? AND a.year = ? AND a.kind IN ('ege', 'gve11') LIMIT 1`,
        [studentId, v.year],
      );
      if (!hasResults.length) withoutResults.push(row.row);
    }
    const warnings: string[] = [];
    if (withoutResults.length) {
      warnings.push(
        `Претенденты, не найденные среди участников ГИА-11 ${yearsOf(rows)} года: ${withoutResults.length} (${inRows(withoutResults)}). ` +
          'Показатель E5 учтёт их, когда будут загружены протоколы ЕГЭ/ГВЭ-11 с теми же ФИО и документом (без документа — из той же ОО).',
      );
    }
    if (replaced) warnings.push(`Претенденты, загруженные раньше (${replaced}), обновлены: степень медали взята из этого файла.`);
    return { rows: rows.length, taskScores: 0, schools: schools.used.size, assessments: [], warnings };
  },
});
