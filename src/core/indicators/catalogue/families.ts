/**
 * Family letters in catalogue order with their Russian names (the catalogue page and the side
 * panel group by them). Apart from the definitions, so the interface can read them without
 * loading the whole catalogue.
 */
export const FAMILIES: ReadonlyArray<readonly [prefix: string, name: string]> = [
  ['V', 'ВПР'],
  ['O', 'Объективность процедур оценки'],
  ['G', 'ГИА-9 (ОГЭ, ГВЭ-9)'],
  ['E', 'ГИА-11 (ЕГЭ, ГВЭ-11)'],
  ['M', 'Муниципальный и кластерный уровень'],
  ['K', 'Педагогические кадры'],
  ['T', 'Олимпиады и таланты'],
  ['D', 'Дополнительное образование'],
  ['P', 'Профориентация (формы мониторинга)'],
  ['N', 'Педагоги и наставничество (формы мониторинга)'],
  ['B', 'Воспитание и дополнительное образование (формы мониторинга)'],
  ['L', 'Руководители ОО (формы мониторинга)'],
  ['S', 'Дошкольное образование (формы мониторинга)'],
  ['R', 'Сверка с ФИС ОКО'],
];
