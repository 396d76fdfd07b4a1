import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { importFile } from '../../src/core/import/index.ts';
import { demoMedalRows } from '../../src/core/demo/gia.ts';
import { DEMO_FILE_COUNT, DEMO_WORKS, demoFiles, DEMO_SCHOOLS, demoMunicipality, demoSpecs } from '../../src/core/demo/index.ts';
import { demoMonitoringFiles } from '../../src/core/demo/monitoring.ts';
import { DEMO_MATH4_REQUIREMENTS } from '../../src/core/demo/tables.ts';
import { writeFisokoF1 } from '../../src/core/import/formats/vpr-results/sample-f1.ts';
import { writeVprForm2022, writeVprForm2026 } from '../../src/core/import/formats/vpr-results/sample-form.ts';
import { rows } from '../fixtures/import-helpers.ts';
import { freshDatabase } from './sqlite.ts';

function trimRow(row: unknown[]): unknown[] {
  let end = row.length;
  while (end > 0 && row[end - 1] === null) end--;
  return row.slice(0, end);
}

function sheets(bytes: Uint8Array): Record<string, unknown[][]> {
  const workbook = XLSX.read(bytes, { type: 'array', dense: true });
  return Object.fromEntries(
    workbook.SheetNames.map((name) => [name, XLSX.utils.sheet_to_json<unknown[]>(workbook.Sheets[name], { header: 1, raw: true, defval: null }).map(trimRow)]),
  );
}

/** Last-modified time and date of every entry in a ZIP (xlsx) file. */
function zipEntryTimes(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const times: number[] = [];
  for (let i = 0; i + 30 <= bytes.length; i++) {
    if (view.getUint32(i, true) === 0x04034b50) times.push(view.getUint16(i + 10, true), view.getUint16(i + 12, true));
  }
  return times;
}

const TASKS = [
  { code: '1', max: 2, difficulty: 'Б' },
  { code: '4К1', max: 3, difficulty: 'П' },
];

describe('sample writers', () => {
  it('write the ФИС ОКО Ф1 layout: title block, difficulty row, header, group and data rows', () => {
    const bytes = writeFisokoF1({
      year: 2026,
      subject: 'Русский язык',
      grade: 4,
      examDate: '2026-04-20',
      tasks: TASKS,
      schools: [
        {
          login: 'edu203389',
          name: 'МБОУ «СОШ №1»',
          municipality: 'Район',
          participants: [{ code: 40001, classOrdinal: 1, variant: 2, scores: [2, 'X'], mark: 2, journal: 'нет отметки' }],
        },
      ],
    });
    const book = sheets(bytes);
    expect(Object.keys(book)).toEqual(['РУ 4 Индивидуальные результаты']);
    expect(book['РУ 4 Индивидуальные результаты']).toEqual([
      ['Индивидуальные результаты'],
      [],
      ['ВПР 2026 Русский язык 4 класс'],
      ['Предмет:', 'Русский язык'],
      ['Максимальный первичный балл:', 5],
      ['Дата:', '20.04.2026'],
      [null, null, 'Уровень сложности задания', null, null, null, 'Б', 'П'],
      ['ОО', 'Муниципалитет', 'Название ОО', 'Код участника', 'Класс', 'Вариант', '1 (2б)', '4К1 (3б)', 'Первичный балл', 'Отметка', 'Отметка по журналу'],
      ['МБОУ «СОШ №1»(edu203389) | Кол-во участников: 1'],
      ['edu203389', 'Район', 'МБОУ «СОШ №1»(edu203389)', 40001, 1, 2, 2, 'X', 2, 2, 'нет отметки'],
    ]);
  });

  it('write the 2026 form with its three sheets and empty template rows', () => {
    const book = sheets(
      writeVprForm2026({ tasks: TASKS, participants: [{ code: 40001, variant: 'отсутствовал', scores: [null, null], classOrdinal: 3 }], templateRows: 2 }),
    );
    expect(Object.keys(book)).toEqual(['Протокол', 'Служебный', 'Порядковый номер класса']);
    expect(book['Протокол']).toEqual([
      ['Код участника', 'Вариант', '1 (2б)', '4К1 (3б)', 'Порядковый номер класса', 'Отметка за предыдущий триместр/ четверть/полугодие', 'Итого баллов'],
      [40001, 'отсутствовал', null, null, 3, null, 0],
      [null, null, null, null, null, null, 0],
      [null, null, null, null, null, null, 0],
    ]);
    expect(book['Порядковый номер класса']).toHaveLength(50);
  });

  it('write the 2022 form, with «Пользователь» when asked', () => {
    const book = sheets(
      writeVprForm2022({
        tasks: TASKS,
        userColumn: true,
        participants: [{ code: 40001, variant: 1, scores: [1, 0], classLabel: '4А', gender: 'Ж', journal: 4, textbook: 'Моро', user: 'edu203389' }],
      }),
    );
    expect(book['Протокол']).toEqual([
      ['Код', 'Вариант', '1 (2б)', '4К1 (3б)', 'Наименование класса', 'Пол', 'Отметка за предыдущий триместр/ четверть/полугодие', 'Учебник', 'Пользователь'],
      [40001, 1, 1, 0, '4А', 'Ж', 4, 'Моро', 'edu203389'],
    ]);
  });
});

describe('demo municipality', () => {
  const files = demoFiles();

  it('is byte-deterministic: same bytes on every call and no timestamps inside the files', () => {
    const again = demoFiles();
    expect(again.map((f) => f.name)).toEqual(files.map((f) => f.name));
    files.forEach((file, i) => expect(Buffer.compare(Buffer.from(file.bytes), Buffer.from(again[i].bytes))).toBe(0));
    for (const file of files) {
      const times = zipEntryTimes(file.bytes);
      expect(times.length).toBeGreaterThan(0);
      // SheetJS writes time and date 0; the monitoring forms' writer (fflate) 00:00 on 01.01.1980, the first DOS date (33)
      expect(new Set(times), file.name).toEqual(/сводка муниципалитета|^Профориентация/.test(file.name) ? new Set([0, 33]) : new Set([0]));
    }
  });

  it('is the same after SheetJS has read files with number formats of their own (the monitoring forms), as when the demo session is built', () => {
    for (const form of demoMonitoringFiles()) XLSX.read(form.bytes, { type: 'array' });
    const after = demoFiles();
    files.forEach((file, i) => expect(Buffer.compare(Buffer.from(file.bytes), Buffer.from(after[i].bytes)), file.name).toBe(0));
  });

  it('has one municipal Ф1 per work: ВПР 2025 and 2026, Russian and mathematics, grades 4 and 5 (and 8 in 2025)', () => {
    expect(demoMunicipality().map((f) => f.name)).toEqual([
      'Ф1 ВПР 2025 Русский язык 4 класс.xlsx',
      'Ф1 ВПР 2025 Математика 4 класс.xlsx',
      'Ф1 ВПР 2025 Русский язык 5 класс.xlsx',
      'Ф1 ВПР 2025 Математика 5 класс.xlsx',
      'Ф1 ВПР 2025 Русский язык 8 класс.xlsx',
      'Ф1 ВПР 2025 Математика 8 класс.xlsx',
      'Ф1 ВПР 2026 Русский язык 4 класс.xlsx',
      'Ф1 ВПР 2026 Математика 4 класс.xlsx',
      'Ф1 ВПР 2026 Русский язык 5 класс.xlsx',
      'Ф1 ВПР 2026 Математика 5 класс.xlsx',
    ]);
  });

  it('loads the directory first, then the Ф1, the reports, the РЦОИ protocols and the tables that link to them', () => {
    expect(files).toHaveLength(DEMO_FILE_COUNT);
    expect(files.map((f) => f.name)).toEqual([
      'Справочник ОО демо-округа 2026.xlsx',
      ...demoMunicipality().map((f) => f.name),
      'Ф3 ВПР 2026 Математика 4 класс Статистика по отметкам.xlsx',
      'Ф3 ВПР 2026 Математика 4 класс Достижение планируемых результатов.xlsx',
      'Признаки необъективности ВПР 2025-2026 (демо).xlsx',
      'РЦОИ ОГЭ 2025 протоколы.xlsx',
      'РЦОИ ОГЭ 2026 протоколы.xlsx',
      'РЦОИ ЕГЭ 2025 протоколы.xlsx',
      'РЦОИ ЕГЭ 2026 протоколы.xlsx',
      'Годовые отметки 9 классов 2025-2026.xlsx',
      'Претенденты на медаль 2025-2026.xlsx',
      'ВсОШ муниципальный этап 2025-2026.xlsx',
      'Охват дополнительным образованием 2025-2026.xlsx',
      'Педагогические работники 2025-2026.xlsx',
      ...demoMonitoringFiles().map((f) => f.name),
    ]);
    expect(demoMonitoringFiles().map((f) => f.name)).toEqual([
      'Профориентация и самоопределение обучающихся 2024-2025 — сводка муниципалитета.xlsx',
      'Самообследование руководителя ОО по критериям эффективности управления 2024-2025 — сводка муниципалитета.xlsx',
      'Профессиональное развитие педагогов и наставничество 2024-2025 — сводка муниципалитета.xlsx',
      'Воспитание и дополнительное образование 2024-2025 — сводка муниципалитета.xlsx',
      'Качество дошкольного образования (по образцу МКДО) 2024-2025 — сводка муниципалитета.xlsx',
      ...DEMO_SCHOOLS.map((s) => `Профориентация и самоопределение обучающихся 2025-2026 — ${s.name}.xlsx`),
      'Самообследование руководителя ОО по критериям эффективности управления 2025-2026 — сводка муниципалитета.xlsx',
      'Профессиональное развитие педагогов и наставничество 2025-2026 — сводка муниципалитета.xlsx',
      'Воспитание и дополнительное образование 2025-2026 — сводка муниципалитета.xlsx',
      'Качество дошкольного образования (по образцу МКДО) 2025-2026 — сводка муниципалитета.xlsx',
    ]);
  });

  it('imports the Ф1 without errors or warnings into one municipality of 8 schools', async () => {
    const db = freshDatabase();
    for (const file of demoMunicipality()) {
      const summary = await importFile(db, file);
      expect(summary.format).toBe('fisoko_f1');
      expect(summary.schools).toBe(8);
      expect(summary.warnings).toEqual([]);
    }
    expect(rows(db, 'SELECT region_code, fisoko_code, name FROM municipality')).toEqual([['99', 'reg99_m001', 'Демонстрационный муниципальный округ']]);
    expect(rows(db, "SELECT COUNT(*) FROM school WHERE fisoko_login GLOB 'edu99[0-9][0-9][0-9][0-9]' AND municipality_id = 1")).toEqual([[8]]);
    expect(rows(db, 'SELECT year, subject_code, grade, max_primary FROM assessment ORDER BY 1, 2, 3')).toEqual([
      [2025, 'math', 4, 20],
      [2025, 'math', 5, 20],
      [2025, 'math', 8, 22],
      [2025, 'rus', 4, 24],
      [2025, 'rus', 5, 45],
      [2025, 'rus', 8, 44],
      [2026, 'math', 4, 20],
      [2026, 'math', 5, 20],
      [2026, 'rus', 4, 24],
      [2026, 'rus', 5, 45],
    ]);
    // one small school: fewer than 10 participants in every work
    expect(rows(db, 'SELECT COUNT(*) FROM (SELECT school_id FROM result GROUP BY school_id, assessment_id HAVING COUNT(*) < 10)')).toEqual([[10]]);
    expect(rows(db, 'SELECT COUNT(DISTINCT school_id) FROM (SELECT school_id FROM result GROUP BY school_id, assessment_id HAVING COUNT(*) < 10)')).toEqual([
      [1],
    ]);
    expect(rows(db, "SELECT COUNT(*) FROM task_score WHERE raw = 'X'")[0][0]).toBeGreaterThan(0);
    expect(rows(db, 'SELECT COUNT(*) FROM result WHERE journal_mark IS NULL')[0][0]).toBeGreaterThan(0);
    const marks = rows(db, 'SELECT mark, COUNT(*) FROM result GROUP BY mark ORDER BY mark').map((r) => r[0]);
    expect(marks).toEqual([2, 3, 4, 5]);

    // schools that inflate journal marks stand out from all the others
    const gaps = new Map(
      rows(db, 'SELECT s.fisoko_login, AVG(journal_mark - mark) FROM result JOIN school s USING (school_id) GROUP BY 1').map((r) => [r[0], Number(r[1])]),
    );
    const inflating = ['edu990005', 'edu990008'].map((login) => gaps.get(login)!);
    const others = [...gaps].filter(([login]) => !['edu990005', 'edu990008'].includes(String(login))).map(([, gap]) => gap);
    expect(Math.min(...inflating)).toBeGreaterThan(Math.max(...others));
  });

  it('imports every demo file without errors, and without warnings but for the monitoring form left with an error to fix; ГИА, annual marks and medal candidates link to one set of pupils', async () => {
    const db = freshDatabase();
    const formats: string[] = [];
    const warned: string[] = [];
    for (const file of files) {
      const summary = await importFile(db, file);
      formats.push(summary.format);
      if (summary.warnings.length) warned.push(file.name);
    }
    expect(warned).toEqual(['Профориентация и самоопределение обучающихся 2025-2026 — МБОУ «СОШ №8».xlsx']);
    expect(formats).toEqual([
      'school_directory',
      ...Array<string>(10).fill('fisoko_f1'),
      'fisoko_marks',
      'fisoko_planned',
      'fioko_bias',
      ...Array<string>(4).fill('rcoi_protocol'),
      'term_mark',
      'medal_candidate',
      'olympiad_result',
      'additional_education',
      'teaching_staff',
      ...Array<string>(17).fill('monitoring_form'),
    ]);
    // the directory gave the schools their РЦОИ codes, so no placeholder ОО and still one municipality
    expect(rows(db, 'SELECT COUNT(*), COUNT(gia_code), COUNT(DISTINCT municipality_id) FROM school')).toEqual([[8, 8, 1]]);
    expect(rows(db, "SELECT cluster, COUNT(*) FROM cluster_assignment WHERE scheme = 'directory' GROUP BY 1 ORDER BY 1")).toEqual([
      ['А', 4],
      ['Б', 4],
    ]);
    // every annual mark and every candidate found a pupil of the protocols: no student without a ГИА result
    expect(rows(db, 'SELECT COUNT(*) FROM student WHERE student_id NOT IN (SELECT student_id FROM result WHERE student_id IS NOT NULL)')).toEqual([[0]]);
    expect(rows(db, 'SELECT COUNT(*) FROM medal_candidate')).toEqual([[demoMedalRows().length]]);
    expect(rows(db, 'SELECT COUNT(*) FROM term_mark')[0][0]).toBeGreaterThan(1000);
    // «Достижение планируемых результатов» of ВПР 2026 математика 4: what each of its 12 tasks checks, and
    // the municipality's % of the report equal to those computed from the Ф1 (rounded to 2 decimals)
    expect(
      rows(
        db,
        `SELECT t.task_code, t.skill FROM assessment_task t JOIN assessment a USING (assessment_id)
      WHERE a.year = 2026 AND a.subject_code = 'math' AND a.grade = 4 ORDER BY t.position`,
      ),
    ).toEqual(DEMO_MATH4_REQUIREMENTS.map((text, i) => [String(i + 1), text]));
    expect(
      rows(
        db,
        `SELECT COUNT(*) FROM fisoko_agg f JOIN (
        SELECT t.task_code, ROUND(100.0 * TOTAL(ts.score) / (t.max_score * COUNT(*)), 2) AS pct
        FROM v_vpr v JOIN task_score ts ON ts.result_id = v.result_id
        JOIN assessment_task t ON t.assessment_id = v.assessment_id AND t.task_code = ts.task_code
        WHERE v.year = 2026 AND v.subject_code = 'math' AND v.grade = 4 GROUP BY t.task_code
      ) c ON f.metric = 'task:' || c.task_code AND ABS(f.value - c.pct) < 0.005
      WHERE f.report = 'planned' AND f.level = 'municipality'`,
      ),
    ).toEqual([[12]]);
  });

  it('has one school whose scores bunch at the «3» threshold', () => {
    const atOrBelow = (login: string) => {
      let at = 0;
      let below = 0;
      for (const spec of demoSpecs()) {
        const bound = DEMO_WORKS.find((w) => w.subject === spec.subject && w.grade === spec.grade)!.bounds[0];
        for (const p of spec.schools.find((s) => s.login === login)!.participants) {
          if (p.primary === bound) at++;
          if (p.primary === bound - 1 || p.primary === bound - 2) below++;
        }
      }
      return { at, below };
    };
    // «at the threshold» against «one or two points short of it»: smooth elsewhere, a spike here
    const ratio = (login: string) => {
      const { at, below } = atOrBelow(login);
      return at / Math.max(below, 1);
    };
    const others = ['edu990001', 'edu990002', 'edu990003', 'edu990004', 'edu990005', 'edu990007', 'edu990008'].map(ratio);
    expect(ratio('edu990006')).toBeGreaterThan(2 * Math.max(...others));
  });
});
