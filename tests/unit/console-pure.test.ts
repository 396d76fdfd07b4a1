import initSqlJs from '../../wasm/node.ts';
import { describe, expect, it } from 'vitest';
import { SCHEMA_DESCRIPTIONS } from '../../src/core/schema/descriptions.ts';
import { Engine } from '../../src/engine/engine.ts';
import { choiceChart, choiceFits, defaultChoice } from '../../src/ui/console/chart-choice.ts';
import { columnOptions, mentionedTables, sqlNamespace } from '../../src/ui/console/completion.ts';
import { HISTORY_LIMIT, historyLabel, parseHistory, pushHistory } from '../../src/ui/console/history.ts';
import { formatParamInput, parseParamInput } from '../../src/ui/console/param-values.ts';
import { filterDocs, schemaDocs } from '../../src/ui/console/schema-docs.ts';
import { hasChart } from '../../src/ui/indicators-custom/chart.ts';
import { guessParamType } from '../../src/ui/indicators-custom/param-types.ts';

const SQL = await initSqlJs();
const docs = schemaDocs(new Engine(SQL).tables());

describe('schema browser', () => {
  it('gives every described table its Russian title and each column its description', () => {
    for (const name of Object.keys(SCHEMA_DESCRIPTIONS)) {
      const doc = docs.find((d) => d.name === name);
      expect(doc, name).toBeDefined();
      expect(doc!.title, name).toBe(SCHEMA_DESCRIPTIONS[name].title);
      for (const column of doc!.columns) {
        const own = SCHEMA_DESCRIPTIONS[name].columns[column.name];
        if (own) expect(column.description).toBe(own);
      }
    }
    const school = docs.find((d) => d.name === 'school')!;
    expect(school.columns.filter((c) => !c.description)).toEqual([]);
  });

  it('a reference column without its own description points at its table', () => {
    const agg = docs.find((d) => d.name === 'fisoko_agg')!;
    const ref = agg.columns.find((c) => c.name === 'import_batch_id');
    if (ref && !SCHEMA_DESCRIPTIONS.fisoko_agg.columns.import_batch_id) {
      expect(ref.description).toBe(`${SCHEMA_DESCRIPTIONS.import_batch.title} → import_batch`);
    }
  });

  it('v_vpr borrows the descriptions of result for the columns it passes through', () => {
    const view = docs.find((d) => d.name === 'v_vpr')!;
    expect(view.kind).toBe('view');
    expect(view.columns.find((c) => c.name === 'mark')?.description).toBe(SCHEMA_DESCRIPTIONS.result.columns.mark);
    expect(view.columns.find((c) => c.name === 'year')?.description).toBe('Год работы');
  });

  it('search finds tables by column descriptions, ignoring case and ё', () => {
    const found = filterDocs(docs, 'ЛОГИН').map((d) => d.name);
    expect(found).toContain('school');
    expect(filterDocs(docs, '').length).toBe(docs.length);
  });
});

describe('completion', () => {
  it('lang-sql namespace: tables with titles, columns with descriptions', () => {
    const ns = sqlNamespace(docs);
    expect(ns.school.self.info).toMatch(/^Образовательные организации/);
    expect(ns.school.children.find((c) => c.label === 'short_name')?.info).toBe(SCHEMA_DESCRIPTIONS.school.columns.short_name);
  });

  it('bare columns: those of the tables named in the query first; every column before FROM', () => {
    expect(mentionedTables(docs, 'SELECT * FROM school s JOIN "result" r -- assessment\nWHERE x = \'municipality\'')).toEqual(['result', 'school']);
    const withFrom = columnOptions(docs, 'SELECT  FROM school');
    const short = withFrom.find((c) => c.label === 'short_name');
    expect(short?.boost).toBe(2);
    expect(withFrom.find((c) => c.label === 'mark')?.boost).toBe(-1);
    const before = columnOptions(docs, 'SELECT short');
    expect(before.some((c) => c.label === 'short_name')).toBe(true);
    expect(new Set(before.map((c) => c.label)).size).toBe(before.length);
  });
});

describe('history', () => {
  it('newest first, no duplicates, at most 50', () => {
    let list = pushHistory([], 'SELECT 1', new Date('2026-01-01T10:00:00Z'));
    list = pushHistory(list, 'SELECT 2');
    list = pushHistory(list, '  SELECT 1  ');
    expect(list.map((e) => e.sql)).toEqual(['SELECT 1', 'SELECT 2']);
    for (let i = 0; i < 60; i++) list = pushHistory(list, `SELECT ${i + 10}`);
    expect(list).toHaveLength(HISTORY_LIMIT);
    expect(list[0].sql).toBe('SELECT 69');
    expect(pushHistory(list, '   ')).toEqual(list);
  });

  it('reads whatever is stored without throwing', () => {
    expect(parseHistory(null)).toEqual([]);
    expect(parseHistory('{oops')).toEqual([]);
    expect(parseHistory('[{"sql":"SELECT 1","at":"x"},{"sql":2},null]')).toEqual([{ sql: 'SELECT 1', at: 'x' }]);
    expect(historyLabel('SELECT\n  a,\n  b FROM t', 12)).toBe('SELECT a, b…');
  });
});

describe('console parameters', () => {
  it('numbers become numbers, codes and text stay text, empty is NULL', () => {
    expect(parseParamInput('2025')).toBe(2025);
    expect(parseParamInput(' 12,5 ')).toBe(12.5);
    expect(parseParamInput('-3')).toBe(-3);
    expect(parseParamInput('0012')).toBe('0012');
    expect(parseParamInput('rus')).toBe('rus');
    expect(parseParamInput('  ')).toBeNull();
    expect(formatParamInput(null)).toBe('');
    expect(formatParamInput(2025)).toBe('2025');
  });

  it('types are guessed from the value, else from the name', () => {
    expect(guessParamType('year', undefined)).toBe('integer');
    expect(guessParamType('x', 2.5)).toBe('real');
    expect(guessParamType('year', 'rus')).toBe('text');
    expect(guessParamType('subject', null)).toBe('text');
    expect(guessParamType('school_id', null)).toBe('integer');
  });
});

describe('console chart', () => {
  const columns = ['school', 'year', 'n'];
  const rows = [
    ['А', 2025, 3],
    ['Б', 2025, 5],
  ];

  it('starts as the default chart: bars of the first number by the first text', () => {
    expect(defaultChoice(columns, rows)).toEqual({ mark: 'bar', x: 'year', y: 'school', color: '' });
    expect(defaultChoice(['a'], [['x']])).toBeNull();
    const levels = [
      ['ОО', 'А', 3],
      ['ОО', 'Б', 5],
      ['Муниципалитет', 'Округ', 8],
    ];
    expect(defaultChoice(['level', 'name', 'n'], levels)?.y).toBe('name');
  });

  it('builds encodings by the columns’ values, and checks the fields exist', () => {
    const chart = choiceChart({ mark: 'line', x: 'school', y: 'n', color: 'year' }, columns, rows);
    expect(chart).toEqual({
      mark: { type: 'line', tooltip: true, point: true },
      encoding: {
        x: { field: 'school', type: 'ordinal', sort: null, title: 'school' },
        y: { field: 'n', type: 'quantitative', title: 'n' },
        color: { field: 'year', type: 'nominal', title: 'year' },
      },
    });
    expect(hasChart(chart)).toBe(true);
    expect(hasChart({ mark: { type: 'bar' } })).toBe(false);
    expect(choiceFits({ mark: 'bar', x: 'n', y: '', color: '' }, columns)).toBe(true);
    expect(choiceFits({ mark: 'bar', x: 'gone', y: '', color: '' }, columns)).toBe(false);
  });
});
