/**
 * Importers of the small tables the indicator catalogue reads beyond results (docs/formats.md,
 * «Таблицы для показателей»): ВсОШ protocols, additional education coverage, teaching staff,
 * medal candidates and term marks. Each is an ordinary Importer (pipeline/registry.ts), listed in
 * core/import/importers.ts.
 */
export { additionalEducationImporter } from './additional-education.ts';
export { medalImporter } from './medals.ts';
export { olympiadImporter } from './olympiad.ts';
export { staffImporter } from './staff.ts';
export { termMarkImporter } from './term-marks.ts';
export { MEDAL_LAYOUT, PERIODS, TERM_MARK_LAYOUT } from './layouts.ts';
