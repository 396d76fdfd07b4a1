import type { IndicatorParam } from '../../indicators/types.ts';
import type { ReportTemplate } from './types.ts';

const YEAR: IndicatorParam = {
  name: 'year',
  label: 'Учебный год',
  type: 'integer',
  options: `SELECT DISTINCT year AS value, (year - 1) || '/' || year AS label FROM monitoring_value ORDER BY year DESC`,
};

const MUNICIPALITY: IndicatorParam = {
  name: 'municipality',
  label: 'Муниципалитет',
  type: 'integer',
  options: `SELECT DISTINCT m.municipality_id AS value, m.name AS label
FROM monitoring_value t JOIN school s ON s.school_id = t.school_id JOIN municipality m ON m.municipality_id = s.municipality_id
WHERE t.year = :year ORDER BY m.name`,
};

const YEAR_MUN = { year: ':year', municipality: ':municipality' };

export const MONITORING_INTRO =
  'Справка составлена по формам мониторинга, которые ОО заполнили и вернули в управление образования («Мониторинги» в Око). ' +
  'В расчёт вошли только принятые формы; доли муниципалитета посчитаны по сумме ответов всех ОО, а не как среднее долей ОО. ' +
  'Самообследование руководителей показано по критериям для муниципалитета в целом, без сравнения ОО между собой.';

/** The monitoring forms of a school year: profession orientation, teachers, upbringing, leaders, preschool. */
export const MONITORING: ReportTemplate = {
  id: 'monitoring',
  title: 'Мониторинги МСОКО (формы ОО)',
  description:
    'Профориентация, педагоги и наставничество, воспитание и дополнительное образование, самообследование руководителей, дошкольное образование — по формам, принятым от ОО.',
  procedure: 'Мониторинги МСОКО',
  params: [YEAR, MUNICIPALITY],
  heading: 'Аналитическая справка по итогам мониторингов МСОКО за {year} учебный год',
  sections: [
    { text: MONITORING_INTRO, title: 'Об источнике данных' },
    { indicator: 'P1', title: 'Профориентация обучающихся 6–11 классов', params: YEAR_MUN },
    { indicator: 'P2', title: 'Обучение по выбранному профилю', params: YEAR_MUN },
    { indicator: 'N1', title: 'Молодые педагоги и наставничество', params: YEAR_MUN },
    { indicator: 'N2', title: 'Профессиональные дефициты педагогов и конкурсы мастерства', params: YEAR_MUN },
    { indicator: 'B1', title: 'Воспитание и детские объединения', params: YEAR_MUN },
    { indicator: 'B2', title: 'Охват дополнительным образованием', params: YEAR_MUN },
    { indicator: 'L1', title: 'Самообследование руководителей ОО', params: YEAR_MUN },
    { indicator: 'S1', title: 'Качество дошкольного образования по областям', params: YEAR_MUN },
    { indicator: 'S2', title: 'Качество дошкольного образования по ОО', params: YEAR_MUN },
  ],
};
