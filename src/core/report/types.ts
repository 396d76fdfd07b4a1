import type { ChartSpec } from '../charts/chart-spec.ts';
import type { SqlValue } from '../db.ts';
import type { IndicatorColumn } from '../indicators/types.ts';

/**
 * «Аналитическая справка» as data: what the report view edits, what the session keeps (table
 * oko_report) and what every output (Word, HTML, print) renders. Plain JSON: it crosses the
 * worker boundary and is stored as text. Numbers are a snapshot taken when the section was
 * made — a справка is a document, it does not change when the data do.
 */
export interface ReportDoc {
  /** null until the session has saved it */
  id: number | null;
  meta: ReportMeta;
  /** the ready-made report it was built from, with its parameters; absent for a report assembled by hand */
  template?: { id: string; params: Record<string, SqlValue> };
  sections: ReportSection[];
  /** ISO date-times */
  createdAt: string;
  updatedAt: string;
}

/** The title block. Every field is the user's to edit; builders fill what the data tell. */
export interface ReportMeta {
  /** «Аналитическая справка по результатам ВПР 2026 года (математика, 5 класс)» */
  title: string;
  /** who issues it: «Управление образования администрации …» */
  organisation: string;
  municipality: string;
  /** «ВПР», «ОГЭ и ГВЭ-9», «ЕГЭ и ГВЭ-11», «ВПР, ОГЭ, ЕГЭ» */
  procedure: string;
  /** «2026» or «2025/2026 учебный год» */
  year: string;
  /** «Иванова И. И., методист МКУ ИМЦ» */
  author: string;
  /** the document's date, ISO yyyy-mm-dd */
  date: string;
}

export type ReportSectionKind = 'indicator' | 'query' | 'text';

export interface ReportSection {
  /** stable within the report (reorder, edit, chart images are keyed by it) */
  id: string;
  kind: ReportSectionKind;
  title: string;
  /** 'indicator': the catalogue id and the parameters used */
  indicatorId?: string;
  params?: Record<string, SqlValue>;
  /** the parameters in words, in definition order: [{ label: 'Год', value: '2026' }, …] */
  paramText?: Array<{ label: string; value: string }>;
  /** 'query': the SQL it ran */
  sql?: string;
  table?: ReportTable;
  /** a complete Vega-Lite spec with its data inlined, or null when the section has no chart */
  chart?: ChartSpec | null;
  /** the text under the table: drafted from the numbers, then the user's to edit */
  paragraph: string;
  /** the drafted text as first made («Вернуть текст по данным») */
  drafted: string;
  /** small print under the table: source, small groups, «результаты ВПР не используются для оценки педагогов» */
  notes: string[];
  /** a wide table: its page is landscape in Word and in print */
  landscape?: boolean;
}

export interface ReportTable {
  /** what is shown, in order; `hidden` columns are kept for charts and drafting but not printed */
  columns: IndicatorColumn[];
  rows: SqlValue[][];
  /**
   * rows with fewer than 10 participants (ФИОКО's minimum group): their indexes in `rows`.
   * Outputs mark them (italic and the «менее 10 участников» note), or leave them out when
   * the user chose to hide small groups.
   */
  smallRows: number[];
  /** summary rows (кластер, муниципалитет, регион, РФ): printed bold, after the schools */
  totalRows: number[];
}

/** A wording problem: a forbidden phrase and where it stands, for the refusal to export. */
export interface WordingProblem {
  phrase: string;
  /** the section's title, or «Титульный лист» */
  where: string;
  /** a few words around it */
  excerpt: string;
}

export interface ReportSummary {
  id: number;
  title: string;
  sections: number;
  updatedAt: string;
}

/** A ready-made report, as the template picker lists it. Parameters are built like an indicator's. */
export interface ReportTemplateSummary {
  id: string;
  title: string;
  description: string;
}
