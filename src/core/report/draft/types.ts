import type { SqlValue } from '../../db.ts';
import type { IndicatorColumn } from '../../indicators/types.ts';
import type { Tabular } from './rows.ts';

/** What a drafting rule reads: one indicator's result and what it is compared with. */
export interface DraftInput {
  indicatorId: string;
  /** the declared columns (labels and formats) */
  columns: IndicatorColumn[];
  result: Tabular;
  params: Record<string, SqlValue>;
  /** the same indicator run for the latest earlier year that has the same work */
  previous?: { year: number; result: Tabular };
  /** the ОО the справка is about («Справка по ОО»): its row is read against the totals */
  focus?: string;
}

/** Sentences in order; empty strings are dropped. */
export type DraftRule = (input: DraftInput) => string[];
