import type { IndicatorParam } from '../../indicators/types.ts';
import { vprMunicipalityParam } from '../../indicators/catalogue/common.ts';
import type { ReportTemplate } from './types.ts';

const YEAR: IndicatorParam = {
  name: 'year',
  label: 'Год',
  type: 'integer',
  options: `SELECT DISTINCT a.year AS value, a.year AS label FROM assessment a
WHERE a.kind = 'vpr' AND EXISTS (SELECT 1 FROM v_vpr v WHERE v.assessment_id = a.assessment_id)
ORDER BY a.year DESC`,
};

const YEAR_MUN = { year: ':year', municipality: ':municipality' };

export const OBJECTIVITY_INTRO =
  'В справке рядом показаны официальные признаки ФИОКО (перечень ОО по ВПР 4 и 5 классов) и сигналы, которые Око ' +
  'вычисляет по прозрачным правилам: пик на границе отметки, сопоставление с журналом, инверсия сложности, спад ' +
  'когорты, расхождение ВПР в 8 классе с ОГЭ. Каждый сигнал — возможный признак, требует анализа: он не является ' +
  'выводом о проведении или проверке работ в ОО и служит поводом посмотреть работы, протоколы и условия проведения. ' +
  'Результаты ВПР не используются для оценки деятельности педагогических работников.';

/** Objectivity of the ВПР of a year: official flags and the computed signals, in careful wording. */
export const OBJECTIVITY: ReportTemplate = {
  id: 'objectivity',
  title: 'Объективность ВПР',
  description: 'Официальные признаки ФИОКО и вычисленные сигналы по каждой работе года: пики на границах отметок, журнал, инверсия сложности, когорта, ОГЭ.',
  procedure: 'ВПР',
  params: [YEAR, vprMunicipalityParam('v.year = :year')],
  heading: 'Аналитическая справка об объективности результатов ВПР {year} года',
  sections: [
    { text: OBJECTIVITY_INTRO, title: 'О признаках и сигналах' },
    { indicator: 'O1', title: 'ОО с официальными признаками ФИОКО', params: { municipality: ':municipality' } },
    { indicator: 'O2', title: 'Сигналы по работе: {subject:lower}, {grade}', params: YEAR_MUN, each: ['subject', 'grade'] },
    { indicator: 'V13', title: 'Пики на границах отметок: {subject:lower}, {grade}', params: YEAR_MUN, each: ['subject', 'grade'] },
    { indicator: 'O3', title: 'ВПР в 8 классе и ОГЭ через год: {subject:lower}', params: YEAR_MUN, each: ['subject'] },
  ],
};
