import * as XLSX from '@e965/xlsx';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Database, SqlValue } from '../../src/core/db.ts';
import { queryAll, queryValue } from '../../src/core/db.ts';
import { importFile } from '../../src/core/import/index.ts';
import { ImportError } from '../../src/core/import/types.ts';
import { findIndicator, runIndicator } from '../../src/core/indicators/index.ts';
import { CAREERS, MENTORING } from '../../src/core/monitoring/forms/index.ts';
import type { Campaign } from '../../src/core/monitoring/generate.ts';
import { campaignZip, formFileName, schoolFormXlsx, summaryXlsx } from '../../src/core/monitoring/generate.ts';
import { municipalitySchools } from '../../src/core/monitoring/schools.ts';
import { campaigns, missingSchoolsXlsx, statusBoard } from '../../src/core/monitoring/status.ts';
import { filledSummaryXlsx } from '../../src/core/monitoring/sample.ts';
import { demoFiles } from '../../src/core/demo/index.ts';
import { schoolDirectorySheet } from '../../src/core/import/formats/school-directory/sample.ts';
import { writeWorkbook } from '../../src/core/import/samples/xlsx-writer.ts';
import { fillWithSheetJs } from '../fixtures/monitoring.ts';
import { generateCycle } from '../../src/engine/monitoring.ts';
import { buildReport, reportWordingProblems } from '../../src/core/report/index.ts';
import { freshDatabase } from './sqlite.ts';

const MUN = 'Тестовый городской округ(reg99_m077)';
const SCHOOLS = [
  { login: 'edu770001', name: 'МБОУ «СОШ №1»', cluster: 'А' },
  { login: 'edu770002', name: 'МБОУ «СОШ №2»', cluster: 'А' },
  { login: 'edu770003', name: 'МБОУ «СОШ №3»', cluster: 'Б' },
  { login: 'edu770004', name: 'МКОУ «ООШ д. Ключи»', cluster: 'Б' },
];

async function municipality(): Promise<Database> {
  const db = freshDatabase();
  const sheet = schoolDirectorySheet(SCHOOLS.map((s) => ({ login: s.login, name: s.name, municipality: MUN, cluster: s.cluster, year: 2026 })));
  await importFile(db, { name: 'Справочник.xlsx', bytes: writeWorkbook([sheet]) }, { now: '2026-04-01T09:00:00.000Z' });
  return db;
}

function careersCampaign(db: Database, form = CAREERS): Campaign {
  const addressees = municipalitySchools(db, Number(queryValue(db, 'SELECT municipality_id FROM municipality')));
  return { form, year: 2026, deadline: '2026-05-29', addressees, created: '2026-04-10' };
}

const rows = (db: Database, sql: string): SqlValue[][] => queryAll(db, sql).rows;

function run(db: Database, id: string, params: Record<string, SqlValue>) {
  const result = runIndicator(db, findIndicator(id)!, params);
  return result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c, row[i]])));
}

const load = (db: Database, name: string, bytes: Uint8Array) => importFile(db, { name, bytes }, { now: '2026-06-01T09:00:00.000Z' });

/** A well-filled form of СОШ №1 and СОШ №2 (hand-made numbers; the sums below are counted from them). */
const GOOD = {
  edu770001: { pupils_6_11: 200, career_events: 150, ticket_future: 40, prof_trials: 60, pupils_10_11: 50, profile_10_11: 30, career_plan: 'да' },
  edu770002: { pupils_6_11: 100, career_events: 90, ticket_future: 10, prof_trials: 20, pupils_10_11: 0, profile_10_11: 0, career_plan: 'нет' },
};

describe('monitoring forms: generate', () => {
  it('writes one locked, validated form per school, a ZIP of them and a blank summary, byte-identical each time', async () => {
    const db = await municipality();
    const campaign = careersCampaign(db);
    const first = campaignZip(campaign);
    expect(campaignZip(campaign)).toEqual(first);
    const entries = unzipSync(first);
    expect(Object.keys(entries)).toEqual(campaign.addressees.map((s) => formFileName(campaign, s)));
    expect(Object.keys(entries)[0]).toBe('Профориентация и самоопределение обучающихся 2025-2026 — МБОУ «СОШ №1».xlsx');

    const form = unzipSync(schoolFormXlsx(campaign, campaign.addressees[0]));
    const sheet = new TextDecoder().decode(form['xl/worksheets/sheet1.xml']);
    // 7 fields + the date: 8 validations; «да / нет» as a list, counts as whole-number ranges
    expect(sheet.match(/<dataValidation /g)).toHaveLength(8);
    expect(sheet).toContain('<formula1>"да,нет"</formula1>');
    expect(sheet).toContain('type="whole" operator="between"');
    expect(sheet).toContain('<sheetProtection sheet="1"');
    // the answers (style 4) and the date (style 5) are the only unlocked cells
    expect(sheet.match(/ s="4"/g)).toHaveLength(7);
    expect(sheet.match(/ s="5"/g)).toHaveLength(1);
    expect(new TextDecoder().decode(form['xl/styles.xml']).match(/<protection locked="0"\/>/g)).toHaveLength(2);
    expect(new TextDecoder().decode(form['xl/workbook.xml'])).toContain('<sheet name="oko" sheetId="2" state="veryHidden"');
    expect(new TextDecoder().decode(form['xl/comments1.xml'])).toContain('Источник: Концепция по развитию муниципальной системы оценки качества');

    const book = XLSX.read(schoolFormXlsx(campaign, campaign.addressees[0]), { type: 'array' });
    expect(book.Sheets['Форма'].D3.v).toBe('МБОУ «СОШ №1»');
    expect(book.Sheets['Форма'].D4.v).toBe('edu770001');
    expect(book.Sheets['Форма'].B9.v).toBe('Обучающихся 6–11 классов, всего');
    expect(book.Sheets.oko.B2.v).toBe('careers');

    const summary = XLSX.read(summaryXlsx(campaign), { type: 'array' });
    expect(
      XLSX.utils
        .sheet_to_json<unknown[]>(summary.Sheets['Сводка'], { header: 1 })
        .slice(3, 6)
        .map((r) => r.slice(0, 5)),
    ).toEqual([
      ['№', 'Образовательная организация', 'Код ОО', 'Дата заполнения', 'Обучающихся 6–11 классов, всего, чел.'],
      [1, 'МБОУ «СОШ №1»', 'edu770001'],
      [2, 'МБОУ «СОШ №2»', 'edu770002'],
    ]);
  });
});

describe('monitoring forms: a cycle made in the session', () => {
  it('is recorded with its schools and deadline, so the board lists them before any form comes back', async () => {
    const db = await municipality();
    const ids = rows(db, "SELECT school_id FROM school WHERE fisoko_login IN ('edu770001', 'edu770003') ORDER BY 1").map((r) => Number(r[0]));
    const cycle = generateCycle(db, { formId: 'upbringing', year: 2026, deadline: '2026-05-29', today: '2026-04-10', schoolIds: ids });
    expect([cycle.zipName, cycle.summaryName, cycle.schools]).toEqual([
      'Воспитание и дополнительное образование 2025-2026 — формы ОО.zip',
      'Воспитание и дополнительное образование 2025-2026 — сводка муниципалитета.xlsx',
      2,
    ]);
    expect(Object.keys(unzipSync(cycle.zip))).toHaveLength(2);
    expect(rows(db, 'SELECT form_id, year, form_version, deadline, created_at FROM monitoring_campaign')).toEqual([
      ['upbringing', 2026, 1, '2026-05-29', '2026-04-10'],
    ]);
    expect(statusBoard(db, 'upbringing', 2026, '2026-05-01').map((r) => [r.key, r.status])).toEqual([
      ['edu770001', 'waiting'],
      ['edu770003', 'waiting'],
    ]);
    expect(statusBoard(db, 'upbringing', 2026, '2026-05-30').map((r) => r.status)).toEqual(['overdue', 'overdue']);
    expect(() => generateCycle(db, { formId: 'upbringing', year: 2026, deadline: '2026-05-29', today: '2026-04-10', schoolIds: [] })).toThrow(
      'Выберите хотя бы одну ОО.',
    );
  });
});

describe('monitoring forms: collect and merge', () => {
  it('accepts good forms, records the wrong ones with sheet, cell and allowed values, refuses a school of another session', async () => {
    const db = await municipality();
    const campaign = careersCampaign(db);
    const [sosh1, sosh2, sosh3, ooch] = campaign.addressees;
    const blank = (school: (typeof campaign.addressees)[number]) => schoolFormXlsx(campaign, school);

    const a = await load(db, 'СОШ1.xlsx', fillWithSheetJs(blank(sosh1), CAREERS, { date: '20.05.2026', answers: GOOD.edu770001 }));
    expect(a.format).toBe('monitoring_form');
    expect(a.assessments).toEqual(['Мониторинг «Профориентация и самоопределение обучающихся», 2025/2026: форма ОО «МБОУ «СОШ №1»» принята']);
    expect(a.rows).toBe(7);
    await load(db, 'СОШ2.xlsx', fillWithSheetJs(blank(sosh2), CAREERS, { date: '2026-05-25', answers: GOOD.edu770002 }));

    // СОШ №3: «Билет в будущее» 9000 is above the range; profile 45 is more than its 40 pupils of grades 10–11
    const c = await load(
      db,
      'СОШ3.xlsx',
      fillWithSheetJs(blank(sosh3), CAREERS, {
        date: '26.05.2026',
        answers: { pupils_6_11: 120, career_events: 60, ticket_future: 9000, prof_trials: 12, pupils_10_11: 40, profile_10_11: 45, career_plan: 'да' },
      }),
    );
    expect(c.rows).toBe(0);
    expect(c.warnings[0]).toBe(
      'Форма ОО «МБОУ «СОШ №3»» (мониторинг «Профориентация и самоопределение обучающихся», 2025/2026) не принята: 2 ошибки — ' +
        'лист «Форма», ячейка D11 («из них участвуют в проекте «Билет в будущее»»): значение «9000» — можно вписать: целое число от 0 до 5000, не больше строки 1; ' +
        'лист «Форма», ячейка D14 («из них обучаются по выбранному профилю (профильные классы, группы, индивидуальные учебные планы)»): значение «45» больше, чем ' +
        '«Обучающихся 10–11 классов, всего» (D13 = 40) — часть не может быть больше целого. Её ответы не вошли в показатели; исправленную форму загрузите снова — она заменит эту.',
    );

    // ООШ: the school's name in the locked D3 was changed, and «да» typed as «ага»
    const d = await load(
      db,
      'ООШ.xlsx',
      fillWithSheetJs(blank(ooch), CAREERS, {
        date: '27.05.2026',
        answers: { pupils_6_11: 30, career_events: 30, ticket_future: 0, prof_trials: 5, pupils_10_11: 0, profile_10_11: 0, career_plan: 'ага' },
        edits: { D3: 'МКОУ «ООШ с. Ключи»' },
      }),
    );
    expect(JSON.parse(String(queryValue(db, "SELECT problems FROM monitoring_return WHERE file_name = 'ООШ.xlsx'")))).toEqual([
      'лист «Форма», ячейка D3: защищённая ячейка изменена — было «МКОУ «ООШ д. Ключи»», стало «МКОУ «ООШ с. Ключи»»; заполняйте только жёлтые ячейки',
      'лист «Форма», ячейка D15 («В ОО утверждён и выполняется план профориентационной работы»): значение «ага» — можно вписать: «да» или «нет»',
    ]);
    expect(d.rows).toBe(0);

    // a form made for a school this session does not have: nothing is written
    const before = rows(db, 'SELECT COUNT(*) FROM import_batch');
    const stranger = { schoolId: 99, key: 'edu770099', name: 'МБОУ «СОШ №99»' };
    const foreign = fillWithSheetJs(schoolFormXlsx({ ...campaign, addressees: [...campaign.addressees, stranger] }, stranger), CAREERS, {
      date: '20.05.2026',
      answers: GOOD.edu770001,
    });
    await expect(load(db, 'Чужая.xlsx', foreign)).rejects.toThrow(
      'Файл «Чужая.xlsx»: лист «Форма», ячейка D4: форма сделана для ОО с кодом «edu770099», а такой ОО нет в справочнике ОО этой сессии.',
    );
    expect(rows(db, 'SELECT COUNT(*) FROM import_batch')).toEqual(before);

    expect(rows(db, 'SELECT s.fisoko_login, r.status, r.filled_on FROM monitoring_return r JOIN school s USING (school_id) ORDER BY 1')).toEqual([
      ['edu770001', 'accepted', '2026-05-20'],
      ['edu770002', 'accepted', '2026-05-25'],
      ['edu770003', 'refused', '2026-05-26'],
      ['edu770004', 'refused', '2026-05-27'],
    ]);
    // one row per school, year and field: 2 accepted forms × 7 fields («да» = 1, «нет» = 0)
    expect(rows(db, "SELECT field, value FROM monitoring_value v JOIN school s USING (school_id) WHERE s.fisoko_login = 'edu770002' ORDER BY field")).toEqual([
      ['career_events', 90],
      ['career_plan', 0],
      ['prof_trials', 20],
      ['profile_10_11', 0],
      ['pupils_10_11', 0],
      ['pupils_6_11', 100],
      ['ticket_future', 10],
    ]);

    const municipalityId = Number(queryValue(db, 'SELECT municipality_id FROM municipality'));
    const params = { year: 2026, municipality: municipalityId, scheme: '', hide_small: 0 };
    // СОШ №1: 150/200 = 75 %, 40/200 = 20 %, 60/200 = 30 %; СОШ №2: 90/100 = 90 %, 10 %, 20 %
    // municipality: (150+90)/(200+100) = 80 %; (40+10)/300 = 16.67 %; (60+20)/300 = 26.67 %
    expect(run(db, 'P1', params).map((r) => [r.name, r.n, r.events_pct, r.ticket_pct, r.trials_pct])).toEqual([
      ['МБОУ «СОШ №1»', 200, 75, 20, 30],
      ['МБОУ «СОШ №2»', 100, 90, 10, 20],
      ['Тестовый городской округ', 300, 80, 16.67, 26.67],
    ]);
    // P2: only СОШ №1 has grades 10–11: 30/50 = 60 %
    expect(run(db, 'P2', params).map((r) => [r.name, r.n, r.profile_pct])).toEqual([
      ['МБОУ «СОШ №1»', 50, 60],
      ['Тестовый городской округ', 50, 60],
    ]);

    // the status board on 01.06.2026 (after the 29.05 deadline) and the list of schools without an accepted form
    expect(statusBoard(db, 'careers', 2026, '2026-06-01').map((r) => [r.school, r.status, r.problems.length])).toEqual([
      ['МБОУ «СОШ №1»', 'accepted', 0],
      ['МБОУ «СОШ №2»', 'accepted', 0],
      ['МБОУ «СОШ №3»', 'refused', 2],
      ['МКОУ «ООШ д. Ключи»', 'refused', 2],
    ]);
    const missing = missingSchoolsXlsx(db, 'careers', 2026, '2026-06-01');
    expect(missing.fileName).toBe('Профориентация и самоопределение обучающихся 2025-2026 — не сдали на 01.06.2026.xlsx');
    const list = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(missing.bytes, { type: 'array' }).Sheets['Не сдали'], { header: 1 });
    expect(list[0]).toEqual(['ОО, не сдавшие форму мониторинга «Профориентация и самоопределение обучающихся» за 2025/2026 учебный год']);
    expect(list.slice(4).map((r) => r.slice(0, 4))).toEqual([
      [1, 'МБОУ «СОШ №3»', 'edu770003', 'не принята: есть ошибки'],
      [2, 'МКОУ «ООШ д. Ключи»', 'edu770004', 'не принята: есть ошибки'],
    ]);

    // СОШ №3 fixes its form: it replaces the refused one, and the municipality changes
    const fixed = await load(
      db,
      'СОШ3 исправлено.xlsx',
      fillWithSheetJs(blank(sosh3), CAREERS, {
        date: '28.05.2026',
        answers: { pupils_6_11: 120, career_events: 60, ticket_future: 30, prof_trials: 12, pupils_10_11: 40, profile_10_11: 10, career_plan: 'да' },
      }),
    );
    expect(fixed.warnings).toEqual(['Форма ОО «МБОУ «СОШ №3»» за 2025/2026 заменила загруженную раньше (файл «СОШ3.xlsx», заполнена 26.05.2026).']);
    // (150+90+60)/(200+100+120) = 300/420 = 71.43 %; (40+10+30)/420 = 19.05 %; (60+20+12)/420 = 21.90 %
    expect(run(db, 'P1', params).at(-1)).toMatchObject({ n: 420, events_pct: 71.43, ticket_pct: 19.05, trials_pct: 21.9 });
    // clusters: А = СОШ №1 + №2 (80 %), Б = СОШ №3 (60/120 = 50 %)
    expect(
      run(db, 'P1', { ...params, scheme: 'directory' })
        .filter((r) => r.level === 'Кластер')
        .map((r) => [r.name, r.events_pct]),
    ).toEqual([
      ['кластер «А»', 80],
      ['кластер «Б»', 50],
    ]);

    // an older form of the same school does not replace the newer one
    await expect(load(db, 'СОШ3 старое.xlsx', fillWithSheetJs(blank(sosh3), CAREERS, { date: '10.05.2026', answers: { ...GOOD.edu770002 } }))).rejects.toThrow(
      'форма ОО «МБОУ «СОШ №3»» заполнена 10.05.2026, а в сессии уже есть её более поздняя форма (заполнена 28.05.2026, файл «СОШ3 исправлено.xlsx»)',
    );

    expect(campaigns(db, '2026-06-01')).toEqual([
      {
        formId: 'careers',
        title: 'Профориентация и самоопределение обучающихся',
        year: 2026,
        yearLabel: '2025/2026',
        deadline: '2026-05-29',
        addressees: 4,
        accepted: 3,
        late: 0,
        refused: 1,
        missing: 0,
      },
    ]);
  });

  it('the municipal summary: filled rows become returns; blank rows stay missing', async () => {
    const db = await municipality();
    const campaign = careersCampaign(db);
    const summary = filledSummaryXlsx(campaign, {
      edu770001: { filledOn: '2026-05-20', answers: GOOD.edu770001 },
      edu770004: {
        filledOn: '2026-06-02',
        answers: { pupils_6_11: 30, career_events: 30, ticket_future: 0, prof_trials: 5, pupils_10_11: 0, profile_10_11: 0, career_plan: 'нет' },
      },
    });
    const outcome = await load(db, 'Сводка.xlsx', summary);
    expect(outcome.assessments).toEqual(['Мониторинг «Профориентация и самоопределение обучающихся», 2025/2026: принято форм ОО — 2 из 2']);
    expect(outcome.rows).toBe(14);
    expect(statusBoard(db, 'careers', 2026, '2026-05-21').map((r) => [r.key, r.status])).toEqual([
      ['edu770001', 'accepted'],
      ['edu770002', 'waiting'],
      ['edu770003', 'waiting'],
      ['edu770004', 'late'],
    ]);
    expect(statusBoard(db, 'careers', 2026, '2026-06-03').map((r) => r.status)).toEqual(['accepted', 'overdue', 'overdue', 'late']);
  });

  it('an older version is migrated when it can be, refused with the reason when it cannot', async () => {
    const db = await municipality();
    const campaign = careersCampaign(db, MENTORING);
    const school = campaign.addressees[0];
    // Version 1 of «Педагоги и наставничество»: four rows, «с наставником» under its old code
    const v1 = fillWithSheetJs(schoolFormXlsx(campaign, school), MENTORING, {
      date: '20.05.2026',
      answers: {},
      meta: { B3: 1 },
      edits: {
        B10: 'из них молодых педагогов (стаж до 3 лет)',
        B11: 'из них молодых педагогов с наставником',
        B12: 'Педагогов — участников конкурсов профессионального мастерства',
        D9: 40,
        D10: 8,
        D11: 6,
        D12: 5,
        A13: '',
        B13: '',
        C13: '',
        A14: '',
        B14: '',
        C14: '',
        A15: '',
        B15: '',
        C15: '',
      },
    });
    const migrated = await load(db, 'v1.xlsx', v1);
    expect(migrated.warnings).toEqual([
      'Файл «v1.xlsx»: форма версии 1 принята: «молодых педагогов с наставником» перенесено в «закреплённых за наставником»; вопросов о диагностике дефицитов и положении о наставничестве в ней не было, эти показатели для ОО остаются пустыми.',
    ]);
    expect(rows(db, 'SELECT field, value FROM monitoring_value ORDER BY field')).toEqual([
      ['contests', 5],
      ['teachers', 40],
      ['young', 8],
      ['young_mentored', 6],
    ]);
    const municipalityId = Number(queryValue(db, 'SELECT municipality_id FROM municipality'));
    // N1: 6 of 8 young teachers = 75 %; N2 has no diagnostics from a version-1 form
    expect(run(db, 'N1', { year: 2026, municipality: municipalityId, scheme: '', hide_small: 0 }).at(-1)).toMatchObject({
      n: 8,
      mentored_pct: 75,
      young_pct: 20,
    });
    expect(run(db, 'N2', { year: 2026, municipality: municipalityId, scheme: '', hide_small: 0 }).at(-1)).toMatchObject({
      n: 40,
      diagnosed_pct: null,
      contests_pct: 12.5,
    });

    const careers = careersCampaign(db);
    const old = fillWithSheetJs(schoolFormXlsx(careers, careers.addressees[1]), CAREERS, { date: '20.05.2026', answers: {}, meta: { B3: 1 } });
    const error = await load(db, 'Профориентация v1.xlsx', old).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toBe(
      'Файл «Профориентация v1.xlsx»: форма «Профориентация и самоопределение обучающихся» версии 1 не принята: форма версии 1 спрашивала доли в процентах, ' +
        'а муниципальная доля считается по численности обучающихся (сумма охваченных по всем ОО / сумма обучающихся); пересчитать проценты в численность нельзя. Отправьте ОО форму версии 2.',
    );
    expect(rows(db, "SELECT COUNT(*) FROM monitoring_return WHERE form_id = 'careers'")).toEqual([[0]]);
  });
});

describe('monitoring forms in the demo municipality', () => {
  it('two school years returned; in 2025/2026 СОШ №5 is late and СОШ №8 has an error to fix; additional education 77 % → 44 % as the Североморск concept says', async () => {
    const db = freshDatabase();
    const files = demoFiles();
    for (const file of files.filter((f) => /Справочник ОО|Охват дополнительным|сводка муниципалитета|^Профориентация/.test(f.name))) await importFile(db, file);
    expect(rows(db, 'SELECT form_id, year, COUNT(*) FROM monitoring_addressee GROUP BY 1, 2 ORDER BY 2, 1')).toEqual([
      ['careers', 2025, 8],
      ['leaders', 2025, 8],
      ['mentoring', 2025, 8],
      ['preschool', 2025, 3],
      ['upbringing', 2025, 8],
      ['careers', 2026, 8],
      ['leaders', 2026, 8],
      ['mentoring', 2026, 8],
      ['preschool', 2026, 3],
      ['upbringing', 2026, 8],
    ]);
    const board = statusBoard(db, 'careers', 2026, '2026-06-10');
    expect(board.filter((r) => r.status !== 'accepted').map((r) => [r.school, r.status, r.problems])).toEqual([
      ['МБОУ «СОШ №5»', 'late', []],
      [
        'МБОУ «СОШ №8»',
        'refused',
        ['лист «Форма», ячейка D12 («из них прошли профессиональные пробы»): значение «35%» — можно вписать: целое число от 0 до 5000, не больше строки 1'],
      ],
    ]);
    expect(campaigns(db, '2026-06-10').map((c) => [c.formId, c.yearLabel, c.accepted, c.late, c.refused, c.missing])).toEqual([
      ['careers', '2025/2026', 7, 1, 1, 0],
      ['leaders', '2025/2026', 8, 1, 0, 0],
      ['mentoring', '2025/2026', 8, 1, 0, 0],
      ['preschool', '2025/2026', 3, 0, 0, 0],
      ['upbringing', '2025/2026', 8, 1, 0, 0],
      ['careers', '2024/2025', 8, 0, 0, 0],
      ['leaders', '2024/2025', 8, 0, 0, 0],
      ['mentoring', '2024/2025', 8, 0, 0, 0],
      ['preschool', '2024/2025', 3, 0, 0, 0],
      ['upbringing', '2024/2025', 8, 0, 0, 0],
    ]);
    const municipality = Number(queryValue(db, 'SELECT municipality_id FROM municipality'));
    // Σ covered / Σ pupils: 77 % and 44 % exactly (the pupils sum to a multiple of 100)
    expect(run(db, 'B3', { municipality }).map((r) => [r.year, r.schools, r.covered_pct])).toEqual([
      ['2024/2025', 8, 77],
      ['2025/2026', 8, 44],
    ]);
    expect(run(db, 'B2', { year: 2026, municipality, scheme: '', hide_small: 0 }).at(-1)).toMatchObject({ covered_pct: 44, prev_pct: 77, change_pp: -33 });
    expect(run(db, 'D1', { year: 2025, municipality, scheme: '', hide_small: 0 }).at(-1)).toMatchObject({ covered_pct: 77 });
    expect(run(db, 'D1', { year: 2026, municipality, scheme: '', hide_small: 0 }).at(-1)).toMatchObject({ covered_pct: 44 });
    // the справка «Мониторинги МСОКО»: the same 44 % in the drafted paragraph of its additional-education section
    const report = buildReport(db, 'monitoring', {}, new Date('2026-06-10T09:00:00Z'));
    expect(report.meta.title).toBe('Аналитическая справка по итогам мониторингов МСОКО за 2025/2026 учебный год');
    expect(report.sections.find((s) => s.title === 'Охват дополнительным образованием')?.paragraph).toContain('Охват — 44');
    expect(reportWordingProblems(report)).toEqual([]);
    // P1 2025/2026 without СОШ №8 (refused): seven schools
    expect(run(db, 'P3', { municipality }).map((r) => [r.year, r.schools])).toEqual([
      ['2024/2025', 8],
      ['2025/2026', 7],
    ]);
  });
});
