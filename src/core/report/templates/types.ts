import type { Database, SqlValue } from '../../db.ts';
import type { IndicatorParam } from '../../indicators/types.ts';
import type { ReportSection } from '../types.ts';

/**
 * A value for an indicator's parameter: ':year' takes the template's own parameter `year`,
 * anything else is used as it is.
 */
export type Binding = SqlValue;

/** A section of a ready-made report, as data. */
export type TemplateSection =
  | {
      /** a catalogue indicator run with these parameters */
      indicator: string;
      /** «ОГЭ: {subject}» — {name} is the label of the value the parameter took */
      title?: string;
      params?: Record<string, Binding>;
      /** one section per value the data offer for these parameters of the indicator, in order */
      each?: string[];
      /** compare with the latest earlier year of the same work («значения 2025 года») */
      compareYear?: boolean;
      /** keep only the ОО of the template's parameter `school` (and the summary rows) */
      focus?: boolean;
    }
  | {
      /** a section put together in code from several indicators (src/core/report/builders/) */
      builder: BuilderName;
      title: string;
      params?: Record<string, Binding>;
    }
  | {
      /** a fixed text section: an introduction, a caution */
      text: string;
      title: string;
    };

export type BuilderName =
  'tasks' | 'difficulties' | 'recommendations' | 'school-vpr' | 'school-levels' | 'school-signals' | 'school-oge' | 'school-ege' | 'school-recommendations';

/** A ready-made report («шаблон справки»): its parameters are built and offered like an indicator's. */
export interface ReportTemplate {
  id: string;
  title: string;
  description: string;
  /** the title block's «процедура» */
  procedure: string;
  params: IndicatorParam[];
  /** the document's title; {name} → the label of the parameter's value, {name:lower} — with a small first letter */
  heading: string;
  sections: TemplateSection[];
}

/** What a builder gets: the database, the template's parameters and the bound ones, an id source. */
export interface BuildContext {
  db: Database;
  /** the template's resolved parameters */
  params: Record<string, SqlValue>;
  /** the labels of their values */
  labels: Record<string, string>;
  nextId(): string;
}

export type SectionBuilder = (ctx: BuildContext, bound: Record<string, SqlValue>, title: string) => ReportSection[];
