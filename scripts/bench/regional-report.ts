import type { PeerMeasure } from './duckdb-page/protocol.ts';

/** One row of the regional table: an indicator at one scope, every figure of the run. */
export interface RegionalRow {
  id: string;
  /** 'регион' (all 1000 ОО) or 'муниципалитет' (25 ОО of municipality № 1) */
  scope: string;
  /** Node: parameters + SQL through the engine, once */
  nodeMs: number;
  /** Chromium, the app: from the click (or the parameter change) to the drawn result, clicked one after another through the catalogue */
  burstMs: number | null;
  /** the same with the app idle before each click (the previous saves done), one per round */
  clickMs: number[];
  /** of clickMs: until the view had the result (data-state ready), before drawing it */
  readyMs: number[];
  /** of clickMs: until the grid showed values (the chart may come after it, in the next frame) */
  gridMs: number[];
  peer: PeerMeasure | null;
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** «36» or «3,2»: milliseconds as a methodist reads them. */
const ms = (value: number) => (value < 10 ? value.toFixed(1) : Math.round(value).toString()).replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

/** «36 (33–41)»: the median and the spread of the runs. */
export function spread(values: number[]): string {
  if (!values.length) return '—';
  if (values.length === 1) return ms(values[0]);
  return `${ms(median(values))} (${ms(Math.min(...values))}–${ms(Math.max(...values))})`;
}

const VERDICT: Record<PeerMeasure['verdict'], string> = {
  identical: 'да',
  rounding: 'да, кроме округления половины в DuckDB',
  order: 'те же строки, другой порядок',
  different: 'нет',
  error: 'не выполнен',
};

/** The Markdown table of docs/benchmarks.md, one row per indicator and scope. */
export function regionalTable(rows: RegionalRow[]): string {
  const lines = [
    '| показатель | охват | щелчок → нарисовано, подряд, мс | щелчок → нарисовано, после сохранения, мс | из них до результата в окне, мс | из них до таблицы, мс | Око: параметры + SQL, мс | Око: SQL, мс | DuckDB-WASM: SQL, мс | DuckDB ÷ Око (SQL) | ответ DuckDB совпал |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const p = row.peer;
    const ratio = p && p.duckMs.length ? (median(p.duckMs) / median(p.okoSqlMs)).toFixed(2).replace('.', ',') : '—';
    lines.push(
      `| ${row.id} | ${row.scope} | ${row.burstMs === null ? '—' : spread([row.burstMs])} | ${spread(row.clickMs)} | ${spread(row.readyMs)} | ${spread(row.gridMs)} | ${p ? spread(p.okoMs) : '—'} | ${p ? spread(p.okoSqlMs) : '—'} | ` +
        `${p ? spread(p.duckMs) : '—'} | ${ratio} | ${p ? VERDICT[p.verdict] : '—'} |`,
    );
  }
  return lines.join('\n');
}

/** Which indicators needed which part of the dialect shim (and the bare columns by name). */
export function shimReport(rows: RegionalRow[]): string {
  const byShim = new Map<string, string[]>();
  const add = (shim: string, id: string) => {
    const ids = byShim.get(shim) ?? [];
    if (!ids.includes(id)) ids.push(id);
    byShim.set(shim, ids);
  };
  for (const row of rows) {
    const p = row.peer;
    if (!p) continue;
    for (const shim of p.shims) add(shim, p.bare.length && shim.startsWith('столбец') ? `${row.id} (${[...new Set(p.bare)].join(', ')})` : row.id);
    if (p.integerDivision) add('целочисленное деление (SET integer_division = true)', row.id);
  }
  const none = rows.filter((r) => r.peer && !r.peer.shims.length && !r.peer.integerDivision).map((r) => r.id);
  const lines = [...byShim].map(([shim, ids]) => `- ${shim}: ${ids.join(', ')}`);
  lines.push(`- без изменений (только параметры подставлены литералами): ${[...new Set(none)].join(', ') || '—'}`);
  return lines.join('\n');
}

/** Rows where DuckDB's answer was not identical, with the reason found. */
export function differences(rows: RegionalRow[]): string {
  return rows
    .filter((r) => r.peer && r.peer.verdict !== 'identical')
    .map((r) => `- ${r.id}, ${r.scope}: ${VERDICT[r.peer!.verdict]} — ${r.peer!.note}`)
    .join('\n');
}
