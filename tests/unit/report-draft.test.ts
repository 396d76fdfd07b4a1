import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../src/core/db.ts';
import { adviceFor } from '../../src/core/report/builders/recommendations.ts';
import { difficultiesText } from '../../src/core/report/builders/tasks.ts';
import { draftParagraph } from '../../src/core/report/draft/index.ts';
import { records } from '../../src/core/report/draft/rows.ts';
import { counted, decimal, formatCell, integer, percent, plural, points } from '../../src/core/report/format.ts';

/** Expected texts are written with plain spaces before «%» and «п.п.»; the справка keeps them on one line (NBSP). */
const nb = (text: string) => text.replace(/ (%|п\.п\.)/g, '\u00a0$1');

const table = (columns: string[], rows: SqlValue[][]) => ({ columns, rows });

describe('Russian numbers in the справка', () => {
  it('decimal comma, half away from zero, thousands apart only from 10 000', () => {
    expect(decimal(52.35)).toBe('52,4'); // 52.35 is 52.34999… in binary: still 52,4
    expect(decimal(65.25)).toBe('65,3');
    expect(decimal(-2.05)).toBe('\u22122,1');
    expect(integer(2026)).toBe('2026');
    expect(integer(1234)).toBe('1234');
    expect(integer(12345)).toBe('12\u00a0345');
    expect(percent(7.4)).toBe(nb('7,4 %'));
    expect(points(-3.15)).toBe(nb('3,2 п.п.'));
  });

  it('plural forms: 1 участник, 2 участника, 5 / 11 / 111 участников, 21 участник, 22 участника', () => {
    const p = (n: number) => counted(n, 'участник', 'участника', 'участников');
    expect([1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 112, 1001].map(p)).toEqual([
      '1 участник',
      '2 участника',
      '4 участника',
      '5 участников',
      '11 участников',
      '12 участников',
      '14 участников',
      '21 участник',
      '22 участника',
      '25 участников',
      '101 участник',
      '111 участников',
      '112 участников',
      '1001 участник',
    ]);
    expect(plural(3, 'строка', 'строки', 'строк')).toBe('строки');
  });

  it('table cells: percentages with two decimals, years and codes as they are, empty as a dash', () => {
    expect(formatCell(45.5, { name: 'quality_pct', format: 'pct' })).toBe('45,50');
    expect(formatCell(2026, { name: 'year', format: 'int' })).toBe('2026');
    expect(formatCell(21877, { name: 'n', format: 'int' })).toBe('21\u00a0877');
    expect(formatCell(3.6, { name: 'mean_mark', format: 'num' })).toBe('3,6');
    expect(formatCell(-12.345, { name: 'delta', format: 'num' })).toBe('\u221212,35');
    expect(formatCell(null, { name: 'pct_2', format: 'pct' })).toBe('—');
    expect(formatCell('МБОУ «СОШ №1»', { name: 'name', format: 'text' })).toBe('МБОУ «СОШ №1»');
  });
});

const V4_COLUMNS = ['level', 'name', 'n', 'n_quality', 'quality_pct', 'small'];
/** Three ОО and a small one; the region equal to the municipality, РФ above it. */
const V4_ROWS: SqlValue[][] = [
  ['ОО', 'Гимназия №1', 50, 40, 80, 0],
  ['ОО', 'СОШ №2', 40, 20, 50, 0],
  ['ОО', 'СОШ №3', 30, 18, 60, 0],
  ['ОО', 'ООШ №4', 5, 1, 20, 1],
  ['Муниципалитет', 'Район', 125, 79, 63.2, 0],
  ['Регион', 'Область', 1000, null, 63.2, 0],
  ['РФ', 'Российская Федерация (ФИС ОКО)', 100000, null, 65.25, 0],
];
const V4_2025: SqlValue[][] = [
  ['ОО', 'СОШ №3', 21, 12.6, 60, 0],
  ['Муниципалитет', 'Район', 110, 66, 60, 0],
];

describe('drafted paragraphs', () => {
  const v4 = (focus?: string) =>
    draftParagraph({
      indicatorId: 'V4',
      columns: [],
      result: table(V4_COLUMNS, V4_ROWS),
      params: { year: 2026 },
      previous: { year: 2025, result: table(V4_COLUMNS, V4_2025) },
      focus,
    });

  it('compare the municipality with the region (level), РФ (below) and last year (above) in п.п., then the ОО and the small group', () => {
    expect(v4()).toBe(
      nb(
        'Качество знаний по муниципалитету составляет 63,2 % (125 участников). Это на уровне регионального значения (63,2 %), ' +
          'ниже значения по РФ (65,3 %) на 2,1 п.п. и выше значения 2025 года (60,0 %) на 3,2 п.п. ' +
          'Выше муниципального значения — в 1 ОО, ниже — в 2 ОО. Наибольшее значение среди ОО — Гимназия №1 (80,0 %), наименьшее — СОШ №2 (50,0 %). ' +
          'В ООШ №4 менее 10 участников (5): значения по этой ОО неустойчивы, их следует интерпретировать с осторожностью.',
      ),
    );
  });

  it('read one ОО against the municipality, region, РФ and its own last year', () => {
    expect(v4('СОШ №3')).toBe(
      nb(
        'В СОШ №3 качество знаний — 60,0 % (30 участников). Это ниже муниципального значения (63,2 %) на 3,2 п.п., ' +
          'ниже регионального значения (63,2 %) на 3,2 п.п., ниже значения по РФ (65,3 %) на 5,3 п.п. и на уровне значения 2025 года (60,0 %).',
      ),
    );
  });

  it('flag a rise of the share of «2» by 10 п.п. and more as ФИОКО does, with the plural of 21 and 22', () => {
    const columns = ['level', 'name', 'n', 'pct_2', 'pct_3', 'pct_4', 'pct_5', 'small'];
    const text = draftParagraph({
      indicatorId: 'V2',
      columns: [],
      result: table(columns, [
        ['ОО', 'СОШ №1', 21, 19.05, 38.1, 28.57, 14.29, 0],
        ['ОО', 'СОШ №2', 22, 13.64, 40.91, 31.82, 13.64, 0],
        ['Муниципалитет', 'Район', 43, 16.28, 39.53, 30.23, 13.95, 0],
      ]),
      params: {},
      previous: { year: 2025, result: table(columns, [['Муниципалитет', 'Район', 40, 5, 45, 35, 15, 0]]) },
    });
    expect(text).toBe(
      nb(
        'По муниципалитету работу писали 43 участника; отметки распределились так: «2» — 16,3 %, «3» — 39,5 %, «4» — 30,2 %, «5» — 14,0 %. ' +
          'Доля «2» выше значения 2025 года (5,0 %) на 11,3 п.п. ' +
          'Рост доли «2» за год на 10 п.п. и более (на 11,3 п.п.) по рекомендациям ФИОКО считается негативной тенденцией и требует анализа. ' +
          'Выше муниципального значения — в 1 ОО, ниже — в 1 ОО. Наибольшая доля «2» среди ОО — СОШ №1 (19,1 %), наименьшая — СОШ №2 (13,6 %).',
      ),
    );
  });

  it('name a peak at a mark boundary as a possible sign that needs analysis, and where it was not computed', () => {
    const text = draftParagraph({
      indicatorId: 'V13',
      columns: [],
      result: table(
        ['level', 'name', 'n', 'mark', 'boundary', 'n_b', 'n_b1', 'n_b2', 'ratio', 'region_ratio', 'signal', 'small'],
        [
          ['ОО', 'СОШ с. Заречное', 25, 3, 10, 6, 2, 1, 4, null, 1, 0],
          ['ОО', 'СОШ с. Заречное', 25, 4, 16, 3, 3, 2, 1.2, null, 0, 0],
          ['ОО', 'ООШ д. Берёзовка', 7, 3, 10, 1, 0, 1, 2, null, null, 1],
          ['Муниципалитет', 'Район', 32, 3, 10, 7, 2, 2, 3.5, null, 1, 0],
        ],
      ),
      params: { min_n: 20 },
    });
    expect(text).toBe(
      'Пик на границе отметки отмечен в 1 ОО: СОШ с. Заречное — граница отметки «3» (10 баллов): 6 участников против 1,5 в среднем на двух баллах ниже. ' +
        'Это возможный признак, требует анализа; он не является выводом о проведении или проверке работ в ОО. ' +
        'В ООШ д. Берёзовка участников меньше 20: сигнал не вычислялся.',
    );
  });

  it('levels of difficulty: statuses with the thresholds, ОО below them, the inversion as a signal', () => {
    const text = draftParagraph({
      indicatorId: 'V10',
      columns: [],
      result: table(
        ['level', 'name', 'n', 'basic_pct', 'basic_status', 'advanced_pct', 'advanced_status', 'inversion', 'small'],
        [
          ['ОО', 'СОШ №1', 30, 70, 'достаточно', 75, 'достаточно', 1, 0],
          ['ОО', 'СОШ №2', 40, 50, 'недостаточно', 20, 'недостаточно', 0, 0],
          ['Муниципалитет', 'Район', 70, 58.57, 'зона неопределённости', 45.71, 'достаточно', 0, 0],
        ],
      ),
      params: { basic: 60, advanced: 30 },
    });
    expect(text).toBe(
      nb(
        'По муниципалитету задания базового уровня выполнены на 58,6 % (зона неопределённости; порог ФИОКО 60 %), ' +
          'задания повышенного и высокого уровня — на 45,7 % (достаточно; порог ФИОКО 30 %). ' +
          'Ниже порога по заданиям базового уровня — СОШ №2 (50,0 %). Ниже порога по заданиям повышенного и высокого уровня — СОШ №2 (20,0 %). ' +
          'Задания повышенного и высокого уровня выполнены не хуже заданий базового уровня в СОШ №1: это нетипичный профиль. ' +
          'Это возможный признак, требует анализа; он не является выводом о проведении или проверке работ в ОО.',
      ),
    );
  });

  const TASK_COLUMNS = ['position', 'task', 'skill', 'difficulty', 'max_score', 'n', 'pct', 'mun_pct', 'status', 'small'];
  const TASK_ROWS: SqlValue[][] = [
    [1, '1', 'Умение выполнять арифметические действия.', 'Б', 1, 100, 85, 85, 'достаточно', 0],
    [2, '2', 'Умение решать текстовые задачи', 'Б', 2, 100, 55.5, 55.5, 'недостаточно', 0],
    [3, '3', null, 'Б', 1, 100, 58, 58, 'зона неопределённости', 0],
    [4, '4', null, 'П', 2, 100, 20, 20, 'недостаточно', 0],
  ];

  it('tasks: the range, those below 57 % / 28,5 % with what they check, those in the uncertainty zone', () => {
    expect(draftParagraph({ indicatorId: 'V9', columns: [], result: table(TASK_COLUMNS, TASK_ROWS), params: { school: 0 } })).toBe(
      nb(
        'По муниципалитету выполнение заданий — от 20,0 % (задание 4) до 85,0 % (задание 1). ' +
          'Ниже порога ФИОКО (57 % для заданий базового уровня, 28,5 % для заданий повышенного и высокого уровня) выполнены 2 задания: ' +
          '2 — «Умение решать текстовые задачи» (Б, 55,5 %); 4 (П, 20,0 %). В зоне неопределённости — 1 задание: 3 (Б, 58,0 %).',
      ),
    );
  });

  it('«затруднения» name the skills; without the planned results they say which report to load', () => {
    const rows = records(table(TASK_COLUMNS, TASK_ROWS));
    const said =
      'Затруднения (выполнение ниже 57 % для заданий базового уровня и ниже 28,5 % для заданий повышенного и высокого уровня) вызвали 2 задания: ' +
      '2 — «Умение решать текстовые задачи» (Б, 55,5 %); 4 (П, 20,0 %). В зоне неопределённости (от 95 % порога до порога) — 3 (Б, 58,0 %).';
    expect(difficultiesText(rows, true)).toBe(nb(said));
    expect(difficultiesText(rows, false)).toBe(
      nb(`${said} Чтобы назвать проверяемые умения, загрузите отчёт ФИС ОКО «Достижение планируемых результатов» по этой работе.`),
    );
    expect(difficultiesText(rows.slice(0, 1), true)).toBe(
      nb(
        'Все задания работы по муниципалитету выполнены не ниже порогов ФИОКО (60 % для заданий базового уровня, 30 % — повышенного и высокого): затруднений на уровне муниципалитета по заданиям нет.',
      ),
    );
  });

  it('addressed recommendations: tasks below the thresholds, many «2», ВПР below the journal; a small group is preliminary', () => {
    const tasks = records(table(TASK_COLUMNS, TASK_ROWS)).filter((row) => row.status === 'недостаточно');
    expect(adviceFor({ name: 'СОШ №5', n: 9, pct2: 25, municipalityPct2: 12.5, lowered: 40, municipalityLowered: 28.8, tasksBelow: tasks, skills: true })).toBe(
      nb(
        'СОШ №5 (9 участников). Участников меньше 10: выводы предварительные. ' +
          '1) Уделить внимание умениям, задания на которые выполнены ниже порога ФИОКО: 2 — «Умение решать текстовые задачи» (Б, 55,5 %); 4 (П, 20,0 %). ' +
          '2) Доля «2» (25,0 %) выше муниципальной (12,5 %) на 12,5 п.п.: рекомендуется спланировать индивидуальную работу с обучающимися, получившими «2», и повторную диагностику. ' +
          '3) У 40,0 % участников отметка ВПР ниже отметки по журналу (по муниципалитету — 28,8 %): рекомендуется сопоставить систему текущего оценивания с результатами ВПР.',
      ),
    );
    // 9.9 п.п. above the municipality is not yet 10: no recommendation on «2»
    expect(
      adviceFor({ name: 'Гимназия №1', n: 51, pct2: 10, municipalityPct2: 0.1, lowered: 5, municipalityLowered: 28.8, tasksBelow: [], skills: true }),
    ).toBe(
      'Гимназия №1 (51 участник). 1) Заданий ниже порогов ФИОКО нет, доля «2» и сопоставление с журналом — без заметных отклонений от муниципальных значений: рекомендуется сохранить применяемые подходы.',
    );
  });

  it('a console result without a rule of its own says how many rows it has', () => {
    expect(draftParagraph({ indicatorId: '', columns: [], result: table(['a'], [[1], [2], [3]]), params: {} })).toBe('В таблице 3 строки.');
  });
});
