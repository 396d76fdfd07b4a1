/**
 * The demo municipality's monitoring forms (src/core/monitoring), returned for two school years:
 * 2024/2025 collected through the municipal summaries (one file per form), 2025/2026 — the form on
 * profession orientation as eight files returned by the schools, the other forms again by summary.
 * In 2025/2026 «СОШ №5» returns late (after the 29.05 deadline) and «СОШ №8» sends a profession
 * orientation form with a percentage typed into a count («35%»): refused, to be fixed.
 *
 * Additional education coverage reproduces the Североморск concept's «уменьшился с 77% до 44%»:
 * 77 % of all pupils in 2024/2025 and 44 % in 2025/2026 (B2, and the demo's D1 table, which uses
 * the same numbers). Every number is seeded: the files are byte-identical on every call.
 */
import type { ImportFile } from '../import/types.ts';
import { CAREERS, FORMS, LEADERS, MENTORING, PRESCHOOL, UPBRINGING } from '../monitoring/forms/index.ts';
import type { Addressee, Campaign } from '../monitoring/generate.ts';
import { formFileName, summaryFileName } from '../monitoring/generate.ts';
import type { MonitoringForm } from '../monitoring/types.ts';
import { DEMO_SCHOOLS, DEMO_YEARS } from './roster.ts';
import type { FilledForm, FormAnswers } from '../monitoring/sample.ts';
import { filledFormXlsx, filledSummaryXlsx } from '../monitoring/sample.ts';
import { createRandom } from '../import/samples/prng.ts';

/** Share of all pupils covered by additional education, municipality-wide, per school year. */
export const DEMO_ADDITIONAL_COVERAGE: Readonly<Record<number, number>> = { 2025: 0.77, 2026: 0.44 };

/** The late school and the school whose form has an error (2025/2026). */
export const DEMO_LATE_SCHOOL = 'edu990005';
export const DEMO_ERROR_SCHOOL = 'edu990008';

/** Schools with preschool groups: the preschool form goes to them only. */
const PRESCHOOL_SCHOOLS = ['edu990002', 'edu990006', 'edu990007'];

const DEADLINES: Readonly<Record<number, string>> = { 2025: '2025-05-30', 2026: '2026-05-29' };
const CREATED: Readonly<Record<number, string>> = { 2025: '2025-04-15', 2026: '2026-04-14' };

const isBasic = (login: string) => login === 'edu990007'; // ООШ: grades 1–9

/** Pupils of the whole school in a school year (the directory's contingent, a little less the year before). */
function pupils(index: number, year: number): number {
  const school = DEMO_SCHOOLS[index];
  return school.size * (isBasic(school.login) ? 9 : 11) + 3 * index - (year === 2025 ? 6 : 0);
}

/**
 * Pupils and pupils covered by additional education per school: shares scattered around the
 * municipal target, the largest school taking the remainder, so that Σ covered / Σ pupils is the
 * target exactly (Σ pupils is made a multiple of 100 by the largest school's count).
 */
export function demoAdditionalCoverage(year: number): Array<{ login: string; total: number; covered: number }> {
  const totals = DEMO_SCHOOLS.map((_, i) => pupils(i, year));
  const largest = totals.indexOf(Math.max(...totals));
  const sum = totals.reduce((a, b) => a + b, 0);
  totals[largest] += (100 - (sum % 100)) % 100;
  const target = Math.round(DEMO_ADDITIONAL_COVERAGE[year] * totals.reduce((a, b) => a + b, 0));
  const covered = DEMO_SCHOOLS.map((school, i) => {
    const random = createRandom(`additional-coverage|${school.login}|${year}`);
    const share = Math.min(0.97, Math.max(0.15, DEMO_ADDITIONAL_COVERAGE[year] + school.ability * 0.08 + (random.next() - 0.5) * 0.16));
    return Math.round(totals[i] * share);
  });
  covered[largest] += target - covered.reduce((a, b) => a + b, 0);
  return DEMO_SCHOOLS.map((school, i) => ({ login: school.login, total: totals[i], covered: covered[i] }));
}

const share = (total: number, p: number) => Math.max(0, Math.min(total, Math.round(total * p)));

/** One school's answers to one form in one year, seeded by school, form and year. */
function answersOf(form: MonitoringForm, index: number, year: number): FormAnswers {
  const school = DEMO_SCHOOLS[index];
  const random = createRandom(`monitoring|${form.id}|${school.login}|${year}`);
  const u = (from: number, to: number) => from + (to - from) * random.next();
  const growth = year === 2026 ? 0.06 : 0;
  const all = pupils(index, year);
  switch (form.id) {
    case CAREERS.id: {
      const senior = isBasic(school.login) ? 0 : Math.round((all * 2) / 11);
      const middle = isBasic(school.login) ? Math.round((all * 4) / 9) : Math.round((all * 4) / 11);
      const total = middle + senior;
      return {
        pupils_6_11: total,
        career_events: share(total, u(0.62, 0.9) + growth),
        ticket_future: share(total, u(0.14, 0.3) + growth),
        prof_trials: share(total, u(0.12, 0.35) + growth),
        pupils_10_11: senior,
        profile_10_11: share(senior, u(0.45, 0.9)),
        career_plan: random.chance(0.85) ? 'да' : 'нет',
      };
    }
    case MENTORING.id: {
      const teachers = Math.max(6, Math.round(all / 14));
      const young = Math.max(1, share(teachers, u(0.08, 0.2)));
      const diagnosed = share(teachers, u(0.35, 0.8) + growth);
      return {
        teachers,
        young,
        young_mentored: share(young, u(0.5, 1) + growth),
        diagnosed,
        routes: share(diagnosed, u(0.4, 0.9)),
        contests: share(teachers, u(0.03, 0.15)),
        mentoring_rules: random.chance(0.8) ? 'да' : 'нет',
      };
    }
    case UPBRINGING.id: {
      const coverage = demoAdditionalCoverage(year)[index];
      return {
        pupils: coverage.total,
        programme_events: share(coverage.total, u(0.85, 1)),
        associations: share(coverage.total, u(0.2, 0.5) + growth),
        additional_ed: coverage.covered,
        registered: share(coverage.total, u(0, 0.02)),
        programme: 'да',
      };
    }
    case LEADERS.id: {
      const level = school.ability + random.normal() * 0.4;
      const score = () => Math.max(0, Math.min(2, Math.round(1.3 + level + (random.next() - 0.5))));
      return {
        results_use: score(),
        objectivity: school.inflatesJournal || school.pushesToThresholds ? 1 : score(),
        staff_development: score(),
        reserve: score(),
        environment: score(),
        families: score(),
        deficits_diagnosed: random.chance(0.6) ? 'да' : 'нет',
        management_course: random.chance(0.7) ? 'да' : 'нет',
      };
    }
    default: {
      const groups = random.int(2, 5);
      const level = 2 + school.ability * 0.6;
      const score = () => Math.max(1, Math.min(3, Math.round(level + (random.next() - 0.5) * 1.4)));
      return {
        groups,
        children: groups * random.int(14, 24),
        staff_qualification: score(),
        staff_development: score(),
        environment_rooms: score(),
        environment_outdoor: score(),
        family_information: score(),
        family_participation: score(),
        health_safety: score(),
      };
    }
  }
}

function campaignOf(form: MonitoringForm, year: number): Campaign {
  const addressees: Addressee[] = DEMO_SCHOOLS.map((s, i) => ({ schoolId: i + 1, key: s.login, name: s.name })).filter(
    (s) => form.id !== PRESCHOOL.id || PRESCHOOL_SCHOOLS.includes(s.key),
  );
  return { form, year, deadline: DEADLINES[year], addressees, created: CREATED[year] };
}

/** The day a school filled the form: a week before the deadline, the late school a few days after it. */
function filledOn(login: string, year: number, index: number): string {
  if (year === 2026 && login === DEMO_LATE_SCHOOL) return '2026-06-03';
  const day = 15 + (index % 8);
  return `${year}-05-${String(day).padStart(2, '0')}`;
}

function filled(form: MonitoringForm, login: string, year: number): FilledForm {
  const index = DEMO_SCHOOLS.findIndex((s) => s.login === login);
  const answers = answersOf(form, index, year);
  if (form.id === CAREERS.id && year === 2026 && login === DEMO_ERROR_SCHOOL) answers.prof_trials = '35%';
  return { filledOn: filledOn(login, year, index), answers };
}

/**
 * The returned forms in import order: the summaries of 2024/2025, the profession orientation forms
 * of 2025/2026 one file per school, then the other summaries of 2025/2026.
 */
export function demoMonitoringFiles(): ImportFile[] {
  const files: ImportFile[] = [];
  const summary = (form: MonitoringForm, year: number) => {
    const campaign = campaignOf(form, year);
    const rows = Object.fromEntries(campaign.addressees.map((s) => [s.key, filled(form, s.key, year)]));
    files.push({ name: summaryFileName(campaign), bytes: filledSummaryXlsx(campaign, rows) });
  };
  const [first, second] = DEMO_YEARS;
  for (const form of FORMS) summary(form, first);
  const careers = campaignOf(CAREERS, second);
  for (const school of careers.addressees) {
    files.push({ name: formFileName(careers, school), bytes: filledFormXlsx(careers, school, filled(CAREERS, school.key, second)) });
  }
  for (const form of FORMS) if (form.id !== CAREERS.id) summary(form, second);
  return files;
}
