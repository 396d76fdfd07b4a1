/**
 * ГИА of the demo municipality: РЦОИ protocols of ОГЭ (2025–2026: русский язык, математика and two
 * subjects by choice) and ЕГЭ (русский язык, математика профильная и базовая, обществознание,
 * физика), with the annual marks of the 9th grade and the medal candidates of the 11th grade. One
 * roster of fictional pupils per ОО and year feeds every file, with the same ФИО and document, so
 * the person keys of the protocols, the annual marks and the candidates link. Seeded: the same
 * bytes on every call.
 */
import type { ImportFile } from '../import/types.ts';
import type { DemoSchool } from './roster.ts';
import { DEMO_SCHOOLS, DEMO_YEARS } from './roster.ts';
import type { Random } from '../import/samples/prng.ts';
import { createRandom } from '../import/samples/prng.ts';
import type { RcoiBlock, RcoiRecord } from '../import/formats/rcoi/sample.ts';
import { BASE_MATH_LAYOUT, EGE_CSV_LAYOUT, OGE_DENSE_LAYOUT, writeRcoiWorkbook } from '../import/formats/rcoi/sample.ts';
import type { MedalRowSpec, TermMarkRowSpec } from '../import/formats/seed-tables/sample.ts';
import { medalCandidatesSheet, termMarksSheet } from '../import/formats/seed-tables/sample.ts';
import { writeWorkbook } from '../import/samples/xlsx-writer.ts';

/** РЦОИ «Код ОО» of a demo ОО: 9901…9908 (the directory gives the same codes). */
export function demoRcoiCode(school: Pick<DemoSchool, 'login'>): string {
  return `99${school.login.slice(-2)}`;
}

// Fictional people: common names combined at random.
const MALE = {
  surnames: [
    'Андреев',
    'Белов',
    'Воронов',
    'Григорьев',
    'Данилов',
    'Егоров',
    'Жуков',
    'Зайцев',
    'Ильин',
    'Комаров',
    'Лебедев',
    'Морозов',
    'Никитин',
    'Орлов',
    'Павлов',
    'Романов',
    'Соловьёв',
    'Тихонов',
    'Фёдоров',
    'Яковлев',
  ],
  names: ['Александр', 'Артём', 'Богдан', 'Глеб', 'Даниил', 'Егор', 'Иван', 'Кирилл', 'Лев', 'Максим', 'Матвей', 'Никита', 'Роман', 'Тимофей', 'Ярослав'],
};
const FEMALE = {
  surnames: MALE.surnames.map((s) => (s.endsWith('ёв') || s.endsWith('ев') || s.endsWith('ов') || s.endsWith('ин') ? `${s}а` : s)),
  names: ['Алиса', 'Анна', 'Валерия', 'Варвара', 'Дарья', 'Ева', 'Ксения', 'Мария', 'Милана', 'Полина', 'София', 'Таисия', 'Ульяна', 'Юлия', 'Яна'],
};
/** Father's names as patronymics: [male, female]. */
const PATRONYMICS: ReadonlyArray<readonly [string, string]> = [
  ['Алексеевич', 'Алексеевна'],
  ['Андреевич', 'Андреевна'],
  ['Сергеевич', 'Сергеевна'],
  ['Дмитриевич', 'Дмитриевна'],
  ['Николаевич', 'Николаевна'],
  ['Евгеньевич', 'Евгеньевна'],
  ['Юрьевич', 'Юрьевна'],
  ['Олегович', 'Олеговна'],
  ['Павлович', 'Павловна'],
  ['Игоревич', 'Игоревна'],
];

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random.next() * list.length)];

export interface DemoPupil {
  surname: string;
  name: string;
  patronymic: string;
  series: string;
  number: string;
  klass: string;
  /** logit-scale ability */
  ability: number;
}

/** Pupils of a parallel (9 or 11) of one ОО in a year: the same list for every file. */
export function demoPupils(school: DemoSchool, year: number, grade: 9 | 11): DemoPupil[] {
  if (grade === 11 && school.login === 'edu990007') return []; // ООШ: no 11th grade
  const random = createRandom(`pupils|${school.login}|${year}|${grade}`);
  const count = Math.max(3, Math.round(school.size * (grade === 9 ? 0.85 : 0.4)) + random.int(-2, 2));
  const classes = Math.max(1, Math.round(count / 25));
  const perClass = Math.ceil(count / classes);
  return Array.from({ length: count }, (_, i) => {
    const male = random.chance(0.5);
    const set = male ? MALE : FEMALE;
    const index = Math.floor(random.next() * set.surnames.length);
    return {
      surname: set.surnames[index],
      name: pick(random, set.names),
      patronymic: pick(random, PATRONYMICS)[male ? 0 : 1],
      series: String(9900 + random.int(10, 99)),
      number: String(100000 + ((Number(school.login.slice(-2)) * 7919 + year * 31 + grade * 1009 + i * 97) % 900000)),
      klass: `${grade}${'АБВГ'[Math.floor(i / perClass)]}`,
      ability: school.ability + random.normal(),
    };
  });
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));

// ───────────── ОГЭ ─────────────

interface OgeExam {
  code: string;
  subject: string;
  max: number;
  /** lower bounds of marks 3, 4, 5 */
  bounds: readonly [number, number, number];
  /** ability offset: harder subjects need more */
  shift: number;
  day: string;
}

const OGE_EXAMS: readonly OgeExam[] = [
  { code: '01', subject: 'Русский язык', max: 33, bounds: [15, 23, 29], shift: -0.7, day: '06-03' },
  { code: '03', subject: 'Математика', max: 31, bounds: [8, 15, 22], shift: -0.1, day: '06-06' },
  { code: '12', subject: 'Обществознание', max: 37, bounds: [14, 24, 32], shift: -0.4, day: '05-22' },
  { code: '08', subject: 'География', max: 31, bounds: [12, 19, 25], shift: -0.3, day: '05-22' },
  { code: '06', subject: 'Биология', max: 48, bounds: [13, 25, 37], shift: -0.4, day: '05-27' },
  { code: '05', subject: 'Информатика', max: 19, bounds: [5, 11, 16], shift: -0.1, day: '05-27' },
];

const CHOICE = OGE_EXAMS.slice(2);

/** Subjects by choice of a pupil (two of four), drawn from the pupil's own seed. */
function ogeChoice(school: DemoSchool, year: number, index: number): OgeExam[] {
  const random = createRandom(`oge-choice|${school.login}|${year}|${index}`);
  const first = Math.floor(random.next() * CHOICE.length);
  const second = (first + 1 + Math.floor(random.next() * (CHOICE.length - 1))) % CHOICE.length;
  return [CHOICE[first], CHOICE[second]];
}

function ogeMark(primary: number, bounds: readonly [number, number, number]): number {
  return primary >= bounds[2] ? 5 : primary >= bounds[1] ? 4 : primary >= bounds[0] ? 3 : 2;
}

function ogePrimary(random: Random, pupil: DemoPupil, exam: OgeExam): number {
  const p = sigmoid(1.1 * (pupil.ability - exam.shift) + 0.4);
  return clamp(Math.round(exam.max * p + random.normal() * exam.max * 0.08), 0, exam.max);
}

interface OgeResult {
  pupil: DemoPupil;
  exam: OgeExam;
  primary: number;
  mark: number;
}

function ogeResults(year: number): Map<DemoSchool, OgeResult[]> {
  const out = new Map<DemoSchool, OgeResult[]>();
  for (const school of DEMO_SCHOOLS) {
    const random = createRandom(`oge|${school.login}|${year}`);
    const results: OgeResult[] = [];
    demoPupils(school, year, 9).forEach((pupil, i) => {
      for (const exam of [OGE_EXAMS[0], OGE_EXAMS[1], ...ogeChoice(school, year, i)]) {
        const primary = ogePrimary(random, pupil, exam);
        results.push({ pupil, exam, primary, mark: ogeMark(primary, exam.bounds) });
      }
    });
    out.set(school, results);
  }
  return out;
}

const person = (school: DemoSchool, pupil: DemoPupil): RcoiRecord => ({
  msu: '990',
  school: demoRcoiCode(school),
  klass: pupil.klass,
  surname: pupil.surname,
  name: pupil.name,
  patronymic: pupil.patronymic,
  series: pupil.series,
  number: pupil.number,
});

function ogeFile(year: number): ImportFile {
  const results = ogeResults(year);
  const blocks: RcoiBlock[] = OGE_EXAMS.map((exam) => {
    const records: RcoiRecord[] = [];
    for (const [school, list] of results) {
      list
        .filter((r) => r.exam === exam)
        .forEach((r, i) => {
          records.push({ ...person(school, r.pupil), ppe: '9901', auditorium: String(1 + (i % 12)).padStart(4, '0'), primary: r.primary, mark: r.mark });
        });
    }
    return { title: `${exam.code} - ${exam.subject} ${year}.${exam.day.replace('-', '.')}`, layout: OGE_DENSE_LAYOUT, records, footers: {} };
  });
  return {
    name: `РЦОИ ОГЭ ${year} протоколы.xlsx`,
    bytes: writeRcoiWorkbook([{ name: 'Протокол', protocolTitle: true, region: '99 - Демонстрационная область', blocks }]),
  };
}

// ───────────── ЕГЭ ─────────────

interface EgeExam {
  code: string;
  subject: string;
  maxPrimary: number;
  /** mean and spread of the test score */
  mean: number;
  sd: number;
  /** share of the 11th grade that sits it */
  share: number;
  day: string;
}

const EGE_EXAMS: readonly EgeExam[] = [
  { code: '01', subject: 'Русский язык', maxPrimary: 50, mean: 66, sd: 13, share: 1, day: '06-03' },
  { code: '02', subject: 'Математика', maxPrimary: 32, mean: 56, sd: 17, share: 0.55, day: '05-30' },
  { code: '12', subject: 'Обществознание', maxPrimary: 58, mean: 58, sd: 14, share: 0.45, day: '06-10' },
  { code: '03', subject: 'Физика', maxPrimary: 45, mean: 53, sd: 14, share: 0.2, day: '06-10' },
];

function egeScore(random: Random, pupil: DemoPupil, exam: EgeExam): number {
  if (random.chance(0.03)) return random.int(8, 25); // a few far below the minimum
  const z = (pupil.ability - 0.2) / 1.05;
  const raw = Math.round(exam.mean + exam.sd * z + random.normal() * 5);
  // the scale tops out at 100: only a clear excess gives the full score
  return raw >= 100 ? (raw >= 103 ? 100 : 100 - random.int(1, 3)) : Math.max(0, raw);
}

function egeFile(year: number): ImportFile {
  const blocks: RcoiBlock[] = [];
  const byExam = new Map<EgeExam, RcoiRecord[]>(EGE_EXAMS.map((exam) => [exam, []]));
  const base: RcoiRecord[] = [];
  for (const school of DEMO_SCHOOLS) {
    const random = createRandom(`ege|${school.login}|${year}`);
    for (const pupil of demoPupils(school, year, 11)) {
      const profile = random.chance(EGE_EXAMS[1].share + 0.15 * pupil.ability);
      for (const exam of EGE_EXAMS) {
        const takes = exam.code === '01' || (exam.code === '02' ? profile : random.chance(exam.share));
        if (!takes) continue;
        const testScore = egeScore(random, pupil, exam);
        const primary = Math.round((testScore * exam.maxPrimary) / 100);
        byExam.get(exam)!.push({ ...person(school, pupil), ppe: '9902', auditorium: '0001', primary, testScore });
      }
      if (!profile) {
        const primary = clamp(Math.round(21 * sigmoid(1.2 * pupil.ability + 1.4) + random.normal() * 1.5), 0, 21);
        const mark = primary >= 17 ? 5 : primary >= 12 ? 4 : primary >= 7 ? 3 : 2;
        base.push({ ...person(school, pupil), ppe: '9902', auditorium: '0002', primary, mark });
      }
    }
  }
  for (const exam of EGE_EXAMS) {
    blocks.push({
      title: `${exam.code} - ${exam.subject} ${year}.${exam.day.replace('-', '.')}`,
      layout: EGE_CSV_LAYOUT,
      records: byExam.get(exam)!,
      footers: {},
    });
  }
  blocks.push({ title: `22 - Математика базовая ${year}.05.30`, layout: BASE_MATH_LAYOUT, records: base, footers: {} });
  return { name: `РЦОИ ЕГЭ ${year} протоколы.xlsx`, bytes: writeRcoiWorkbook([{ name: 'Протокол', blocks }]) };
}

/** ОГЭ 2025, ОГЭ 2026, ЕГЭ 2025, ЕГЭ 2026. */
export function demoGiaProtocols(): ImportFile[] {
  return [...DEMO_YEARS.map(ogeFile), ...DEMO_YEARS.map(egeFile)];
}

// ───────────── Annual marks and medal candidates ─────────────

/** Annual marks of the 9th grade in the subjects each pupil sat at the ОГЭ (G3). */
export function demoTermMarks(): ImportFile {
  const rows: TermMarkRowSpec[] = [];
  for (const year of DEMO_YEARS) {
    for (const [school, results] of ogeResults(year)) {
      const random = createRandom(`term|${school.login}|${year}`);
      for (const r of results) {
        const u = random.next();
        const shift = school.inflatesJournal ? (u < 0.35 ? 0 : 1) : u < 0.15 ? -1 : u < 0.8 ? 0 : 1;
        rows.push({
          school: school.login,
          year,
          klass: r.pupil.klass,
          fullName: `${r.pupil.surname} ${r.pupil.name} ${r.pupil.patronymic}`,
          document: `${r.pupil.series} ${r.pupil.number}`,
          subject: r.exam.subject,
          period: 'годовая',
          mark: clamp(r.mark + shift, 3, 5),
        });
      }
    }
  }
  const sheet = termMarksSheet(rows, { only: ['school', 'year', 'class_label', 'full_name', 'document', 'subject', 'period', 'mark'] });
  return { name: 'Годовые отметки 9 классов 2025-2026.xlsx', bytes: writeWorkbook([sheet]) };
}

/** The strongest 11th-graders of each ОО and year: I degree above ability 2.2, II above 1.5 (E5). */
export function demoMedalRows(): MedalRowSpec[] {
  const rows: MedalRowSpec[] = [];
  for (const year of DEMO_YEARS) {
    for (const school of DEMO_SCHOOLS) {
      for (const pupil of demoPupils(school, year, 11)) {
        if (pupil.ability < 1.5) continue;
        rows.push({
          school: demoRcoiCode(school),
          year,
          fullName: `${pupil.surname} ${pupil.name} ${pupil.patronymic}`,
          document: `${pupil.series} ${pupil.number}`,
          degree: pupil.ability >= 2.2 ? 'I' : 'II',
          klass: pupil.klass,
        });
      }
    }
  }
  return rows;
}

export function demoMedalCandidates(): ImportFile {
  return { name: 'Претенденты на медаль 2025-2026.xlsx', bytes: writeWorkbook([medalCandidatesSheet(demoMedalRows())]) };
}
