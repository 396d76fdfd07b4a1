import type { Place } from '../../messages.ts';
import type { WorkFacts } from '../../work/records.ts';
import type { ReportEntity } from './entities.ts';
import type { ReportKind } from './kinds.ts';

export interface AggValue {
  entity: ReportEntity;
  metric: string;
  value: number;
}

/** A task as a report describes it (max from a header part, requirement text from «Достижение…»). */
export interface ReportTask {
  code: string;
  position: number;
  max: number | null;
  skill: string | null;
}

export interface ParsedReport {
  kind: ReportKind;
  sheet: string;
  work: WorkFacts;
  values: AggValue[];
  tasks: ReportTask[];
  warnings: string[];
}

/** What a layout parser needs besides the grid. */
export interface ParseContext {
  file: string;
  sheet: string;
}

export function placeOf(ctx: ParseContext, row?: number, column?: string): Place {
  return { file: ctx.file, sheet: ctx.sheet, row, column };
}

/** How a metric column is checked: a share in % or a count of participants/ОО. */
export type MetricKind = 'pct' | 'count';

export interface MetricColumn {
  index: number;
  metric: string;
  kind: MetricKind;
  /** header text for messages */
  header: string;
}
