import initSqlJs from '../../wasm/node.ts';
import { describe, expect, it } from 'vitest';
import { queryValue } from '../../src/core/db.ts';
import { Engine } from '../../src/engine/engine.ts';
import { MAIN, catalogueFixture } from './catalogue-fixture.ts';
import { TOTAL } from './catalogue-helpers.ts';

const SQL = await initSqlJs();

/** An engine over the catalogue fixture, as the app opens a session file. */
function engine(bytes = catalogueFixture().export()): Engine {
  const e = new Engine(SQL);
  e.open({ bytes });
  return e;
}

describe('справки in the session, through the Engine', () => {
  it('a built справка is saved, edited, and comes back whole from the downloaded .sqlite', async () => {
    const first = engine();
    const before = first.saveRevision();
    const built = await first.buildReport({ id: 'vpr-work', params: MAIN });
    expect(built.id).toBe(1);
    // saving changes the session, so the autosave writes it to IndexedDB
    expect(first.saveRevision()).toBeGreaterThan(before);

    const edited = {
      ...built,
      meta: { ...built.meta, author: 'Иванова И. И., методист' },
      sections: built.sections.map((s, i) => (i === 3 ? { ...s, title: 'Качество знаний по ОО', paragraph: 'Текст методиста.' } : s)),
    };
    const saved = await first.saveReport({ doc: edited });
    expect(await first.reports()).toEqual([{ id: 1, title: built.meta.title, sections: 11, updatedAt: saved.updatedAt }]);

    const second = engine(first.exportDatabase());
    const reopened = await second.report({ id: 1 });
    expect(reopened).toEqual(saved);
    expect(reopened.sections[3]).toMatchObject({ title: 'Качество знаний по ОО', paragraph: 'Текст методиста.', drafted: built.sections[3].drafted });
    expect(reopened.meta.author).toBe('Иванова И. И., методист');
  });

  it('«Добавить в справку» appends an indicator or a console result to the latest справка, or starts one', async () => {
    const e = engine();
    const section = await e.indicatorSection({ id: 'V4', params: MAIN });
    const started = await e.appendSection({ section });
    expect(started).toMatchObject({ id: 1, meta: { title: 'Аналитическая справка', municipality: TOTAL } });
    expect(started.sections.map((s) => [s.id, s.title, s.kind])).toEqual([['s1', 'Качество знаний', 'indicator']]);

    const query = await e.querySection({
      sql: 'SELECT COALESCE(s.short_name, s.full_name) AS "ОО", COUNT(*) AS "Участников" FROM v_vpr v JOIN school s USING (school_id) WHERE v.year = :year GROUP BY 1 ORDER BY 1;',
      params: { year: 2026 },
      chart: { mark: 'bar', encoding: { x: { field: 'Участников', type: 'quantitative' }, y: { field: 'ОО', type: 'nominal' } } },
      title: 'Участники ВПР 2026 по ОО',
    });
    const appended = await e.appendSection({ section: query });
    expect(appended.sections.map((s) => s.id)).toEqual(['s1', 's2']);
    // 2026: СОШ №1 12 + 2 + 10, Гимназия 10 + 10 + 10; Малое 4; СОШ №4 of the other municipality 3
    expect(appended.sections[1]).toMatchObject({
      kind: 'query',
      title: 'Участники ВПР 2026 по ОО',
      paramText: [{ label: ':year', value: '2026' }],
      table: {
        rows: [
          ['Гимназия №2', 30],
          ['МКОУ ООШ с. Малое', 4],
          ['СОШ №1', 24],
          ['СОШ №4', 3],
        ],
        smallRows: [],
        totalRows: [],
      },
      paragraph: 'В таблице 4 строки.',
      chart: {
        data: {
          values: [
            { ОО: 'Гимназия №2', Участников: 30 },
            { ОО: 'МКОУ ООШ с. Малое', Участников: 4 },
            { ОО: 'СОШ №1', Участников: 24 },
            { ОО: 'СОШ №4', Участников: 3 },
          ],
        },
      },
    });
    expect(await e.reports()).toHaveLength(1);
  });

  it('refuses a console statement that writes, and the data stay as they were', async () => {
    const e = engine();
    const results = queryValue(e.database, 'SELECT COUNT(*) FROM result');
    await expect(e.querySection({ sql: 'DELETE FROM result' })).rejects.toThrow('В справку добавляется только результат запроса на чтение.');
    expect(queryValue(e.database, 'SELECT COUNT(*) FROM result')).toBe(results);
  });

  it('several справки per session, the latest edited first; one can be deleted', async () => {
    const e = engine();
    const a = await e.buildReport({ id: 'vpr-work', params: MAIN });
    const b = await e.buildReport({ id: 'objectivity', params: {} });
    expect((await e.reports()).map((r) => r.id)).toEqual([b.id, a.id]);
    await e.saveReport({ doc: { ...a, meta: { ...a.meta, title: 'Справка для совещания' } } });
    expect((await e.reports()).map((r) => [r.id, r.title])).toEqual([
      [a.id, 'Справка для совещания'],
      [b.id, b.meta.title],
    ]);
    expect(await e.deleteReport({ id: a.id! })).toBe(true);
    expect((await e.reports()).map((r) => r.id)).toEqual([b.id]);
    await expect(e.report({ id: a.id! })).rejects.toThrow('Справка не найдена');
  });

  it('lists the ready-made reports and offers their parameters from the data', async () => {
    const e = engine();
    expect((await e.reportTemplates()).map((t) => [t.id, t.title])).toEqual([
      ['vpr-work', 'Справка по результатам ВПР (работа)'],
      ['school', 'Справка по ОО'],
      ['gia9', 'Справка по ГИА-9'],
      ['gia11', 'Справка по ГИА-11'],
      ['objectivity', 'Объективность ВПР'],
      ['monitoring', 'Мониторинги МСОКО (формы ОО)'],
    ]);
    const { params, options, defs } = await e.reportTemplateParams({ id: 'vpr-work', params: { year: 2025 } });
    expect(defs.map((d) => d.name)).toEqual(['year', 'subject', 'grade', 'municipality']);
    expect(options.year.map((o) => o.value)).toEqual([2026, 2025, 2024]);
    // 2025: математика 4 класс, окружающий мир 4 класс (the other municipality's ОО), русский язык 5 класс
    expect(options.subject.map((o) => o.value)).toEqual(['math', 'okr', 'rus']);
    expect(params).toMatchObject({ year: 2025, subject: 'math', grade: 4 });
  });
});
