import type { Database, SqlValue } from '../../src/core/db.ts';
import { findIndicator, runIndicator } from '../../src/core/indicators/index.ts';
import type { IndicatorDef, IndicatorResult } from '../../src/core/indicators/index.ts';
import { isChartTemplate, type ChartTemplate } from '../../src/core/charts/chart-spec.ts';

/** A catalogue indicator's chart: every one draws something (a user's indicator may have none). */
export function chartOf(def: IndicatorDef): ChartTemplate {
  if (!isChartTemplate(def.chart)) throw new Error(`${def.id} has no chart`);
  return def.chart;
}

/** Runs a catalogue indicator by id. */
export function runOn(db: Database, id: string, params: Record<string, SqlValue>): IndicatorResult {
  const def = findIndicator(id);
  if (!def) throw new Error(`no indicator ${id}`);
  return runIndicator(db, def, params);
}

/** The chosen columns of every row, in result order. */
export function pick(result: IndicatorResult, names: string[]): SqlValue[][] {
  const at = names.map((name) => {
    const i = result.columns.indexOf(name);
    if (i < 0) throw new Error(`no column ${name} in ${result.id}`);
    return i;
  });
  return result.rows.map((row) => at.map((i) => row[i]));
}

// Row names of the fixture (schools by name: Г < М < С; the municipality total last).
export const GYMN = 'Гимназия №2';
export const SMALL = 'МКОУ ООШ с. Малое';
export const SOSH = 'СОШ №1';
export const OTHER = 'СОШ №4';
export const TOTAL = 'Тестовый муниципальный район';
