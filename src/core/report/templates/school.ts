import type { IndicatorParam } from '../../indicators/types.ts';
import { SCHOOL_NAME } from '../../indicators/catalogue/common.ts';
import type { ReportTemplate } from './types.ts';

const WROTE = 'EXISTS (SELECT 1 FROM result r WHERE r.assessment_id = a.assessment_id AND r.absent = 0)';

const PARAMS: IndicatorParam[] = [
  {
    name: 'year',
    label: 'Год',
    type: 'integer',
    options: `SELECT DISTINCT a.year AS value, a.year AS label FROM assessment a WHERE ${WROTE} ORDER BY a.year DESC`,
  },
  {
    name: 'municipality',
    label: 'Муниципалитет',
    type: 'integer',
    options: `SELECT DISTINCT m.municipality_id AS value, m.name AS label
FROM assessment a JOIN result r ON r.assessment_id = a.assessment_id AND r.absent = 0
JOIN school s ON s.school_id = r.school_id JOIN municipality m ON m.municipality_id = s.municipality_id
WHERE a.year = :year
ORDER BY m.name`,
  },
  {
    name: 'school',
    label: 'ОО',
    type: 'integer',
    options: `SELECT DISTINCT s.school_id AS value, ${SCHOOL_NAME} AS label
FROM assessment a JOIN result r ON r.assessment_id = a.assessment_id AND r.absent = 0
JOIN school s ON s.school_id = r.school_id
WHERE a.year = :year AND s.municipality_id = :municipality
ORDER BY label`,
  },
];

/** One school: every ВПР work and exam of the year against the municipality, region and РФ, with its signals. */
export const SCHOOL: ReportTemplate = {
  id: 'school',
  title: 'Справка по ОО',
  description: 'Одна ОО: все её работы ВПР и экзамены года в сравнении с муниципалитетом, регионом и РФ, сигналы и официальные признаки, рекомендации.',
  procedure: 'ВПР, ОГЭ, ЕГЭ',
  params: PARAMS,
  heading: 'Аналитическая справка по результатам оценочных процедур {year} года: {school}',
  sections: [
    { builder: 'school-vpr', title: 'ВПР: результаты ОО по работам' },
    { builder: 'school-levels', title: 'ВПР: задания базового, повышенного и высокого уровня' },
    { indicator: 'V7S', title: 'Подтверждение отметок ВПР отметками по журналу', params: { year: ':year', municipality: ':municipality' }, focus: true },
    { builder: 'school-signals', title: 'Сигналы и официальные признаки ФИОКО' },
    { builder: 'school-oge', title: 'ОГЭ и ГВЭ-9' },
    { builder: 'school-ege', title: 'ЕГЭ' },
    { builder: 'school-recommendations', title: 'Адресные рекомендации' },
  ],
};
