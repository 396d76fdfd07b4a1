import type { IndicatorDef, IndicatorParam } from '../types.ts';
import {
  CLUSTER_NOTE,
  HEAD_COLUMNS,
  HIDE_SMALL_PARAM,
  MARK_PCT_COLUMNS,
  MARK_PCT_SQL,
  MECHANISM,
  MIN_GROUP,
  SCHEME_PARAM,
  DOC,
  SMALL_COLUMN,
  SMALL_GROUP_NOTE,
  TOTAL_NOTE,
  bySchoolWithTotal,
  groupedBars,
  linesByYear,
  markSharesChart,
  numberParam,
  pct,
  sovgavanRow,
  shiftChart,
  shiftColumns,
  shiftMetrics,
} from './common.ts';
import { GIA9, GIA_NOTE, giaAttempts, giaMunicipalityParam, giaSchoolParam, giaYearParam } from './gia-common.ts';

const MUNICIPALITY_YEAR = 'a.year = :year AND s.municipality_id = :municipality';

/** ОГЭ or ГВЭ-9 of the chosen year (ГВЭ is reported separately: docs/methodology.md, «Формулы»). */
const KIND: IndicatorParam = {
  name: 'kind',
  label: 'Форма',
  type: 'text',
  options: `SELECT a.kind AS value, CASE a.kind WHEN 'oge' THEN 'ОГЭ' ELSE 'ГВЭ-9' END AS label
FROM assessment a WHERE a.kind IN (${GIA9}) AND a.year = :year
  AND EXISTS (SELECT 1 FROM result r WHERE r.assessment_id = a.assessment_id)
GROUP BY a.kind ORDER BY a.kind DESC`,
};

const gia9Subject = (kindFilter: string, extra = ''): IndicatorParam => ({
  name: 'subject',
  label: 'Предмет',
  type: 'text',
  options: `SELECT DISTINCT a.subject_code AS value, COALESCE(sb.name, a.subject_code) AS label
FROM assessment a LEFT JOIN subject sb ON sb.subject_code = a.subject_code
WHERE ${kindFilter} AND EXISTS (SELECT 1 FROM result r WHERE r.assessment_id = a.assessment_id)${extra}
ORDER BY label`,
});

export const G1: IndicatorDef = {
  id: 'G1',
  title: 'Выпускники 9 классов, сдавшие все экзамены без «2»',
  mechanism: MECHANISM.preparation,
  source: `${sovgavanRow(2)} «Доля выпускников 9 классов … успешно (без двоек) сдавших все экзамены (обязательные и по выбору) … без учёта пересдач»`,
  formula:
    'Знаменатель — участники ОГЭ и ГВЭ-9 года (по ключу участника), хотя бы раз сдававшие экзамен. Без учёта пересдач: ' +
    'у участника нет «2» на первой сдаче ни одного экзамена. После пересдач: нет «2» в последней сдаче каждого экзамена. ' +
    'Полный набор: после пересдач без «2» и сдано не меньше заданного числа экзаменов (по умолчанию 4: два обязательных ' +
    'и два по выбору). Доля = число таких участников / знаменатель × 100.',
  params: [giaYearParam(GIA9), giaMunicipalityParam(GIA9), SCHEME_PARAM, HIDE_SMALL_PARAM, numberParam('min_exams', 'Экзаменов в полном наборе', 4, 'integer')],
  sql: bySchoolWithTotal(
    `WITH tries AS (
  ${giaAttempts(GIA9, MUNICIPALITY_YEAR)}
),
persons AS (
  SELECT student_id, MIN(school_id) AS school_id, COUNT(DISTINCT subject_code) AS subjects,
         MIN(CASE WHEN try_first = 1 THEN mark END) AS first_min,
         MIN(CASE WHEN try_last = 1 THEN mark END) AS final_min
  FROM tries WHERE student_id IS NOT NULL GROUP BY student_id
)
SELECT school_id, 1 AS person, first_min, final_min, subjects FROM persons
UNION ALL
SELECT school_id, 0, NULL, NULL, NULL FROM tries WHERE student_id IS NULL`,
    `SUM(person) AS n,
SUM(person AND first_min >= 3) AS pass_first_n,
${pct('SUM(person AND first_min >= 3)', 'SUM(person)')} AS pass_first_pct,
SUM(person AND final_min >= 3) AS pass_final_n,
${pct('SUM(person AND final_min >= 3)', 'SUM(person)')} AS pass_final_pct,
SUM(person AND final_min >= 3 AND subjects >= :min_exams) AS full_set_n,
${pct('SUM(person AND final_min >= 3 AND subjects >= :min_exams)', 'SUM(person)')} AS full_set_pct,
SUM(1 - person) AS no_key_n`,
  ),
  columns: [
    ...HEAD_COLUMNS,
    { name: 'n', label: 'Выпускников (участников ГИА-9)', format: 'int' },
    { name: 'pass_first_n', label: 'Без «2» без учёта пересдач, чел.', format: 'int' },
    { name: 'pass_first_pct', label: 'Без «2» без учёта пересдач, %', format: 'pct' },
    { name: 'pass_final_n', label: 'Без «2» после пересдач, чел.', format: 'int' },
    { name: 'pass_final_pct', label: 'Без «2» после пересдач, %', format: 'pct' },
    { name: 'full_set_n', label: 'Полный набор экзаменов без «2», чел.', format: 'int' },
    { name: 'full_set_pct', label: 'Полный набор экзаменов без «2», %', format: 'pct' },
    { name: 'no_key_n', label: 'Результатов без ключа участника', format: 'int' },
    SMALL_COLUMN,
  ],
  chart: groupedBars(
    [
      ['pass_first_pct', 'без учёта пересдач', '#4c78a8'],
      ['pass_final_pct', 'после пересдач', '#72b7b2'],
    ],
    'Сдали все экзамены без «2», %',
    { domain: [0, 100] },
  ),
  interpretation:
    'Показатель №2 программы Советско-Гаванского района — доля без учёта пересдач; после пересдач — для сравнения. ' +
    'Считается по людям, поэтому нужен ключ участника (его вычисляет загрузка протоколов РЦОИ); результаты без ключа ' +
    'показаны отдельным столбцом и в доли не входят. Правило «4 экзамена» для аттестата (2 обязательных и 2 по выбору) задано параметром: сверьте его с порядком ГИА своего года. ' +
    `${GIA_NOTE} ${SMALL_GROUP_NOTE} ${CLUSTER_NOTE} ${TOTAL_NOTE}`,
};

const FIRST_TRIES = (where: string) => `SELECT t.school_id, t.mark, t.primary_score, t.max_primary FROM (
  ${giaAttempts(GIA9, where)}
) t WHERE t.try_first = 1`;

export const G2: IndicatorDef = {
  id: 'G2',
  title: 'ОГЭ (ГВЭ-9) по предмету: отметки, успеваемость, качество, средние',
  mechanism: MECHANISM.preparation,
  source: 'Общепринятые формулы внутришкольного анализа (успеваемость, качество знаний, средняя отметка) на результатах ОГЭ/ГВЭ-9 из протоколов РЦОИ',
  formula:
    'По первым сдачам предмета в году (без учёта пересдач): доли отметок «2»–«5»; успеваемость = (n5 + n4 + n3) / N × 100; ' +
    'качество = (n5 + n4) / N × 100; средняя отметка; средний первичный балл и его % от максимума. ОГЭ и ГВЭ-9 — раздельно.',
  params: [
    giaYearParam(GIA9),
    KIND,
    gia9Subject('a.kind = :kind AND a.year = :year'),
    giaMunicipalityParam(GIA9, 'a.year = :year AND a.kind = :kind AND a.subject_code = :subject'),
    SCHEME_PARAM,
    HIDE_SMALL_PARAM,
  ],
  sql: bySchoolWithTotal(
    FIRST_TRIES(`a.kind = :kind AND a.subject_code = :subject AND ${MUNICIPALITY_YEAR}`),
    `COUNT(*) AS n,
${MARK_PCT_SQL},
${pct('SUM(mark >= 3)')} AS pass_pct,
${pct('SUM(mark >= 4)')} AS quality_pct,
ROUND(AVG(mark), 2) AS mean_mark,
ROUND(AVG(primary_score), 2) AS mean_primary,
ROUND(100.0 * AVG(primary_score / max_primary), 2) AS score_pct`,
  ),
  columns: [
    ...HEAD_COLUMNS,
    { name: 'n', label: 'Участников', format: 'int' },
    ...MARK_PCT_COLUMNS,
    { name: 'pass_pct', label: 'Успеваемость, %', format: 'pct' },
    { name: 'quality_pct', label: 'Качество знаний, %', format: 'pct' },
    { name: 'mean_mark', label: 'Средняя отметка', format: 'num' },
    { name: 'mean_primary', label: 'Средний первичный балл', format: 'num' },
    { name: 'score_pct', label: '% от максимума', format: 'pct' },
    SMALL_COLUMN,
  ],
  chart: markSharesChart(),
  interpretation:
    'Отметка берётся из протокола РЦОИ (столбец «Оценка»): шкалы ОГЭ содержат условия (баллы за грамотность, геометрию), ' +
    `которые уже учтены. Средний % от максимума пуст, если максимальный балл экзамена не загружен. ${GIA_NOTE} ` +
    `${SMALL_GROUP_NOTE} ${CLUSTER_NOTE} ${TOTAL_NOTE}`,
};

export const G3: IndicatorDef = {
  id: 'G3',
  title: 'ОГЭ и годовая отметка: понизили / подтвердили / повысили',
  mechanism: MECHANISM.objectivity,
  source: `${DOC.pyatigorsk}, п. 2.5 «Сопоставление результатов внешних оценочных процедур с результатами внутренней системы оценки качества образования … у одних и тех же обучающихся»`,
  formula:
    'Участники ОГЭ/ГВЭ-9 (первая сдача предмета), у которых загружена отметка за выбранный период (по ' +
    'умолчанию годовая): понизили — отметка ОГЭ ниже, подтвердили — равна, повысили — выше. Доли от числа таких участников.',
  params: [
    giaYearParam(GIA9),
    gia9Subject(
      `a.kind IN (${GIA9}) AND a.year = :year`,
      ' AND EXISTS (SELECT 1 FROM term_mark tm WHERE tm.subject_code = a.subject_code AND tm.year = a.year)',
    ),
    {
      name: 'period',
      label: 'Период отметки',
      type: 'text',
      default: 'year',
      options: `SELECT DISTINCT tm.period AS value,
  CASE tm.period WHEN 'year' THEN 'годовая' WHEN 'attestat' THEN 'в аттестат' ELSE tm.period END AS label
FROM term_mark tm WHERE tm.year = :year AND tm.subject_code = :subject ORDER BY tm.period = 'year' DESC, label`,
    },
    giaMunicipalityParam(GIA9),
    SCHEME_PARAM,
    HIDE_SMALL_PARAM,
  ],
  // CROSS JOIN: the municipality's sittings look up their annual marks (ix_term_mark_student); SQLite
  // had read every annual mark of the region and indexed the sittings instead
  sql: bySchoolWithTotal(
    `SELECT t.school_id, t.mark, tm.mark AS term FROM (
  ${giaAttempts(GIA9, `a.subject_code = :subject AND ${MUNICIPALITY_YEAR}`)}
) t
CROSS JOIN term_mark tm ON tm.student_id = t.student_id AND tm.subject_code = t.subject_code AND tm.year = t.year AND tm.period = :period
WHERE t.try_first = 1 AND t.student_id IS NOT NULL AND tm.mark IS NOT NULL`,
    shiftMetrics('term'),
  ),
  columns: [...HEAD_COLUMNS, ...shiftColumns('Участников с отметкой за период'), SMALL_COLUMN],
  chart: shiftChart('Доля участников с отметкой за период'),
  interpretation:
    'Большая доля «понизили» — текущие отметки выше результатов независимой процедуры; это возможный признак, требует ' +
    'анализа внутренней системы оценивания ОО, а не вывод. Отметки за период загружаются отдельной таблицей годовых отметок ' +
    `и связываются по ключу участника. ${GIA_NOTE} ${SMALL_GROUP_NOTE} ${CLUSTER_NOTE} ${TOTAL_NOTE}`,
};

export const G4: IndicatorDef = {
  id: 'G4',
  title: 'Средний балл ОГЭ по годам',
  mechanism: MECHANISM.preparation,
  source: `${DOC.sovgavan}, «Пояснительная записка», диаграмма «Средний балл ОГЭ (2016–2019)»`,
  formula:
    'Для каждого года: средняя отметка, средний % от максимального первичного балла, успеваемость и качество знаний по ' +
    'первым сдачам предмета в году (муниципалитет или одна ОО).',
  params: [
    {
      name: 'kind',
      label: 'Форма',
      type: 'text',
      options: `SELECT a.kind AS value, CASE a.kind WHEN 'oge' THEN 'ОГЭ' ELSE 'ГВЭ-9' END AS label
FROM assessment a WHERE a.kind IN (${GIA9}) AND EXISTS (SELECT 1 FROM result r WHERE r.assessment_id = a.assessment_id)
GROUP BY a.kind ORDER BY a.kind DESC`,
    },
    gia9Subject('a.kind = :kind'),
    giaMunicipalityParam(GIA9, 'a.kind = :kind AND a.subject_code = :subject'),
    giaSchoolParam(GIA9, 'a.kind = :kind AND a.subject_code = :subject'),
  ],
  sql: `SELECT t.year, COUNT(*) AS n,
       ROUND(AVG(t.mark), 2) AS mean_mark,
       ROUND(100.0 * AVG(t.primary_score / t.max_primary), 2) AS score_pct,
       ${pct('SUM(t.mark >= 3)')} AS pass_pct,
       ${pct('SUM(t.mark >= 4)')} AS quality_pct,
       COUNT(*) < ${MIN_GROUP} AS small
FROM (
  ${giaAttempts(GIA9, 'a.kind = :kind AND a.subject_code = :subject AND s.municipality_id = :municipality AND (:school = 0 OR s.school_id = :school)')}
) t
WHERE t.try_first = 1
GROUP BY t.year
ORDER BY t.year`,
  columns: [
    { name: 'year', label: 'Год', format: 'code' },
    { name: 'n', label: 'Участников', format: 'int' },
    { name: 'mean_mark', label: 'Средняя отметка', format: 'num' },
    { name: 'score_pct', label: 'Средний % от максимума', format: 'pct' },
    { name: 'pass_pct', label: 'Успеваемость, %', format: 'pct' },
    { name: 'quality_pct', label: 'Качество знаний, %', format: 'pct' },
    SMALL_COLUMN,
  ],
  chart: linesByYear([['mean_mark', 'Средняя отметка', '#4c78a8']], 'Средняя отметка', [2, 5]),
  interpretation: 'Динамика по годам корректна, когда состав экзаменов и шкалы сопоставимы; годы с малым числом участников отмечены. ' + `${GIA_NOTE}`,
};
