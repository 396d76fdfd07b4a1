/** docs/formats.md, the monitoring forms of Око: this text is that file's section (src/core/import/docs.ts puts the file together). */
export const MONITORING_DOC: readonly string[] = [
  '## Формы мониторинга Око → `monitoring_campaign`, `monitoring_addressee`, `monitoring_return`, `monitoring_value`',
  '',
  'Файл, сформированный во вкладке «Мониторинги» и заполненный ОО (или сводка муниципалитета к нему),',
  'узнаётся по скрытому листу `oko` (первая ячейка — «Око: форма мониторинга»): вид формы, версия,',
  'учебный год, ОО, срок, адресаты. Проверка, что принимается и что отклоняется, замена более новой',
  'формой и старые версии — `docs/monitoring.md` (`src/core/monitoring/collect.ts`).',
];
