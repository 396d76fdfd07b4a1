import { describe, expect, it } from 'vitest';
import type { Database, SqlValue } from '../../src/core/db.ts';
import { importFile } from '../../src/core/import/index.ts';
import { CATALOGUE } from '../../src/core/indicators/index.ts';
import { buildReport, readerSource, reportWordingProblems, templateParams, TEMPLATES } from '../../src/core/report/index.ts';
import type { ReportDoc, ReportSection } from '../../src/core/report/types.ts';
import { demoFiles } from '../../src/core/demo/index.ts';
import { MAIN, MUN, SCHOOL, catalogueFixture } from './catalogue-fixture.ts';
import { GYMN, SMALL, SOSH, TOTAL } from './catalogue-helpers.ts';
import { freshDatabase } from './sqlite.ts';

const NOW = new Date('2026-12-06T09:30:00Z');
const nb = (text: string) => text.replace(/ (%|п\.п\.)/g, '\u00a0$1');

/** The chosen columns of a section's table, row by row. */
function pick(section: ReportSection, names: string[]): SqlValue[][] {
  const table = section.table!;
  const at = names.map((name) => table.columns.findIndex((c) => c.name === name));
  return table.rows.map((row) => at.map((i) => row[i]));
}

const section = (doc: ReportDoc, title: string) => {
  const found = doc.sections.find((s) => s.title === title);
  if (!found) throw new Error(`нет раздела «${title}»: ${doc.sections.map((s) => s.title).join(' | ')}`);
  return found;
};

/** The task texts and the region's % of the main work, as the import of «Достижение планируемых результатов» writes them. */
function withPlannedResults(db: Database): Database {
  db.run("UPDATE assessment_task SET skill = 'Умение писать текст под диктовку.' WHERE assessment_id = 1 AND task_code = '1'");
  db.run("UPDATE assessment_task SET skill = 'Умение распознавать основную мысль текста.' WHERE assessment_id = 1 AND task_code = '10'");
  db.run(
    "INSERT INTO fisoko_agg (assessment_id, report, level, entity, metric, value) VALUES (1, 'planned', 'region', 'Тестовая область', 'task:1', 70), (1, 'planned', 'region', 'Тестовая область', 'task:10', 45)",
  );
  return db;
}

describe('«Справка по результатам ВПР (работа)» on the fixture municipality (ВПР 2026 русский язык 4 класс)', () => {
  const doc = buildReport(withPlannedResults(catalogueFixture()), 'vpr-work', MAIN, NOW);

  it('has the title block from the parameters and the sections in order', () => {
    expect(doc.meta).toEqual({
      title: 'Аналитическая справка по результатам ВПР 2026 года (русский язык, 4 класс)',
      organisation: '',
      municipality: TOTAL,
      procedure: 'ВПР',
      year: '2026',
      author: '',
      date: '2026-12-06',
    });
    expect(doc.template).toEqual({ id: 'vpr-work', params: MAIN });
    expect(doc.sections.map((s) => [s.id, s.title])).toEqual([
      ['s1', 'Участники'],
      ['s2', 'Распределение отметок'],
      ['s3', 'Успеваемость'],
      ['s4', 'Качество знаний'],
      ['s5', 'Подтверждение отметок отметками по журналу'],
      ['s6', 'Расхождение с отметкой по журналу на 2 балла и более'],
      ['s7', 'Выполнение заданий и проверяемые умения'],
      ['s8', 'Задания базового, повышенного и высокого уровня'],
      ['s9', 'Затруднения: задания ниже порогов ФИОКО'],
      ['s10', 'Распределение первичных баллов'],
      ['s11', 'Адресные рекомендации ОО'],
    ]);
  });

  it('keeps the indicator numbers, marks the small group and the summary rows', () => {
    const marks = section(doc, 'Распределение отметок');
    // V2 (catalogue-vpr.test.ts): 26 participants, «2» 3 (11,54 %); region and РФ from ФИС ОКО
    expect(pick(marks, ['level', 'name', 'n', 'n_2', 'pct_2', 'pct_5'])).toEqual([
      ['ОО', GYMN, 10, 0, 0, 40],
      ['ОО', SMALL, 4, 2, 50, 0],
      ['ОО', SOSH, 12, 1, 8.33, 16.67],
      ['Муниципалитет', TOTAL, 26, 3, 11.54, 23.08],
      ['Регион', 'Тестовая область', 1000, null, 10, 15],
      ['РФ', 'Российская Федерация (ФИС ОКО)', 100000, null, 5, 20],
    ]);
    expect(marks.table!.smallRows).toEqual([1]);
    expect(marks.table!.totalRows).toEqual([3, 4, 5]);
    expect(marks.paramText).toEqual([
      { label: 'Год', value: '2026' },
      { label: 'Предмет', value: 'Русский язык' },
      { label: 'Класс', value: '4 класс' },
      { label: 'Муниципалитет', value: TOTAL },
      { label: 'Кластеры', value: 'без кластеров' },
      { label: 'ОО, где менее 10 участников', value: 'показывать (отмечены)' },
    ]);
    expect(marks.chart).toMatchObject({ data: { values: expect.arrayContaining([expect.objectContaining({ name: SMALL, pct_2: 50 })]) } });
  });

  it('drafts the paragraph from the numbers: 23 of 26 passed (88,46 %), the region 90 %, РФ 95 %', () => {
    // no earlier year of the same work in the fixture (2025 has русский язык in grade 5 only): no comparison with a year
    const text = nb(
      'Успеваемость по муниципалитету составляет 88,5 % (26 участников). Это ниже регионального значения (90,0 %) на 1,5 п.п. ' +
        'и ниже значения по РФ (95,0 %) на 6,5 п.п. Выше муниципального значения — в 2 ОО. ' +
        'Наибольшее значение среди ОО — Гимназия №2 (100,0 %), наименьшее — СОШ №1 (91,7 %). ' +
        'В МКОУ ООШ с. Малое менее 10 участников (4): значения по этой ОО неустойчивы, их следует интерпретировать с осторожностью.',
    );
    expect(section(doc, 'Успеваемость').paragraph).toBe(text);
    expect(section(doc, 'Успеваемость').drafted).toBe(text);
  });

  it('shows what each task checks and the region beside the municipality when the planned results are loaded', () => {
    const tasks = section(doc, 'Выполнение заданий и проверяемые умения');
    expect(tasks.table!.columns.filter((c) => !c.hidden).map((c) => c.label)).toEqual([
      'Задание',
      'Что проверяет задание (планируемый результат)',
      'Уровень сложности',
      'Максимальный балл',
      'Участников',
      'Выполнение, %',
      'Регион (ФИС ОКО), %',
      'По порогу ФИОКО',
    ]);
    // task 1: 38 of 52 points = 73,08 %; task 2: 23 of 26 = 88,46 %; task 10: 30 of 78 = 38,46 %
    expect(pick(tasks, ['task', 'skill', 'pct', 'region_pct', 'status'])).toEqual([
      ['1', 'Умение писать текст под диктовку.', 73.08, 70, 'достаточно'],
      ['2', null, 88.46, null, 'достаточно'],
      ['10', 'Умение распознавать основную мысль текста.', 38.46, 45, 'достаточно'],
    ]);
    expect(tasks.paragraph).toBe(
      nb('По муниципалитету выполнение заданий — от 38,5 % (задание 10) до 88,5 % (задание 2). Все задания выполнены не ниже порогов ФИОКО.'),
    );
    const hard = section(doc, 'Затруднения: задания ниже порогов ФИОКО');
    expect(hard.table!.rows).toEqual([]);
    expect(hard.paragraph).toBe(
      nb(
        'Все задания работы по муниципалитету выполнены не ниже порогов ФИОКО (60 % для заданий базового уровня, 30 % — повышенного и высокого): затруднений на уровне муниципалитета по заданиям нет.',
      ),
    );
  });

  it('without the planned results the task section says which ФИС ОКО report to load', () => {
    const plain = buildReport(catalogueFixture(), 'vpr-work', MAIN, NOW);
    const tasks = section(plain, 'Выполнение заданий и проверяемые умения');
    expect(tasks.table!.columns.map((c) => c.name)).not.toContain('skill');
    expect(tasks.paragraph).toContain('загружен отчёт ФИС ОКО «Достижение планируемых результатов» (или «Выполнение заданий») по этой работе');
  });

  it('drafts addressed recommendations per ОО from its tasks, its share of «2» and the journal', () => {
    const advice = section(doc, 'Адресные рекомендации ОО');
    // Малое: «2» 2 of 4 = 50 % (municipality 11,54 %); lowered 2 of 3 with a journal mark = 66,67 % (municipality 7 of 23 = 30,43 %);
    // its tasks: 10 — 2 of 12 points (16,67 %), 1 — 2 of 8 (25 %), 2 — 2 of 4 (50 %): all below 57 % / 28,5 %
    expect(pick(advice, ['name', 'n', 'pct_2', 'pct_2_gap', 'lowered_pct', 'tasks_below', 'tasks_list', 'small'])).toEqual([
      [GYMN, 10, 0, -11.54, 10, 0, '', 0],
      [SMALL, 4, 50, 38.46, 66.67, 3, '10, 1, 2', 1],
      [SOSH, 12, 8.33, -3.21, 40, 0, '', 0],
    ]);
    expect(advice.paragraph.split('\n\n')).toEqual([
      'Гимназия №2 (10 участников). 1) Заданий ниже порогов ФИОКО нет, доля «2» и сопоставление с журналом — без заметных отклонений от муниципальных значений: рекомендуется сохранить применяемые подходы.',
      nb(
        'МКОУ ООШ с. Малое (4 участника). Участников меньше 10: выводы предварительные. 1) Уделить внимание умениям, задания на которые выполнены ниже порога ФИОКО: ' +
          '10 — «Умение распознавать основную мысль текста» (П, 16,7 %); 1 — «Умение писать текст под диктовку» (Б, 25,0 %); 2 (Б, 50,0 %). ' +
          '2) Доля «2» (50,0 %) выше муниципальной (11,5 %) на 38,5 п.п.: рекомендуется спланировать индивидуальную работу с обучающимися, получившими «2», и повторную диагностику. ' +
          '3) У 66,7 % участников отметка ВПР ниже отметки по журналу (по муниципалитету — 30,4 %): рекомендуется сопоставить систему текущего оценивания с результатами ВПР.',
      ),
      // СОШ №1: lowered 4 of 10 = 40 %, 9,57 п.п. above the municipality: under the 10 п.п. of a recommendation
      'СОШ №1 (12 участников). 1) Заданий ниже порогов ФИОКО нет, доля «2» и сопоставление с журналом — без заметных отклонений от муниципальных значений: рекомендуется сохранить применяемые подходы.',
    ]);
  });

  it('passes the wording check, and the check names a verdict a user types into a paragraph', () => {
    expect(reportWordingProblems(doc)).toEqual([]);
    const edited: ReportDoc = {
      ...doc,
      sections: doc.sections.map((s) => (s.title === 'Качество знаний' ? { ...s, paragraph: `${s.paragraph} Вероятно, в СОШ №1 завышение отметок.` } : s)),
    };
    expect(reportWordingProblems(edited)).toEqual([
      { phrase: 'завышение / завышает', where: 'Качество знаний', excerpt: expect.stringContaining('завышение отметок') },
    ]);
  });
});

describe('«Справка по ОО» on the fixture (СОШ №1, 2026)', () => {
  const db = catalogueFixture();
  const doc = buildReport(db, 'school', { year: 2026, municipality: MUN, school: SCHOOL.sosh1 }, NOW);

  it('offers the schools of the municipality that have results in the year', () => {
    const { options } = templateParams(db, 'school', { year: 2026, municipality: MUN });
    expect(options.school.map((o) => o.label)).toEqual([GYMN, SMALL, SOSH]);
    expect(doc.meta.title).toBe(`Аналитическая справка по результатам оценочных процедур 2026 года: ${SOSH}`);
  });

  it('puts each ВПР work of the ОО against the municipality, region and РФ', () => {
    // русский 4: quality 7/12 = 58,33 (municipality 15/26 = 57,69; region 45, РФ 60); математика 5: 1 of 2 (municipality 4/12);
    // русский 6: 3/10 = 30 against (3 + 8)/20 = 55
    expect(
      pick(section(doc, 'ВПР: результаты ОО по работам'), [
        'name',
        'n',
        'pct_2',
        'pass_pct',
        'quality_pct',
        'mun_quality',
        'region_quality',
        'rf_quality',
        'diff_mun',
        'small',
      ]),
    ).toEqual([
      ['Русский язык, 4 класс', 12, 8.33, 91.67, 58.33, 57.69, 45, 60, 0.64, 0],
      ['Математика, 5 класс', 2, 0, 100, 50, 33.33, null, null, 16.67, 1],
      ['Русский язык, 6 класс', 10, 30, 70, 30, 55, null, null, -25, 0],
    ]);
    expect(section(doc, 'ВПР: результаты ОО по работам').paragraph.split('\n\n')[2]).toBe(
      nb(
        'Русский язык, 6 класс: в СОШ №1 качество знаний — 30,0 % (10 участников). Это ниже муниципального значения (55,0 %) на 25,0 п.п. Доля «2» — 30,0 % (по муниципалитету — 15,0 %).',
      ),
    );
  });

  it('keeps only the ОО and the municipality in the journal overview (V7S)', () => {
    const journal = section(doc, 'Подтверждение отметок ВПР отметками по журналу');
    expect(pick(journal, ['name', 'work', 'confirmed_pct']).filter((row) => row[1] === 'все работы')).toEqual([
      [SOSH, 'все работы', 72.73],
      [TOTAL, 'все работы', 81.82],
    ]);
    expect(
      journal.paragraph.startsWith(
        nb('В СОШ №1 по всем работам года отметку по журналу подтвердили 72,7 % участников с отметкой по журналу (по муниципалитету — 81,8 %).'),
      ),
    ).toBe(true);
  });
});

describe('every ready-made report', () => {
  it('cleans the catalogue sources of our own working references', () => {
    for (const def of CATALOGUE) {
      const text = readerSource(def.source);
      expect(text, def.id).not.toMatch(/seed|domain\.md|\[R\]|\[I\]|ege_threshold|fisoko_agg|§/);
      expect(text.length, def.id).toBeGreaterThan(20);
    }
  });

  it('builds on the demo municipality with clean wording and no working notes', async () => {
    const db = freshDatabase();
    for (const file of demoFiles()) await importFile(db, file);
    const counts: Record<string, number> = {};
    for (const template of TEMPLATES) {
      const built = buildReport(db, template.id, {}, NOW);
      counts[template.id] = built.sections.length;
      expect(reportWordingProblems(built), template.id).toEqual([]);
      const texts = JSON.stringify([built.meta, built.sections.map((s) => [s.title, s.paragraph, s.notes, s.paramText ?? []])]);
      expect(texts, template.id).not.toMatch(/seed|domain\.md|\[R\]|\[I\]|undefined|NaN|null|п\.п\.\./);
      for (const s of built.sections) expect(s.paragraph.trim(), `${template.id}: ${s.title}`).not.toBe('');
    }
    // the demo: 11 sections for a ВПР work; a school: 7; ГИА-9: G1, 6 ОГЭ subjects, 6 with year marks, 2 by years;
    // ГИА-11: 8; objectivity: the introduction, O1, O2 for the 4 works of 2026, V13 for the one work with a scale, O3 for 2 subjects
    // monitoring: the introduction and nine indicators of the forms (2025/2026)
    expect(counts).toEqual({ 'vpr-work': 11, school: 7, gia9: 15, gia11: 8, objectivity: 9, monitoring: 10 });
    // the demo's planned-results report names what each task of ВПР 2026 математика 4 checks
    const tasks = section(buildReport(db, 'vpr-work', { year: 2026, subject: 'math', grade: 4 }, NOW), 'Выполнение заданий и проверяемые умения');
    expect(tasks.table!.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['skill', 'region_pct', 'rf_pct', 'status']));
    expect(pick(tasks, ['task', 'skill'])[0]).toEqual(['1', 'Умение выполнять арифметические действия с числами и числовыми выражениями.']);
  });
});
