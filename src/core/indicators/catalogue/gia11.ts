import type { ChartTemplate } from '../../charts/chart-spec.ts';
import type { IndicatorDef, IndicatorParam } from '../types.ts';
import {
  CLUSTER_NOTE,
  HEAD_COLUMNS,
  HIDE_SMALL_PARAM,
  MECHANISM,
  MIN_GROUP,
  SCHEME_PARAM,
  DOC,
  SMALL_COLUMN,
  SMALL_GROUP_NOTE,
  TOTAL_NOTE,
  barsWithTotalRule,
  bySchoolWithTotal,
  groupedBars,
  linesByYear,
  numberParam,
  pct,
  sovgavanRow,
} from './common.ts';
import { GIA11, GIA_NOTE, belowMin, byMark, examLabel, giaAttempts, giaMunicipalityParam, giaSchoolParam, giaYearParam } from './gia-common.ts';

/** Bars per exam, the «по людям» row dark, small groups pale. */
function examBars(field: string, title: string, color: string): ChartTemplate {
  return {
    height: { step: 22 },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'exam', type: 'nominal', sort: null, title: null },
      x: { field, type: 'quantitative', title },
      color: { condition: { test: "datum.row_kind == 'persons'", value: '#222' }, value: color },
      opacity: { condition: { test: 'datum.small == 1', value: 0.45 }, value: 1 },
    },
  };
}

const SCOPE = 'a.year = :year AND s.municipality_id = :municipality AND (:school = 0 OR s.school_id = :school)';
const E_PARAMS: IndicatorParam[] = [giaYearParam(GIA11), giaMunicipalityParam(GIA11), giaSchoolParam(GIA11)];

/** First sittings of every ЕГЭ/ГВЭ-11 exam in scope, with the year's thresholds. */
const FIRST = `first AS (
  SELECT t.*, th.min_certificate, th.min_vuz_rosobr, th.min_vuz_minobr,
         ${byMark('t')} AS by_mark, ${belowMin('t', 'th')} AS below
  FROM (
    ${giaAttempts(GIA11, SCOPE)}
  ) t
  LEFT JOIN ege_threshold th ON th.year = t.year AND th.subject_code = t.subject_code
  WHERE t.try_first = 1
)`;

/** Row order of per-exam results: ЕГЭ exams by name, then ГВЭ, then the «по людям» row. */
const EXAM_COLUMNS = [
  { name: 'exam', label: 'Экзамен', format: 'text' as const },
  { name: 'row_kind', label: 'Строка', format: 'text' as const, hidden: true },
];
const PERSONS = 'Все участники (человек)';
const NOTE_SCHOOL = 'Параметр «ОО» сужает расчёт до одной ОО; «Все ОО» — муниципалитет целиком.';

export const E1: IndicatorDef = {
  id: 'E1',
  title: 'ЕГЭ и ГВЭ-11: не преодолевшие минимальный порог',
  mechanism: MECHANISM.preparation,
  source:
    `${DOC.sovgavan}, «Пояснительная записка» (доля выпускников, не преодолевших минимальный порог, по предметам); ` +
    'минимальные баллы ЕГЭ — распоряжения Рособрнадзора о минимальном количестве баллов на каждый год (справочник порогов Око)',
  formula:
    'По первой сдаче каждого экзамена в году: доля участников с тестовым баллом ниже минимального балла для аттестата ' +
    '(по справочнику порогов того же года и предмета); математика базового уровня и ГВЭ-11 — отметка ниже «3». ' +
    'Строка «по людям» — доля участников (по ключу), у которых хотя бы один экзамен ниже порога.',
  params: E_PARAMS,
  sql: `WITH ${FIRST},
exams AS (
  SELECT 'exam' AS row_kind, ${examLabel('f')} AS exam, f.kind IN ('gve9', 'gve11') AS is_gve,
         CASE WHEN MAX(f.by_mark) = 1 THEN 'отметка «3»' ELSE CAST(MAX(f.min_certificate) AS TEXT) END AS threshold,
         COUNT(*) AS n, SUM(f.below) AS below_n
  FROM first f LEFT JOIN subject sb ON sb.subject_code = f.subject_code
  GROUP BY f.kind, f.subject_code, f.level
),
persons AS (
  SELECT 'persons' AS row_kind, '${PERSONS}' AS exam, 2 AS is_gve, NULL AS threshold, COUNT(*) AS n, SUM(any_below) AS below_n
  FROM (SELECT student_id, MAX(below) AS any_below FROM first WHERE student_id IS NOT NULL GROUP BY student_id)
  HAVING COUNT(*) > 0
)
SELECT row_kind, exam, threshold, n, below_n, ROUND(100.0 * below_n / n, 2) AS below_pct, n < ${MIN_GROUP} AS small
FROM (SELECT * FROM exams UNION ALL SELECT * FROM persons)
ORDER BY is_gve, exam`,
  columns: [
    ...EXAM_COLUMNS,
    { name: 'threshold', label: 'Минимальный балл', format: 'text' },
    { name: 'n', label: 'Участников', format: 'int' },
    { name: 'below_n', label: 'Ниже порога, чел.', format: 'int' },
    { name: 'below_pct', label: 'Ниже порога, %', format: 'pct' },
    SMALL_COLUMN,
  ],
  chart: examBars('below_pct', 'Ниже минимального порога, %', '#d6604d'),
  interpretation:
    'Порог для аттестата по русскому языку и профильной математике — условие получения аттестата (см. E6); по ' +
    'предметам по выбору это минимальный балл, подтверждающий освоение программы. Если для года и предмета нет строки ' +
    `в справочнике порогов, «ниже порога» не считается. ${NOTE_SCHOOL} ${GIA_NOTE}`,
};

export const E2: IndicatorDef = {
  id: 'E2',
  title: 'ЕГЭ по русскому языку ниже вузовского минимума',
  mechanism: MECHANISM.preparation,
  source:
    'Минимальные баллы ЕГЭ Рособрнадзора для аттестата (24) и для поступления в вузы (36), а также Минобрнауки для ' +
    'подведомственных вузов (40, 2026/27); значения по годам — в справочнике порогов Око',
  formula:
    'По первой сдаче ЕГЭ по русскому языку: доли участников с баллом ниже минимума для аттестата, ниже минимума для ' +
    'поступления в вуз (Рособрнадзор) и ниже минимума Минобрнауки (если он задан для года); средний тестовый балл.',
  params: [giaYearParam(GIA11), giaMunicipalityParam(GIA11), SCHEME_PARAM, HIDE_SMALL_PARAM],
  sql: bySchoolWithTotal(
    `SELECT t.school_id, t.test_score, th.min_certificate, th.min_vuz_rosobr, th.min_vuz_minobr FROM (
  ${giaAttempts("'ege'", "a.subject_code = 'rus' AND a.year = :year AND s.municipality_id = :municipality")}
) t
LEFT JOIN ege_threshold th ON th.year = t.year AND th.subject_code = t.subject_code
WHERE t.try_first = 1 AND t.test_score IS NOT NULL`,
    `COUNT(*) AS n,
ROUND(AVG(test_score), 2) AS mean_score,
SUM(test_score < min_certificate) AS below_cert_n,
${pct('SUM(test_score < min_certificate)')} AS below_cert_pct,
SUM(test_score < min_vuz_rosobr) AS below_vuz_n,
${pct('SUM(test_score < min_vuz_rosobr)')} AS below_vuz_pct,
SUM(test_score < min_vuz_minobr) AS below_minobr_n,
${pct('SUM(test_score < min_vuz_minobr)')} AS below_minobr_pct`,
  ),
  columns: [
    ...HEAD_COLUMNS,
    { name: 'n', label: 'Участников ЕГЭ по русскому языку', format: 'int' },
    { name: 'mean_score', label: 'Средний тестовый балл', format: 'num' },
    { name: 'below_cert_n', label: 'Ниже минимума для аттестата, чел.', format: 'int' },
    { name: 'below_cert_pct', label: 'Ниже минимума для аттестата, %', format: 'pct' },
    { name: 'below_vuz_n', label: 'Ниже вузовского минимума (Рособрнадзор), чел.', format: 'int' },
    { name: 'below_vuz_pct', label: 'Ниже вузовского минимума (Рособрнадзор), %', format: 'pct' },
    { name: 'below_minobr_n', label: 'Ниже минимума Минобрнауки, чел.', format: 'int' },
    { name: 'below_minobr_pct', label: 'Ниже минимума Минобрнауки, %', format: 'pct' },
    SMALL_COLUMN,
  ],
  chart: barsWithTotalRule('below_vuz_pct', 'Ниже вузовского минимума по русскому языку, %'),
  interpretation:
    'Выпускник с баллом между минимумом для аттестата и вузовским минимумом аттестат получает, но поступить в вуз с этим ' +
    'результатом не может. Минимум Минобрнауки действует для подведомственных ему вузов; если он не задан для года, ' +
    `столбец пуст. ${GIA_NOTE} ${SMALL_GROUP_NOTE} ${CLUSTER_NOTE} ${TOTAL_NOTE}`,
};

export const E3: IndicatorDef = {
  id: 'E3',
  title: 'ЕГЭ: средний тестовый балл и доли по группам баллов',
  mechanism: MECHANISM.preparation,
  source:
    `${DOC.sovgavan}, раздел «Анализ результатов ЕГЭ 2017–2020 годов по предметам»; группы баллов — распространённая ` +
    'группировка: ниже минимума, минимум–60, 61–80, 81–100 (границы задаются параметрами)',
  formula:
    'По первой сдаче каждого экзамена с тестовым баллом (без базовой математики и ГВЭ): средний балл и доли участников ' +
    'в группах: ниже минимального балла; от минимума до границы 1 (60); выше границы 1 до границы 2 (61–80); выше ' +
    'границы 2 (81–100).',
  params: [
    ...E_PARAMS,
    numberParam('mid', 'Граница 1 (верх группы «минимум–60»)', 60, 'integer'),
    numberParam('top', 'Граница 2 (верх группы «61–80»)', 80, 'integer'),
  ],
  sql: `WITH ${FIRST}
SELECT 'exam' AS row_kind, ${examLabel('f')} AS exam, COUNT(*) AS n, ROUND(AVG(f.test_score), 2) AS mean_score,
       ${pct('SUM(f.test_score < COALESCE(f.min_certificate, 0))')} AS below_pct,
       ${pct('SUM(f.test_score >= COALESCE(f.min_certificate, 0) AND f.test_score <= :mid)')} AS mid_pct,
       ${pct('SUM(f.test_score > :mid AND f.test_score <= :top)')} AS upper_pct,
       ${pct('SUM(f.test_score > :top)')} AS top_pct,
       COUNT(*) < ${MIN_GROUP} AS small
FROM first f LEFT JOIN subject sb ON sb.subject_code = f.subject_code
WHERE NOT f.by_mark
GROUP BY f.kind, f.subject_code, f.level
ORDER BY exam`,
  columns: [
    ...EXAM_COLUMNS,
    { name: 'n', label: 'Участников', format: 'int' },
    { name: 'mean_score', label: 'Средний тестовый балл', format: 'num' },
    { name: 'below_pct', label: 'Ниже минимума, %', format: 'pct' },
    { name: 'mid_pct', label: 'От минимума до границы 1, %', format: 'pct' },
    { name: 'upper_pct', label: 'Выше границы 1 до границы 2, %', format: 'pct' },
    { name: 'top_pct', label: 'Выше границы 2, %', format: 'pct' },
    SMALL_COLUMN,
  ],
  chart: {
    height: { step: 22 },
    transform: [
      { fold: ['below_pct', 'mid_pct', 'upper_pct', 'top_pct'], as: ['key', 'value'] },
      {
        calculate:
          "datum.key == 'below_pct' ? 'ниже минимума' : datum.key == 'mid_pct' ? 'минимум – граница 1' : datum.key == 'upper_pct' ? 'граница 1 – граница 2' : 'выше границы 2'",
        as: 'group',
      },
      { calculate: "datum.key == 'below_pct' ? 0 : datum.key == 'mid_pct' ? 1 : datum.key == 'upper_pct' ? 2 : 3", as: 'group_order' },
    ],
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'exam', type: 'nominal', sort: null, title: null },
      x: { field: 'value', type: 'quantitative', stack: 'normalize', title: 'Доля участников', axis: { format: '%' } },
      color: {
        field: 'group',
        type: 'nominal',
        title: null,
        scale: {
          domain: ['ниже минимума', 'минимум – граница 1', 'граница 1 – граница 2', 'выше границы 2'],
          range: ['#d73027', '#fdae61', '#a6d96a', '#1a9850'],
        },
      },
      order: { field: 'group_order', type: 'quantitative' },
    },
  },
  interpretation:
    'Средний балл сравнивайте с прошлыми годами (E7) и с регионом. Группировку ФИПИ по баллам (до 60, 61–80, 81–100) ' +
    `можно поменять параметрами. ${NOTE_SCHOOL} ${GIA_NOTE}`,
};

export const E4: IndicatorDef = {
  id: 'E4',
  title: 'ЕГЭ: высокобалльники (80–100) и стобалльники',
  mechanism: MECHANISM.talents,
  source:
    `${DOC.sovgavan}, «Пояснительная записка»: «добились высокобалльных результатов (от 80 до 100 баллов)», «по двум и более ` +
    'предметам», «Количество 100-балльников»',
  formula:
    'По первой сдаче каждого экзамена с тестовым баллом: высокобалльные результаты — балл не ниже порога (по умолчанию 80, ' +
    'как в программе Советско-Гаванского района; у ФИПИ группа 81–100 — порог 81), стобалльные — 100. Строка «по людям»: ' +
    'участники (по ключу) хотя бы с одним высокобалльным результатом, с двумя и более, хотя бы с одним стобалльным.',
  params: [...E_PARAMS, numberParam('high', 'Порог высокого балла', 80, 'integer')],
  sql: `WITH ${FIRST},
scored AS (SELECT * FROM first WHERE NOT by_mark),
exams AS (
  SELECT 'exam' AS row_kind, ${examLabel('f')} AS exam, 0 AS persons_row, COUNT(*) AS n,
         SUM(f.test_score >= :high) AS high_n, NULL AS high2_n, SUM(f.test_score = 100) AS hundred_n
  FROM scored f LEFT JOIN subject sb ON sb.subject_code = f.subject_code
  GROUP BY f.kind, f.subject_code, f.level
),
persons AS (
  SELECT 'persons' AS row_kind, '${PERSONS}' AS exam, 1 AS persons_row, COUNT(*) AS n,
         SUM(high >= 1) AS high_n, SUM(high >= 2) AS high2_n, SUM(hundred >= 1) AS hundred_n
  FROM (SELECT student_id, SUM(test_score >= :high) AS high, SUM(test_score = 100) AS hundred
        FROM scored WHERE student_id IS NOT NULL GROUP BY student_id)
  HAVING COUNT(*) > 0
)
SELECT row_kind, exam, n, high_n, ROUND(100.0 * high_n / n, 2) AS high_pct, high2_n,
       ROUND(100.0 * high2_n / n, 2) AS high2_pct, hundred_n, n < ${MIN_GROUP} AS small
FROM (SELECT * FROM exams UNION ALL SELECT * FROM persons)
ORDER BY persons_row, exam`,
  columns: [
    ...EXAM_COLUMNS,
    { name: 'n', label: 'Участников', format: 'int' },
    { name: 'high_n', label: 'Высокобалльных, чел.', format: 'int' },
    { name: 'high_pct', label: 'Высокобалльных, %', format: 'pct' },
    { name: 'high2_n', label: 'С высоким баллом по 2 и более предметам, чел.', format: 'int' },
    { name: 'high2_pct', label: 'С высоким баллом по 2 и более предметам, %', format: 'pct' },
    { name: 'hundred_n', label: 'Стобалльников, чел.', format: 'int' },
    SMALL_COLUMN,
  ],
  chart: examBars('high_pct', 'Высокобалльных результатов, %', '#1a9850'),
  interpretation:
    'По предметам считаются результаты, в строке «по людям» — выпускники: один выпускник с тремя высокими баллами — ' +
    `три результата и один человек. Порог высокого балла — параметр (80 или 81). ${NOTE_SCHOOL} ${GIA_NOTE}`,
};

export const E5: IndicatorDef = {
  id: 'E5',
  title: 'Медалисты, подтвердившие результат на ЕГЭ (приказ № 730)',
  mechanism: MECHANISM.preparation,
  source:
    `${sovgavanRow('4–5')} (доля выпускников, получивших аттестат с отличием и медаль, от претендовавших); приказ ` +
    'Минпросвещения России от 29.09.2023 № 730 «Об утверждении Порядка выдачи медали «За особые успехи в учении»»',
  formula:
    'Претенденты на медаль I или II степени за год (загруженный список претендентов). Результат подтверждён, если все результаты ЕГЭ не ' +
    'ниже минимального балла для аттестата (база — не ниже «3»), все результаты ГВЭ-11 — «5», и выполнено одно из: ' +
    'русский язык не ниже порога степени (I — 70, II — 60) и ещё хотя бы один ЕГЭ (кроме базовой математики) не ниже ' +
    'того же порога; или сданы только русский язык (не ниже порога) и математика базового уровня на «5»; или участник ' +
    'сдавал только ГВЭ-11 и получил «5». Учитываются все сдачи года. Доля = подтвердили / претенденты × 100.',
  params: [
    {
      name: 'year',
      label: 'Год',
      type: 'integer',
      options: 'SELECT DISTINCT year AS value, year AS label FROM medal_candidate ORDER BY year DESC',
    },
    giaMunicipalityParam(GIA11),
    SCHEME_PARAM,
    HIDE_SMALL_PARAM,
    numberParam('gold', 'Порог для медали I степени', 70, 'integer'),
    numberParam('silver', 'Порог для медали II степени', 60, 'integer'),
  ],
  sql: bySchoolWithTotal(
    `WITH cand AS (
  SELECT mc.student_id, mc.degree, CASE mc.degree WHEN 1 THEN :gold ELSE :silver END AS t
  FROM medal_candidate mc WHERE mc.year = :year
),
res AS (
  SELECT r.student_id, r.school_id, a.kind, a.subject_code, a.level, r.test_score, r.mark, th.min_certificate
  FROM cand c
  JOIN result r ON r.student_id = c.student_id
  JOIN assessment a ON a.assessment_id = r.assessment_id
  LEFT JOIN ege_threshold th ON th.year = a.year AND th.subject_code = a.subject_code
  WHERE a.kind IN (${GIA11}) AND a.year = :year AND r.absent = 0
),
per AS (
  SELECT c.student_id, c.degree, MIN(x.school_id) AS school_id,
         MAX(x.kind = 'ege') AS has_ege,
         MAX(x.kind = 'gve11') AS has_gve,
         MAX(x.kind = 'ege' AND x.subject_code = 'rus' AND x.test_score >= c.t) AS rus_ok,
         MAX(x.kind = 'ege' AND x.subject_code <> 'rus' AND x.level <> 'base' AND x.test_score >= c.t) AS second_ok,
         MAX(x.kind = 'ege' AND x.level = 'base' AND x.mark = 5) AS base5,
         SUM(x.kind = 'ege' AND x.subject_code <> 'rus' AND x.level <> 'base') AS other_ege,
         MIN(CASE WHEN x.kind = 'gve11' THEN x.mark = 5 END) AS gve_all5,
         MIN(CASE WHEN x.kind = 'ege' THEN CASE WHEN x.level = 'base' OR x.test_score IS NULL THEN x.mark >= 3
                                              ELSE x.test_score >= COALESCE(x.min_certificate, 0) END END) AS min_ok
  FROM cand c JOIN res x ON x.student_id = c.student_id
  GROUP BY c.student_id
),
judged AS (
  SELECT p.*,
         COALESCE(min_ok, 1) AND COALESCE(gve_all5, 1)
           AND ((has_gve AND NOT has_ege) OR (rus_ok AND (second_ok OR (other_ege = 0 AND base5)))) AS confirmed
  FROM per p
)
SELECT j.school_id, j.degree, j.confirmed,
       j.has_ege AND NOT j.rus_ok AS fail_rus,
       j.has_ege AND NOT (j.second_ok OR (j.other_ege = 0 AND j.base5)) AS fail_second,
       j.has_ege AND NOT COALESCE(j.min_ok, 1) AS fail_min,
       j.has_gve AND NOT COALESCE(j.gve_all5, 1) AS fail_gve
FROM judged j JOIN school s ON s.school_id = j.school_id
WHERE s.municipality_id = :municipality`,
    `COUNT(*) AS n,
SUM(degree = 1) AS n1,
SUM(degree = 1 AND confirmed) AS confirmed1_n,
SUM(degree = 2) AS n2,
SUM(degree = 2 AND confirmed) AS confirmed2_n,
SUM(confirmed) AS confirmed_n,
${pct('SUM(confirmed)')} AS confirmed_pct,
SUM(fail_rus) AS fail_rus_n,
SUM(fail_second) AS fail_second_n,
SUM(fail_min) AS fail_min_n,
SUM(fail_gve) AS fail_gve_n`,
  ),
  columns: [
    ...HEAD_COLUMNS,
    { name: 'n', label: 'Претендентов', format: 'int' },
    { name: 'n1', label: 'Претендентов на I степень', format: 'int' },
    { name: 'confirmed1_n', label: 'Подтвердили I степень', format: 'int' },
    { name: 'n2', label: 'Претендентов на II степень', format: 'int' },
    { name: 'confirmed2_n', label: 'Подтвердили II степень', format: 'int' },
    { name: 'confirmed_n', label: 'Подтвердили, чел.', format: 'int' },
    { name: 'confirmed_pct', label: 'Подтвердили, %', format: 'pct' },
    { name: 'fail_rus_n', label: 'Русский язык ниже порога', format: 'int' },
    { name: 'fail_second_n', label: 'Нет второго предмета не ниже порога (или базы на «5»)', format: 'int' },
    { name: 'fail_min_n', label: 'Есть результат ниже минимума для аттестата', format: 'int' },
    { name: 'fail_gve_n', label: 'ГВЭ-11 не на «5»', format: 'int' },
    SMALL_COLUMN,
  ],
  chart: barsWithTotalRule('confirmed_pct', 'Подтвердили результат, %', [0, 100]),
  interpretation:
    'Причины неподтверждения считаются независимо: у одного претендента их может быть несколько. Претендент без ' +
    'результатов ГИА-11 в базе не относится ни к одной ОО и не учитывается. Правило приказа № 730 — «русский язык и ' +
    'любой другой предмет» (а не только профильная математика); пороги степеней — параметры. ' +
    `${SMALL_GROUP_NOTE} ${CLUSTER_NOTE} ${TOTAL_NOTE}`,
};

export const E6: IndicatorDef = {
  id: 'E6',
  title: 'Выпускники 11 классов, не получившие аттестат (по результатам ГИА)',
  mechanism: MECHANISM.preparation,
  source: `${sovgavanRow(3)} «Доля выпускников 11 классов …, не получивших аттестат по результатам государственной итоговой аттестации»`,
  formula:
    'Знаменатель — участники ГИА-11 (по ключу), сдававшие русский язык или математику в году. Не получил аттестат — нет ' +
    'ни одной сдачи русского языка не ниже минимума (ЕГЭ: балл ≥ минимума для аттестата; ГВЭ: «3» и выше) или нет ни одной ' +
    'сдачи математики не ниже минимума (профиль: балл ≥ минимума; база и ГВЭ: «3» и выше). После пересдач — по всем ' +
    'сдачам года; по основному периоду — только по первым сдачам.',
  params: [giaYearParam(GIA11), giaMunicipalityParam(GIA11), SCHEME_PARAM, HIDE_SMALL_PARAM],
  sql: bySchoolWithTotal(
    `WITH tries AS (
  ${giaAttempts(GIA11, "a.subject_code IN ('rus', 'math') AND a.year = :year AND s.municipality_id = :municipality")}
),
ok AS (
  SELECT t.student_id, t.school_id, t.subject_code, t.try_first,
         CASE WHEN ${byMark('t')} THEN t.mark >= 3 ELSE t.test_score >= th.min_certificate END AS passed
  FROM tries t LEFT JOIN ege_threshold th ON th.year = t.year AND th.subject_code = t.subject_code
  WHERE t.student_id IS NOT NULL
),
persons AS (
  SELECT student_id, MIN(school_id) AS school_id,
         MAX(subject_code = 'rus' AND passed) AS rus_final,
         MAX(subject_code = 'math' AND passed) AS math_final,
         MAX(subject_code = 'rus' AND passed AND try_first = 1) AS rus_first,
         MAX(subject_code = 'math' AND passed AND try_first = 1) AS math_first
  FROM ok GROUP BY student_id
)
SELECT school_id, NOT (rus_first AND math_first) AS fail_first, NOT (rus_final AND math_final) AS fail_final,
       NOT rus_final AS no_rus, NOT math_final AS no_math
FROM persons`,
    `COUNT(*) AS n,
SUM(fail_first) AS fail_first_n,
${pct('SUM(fail_first)')} AS fail_first_pct,
SUM(fail_final) AS fail_n,
${pct('SUM(fail_final)')} AS fail_pct,
SUM(no_rus) AS no_rus_n,
SUM(no_math) AS no_math_n`,
  ),
  columns: [
    ...HEAD_COLUMNS,
    { name: 'n', label: 'Выпускников (участников ГИА-11)', format: 'int' },
    { name: 'fail_first_n', label: 'Без аттестата по основному периоду, чел.', format: 'int' },
    { name: 'fail_first_pct', label: 'Без аттестата по основному периоду, %', format: 'pct' },
    { name: 'fail_n', label: 'Без аттестата после пересдач, чел.', format: 'int' },
    { name: 'fail_pct', label: 'Без аттестата после пересдач, %', format: 'pct' },
    { name: 'no_rus_n', label: 'Не сдан русский язык', format: 'int' },
    { name: 'no_math_n', label: 'Не сдана математика', format: 'int' },
    SMALL_COLUMN,
  ],
  chart: groupedBars(
    [
      ['fail_first_pct', 'по основному периоду', '#f4a582'],
      ['fail_pct', 'после пересдач', '#b2182b'],
    ],
    'Не получили аттестат, %',
  ),
  interpretation:
    'Показатель №3 программы Советско-Гаванского района. Аттестат зависит и от итоговых отметок, которых в данных ГИА ' +
    'нет: здесь учтены только результаты обязательных экзаменов. Выпускники прошлых лет, сдающие только предметы по ' +
    `выбору, в знаменатель не входят. ${GIA_NOTE} ${SMALL_GROUP_NOTE} ${CLUSTER_NOTE} ${TOTAL_NOTE}`,
};

/** Exam key for E7: kind, subject and level, e.g. 'ege:math:prof'. */
const EXAM_KEY = "a.kind || ':' || a.subject_code || ':' || a.level";

export const E7: IndicatorDef = {
  id: 'E7',
  title: 'Средний балл ЕГЭ по годам',
  mechanism: MECHANISM.preparation,
  source: `${DOC.sovgavan}, раздел «Анализ результатов ЕГЭ 2017–2020 годов по предметам» и таблица «100 баллов по русскому языку» по годам`,
  formula:
    'Для каждого года по первым сдачам выбранного экзамена: средний тестовый балл (база и ГВЭ — средняя отметка), доля ' +
    'ниже минимального балла и доля высокобалльных результатов (не ниже порога, по умолчанию 80).',
  params: [
    {
      name: 'exam',
      label: 'Экзамен',
      type: 'text',
      options: `SELECT DISTINCT ${EXAM_KEY} AS value, ${examLabel('a')} AS label
FROM assessment a LEFT JOIN subject sb ON sb.subject_code = a.subject_code
WHERE a.kind IN (${GIA11}) AND EXISTS (SELECT 1 FROM result r WHERE r.assessment_id = a.assessment_id)
ORDER BY a.kind, label`,
    },
    giaMunicipalityParam(GIA11, `${EXAM_KEY} = :exam`),
    giaSchoolParam(GIA11, `${EXAM_KEY} = :exam`),
    numberParam('high', 'Порог высокого балла', 80, 'integer'),
  ],
  sql: `SELECT t.year, COUNT(*) AS n,
       ROUND(AVG(t.test_score), 2) AS mean_score,
       ROUND(AVG(CASE WHEN ${byMark('t')} THEN t.mark END), 2) AS mean_mark,
       ${pct(`SUM(${belowMin('t', 'th')})`)} AS below_pct,
       ${pct('SUM(t.test_score >= :high)')} AS high_pct,
       COUNT(*) < ${MIN_GROUP} AS small
FROM (
  ${giaAttempts(GIA11, `${EXAM_KEY} = :exam AND s.municipality_id = :municipality AND (:school = 0 OR s.school_id = :school)`)}
) t
LEFT JOIN ege_threshold th ON th.year = t.year AND th.subject_code = t.subject_code
WHERE t.try_first = 1
GROUP BY t.year
ORDER BY t.year`,
  columns: [
    { name: 'year', label: 'Год', format: 'code' },
    { name: 'n', label: 'Участников', format: 'int' },
    { name: 'mean_score', label: 'Средний тестовый балл', format: 'num' },
    { name: 'mean_mark', label: 'Средняя отметка (база, ГВЭ)', format: 'num' },
    { name: 'below_pct', label: 'Ниже минимума, %', format: 'pct' },
    { name: 'high_pct', label: 'Высокобалльных, %', format: 'pct' },
    SMALL_COLUMN,
  ],
  chart: linesByYear(
    [
      ['mean_score', 'Средний тестовый балл', '#4c78a8'],
      ['high_pct', 'Высокобалльных, %', '#1a9850'],
      ['below_pct', 'Ниже минимума, %', '#d73027'],
    ],
    'Балл / %',
    [0, 100],
  ),
  interpretation:
    'Сравнение по годам корректно при сопоставимых КИМ; в годы смены формата экзамена средний балл может меняться без ' +
    `изменения подготовки. ${NOTE_SCHOOL} ${GIA_NOTE}`,
};
