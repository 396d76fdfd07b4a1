import { GIA11, GIA9, giaMunicipalityParam, giaYearParam } from '../../indicators/catalogue/gia-common.ts';
import type { ReportTemplate } from './types.ts';

const YEAR_MUN = { year: ':year', municipality: ':municipality' };

/** ГИА-9 of the municipality: the share without «2», each ОГЭ and ГВЭ-9 subject, the year marks, the years. */
export const GIA9_TEMPLATE: ReportTemplate = {
  id: 'gia9',
  title: 'Справка по ГИА-9',
  description: 'ОГЭ и ГВЭ-9 по муниципалитету: выпускники без «2», каждый предмет по ОО, сопоставление с годовыми отметками, средняя отметка по годам.',
  procedure: 'ОГЭ и ГВЭ-9',
  params: [giaYearParam(GIA9), giaMunicipalityParam(GIA9)],
  heading: 'Аналитическая справка по результатам государственной итоговой аттестации 9 классов {year} года',
  sections: [
    { indicator: 'G1', title: 'Выпускники 9 классов, сдавшие все экзамены без «2»', params: YEAR_MUN },
    { indicator: 'G2', title: 'ОГЭ: {subject}', params: { ...YEAR_MUN, kind: 'oge' }, each: ['subject'] },
    { indicator: 'G2', title: 'ГВЭ-9: {subject}', params: { ...YEAR_MUN, kind: 'gve9' }, each: ['subject'] },
    { indicator: 'G3', title: 'ОГЭ и годовая отметка: {subject}', params: YEAR_MUN, each: ['subject'] },
    { indicator: 'G4', title: 'Средняя отметка ОГЭ по годам: русский язык', params: { kind: 'oge', subject: 'rus', municipality: ':municipality', school: 0 } },
    { indicator: 'G4', title: 'Средняя отметка ОГЭ по годам: математика', params: { kind: 'oge', subject: 'math', municipality: ':municipality', school: 0 } },
  ],
};

/** ГИА-11 of the municipality: thresholds, Russian against the university minimum, scores, high scorers, medals, certificates. */
export const GIA11_TEMPLATE: ReportTemplate = {
  id: 'gia11',
  title: 'Справка по ГИА-11',
  description: 'ЕГЭ и ГВЭ-11 по муниципалитету: минимальные пороги, русский язык и вузовский минимум, средние баллы, высокобалльники, медалисты, аттестаты.',
  procedure: 'ЕГЭ и ГВЭ-11',
  params: [giaYearParam(GIA11), giaMunicipalityParam(GIA11)],
  heading: 'Аналитическая справка по результатам государственной итоговой аттестации 11 классов {year} года',
  sections: [
    { indicator: 'E1', title: 'Участники ниже минимального порога', params: { ...YEAR_MUN, school: 0 } },
    { indicator: 'E2', title: 'Русский язык: минимум для аттестата и вузовский минимум', params: YEAR_MUN },
    { indicator: 'E3', title: 'Средний тестовый балл и группы баллов', params: { ...YEAR_MUN, school: 0 } },
    { indicator: 'E4', title: 'Высокобалльные и стобалльные результаты', params: { ...YEAR_MUN, school: 0 } },
    { indicator: 'E5', title: 'Медалисты, подтвердившие результат на ЕГЭ', params: YEAR_MUN },
    { indicator: 'E6', title: 'Выпускники, не получившие аттестат', params: YEAR_MUN },
    { indicator: 'E7', title: 'Средний балл по годам: русский язык', params: { exam: 'ege:rus:', municipality: ':municipality', school: 0 } },
    {
      indicator: 'E7',
      title: 'Средний балл по годам: математика (профильный уровень)',
      params: { exam: 'ege:math:prof', municipality: ':municipality', school: 0 },
    },
  ],
};
