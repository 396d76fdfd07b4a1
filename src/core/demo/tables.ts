/**
 * The demo municipality's reference tables: the school directory (logins, РЦОИ codes, settlement
 * type, clusters), the ФИОКО objectivity list, ФИС ОКО «Статистика по отметкам» and «Достижение
 * планируемых результатов» reports computed from the demo Ф1, the ВсОШ municipal stage, additional education coverage and teaching staff.
 * Every name is fictional; the output is seeded and byte-identical on every call.
 */
import type { ImportFile } from '../import/types.ts';
import { DEMO_MUNICIPALITY, DEMO_SCHOOLS, DEMO_WORKS, DEMO_YEARS, demoSpecs } from './roster.ts';
import { demoRcoiCode } from './gia.ts';
import { demoAdditionalCoverage } from './monitoring.ts';
import type { AggRowSpec, ReportTaskSpec } from '../import/formats/fisoko-reports/sample.ts';
import { fisokoMarksSheet, fisokoPlannedSheet } from '../import/formats/fisoko-reports/sample.ts';
import type { ObjectivityRowSpec } from '../import/formats/objectivity/sample.ts';
import { objectivityListSheet } from '../import/formats/objectivity/sample.ts';
import { createRandom } from '../import/samples/prng.ts';
import type { DirectoryRowSpec } from '../import/formats/school-directory/sample.ts';
import { schoolDirectorySheet } from '../import/formats/school-directory/sample.ts';
import type { AdditionalEducationRowSpec, OlympiadRowSpec } from '../import/formats/seed-tables/sample.ts';
import { additionalEducationSheet, generatedStaffRows, olympiadSheet, staffSheet } from '../import/formats/seed-tables/sample.ts';
import type { SheetSpec } from '../import/samples/xlsx-writer.ts';
import { writeWorkbook } from '../import/samples/xlsx-writer.ts';

const file = (name: string, sheet: SheetSpec): ImportFile => ({ name, bytes: writeWorkbook([sheet]) });

/**
 * Per demo ОО (DEMO_SCHOOLS order): settlement type and ОО type; clusters А (first four) and Б. No
 * «Краткое наименование»: the demo names are short already, and indicators keep showing them.
 */
const DIRECTORY_FACTS: ReadonlyArray<readonly [string, string]> = [
  ['город', 'СОШ'],
  ['город', 'СОШ'],
  ['город', 'гимназия'],
  ['город', 'лицей'],
  ['город', 'СОШ'],
  ['село', 'СОШ'],
  ['село', 'ООШ'],
  ['город', 'СОШ'],
];

/** Pupils of the whole ОО: about nine parallels of the ВПР size (an ООШ has five). */
export function demoContingent(index: number): number {
  const school = DEMO_SCHOOLS[index];
  return school.size * (school.login === 'edu990007' ? 9 : 11) + 3 * index;
}

export function demoDirectoryRows(): DirectoryRowSpec[] {
  return DEMO_SCHOOLS.map((school, i) => ({
    login: school.login,
    rcoiCode: demoRcoiCode(school),
    name: school.name,
    municipality: DEMO_MUNICIPALITY,
    settlement: DIRECTORY_FACTS[i][0],
    schoolType: DIRECTORY_FACTS[i][1],
    cluster: i < 4 ? 'А' : 'Б',
    contingent: demoContingent(i),
    year: 2026,
  }));
}

export function demoDirectory(): ImportFile {
  return file('Справочник ОО демо-округа 2026.xlsx', schoolDirectorySheet(demoDirectoryRows()));
}

/** Two ОО flagged in 2025 and two in 2026 (the СОШ that pushes scores to thresholds among them). */
export function demoObjectivityRows(): ObjectivityRowSpec[] {
  const row = (year: number, index: number, flags: ObjectivityRowSpec['flags']): ObjectivityRowSpec => ({
    year,
    login: DEMO_SCHOOLS[index].login,
    municipality: DEMO_MUNICIPALITY,
    school: DEMO_SCHOOLS[index].name,
    flags,
  });
  return [row(2025, 4, [1, 0, null, null]), row(2025, 5, [0, 1, 1, null]), row(2026, 5, [1, null, null, null]), row(2026, 7, [null, null, 0, 1])];
}

export function demoObjectivityList(): ImportFile {
  return file('Признаки необъективности ВПР 2025-2026 (демо).xlsx', objectivityListSheet(demoObjectivityRows()));
}

/**
 * ФИС ОКО «Статистика по отметкам», ВПР 2026 математика 4 класс (the work indicators open on): the
 * country and region rows, then the municipality and its ОО with the shares of the demo Ф1, so R1
 * finds them in agreement.
 */
export function demoMarksReport(): ImportFile {
  const spec = demoSpecs().find((s) => s.year === 2026 && s.subject === 'Математика' && s.grade === 4)!;
  const shares = (marks: number[]) => [2, 3, 4, 5].map((m) => Math.round((10000 * marks.filter((x) => x === m).length) / marks.length) / 100);
  const marksOf = (list: typeof spec.schools) => list.flatMap((s) => s.participants.map((p) => Number(p.mark)));
  const all = marksOf(spec.schools);
  const rows: AggRowSpec[] = [
    { label: 'Вся выборка', nOo: 35611, n: 1716950, pct: [4.12, 27.35, 45.87, 22.66] },
    { label: 'Демонстрационная область', nOo: 412, n: 21877, pct: [7.41, 38.02, 41.15, 13.42] },
    { label: DEMO_MUNICIPALITY, nOo: spec.schools.length, n: all.length, pct: shares(all) },
    ...spec.schools.map((s) => ({ label: `${s.name}(${s.login})`, nOo: null, n: s.participants.length, pct: shares(marksOf([s])) })),
  ];
  const title = { year: 2026, subject: 'Математика', grade: 4, maxPrimary: 20, examDate: '2026-04-21' };
  return file('Ф3 ВПР 2026 Математика 4 класс Статистика по отметкам.xlsx', fisokoMarksSheet(title, rows));
}

/**
 * What each task of the demo ВПР 2026 математика 4 класс checks, in the wording of a ФИС ОКО
 * «Достижение планируемых результатов» report (the planned results of the primary school programme).
 */
export const DEMO_MATH4_REQUIREMENTS: readonly string[] = [
  'Умение выполнять арифметические действия с числами и числовыми выражениями.',
  'Умение выполнять устно и письменно арифметические действия с числами и числовыми выражениями; вычислять значение выражения в 2–3 действия.',
  'Умение решать арифметическим способом (в 1–2 действия) учебные задачи и задачи, связанные с повседневной жизнью.',
  'Умение читать, записывать и сравнивать величины (массу, время, длину, площадь, скорость).',
  'Умение исследовать, распознавать геометрические фигуры; вычислять периметр и площадь прямоугольника.',
  'Умение работать с таблицами, схемами, диаграммами; читать и интерпретировать представленную в них информацию.',
  'Умение выполнять письменно действия с многозначными числами.',
  'Умение решать текстовые задачи в 3–4 действия.',
  'Овладение основами логического и алгоритмического мышления: упорядочивать и сравнивать данные.',
  'Умение решать задачи на движение, работу и покупки.',
  'Овладение основами пространственного воображения.',
  'Овладение основами логического мышления: решение нестандартных задач.',
];

/**
 * ФИС ОКО «Достижение планируемых результатов», ВПР 2026 математика 4 класс: РФ, the region and the
 * municipality. The municipality's % are those of the demo Ф1 (so the справка's tasks agree with
 * V9); the region and РФ are seeded a few points around them.
 */
export function demoPlannedReport(): ImportFile {
  const work = DEMO_WORKS.find((w) => w.subject === 'Математика' && w.grade === 4)!;
  const spec = demoSpecs().find((s) => s.year === 2026 && s.subject === 'Математика' && s.grade === 4)!;
  const everyone = spec.schools.flatMap((school) => school.participants);
  const random = createRandom('planned|2026|Математика|4');
  const tasks: ReportTaskSpec[] = work.tasks.map((task, i) => ({ code: task.code, max: task.max, requirement: DEMO_MATH4_REQUIREMENTS[i] }));
  const pct = work.tasks.map((task, t) => {
    const points = everyone.reduce((sum, p) => sum + (typeof p.scores[t] === 'number' ? (p.scores[t] as number) : 0), 0);
    const municipality = Math.round((10000 * points) / (task.max * everyone.length)) / 100;
    const near = (spread: number) => Math.round(100 * Math.min(99, Math.max(5, municipality + (random.next() - 0.6) * spread))) / 100;
    return [near(14), near(18), municipality];
  });
  const entities = [
    { name: 'Вся выборка', n: 1716950 },
    { name: 'Демонстрационная область', n: 21877 },
    { name: DEMO_MUNICIPALITY, n: everyone.length },
  ];
  const title = { year: 2026, subject: 'Математика', grade: 4, maxPrimary: 20, examDate: '2026-04-21' };
  return file('Ф3 ВПР 2026 Математика 4 класс Достижение планируемых результатов.xlsx', fisokoPlannedSheet(title, tasks, entities, pct));
}

const OLYMPIAD_SUBJECTS = ['математика', 'русский язык', 'физика', 'биология', 'обществознание', 'информатика'];

/** ВсОШ municipal stage, grades 7–11: about one participant per 25 pupils, a tenth winners, a fifth prize-winners (T1). */
export function demoOlympiad(): ImportFile {
  const rows: OlympiadRowSpec[] = [];
  for (const year of DEMO_YEARS) {
    DEMO_SCHOOLS.forEach((school, i) => {
      const random = createRandom(`olympiad|${school.login}|${year}`);
      const count = Math.max(1, Math.round(demoContingent(i) / 25 + school.ability * 6));
      for (let k = 0; k < count; k++) {
        const score = Math.round(100 * (1 / (1 + Math.exp(-(school.ability + random.normal() - 0.3)))));
        rows.push({
          year,
          stage: 'муниципальный',
          subject: OLYMPIAD_SUBJECTS[random.int(0, OLYMPIAD_SUBJECTS.length - 1)],
          school: school.login,
          participant: `${school.login.slice(-2)}-${year % 100}-${String(k + 1).padStart(3, '0')}`,
          grade: random.int(7, school.login === 'edu990007' ? 9 : 11),
          status: score >= 85 ? 'победитель' : score >= 65 ? 'призёр' : 'участник',
          score,
        });
      }
    });
  }
  return file('ВсОШ муниципальный этап 2025-2026.xlsx', olympiadSheet(rows, { title: 'Протокол муниципального этапа ВсОШ (демо)' }));
}

/** The same pupils and coverage as the demo's monitoring forms: 77 % in 2024/2025, 44 % in 2025/2026 (D1 and B2 agree). */
export function demoAdditionalEducation(): ImportFile {
  const rows: AdditionalEducationRowSpec[] = DEMO_YEARS.flatMap((year) =>
    demoAdditionalCoverage(year).map((c) => ({ school: c.login, year, total: c.total, covered: c.covered })),
  );
  return file('Охват дополнительным образованием 2025-2026.xlsx', additionalEducationSheet(rows));
}

/** One teacher per about 14 pupils, flags and ages from generatedStaffRows (K1–K4). */
export function demoStaff(): ImportFile {
  const rows = DEMO_YEARS.flatMap((year) =>
    DEMO_SCHOOLS.flatMap((school, i) => generatedStaffRows([school.login], year, Math.max(6, Math.round(demoContingent(i) / 14)))),
  );
  return file('Педагогические работники 2025-2026.xlsx', staffSheet(rows));
}
