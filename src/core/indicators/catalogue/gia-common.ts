import type { IndicatorParam } from '../types.ts';
import { schoolChoiceParam } from './common.ts';

/**
 * ГИА rows come from РЦОИ protocols: one `assessment` per exam sitting (kind 'oge'/'gve9'/'ege'/
 * 'gve11', `level` 'base'/'prof' for ЕГЭ mathematics, `exam_date`, `stage`/`term`), results with
 * `student_id` when a person key was computed on import.
 */
export const GIA9 = "'oge', 'gve9'";
export const GIA11 = "'ege', 'gve11'";

const COLUMNS = `g.result_id, g.school_id, g.student_id, g.mark, g.test_score, g.primary_score, a.max_primary,
       a.kind, a.year, a.subject_code, a.level`;

/**
 * Every written ГИА result of the given kinds with its place among the person's sittings of the
 * same exam (subject and level) in the year: `try_first` = 1 for the first sitting («без учёта
 * пересдач»), `try_last` = 1 for the last one («после пересдач»). Retakes (stage or term
 * «дополнительный…», «пересдача») come after the other sittings, then by date. A result without a
 * person key is its own single attempt. `where` filters over `a` (assessment) and `s` (school) —
 * by the exam (year, subject, level, kind) and the ОО only: the places are those among the
 * sittings that pass it.
 *
 * The places, with the values read here, are kept in agg_attempt (core/schema/attempts.ts), read
 * by the chosen sittings and ОО. Where a person's sittings of an exam are in more than one ОО or
 * of more than one kind (`mixed`), a filter by ОО, municipality or kind may keep only some of
 * them: such a sitting counts the person's other sittings of the exam (`ga`: its own sitting) that
 * pass the same filter — `a` and `s` inside the count are those of the other sitting.
 */
export function giaAttempts(kinds: string, where: string): string {
  const others = (cmp: '<' | '>') => `(SELECT COUNT(*) FROM assessment ga, agg_attempt o
       JOIN assessment a ON a.assessment_id = o.assessment_id JOIN school s ON s.school_id = o.school_id
       WHERE ga.assessment_id = g.assessment_id AND o.person = g.person AND o.try_first ${cmp} g.try_first
         AND a.year = ga.year AND a.subject_code = ga.subject_code AND a.level = ga.level AND a.kind IN (${kinds}) AND ${where})`;
  return `SELECT ${COLUMNS},
       CASE WHEN g.mixed = 0 THEN g.try_first ELSE 1 + ${others('<')} END AS try_first,
       CASE WHEN g.mixed = 0 THEN g.try_last ELSE 1 + ${others('>')} END AS try_last
FROM assessment a CROSS JOIN school s
CROSS JOIN agg_attempt g ON g.assessment_id = a.assessment_id AND g.school_id = s.school_id
WHERE a.kind IN (${kinds})
  AND ${where}`;
}

/** The exam as people name it: «Математика (профильный уровень)», «Русский язык — ГВЭ». */
export const examLabel = (t: string, sb = 'sb') =>
  `COALESCE(${sb}.name, ${t}.subject_code) || CASE ${t}.level WHEN 'base' THEN ' (базовый уровень)' WHEN 'prof' THEN ' (профильный уровень)' ELSE '' END` +
  ` || CASE WHEN ${t}.kind IN ('gve9', 'gve11') THEN ' — ГВЭ' ELSE '' END`;

/** Results graded by a mark (2–5) rather than a test score: base mathematics, ГВЭ, anything without a score. */
export const byMark = (t: string) => `(${t}.level = 'base' OR ${t}.kind IN ('gve9', 'gve11') OR ${t}.test_score IS NULL)`;

/** Below the certificate minimum: mark < 3 for mark-graded exams, else score < ege_threshold.min_certificate. */
export const belowMin = (t: string, th: string) => `CASE WHEN ${byMark(t)} THEN ${t}.mark < 3 ELSE ${t}.test_score < ${th}.min_certificate END`;

const HAS_RESULTS = 'EXISTS (SELECT 1 FROM result r WHERE r.assessment_id = a.assessment_id AND r.absent = 0)';

export function giaYearParam(kinds: string, label = 'Год'): IndicatorParam {
  return {
    name: 'year',
    label,
    type: 'integer',
    // GROUP BY, not DISTINCT: with DISTINCT SQLite turns the EXISTS into a join over every result
    options: `SELECT a.year AS value, a.year AS label FROM assessment a
WHERE a.kind IN (${kinds}) AND ${HAS_RESULTS}
GROUP BY a.year ORDER BY a.year DESC`,
  };
}

export function giaMunicipalityParam(kinds: string, yearFilter = 'a.year = :year'): IndicatorParam {
  return {
    name: 'municipality',
    label: 'Муниципалитет',
    type: 'integer',
    // per municipality, EXISTS stops at its first result (not DISTINCT over all of them)
    options: `SELECT m.municipality_id AS value, m.name AS label
FROM municipality m
WHERE EXISTS (
  SELECT 1 FROM school s JOIN result r ON r.school_id = s.school_id JOIN assessment a ON a.assessment_id = r.assessment_id
  WHERE s.municipality_id = m.municipality_id AND a.kind IN (${kinds}) AND ${yearFilter})
ORDER BY m.name`,
  };
}

/** 0 = all ОО of the municipality, or one ОО with results of these kinds. */
export function giaSchoolParam(kinds: string, yearFilter = 'a.year = :year'): IndicatorParam {
  return schoolChoiceParam(
    'school s',
    `s.municipality_id = :municipality AND EXISTS (
    SELECT 1 FROM result r JOIN assessment a ON a.assessment_id = r.assessment_id
    WHERE r.school_id = s.school_id AND a.kind IN (${kinds}) AND ${yearFilter})`,
  );
}

export const GIA_NOTE =
  'Первая попытка — самая ранняя сдача экзамена в году, пересдачи (этап «дополнительный», «пересдача») — после неё. ' +
  'Результаты без ключа участника (ФИО и документ не распознаны при загрузке) считаются отдельными попытками и не ' +
  'входят в показатели «по людям».';
