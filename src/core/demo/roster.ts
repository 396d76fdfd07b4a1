import type { ImportFile } from '../import/types.ts';
import type { F1Participant, F1School, F1Spec, SampleTask } from '../import/formats/vpr-results/sample-f1.ts';
import { writeFisokoF1 } from '../import/formats/vpr-results/sample-f1.ts';
import type { Random } from '../import/samples/prng.ts';
import { createRandom } from '../import/samples/prng.ts';

/** A fictional municipality in a fictional region 99: nothing here describes real schools. */
export const DEMO_MUNICIPALITY = 'Демонстрационный муниципальный округ(reg99_m001)';

export interface DemoSchool {
  login: string;
  name: string;
  /** participants per parallel */
  size: number;
  /** mean ability (logit scale) */
  ability: number;
  /** journal marks run high */
  inflatesJournal?: boolean;
  /** scores pushed up to the «3» and «4» thresholds: the pattern objectivity indicators look for */
  pushesToThresholds?: boolean;
}

export const DEMO_SCHOOLS: readonly DemoSchool[] = [
  { login: 'edu990001', name: 'МБОУ «СОШ №1»', size: 74, ability: 0.3 },
  { login: 'edu990002', name: 'МБОУ «СОШ №2»', size: 58, ability: 0 },
  { login: 'edu990003', name: 'МАОУ «Гимназия №3»', size: 52, ability: 0.9 },
  { login: 'edu990004', name: 'МБОУ «Лицей №4»', size: 47, ability: 0.7 },
  { login: 'edu990005', name: 'МБОУ «СОШ №5»', size: 41, ability: -0.5, inflatesJournal: true },
  { login: 'edu990006', name: 'МБОУ «СОШ с. Заречное»', size: 23, ability: -0.3, pushesToThresholds: true },
  { login: 'edu990007', name: 'МКОУ «ООШ д. Берёзовка»', size: 7, ability: -0.2 },
  { login: 'edu990008', name: 'МБОУ «СОШ №8»', size: 44, ability: -0.1, inflatesJournal: true },
];

interface DemoWork {
  subject: string;
  grade: number;
  tasks: SampleTask[];
  /** lower bounds of marks 3, 4, 5 */
  bounds: readonly [number, number, number];
  /** month-day of the work */
  day: string;
  /** years the work is written in the demo; default DEMO_YEARS */
  years?: readonly number[];
}

function tasks(spec: string): SampleTask[] {
  // 'code:max:difficulty' separated by spaces
  return spec.split(' ').map((item) => {
    const [code, max, difficulty] = item.split(':');
    return { code, max: Number(max), difficulty };
  });
}

export const DEMO_WORKS: readonly DemoWork[] = [
  {
    // task list and scale of the real ВПР 2026 Russian, grade 4 (docs/methodology.md, «Отчёты ФИС ОКО», «Что Око знает заранее»)
    subject: 'Русский язык',
    grade: 4,
    tasks: tasks('1:2:Б 2:1:Б 3:2:Б 4:3:Б 5:2:Б 6:1:Б 7:1:Б 8:2:Б 9.1:1:П 9.2:2:П 10.1:1:П 10.2:2:П 11:1:Б 12.1:2:Б 12.2:1:Б'),
    bounds: [10, 16, 21],
    day: '04-14',
  },
  {
    subject: 'Математика',
    grade: 4,
    tasks: tasks('1:1:Б 2:1:Б 3:1:Б 4:1:Б 5:2:Б 6:2:Б 7:1:Б 8:2:Б 9:2:П 10:2:П 11:2:П 12:3:В'),
    bounds: [6, 10, 15],
    day: '04-21',
  },
  {
    subject: 'Русский язык',
    grade: 5,
    tasks: tasks('1К1:4:Б 1К2:3:Б 1К3:3:Б 2К1:3:Б 2К2:3:Б 2К3:3:Б 2К4:3:Б 3:2:Б 4:2:Б 5:3:Б 6:2:П 7:3:П 8:3:П 9:2:П 10:2:Б 11:2:П 12:2:В'),
    bounds: [18, 29, 39],
    day: '04-16',
  },
  {
    subject: 'Математика',
    grade: 5,
    tasks: tasks('1:1:Б 2:1:Б 3:1:Б 4:1:Б 5:1:Б 6:1:Б 7:1:Б 8:1:Б 9:1:Б 10:2:П 11:2:П 12:2:П 13:2:П 14:3:В'),
    bounds: [7, 11, 15],
    day: '04-23',
  },
  {
    // grade 8 in 2025 only: the same parallel sits the ОГЭ in 2026 (indicator O3)
    subject: 'Русский язык',
    grade: 8,
    tasks: tasks('1К1:3:Б 1К2:3:Б 1К3:2:Б 2К1:3:Б 2К2:3:Б 2К3:3:Б 2К4:3:Б 3:2:Б 4:2:Б 5:2:П 6:2:П 7:3:П 8:2:П 9:2:П 10:2:В 11:3:В 12:2:П 13:2:В'),
    bounds: [16, 27, 36],
    day: '04-10',
    years: [2025],
  },
  {
    subject: 'Математика',
    grade: 8,
    tasks: tasks('1:1:Б 2:1:Б 3:1:Б 4:1:Б 5:1:Б 6:1:Б 7:1:Б 8:1:Б 9:1:Б 10:1:П 11:2:П 12:2:П 13:2:П 14:2:В 15:2:П 16:2:В'),
    bounds: [7, 12, 17],
    day: '04-15',
    years: [2025],
  },
];

export const DEMO_YEARS: readonly number[] = [2025, 2026];

const DIFFICULTY_LOGIT: Record<string, number> = { Б: -1.0, П: 0.4, В: 1.3 };

function markOf(score: number, bounds: readonly [number, number, number]): number {
  return score >= bounds[2] ? 5 : score >= bounds[1] ? 4 : score >= bounds[0] ? 3 : 2;
}

function journalMark(random: Random, mark: number, inflates: boolean): number | string {
  if (random.chance(0.03)) return 'нет отметки';
  const u = random.next();
  const shift = inflates ? (u < 0.3 ? 0 : u < 0.85 ? 1 : 2) : u < 0.12 ? -1 : u < 0.7 ? 0 : 1;
  const journal = Math.min(5, Math.max(2, mark + shift));
  return journal === 2 && random.chance(0.7) ? 3 : journal; // a «2» in the journal is rare
}

/** Adds points to unfinished tasks (last first) until the sum reaches `target`. */
function pushUp(scores: Array<number | string>, work: DemoWork, target: number): void {
  let sum = scores.reduce<number>((s, c) => (typeof c === 'number' ? s + c : s), 0);
  for (let t = work.tasks.length - 1; t >= 0 && sum < target; t--) {
    const current = typeof scores[t] === 'number' ? (scores[t] as number) : 0;
    const add = Math.min(work.tasks[t].max - current, target - sum);
    if (add > 0) {
      scores[t] = current + add;
      sum += add;
    }
  }
}

function participants(random: Random, school: DemoSchool, work: DemoWork, year: number): F1Participant[] {
  const spread = Math.ceil(school.size * 0.08);
  const count = school.size + random.int(-spread, spread);
  const classes = Math.max(1, Math.round(count / 25));
  const perClass = Math.ceil(count / classes);
  const taskLogits = work.tasks.map((task) => DIFFICULTY_LOGIT[task.difficulty ?? 'Б'] + random.normal() * 0.4);
  const drift = (year - 2025) * 0.1 * (random.next() - 0.5);
  const out: F1Participant[] = [];
  for (let i = 0; i < count; i++) {
    const ability = school.ability + drift + random.normal() * 0.9;
    const scores: Array<number | string> = work.tasks.map((task, t) => {
      if (task.difficulty !== 'Б' && random.chance(ability < -0.8 ? 0.12 : 0.03)) return 'X';
      const p = 1 / (1 + Math.exp(-1.3 * (ability - taskLogits[t])));
      let points = 0;
      for (let k = 0; k < task.max; k++) if (random.chance(p)) points++;
      return points;
    });
    let sum = scores.reduce<number>((s, c) => (typeof c === 'number' ? s + c : s), 0);
    if (school.pushesToThresholds) {
      for (const bound of [work.bounds[0], work.bounds[1]]) {
        if (sum >= bound - 2 && sum < bound && random.chance(0.7)) pushUp(scores, work, bound);
      }
      sum = scores.reduce<number>((s, c) => (typeof c === 'number' ? s + c : s), 0);
    }
    const mark = markOf(sum, work.bounds);
    out.push({
      code: work.grade * 10000 + i + 1,
      classOrdinal: Math.floor(i / perClass) + 1,
      variant: random.int(1, 2),
      scores,
      primary: sum,
      mark,
      journal: journalMark(random, mark, school.inflatesJournal ?? false),
    });
  }
  return out;
}

/** One municipal Ф1 per work and year, generated from a fixed seed. */
export function demoSpecs(): F1Spec[] {
  const specs: F1Spec[] = [];
  for (const year of DEMO_YEARS) {
    for (const work of DEMO_WORKS) {
      if (work.years && !work.years.includes(year)) continue;
      const schools: F1School[] = DEMO_SCHOOLS.map((school) => ({
        login: school.login,
        name: school.name,
        municipality: DEMO_MUNICIPALITY,
        participants: participants(createRandom(`${year}|${work.subject}|${work.grade}|${school.login}`), school, work, year),
      }));
      specs.push({ year, subject: work.subject, grade: work.grade, examDate: `${year}-${work.day}`, tasks: work.tasks, schools });
    }
  }
  return specs;
}

export function demoFileName(spec: Pick<F1Spec, 'year' | 'subject' | 'grade'>): string {
  return `Ф1 ВПР ${spec.year} ${spec.subject} ${spec.grade} класс.xlsx`;
}

/** The demo municipality as ФИС ОКО «Индивидуальные результаты» files (one municipal Ф1 per work). */
export function demoMunicipality(): ImportFile[] {
  return demoSpecs().map((spec) => ({ name: demoFileName(spec), bytes: writeFisokoF1(spec) }));
}
