import { VPR_PARAMS } from '../../indicators/catalogue/common.ts';
import type { ReportTemplate } from './types.ts';

/** The chosen work, bound to every section. */
const WORK = { year: ':year', subject: ':subject', grade: ':grade', municipality: ':municipality' };

/**
 * One ВПР work across the municipality — the справка the municipal programmes ask for after every
 * round: participants, marks, успеваемость and качество, the journal, tasks with what they check,
 * levels of difficulty, difficulties, the score histogram and addressed recommendations per ОО.
 */
export const VPR_WORK: ReportTemplate = {
  id: 'vpr-work',
  title: 'Справка по результатам ВПР (работа)',
  description: 'Одна работа ВПР по всему муниципалитету: участники, отметки, успеваемость и качество, журнал, задания и умения, затруднения, рекомендации ОО.',
  procedure: 'ВПР',
  params: VPR_PARAMS,
  heading: 'Аналитическая справка по результатам ВПР {year} года ({subject:lower}, {grade})',
  sections: [
    { indicator: 'V1', title: 'Участники', params: WORK },
    { indicator: 'V2', title: 'Распределение отметок', params: WORK, compareYear: true },
    { indicator: 'V3', title: 'Успеваемость', params: WORK, compareYear: true },
    { indicator: 'V4', title: 'Качество знаний', params: WORK, compareYear: true },
    { indicator: 'V7', title: 'Подтверждение отметок отметками по журналу', params: WORK, compareYear: true },
    { indicator: 'V8', title: 'Расхождение с отметкой по журналу на 2 балла и более', params: WORK },
    { builder: 'tasks', title: 'Выполнение заданий и проверяемые умения', params: WORK },
    { indicator: 'V10', title: 'Задания базового, повышенного и высокого уровня', params: WORK },
    { builder: 'difficulties', title: 'Затруднения: задания ниже порогов ФИОКО', params: WORK },
    { indicator: 'V12', title: 'Распределение первичных баллов', params: { ...WORK, school: 0 } },
    { builder: 'recommendations', title: 'Адресные рекомендации ОО', params: WORK },
  ],
};
