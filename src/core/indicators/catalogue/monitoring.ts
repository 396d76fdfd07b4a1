/**
 * Indicators of the monitoring forms (src/core/monitoring/forms): profession orientation (P),
 * teachers and mentoring (N), upbringing and additional education (B), school leaders (L),
 * preschool education (S). They read monitoring_value — the accepted answers, one row per school,
 * school year and field — and, like every share in the catalogue, divide sums over schools (a
 * municipality's share is Σ part / Σ whole, never a mean of school percentages).
 */
import { CAREERS, LEADERS, LEADER_CRITERIA, MENTORING, PRESCHOOL, PRESCHOOL_AREAS, UPBRINGING } from '../../monitoring/forms/index.ts';
import { DOCUMENTS } from '../../monitoring/sources.ts';
import type { MonitoringForm } from '../../monitoring/types.ts';
import type { IndicatorColumn, IndicatorDef, IndicatorParam } from '../types.ts';
import {
  CLUSTER_NOTE,
  HEAD_COLUMNS,
  HIDE_SMALL_PARAM,
  MIN_GROUP,
  NOT_FOR_TEACHERS,
  SCHEME_PARAM,
  SCHOOL_LEVEL,
  SCHOOL_NAME,
  SMALL_COLUMN,
  TOTAL_NOTE,
  barsWithTotalRule,
  bySchoolWithTotal,
  groupedBars,
  linesByYear,
  numberParam,
  stackedBars,
} from './common.ts';
import { GIA11, GIA9, belowMin, giaAttempts } from './gia-common.ts';

const FORMS_NOTE =
  'Данные — ответы ОО в формах мониторинга, сформированных и принятых в Око («Мониторинги»): формы с ошибками в расчёт не входят, пока ОО не пришлёт исправленную.';

/**
 * The document items the fields serve, each document named once: «Title, item; item; Title2, item».
 * (A field's `serves` is «Title, item», several joined with «; ».)
 */
function sourceOf(form: MonitoringForm, codes: string[]): string {
  const byDocument = new Map<string, string[]>();
  const parts = form.fields.filter((f) => codes.includes(f.code)).flatMap((f) => f.serves.split('; '));
  for (const part of parts) {
    const title = Object.values(DOCUMENTS).find((doc) => part.startsWith(doc));
    const key = title ?? part;
    const item = title ? part.slice(title.length).replace(/^[,:]\s*/, '') : '';
    const items = byDocument.get(key) ?? [];
    if (item && !items.includes(item)) items.push(item);
    byDocument.set(key, items);
  }
  return [...byDocument].map(([doc, items]) => (items.length ? `${doc}: ${items.join('; ')}` : doc)).join('. ');
}

/** «Учебный год» and «Муниципалитет» offered by the answers to one form. */
function formParams(form: MonitoringForm): IndicatorParam[] {
  return [
    {
      name: 'year',
      label: 'Учебный год',
      type: 'integer',
      options: `SELECT DISTINCT year AS value, (year - 1) || '/' || year AS label FROM monitoring_value WHERE form_id = '${form.id}' ORDER BY year DESC`,
    },
    {
      name: 'municipality',
      label: 'Муниципалитет',
      type: 'integer',
      options: `SELECT DISTINCT m.municipality_id AS value, m.name AS label
FROM monitoring_value t JOIN school s ON s.school_id = t.school_id JOIN municipality m ON m.municipality_id = s.municipality_id
WHERE t.form_id = '${form.id}' AND t.year = :year ORDER BY m.name`,
    },
  ];
}

/** Every school year: only the municipality is chosen. */
function municipalityParam(form: MonitoringForm): IndicatorParam {
  return {
    name: 'municipality',
    label: 'Муниципалитет',
    type: 'integer',
    options: `SELECT DISTINCT m.municipality_id AS value, m.name AS label
FROM monitoring_value t JOIN school s ON s.school_id = t.school_id JOIN municipality m ON m.municipality_id = s.municipality_id
WHERE t.form_id = '${form.id}' ORDER BY m.name`,
  };
}

/**
 * One row per school (and year): the answers to `codes` as columns. Every year (`allYears`): the
 * form's years are found first, one index step each, and each of the municipality's ОО is read
 * by (form, year, ОО) — not every ОО's answers of the region (P3: 21,000 rows for 25 ОО). The
 * key is named: without the planner's statistics SQLite built an index of all the form's answers
 * for the query instead.
 */
function answers(form: MonitoringForm, codes: readonly string[], allYears = false): string {
  const columns = codes.map((code) => `MAX(CASE mv.field WHEN '${code}' THEN mv.value END) AS ${code}`).join(',\n       ');
  if (allYears)
    return `WITH RECURSIVE form_year(year) AS (
  SELECT MIN(year) FROM monitoring_value WHERE form_id = '${form.id}'
  UNION ALL
  SELECT (SELECT MIN(m.year) FROM monitoring_value m WHERE m.form_id = '${form.id}' AND m.year > fy.year) FROM form_year fy WHERE fy.year IS NOT NULL
)
SELECT mv.school_id, mv.year,
       ${columns}
FROM school s CROSS JOIN form_year y
CROSS JOIN monitoring_value mv INDEXED BY sqlite_autoindex_monitoring_value_1
  ON mv.form_id = '${form.id}' AND mv.year = y.year AND mv.school_id = s.school_id
WHERE s.municipality_id = :municipality
GROUP BY mv.school_id, mv.year`;
  return `SELECT mv.school_id, mv.year,
       ${columns}
FROM monitoring_value mv JOIN school s ON s.school_id = mv.school_id
WHERE mv.form_id = '${form.id}' AND mv.year = :year AND s.municipality_id = :municipality
GROUP BY mv.school_id, mv.year`;
}

/** Σ part / Σ whole over the schools that answered the part (an older form may lack it), in %. */
const share = (part: string, whole: string) => `ROUND(100.0 * SUM(${part}) / NULLIF(SUM(CASE WHEN ${part} IS NOT NULL THEN ${whole} END), 0), 2)`;

const pctColumn = (name: string, label: string): IndicatorColumn => ({ name, label, format: 'pct' });
const intColumn = (name: string, label: string): IndicatorColumn => ({ name, label, format: 'int' });

const PER_SCHOOL_PARAMS = (form: MonitoringForm) => [...formParams(form), SCHEME_PARAM, HIDE_SMALL_PARAM];

const YEAR_LABEL = `(year - 1) || '/' || year`;

// ─────────────────────────── P: профориентация ───────────────────────────

export const P1: IndicatorDef = {
  id: 'P1',
  title: 'Охват обучающихся 6–11 классов профориентационными мероприятиями, «Билетом в будущее» и профпробами',
  mechanism: CAREERS.system,
  source: sourceOf(CAREERS, ['pupils_6_11', 'career_events', 'ticket_future', 'prof_trials']),
  formula:
    'Охват = Σ охваченных обучающихся 6–11 классов / Σ обучающихся 6–11 классов × 100, отдельно для профориентационных ' +
    'мероприятий, проекта «Билет в будущее» и профессиональных проб (по ОО, кластерам и муниципалитету).',
  params: PER_SCHOOL_PARAMS(CAREERS),
  sql: bySchoolWithTotal(
    answers(CAREERS, ['pupils_6_11', 'career_events', 'ticket_future', 'prof_trials']),
    `SUM(pupils_6_11) AS n,
SUM(career_events) AS events_n,
${share('career_events', 'pupils_6_11')} AS events_pct,
${share('ticket_future', 'pupils_6_11')} AS ticket_pct,
${share('prof_trials', 'pupils_6_11')} AS trials_pct`,
  ),
  columns: [
    ...HEAD_COLUMNS,
    intColumn('n', 'Обучающихся 6–11 классов'),
    intColumn('events_n', 'Охвачено мероприятиями'),
    pctColumn('events_pct', 'Профориентационные мероприятия, %'),
    pctColumn('ticket_pct', '«Билет в будущее», %'),
    pctColumn('trials_pct', 'Профессиональные пробы, %'),
    SMALL_COLUMN,
  ],
  chart: groupedBars(
    [
      ['events_pct', 'мероприятия', '#4c78a8'],
      ['ticket_pct', '«Билет в будущее»', '#f58518'],
      ['trials_pct', 'профпробы', '#54a24b'],
    ],
    'Доля обучающихся 6–11 классов, %',
    { domain: [0, 100] },
  ),
  interpretation: `${FORMS_NOTE} Обучающийся, участвовавший в нескольких мероприятиях, считается в каждом виде один раз. ${CLUSTER_NOTE} ${TOTAL_NOTE}`,
};

export const P2: IndicatorDef = {
  id: 'P2',
  title: 'Обучение по выбранному профилю в 10–11 классах',
  mechanism: CAREERS.system,
  source: sourceOf(CAREERS, ['pupils_10_11', 'profile_10_11']),
  formula: 'Доля = Σ обучающихся 10–11 классов по выбранному профилю / Σ обучающихся 10–11 классов × 100.',
  params: PER_SCHOOL_PARAMS(CAREERS),
  sql: bySchoolWithTotal(
    `${answers(CAREERS, ['pupils_10_11', 'profile_10_11'])}
HAVING MAX(CASE mv.field WHEN 'pupils_10_11' THEN mv.value END) > 0`,
    `SUM(pupils_10_11) AS n,
SUM(profile_10_11) AS profile_n,
${share('profile_10_11', 'pupils_10_11')} AS profile_pct`,
  ),
  columns: [
    ...HEAD_COLUMNS,
    intColumn('n', 'Обучающихся 10–11 классов'),
    intColumn('profile_n', 'По выбранному профилю'),
    pctColumn('profile_pct', 'По выбранному профилю, %'),
    SMALL_COLUMN,
  ],
  chart: barsWithTotalRule('profile_pct', 'Обучаются по выбранному профилю, %', [0, 100]),
  interpretation: `${FORMS_NOTE} ОО без 10–11 классов (0 обучающихся) в таблицу не входят. ${CLUSTER_NOTE} ${TOTAL_NOTE}`,
};

export const P3: IndicatorDef = {
  id: 'P3',
  title: 'Профориентация: динамика по учебным годам',
  mechanism: CAREERS.system,
  source: sourceOf(CAREERS, ['pupils_6_11', 'career_events', 'ticket_future', 'prof_trials', 'profile_10_11']),
  formula: 'Для каждого учебного года — доли P1 и P2 по муниципалитету: Σ охваченных / Σ обучающихся × 100 по всем ОО, приславшим принятую форму.',
  params: [municipalityParam(CAREERS)],
  sql: `WITH base AS (
${answers(CAREERS, ['pupils_6_11', 'career_events', 'ticket_future', 'prof_trials', 'pupils_10_11', 'profile_10_11'], true)}
)
SELECT ${YEAR_LABEL} AS year, COUNT(*) AS schools, SUM(pupils_6_11) AS n,
       ${share('career_events', 'pupils_6_11')} AS events_pct,
       ${share('ticket_future', 'pupils_6_11')} AS ticket_pct,
       ${share('prof_trials', 'pupils_6_11')} AS trials_pct,
       ${share('profile_10_11', 'pupils_10_11')} AS profile_pct
FROM base GROUP BY base.year ORDER BY base.year`,
  columns: [
    { name: 'year', label: 'Учебный год', format: 'code' },
    intColumn('schools', 'ОО, приславших форму'),
    intColumn('n', 'Обучающихся 6–11 классов'),
    pctColumn('events_pct', 'Профориентационные мероприятия, %'),
    pctColumn('ticket_pct', '«Билет в будущее», %'),
    pctColumn('trials_pct', 'Профессиональные пробы, %'),
    pctColumn('profile_pct', 'Профиль в 10–11 классах, %'),
  ],
  chart: linesByYear(
    [
      ['events_pct', 'мероприятия', '#4c78a8'],
      ['ticket_pct', '«Билет в будущее»', '#f58518'],
      ['trials_pct', 'профпробы', '#54a24b'],
      ['profile_pct', 'профиль 10–11', '#b279a2'],
    ],
    'Доля обучающихся, %',
    [0, 100],
  ),
  interpretation: `${FORMS_NOTE} Сравнивайте годы с одинаковым числом ОО, приславших форму: ОО, не сдавшая форму, выпадает из года целиком.`,
};

// ─────────────────────────── N: педагоги и наставничество ───────────────────────────

export const N1: IndicatorDef = {
  id: 'N1',
  title: 'Доля молодых педагогов, закреплённых за наставником',
  mechanism: MENTORING.system,
  source: sourceOf(MENTORING, ['young', 'young_mentored']),
  formula: 'Доля = Σ молодых педагогов с наставником / Σ молодых педагогов (стаж до 3 лет) × 100; рядом — доля молодых педагогов среди всех педагогов.',
  params: PER_SCHOOL_PARAMS(MENTORING),
  sql: bySchoolWithTotal(
    answers(MENTORING, ['teachers', 'young', 'young_mentored']),
    `SUM(young) AS n,
SUM(young_mentored) AS mentored_n,
${share('young_mentored', 'young')} AS mentored_pct,
SUM(teachers) AS teachers,
${share('young', 'teachers')} AS young_pct`,
  ),
  columns: [
    ...HEAD_COLUMNS,
    intColumn('n', 'Молодых педагогов'),
    intColumn('mentored_n', 'Из них с наставником'),
    pctColumn('mentored_pct', 'С наставником, %'),
    intColumn('teachers', 'Педагогов всего'),
    pctColumn('young_pct', 'Молодые педагоги среди всех, %'),
    SMALL_COLUMN,
  ],
  chart: barsWithTotalRule('mentored_pct', 'Молодые педагоги с наставником, %', [0, 100]),
  interpretation: `${FORMS_NOTE} Строки, где молодых педагогов меньше ${MIN_GROUP}, отмечены: один человек меняет долю на 10 п.п. и больше. Показатель описывает условия адаптации, а не работу отдельных людей. ${CLUSTER_NOTE} ${TOTAL_NOTE}`,
};

export const N2: IndicatorDef = {
  id: 'N2',
  title: 'Диагностика профессиональных дефицитов, индивидуальные маршруты и конкурсы мастерства',
  mechanism: MENTORING.system,
  source: sourceOf(MENTORING, ['diagnosed', 'routes', 'contests']),
  formula:
    'Прошли диагностику = Σ педагогов, прошедших диагностику / Σ педагогов × 100; маршруты = Σ педагогов с индивидуальным ' +
    'маршрутом / Σ прошедших диагностику × 100; конкурсы = Σ участников конкурсов / Σ педагогов × 100.',
  params: PER_SCHOOL_PARAMS(MENTORING),
  sql: bySchoolWithTotal(
    answers(MENTORING, ['teachers', 'diagnosed', 'routes', 'contests']),
    `SUM(teachers) AS n,
${share('diagnosed', 'teachers')} AS diagnosed_pct,
${share('routes', 'diagnosed')} AS routes_pct,
${share('contests', 'teachers')} AS contests_pct`,
  ),
  columns: [
    ...HEAD_COLUMNS,
    intColumn('n', 'Педагогов'),
    pctColumn('diagnosed_pct', 'Прошли диагностику дефицитов, %'),
    pctColumn('routes_pct', 'С маршрутом среди прошедших диагностику, %'),
    pctColumn('contests_pct', 'Участники конкурсов мастерства, %'),
    SMALL_COLUMN,
  ],
  chart: groupedBars(
    [
      ['diagnosed_pct', 'диагностика', '#4c78a8'],
      ['routes_pct', 'маршрут (из прошедших)', '#72b7b2'],
      ['contests_pct', 'конкурсы', '#f58518'],
    ],
    'Доля педагогов, %',
    { domain: [0, 100] },
  ),
  interpretation:
    `${FORMS_NOTE} Формы версии 1 не спрашивали о диагностике: такие ОО в доли диагностики и маршрутов не входят (знаменатель — педагоги ОО, ответивших на вопрос). ` +
    `Показатели описывают систему методической работы, а не качество работы отдельных педагогов. ${CLUSTER_NOTE} ${TOTAL_NOTE}`,
};

export const N3: IndicatorDef = {
  id: 'N3',
  title: 'Педагоги и наставничество: динамика по учебным годам',
  mechanism: MENTORING.system,
  source: sourceOf(MENTORING, ['young_mentored', 'diagnosed', 'contests']),
  formula: 'Для каждого учебного года — доли N1 и N2 по муниципалитету (Σ / Σ по всем ОО, приславшим принятую форму).',
  params: [municipalityParam(MENTORING)],
  sql: `WITH base AS (
${answers(MENTORING, ['teachers', 'young', 'young_mentored', 'diagnosed', 'contests'], true)}
)
SELECT ${YEAR_LABEL} AS year, COUNT(*) AS schools, SUM(teachers) AS n,
       ${share('young_mentored', 'young')} AS mentored_pct,
       ${share('diagnosed', 'teachers')} AS diagnosed_pct,
       ${share('contests', 'teachers')} AS contests_pct
FROM base GROUP BY base.year ORDER BY base.year`,
  columns: [
    { name: 'year', label: 'Учебный год', format: 'code' },
    intColumn('schools', 'ОО, приславших форму'),
    intColumn('n', 'Педагогов'),
    pctColumn('mentored_pct', 'Молодые педагоги с наставником, %'),
    pctColumn('diagnosed_pct', 'Прошли диагностику дефицитов, %'),
    pctColumn('contests_pct', 'Участники конкурсов мастерства, %'),
  ],
  chart: linesByYear(
    [
      ['mentored_pct', 'молодые с наставником', '#4c78a8'],
      ['diagnosed_pct', 'диагностика', '#72b7b2'],
      ['contests_pct', 'конкурсы', '#f58518'],
    ],
    'Доля, %',
    [0, 100],
  ),
  interpretation: `${FORMS_NOTE} Сравнивайте годы с одинаковым числом ОО, приславших форму.`,
};

// ─────────────────────────── B: воспитание и дополнительное образование ───────────────────────────

export const B1: IndicatorDef = {
  id: 'B1',
  title: 'Охват программой воспитания и детскими объединениями; обучающиеся на учёте',
  mechanism: UPBRINGING.system,
  source: sourceOf(UPBRINGING, ['programme_events', 'associations', 'registered']),
  formula: 'Доли = Σ участвующих в мероприятиях программы воспитания (состоящих в детских объединениях, состоящих на учёте) / Σ обучающихся × 100.',
  params: PER_SCHOOL_PARAMS(UPBRINGING),
  sql: bySchoolWithTotal(
    answers(UPBRINGING, ['pupils', 'programme_events', 'associations', 'registered']),
    `SUM(pupils) AS n,
${share('programme_events', 'pupils')} AS events_pct,
${share('associations', 'pupils')} AS associations_pct,
SUM(registered) AS registered_n,
${share('registered', 'pupils')} AS registered_pct`,
  ),
  columns: [
    ...HEAD_COLUMNS,
    intColumn('n', 'Обучающихся'),
    pctColumn('events_pct', 'Мероприятия программы воспитания, %'),
    pctColumn('associations_pct', 'Детские общественные объединения, %'),
    intColumn('registered_n', 'На учёте, чел.'),
    pctColumn('registered_pct', 'На учёте, %'),
    SMALL_COLUMN,
  ],
  chart: groupedBars(
    [
      ['events_pct', 'программа воспитания', '#4c78a8'],
      ['associations_pct', 'детские объединения', '#54a24b'],
    ],
    'Доля обучающихся, %',
    { domain: [0, 100] },
  ),
  interpretation: `${FORMS_NOTE} Обучающиеся на учёте — сведения о группе, а не о людях: форма спрашивает только их число. ${CLUSTER_NOTE} ${TOTAL_NOTE}`,
};

export const B2: IndicatorDef = {
  id: 'B2',
  title: 'Охват обучающихся программами дополнительного образования (по формам ОО)',
  mechanism: UPBRINGING.system,
  source: sourceOf(UPBRINGING, ['additional_ed']),
  formula:
    'Охват = Σ обучающихся, охваченных программами дополнительного образования / Σ обучающихся × 100; рядом — охват прошлого учебного года и изменение в п.п.',
  params: PER_SCHOOL_PARAMS(UPBRINGING),
  sql: bySchoolWithTotal(
    `WITH cur AS (${answers(UPBRINGING, ['pupils', 'additional_ed'])}),
prev AS (
  SELECT mv.school_id,
         MAX(CASE mv.field WHEN 'pupils' THEN mv.value END) AS prev_pupils,
         MAX(CASE mv.field WHEN 'additional_ed' THEN mv.value END) AS prev_additional
  FROM monitoring_value mv WHERE mv.form_id = '${UPBRINGING.id}' AND mv.year = :year - 1 GROUP BY mv.school_id
)
SELECT cur.*, prev.prev_pupils, prev.prev_additional FROM cur LEFT JOIN prev ON prev.school_id = cur.school_id`,
    `SUM(pupils) AS n,
SUM(additional_ed) AS covered_n,
${share('additional_ed', 'pupils')} AS covered_pct,
${share('prev_additional', 'prev_pupils')} AS prev_pct,
ROUND(${share('additional_ed', 'pupils')} - ${share('prev_additional', 'prev_pupils')}, 2) AS change_pp`,
  ),
  columns: [
    ...HEAD_COLUMNS,
    intColumn('n', 'Обучающихся'),
    intColumn('covered_n', 'Охвачено дополнительным образованием'),
    pctColumn('covered_pct', 'Охват, %'),
    pctColumn('prev_pct', 'Охват в прошлом учебном году, %'),
    { name: 'change_pp', label: 'Изменение, п.п.', format: 'num' },
    SMALL_COLUMN,
  ],
  chart: barsWithTotalRule('covered_pct', 'Охват дополнительным образованием, %', [0, 100]),
  interpretation:
    `${FORMS_NOTE} Обучающийся, занимающийся в нескольких объединениях, считается один раз. Те же сведения может дать таблица ` +
    `«Охват дополнительным образованием» (показатель D1) — там они загружаются готовым списком, здесь собираются формой от ОО. ${CLUSTER_NOTE} ${TOTAL_NOTE}`,
};

export const B3: IndicatorDef = {
  id: 'B3',
  title: 'Воспитание и дополнительное образование: динамика по учебным годам',
  mechanism: UPBRINGING.system,
  source: sourceOf(UPBRINGING, ['programme_events', 'associations', 'additional_ed', 'registered']),
  formula: 'Для каждого учебного года — доли B1 и B2 по муниципалитету (Σ / Σ по всем ОО, приславшим принятую форму).',
  params: [municipalityParam(UPBRINGING)],
  sql: `WITH base AS (
${answers(UPBRINGING, ['pupils', 'programme_events', 'associations', 'additional_ed', 'registered'], true)}
)
SELECT ${YEAR_LABEL} AS year, COUNT(*) AS schools, SUM(pupils) AS n,
       ${share('additional_ed', 'pupils')} AS covered_pct,
       ${share('programme_events', 'pupils')} AS events_pct,
       ${share('associations', 'pupils')} AS associations_pct,
       ${share('registered', 'pupils')} AS registered_pct
FROM base GROUP BY base.year ORDER BY base.year`,
  columns: [
    { name: 'year', label: 'Учебный год', format: 'code' },
    intColumn('schools', 'ОО, приславших форму'),
    intColumn('n', 'Обучающихся'),
    pctColumn('covered_pct', 'Дополнительное образование, %'),
    pctColumn('events_pct', 'Программа воспитания, %'),
    pctColumn('associations_pct', 'Детские объединения, %'),
    pctColumn('registered_pct', 'На учёте, %'),
  ],
  chart: linesByYear(
    [
      ['covered_pct', 'дополнительное образование', '#e45756'],
      ['events_pct', 'программа воспитания', '#4c78a8'],
      ['associations_pct', 'детские объединения', '#54a24b'],
    ],
    'Доля обучающихся, %',
    [0, 100],
  ),
  interpretation: `${FORMS_NOTE} Сравнивайте годы с одинаковым числом ОО, приславших форму.`,
};

// ─────────────────────────── L: руководители ───────────────────────────

const LEADER_ITEMS = LEADERS.fields.map((f, i) => ({ code: f.code, label: f.label, order: i + 1, max: f.kind === 'score' ? (f.max ?? 2) : 1 }));

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

export const L1: IndicatorDef = {
  id: 'L1',
  title: 'Самообследование руководителей ОО: критерии по муниципалитету',
  mechanism: LEADERS.system,
  source: sourceOf(
    LEADERS,
    LEADERS.fields.map((f) => f.code),
  ),
  formula:
    'Для каждого критерия листа самообследования: сколько ОО ответили 0, 1 и 2 балла (для вопросов «да / нет» — «нет» и ' +
    '«да»), средний балл и доля от максимума = Σ баллов / (максимум × число ответивших ОО) × 100.',
  params: formParams(LEADERS),
  sql: `WITH items (code, name, item_order, max_score) AS (VALUES
  ${LEADER_ITEMS.map((i) => `(${quote(i.code)}, ${quote(i.label)}, ${i.order}, ${i.max})`).join(',\n  ')}
),
answers AS (
  SELECT mv.field, mv.value FROM monitoring_value mv JOIN school s ON s.school_id = mv.school_id
  WHERE mv.form_id = '${LEADERS.id}' AND mv.year = :year AND s.municipality_id = :municipality
)
SELECT i.item_order AS item, i.name, COUNT(a.value) AS schools,
       SUM(a.value = 0) AS low_n,
       CASE WHEN i.max_score = 2 THEN SUM(a.value = 1) END AS mid_n,
       SUM(a.value = i.max_score) AS top_n,
       ROUND(AVG(a.value), 2) AS mean,
       ROUND(100.0 * SUM(a.value) / NULLIF(i.max_score * COUNT(a.value), 0), 2) AS of_max_pct
FROM items i LEFT JOIN answers a ON a.field = i.code
WHERE EXISTS (SELECT 1 FROM answers)
GROUP BY i.code ORDER BY i.item_order`,
  columns: [
    intColumn('item', '№'),
    { name: 'name', label: 'Критерий', format: 'text' },
    intColumn('schools', 'ОО ответили'),
    intColumn('low_n', '0 баллов / «нет»'),
    intColumn('mid_n', '1 балл'),
    intColumn('top_n', '2 балла / «да»'),
    { name: 'mean', label: 'Средний балл', format: 'num' },
    pctColumn('of_max_pct', 'От максимума, %'),
  ],
  chart: stackedBars(
    [
      ['low_n', '0 / «нет»', '#d6604d'],
      ['mid_n', '1', '#fddbc7'],
      ['top_n', '2 / «да»', '#4393c3'],
    ],
    'Доля ОО',
  ),
  interpretation:
    `${FORMS_NOTE} Таблица показывает муниципалитет по критериям — где управленческие практики распространены, а где ` +
    'нужна методическая поддержка; ответы отдельных ОО здесь не показаны и не сравниваются. Самооценка — слово ОО о себе, ' +
    'её стоит обсуждать вместе с результатами (показатель L2).',
};

/** Population z-score over the schools that have the column (0 when all are equal). */
const z = (col: string) => `CASE WHEN ${col} IS NULL THEN NULL WHEN st.sd_${col} > 0 THEN (${col} - st.mean_${col}) / st.sd_${col} ELSE 0 END`;
const stat = (col: string) => `AVG(${col}) AS mean_${col}, pow(MAX(AVG(${col} * ${col}) - AVG(${col}) * AVG(${col}), 0), 0.5) AS sd_${col}`;
const inMunicipality = 's.municipality_id = :municipality';
const CRITERIA_MAX = LEADER_CRITERIA.reduce((sum, f) => sum + (f.max ?? 2), 0);

export const L2: IndicatorDef = {
  id: 'L2',
  title: 'Эффективность руководителя: результаты ОО и самооценка (прозрачный расчёт, веса задаются)',
  mechanism: LEADERS.system,
  source:
    `${sourceOf(LEADERS, ['results_use'])}; составляющие результатов — как в комплексном индексе ОО (M3): ВПР, ГИА-9, ГИА-11; ` +
    'сведение z-оценок с весами — собственная методика Око',
  formula:
    'Для каждой ОО года: успеваемость и качество знаний по ВПР (русский язык и математика, 4–8 классы, по всем участникам), ' +
    'доля выпускников 9 классов без «2» без учёта пересдач, доля участников ГИА-11 ниже минимального порога (знак обращён) — ' +
    `как в M3 — и самооценка руководителя = Σ баллов шести критериев / ${CRITERIA_MAX} × 100. Каждая составляющая переводится ` +
    'в z-оценку среди ОО муниципалитета; сводное значение = Σ вес × z / Σ весов по имеющимся у ОО составляющим. Веса — ' +
    'параметры и выводятся в результате.',
  params: [
    formParams(LEADERS)[0],
    formParams(LEADERS)[1],
    numberParam('w_pass', 'Вес: успеваемость ВПР', 1),
    numberParam('w_quality', 'Вес: качество знаний ВПР', 1),
    numberParam('w_oge', 'Вес: ГИА-9 без «2»', 1),
    numberParam('w_ege', 'Вес: ГИА-11 не ниже порога', 1),
    numberParam('w_self', 'Вес: самооценка руководителя', 1),
    HIDE_SMALL_PARAM,
  ],
  sql: `WITH self AS MATERIALIZED (
  SELECT mv.school_id, 100.0 * SUM(mv.value) / ${CRITERIA_MAX} AS self
  FROM monitoring_value mv JOIN school s ON s.school_id = mv.school_id
  WHERE mv.form_id = '${LEADERS.id}' AND mv.year = :year AND ${inMunicipality}
    AND mv.field IN (${LEADER_CRITERIA.map((f) => quote(f.code)).join(', ')})
  GROUP BY mv.school_id HAVING COUNT(*) = ${LEADER_CRITERIA.length}
),
vpr AS MATERIALIZED (
  SELECT v.school_id, SUM(v.participants) AS n, 100.0 * SUM(v.n_3 + v.n_4 + v.n_5) / SUM(v.participants) AS pass,
         100.0 * SUM(v.n_4 + v.n_5) / SUM(v.participants) AS quality
  FROM v_vpr_school v
  WHERE v.year = :year AND v.subject_code IN ('rus', 'math') AND v.grade BETWEEN 4 AND 8 AND v.municipality_id = :municipality
  GROUP BY v.school_id
),
oge_tries AS (
  ${giaAttempts(GIA9, `a.year = :year AND ${inMunicipality}`)}
),
oge AS MATERIALIZED (
  SELECT school_id, 100.0 * SUM(first_min >= 3) / COUNT(*) AS oge
  FROM (SELECT student_id, MIN(school_id) AS school_id, MIN(CASE WHEN try_first = 1 THEN mark END) AS first_min
        FROM oge_tries WHERE student_id IS NOT NULL GROUP BY student_id)
  GROUP BY school_id
),
ege_tries AS (
  ${giaAttempts(GIA11, `a.year = :year AND ${inMunicipality}`)}
),
ege AS MATERIALIZED (
  SELECT school_id, 100.0 * SUM(any_below) / COUNT(*) AS ege
  FROM (SELECT t.student_id, MIN(t.school_id) AS school_id, MAX(${belowMin('t', 'th')}) AS any_below
        FROM ege_tries t LEFT JOIN ege_threshold th ON th.year = t.year AND th.subject_code = t.subject_code
        WHERE t.try_first = 1 AND t.student_id IS NOT NULL GROUP BY t.student_id)
  GROUP BY school_id
),
comp AS MATERIALIZED (
  SELECT self.school_id, vpr.n, vpr.pass, vpr.quality, oge.oge, ege.ege, self.self
  FROM self
  LEFT JOIN vpr ON vpr.school_id = self.school_id
  LEFT JOIN oge ON oge.school_id = self.school_id
  LEFT JOIN ege ON ege.school_id = self.school_id
),
st AS (SELECT ${stat('pass')}, ${stat('quality')}, ${stat('oge')}, ${stat('ege')}, ${stat('self')} FROM comp),
zs AS (
  SELECT comp.*, ${z('pass')} AS z_pass, ${z('quality')} AS z_quality, ${z('oge')} AS z_oge, 0.0 - (${z('ege')}) AS z_ege, ${z('self')} AS z_self
  FROM comp CROSS JOIN st
),
combined AS (
  SELECT zs.*,
         (:w_pass * COALESCE(z_pass, 0) + :w_quality * COALESCE(z_quality, 0) + :w_oge * COALESCE(z_oge, 0) + :w_ege * COALESCE(z_ege, 0) + :w_self * COALESCE(z_self, 0))
         / NULLIF(:w_pass * (z_pass IS NOT NULL) + :w_quality * (z_quality IS NOT NULL) + :w_oge * (z_oge IS NOT NULL) + :w_ege * (z_ege IS NOT NULL) + :w_self * (z_self IS NOT NULL), 0)
         AS value
  FROM zs
)
SELECT '${SCHOOL_LEVEL}' AS level, ${SCHOOL_NAME} AS name, c.n,
       ROUND(c.pass, 2) AS pass_pct, ROUND(c.z_pass, 2) AS z_pass,
       ROUND(c.quality, 2) AS quality_pct, ROUND(c.z_quality, 2) AS z_quality,
       ROUND(c.oge, 2) AS oge_pct, ROUND(c.z_oge, 2) AS z_oge,
       ROUND(c.ege, 2) AS ege_below_pct, ROUND(c.z_ege, 2) AS z_ege,
       ROUND(c.self, 2) AS self_pct, ROUND(c.z_self, 2) AS z_self,
       :w_pass AS w_pass, :w_quality AS w_quality, :w_oge AS w_oge, :w_ege AS w_ege, :w_self AS w_self,
       ROUND(c.value, 2) AS value,
       COALESCE(c.n, 0) < ${MIN_GROUP} AS small
FROM combined c JOIN school s ON s.school_id = c.school_id
WHERE NOT (:hide_small = 1 AND COALESCE(c.n, 0) < ${MIN_GROUP})
ORDER BY name`,
  columns: [
    ...HEAD_COLUMNS,
    intColumn('n', 'Участников ВПР (РУ, МА, 4–8)'),
    pctColumn('pass_pct', 'ВПР: успеваемость, %'),
    { name: 'z_pass', label: 'z: успеваемость', format: 'num' },
    pctColumn('quality_pct', 'ВПР: качество, %'),
    { name: 'z_quality', label: 'z: качество', format: 'num' },
    pctColumn('oge_pct', 'ГИА-9 без «2» (без пересдач), %'),
    { name: 'z_oge', label: 'z: ГИА-9', format: 'num' },
    pctColumn('ege_below_pct', 'ГИА-11 ниже порога, % участников'),
    { name: 'z_ege', label: 'z: ГИА-11 (знак обращён)', format: 'num' },
    pctColumn('self_pct', 'Самооценка руководителя, % от максимума'),
    { name: 'z_self', label: 'z: самооценка', format: 'num' },
    { name: 'w_pass', label: 'Вес: успеваемость', format: 'num' },
    { name: 'w_quality', label: 'Вес: качество', format: 'num' },
    { name: 'w_oge', label: 'Вес: ГИА-9', format: 'num' },
    { name: 'w_ege', label: 'Вес: ГИА-11', format: 'num' },
    { name: 'w_self', label: 'Вес: самооценка', format: 'num' },
    { name: 'value', label: 'Сводное значение', format: 'num' },
    SMALL_COLUMN,
  ],
  chart: {
    height: { step: 22 },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'name', type: 'nominal', sort: null, title: null },
      x: { field: 'value', type: 'quantitative', title: 'Сводное значение (взвешенное среднее z-оценок)' },
      color: { condition: { test: 'datum.value < 0', value: '#d6604d' }, value: '#4393c3' },
      opacity: { condition: { test: 'datum.small == 1', value: 0.45 }, value: 1 },
    },
  },
  interpretation:
    'Строки — ОО в алфавитном порядке, без мест: это не рейтинг руководителей и не основание для кадровых решений. Сводное ' +
    'значение 0 — средний уровень ОО муниципалитета, +1 — на одно стандартное отклонение выше; состав и веса видны в ' +
    'результате и меняются параметрами. Результаты ОО зависят от контингента и условий, а самооценка — слово руководителя о ' +
    'своей ОО; расхождение между ними — повод для разговора и адресной поддержки (дефициты — в L1). В таблицу входят ОО, ' +
    `ответившие на все критерии листа самообследования. ${FORMS_NOTE} ${NOT_FOR_TEACHERS}`,
};

// ─────────────────────────── S: дошкольное образование ───────────────────────────

const AREA_CODES = PRESCHOOL_AREAS.map((f) => f.code);

export const S1: IndicatorDef = {
  id: 'S1',
  title: 'Качество дошкольного образования по областям (баллы 1–3)',
  mechanism: PRESCHOOL.system,
  source: sourceOf(PRESCHOOL, AREA_CODES),
  formula:
    'Для каждой области: средний балл по муниципалитету, взвешенный по числу групп = Σ (балл ОО × групп ОО) / Σ групп; ' +
    'рядом — сколько ОО оценили область на 1, 2 и 3 балла.',
  params: formParams(PRESCHOOL),
  sql: `WITH areas (code, name, area_order) AS (VALUES
  ${PRESCHOOL_AREAS.map((f, i) => `(${quote(f.code)}, ${quote(f.label)}, ${i + 1})`).join(',\n  ')}
),
answers AS (
  SELECT mv.school_id, mv.field, mv.value FROM monitoring_value mv JOIN school s ON s.school_id = mv.school_id
  WHERE mv.form_id = '${PRESCHOOL.id}' AND mv.year = :year AND s.municipality_id = :municipality
),
groups AS (SELECT school_id, value AS groups FROM answers WHERE field = 'groups')
SELECT ar.area_order AS item, ar.name, COUNT(an.value) AS schools, SUM(g.groups) AS groups,
       ROUND(SUM(an.value * g.groups) / NULLIF(SUM(g.groups), 0), 2) AS mean,
       SUM(an.value = 1) AS n1, SUM(an.value = 2) AS n2, SUM(an.value = 3) AS n3
FROM areas ar LEFT JOIN answers an ON an.field = ar.code LEFT JOIN groups g ON g.school_id = an.school_id
WHERE EXISTS (SELECT 1 FROM answers)
GROUP BY ar.code ORDER BY ar.area_order`,
  columns: [
    intColumn('item', '№'),
    { name: 'name', label: 'Область', format: 'text' },
    intColumn('schools', 'ОО ответили'),
    intColumn('groups', 'Групп'),
    { name: 'mean', label: 'Средний балл (по группам)', format: 'num' },
    intColumn('n1', '1 балл, ОО'),
    intColumn('n2', '2 балла, ОО'),
    intColumn('n3', '3 балла, ОО'),
  ],
  chart: stackedBars(
    [
      ['n1', '1 балл', '#d6604d'],
      ['n2', '2 балла', '#fddbc7'],
      ['n3', '3 балла', '#4393c3'],
    ],
    'Доля ОО',
  ),
  interpretation:
    `${FORMS_NOTE} Области — по образцу федерального мониторинга качества дошкольного образования (МКДО); шкала 1–3 — ` +
    'упрощение Око для самооценки: 2 — базовый уровень. Средний балл взвешен по группам: ОО с десятью группами весит больше, чем с одной.',
};

export const S2: IndicatorDef = {
  id: 'S2',
  title: 'Качество дошкольного образования по ОО (баллы 1–3)',
  mechanism: PRESCHOOL.system,
  source: sourceOf(PRESCHOOL, ['groups', 'children', ...AREA_CODES]),
  formula:
    `Балл ОО = среднее её оценок по ${AREA_CODES.length} областям; балл кластера и муниципалитета = Σ (балл ОО × групп ОО) / Σ групп; ` +
    'так же по каждой области.',
  params: PER_SCHOOL_PARAMS(PRESCHOOL),
  sql: bySchoolWithTotal(
    `SELECT a.*, (${AREA_CODES.join(' + ')}) / ${AREA_CODES.length}.0 AS mean_area FROM (${answers(PRESCHOOL, ['groups', 'children', ...AREA_CODES])}) a`,
    `SUM(children) AS n,
SUM(groups) AS groups,
ROUND(SUM(mean_area * groups) / SUM(groups), 2) AS mean,
ROUND(SUM((staff_qualification + staff_development) / 2.0 * groups) / SUM(groups), 2) AS staff,
ROUND(SUM((environment_rooms + environment_outdoor) / 2.0 * groups) / SUM(groups), 2) AS environment,
ROUND(SUM((family_information + family_participation) / 2.0 * groups) / SUM(groups), 2) AS family,
ROUND(SUM(health_safety * groups) / SUM(groups), 2) AS health`,
  ),
  columns: [
    ...HEAD_COLUMNS,
    intColumn('n', 'Воспитанников'),
    intColumn('groups', 'Групп'),
    { name: 'mean', label: 'Средний балл', format: 'num' },
    { name: 'staff', label: 'Кадровые условия', format: 'num' },
    { name: 'environment', label: 'Развивающая среда', format: 'num' },
    { name: 'family', label: 'Взаимодействие с семьёй', format: 'num' },
    { name: 'health', label: 'Здоровье и безопасность', format: 'num' },
    SMALL_COLUMN,
  ],
  chart: barsWithTotalRule('mean', 'Средний балл (1–3)', [1, 3]),
  interpretation:
    `${FORMS_NOTE} Строки, где воспитанников меньше ${MIN_GROUP}, отмечены. Балл — самооценка ОО по образцу МКДО, а не результат ` +
    `внешней экспертизы. ${CLUSTER_NOTE} ${TOTAL_NOTE}`,
};

export const MONITORING_INDICATORS: IndicatorDef[] = [P1, P2, P3, N1, N2, N3, B1, B2, B3, L1, L2, S1, S2];
